-- Option 4: a USER model fine-tuned from the BASE model (the usual choice).
-- Use it when a base model exists (train_base.lua): the copy already knows how posts are
-- written, so a few hundred steps on the person's posts suffice. Characters the person uses
-- that the base never saw (emoji, accents, other scripts) are added to its vocabulary.
-- Without STEPS the budget and the learning rate are chosen from the size of POSTS (ten
-- epochs within 300 to 2,000 steps; a lower rate for a small file), as `tweeter train` does.
--   lua5.4 examples/finetune_user.lua [POSTS] [MODEL] [BASE] [STEPS]   (BASE: default the shipped one)
-- from any folder: the checkout's modules and core first (installed ones otherwise)
local checkout = (arg[0]:match('^(.*)/[^/]*$') or '.') .. '/..'
package.path = ('%s/lua/?.lua;%s/lua/?/init.lua;%s'):format(checkout, checkout, package.path)
package.cpath = ('%s/build/?.so;%s'):format(checkout, package.cpath)
local tweeter = require('tweeter')

local data = arg[1] or checkout .. '/../shared/corpus/users/BarackObama.txt'
local model = arg[2] or 'models/user-ft.twm'
local base = (arg[3] or '') ~= '' and arg[3] or assert(tweeter.base_model()) -- '': the shipped base
assert(require('tweeter.files').make_parent(model))

local summary = assert(tweeter.train{
  data = data, model = model, from = base,
  steps = tonumber(arg[4]),              -- nil: the default budget
  progress = true,
})
print(('fine-tuned %s from %s: %d new characters, best validation %.3f bits per character'):format(
  summary.model, base, summary.added_chars, summary.best_valid_bpc or 0/0))
