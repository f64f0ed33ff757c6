-- Fetch a person's posts into a local posts file (JSON Lines), or bring it up to date.
-- Use it before training a user model: run it once to get the posts, again later to add only
-- the new ones (an interrupted run is completed by the next). X needs TWITTER_BEARER_TOKEN
-- in the environment; Mastodon and Bluesky need nothing.
--   lua5.4 examples/fetch_user.lua [HANDLE] [FILE]
--   e.g. @someone, @someone@mastodon.social, someone.bsky.social
-- With no HANDLE it works offline, as make demo does: it imports the sample archive (a
-- Twitter archive; tweeter.import reads one you download from X's settings) into
-- sample.jsonl.
local example = dofile((arg[0]:match('^(.*)/[^/]*$') or '.') .. '/example.lua')
local tweeter = require('tweeter')

local handle, path = example.args('[HANDLE] [FILE]', { 'text', 'text' })

if not handle then
  path = path or 'sample.jsonl'
  local imported = example.check(tweeter.import(example.sample))
  local posts = tweeter.clean.posts(imported)
  example.check(tweeter.posts.save(path, posts))
  print(('%s: %d posts from the sample archive'):format(path, #posts))
  return
end

path = path or (handle:gsub('[^%w_.-]', '_'):gsub('^_+', '') .. '.jsonl')
local list, info = require('tweeter.fetch').update(handle, path, {
  progress = function(e)
    if e.event == 'page' then io.stderr:write(('page %d: %d posts\n'):format(e.page, e.count))
    elseif e.event == 'wait' then io.stderr:write(e.message .. ('; %d s left\n'):format(e.seconds)) end
  end,
})
example.check(list, info)
print(('%s: %d posts (%d new)%s'):format(path, #list, info.added,
  info.complete and '' or ' - more to fetch, run again'))
