-- tweeter.Http (libcurl binding) and the tweeter.http retry wrapper, against the loopback mock.
local core = require 'tweeter.core'
local http = require 'tweeter.http'
local cjson = require 'cjson'
local mock = require 'mock'
local helper = require 'helper'

local m

local function quiet_client(opts)
  local waits = {}
  opts = opts or {}
  opts.sleep = opts.sleep or function(s) waits[#waits + 1] = s end
  opts.timeout = opts.timeout or 2
  return http.new(opts), waits
end

local sum = helper.sum

describe('tweeter.Http', function()
  lazy_setup(function() m = mock.start() end)
  lazy_teardown(function() m:stop() end)

  it('returns status, body and lower-cased response headers', function()
    local h <close> = core.http { timeout = 2000 }
    local status, body, headers = h:get(m.base .. '/http/ok')
    assert.are.equal(200, status)
    assert.are.equal('world', cjson.decode(body).hello)
    assert.are.equal('Yes', headers['x-mixed-case'])
    assert.are.equal('<a>; rel="next"', headers['link'])
    assert.is_nil(headers['X-Mixed-Case'])
  end)

  it('sends the request headers it is given', function()
    local h <close> = core.http()
    local status, body = h:get(m.base .. '/http/echo?q=1', { ['X-Test'] = 'hello world' })
    assert.are.equal(200, status)
    local echo = cjson.decode(body)
    assert.are.equal('hello world', echo.headers['x-test'])
    assert.are.equal('1', echo.query.q)
    assert.truthy(echo.headers['user-agent']:match('^tweeter/'))
  end)

  it('joins repeated response headers', function()
    local h <close> = core.http()
    local _, _, headers = h:get(m.base .. '/http/dup')
    assert.are.equal('one, two', headers['set-thing'])
  end)

  it('returns any HTTP status as a result, not a failure', function()
    local h <close> = core.http()
    local status, body = h:get(m.base .. '/http/status?code=404')
    assert.are.equal(404, status)
    assert.are.equal(404, cjson.decode(body).status)
  end)

  it('does not follow redirects', function()
    local h <close> = core.http()
    local status, _, headers = h:get(m.base .. '/http/redirect')
    assert.are.equal(302, status)
    assert.are.equal('/http/redirect', headers.location)
  end)

  it('returns nil, message, "timeout" when the server stalls past the timeout', function()
    -- the server stalls far longer than the timeout: only the timeout can end the request
    m:set('stall', '30')
    local h <close> = core.http { timeout = 300 }
    local ok, msg, kind = h:get(m.base .. '/http/stall', { Authorization = 'Bearer SECRET-TOKEN-XYZ' })
    assert.is_nil(ok)
    assert.are.equal('timeout', kind)
    assert.truthy(msg:lower():match('timed? ?out'), msg)
    assert.is_nil(msg:find('SECRET-TOKEN-XYZ', 1, true))
  end)

  it('returns nil, message, "dropped" when the connection drops mid-body', function()
    local h <close> = core.http()
    local ok, msg, kind = h:get(m.base .. '/http/drop')
    assert.is_nil(ok)
    assert.are.equal('dropped', kind)
    assert.is_string(msg)
  end)

  it('aborts a body larger than max_body (with and without Content-Length)', function()
    local h <close> = core.http { max_body = 1024 * 1024 }
    local ok, msg, kind = h:get(m.base .. '/http/huge?mb=8')
    assert.is_nil(ok)
    assert.are.equal('too_large', kind)
    assert.are.equal('response body larger than 1048576 bytes (max_body)', msg)
    ok, msg, kind = h:get(m.base .. '/http/huge?mb=8&chunked=1')
    assert.is_nil(ok)
    assert.are.equal('too_large', kind)
    assert.are.equal('response body larger than 1048576 bytes (max_body)', msg)
    -- the handle is still usable afterwards
    assert.are.equal(200, (h:get(m.base .. '/http/ok')))
  end)

  it('returns nil, message, "connect" when nothing listens', function()
    local h <close> = core.http { connect_timeout = 1000 }
    local ok, msg, kind = h:get('http://127.0.0.1:1/')
    assert.is_nil(ok)
    assert.are.equal('connect', kind)
    assert.truthy(msg:match('127%.0%.0%.1'), msg)
  end)

  it('closes once, harmlessly twice, and refuses use after close', function()
    local h = core.http()
    assert.truthy(tostring(h):match('^tweeter%.Http %(0x%x+%)$') or tostring(h):match('^tweeter%.Http %('))
    h:close()
    h:close()
    assert.are.equal('tweeter.Http (closed)', tostring(h))
    assert.has_error(function() h:get(m.base .. '/http/ok') end,
      'attempt to use a closed tweeter.Http')
    do local h2 <close> = core.http() end
    for _ = 1, 200 do core.http() end
    collectgarbage()
    collectgarbage()
  end)

  it('checks its arguments', function()
    assert.error_matches(function() core.http { timeout = 'x' } end,
      "bad argument #1 to 'http' %(timeout must be an integer, got string%)")
    assert.error_matches(function() core.http { timeout = 0 } end, 'timeout must be between 1 and 86400000, got 0')
    assert.error_matches(function() core.http { tiemout = 5 } end, "unknown option 'tiemout'")
    assert.error_matches(function() core.http(5) end, 'table expected, got number')
    local h <close> = core.http()
    assert.error_matches(function() h:get(42) end, 'URL must start with http')
    assert.error_matches(function() h:get('ftp://127.0.0.1/') end, 'URL must start with http')
    assert.error_matches(function() h:get(m.base, { ['X-A'] = 'a\r\nX-Evil: 1' }) end,
      'invalid header name or value')
    assert.error_matches(function() h:get(m.base, { ['X-A'] = 5 }) end,
      'header names and values must be strings')
    assert.error_matches(function() h.get(nil, 'http://x') end, 'tweeter.Http expected, got nil')
  end)

  it('url_escape keeps unreserved characters and encodes the rest', function()
    assert.are.equal('abc-._~XYZ019', core.url_escape('abc-._~XYZ019'))
    assert.are.equal('did%3Aplc%3Aab%2Fc%20d%40e%23', core.url_escape('did:plc:ab/c d@e#'))
    assert.are.equal('caf%C3%A9', core.url_escape('café'))
    assert.has_error(function() core.url_escape() end)
  end)
end)

describe('tweeter.http', function()
  mock.serve(function(s) m = s end)

  it('retries a 5xx once, with backoff, then succeeds', function()
    local c, waits = quiet_client()
    local status, body = c:get(m.base .. '/http/flaky?key=a')
    assert.are.equal(200, status)
    assert.truthy(cjson.decode(body).ok)
    assert.are.same({ 1 }, waits)
  end)

  -- Requests that fail: the kind, the message (a pattern; nil: not checked) and the
  -- backoff waits between the attempts.
  local MAX_WAIT_NOW = http.parse_time('2024-05-02T08:00:00Z')
  for _, t in ipairs({
    { 'gives up on a timeout after the retries, with growing backoff',
      client = { timeout = 0.2, retries = 2, backoff = 0.5 }, path = '/http/stall',
      headers = { Authorization = 'Bearer SECRET-TOKEN-XYZ' },
      kind = 'timeout', msg = '%(GET http://127%.0%.0%.1:%d+/http/stall, 3 attempts%)$', waits = { 0.5, 1 } },
    { 'retries a dropped connection', client = { retries = 1 }, path = '/http/drop',
      kind = 'dropped', msg = '2 attempts', waits = { 1 } },
    { 'does not retry a body that is too large', client = { max_body = 1000 }, path = '/http/huge?mb=1',
      kind = 'too_large', waits = {} },
    { 'stops with a message saying when to retry when the reset is beyond max_wait',
      client = { now = function() return MAX_WAIT_NOW end, max_wait = 600 },
      path = '/http/ratelimit?key=f&times=9&reset=' .. (MAX_WAIT_NOW + 3600), kind = 'rate_limited',
      msg = '^rate limited by http://127%.0%.0%.1:%d+/http/ratelimit; retry after '
        .. '2024%-05%-02 09:00:00 UTC %(in 60 min%)$', waits = {} },
    { 'backs off a bounded number of times on a 429 without reset headers', client = { retries = 2 },
      path = '/http/ratelimit?key=b&times=99', kind = 'rate_limited', msg = 'no reset time given',
      waits = { 1, 2 } },
    { 'stops at once on a 429 the caller calls fatal', path = '/http/ratelimit?key=u&times=9&reset=1',
      request = { fatal_429 = function() return 'monthly cap reached' end },
      kind = 'usage_cap', msg = '^monthly cap reached$', waits = {} },
  }) do
    it(t[1], function()
      local c, waits = quiet_client(t.client)
      local ok, msg, kind = c:get(m.base .. t.path, t.headers, t.request)
      assert.is_nil(ok)
      assert.are.equal(t.kind, kind)
      if t.msg then assert.truthy(msg:match(t.msg), msg) end
      -- credentials never reach a message
      if t.headers then assert.is_nil(msg:find('SECRET', 1, true)) end
      assert.are.same(t.waits, waits)
    end)
  end

  it('waits until an epoch reset on 429, then retries, reporting progress', function()
    local now = 1714639500
    local events = {}
    local c, waits = quiet_client { now = function() return now end,
      progress = function(e) events[#events + 1] = e end }
    local status, body = c:get(m.base .. '/http/ratelimit?key=e&reset=' .. (now + 25))
    assert.are.equal(200, status)
    assert.are.equal(2, cjson.decode(body).after)
    assert.are.equal(26, sum(waits))                 -- until reset, plus one second
    assert.are.equal('wait', events[1].event)
    assert.are.equal('rate limit', events[1].reason)
    assert.are.equal(26, events[1].seconds)
    assert.are.equal(now + 25, events[1]['until'])
  end)

  it('reads an ISO reset and Retry-After', function()
    local now = http.parse_time('2024-05-02T08:40:00Z')
    local c, waits = quiet_client { now = function() return now end }
    assert.are.equal(200, (c:get(m.base .. '/http/ratelimit?key=i&iso=2024-05-02T08:41:00.000000Z')))
    assert.are.equal(61, sum(waits))
    local c2, waits2 = quiet_client { now = function() return now end }
    assert.are.equal(200, (c2:get(m.base .. '/http/ratelimit?key=r&retry_after=7')))
    assert.are.equal(8, sum(waits2))
  end)

  it('rejects unknown options', function()
    assert.error_matches(function() http.new { max_wiat = 3 } end, "unknown option 'max_wiat'; did you mean 'max_wait'%?")
    assert.error_matches(function() http.new { retries = -1 } end,
      "bad option 'retries' to 'new' %(non%-negative number expected, got %-1%)")
  end)
end)

describe('tweeter.http helpers', function()
  it('parse_time reads epoch, ISO 8601 with offsets and HTTP dates', function()
    assert.are.equal(1714639273, http.parse_time('1714639273'))
    assert.are.equal(1714639273, http.parse_time('2024-05-02T08:41:13.000Z'))
    assert.are.equal(1714639273, http.parse_time('2024-05-02T08:41:13.123456Z'))
    assert.are.equal(1714639273, http.parse_time('2024-05-02T10:41:13+02:00'))
    assert.are.equal(1714639273, http.parse_time('Thu, 02 May 2024 08:41:13 GMT'))
    assert.is_nil(http.parse_time('soon'))
    assert.are.equal(951782400, http.parse_time('2000-02-29T00:00:00Z'))
  end)

  it('parse_link finds rel=next and rel=prev', function()
    local l = http.parse_link('<https://a.example/x?max_id=1>; rel="next", <https://a.example/x?min_id=9>; rel="prev"')
    assert.are.equal('https://a.example/x?max_id=1', l.next)
    assert.are.equal('https://a.example/x?min_id=9', l.prev)
    assert.are.same({}, http.parse_link(nil))
    assert.are.equal('u', http.parse_link('<u>; rel=next').next)
  end)

  it('reset_time prefers retry-after and reads each source\'s header', function()
    -- (an epoch within a day of now; a later one is clamped, see the security specs)
    assert.are.equal(110, http.reset_time({ ['retry-after'] = '10', ['x-rate-limit-reset'] = '500' }, 100))
    assert.are.equal(1714639273, http.reset_time({ ['x-rate-limit-reset'] = '1714639273' }, 1714639000))
    assert.are.equal(1714639273, http.reset_time({ ['ratelimit-reset'] = '1714639273' }, 1714639000))
    assert.are.equal(1714639273, http.reset_time({ ['x-ratelimit-reset'] = '2024-05-02T08:41:13.000000Z' }, 1714639000))
    assert.is_nil(http.reset_time({}, 100))
  end)
end)

describe('tweeter.http rate limits', function()
  it('rate-limit headers far in the future are clamped to a day, never crash the message', function()
    local now = 1714639000
    assert.are.equal(now + 86400, http.reset_time({ ['retry-after'] = '1e300' }, now))
    assert.are.equal(now + 86400, http.reset_time({ ['retry-after'] = '1e400' }, now))
    assert.are.equal(now + 86400, http.reset_time({ ['x-rate-limit-reset'] = '99999999999999999999' }, now))
    assert.are.equal(now + 86400, http.reset_time({ ['x-ratelimit-reset'] = '9999-12-31T23:59:59Z' }, now))
    assert.are.equal(now, http.reset_time({ ['retry-after'] = '-5' }, now))
    for _, hdrs in ipairs({ { ['retry-after'] = '1e300' }, { ['x-rate-limit-reset'] = '99999999999999999999' } }) do
      local c = http.new { sleep = function() end, now = function() return now end }
      c.handle:close()
      c.handle = { get = function() return 429, '{}', hdrs end }
      local ok, msg, kind = c:get('https://api.example/2/x')
      assert.is_nil(ok)
      assert.are.equal('rate_limited', kind)
      assert.matches('retry after 2024%-05%-03 08:36:40 UTC %(in 24%.0 h%)', msg)
    end
  end)
end)

describe('tweeter.http against a huge body', function()
  mock.serve(function(s) m = s end)

  it('stops a body far larger than any real page at max_body, hanging up on the server', function()
    -- the default max_body (64 MiB) against 512 MiB sent without a Content-Length
    local c <close> = http.new { sleep = function() end }
    local ok, msg, kind = c:get(m.base .. '/http/huge?mb=512&chunked=1')
    assert.is_nil(ok)
    assert.are.equal('too_large', kind)
    assert.matches('^response body larger than 67108864 bytes %(max_body%)', msg)
    -- the server saw the client hang up soon after 64 MiB (socket buffers hold a few MiB),
    -- not after the whole body: the client stopped reading instead of draining it
    local sent
    assert.is_true(helper.wait_for(function()
      sent = tonumber(m:control('/_state').huge_sent)
      return sent ~= nil
    end, 60), 'the server never finished the response')
    assert.is_true(sent < 96 * 1024 * 1024, ('the server sent %d bytes'):format(sent))
  end)
end)
