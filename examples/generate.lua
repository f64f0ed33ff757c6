-- Generate posts in a person's voice from a trained model, leaving out any post that
-- copies 40 or more characters of one of their real posts.
--   lua5.4 examples/generate.lua [MODEL] [N] [POSTS]
package.path = 'lua/?.lua;lua/?/init.lua;' .. package.path -- run from a checkout too
package.cpath = 'build/?.so;' .. package.cpath
local tweeter = require('tweeter')

local model = assert(tweeter.load(arg[1] or 'models/user.tw'))
local posts, stats = assert(tweeter.generate(model, {
  n = tonumber(arg[2]) or 5,
  temperature = 0.8, top_p = 0.95,
  novel_against = arg[3],                -- the person's posts file, if given
}))
for _, post in ipairs(posts) do print(post) end
if arg[3] then io.stderr:write(('%d copies dropped\n'):format(stats.dropped)) end
