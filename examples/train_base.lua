-- Option 1: train a BASE model on generic posts from many people.
-- Use it once, before any user model: a base model learns spelling, words and the shape of
-- posts, so user models fine-tuned from it (finetune_user.lua) need far fewer steps.
--   lua5.4 examples/train_base.lua [POSTS] [MODEL] [STEPS]
-- With no arguments: 4 steps on the sample archive into my-base.twm, to see it run. A real
-- base needs a large file of generic posts and the shipped base's budget of 30,000 steps
-- (models/README.md): a few hours on two cores.
-- It writes the shipped base's architecture in float16, 2 bytes a parameter: on the sample
-- archive (2.9 million parameters) a model file of 5.9 MB, with the shipped base's 1,524
-- characters (3.7 million) 7.5 MB. Beside it MODEL.ckpt holds the float32 weights and the
-- optimizer's two moments, 12 bytes a parameter (36 MB on the sample archive), from which
-- continue_base.lua resumes.
local example = dofile((arg[0]:match('^(.*)/[^/]*$') or '.') .. '/example.lua')
local tweeter = require('tweeter')

local data, model, steps = example.args('[POSTS] [MODEL] [STEPS]', { 'file', 'text', 'count' })
data, model = data or example.sample, model or 'my-base.twm'
example.check(require('tweeter.files').make_parent(model))

-- the shipped base's recipe (models/README.md): the learning rate lowered along a half
-- cosine over the step budget, the model saved in float16
local summary = example.check(tweeter.train{
  data = data, model = model,
  steps = steps or 4,
  embed = 64, hidden = 480, layers = 2, batch = 64, seq = 100, valid_percent = 2,
  schedule = 'cosine', half = true, progress = true,
})
print(('base model %s: %d steps, best validation %.3f bits per character'):format(
  summary.model, summary.steps, summary.best_valid_bpc or 0/0))
