-- Writes the shipped base model: the best model of a training run, weights in float16 and no
-- optimizer state, and reports what float16 costs in validation bits per character.
-- Usage: lua5.4 scripts/ship_base.lua TRAINED.twm POSTS_FILE [OUT=models/base.twm]
package.path = 'lua/?.lua;lua/?/init.lua;' .. package.path
package.cpath = 'build/?.so;' .. package.cpath

local tweeter = require 'tweeter'
local corpus = require 'tweeter.corpus'
local evaluate = require 'tweeter.evaluate'

local trained, posts_path, out = arg[1], arg[2], arg[3] or 'models/base.twm'
if not trained or not posts_path then
  io.stderr:write('usage: lua5.4 scripts/ship_base.lua TRAINED.twm POSTS_FILE [OUT]\n')
  os.exit(2)
end
local model = assert(tweeter.load(trained))
local posts = assert(corpus.read(posts_path))
-- the validation posts `tweeter train --valid-percent 2` held out, capped as it caps them
local _, valid = corpus.split(posts, { seed = model:info().seed, valid_percent = 2 })
local capped, chars = {}, 0
for _, p in ipairs(valid) do
  if chars >= 262144 then break end
  capped[#capped + 1] = p
  chars = chars + utf8.len(p)
end
assert(model:save(out, { half = true }))
local half = assert(tweeter.load(out))
local full_bpc = evaluate.posts(model, capped).bpc
local half_bpc = evaluate.posts(half, capped).bpc
local f = assert(io.open(out, 'rb'))
local size = f:seek('end')
f:close()
print(('%s: %d bytes, %d parameters, %d steps; validation %.4f bpc in float32, %.4f in float16 (%d posts, %d chars)')
  :format(out, size, half:info().params, half:info().steps, full_bpc, half_bpc, #capped, chars))
