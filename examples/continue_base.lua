-- Option 2: keep training the BASE model (more steps, or more generic posts).
-- Use it when the base model's validation loss was still falling, or after Ctrl-C: it
-- resumes from MODEL.ckpt exactly where training stopped.
--   lua5.4 examples/continue_base.lua [POSTS] [MODEL] [STEPS]
package.path = 'lua/?.lua;lua/?/init.lua;' .. package.path -- run from a checkout too
package.cpath = 'build/?.so;' .. package.cpath
local tweeter = require('tweeter')

local data = arg[1] or '../shared/corpus/generic/tweets.txt'
local model = arg[2] or 'models/base.tw'

-- No architecture options: they come from the existing model file.
local summary = assert(tweeter.train{
  data = data, model = model,
  steps = tonumber(arg[3]) or 10000,
  progress = true,
})
print(('base model %s: now %d steps, best validation %.3f bits per character'):format(
  summary.model, summary.steps, summary.best_valid_bpc or 0/0))
