-- Option 5: keep training an existing USER model.
-- Use it after fetching the person's newer posts (tweeter fetch merges them into the same
-- posts file), when validation was still improving, or to resume after Ctrl-C.
-- New characters in the new posts are added to the model's vocabulary.
--   lua5.4 examples/continue_user.lua [POSTS] [MODEL] [STEPS]
package.path = 'lua/?.lua;lua/?/init.lua;' .. package.path -- run from a checkout too
package.cpath = 'build/?.so;' .. package.cpath
local tweeter = require('tweeter')

local data = arg[1] or '../shared/corpus/users/BarackObama.txt'
local model = arg[2] or 'models/user.tw'

local summary = assert(tweeter.train{
  data = data, model = model,
  steps = tonumber(arg[3]) or 300,
  progress = true,
})
print(('user model %s (%s): now %d steps, best validation %.3f bits per character'):format(
  summary.model, summary.how, summary.steps, summary.best_valid_bpc or 0/0))
