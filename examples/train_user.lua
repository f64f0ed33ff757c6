-- Option 3: a new USER model from scratch, on one person's posts only.
-- Use it when there is no base model, or when the person writes in a language or style the
-- base model knows nothing of. Needs a few thousand posts to sound like them.
--   lua5.4 examples/train_user.lua [POSTS] [MODEL] [EPOCHS]
-- With no arguments: one epoch of the sample archive into user.twm, to see it run (ten
-- epochs, the command's default, learn far more).
local example = dofile((arg[0]:match('^(.*)/[^/]*$') or '.') .. '/example.lua')
local tweeter = require('tweeter')

local data, model, epochs = example.args('[POSTS] [MODEL] [EPOCHS]', { 'file', 'text', 'number' })
data, model = data or example.sample, model or 'user.twm'
example.check(require('tweeter.files').make_parent(model))

local summary = example.check(tweeter.train{
  data = data, model = model,
  epochs = epochs or 1,                  -- passes over the user's posts
  progress = true,                       -- default architecture: embed 64, hidden 256, 2 layers
})
print(('user model %s: %d steps, best validation %.3f bits per character, loss curve %s'):format(
  summary.model, summary.steps, summary.best_valid_bpc or 0/0, summary.svg))
