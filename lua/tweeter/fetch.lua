--- Fetching a person's posts from X (API v2), Mastodon and Bluesky, through libcurl.
-- Every function returns posts `{ id = '…', text = '…', created_at = '…' }` newest first
-- (ids are always strings), or `nil, message`. Texts are plain UTF-8 (X's `&amp; &lt; &gt;`
-- decoded, Mastodon HTML turned into text); further cleaning is `tweeter.clean`'s job.
-- `fetch.update` keeps a local posts file up to date, incrementally and resumably.
local cjson = require 'cjson'
local http = require 'tweeter.http'
local core = require 'tweeter.core'
local clean = require 'tweeter.clean'
local posts = require 'tweeter.posts'
local files = require 'tweeter.files'
-- every piece of a response quoted in a message goes through it (see tweeter.terminal)
local escape = require('tweeter.terminal').escape

local M = {}

--- How the X bearer token is read: `M.getenv('TWITTER_BEARER_TOKEN')`. It is never taken
-- from an argument. (Specs replace this function; nothing else should.)
M.getenv = os.getenv

M.X_API = 'https://api.x.com'
M.BLUESKY_API = 'https://public.api.bsky.app'
M.X_CAP = 3200

local OPTIONS = {
  source = 'string', api_base = 'string', limit = 'number', include_retweets = 'boolean',
  include_replies = 'boolean', since_id = 'string', until_id = 'string', max_wait = 'number',
  timeout = 'number', progress = 'function', on_page = 'function', sleep = 'function',
  now = 'function', retries = 'number', backoff = 'number', max_pages = 'number',
  clean = 'table',
}

local function check_opts(opts, fname)
  if opts == nil then return {} end
  if type(opts) ~= 'table' then
    error(('bad argument #2 to \'%s\' (table expected, got %s)'):format(fname, type(opts)), 3)
  end
  for k, v in pairs(opts) do
    local want = OPTIONS[k]
    if not want then
      error(('bad argument #2 to \'%s\' (unknown option \'%s\')'):format(fname, tostring(k)), 3)
    end
    if type(v) ~= want then
      error(('bad option \'%s\' to \'%s\' (%s expected, got %s)'):format(k, fname, want, type(v)), 3)
    end
  end
  if opts.limit ~= nil and (math.type(opts.limit) ~= 'integer' or opts.limit < 1) then
    error(('bad option \'limit\' to \'%s\' (positive integer expected, got %s)'):format(fname,
      tostring(opts.limit)), 3)
  end
  if opts.api_base ~= nil and not opts.api_base:match('^https?://[^/]') then
    error(('bad option \'api_base\' to \'%s\' (an http:// or https:// URL expected, got \'%s\')')
      :format(fname, opts.api_base), 3)
  end
  return opts
end

local function new_client(opts)
  return http.new {
    timeout = opts.timeout, max_wait = opts.max_wait, progress = opts.progress,
    sleep = opts.sleep, now = opts.now, retries = opts.retries, backoff = opts.backoff,
  }
end

local function base_url(opts, default)
  return ((opts.api_base or default):gsub('/+$', ''))
end

local function query(params)
  local out = {}
  for _, kv in ipairs(params) do
    if kv[2] ~= nil then
      out[#out + 1] = kv[1] .. '=' .. core.url_escape(tostring(kv[2]))
    end
  end
  return table.concat(out, '&')
end

local function is_null(v) return v == nil or v == cjson.null end

-- Decodes a JSON body into an object or array; a parse failure, or a bare value such as
-- `false` (which callers would take for a failure without a message), is a message, never
-- a raise.
local function decode(body, what, status)
  local ok, obj = pcall(cjson.decode, body)
  if not ok then
    return nil, ('%s returned malformed JSON (http %d)'):format(what, status)
  end
  if type(obj) ~= 'table' then
    return nil, ('%s returned JSON that is not an object or an array (http %d)'):format(what, status)
  end
  return obj
end

local function id_le(a, b) return a == b or posts.id_less(a, b) end

local function progress_page(opts, source, page, total)
  if opts.progress then
    opts.progress({ event = 'page', source = source, page = page, count = total })
  end
end

-- Appends a page to the collected list (honouring the limit) and reports it.
-- Returns true when the limit is reached.
local function take_page(opts, collected, page_posts)
  local room = opts.limit and (opts.limit - #collected) or math.huge
  local taken = {}
  for _, p in ipairs(page_posts) do
    if #taken >= room then break end
    taken[#taken + 1] = p
    collected[#collected + 1] = p
  end
  if opts.on_page and #taken > 0 then opts.on_page(taken) end
  return opts.limit ~= nil and #collected >= opts.limit
end

-- ===== X API v2 =====

local function x_problem_suffix(obj)
  local t = type(obj) == 'table' and obj.type
  return type(t) == 'string' and t:match('/2/problems/(.+)$') or nil
end

local function x_usage_cap(body)
  local ok, obj = pcall(cjson.decode, body)
  if ok and type(obj) == 'table' and (x_problem_suffix(obj) == 'usage-capped'
      or obj.title == 'UsageCapExceeded') then
    local detail = type(obj.detail) == 'string' and escape(obj.detail) or 'usage cap exceeded'
    return ('X API monthly usage cap reached (%s): waiting will not help; fetch again when '
      .. 'the cap resets or after upgrading the plan'):format(detail)
  end
  return nil
end

local function x_status_error(status, obj)
  local detail = type(obj) == 'table' and type(obj.detail) == 'string' and escape(obj.detail) or nil
  if status == 401 then
    return 'X API refused the bearer token (http 401 Unauthorized): TWITTER_BEARER_TOKEN is '
      .. 'missing, wrong, expired or revoked'
  elseif status == 403 then
    if x_problem_suffix(obj) == 'client-forbidden' or (type(obj) == 'table'
        and obj.reason == 'client-not-enrolled') then
      return 'X API: this token lacks access to the v2 timeline (http 403 Client Forbidden, '
        .. 'client-not-enrolled): use keys from a developer App attached to a Project with '
        .. 'the right access level'
    end
    return ('X API: access forbidden (http 403%s): the token lacks access to this endpoint')
      :format(detail and (': ' .. detail) or '')
  elseif status == 400 then
    local msg = type(obj) == 'table' and type(obj.errors) == 'table' and type(obj.errors[1]) == 'table'
      and obj.errors[1].message or detail or 'invalid request'
    return ('X API rejected the request (http 400): %s'):format(escape(msg))
  end
  return ('X API: unexpected http %d%s'):format(status, detail and (' (' .. detail .. ')') or '')
end

-- The errors a 200 carries when there is no data: unknown, suspended, protected users.
local function x_user_problem(obj, who)
  local e = type(obj.errors) == 'table' and obj.errors[1]
  if type(e) ~= 'table' then return nil end
  local detail = type(e.detail) == 'string' and escape(e.detail) or ''
  local title = type(e.title) == 'string' and escape(e.title) or ''
  local suffix = x_problem_suffix(e) or ''
  if title == 'Forbidden' or detail:match('suspended') then
    return ('X user %s is suspended'):format(who)
  elseif suffix == 'not-authorized-for-resource' or title == 'Authorization Error' then
    return ('X user %s is protected: their posts are visible only to approved followers')
      :format(who)
  elseif suffix == 'resource-not-found' or title == 'Not Found Error' then
    return ('X user %s not found'):format(who)
  end
  return ('X API error for %s: %s'):format(who, detail ~= '' and detail or title)
end

local function x_get(client, url, token, what)
  local status, body, hdrs = client:get(url, { Authorization = 'Bearer ' .. token },
    { fatal_429 = x_usage_cap })
  if not status then
    if hdrs == 'usage_cap' then return nil, body end
    if hdrs == 'rate_limited' then return nil, 'X API: ' .. body end
    return nil, ('X API %s failed: %s'):format(what, body)
  end
  local obj, err = decode(body, 'X API ' .. what, status)
  if status ~= 200 then return nil, x_status_error(status, obj) end
  if not obj then return nil, err end
  if type(obj) ~= 'table' then
    return nil, ('X API %s returned unexpected JSON (http 200)'):format(what)
  end
  return obj
end

local function x_text(t)
  local text = t.text
  if type(t.note_tweet) == 'table' and type(t.note_tweet.text) == 'string' then
    text = t.note_tweet.text
  end
  return (text:gsub('&lt;', '<'):gsub('&gt;', '>'):gsub('&amp;', '&'))
end

local function x_kind(t, user_id)
  if type(t.text) == 'string' and t.text:match('^RT @') then return 'retweet' end
  local is_reply = false
  if type(t.referenced_tweets) == 'table' then
    for _, r in ipairs(t.referenced_tweets) do
      if type(r) == 'table' and r.type == 'retweeted' then return 'retweet' end
      if type(r) == 'table' and r.type == 'replied_to' then is_reply = true end
    end
  end
  if not is_null(t.in_reply_to_user_id) then is_reply = true end
  if is_reply then
    if t.in_reply_to_user_id == user_id then return 'self_reply' end
    return 'reply'
  end
  return 'post'
end

--- Fetches a user's posts from the X API v2 (user lookup, then the timeline page by page).
-- The bearer token is read from the environment variable `TWITTER_BEARER_TOKEN` only.
-- Stops at the end of the timeline, at the 3,200 most recent posts (the API's cap), or at
-- `opts.limit`. Long posts come whole (`note_tweet`). Retweets and replies to others are
-- left out unless asked for; self-replies (threads) are kept.
-- @param handle string `name` or `@name`
-- @param opts table|nil `api_base` (default https://api.x.com), `limit`, `include_retweets`,
--   `include_replies`, `since_id` (only newer posts), `until_id` (only older posts),
--   `max_wait` (seconds a 429 may wait, default 900), `timeout` (seconds per request, 30),
--   `retries`, `backoff`, `max_pages` (page budget, 200), `progress(event)`, `on_page(posts)`
--   (called with each page's posts as they arrive), `sleep`, `now` (injectable clock)
-- @return posts newest first, and `info = { complete = bool, pages = n }` (complete is false
--   when `limit` stopped the fetch with more available)
-- @return nil, message, partial (the posts fetched before the failure)
function M.twitter(handle, opts)
  if type(handle) ~= 'string' then
    error(('bad argument #1 to \'twitter\' (string expected, got %s)'):format(type(handle)), 2)
  end
  opts = check_opts(opts, 'twitter')
  local token = M.getenv('TWITTER_BEARER_TOKEN')
  if not token or token == '' then
    return nil, 'TWITTER_BEARER_TOKEN is not set: export the bearer token of your X developer '
      .. 'App in that environment variable (it is never taken from the command line)'
  end
  local name = handle:gsub('^@', '')
  if not name:match('^[%w_]+$') or #name > 15 then
    return nil, ('invalid X handle \'%s\' (expected 1 to 15 letters, digits or _)'):format(handle)
  end
  local who = '@' .. name
  local base = base_url(opts, M.X_API)
  local safe, why = http.check_token_url(base)
  if not safe then return nil, escape(why) end
  local client <close> = new_client(opts)

  local user, err = x_get(client, base .. '/2/users/by/username/' .. name, token, 'user lookup')
  if not user then return nil, err, {} end
  if type(user.data) ~= 'table' then
    return nil, x_user_problem(user, who) or ('X API user lookup for %s returned no user'):format(who), {}
  end
  local uid = user.data.id
  if type(uid) ~= 'string' or not uid:match('^%d+$') then
    return nil, ('X API user lookup for %s returned no string id'):format(who), {}
  end
  if user.data.protected == true then
    return nil, ('X user %s is protected: their posts are visible only to approved followers')
      :format(who), {}
  end

  local exclude = {}
  if not opts.include_retweets then exclude[#exclude + 1] = 'retweets' end
  if not opts.include_replies then exclude[#exclude + 1] = 'replies' end
  local collected, seen_tokens, next_token, pages = {}, {}, nil, 0
  local max_pages = opts.max_pages or 200
  while true do
    pages = pages + 1
    if pages > max_pages then
      return nil, ('X API: stopped after %d pages (page budget)'):format(max_pages), collected
    end
    local want = 100
    if opts.limit then want = math.max(5, math.min(100, opts.limit - #collected)) end
    local url = base .. '/2/users/' .. uid .. '/tweets?' .. query {
      { 'max_results', want },
      { 'exclude', #exclude > 0 and table.concat(exclude, ',') or nil },
      { 'tweet.fields', 'created_at,note_tweet,referenced_tweets,in_reply_to_user_id' },
      { 'since_id', opts.since_id }, { 'until_id', opts.until_id },
      { 'pagination_token', next_token },
    }
    local page
    page, err = x_get(client, url, token, 'timeline')
    if not page then return nil, err, collected end
    if is_null(page.data) and type(page.errors) == 'table' and #collected == 0 and pages == 1 then
      return nil, x_user_problem(page, who), collected
    end
    local page_posts = {}
    if type(page.data) == 'table' then
      for _, t in ipairs(page.data) do
        if type(t) ~= 'table' or type(t.id) ~= 'string' or type(t.text) ~= 'string' then
          return nil, 'X API timeline returned a post without a string id and text', collected
        end
        local kind = x_kind(t, uid)
        if (kind ~= 'retweet' or opts.include_retweets) and (kind ~= 'reply' or opts.include_replies) then
          page_posts[#page_posts + 1] = { id = t.id, text = x_text(t),
            created_at = type(t.created_at) == 'string' and t.created_at or nil }
        end
      end
    end
    local full = take_page(opts, collected, page_posts)
    progress_page(opts, 'twitter', pages, #collected)
    local meta = type(page.meta) == 'table' and page.meta or {}
    next_token = type(meta.next_token) == 'string' and meta.next_token or nil
    if full then return collected, { complete = next_token == nil, pages = pages } end
    if not next_token then break end
    if #collected >= M.X_CAP then break end
    if seen_tokens[next_token] then
      return nil, ('X API returned the same pagination token twice (%s); stopping to avoid a loop')
        :format(escape(next_token)), collected
    end
    seen_tokens[next_token] = true
  end
  return collected, { complete = true, pages = pages }
end

-- ===== Mastodon =====

local function mastodon_error(status, obj, who)
  local msg = type(obj) == 'table' and type(obj.error) == 'string' and escape(obj.error) or nil
  if status == 404 then return ('Mastodon account %s not found'):format(who) end
  if status == 401 or status == 403 then
    return ('Mastodon instance of %s does not allow public API reads (http %d%s)')
      :format(who, status, msg and (': ' .. msg) or '')
  end
  if status == 410 then return ('Mastodon account %s is gone or suspended (http 410)'):format(who) end
  return ('Mastodon API: unexpected http %d%s'):format(status, msg and (' (' .. msg .. ')') or '')
end

local function json_get(client, url, what, on_status)
  local status, body, kind = client:get(url, { Accept = 'application/json' })
  if not status then
    if kind == 'rate_limited' then return nil, what:match('^%S+') .. ': ' .. body end
    return nil, what .. ' failed: ' .. body
  end
  local obj, err = decode(body, what, status)
  if status ~= 200 then return nil, on_status(status, obj) end
  if not obj then return nil, err end
  if type(obj) ~= 'table' then return nil, ('%s returned unexpected JSON'):format(what) end
  return obj
end

--- Fetches a Mastodon account's public posts from its home instance (no token).
-- Boosts are left out; replies to others are left out unless `include_replies`.
-- Pages with `max_id` taken from the `Link: rel="next"` header until there is none.
-- @param handle string `@user@instance` (or `user@instance`)
-- @param opts table|nil as for `fetch.twitter`; `api_base` defaults to `https://<instance>`
-- @return posts newest first, info
-- @return nil, message, partial
function M.mastodon(handle, opts)
  if type(handle) ~= 'string' then
    error(('bad argument #1 to \'mastodon\' (string expected, got %s)'):format(type(handle)), 2)
  end
  opts = check_opts(opts, 'mastodon')
  local user, instance = handle:match('^@?([%w_%.%-]+)@([%w%.%-]+[%w]:?%d*)$')
  if not user then
    return nil, ('invalid Mastodon handle \'%s\' (expected @user@instance)'):format(handle)
  end
  local who = '@' .. user .. '@' .. instance
  local base = base_url(opts, 'https://' .. instance)
  local client <close> = new_client(opts)
  local on_status = function(status, obj) return mastodon_error(status, obj, who) end

  local acct, err = json_get(client, base .. '/api/v1/accounts/lookup?' .. query { { 'acct', user } },
    'Mastodon account lookup', on_status)
  if not acct then return nil, err, {} end
  if type(acct.id) ~= 'string' then
    return nil, ('Mastodon account lookup for %s returned no string id'):format(who), {}
  end
  if acct.suspended == true then return nil, ('Mastodon account %s is suspended'):format(who), {} end

  local collected, seen, max_id, pages = {}, {}, opts.until_id, 0
  local max_pages = opts.max_pages or 200
  while true do
    pages = pages + 1
    if pages > max_pages then
      return nil, ('Mastodon: stopped after %d pages (page budget)'):format(max_pages), collected
    end
    local url = base .. '/api/v1/accounts/' .. core.url_escape(acct.id) .. '/statuses?' .. query {
      { 'limit', 40 }, { 'exclude_reblogs', opts.include_retweets and 'false' or 'true' },
      { 'exclude_replies', opts.include_replies and 'false' or 'true' },
      { 'since_id', opts.since_id }, { 'max_id', max_id },
    }
    local status, body, hdrs = client:get(url, { Accept = 'application/json' })
    if not status then
      if hdrs == 'rate_limited' then return nil, 'Mastodon: ' .. body, collected end
      return nil, 'Mastodon statuses failed: ' .. body, collected
    end
    local list
    list, err = decode(body, 'Mastodon statuses', status)
    if status ~= 200 then return nil, on_status(status, list), collected end
    if not list then return nil, err, collected end
    local page_posts = {}
    for _, st in ipairs(type(list) == 'table' and list or {}) do
      if type(st) ~= 'table' or type(st.id) ~= 'string' then
        return nil, 'Mastodon statuses returned a status without a string id', collected
      end
      local boost = not is_null(st.reblog)
      local reply = not is_null(st.in_reply_to_id) and st.in_reply_to_account_id ~= acct.id
      if (not boost or opts.include_retweets) and (not reply or opts.include_replies) then
        local content = boost and type(st.reblog) == 'table' and st.reblog.content or st.content
        page_posts[#page_posts + 1] = { id = st.id,
          text = clean.html_to_text(type(content) == 'string' and content or ''),
          created_at = type(st.created_at) == 'string' and st.created_at or nil }
      end
    end
    local full = take_page(opts, collected, page_posts)
    progress_page(opts, 'mastodon', pages, #collected)
    local nxt = http.parse_link(hdrs.link).next
    local next_max = nxt and nxt:match('[?&]max_id=([^&]+)')
    if full then return collected, { complete = false, pages = pages } end
    if type(list) ~= 'table' or #list == 0 or not next_max then break end
    if seen[next_max] then
      return nil, ('Mastodon returned the same next page twice (max_id=%s); stopping to avoid a loop')
        :format(escape(next_max)), collected
    end
    seen[next_max] = true
    max_id = next_max
  end
  return collected, { complete = true, pages = pages }
end

-- ===== Bluesky =====

local function bluesky_error(status, obj, who)
  local name = type(obj) == 'table' and type(obj.error) == 'string' and escape(obj.error) or nil
  local msg = type(obj) == 'table' and type(obj.message) == 'string' and escape(obj.message) or nil
  if obj == nil then
    return ('Bluesky API: http %d with a body that is not JSON'):format(status)
  end
  if status == 400 and msg and (msg:match('[Pp]rofile not found') or msg:match('resolve handle')) then
    return ('Bluesky account %s not found (%s)'):format(who, msg)
  end
  return ('Bluesky API: http %d%s'):format(status,
    (name or msg) and (' (' .. (name or '') .. (msg and (': ' .. msg) or '') .. ')') or '')
end

--- Fetches a Bluesky account's posts from the public AppView (no token).
-- Reposts and pinned posts are left out; replies unless `include_replies`. Ids are the
-- posts' AT URIs (their record keys sort by time). Pages on `cursor` until there is none;
-- short and empty pages that carry a cursor do not stop the loop.
-- @param handle string `name.bsky.social` (or `@name…`, or a `did:plc:…`)
-- @param opts table|nil as for `fetch.twitter`; `api_base` defaults to
--   https://public.api.bsky.app
-- @return posts newest first, info
-- @return nil, message, partial
function M.bluesky(handle, opts)
  if type(handle) ~= 'string' then
    error(('bad argument #1 to \'bluesky\' (string expected, got %s)'):format(type(handle)), 2)
  end
  opts = check_opts(opts, 'bluesky')
  local actor = handle:gsub('^@', '')
  if not (actor:match('^[%w%-]+%.[%w%.%-]*%w$') or actor:match('^did:[a-z]+:[%w%._:%-]+$')) then
    return nil, ('invalid Bluesky handle \'%s\' (expected name.bsky.social or a DID)'):format(handle)
  end
  local who = actor
  local base = base_url(opts, M.BLUESKY_API)
  local client <close> = new_client(opts)
  local on_status = function(status, obj) return bluesky_error(status, obj, who) end

  local profile, err = json_get(client, base .. '/xrpc/app.bsky.actor.getProfile?' ..
    query { { 'actor', actor } }, 'Bluesky profile lookup', on_status)
  if not profile then return nil, err, {} end
  local did = profile.did
  if type(did) ~= 'string' then return nil, ('Bluesky profile of %s has no DID'):format(who), {} end

  local collected, seen, cursor, pages = {}, {}, nil, 0
  local max_pages = opts.max_pages or 400
  while true do
    pages = pages + 1
    if pages > max_pages then
      return nil, ('Bluesky: stopped after %d pages (page budget)'):format(max_pages), collected
    end
    local url = base .. '/xrpc/app.bsky.feed.getAuthorFeed?' .. query {
      { 'actor', did }, { 'limit', 100 },
      { 'filter', opts.include_replies and 'posts_with_replies' or 'posts_no_replies' },
      { 'cursor', cursor },
    }
    local page
    page, err = json_get(client, url, 'Bluesky author feed', on_status)
    if not page then return nil, err, collected end
    local page_posts, reached_since = {}, false
    for _, item in ipairs(type(page.feed) == 'table' and page.feed or {}) do
      local post = type(item) == 'table' and item.post
      if type(post) ~= 'table' or type(post.uri) ~= 'string' or type(post.record) ~= 'table' then
        return nil, 'Bluesky author feed returned an item without a post', collected
      end
      local reason = type(item.reason) == 'table' and item.reason['$type'] or nil
      local author = type(post.author) == 'table' and post.author.did or nil
      local rec = post.record
      local is_repost = reason ~= nil and reason:match('reasonRepost$') or author ~= did
      local is_pin = reason ~= nil and reason:match('reasonPin$')
      local is_reply = not is_null(rec.reply)
      if not is_pin and opts.since_id and id_le(post.uri, opts.since_id) and not is_repost then
        reached_since = true
        break
      end
      local in_range = not opts.until_id or posts.id_less(post.uri, opts.until_id)
      if not is_pin and in_range and (not is_repost or opts.include_retweets)
          and (not is_reply or opts.include_replies) and type(rec.text) == 'string' then
        page_posts[#page_posts + 1] = { id = post.uri, text = rec.text,
          created_at = type(rec.createdAt) == 'string' and rec.createdAt or nil }
      end
    end
    local full = take_page(opts, collected, page_posts)
    progress_page(opts, 'bluesky', pages, #collected)
    local nxt = type(page.cursor) == 'string' and page.cursor or nil
    if full then return collected, { complete = false, pages = pages } end
    if reached_since or not nxt then break end
    if seen[nxt] then
      return nil, ('Bluesky returned the same cursor twice (%s); stopping to avoid a loop')
        :format(escape(nxt)), collected
    end
    seen[nxt] = true
    cursor = nxt
  end
  return collected, { complete = true, pages = pages }
end

-- ===== dispatch =====

--- Which source a handle names: `'mastodon'` for `@user@instance`, `'bluesky'` for a
-- dotted name or a DID, `'twitter'` otherwise.
-- @param handle string
-- @return string
function M.source_of(handle)
  if handle:match('^@?[^@%s]+@[^@%s]+$') then return 'mastodon' end
  if handle:match('^did:') or handle:gsub('^@', ''):match('%.') then return 'bluesky' end
  return 'twitter'
end

--- Fetches from the source named by `opts.source` (`'twitter'`, `'mastodon'`,
-- `'bluesky'`) or, when absent, by the handle's shape (see `fetch.source_of`).
-- @param handle string
-- @param opts table|nil as for `fetch.twitter`, plus `source`
-- @return posts newest first, info
-- @return nil, message, partial
function M.fetch(handle, opts)
  if type(handle) ~= 'string' then
    error(('bad argument #1 to \'fetch\' (string expected, got %s)'):format(type(handle)), 2)
  end
  opts = check_opts(opts, 'fetch')
  local source = opts.source or M.source_of(handle)
  local f = ({ twitter = M.twitter, x = M.twitter, mastodon = M.mastodon, bluesky = M.bluesky })[source]
  if not f then
    return nil, ('unknown source \'%s\' (expected twitter, mastodon or bluesky)'):format(source)
  end
  local o = {}
  for k, v in pairs(opts) do o[k] = v end
  o.source = nil
  return f(handle, o)
end

-- ===== the local store: incremental and resumable =====

-- The resume record is a few hundred bytes; anything larger is not one.
local RESUME_MAX_BYTES = 64 * 1024

local function read_json_file(path)
  local s = files.read(path, RESUME_MAX_BYTES)
  if not s then return nil end
  local ok, obj = pcall(cjson.decode, s)
  if ok and type(obj) == 'table' then return obj end
  return nil
end

local function write_json_file(path, obj)
  return files.write(path, cjson.encode(obj))
end

--- Brings the posts file at `path` up to date with the account's newest posts.
-- Loads the file (a missing file is an empty store), fetches only posts newer than the
-- newest saved id (`since_id`), cleans each page (`tweeter.clean`, with `opts.clean` as its
-- options) and merges it into the file as it arrives, so an interrupted fetch keeps what
-- it got. What is still missing is recorded in `path .. '.resume'`; the next call fetches
-- that gap first, then the newer posts, so nothing is fetched twice and nothing is lost.
-- A `limit` that stops a fetch early leaves a gap the same way (the next call continues).
-- @param handle string as for `fetch.fetch`
-- @param path string the posts file (JSON Lines, see `tweeter.posts`)
-- @param opts table|nil as for `fetch.fetch`, plus `clean` (options for `clean.posts`);
--   `since_id`/`until_id` are chosen by this function
-- @return posts (the whole store, newest first), info `{ added = n, complete = bool,
--   dropped = { retweets=, empty=, duplicates= } }`
-- @return nil, message when the store cannot be read or written, or the fetch fails (the
--   message says how many new posts were saved before the failure)
function M.update(handle, path, opts)
  if type(handle) ~= 'string' then
    error(('bad argument #1 to \'update\' (string expected, got %s)'):format(type(handle)), 2)
  end
  if type(path) ~= 'string' then
    error(('bad argument #2 to \'update\' (string expected, got %s)'):format(type(path)), 2)
  end
  opts = check_opts(opts, 'update')
  local source = opts.source or M.source_of(handle)
  local resume_path = path .. '.resume'
  -- both files are checked before anything is fetched
  for _, out in ipairs({ path, resume_path }) do
    local writable, why = files.check_writable(out)
    if not writable then return nil, ('cannot write %s'):format(why) end
  end
  local list = {}
  if files.kind(path) then
    local err
    list, err = posts.load(path)
    if not list then return nil, err end
  end
  local had_resume = files.kind(resume_path) ~= nil
  local texts = {}
  for _, p in ipairs(list) do texts[p.text] = true end
  local info = { added = 0, complete = true, dropped = { retweets = 0, empty = 0, duplicates = 0 } }
  -- a fetch that failed before saving anything leaves no files behind (a .resume of its own
  -- would only point at nothing)
  local function fail(msg)
    if info.added == 0 and not had_resume then os.remove(resume_path) end
    return nil, msg
  end
  local left = opts.limit

  local function run(since_id, until_id)
    local state = { handle = handle, source = source, since_id = since_id, until_id = until_id }
    local ok, werr = write_json_file(resume_path, state)
    if not ok then return nil, ('cannot write %s'):format(werr) end
    local o, save_err = {}, nil
    for k, v in pairs(opts) do o[k] = v end
    o.clean, o.since_id, o.until_id, o.limit, o.source = nil, since_id, until_id, left, source
    o.on_page = function(page)
      local cleaned, stats = clean.posts(page, opts.clean)
      local fresh = {}
      for _, p in ipairs(cleaned) do
        if texts[p.text] then
          stats.duplicates = stats.duplicates + 1
        else
          texts[p.text] = true
          fresh[#fresh + 1] = p
        end
      end
      for k in pairs(info.dropped) do info.dropped[k] = info.dropped[k] + stats[k] end
      local before = #list
      list = posts.merge(list, fresh)
      info.added = info.added + (#list - before)
      local sok, serr = posts.save(path, list)
      if not sok then save_err = serr; error(serr) end
      state.until_id = posts.oldest_id(page)
      local rok, rerr = write_json_file(resume_path, state)
      if not rok then save_err = ('cannot write %s'):format(rerr); error(save_err) end
      if opts.on_page then opts.on_page(page) end
    end
    local pok, got, finfo, partial = pcall(M.fetch, handle, o)
    if not pok then
      if save_err then return nil, save_err end
      fail()
      error(got, 0)
    end
    if not got then
      local n = partial and #partial or 0
      local msg = finfo
      if n > 0 then
        msg = ('%s (%d new posts saved to %s; fetch again to continue)'):format(msg, n, path)
      end
      return fail(msg)
    end
    if left then left = left - #got end
    if finfo.complete then
      os.remove(resume_path)
    else
      info.complete = false
    end
    return true
  end

  local resume = read_json_file(resume_path)
  if resume and resume.handle == handle and resume.source == source then
    local ok, err = run(resume.since_id, resume.until_id)
    if not ok then return nil, err end
  end
  if info.complete and (left == nil or left > 0) then
    local ok, err = run(posts.newest_id(list), nil)
    if not ok then return nil, err end
  end
  if not files.kind(path) then
    local ok, err = posts.save(path, list)   -- an account with no posts still gets its file
    if not ok then return nil, err end
  end
  return list, info
end

return M
