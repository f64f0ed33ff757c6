-- Option 2: keep training the BASE model (more steps, or more generic posts).
-- Use it when the base model's validation loss was still falling, or after Ctrl-C: it
-- resumes from MODEL.ckpt exactly where training stopped.
--   lua5.4 examples/continue_base.lua [POSTS] [MODEL] [STEPS] [LR]
-- With no arguments: 1 more step of my-base.twm (train_base.lua's) on the sample archive.
-- A run under the cosine schedule ends with the rate at its floor (1e-5), where more steps
-- learn little: LR restarts it, and the cosine lowers it again over STEPS. A restarted rate
-- makes validation worse for a while before it gets better, so the run then never stops
-- early (patience 0). The shipped base got its last steps this way (models/README.md).
local example = dofile((arg[0]:match('^(.*)/[^/]*$') or '.') .. '/example.lua')
local tweeter = require('tweeter')

local data, model, steps, lr = example.args('[POSTS] [MODEL] [STEPS] [LR]', { 'file', 'text', 'count', 'number' })
data, model = data or example.sample, model or 'my-base.twm'

-- No architecture options: they come from the existing model file.
local summary = example.check(tweeter.train{
  data = data, model = model,
  steps = steps or 1,
  lr = lr, schedule = lr and 'cosine' or nil, patience = lr and 0 or nil,
  half = true, progress = true,
})
print(('base model %s: now %d steps, best validation %.3f bits per character'):format(
  summary.model, summary.steps, summary.best_valid_bpc or 0/0))
