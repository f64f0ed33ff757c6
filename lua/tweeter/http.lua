--- HTTP client for the fetchers: a `tweeter.Http` handle (libcurl) plus retries.
-- Timeouts, dropped connections and 5xx are retried with bounded exponential backoff;
-- HTTP 429 waits until the reset the server names (`Retry-After`, `x-rate-limit-reset`,
-- `RateLimit-Reset`, `X-RateLimit-Reset` as epoch seconds or ISO 8601) when that is within
-- `max_wait`, otherwise it stops with a message saying when to retry. `sleep` and `now` are
-- injectable so specs never really wait. Request headers never appear in messages, and server
-- text quoted in one is scrubbed of the token (`scrub`).
local cjson = require 'cjson'
local core = require 'tweeter.core'
local options = require('tweeter.options')

local M = {}

-- the declared defaults (tweeter.options), the numbers a client keeps
local DEFAULTS = options.defaults('tweeter.http')

--- Seconds since the epoch for a UTC calendar date (like timegm, no local zone).
-- @return integer
function M.timegm(y, mo, d, h, mi, s)
  -- days from civil (Howard Hinnant's algorithm)
  y = mo <= 2 and y - 1 or y
  local era = (y >= 0 and y or y - 399) // 400
  local yoe = y - era * 400
  local mp = (mo + 9) % 12
  local doy = (153 * mp + 2) // 5 + d - 1
  local doe = yoe * 365 + yoe // 4 - yoe // 100 + doy
  local days = era * 146097 + doe - 719468
  return days * 86400 + h * 3600 + mi * 60 + s
end

local MONTHS = { Jan = 1, Feb = 2, Mar = 3, Apr = 4, May = 5, Jun = 6, Jul = 7, Aug = 8,
  Sep = 9, Oct = 10, Nov = 11, Dec = 12 }

--- Parses a time given as epoch seconds, ISO 8601 (`2024-05-02T08:45:00.000000Z`, with a
-- `Z` or `±hh:mm` offset) or an HTTP date (`Thu, 02 May 2024 08:45:00 GMT`).
-- @param s string
-- @return number|nil epoch seconds
function M.parse_time(s)
  if type(s) ~= 'string' then return nil end
  s = s:match('^%s*(.-)%s*$')
  if s:match('^%d+%.?%d*$') then return tonumber(s) end
  local y, mo, d, h, mi, sec, rest = s:match('^(%d%d%d%d)%-(%d%d)%-(%d%d)[T ](%d%d):(%d%d):(%d%d)(.*)$')
  if y then
    local t = M.timegm(tonumber(y), tonumber(mo), tonumber(d), tonumber(h), tonumber(mi),
      tonumber(sec))
    rest = rest:gsub('^%.%d+', '')
    if rest == '' or rest == 'Z' or rest == 'z' then return t end
    local sign, oh, om = rest:match('^([+-])(%d%d):?(%d%d)$')
    if not sign then return nil end
    local off = tonumber(oh) * 3600 + tonumber(om) * 60
    return sign == '+' and t - off or t + off
  end
  local dd, mon, yy, hh, mm, ss = s:match('^%a+, (%d%d?) (%a%a%a) (%d%d%d%d) (%d%d):(%d%d):(%d%d) GMT$')
  if dd and MONTHS[mon] then
    return M.timegm(tonumber(yy), MONTHS[mon], tonumber(dd), tonumber(hh), tonumber(mm),
      tonumber(ss))
  end
  return nil
end

--- The longest wait a 429 may name, in seconds: one day. Reset times are clamped to
-- [now, now + MAX_RESET_WAIT], so a header such as `Retry-After: 1e300` or a 20-digit
-- `x-rate-limit-reset` cannot overflow a date (or wait for ever).
M.MAX_RESET_WAIT = 24 * 3600

--- The time a 429 response says to retry at, from its headers (names lower-cased).
-- `retry-after` (seconds or HTTP date) wins, then `x-rate-limit-reset` (X, epoch),
-- `ratelimit-reset` (Bluesky, epoch; small values are read as seconds from now),
-- `x-ratelimit-reset` (Mastodon, ISO 8601 or epoch).
-- @param headers table
-- @param now number current epoch seconds
-- @return number|nil epoch seconds
local function reset_time(headers, now)
  local ra = headers['retry-after']
  if ra then
    local n = tonumber(ra)
    if n then return now + n end
    local t = M.parse_time(ra)
    if t then return t end
  end
  for _, name in ipairs({ 'x-rate-limit-reset', 'ratelimit-reset', 'x-ratelimit-reset' }) do
    local t = M.parse_time(headers[name])
    if t then
      if t < 1e9 then t = now + t end   -- a delta (IETF RateLimit draft), not an epoch
      return t
    end
  end
  return nil
end

function M.reset_time(headers, now)
  local t = reset_time(headers, now)
  if t == nil then return nil end
  return math.min(math.max(t, now), now + M.MAX_RESET_WAIT)
end

--- Parses an RFC 8288 `Link` header into `{ [rel] = url }`.
-- @param value string|nil
-- @return table
function M.parse_link(value)
  local out = {}
  if type(value) ~= 'string' then return out end
  for url, params in value:gmatch('<([^>]*)>([^<]*)') do
    local rel = params:match('[Rr][Ee][Ll]%s*=%s*"([^"]*)"') or params:match('[Rr][Ee][Ll]%s*=%s*([^;,%s]+)')
    if rel then
      for r in rel:gmatch('%S+') do
        if out[r] == nil then out[r] = url end
      end
    end
  end
  return out
end

--- Whether a URL's host is the loopback interface: `localhost`, `127.x.y.z` or `[::1]`
-- (written that way; nothing is resolved).
-- @param url string
-- @return boolean
function M.is_loopback(url)
  local rest = type(url) == 'string' and url:match('^%a[%w+.-]*://(.*)$')
  if not rest then return false end
  local authority = rest:match('^[^/?#]*')
  authority = authority:match('@([^@]*)$') or authority      -- after any user:password@
  local host = authority:match('^%[([^%]]*)%]') or authority:match('^[^:]*')
  host = host:lower()
  if host == 'localhost' or host == '::1' then return true end
  local a, b, c, d = host:match('^(%d+)%.(%d+)%.(%d+)%.(%d+)$')
  if not a then return false end
  for _, octet in ipairs({ a, b, c, d }) do
    if #octet > 3 or tonumber(octet) > 255 then return false end
  end
  return tonumber(a) == 127
end

--- Whether a bearer token may be sent to a URL: over https://, or over plain http:// to a
-- loopback host only (a local mock or proxy); anywhere else the token would cross the
-- network in clear text.
-- @param url string
-- @return true, or nil and a message naming https
function M.check_token_url(url)
  if type(url) == 'string' and url:match('^[Hh][Tt][Tt][Pp][Ss]://') then return true end
  if type(url) == 'string' and url:match('^[Hh][Tt][Tt][Pp]://') and M.is_loopback(url) then
    return true
  end
  return nil, ('refusing to send the bearer token to %s in clear text: use an https:// URL '
    .. '(plain http:// is accepted only for localhost, 127.0.0.0/8 and [::1])'):format(
    (tostring(url):gsub('[?#].*$', '')))
end

--- Server text made safe to quote: every occurrence of `secret` (the token that was sent) and
-- whatever follows `Bearer ` (spelled as the Authorization header sends it: a server may echo
-- the header, also decoded or re-encoded so that the token no longer matches) become
-- `[hidden]`. Applied to a message
-- before it is printed, stored or raised.
-- @tparam string text
-- @tparam[opt] string secret
-- @treturn string
function M.scrub(text, secret)
  if secret and secret ~= '' then
    text = text:gsub(secret:gsub('%W', '%%%0'), '[hidden]')
  end
  return (text:gsub('(Bearer%s+)[^%s"\']+', '%1[hidden]'))
end

--- `2024-05-02 08:45:00 UTC`
function M.format_time(t)
  return os.date('!%Y-%m-%d %H:%M:%S UTC', math.floor(t))
end

local function format_duration(s)
  s = math.max(0, math.floor(s + 0.5))
  if s < 120 then return ('%d s'):format(s) end
  if s < 7200 then return ('%d min'):format((s + 30) // 60) end
  return ('%.1f h'):format(s / 3600)
end
M.format_duration = format_duration

-- Where a URL points, for messages: scheme, host and path, no query.
local function where(url)
  return (url:gsub('%?.*$', ''))
end

local Client = {}
Client.__index = Client

--- Creates a client.
-- @param opts table|nil the options declared in `tweeter.options` (`FUNCTIONS['tweeter.http']`:
--   timeouts and retries in seconds, `max_body` in bytes, `sleep`, `now`, `progress`,
--   `user_agent`); `progress` is called with `{ event = 'wait', reason = 'rate limit'|'retry',
--   seconds =, until =, attempt =, message = }` before each wait
-- @return client (raises on bad options)
function M.new(opts)
  opts = opts or {}
  options.check_arg(opts, 'table', 1, 'new')
  options.check('tweeter.http', opts, 'new', 1, 2)
  local self = setmetatable({}, Client)
  for k, v in pairs(DEFAULTS) do
    if opts[k] == nil then self[k] = v else self[k] = opts[k] end
  end
  self.sleep = opts.sleep or core.sleep
  self.now = opts.now or os.time
  self.progress = opts.progress
  self.handle = core.http {
    timeout = math.max(1, math.floor(self.timeout * 1000 + 0.5)),
    connect_timeout = math.max(1, math.floor(self.connect_timeout * 1000 + 0.5)),
    max_body = math.max(1, math.floor(self.max_body)),
    user_agent = opts.user_agent,
  }
  return self
end

function Client:close()
  self.handle:close()
end
Client.__close = Client.close

function Client:wait(seconds, info)
  info.seconds = seconds
  info.event = 'wait'
  if self.progress then self.progress(info) end
  -- sleep in slices so a long wait can show progress and be interrupted: Ctrl-C (under
  -- tweeter.interrupt) ends the wait at once, also when it came just before a slice
  local poll = require('tweeter.interrupt').poll
  local left = seconds
  while left > 0 do
    local step = math.min(left, 10)
    poll()
    self.sleep(step)
    poll()
    left = left - step
    if left > 0 and self.progress then
      self.progress({ event = 'wait', reason = info.reason, seconds = left,
        ['until'] = info['until'], attempt = info.attempt, message = info.message })
    end
  end
end

function Client:backoff_for(attempt)
  return math.min(self.max_backoff, self.backoff * 2 ^ (attempt - 1))
end

--- GET with retries.
-- @param url string
-- @param headers table|nil request headers (never echoed in any message)
-- @param hooks table|nil `fatal_429(body, headers)` → message or nil: a 429 for which it
--   returns a message is not retried (e.g. X's monthly usage cap)
-- @return status, body, headers (lower-cased names) for any response that is not a retried
--   failure (2xx, 3xx, 4xx other than 429)
-- @return nil, message, kind on failure: kind `'rate_limited'` (wait too long or too many
--   429s), `'usage_cap'` (fatal_429), `'server'` (5xx after the retries), or the transport
--   kind of `tweeter.Http:get` (`'timeout'`, `'connect'`, `'dropped'`: retried; `'dns'`,
--   `'tls'`, `'too_large'`, `'other'`: not), the message starting with what failed
-- What failed, said first in a transport failure's message; and which failures come back
-- the same on a retry (a name that does not resolve, a certificate refused).
local FAILURE = {
  dns = { label = 'DNS lookup failed', final = true }, tls = { label = 'TLS failed', final = true },
  connect = { label = 'connection refused or unreachable' }, timeout = { label = 'timed out' },
  dropped = { label = 'connection dropped' }, too_large = { final = true }, -- its message says so already
  other = { label = 'request failed', final = true },
}

function Client:get(url, headers, hooks)
  hooks = hooks or {}
  local attempt, rate_waits = 0, 0
  while true do
    attempt = attempt + 1
    local status, body, rh = self.handle:get(url, headers)
    if status == nil then
      local kind = rh
      local failure = FAILURE[kind] or FAILURE.other
      if failure.final or attempt > self.retries then
        local msg = ('%s%s (GET %s'):format(failure.label and (failure.label .. ': ') or '', body, where(url))
        if attempt > 1 then msg = msg .. (', %d attempts'):format(attempt) end
        return nil, msg .. ')', kind
      end
      self:wait(self:backoff_for(attempt), { reason = 'retry', attempt = attempt,
        message = ('%s: %s; retrying'):format(failure.label, body) })
    elseif status >= 500 and status <= 599 then
      if attempt > self.retries then
        return nil, ('server error (http %d) from %s after %d attempts'):format(status,
          where(url), attempt), 'server'
      end
      self:wait(self:backoff_for(attempt), { reason = 'retry', attempt = attempt,
        message = ('server error (http %d); retrying'):format(status) })
    elseif status == 429 then
      local fatal = hooks.fatal_429 and hooks.fatal_429(body, rh)
      if fatal then return nil, fatal, 'usage_cap' end
      local now = self.now()
      local reset = M.reset_time(rh, now)
      rate_waits = rate_waits + 1
      if reset then
        local wait = math.max(0, reset - now) + 1
        if wait > self.max_wait or rate_waits > self.max_rate_waits then
          return nil, ('rate limited by %s; retry after %s (in %s)'):format(where(url),
            M.format_time(reset), format_duration(reset - now)), 'rate_limited'
        end
        self:wait(wait, { reason = 'rate limit', ['until'] = reset, attempt = rate_waits,
          message = ('rate limited; waiting until %s'):format(M.format_time(reset)) })
      else
        if rate_waits > self.retries then
          return nil, ('rate limited by %s (no reset time given) after %d attempts; retry later')
            :format(where(url), rate_waits), 'rate_limited'
        end
        self:wait(self:backoff_for(rate_waits), { reason = 'rate limit', attempt = rate_waits,
          message = 'rate limited; backing off' })
      end
      attempt = 0   -- a 429 wait does not use up the transport retries
    else
      return status, body, rh
    end
  end
end

--- A query string from `{ name, value }` pairs, in order; pairs whose value is nil are left
-- out, values are URL-escaped.
-- @tparam table params
-- @treturn string
function M.query(params)
  local out = {}
  for _, kv in ipairs(params) do
    if kv[2] ~= nil then
      out[#out + 1] = kv[1] .. '=' .. core.url_escape(tostring(kv[2]))
    end
  end
  return table.concat(out, '&')
end

--- Decodes a JSON body into an object or array; a parse failure, or a bare value such as
-- `false` (which callers would take for a failure without a message), is a message, never
-- a raise.
-- @tparam string body
-- @tparam string what the request, for the message (`'Mastodon statuses'`)
-- @tparam integer status the HTTP status, for the message
-- @treturn table|nil
-- @treturn[opt] string message
function M.decode_json(body, what, status)
  local ok, obj = pcall(cjson.decode, body)
  if not ok then
    return nil, ('%s returned malformed JSON (http %d)'):format(what, status)
  end
  if type(obj) ~= 'table' then
    return nil, ('%s returned JSON that is not an object or an array (http %d)'):format(what, status)
  end
  return obj
end

--- GET of a JSON document through `client`: the decoded object, or a message made by
-- `on_status(status, obj)` for a status other than 200.
-- @param client a client from `new`
-- @tparam string url
-- @tparam string what the request, for messages (its first word names the service)
-- @tparam function on_status
-- @treturn table|nil the decoded body
-- @treturn[opt] string message
-- @treturn[opt] table the response headers (on success)
function M.get_json(client, url, what, on_status)
  local status, body, hdrs = client:get(url, { Accept = 'application/json' })
  if not status then
    if hdrs == 'rate_limited' then return nil, what:match('^%S+') .. ': ' .. body end
    return nil, what .. ' failed: ' .. body
  end
  local obj, err = M.decode_json(body, what, status)
  if status ~= 200 then return nil, on_status(status, obj) end
  if not obj then return nil, err end
  return obj, nil, hdrs
end

return M
