#!/usr/bin/env lua5.4
-- bench/sample_ab.lua: single-stream sampling with precision auto and fp32 alternated in one
-- process, the best of REPS runs each: a comparison that survives a busy machine better
-- than two separate runs (the best run is the one least disturbed).
--   lua5.4 bench/sample_ab.lua [H=256] [REPS=12] [LENGTH=400]
local root = ((arg and arg[0] or ''):match('^(.*)/[^/]*$') or '.') .. '/..'
package.cpath = ('%s/build/?.so;%s'):format(root, package.cpath)
local core = require('tweeter.core')

local H = math.tointeger(tonumber(arg[1] or '256'))
local reps = math.tointeger(tonumber(arg[2] or '12'))
local len = math.tointeger(tonumber(arg[3] or '400'))
if not (H and reps and len) or H < 1 or reps < 1 or len < 2 then
  io.stderr:write('usage: lua5.4 bench/sample_ab.lua [H] [REPS] [LENGTH]\n')
  os.exit(2)
end
core.set_threads(2)
local chars = {}
for c = 33, 126 do chars[#chars + 1] = string.char(c) end
local model = core.model{ hidden = H, embed = 64, layers = 2, vocab = table.concat(chars) }
local best, kernels = {}, {}
for rep = 1, reps do
  for _, p in ipairs({ 'auto', 'fp32' }) do
    core.set_precision(p)
    local t0 = core.monotonic()
    model:generate{ n = 1, max_length = len, min_length = len, seed = rep }
    local cps = len / (core.monotonic() - t0)
    if not best[p] or cps > best[p] then best[p] = cps end
    kernels[p] = core.kernels()
  end
end
core.set_precision('auto')
print(('H%d n=1: auto %.0f chars/s (%s), fp32 %.0f chars/s (%s), best of %d'):format(
  H, best.auto, kernels.auto, best.fp32, kernels.fp32, reps))
