-- What every example shares, loaded with dofile from the example's own folder so that it
-- runs from any folder: the checkout's modules and core first (installed ones otherwise),
-- the shipped sample archive and base model as defaults, and arguments checked with a usage
-- line instead of a traceback.
local M = {}

local dir = arg[0]:match('^(.*)/[^/]*$') or '.'
local name = arg[0]:match('([^/]*)$')
local checkout = dir .. '/..'
package.path = ('%s/lua/?.lua;%s/lua/?/init.lua;%s'):format(checkout, checkout, package.path)
package.cpath = ('%s/build/?.so;%s'):format(checkout, package.cpath)

--- The shipped sample archive (a Twitter archive in the real tweets.js format).
M.sample = dir .. '/sample-archive'

-- Prints `message` and the usage line on standard error, then exits with status 2.
local function usage_error(usage, message)
  io.stderr:write(('%s: %s\nusage: lua5.4 %s %s\n'):format(name, message, arg[0], usage))
  os.exit(2)
end

--- The command-line arguments, checked against `kinds` (one a position: 'text', 'count' a
-- positive integer, 'steps' a positive integer or 'auto', 'number' a positive number, 'file'
-- an existing file or folder). A missing
-- or '' argument is nil. -h or --help prints the usage line and exits 0; too many arguments
-- or a bad one print it on standard error and exit 2.
function M.args(usage, kinds)
  if arg[1] == '-h' or arg[1] == '--help' then
    print(('usage: lua5.4 %s %s'):format(arg[0], usage))
    os.exit(0)
  end
  if #arg > #kinds then usage_error(usage, ('%d arguments, at most %d'):format(#arg, #kinds)) end
  local values = {}
  for i, kind in ipairs(kinds) do
    local a = arg[i]
    if a == '' then a = nil end
    if a and (kind == 'count' or kind == 'number' or (kind == 'steps' and a ~= 'auto')) then
      local n = tonumber(a)
      if not n or n <= 0 or (kind ~= 'number' and math.type(n) ~= 'integer') then
        usage_error(usage, ('argument %d: %s is not a positive %s'):format(i, a,
          kind == 'number' and 'number' or 'whole number'))
      end
      a = n
    elseif a and kind == 'file' then
      local f = io.open(a, 'rb')
      if not f then usage_error(usage, ('argument %d: no file or folder %s'):format(i, a)) end
      f:close()
    end
    values[i] = a
  end
  return table.unpack(values, 1, #kinds)
end

--- Its arguments when the first is not nil (as assert), else prints the second (what tweeter
-- returned beside nil) on standard error and exits with status 1.
function M.check(value, ...)
  if value == nil then
    io.stderr:write(('%s: %s\n'):format(name, (...)))
    os.exit(1)
  end
  return value, ...
end

return M
