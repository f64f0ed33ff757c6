-- Option 3: a new USER model from scratch, on one person's posts only.
-- Use it when there is no base model, or when the person writes in a language or style the
-- base model knows nothing of. Needs a few thousand posts to sound like them.
--   lua5.4 examples/train_user.lua [POSTS] [MODEL] [EPOCHS]
-- from any folder: the checkout's modules and core first (installed ones otherwise)
local checkout = (arg[0]:match('^(.*)/[^/]*$') or '.') .. '/..'
package.path = ('%s/lua/?.lua;%s/lua/?/init.lua;%s'):format(checkout, checkout, package.path)
package.cpath = ('%s/build/?.so;%s'):format(checkout, package.cpath)
local tweeter = require('tweeter')

local data = arg[1] or checkout .. '/../shared/corpus/users/BarackObama.txt'
local model = arg[2] or 'models/user.twm'
assert(require('tweeter.files').make_parent(model))

local summary = assert(tweeter.train{
  data = data, model = model,
  epochs = tonumber(arg[3]) or 10,       -- passes over the user's posts
  progress = true,                       -- default architecture: embed 64, hidden 256, 2 layers
})
print(('user model %s: %d steps, best validation %.3f bits per character, loss curve %s'):format(
  summary.model, summary.steps, summary.best_valid_bpc or 0/0, summary.svg))
