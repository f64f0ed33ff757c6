-- Option 1: train a BASE model on generic posts from many people.
-- Use it once, before any user model: a base model learns spelling, words and the shape of
-- posts, so user models fine-tuned from it (finetune_user.lua) need far fewer steps.
--   lua5.4 examples/train_base.lua [POSTS] [MODEL] [STEPS]
-- from any folder: the checkout's modules and core first (installed ones otherwise)
local checkout = (arg[0]:match('^(.*)/[^/]*$') or '.') .. '/..'
package.path = ('%s/lua/?.lua;%s/lua/?/init.lua;%s'):format(checkout, checkout, package.path)
package.cpath = ('%s/build/?.so;%s'):format(checkout, package.cpath)
local tweeter = require('tweeter')

local data = arg[1] or checkout .. '/../shared/corpus/generic/tweets.txt'
local model = arg[2] or 'models/my-base.twm'
assert(require('tweeter.files').make_parent(model))

-- the shipped base's recipe (models/README.md): a float16 file under 8 MB, the learning rate
-- lowered along a half cosine over the step budget
local summary = assert(tweeter.train{
  data = data, model = model,
  steps = tonumber(arg[3]) or 14000,     -- a step budget: the generic corpus is large
  embed = 64, hidden = 480, layers = 2, batch = 64, seq = 100, valid_percent = 2,
  schedule = 'cosine', progress = true,
})
print(('base model %s: %d steps, best validation %.3f bits per character'):format(
  summary.model, summary.steps, summary.best_valid_bpc or 0/0))
