-- tweeter.fetch end to end through libcurl against spec/mock_server.py on 127.0.0.1.
local fetch = require 'tweeter.fetch'
local http = require 'tweeter.http'
local posts = require 'tweeter.posts'
local mock = require 'mock'
local helper = require 'helper'

local m, waits
local real_getenv = fetch.getenv

local function opts(extra)
  waits = {}
  local o = { api_base = m.base, timeout = 2, backoff = 0.01,
    sleep = function(s) waits[#waits + 1] = s end }
  for k, v in pairs(extra or {}) do o[k] = v end
  return o
end

local total = helper.sum

local function use_token(token)
  fetch.getenv = function(name)
    if name == 'TWITTER_BEARER_TOKEN' then return token end
    return real_getenv(name)
  end
end

-- Fails unless the list is newest first with unique string ids.
local function assert_well_formed(list)
  local seen = {}
  for i, p in ipairs(list) do
    assert.is_string(p.id)
    assert.is_string(p.text)
    assert.is_nil(seen[p.id], 'duplicate id ' .. p.id)
    seen[p.id] = true
    if i > 1 then assert.is_true(posts.id_less(p.id, list[i - 1].id)) end
  end
end

local function fails_with(expected, ok, msg)
  assert.is_nil(ok)
  assert.are.equal(expected, msg)
  assert.is_nil(msg:find(mock.TOKEN, 1, true))
end

local function timeline_requests()
  local out = {}
  for _, r in ipairs(m:log()) do
    if r.path:match('/tweets$') then out[#out + 1] = r end
  end
  return out
end

local function tmpfile() return helper.tmppath('.jsonl') end

-- For the enclosing describe: the mock server, and the mock's X token in the environment
-- before each spec (the real getenv back after the last).
local function serve_with_token()
  mock.serve(function(s) m = s end)
  lazy_teardown(function() fetch.getenv = real_getenv end)
  before_each(function() use_token(mock.TOKEN) end)
end

-- Fetches all of `who` from `source` with opts(): exactly n posts, all well formed, and
-- the fetch says it is complete. Returns the posts.
local function fetch_complete(source, who, n)
  local list, info = fetch[source](who, opts())
  assert.are.equal(n, #list)
  assert.is_true(info.complete)
  assert_well_formed(list)
  return list
end

describe('fetch.twitter', function()
  serve_with_token()

  it('pages a timeline to the end, newest first, retweets and replies left out', function()
    local list = fetch_complete('twitter', '@baker', 176)   -- 250 minus 25 retweets and 49 replies (mock's rules)
    assert.are.equal('1800000000000249007', list[1].id)   -- 19 digits, exact
    assert.are.equal('post 249 by baker: bread & code <3', list[1].text)
    assert.are.equal('2024-10-26T09:09:00.000Z', list[1].created_at)
    for _, p in ipairs(list) do
      assert.is_nil(p.text:match('^RT @'))
      assert.is_nil(p.text:match('^@someone_else'))
    end
    local reqs = timeline_requests()
    assert.are.equal(2, #reqs)
    assert.are.equal('100', reqs[1].query.max_results)
    assert.are.equal('retweets,replies', reqs[1].query.exclude)
    assert.truthy(reqs[1].query['tweet.fields']:match('note_tweet'))
    assert.is_nil(reqs[1].query.pagination_token)
    assert.are.equal('tok1', reqs[2].query.pagination_token)
    assert.are.equal('yes', reqs[1].auth)
    assert.are.equal(3, #m:log())   -- one lookup, two pages
  end)

  it('keeps retweets and replies when asked, and fetches long posts whole', function()
    local list = fetch.twitter('baker', opts { include_retweets = true, include_replies = true })
    assert.are.equal(250, #list)
    local long
    for _, p in ipairs(list) do if p.id == '1800000000000003007' then long = p end end
    assert.truthy(long.text:match(', but here it is whole: flour flour .* the end$'))
    assert.is_nil(timeline_requests()[1].query.exclude)
  end)

  it('stops at a limit, asking for no more than it needs', function()
    local list, info = fetch.twitter('baker', opts { limit = 30 })
    assert.are.equal(30, #list)
    assert.is_false(info.complete)
    assert.are.equal('30', timeline_requests()[1].query.max_results)
    assert_well_formed(list)
  end)

  it('stops at the 3,200-post history cap', function()
    local list, info = fetch.twitter('prolific', opts { include_retweets = true, include_replies = true })
    assert.are.equal(3200, #list)
    assert.is_true(info.complete)
    assert.are.equal(32, #timeline_requests())
    assert.are.equal('1800000000003500007', list[1].id)
  end)

  it('keeps going through short and empty pages while there is a next_token', function()
    local list = fetch.twitter('shortpages', opts { include_retweets = true, include_replies = true })
    assert.are.equal(30, #list)
    assert.are.equal(4, #timeline_requests())
    assert_well_formed(list)
  end)

  it('returns an empty list for an empty timeline', function()
    local list, info = fetch.twitter('emptyone', opts())
    assert.are.same({}, list)
    assert.is_true(info.complete)
  end)

  it('asks only for posts newer than since_id', function()
    local list = fetch.twitter('baker', opts { since_id = '1800000000000240007' })
    assert.are.equal('1800000000000240007', timeline_requests()[1].query.since_id)
    assert.are.equal(7, #list)    -- 241..249 minus the reply at 245 and the self-reply at 242
    for _, p in ipairs(list) do assert.is_true(posts.id_less('1800000000000240007', p.id)) end
  end)

  it('names unknown, suspended and protected users (errors inside a 200)', function()
    fails_with('X user @nobody_here not found', fetch.twitter('nobody_here', opts()))
    fails_with('X user @suspended_one is suspended', fetch.twitter('suspended_one', opts()))
    fails_with('X user @protected_one is protected: their posts are visible only to approved followers',
      fetch.twitter('protected_one', opts()))
    fails_with('X user @suspended_tl is suspended', fetch.twitter('suspended_tl', opts()))
  end)

  it('rejects a malformed handle before any request', function()
    fails_with("invalid X handle 'way_too_long_handle_x' (expected 1 to 15 letters, digits or _)",
      fetch.twitter('way_too_long_handle_x', opts()))
    fails_with("invalid X handle 'a.b' (expected 1 to 15 letters, digits or _)", fetch.twitter('a.b', opts()))
    assert.are.same({}, m:log())
  end)

  it('says the token is missing, or wrong (401), without showing it', function()
    use_token(nil)
    fails_with('TWITTER_BEARER_TOKEN is not set: export the bearer token of your X developer App '
      .. 'in that environment variable (it is never taken from the command line)',
      fetch.twitter('baker', opts()))
    use_token('wrong-SECRET-token-123')
    local ok, msg = fetch.twitter('baker', opts())
    fails_with('X API refused the bearer token (http 401 Unauthorized): TWITTER_BEARER_TOKEN is '
      .. 'missing, wrong, expired or revoked', ok, msg)
    assert.is_nil(msg:find('wrong-SECRET', 1, true))
  end)

  it('explains a 403 client-forbidden', function()
    fails_with('X API: this token lacks access to the v2 timeline (http 403 Client Forbidden, '
      .. 'client-not-enrolled): use keys from a developer App attached to a Project with the '
      .. 'right access level', fetch.twitter('forbidden', opts()))
  end)

  it('stops at once on the monthly usage cap', function()
    fails_with('X API monthly usage cap reached (Usage cap exceeded: Monthly product cap): waiting '
      .. 'will not help; fetch again when the cap resets or after upgrading the plan',
      fetch.twitter('usage_capped', opts()))
    assert.are.same({}, waits)
    assert.are.equal(1, #timeline_requests())
  end)

  it('waits for the x-rate-limit-reset on 429, showing progress, then completes', function()
    local events = {}
    local list = fetch.twitter('ratelimited', opts { progress = function(e) events[#events + 1] = e end })
    assert.are.equal(105, #list)
    assert_well_formed(list)
    local w = total(waits)
    assert.truthy(w >= 29 and w <= 33, 'waited ' .. w)
    local saw_wait, saw_page = false, false
    for _, e in ipairs(events) do
      if e.event == 'wait' and e.reason == 'rate limit' then saw_wait = true end
      if e.event == 'page' then saw_page = true end
    end
    assert.is_true(saw_wait and saw_page)
    assert.are.equal(3, #timeline_requests())   -- page 1, the 429, page 2 again
  end)

  it('stops with the retry time when the reset is beyond max_wait', function()
    local ok, msg = fetch.twitter('ratelimit_far', opts { max_wait = 60 })
    assert.is_nil(ok)
    assert.truthy(msg:match('^X API: rate limited by http://127%.0%.0%.1:%d+/2/users/%d+/tweets; '
      .. 'retry after %d+%-%d%d%-%d%d %d%d:%d%d:%d%d UTC %(in 60 min%)$'), msg)
    assert.are.same({}, waits)
  end)

  it('backs off on a 429 without headers (v1.1 body), then completes', function()
    local list = fetch.twitter('ratelimit_v11', opts())
    assert.are.equal(105, #list)
    assert.are.same({ 0.01 }, waits)
  end)

  it('gives up on a 429 without headers after bounded backoff', function()
    local ok, msg = fetch.twitter('ratelimit_bare', opts { retries = 2 })
    assert.is_nil(ok)
    assert.truthy(msg:match('^X API: rate limited by .+ %(no reset time given%) after 3 attempts; retry later$'), msg)
    assert.are.equal(2, #waits)
  end)

  it('retries a 503 once then succeeds, and reports a lasting 500', function()
    assert.are.equal(105, #fetch.twitter('flaky', opts()))
    assert.are.equal(1, #waits)
    local ok, msg = fetch.twitter('gone_bad', opts { retries = 1 })
    assert.is_nil(ok)
    assert.truthy(msg:match('^X API timeline failed: server error %(http 500%) from http://127%.0%.0%.1:%d+/2/users/%d+/tweets after 2 attempts$'), msg)
  end)

  it('retries a stalled server, then reports the timeout', function()
    m:set('stall', '2')
    local ok, msg = fetch.twitter('stall', opts { timeout = 0.2, retries = 1 })
    assert.is_nil(ok)
    assert.truthy(msg:match('^X API timeline failed: .*[Tt]imed? ?out.* %(GET http://127%.0%.0%.1:%d+/2/users/%d+/tweets, 2 attempts%)$'), msg)
    assert.is_nil(msg:find(mock.TOKEN, 1, true))
  end)

  it('reports a connection dropped mid-body with the posts fetched so far', function()
    m:set('drop', '1')
    local ok, msg, partial = fetch.twitter('dropper', opts { retries = 1 })
    assert.is_nil(ok)
    assert.truthy(msg:match('^X API timeline failed: .+ %(GET .+, 2 attempts%)$'), msg)
    assert.are.equal(200, #partial)
  end)

  it('treats malformed JSON as an error, not a crash', function()
    fails_with('X API timeline returned malformed JSON (http 200)', fetch.twitter('badjson', opts()))
  end)

  it('stops when the same pagination token comes back twice', function()
    local ok, msg, partial = fetch.twitter('looping', opts())
    fails_with('X API returned the same pagination token twice (tok1); stopping to avoid a loop', ok, msg)
    assert.are.equal(105, #partial)
  end)

  it('reads the token from the real environment, and never prints it', function()
    local code = ([[
      package.path = 'lua/?.lua;' .. package.path
      package.cpath = 'build/?.so;' .. package.cpath
      local fetch = require 'tweeter.fetch'
      local list, err = fetch.twitter('baker', { api_base = '%s', limit = 5 })
      print(list and #list or err)
      print((select(2, fetch.twitter('nobody_here', { api_base = '%s' }))))
    ]]):format(m.base, m.base)
    local f = io.open(os.tmpname(), 'w')
    local script = os.tmpname()
    f:close()
    f = assert(io.open(script, 'w'))
    f:write(code)
    f:close()
    local p = io.popen("TWITTER_BEARER_TOKEN='" .. mock.TOKEN .. "' lua5.4 " .. script .. ' 2>&1')
    local out = p:read('a')
    p:close()
    os.remove(script)
    assert.are.equal('5\nX user @nobody_here not found\n', out)
  end)
end)

describe('fetch.mastodon', function()
  mock.serve(function(s) m = s end)

  it('follows Link rel="next" to the end; boosts and replies left out; HTML to text', function()
    local list = fetch_complete('mastodon', '@alice@social.example', 75)   -- 95 minus 10 boosts and 10 replies to others
    assert.are.equal('toot 95 from alice & friends', list[1].text)
    local two
    for _, p in ipairs(list) do if p.id == '112345678900000200' then two = p end end
    assert.are.equal('Sourdough day. Starter is "alive" & loud.\nNext: https://blog.example.org/bread'
      .. "\n\n#baking it's <fine>", two.text)
    local reqs = m:log()
    assert.are.equal('/api/v1/accounts/lookup', reqs[1].path)
    assert.are.equal('alice', reqs[1].query.acct)
    assert.are.equal(3, #reqs)       -- lookup, a full page of 40 with rel="next", the rest
    assert.are.equal('40', reqs[2].query.limit)
    assert.are.equal('true', reqs[2].query.exclude_reblogs)
    assert.are.equal('true', reqs[2].query.exclude_replies)
    assert.is_nil(reqs[2].query.max_id)
    assert.are.equal(list[40].id, reqs[3].query.max_id)
  end)

  it('returns an empty list for an account without posts', function()
    assert.are.same({}, (fetch.mastodon('emptyacct@social.example', opts())))
  end)

  it('names unknown and suspended accounts and closed instances', function()
    fails_with('Mastodon account @nobody@social.example not found', fetch.mastodon('@nobody@social.example', opts()))
    fails_with('Mastodon account @suspended@social.example is suspended', fetch.mastodon('@suspended@social.example', opts()))
    fails_with('Mastodon instance of @locked_api@social.example does not allow public API reads '
      .. '(http 401: This API requires an authenticated user)', fetch.mastodon('@locked_api@social.example', opts()))
    fails_with("invalid Mastodon handle 'alice' (expected @user@instance)", fetch.mastodon('alice', opts()))
  end)

  it('waits until the ISO X-RateLimit-Reset on 429, then completes', function()
    local list = fetch.mastodon('@ratelimited@social.example', opts())
    assert.are.equal(47, #list)
    local w = total(waits)
    assert.truthy(w >= 19 and w <= 23, 'waited ' .. w)
  end)

  it('retries a 503, and reports malformed JSON and loops', function()
    assert.are.equal(8, #fetch.mastodon('@flaky@social.example', opts()))
    fails_with('Mastodon statuses returned malformed JSON (http 200)', fetch.mastodon('@badjson@social.example', opts()))
    local ok, msg, partial = fetch.mastodon('@looping@social.example', opts())
    fails_with('Mastodon returned the same next page twice (max_id=999); stopping to avoid a loop', ok, msg)
    assert.truthy(#partial > 0)
  end)
end)

describe('fetch.bluesky', function()
  mock.serve(function(s) m = s end)

  it('pages on cursor to the end; reposts, pins and replies left out', function()
    local list = fetch_complete('bluesky', 'alice.bsky.social', 100)   -- 130 minus 13 reposts and 17 replies
    assert.truthy(list[1].id:match('^at://did:plc:alicez+/app%.bsky%.feed%.post/%w+$'))
    assert.are.equal('skeet 129 from alice 🍞 naïve café', list[1].text)
    for _, p in ipairs(list) do assert.is_nil(p.text:match("someone else's")) end
    local reqs = m:log()
    assert.are.equal('/xrpc/app.bsky.actor.getProfile', reqs[1].path)
    assert.are.equal('did:plc:alicezzzzzzzzzzzzzzzzzzz', reqs[2].query.actor)
    assert.are.equal('posts_no_replies', reqs[2].query.filter)
    assert.are.equal('100', reqs[2].query.limit)
    assert.are.equal('c100', reqs[3].query.cursor)
    assert.are.equal(3, #reqs)
  end)

  it('keeps going through short and empty pages that carry a cursor', function()
    local list = fetch.bluesky('shorty.bsky.social', opts())
    assert.are.equal(15, #list)
    assert.are.equal(5, #m:log())   -- profile + 4 pages (4, 0, 2, rest)
  end)

  it('stops at since_id', function()
    local all = fetch.bluesky('alice.bsky.social', opts())
    local list = fetch.bluesky('alice.bsky.social', opts { since_id = all[3].id })
    assert.are.same({ all[1], all[2] }, list)
  end)

  it('names an unknown account and reports a non-JSON error page and a cursor loop', function()
    fails_with('Bluesky account nobody.bsky.social not found (Profile not found)',
      fetch.bluesky('nobody.bsky.social', opts()))
    fails_with('Bluesky API: http 400 with a body that is not JSON', fetch.bluesky('htmlerr.bsky.social', opts()))
    fails_with('Bluesky returned the same cursor twice (c1); stopping to avoid a loop',
      fetch.bluesky('loop.bsky.social', opts()))
    fails_with("invalid Bluesky handle 'no spaces' (expected name.bsky.social or a DID)",
      fetch.bluesky('no spaces', opts()))
  end)

  it('waits until RateLimit-Reset on 429 and retries a 502', function()
    assert.are.equal(115, #fetch.bluesky('ratelimited.bsky.social', opts()))
    local w = total(waits)
    assert.truthy(w >= 39 and w <= 43, 'waited ' .. w)
    assert.are.equal(15, #fetch.bluesky('flaky.bsky.social', opts()))
    assert.are.equal(1, #waits)
  end)
end)

describe('fetch.fetch', function()
  serve_with_token()

  it('tells sources apart by the handle', function()
    assert.are.equal('mastodon', fetch.source_of('@alice@social.example'))
    assert.are.equal('bluesky', fetch.source_of('alice.bsky.social'))
    assert.are.equal('bluesky', fetch.source_of('did:plc:abc'))
    assert.are.equal('twitter', fetch.source_of('@baker'))
  end)

  it('dispatches on the handle or on opts.source', function()
    assert.are.equal(176, #fetch.fetch('baker', opts()))
    assert.are.equal(75, #fetch.fetch('@alice@social.example', opts()))
    assert.are.equal(100, #fetch.fetch('alice.bsky.social', opts { source = 'bluesky' }))
    fails_with("unknown source 'myspace' (expected twitter, mastodon or bluesky)",
      fetch.fetch('baker', opts { source = 'myspace' }))
  end)

  it('raises on bad options', function()
    assert.error_matches(function() fetch.fetch('baker', { limt = 3 }) end, "unknown option 'limt'")
    assert.error_matches(function() fetch.fetch('baker', { limit = 0 }) end, 'positive integer expected')
    assert.error_matches(function() fetch.fetch('baker', { api_base = 'ftp://x' }) end, 'http:// or https:// URL expected')
    assert.error_matches(function() fetch.fetch(nil) end, 'string expected, got nil')
  end)
end)

describe('fetch.update', function()
  serve_with_token()

  local function ids(list)
    local out = {}
    for i, p in ipairs(list) do out[i] = p.id end
    return out
  end

  for _, case in ipairs({
    { source = 'twitter', handle = 'dropper', first = 200, all = 316 },
    { source = 'mastodon', handle = '@dropper@social.example', first = 40, all = 78 },
    { source = 'bluesky', handle = 'dropper.bsky.social', first = 88, all = 268 },
  }) do
    it('completes a ' .. case.source .. ' fetch interrupted by a dropped connection, without duplicates', function()
      local path = tmpfile()
      m:set('drop', '1')
      local ok, msg = fetch.update(case.handle, path, opts { retries = 1 })
      assert.is_nil(ok)
      assert.truthy(msg:match(('%%(%d new posts saved to '):format(case.first) .. path:gsub('%p', '%%%0')
        .. '; fetch again to continue%)$'), msg)
      local saved = assert(posts.load(path))
      assert.are.equal(case.first, #saved)
      assert.truthy(io.open(path .. '.resume')):close()

      m:set('drop', '0')
      local list, info = assert(fetch.update(case.handle, path, opts()))
      assert.are.equal(case.all, #list)
      assert.are.equal(case.all - case.first, info.added)
      assert.is_true(info.complete)
      assert.is_nil(io.open(path .. '.resume'))
      assert_well_formed(list)
      -- the same as one uninterrupted fetch, cleaned
      local fresh = tmpfile()
      local whole = assert(fetch.update(case.handle, fresh, opts()))
      assert.are.same(ids(whole), ids(list))
      assert.are.same(whole, assert(posts.load(path)))
      -- and a later fetch asks only for newer posts
      m:reset()
      local again, info2 = assert(fetch.update(case.handle, path, opts()))
      assert.are.equal(0, info2.added)
      assert.are.equal(case.all, #again)
      os.remove(path); os.remove(fresh)
    end)
  end

  it('asks with since_id = the newest saved id, and merges', function()
    local path = tmpfile()
    local list = assert(fetch.update('baker', path, opts()))
    m:reset()
    assert(fetch.update('baker', path, opts()))
    local reqs = timeline_requests()
    assert.are.equal(1, #reqs)
    assert.are.equal(list[1].id, reqs[1].query.since_id)
    os.remove(path)
  end)

  it('continues a fetch that a limit stopped', function()
    local path = tmpfile()
    local list, info = assert(fetch.update('baker', path, opts { limit = 50 }))
    assert.are.equal(50, #list)
    assert.is_false(info.complete)
    list = assert(fetch.update('baker', path, opts { limit = 50 }))
    assert.are.equal(100, #list)
    list, info = assert(fetch.update('baker', path, opts()))
    assert.are.equal(176, #list)
    assert.is_true(info.complete)
    assert_well_formed(list)
    os.remove(path)
  end)

  it('cleans what it saves and keeps the existing store on failure', function()
    local path = tmpfile()
    assert(posts.save(path, { { id = '1', text = 'an old post' } }))
    local ok, msg = fetch.update('nobody_here', path, opts())
    assert.is_nil(ok)
    assert.are.equal('X user @nobody_here not found', msg)
    assert.are.same({ { id = '1', text = 'an old post' } }, posts.load(path))
    local list = assert(fetch.update('@alice@social.example', path, opts { clean = { mask_mentions = true } }))
    for _, p in ipairs(list) do
      assert.is_nil(p.text:find('\n'))
      assert.is_nil(p.text:find('http', 1, true))
    end
    os.remove(path); os.remove(path .. '.resume')
  end)

  it('reports a corrupt store instead of overwriting it', function()
    local path = tmpfile()
    local f = io.open(path, 'w'); f:write('{"id":"1","text":"ok"}\nnot json\n'); f:close()
    local ok, msg = fetch.update('baker', path, opts())
    assert.is_nil(ok)
    assert.are.equal(path .. ':2: not a JSON object', msg)
    os.remove(path)
  end)
end)

describe('fetch of text from an API', function()
  local real_new = http.new
  local responses
  before_each(function()
    fetch.getenv = function(name) return name == 'TWITTER_BEARER_TOKEN' and 'secret-token' or nil end
    http.new = function()
      return setmetatable({
        get = function()
          local r = table.remove(responses, 1)
          return r[1], r[2], r[3] or {}
        end,
      }, { __close = function() end })
    end
  end)
  after_each(function()
    http.new, fetch.getenv = real_new, real_getenv
  end)

  local INJECT = '\27]0;owned\7\27[2J'
  local function assert_escaped(msg)
    assert.is_string(msg)
    assert.is_nil(msg:find('[%z\1-\31\127]'), msg)
    assert.is_truthy(msg:find('\\x1b]0;owned\\x07\\x1b[2J', 1, true), msg)
  end

  it('an error detail is escaped', function()
    responses = { { 403, ('{"detail":"%s"}'):format(INJECT:gsub('[%c]', function(c)
      return ('\\u%04x'):format(c:byte()) end)) } }
    local ok, msg = fetch.twitter('someone', { api_base = 'https://api.example' })
    assert.is_nil(ok)
    assert_escaped(msg)
    responses = { { 200, '{"id":"7"}' }, { 500, ('{"error":"%s"}'):format(INJECT:gsub('[%c]', function(c)
      return ('\\u%04x'):format(c:byte()) end)) } }
    ok, msg = fetch.mastodon('@a@social.example', { api_base = 'https://social.example' })
    assert.is_nil(ok)
    assert_escaped(msg)
    responses = { { 500, ('{"error":"x","message":"%s"}'):format(INJECT:gsub('[%c]', function(c)
      return ('\\u%04x'):format(c:byte()) end)) } }
    ok, msg = fetch.bluesky('a.bsky.social', { api_base = 'https://bsky.example' })
    assert.is_nil(ok)
    assert_escaped(msg)
  end)

  it('a pagination token is escaped', function()
    local escaped = INJECT:gsub('[%c]', function(c) return ('\\u%04x'):format(c:byte()) end)
    local page = ('{"data":[{"id":"5","text":"hi"}],"meta":{"next_token":"%s"}}'):format(escaped)
    responses = { { 200, '{"data":{"id":"42","username":"someone"}}' }, { 200, page }, { 200, page } }
    local ok, msg = fetch.twitter('someone', { api_base = 'https://api.example' })
    assert.is_nil(ok)
    assert.matches('same pagination token twice', msg)
    assert_escaped(msg)
  end)

  it('the bearer token goes over http:// only to loopback hosts', function()
    for url, allowed in pairs({
      ['https://api.x.com'] = true, ['HTTPS://api.x.com/2'] = true,
      ['http://127.0.0.1:8080'] = true, ['http://127.9.9.9/x'] = true, ['http://localhost'] = true,
      ['http://LOCALHOST:1/'] = true, ['http://[::1]:8080/'] = true, ['http://u:p@127.0.0.1/'] = true,
      ['http://api.x.com'] = false, ['http://10.0.0.1'] = false, ['http://127.0.0.1.evil.example'] = false,
      ['http://127.0.0.1@evil.example/'] = false, ['http://evil.example#@127.0.0.1'] = false,
      ['http://127.0.0.300/'] = false, ['http://localhost.evil.example'] = false,
      ['http://[::2]/'] = false, ['ftp://127.0.0.1'] = false,
    }) do
      local ok, msg = http.check_token_url(url)
      if allowed then
        assert.is_true(ok, url)
      else
        assert.is_nil(ok, url)
        assert.matches('use an https:// URL', msg)
      end
    end
    -- fetch refuses before it makes a client, so before any connection
    http.new = function() error('a client was made for a plain-http, non-loopback URL') end
    local ok, msg = fetch.twitter('someone', { api_base = 'http://api.example' })
    assert.is_nil(ok)
    assert.matches('refusing to send the bearer token to http://api.example in clear text: use an https:// URL', msg)
    assert.is_nil(msg:find('secret-token', 1, true))
  end)
end)

describe('fetch against network faults', function()
  mock.serve(function(s) m = s end)

  -- opts() with two retries: three attempts
  local function with_retries(extra)
    local o = opts(extra)
    o.retries = 2
    return o
  end

  local SOURCES = {
    { 'mastodon', '@baker@example.org', 'Mastodon account lookup failed: ' },
    { 'bluesky', 'baker.bsky.social', 'Bluesky profile lookup failed: ' },
  }

  -- Fetches from every source with with_retries(extra); each must fail, and `check` sees its message.
  local function each_source_fails(extra, check)
    for _, s in ipairs(SOURCES) do
      local ok, msg = fetch[s[1]](s[2], with_retries(extra))
      assert.is_nil(ok)
      check(msg, s)
    end
  end

  it('connection refused: a clear message after the bounded retries', function()
    each_source_fails({ api_base = 'http://127.0.0.1:1' }, function(msg, s)
      assert.matches('^' .. s[3]:gsub('%p', '%%%0') .. '.*127%.0%.0%.1.* %(GET http://127%.0%.0%.1:1/.+, 3 attempts%)$', msg)
      -- bounded: 3 attempts, and between them only the (injected) backoff waits
      assert.are.same({ 0.01, 0.02 }, waits)
    end)
  end)

  it('connection reset mid-body: retried, then reported', function()
    m:set('force', 'reset')
    each_source_fails(nil, function(msg)
      assert.matches('[Rr]eset', msg)
      assert.matches('3 attempts%)$', msg)
      assert.are.equal(2, #waits)
    end)
    local h <close> = require('tweeter.core').http { timeout = 2000 }
    local ok, _, kind = h:get(m.base .. '/api/v1/accounts/lookup')
    assert.is_nil(ok)
    assert.are.equal('dropped', kind)
  end)

  it('a server that never answers: bounded by the timeout', function()
    -- the server would stall far longer than any timeout: only the timeout ends a request
    m:set('stall', '30')
    m:set('force', '')
    local h <close> = require('tweeter.core').http { timeout = 300 }
    local ok, msg, kind = h:get(m.base .. '/http/stall')
    assert.is_nil(ok)
    assert.are.equal('timeout', kind)
    assert.matches('[Tt]imed? ?out', msg)
    -- the whole fetch, retries included, stays within attempts x timeout: each of the 3
    -- attempts ended by its timeout, and the only other waits are the injected backoffs
    local fok, fmsg = fetch.bluesky('baker.bsky.social', with_retries { timeout = 0.3, api_base = m.base .. '/http/stall?x=' })
    assert.is_nil(fok)
    assert.matches('[Tt]imed? ?out', fmsg)
    assert.matches('3 attempts%)$', fmsg)
    assert.are.same({ 0.01, 0.02 }, waits)
  end)

  it('a 5xx storm: bounded retries and a message naming the status', function()
    m:set('force', '503')
    each_source_fails(nil, function(msg)
      assert.matches('server error %(http 503%) from http://127%.0%.0%.1:%d+/.+ after 3 attempts$', msg)
      assert.are.same({ 0.01, 0.02 }, waits)
    end)
    assert.are.equal(6, #m:log())
  end)

  it('a redirect loop is not followed: one request, a message naming the 302', function()
    m:set('force', 'redirect')
    local ok, msg = fetch.mastodon('@baker@example.org', with_retries())
    assert.is_nil(ok)
    assert.are.equal('Mastodon API: unexpected http 302', msg)
    ok, msg = fetch.bluesky('baker.bsky.social', with_retries())
    assert.is_nil(ok)
    assert.are.equal('Bluesky API: http 302 with a body that is not JSON', msg)
    assert.are.equal(2, #m:log())
  end)

  it('refuses an HTTPS server with a self-signed certificate', function()
    local tls = helper.tmpdir()
    assert(os.execute(('openssl req -x509 -newkey rsa:2048 -nodes -subj /CN=localhost -days 1 '
      .. '-keyout %s -out %s > /dev/null 2>&1'):format(helper.quote(tls .. '/key.pem'), helper.quote(tls .. '/cert.pem'))),
      'openssl is needed (scripts/deps.sh installs it with ca-certificates)')
    helper.write(tls .. '/server.py', ([[
import http.server, os, ssl, sys, threading, time
class H(http.server.BaseHTTPRequestHandler):
  def do_GET(self):
      body = b'{"did": "did:plc:x"}'
      self.send_response(200)
      self.send_header('Content-Length', str(len(body)))
      self.end_headers()
      self.wfile.write(body)
  def log_message(self, *a):
      pass
ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
ctx.load_cert_chain(%q, %q)
srv = http.server.ThreadingHTTPServer(('127.0.0.1', 0), H)
srv.socket = ctx.wrap_socket(srv.socket, server_side=True)
srv.handle_error = lambda *a: None
parent = os.getppid()
def watchdog():
  t0 = time.time()
  while os.getppid() == parent and time.time() - t0 < 60:
      time.sleep(0.2)
  os._exit(0)
threading.Thread(target=watchdog, daemon=True).start()
print(srv.server_address[1], os.getpid(), flush=True)
srv.serve_forever()
]]):format(tls .. '/cert.pem', tls .. '/key.pem'))
    local pipe = assert(io.popen('exec python3 ' .. helper.quote(tls .. '/server.py') .. ' 2>/dev/null'))
    local port, pid = (pipe:read('l') or ''):match('^(%d+) (%d+)$')
    assert(port, 'TLS server did not start')
    local h <close> = require('tweeter.core').http { timeout = 5000 }
    local ok, msg, kind = h:get('https://127.0.0.1:' .. port .. '/')
    assert.is_nil(ok)
    assert.are.equal('tls', kind)
    assert.matches('[Cc]ertificate', msg)
    local fok, fmsg = fetch.bluesky('baker.bsky.social', with_retries { api_base = 'https://localhost:' .. port })
    assert.is_nil(fok)
    assert.matches('^Bluesky profile lookup failed: .*[Cc]ertificate.* %(GET https://localhost:%d+/xrpc/app%.bsky%.actor%.getProfile%)$', fmsg)
    assert.are.same({}, waits)   -- not retried: it would fail the same way
    os.execute('kill ' .. pid .. ' 2>/dev/null')
    pipe:close()
    helper.rm_rf(tls)
  end)
end)
