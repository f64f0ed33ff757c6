-- Option 4: a USER model fine-tuned from the BASE model (the usual choice).
-- Use it when a base model exists (the shipped one, or train_base.lua's): the copy already
-- knows how posts are written, so a few hundred steps on the person's posts suffice.
-- Characters the person uses that the base never saw (emoji, accents, other scripts) are
-- added to its vocabulary.
--   lua5.4 examples/finetune_user.lua [POSTS] [MODEL] [BASE] [STEPS]
-- With no arguments: 4 steps from the shipped base on the sample archive into user-ft.twm,
-- to see it run. STEPS auto chooses the budget and the learning rate from the size of POSTS
-- (ten epochs within 300 to 2,000 steps; a lower rate for a small file), as `tweeter train
-- --from base` does: the sample archive then sounds like its author (make demo).
local example = dofile((arg[0]:match('^(.*)/[^/]*$') or '.') .. '/example.lua')
local tweeter = require('tweeter')

local data, model, base, steps = example.args('[POSTS] [MODEL] [BASE] [STEPS|auto]',
  { 'file', 'text', 'file', 'steps' })
data, model = data or example.sample, model or 'user-ft.twm'
base = base or example.check(tweeter.base_model())
example.check(require('tweeter.files').make_parent(model))

local summary = example.check(tweeter.train{
  data = data, model = model, from = base,
  steps = steps ~= 'auto' and (steps or 4) or nil,   -- nil: the command's budget
  progress = true,
})
print(('fine-tuned %s from %s: %d new characters, best validation %.3f bits per character'):format(
  summary.model, base, summary.added_chars, summary.best_valid_bpc or 0/0))
