-- Fetch a person's posts into a local posts file (JSON Lines), or bring it up to date.
-- Use it before training a user model: run it once to get the posts, again later to add only
-- the new ones (an interrupted run is completed by the next). X needs TWITTER_BEARER_TOKEN
-- in the environment; Mastodon and Bluesky need nothing.
--   lua5.4 examples/fetch_user.lua HANDLE [FILE]
--   e.g. @someone, @someone@mastodon.social, someone.bsky.social
-- from any folder: the checkout's modules and core first (installed ones otherwise)
local checkout = (arg[0]:match('^(.*)/[^/]*$') or '.') .. '/..'
package.path = ('%s/lua/?.lua;%s/lua/?/init.lua;%s'):format(checkout, checkout, package.path)
package.cpath = ('%s/build/?.so;%s'):format(checkout, package.cpath)
local fetch = require 'tweeter.fetch'

local handle = arg[1] or error('usage: fetch_user.lua HANDLE [FILE]')
local path = arg[2] or (handle:gsub('[^%w_.-]', '_'):gsub('^_+', '') .. '.jsonl')

local list, info = fetch.update(handle, path, {
  progress = function(e)
    if e.event == 'page' then io.stderr:write(('page %d: %d posts\n'):format(e.page, e.count))
    elseif e.event == 'wait' then io.stderr:write(e.message .. ('; %d s left\n'):format(e.seconds)) end
  end,
})
if not list then
  io.stderr:write('fetch_user: ', info, '\n')
  os.exit(1)
end
print(('%s: %d posts (%d new)%s'):format(path, #list, info.added,
  info.complete and '' or ' - more to fetch, run again'))
