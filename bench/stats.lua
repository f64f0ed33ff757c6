--- Summary statistics shared by the benchmark scripts.
local M = {}

--- The median of an array of numbers (nil for an empty one); the array is not changed.
function M.median(xs)
  if #xs == 0 then return nil end
  local s = table.move(xs, 1, #xs, 1, {})
  table.sort(s)
  local n = #s
  if n % 2 == 1 then return s[(n + 1) // 2] end
  return (s[n // 2] + s[n // 2 + 1]) / 2
end

return M
