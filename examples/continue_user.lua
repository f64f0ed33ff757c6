-- Option 5: keep training an existing USER model.
-- Use it after fetching the person's newer posts (tweeter fetch merges them into the same
-- posts file), when validation was still improving, or to resume after Ctrl-C.
-- New characters in the new posts are added to the model's vocabulary.
--   lua5.4 examples/continue_user.lua [POSTS] [MODEL] [STEPS]
-- from any folder: the checkout's modules and core first (installed ones otherwise)
local checkout = (arg[0]:match('^(.*)/[^/]*$') or '.') .. '/..'
package.path = ('%s/lua/?.lua;%s/lua/?/init.lua;%s'):format(checkout, checkout, package.path)
package.cpath = ('%s/build/?.so;%s'):format(checkout, package.cpath)
local tweeter = require('tweeter')

local data = arg[1] or checkout .. '/../shared/corpus/users/BarackObama.txt'
local model = arg[2] or 'models/user.twm'

local summary = assert(tweeter.train{
  data = data, model = model,
  steps = tonumber(arg[3]) or 300,
  progress = true,
})
print(('user model %s (%s): now %d steps, best validation %.3f bits per character'):format(
  summary.model, summary.how, summary.steps, summary.best_valid_bpc or 0/0))
