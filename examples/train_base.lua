-- Option 1: train a BASE model on generic posts from many people.
-- Use it once, before any user model: a base model learns spelling, words and the shape of
-- posts, so user models fine-tuned from it (finetune_user.lua) need far fewer steps.
--   lua5.4 examples/train_base.lua [POSTS] [MODEL] [STEPS]
package.path = 'lua/?.lua;lua/?/init.lua;' .. package.path -- run from a checkout too
package.cpath = 'build/?.so;' .. package.cpath
local tweeter = require('tweeter')

local data = arg[1] or '../shared/corpus/generic/tweets.txt'
local model = arg[2] or 'models/base.tw'
os.execute('mkdir -p "$(dirname "' .. model .. '")"')

local summary = assert(tweeter.train{
  data = data, model = model,
  steps = tonumber(arg[3]) or 20000,     -- a step budget: the generic corpus is large
  embed = 64, hidden = 256, layers = 2, dropout = 0.1,
  progress = true,
})
print(('base model %s: %d steps, best validation %.3f bits per character'):format(
  summary.model, summary.steps, summary.best_valid_bpc or 0/0))
