--- Checking the option tables of the `tweeter.*` functions: a misspelt name (`step` for
-- `steps`) must raise instead of being silently ignored, and the message says what was meant.
--
--     options.check_known(opts, { 'n', 'temperature' }, 'posts')
--     -- bad argument #2 to 'posts' (unknown option 'temprature'; did you mean 'temperature'?)
-- @module tweeter.options
local M = {}

-- Edit distance (insertions, deletions, substitutions) between two short strings.
local function distance(a, b)
  local prev = {}
  for j = 0, #b do prev[j] = j end
  for i = 1, #a do
    local cur = { [0] = i }
    for j = 1, #b do
      local cost = a:byte(i) == b:byte(j) and 0 or 1
      cur[j] = math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
    end
    prev = cur
  end
  return prev[#b]
end

--- The known name closest to `name` when it is a near miss (a typo, or a dash for an
-- underscore), else nil.
-- @tparam string name
-- @tparam table known array of names
-- @treturn string|nil
function M.suggest(name, known)
  local best, best_d
  local normal = name:gsub('%-', '_'):lower()
  for _, k in ipairs(known) do
    local d = distance(normal, k)
    if not best_d or d < best_d then best, best_d = k, d end
  end
  if best and best_d <= math.max(1, #name // 3) then return best end
  return nil
end

--- Raises when `opts` has a key `known` does not list, naming every such key (sorted) and,
-- for a near miss, the name that was probably meant.
-- @tparam table opts the caller's options table (already known to be a table)
-- @tparam table known array of the accepted names
-- @tparam string fname the function's name for the message
-- @tparam[opt] integer argn the options table's argument position (default 1)
-- @tparam[opt] integer level error level (default 3: the caller of the function checking)
function M.check_known(opts, known, fname, argn, level)
  local set = {}
  for _, k in ipairs(known) do set[k] = true end
  local unknown = {}
  for k in pairs(opts) do
    if not set[k] then unknown[#unknown + 1] = tostring(k) end
  end
  if #unknown == 0 then return end
  table.sort(unknown)
  local parts = {}
  for i, name in ipairs(unknown) do
    local hint = M.suggest(name, known)
    parts[i] = ("'%s'"):format(name) .. (hint and ("; did you mean '%s'?"):format(hint) or '')
  end
  error(("bad argument #%d to '%s' (unknown option%s %s)"):format(argn or 1, fname,
    #unknown > 1 and 's' or '', table.concat(parts, ', ')), level or 3)
end

return M
