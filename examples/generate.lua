-- Generate posts in a person's voice from a trained model, leaving out any post that
-- copies 40 or more characters of one of their real posts (the model's training posts, which
-- it remembers, and the posts file POSTS, if given: its validation posts too).
--   lua5.4 examples/generate.lua [MODEL] [N] [POSTS]
-- With no arguments: 3 posts from the shipped base model (generic posts, nobody's voice);
-- give it the model finetune_user.lua wrote (user-ft.twm) for the sample archive's author.
local example = dofile((arg[0]:match('^(.*)/[^/]*$') or '.') .. '/example.lua')
local tweeter = require('tweeter')

local path, n, posts_file = example.args('[MODEL] [N] [POSTS]', { 'file', 'count', 'file' })
local model = example.check(tweeter.load(path or example.check(tweeter.base_model())))
local posts, stats = example.check(tweeter.generate(model, {
  n = n or 3,
  temperature = 0.8, top_p = 0.95,
  novel_against = posts_file,            -- the person's posts file, if given
}))
for _, post in ipairs(posts) do print(post) end
if stats.dropped > 0 then io.stderr:write(('%d copies dropped\n'):format(stats.dropped)) end
