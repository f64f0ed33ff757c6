-- `make precision`: trains the same model on the same real posts twice, products in float32
-- and in bf16 (same seed, same batches), and compares bits per character on held-out posts.
-- bf16 passes when it is within 0.03 bpc of float32. On a machine without bf16
-- it says so and stops (exit 0: nothing to compare).
-- Usage: lua5.4 scripts/precision.lua [POSTS_FILE] [STEPS=300] [HIDDEN=256]
package.path = 'lua/?.lua;lua/?/init.lua;' .. package.path
package.cpath = 'build/?.so;' .. package.cpath

local core = require 'tweeter.core'
local corpus = require 'tweeter.corpus'
local evaluate = require 'tweeter.evaluate'

local LIMIT = 0.03
local LN2 = math.log(2)
local path = arg[1] or '../shared/corpus/users/BarackObama.txt'
local steps = math.tointeger(tonumber(arg[2] or '300'))
local hidden = math.tointeger(tonumber(arg[3] or '256'))
if not steps or steps < 1 or not hidden or hidden < 1 then
  io.stderr:write('usage: lua5.4 scripts/precision.lua [POSTS_FILE] [STEPS] [HIDDEN]\n')
  os.exit(2)
end

local here, why = core.set_precision('bf16')
if here ~= 'bf16' then
  print(('bf16 is not available here (%s): nothing to compare'):format(why))
  os.exit(0)
end

local posts = assert(corpus.read(path))
local train_posts, valid_posts = corpus.split(posts, { seed = 1, valid_percent = 5 })
local vocab = {}
for _, p in ipairs(posts) do vocab[#vocab + 1] = p end
vocab = table.concat(vocab)

local function run(precision)
  core.set_precision(precision)
  local model = core.model{ embed = 64, hidden = hidden, layers = 2, seed = 1, vocab = vocab }
  model:set_optimizer{ name = 'adam', lr = 2e-3, clip = 5 }
  local batch = model:encode(train_posts):batches(64, 100, { wrap = true })
  local t0, loss = core.monotonic(), nil
  for _ = 1, steps do
    batch:next()
    loss = model:train_step(batch)
  end
  local seconds = core.monotonic() - t0
  local kernels = core.kernels()
  local bpc = evaluate.posts(model, valid_posts).bpc
  print(('%s: %d steps in %.1f s (%s); last train %.4f bpc, held-out %.4f bpc'):format(
    precision, steps, seconds, kernels, loss / LN2, bpc))
  return bpc
end

print(('%s: %d training posts, %d held out; H%d L2 B64 T100, seed 1'):format(
  path, #train_posts, #valid_posts, hidden))
local fp32 = run('fp32')
local bf16 = run('bf16')
local diff = bf16 - fp32
print(('bf16 - fp32: %+.4f bpc (limit %.2f): %s'):format(diff, LIMIT,
  math.abs(diff) <= LIMIT and 'ok' or 'TOO FAR'))
core.set_precision('auto')
os.exit(math.abs(diff) <= LIMIT and 0 or 1)
