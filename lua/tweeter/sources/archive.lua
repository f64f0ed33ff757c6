--- Reading the X/Twitter archive ("Download an archive of your data").
-- `data/tweets.js` (older archives: `data/tweet.js`) and its `tweets-partN.js` parts are
-- JavaScript assignments of a JSON array to a `window.YTD.*` global: the right-hand side is
-- decoded as JSON, never evaluated. Long posts are completed from `data/note-tweet.js`.
-- Retweets are detected by their `RT @` prefix (the `retweeted` field is always false).
-- As a source (`tweeter.sources`) an archive is one page.
-- Depends on lua-cjson.
-- @module tweeter.sources.archive
local cjson = require 'cjson'
local posts = require 'tweeter.posts'
local fs = require 'tweeter.files'
local options = require('tweeter.options')

local M = { name = 'archive', label = 'Twitter archive' }

local MONTHS = { Jan = 1, Feb = 2, Mar = 3, Apr = 4, May = 5, Jun = 6, Jul = 7, Aug = 8,
  Sep = 9, Oct = 10, Nov = 11, Dec = 12 }

--- `Thu May 02 08:41:13 +0000 2024` → `2024-05-02T08:41:13.000Z` (other strings unchanged).
-- @param s string
-- @return string
function M.iso_date(s)
  local mon, d, h, mi, sec, off, y = s:match('^%a+ (%a+) (%d+) (%d+):(%d+):(%d+) ([+-]%d+) (%d+)$')
  if mon and MONTHS[mon] and off == '+0000' then
    return ('%04d-%02d-%02dT%02d:%02d:%02d.000Z'):format(tonumber(y), MONTHS[mon], tonumber(d),
      tonumber(h), tonumber(mi), tonumber(sec))
  end
  return s
end

--- Whether `path` is a directory.
-- @param path string
-- @return boolean
function M.is_dir(path)
  return fs.kind(path) == 'directory'
end

local function exists(path)
  return fs.kind(path) ~= nil
end

local function basename(path) return path:match('([^/]+)/*$') or path end

--- Decodes one archive data file.
-- @param path string
-- @return array the decoded JSON array, and the global's kind (`tweets`, `tweet`,
--   `note_tweet`, …)
-- @return nil, message naming the file when it is missing, not a `window.YTD` assignment, or
--   not valid JSON
function M.read_js(path)
  local s, err = fs.read(path)
  if not s then return nil, ('cannot open archive file: %s'):format(err) end
  s, err = fs.decode_text(s, path)
  if not s then return nil, err end
  local left, right = s:match('^%s*([^=]-)%s*=(.*)$')
  local kind = left and left:match('^window%.YTD%.([%w_]+)%.part%d+$')
  if not kind then
    return nil, ('%s: not a Twitter archive data file (expected \'window.YTD.tweets.part0 = [ … ]\')')
      :format(path)
  end
  right = right:gsub('%s*;?%s*$', '')
  local ok, obj = pcall(cjson.decode, right)
  if not ok then
    return nil, ('%s: invalid JSON in Twitter archive file (%s)'):format(path,
      tostring(obj):gsub('^.-: ', ''))
  end
  if type(obj) ~= 'table' or (next(obj) ~= nil and obj[1] == nil) then
    return nil, ('%s: expected a JSON array of records'):format(path)
  end
  return obj, kind
end

-- The data files of posts next to (and including) a tweets.js/tweet.js file.
local function part_files(dir, stem)
  local files = {}
  if exists(dir .. '/' .. stem .. '.js') then files[#files + 1] = dir .. '/' .. stem .. '.js' end
  local i = 1
  while exists(('%s/%s-part%d.js'):format(dir, stem, i)) do
    files[#files + 1] = ('%s/%s-part%d.js'):format(dir, stem, i)
    i = i + 1
  end
  return files
end

-- Long texts from note-tweet.js, keyed by creation time (seconds) and by tweet id.
local function read_notes(dir)
  local path = dir .. '/note-tweet.js'
  if not exists(path) then return {} end
  local list, err = M.read_js(path)
  if not list then return nil, err end
  local notes = {}
  for _, rec in ipairs(list) do
    local n = type(rec) == 'table' and (rec.noteTweet or rec) or {}
    local text = type(n.core) == 'table' and n.core.text
      or type(n.noteTweetResults) == 'table' and n.noteTweetResults.text or nil
    if type(text) == 'string' then
      if type(n.createdAt) == 'string' then notes[n.createdAt:sub(1, 19)] = text end
      if type(n.tweetId) == 'string' then notes['id:' .. n.tweetId] = text end
    end
  end
  return notes
end

local function unescape(s)
  return (s:gsub('&lt;', '<'):gsub('&gt;', '>'):gsub('&amp;', '&'))
end

-- Drops the leading @mentions a reply starts with (they are the reply's address, not its text).
local function strip_reply_prefix(s)
  local prev
  repeat
    prev = s
    s = s:gsub('^@[%w_]+%s+', '', 1)
  until s == prev
  return s
end

--- Reads a Twitter archive: the archive folder, its `data/` folder, or a `tweets.js` /
-- `tweet.js` file (its `-partN.js` siblings are read too) or one part file.
-- @param path string
-- @param opts table|nil `include_retweets` (default false), `include_replies` (default
--   true; replies are the person's writing — their leading @mentions are removed)
-- @return posts `{ id, text, created_at }` newest first, de-duplicated by id, texts with
--   `&amp; &lt; &gt;` decoded; and info `{ retweets = n, files = { … } }`
-- @return nil, message naming the file or folder
function M.read(path, opts)
  options.check_arg(path, 'string', 1, 'read')
  opts = opts or {}
  local files, dir
  path = path:gsub('(.)/+$', '%1')
  if M.is_dir(path) then
    dir = M.is_dir(path .. '/data') and path .. '/data' or path
    files = part_files(dir, 'tweets')
    if #files == 0 then files = part_files(dir, 'tweet') end
    if #files == 0 then
      if M.is_dir(dir .. '/js/tweets') then
        return nil, ('%s: archives from before 2019 (data/js/tweets) are not supported'):format(path)
      end
      return nil, ('%s: not a Twitter archive (no data/tweets.js)'):format(path)
    end
  else
    if not exists(path) then return nil, ('cannot open archive file: %s: No such file or directory'):format(path) end
    dir = path:match('^(.*)/[^/]*$') or '.'
    local name = basename(path)
    local stem = name:match('^(tweets?)%.js$')
    files = stem and part_files(dir, stem) or { path }
  end

  local notes, nerr = read_notes(dir)
  if not notes then return nil, nerr end
  local out, seen = {}, {}
  local info = { retweets = 0, files = files }
  for _, file in ipairs(files) do
    local list, kind = M.read_js(file)
    if not list then return nil, kind end
    if kind ~= 'tweets' and kind ~= 'tweet' then
      return nil, ('%s: holds window.YTD.%s, not posts'):format(file, kind)
    end
    for i, rec in ipairs(list) do
      local t = type(rec) == 'table' and (rec.tweet or rec) or nil
      local id = t and (t.id_str or t.id)
      local text = t and (t.full_text or t.text)
      if type(id) ~= 'string' or type(text) ~= 'string' then
        return nil, ('%s: record %d has no string id_str and full_text'):format(file, i)
      end
      if not seen[id] then
        seen[id] = true
        local created = type(t.created_at) == 'string' and M.iso_date(t.created_at) or nil
        local note = notes['id:' .. id] or (created and notes[created:sub(1, 19)])
        if note then text = note end
        local is_rt = text:match('^RT @') ~= nil
        local is_reply = type(t.in_reply_to_status_id_str) == 'string'
          or type(t.in_reply_to_user_id_str) == 'string'
        if is_rt and not opts.include_retweets then
          info.retweets = info.retweets + 1
        elseif not (is_reply and opts.include_replies == false) then
          text = unescape(text)
          if is_reply and not note then text = strip_reply_prefix(text) end
          out[#out + 1] = { id = id, text = text, created_at = created }
        end
      end
    end
  end
  return posts.sort(out), info
end

--- Whether a path is an archive: a folder, or a `.js` data file.
function M.recognises(path)
  return M.is_dir(path) or (path:match('%.([%w]+)$') or ''):lower() == 'js'
end

--- The state of a read: the path and `read`'s options.
function M.resolve(path, opts)
  return { path = path, opts = opts }
end

--- The whole archive, as one page: its posts, no cursor, and `read`'s info.
function M.page(state)
  local list, info = M.read(state.path, state.opts)
  if not list then return nil, info end
  return list, nil, info
end

return M
