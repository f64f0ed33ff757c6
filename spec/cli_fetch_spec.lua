-- `tweeter fetch` end to end: the command, through libcurl, against the loopback mock,
-- for each source; a second fetch is incremental; the token never shows.
local cjson = require 'cjson'
local helper = require 'helper'
local mock = require 'mock'

local function lines(path)
  local out = {}
  for line in assert(helper.read(path)):gmatch('[^\n]+') do out[#out + 1] = cjson.decode(line) end
  return out
end

describe('tweeter fetch', function()
  local m, dir
  lazy_setup(function()
    m = mock.start()
    dir = helper.tmpdir()
  end)
  lazy_teardown(function()
    m:stop()
    helper.rm_rf(dir)
  end)
  before_each(function() m:reset() end)

  local function fetch(args, token)
    local env = token and ('TWITTER_BEARER_TOKEN=' .. helper.quote(token) .. ' ') or
      'TWITTER_BEARER_TOKEN= '
    local parts = { env .. helper.quote(helper.root .. '/bin/tweeter'), 'fetch' }
    for _, a in ipairs(args) do parts[#parts + 1] = helper.quote(a) end
    return helper.run(table.concat(parts, ' '))
  end

  for _, case in ipairs{
    { source = 'twitter', handle = 'baker', token = mock.TOKEN },
    { source = 'mastodon', handle = '@alice@social.example' },
    { source = 'bluesky', handle = 'alice.bsky.social' },
  } do
    it('stores the posts of a ' .. case.source .. ' account, then only newer ones', function()
      local out = dir .. '/' .. case.source .. '/posts.jsonl'
      local code, stdout, err = fetch({ case.handle, '--source', case.source, '--api-base', m.base,
        '--out', out, '--quiet' }, case.token)
      assert.are.equal(0, code, err)
      assert.are.equal(out .. '\n', stdout)
      local first = lines(out)
      assert.is_true(#first > 10)
      for _, p in ipairs(first) do
        assert.are.equal('string', type(p.id))
        assert.are.equal('string', type(p.text))
        assert.is_nil(p.text:match('^RT @'))
      end
      -- again: nothing new on the server, nothing duplicated in the store
      code, _, err = fetch({ case.handle, '--source', case.source, '--api-base', m.base,
        '--out', out, '--quiet' }, case.token)
      assert.are.equal(0, code, err)
      assert.are.same(first, lines(out))
      if case.token then
        assert.is_nil((helper.read(out) .. err):find(case.token, 1, true))
      end
    end)
  end

  it('fails clearly without a token and never prints a wrong one', function()
    local out = dir .. '/none.jsonl'
    local code, _, err = fetch({ 'baker', '--api-base', m.base, '--out', out })
    assert.are_not.equal(0, code)
    assert.matches('TWITTER_BEARER_TOKEN', err)
    local wrong = 'wrong-token-ZZZ'
    code, _, err = fetch({ 'baker', '--api-base', m.base, '--out', out }, wrong)
    assert.are_not.equal(0, code)
    assert.matches('401', err)
    assert.is_nil(err:find(wrong, 1, true))
    assert.is_false(helper.exists(out))
  end)

  -- a server that quotes the Authorization header back (as it came, percent-decoded, as the
  -- next page's cursor): the message says what went wrong without the token
  for _, case in ipairs{
    { handle = 'echo400', says = 'http 400' },
    { handle = 'echo403', says = 'http 403' },
    { handle = 'echo429', says = 'usage cap' },
    { handle = 'echocursor', says = 'same pagination token twice' },
  } do
    it('never prints the token a server echoes (' .. case.handle .. ')', function()
      local out = dir .. '/' .. case.handle .. '.jsonl'
      local code, _, err = fetch({ case.handle, '--api-base', m.base, '--out', out }, mock.TOKEN)
      assert.are.equal(1, code, err)
      assert.matches(case.says, err)
      assert.matches('Bearer %[hidden%]', err)
      for _, secret in ipairs({ mock.TOKEN, 'AAAA', 'secret' }) do
        assert.is_nil(err:find(secret, 1, true), err)
      end
      for _, file in ipairs(helper.ls(helper.quote(dir) .. '/' .. case.handle .. '*')) do
        assert.is_nil(helper.read(file):find('AAAA', 1, true), file)
      end
    end)
  end

  it('names an unknown user', function()
    local code, _, err = fetch({ 'nobody_here', '--api-base', m.base, '--out', dir .. '/x.jsonl' },
      mock.TOKEN)
    assert.are.equal(1, code)
    assert.matches('X user @nobody_here not found', err)
  end)
end)

describe('a failed fetch', function()
  it('leaves no files and says what failed', function()
    local work = helper.tmpdir()
    local code, _, err = helper.run(('cd %s && env -u TWITTER_BEARER_TOKEN %s fetch someone'):format(helper.quote(work),
      helper.quote(helper.root .. '/bin/tweeter')))
    assert.are.equal(1, code)
    assert.matches('TWITTER_BEARER_TOKEN is not set', err)
    local code2, listing = helper.run('ls -A ' .. helper.quote(work))
    assert.are.equal(0, code2)
    assert.are.equal('', listing)
    -- a name that does not resolve: said so, at once, not retried
    local code3, _, err3 = helper.run(('cd %s && %s fetch someone.bsky.social --api-base http://nothing.invalid'):format(
      helper.quote(work), helper.quote(helper.root .. '/bin/tweeter')))
    assert.are.equal(1, code3)
    assert.matches('DNS lookup failed', err3)
    assert.is_nil(err3:find('waiting', 1, true))
    local _, listing2 = helper.run('ls -A ' .. helper.quote(work))
    assert.are.equal('', listing2)
    -- refused: retried, and each wait says why
    local code4, _, err4 = helper.run(('cd %s && %s fetch someone.bsky.social --api-base http://127.0.0.1:1 --out p/x.jsonl'):format(
      helper.quote(work), helper.quote(helper.root .. '/bin/tweeter')))
    assert.are.equal(1, code4)
    assert.matches('waiting %d+ s: connection refused or unreachable', err4)
    local _, listing3 = helper.run('ls -A ' .. helper.quote(work))
    assert.are.equal('', listing3)
    helper.rm_rf(work)
  end)
end)
