-- Option 2: keep training the BASE model (more steps, or more generic posts).
-- Use it when the base model's validation loss was still falling, or after Ctrl-C: it
-- resumes from MODEL.ckpt exactly where training stopped.
--   lua5.4 examples/continue_base.lua [POSTS] [MODEL] [STEPS] [LR]
-- A run under the cosine schedule ends with the rate at its floor (1e-5), where more steps
-- learn little: LR restarts it, and the cosine lowers it again over STEPS. A restarted rate
-- makes validation worse for a while before it gets better, so the run then never stops
-- early (patience 0). The shipped base got its last steps this way (models/README.md).
-- from any folder: the checkout's modules and core first (installed ones otherwise)
local checkout = (arg[0]:match('^(.*)/[^/]*$') or '.') .. '/..'
package.path = ('%s/lua/?.lua;%s/lua/?/init.lua;%s'):format(checkout, checkout, package.path)
package.cpath = ('%s/build/?.so;%s'):format(checkout, package.cpath)
local tweeter = require('tweeter')

local data = arg[1] or checkout .. '/../shared/corpus/generic/tweets.txt'
local model = arg[2] or 'models/my-base.twm'

-- No architecture options: they come from the existing model file.
local summary = assert(tweeter.train{
  data = data, model = model,
  steps = tonumber(arg[3]) or 9000,
  lr = tonumber(arg[4]), schedule = arg[4] and 'cosine' or nil, patience = arg[4] and 0 or nil,
  progress = true,
})
print(('base model %s: now %d steps, best validation %.3f bits per character'):format(
  summary.model, summary.steps, summary.best_valid_bpc or 0/0))
