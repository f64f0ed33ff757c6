-- Starts spec/mock_server.py on 127.0.0.1 and talks to its control endpoints.
-- local mock = require 'mock'; local m = mock.start(); ... m.base ...; m:stop()
local cjson = require 'cjson'
local core = require 'tweeter.core'

local busted = require 'busted'

local M = {}

local Mock = {}
Mock.__index = Mock

--- The bearer token the mock's X routes accept.
M.TOKEN = 'mock-bearer-AAAA%2Bsecret%3D'

function M.start()
  local pipe = assert(io.popen('exec /usr/bin/python3 spec/mock_server.py', 'r'))
  local line = pipe:read('l')
  local port, pid = (line or ''):match('^(%d+) (%d+)$')
  assert(port, 'mock server did not start: ' .. tostring(line))
  local self = setmetatable({ pipe = pipe, port = tonumber(port), pid = pid }, Mock)
  self.base = 'http://127.0.0.1:' .. port
  self.http = core.http { timeout = 5000 }
  return self
end

--- For the enclosing describe: one server for its specs, started before the first of them
-- (given to `on_start`, which keeps it), reset before each and stopped after the last.
function M.serve(on_start)
  local server
  busted.lazy_setup(function() server = M.start(); on_start(server) end)
  busted.lazy_teardown(function() server:stop() end)
  busted.before_each(function() server:reset() end)
end

function Mock:control(path)
  local status, body = self.http:get(self.base .. path)
  assert(status == 200, 'mock control failed: ' .. tostring(body))
  return cjson.decode(body)
end

function Mock:reset() return self:control('/_reset') end

function Mock:set(k, v) return self:control('/_set?' .. k .. '=' .. core.url_escape(tostring(v))) end

--- The requests the mock saw since the last reset: `{ path=, query={}, auth='yes'|'no' }`.
function Mock:log()
  local out = {}
  for _, r in ipairs(self:control('/_log')) do
    if r.path:sub(1, 2) ~= '/_' then out[#out + 1] = r end
  end
  return out
end

function Mock:stop()
  if not self.pipe then return end
  pcall(self.http.get, self.http, self.base .. '/_quit')
  self.http:close()
  os.execute('kill ' .. self.pid .. ' 2>/dev/null')
  self.pipe:close()
  self.pipe = nil
end

return M
