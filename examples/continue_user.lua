-- Option 5: keep training an existing USER model.
-- Use it after fetching the person's newer posts (tweeter fetch merges them into the same
-- posts file), when validation was still improving, or to resume after Ctrl-C.
-- New characters in the new posts are added to the model's vocabulary.
--   lua5.4 examples/continue_user.lua [POSTS] [MODEL] [STEPS]
-- With no arguments: 2 more steps of user-ft.twm (finetune_user.lua's) on the sample archive.
local example = dofile((arg[0]:match('^(.*)/[^/]*$') or '.') .. '/example.lua')
local tweeter = require('tweeter')

local data, model, steps = example.args('[POSTS] [MODEL] [STEPS]', { 'file', 'text', 'count' })
data, model = data or example.sample, model or 'user-ft.twm'

local summary = example.check(tweeter.train{
  data = data, model = model,
  steps = steps or 2,
  progress = true,
})
print(('user model %s (%s): now %d steps, best validation %.3f bits per character'):format(
  summary.model, summary.how, summary.steps, summary.best_valid_bpc or 0/0))
