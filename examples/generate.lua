-- Generate posts in a person's voice from a trained model, leaving out any post that
-- copies 40 or more characters of one of their real posts (the model's training posts, which
-- it remembers, and the posts file POSTS, if given: its validation posts too).
--   lua5.4 examples/generate.lua [MODEL] [N] [POSTS]
-- from any folder: the checkout's modules and core first (installed ones otherwise)
local checkout = (arg[0]:match('^(.*)/[^/]*$') or '.') .. '/..'
package.path = ('%s/lua/?.lua;%s/lua/?/init.lua;%s'):format(checkout, checkout, package.path)
package.cpath = ('%s/build/?.so;%s'):format(checkout, package.cpath)
local tweeter = require('tweeter')

local model = assert(tweeter.load(arg[1] or 'models/user.twm'))
local posts, stats = assert(tweeter.generate(model, {
  n = tonumber(arg[2]) or 5,
  temperature = 0.8, top_p = 0.95,
  novel_against = arg[3],                -- the person's posts file, if given
}))
for _, post in ipairs(posts) do print(post) end
if stats.dropped > 0 then io.stderr:write(('%d copies dropped\n'):format(stats.dropped)) end
