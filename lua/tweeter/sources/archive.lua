--- Reading the X/Twitter archive ("Download an archive of your data").
-- `data/tweets.js` (older archives: `data/tweet.js`) and its `tweets-partN.js` parts are
-- JavaScript assignments of a JSON array to a `window.YTD.*` global: the right-hand side is
-- decoded as JSON, never evaluated. Long posts are completed from `data/note-tweet.js`.
-- Retweets are detected by their `RT @` prefix (the `retweeted` field is always false).
-- The archive is read where it lies: a folder, or the `.zip` X sends, read in place through
-- libzip (`tweeter.files.open_zip`), never unpacked. As a source (`tweeter.sources`) an
-- archive is one page.
-- Depends on lua-cjson.
-- @module tweeter.sources.archive
local cjson = require 'cjson'
local posts = require 'tweeter.posts'
local fs = require 'tweeter.files'
local options = require('tweeter.options')
local escape = require('tweeter.terminal').escape

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

local function basename(path) return path:match('([^/]+)/*$') or path end

-- Where an archive's files are read from: `exists(path)`, `is_dir(path)`, `read(path)` →
-- contents | nil, message. The disk, or one zip file (`zip_tree`).
local DISK = {
  exists = function(path) return fs.kind(path) ~= nil end,
  is_dir = M.is_dir,
  read = function(path)
    local s, err = fs.read(path)
    if not s then return nil, ('cannot open archive file: %s'):format(err) end
    return s
  end,
}

--- The most a zip entry may inflate to, as a multiple of its compressed size, once it is
-- over `ZIP_RATIO_FROM` bytes: text deflates about 3 to 20 times, deflate at most about
-- 1000 times, and a zip bomb counts on that. Nothing inflates to more than
-- `tweeter.files.MAX_INPUT_BYTES`.
M.MAX_ZIP_RATIO = 100
M.ZIP_RATIO_FROM = 1024 * 1024

-- Whether an entry's name stays inside the archive: not absolute (`/x`, `\x`, `C:x`), and no
-- `..` among its parts.
local function inside(name)
  if name:find('^[/\\]') or name:find('^%a:') then return false end
  for part in name:gmatch('[^/\\]+') do
    if part == '..' then return false end
  end
  return true
end

-- What entry `e` may inflate to, or nil and the reason it is refused.
local function zip_limit(e)
  if e.size > fs.MAX_INPUT_BYTES then
    return nil, ('declares %d bytes uncompressed, over the limit of %d'):format(e.size,
      fs.MAX_INPUT_BYTES)
  end
  local by_ratio = math.max(M.ZIP_RATIO_FROM, e.compressed_size * M.MAX_ZIP_RATIO)
  if e.size > by_ratio then
    return nil, ('would inflate %d bytes to %d, more than %d times'):format(e.compressed_size,
      e.size, M.MAX_ZIP_RATIO)
  end
  return math.min(fs.MAX_INPUT_BYTES, by_ratio)
end

-- The tree of an open zip file at `path`: its entries seen as `path/<name>`, the folders
-- their names imply included, and `root`: the folder that holds `data/` (the zip's top, or
-- the one folder the archive was zipped in). Refuses the archive when an entry lies outside
-- it.
local function zip_tree(path, zip)
  local entries, err = zip:entries()
  if not entries then return nil, ('%s: %s'):format(path, err) end
  local files, dirs = {}, { [path] = true }
  for _, e in ipairs(entries) do
    if not inside(e.name) then
      return nil, ('%s: entry \'%s\' points outside the archive; refusing the archive'):format(
        path, escape(e.name))
    end
    local full = path .. '/' .. e.name:gsub('/+$', '')
    if e.name:find('/$') then dirs[full] = true else files[full] = e end
    for dir in full:gmatch('()/') do dirs[full:sub(1, dir - 1)] = true end
  end
  local root = path
  if not dirs[path .. '/data'] then
    local tops = {}
    for dir in pairs(dirs) do
      local top = dir:match('^(.*)/data$')
      if top and top:sub(#path + 2):match('^[^/]+$') then tops[#tops + 1] = top end
    end
    if #tops == 1 then root = tops[1] end
  end
  return {
    root = root,
    exists = function(p) return files[p] ~= nil or dirs[p] ~= nil end,
    is_dir = function(p) return dirs[p] ~= nil end,
    read = function(p)
      local e = files[p]
      if not e then return nil, ('cannot open archive file: %s: no such file in the archive'):format(p) end
      local limit, why = zip_limit(e)
      if not limit then return nil, ('%s: %s: refused (a zip bomb?)'):format(p, why) end
      local s, rerr = zip:read(e.name, limit)
      if not s then return nil, ('%s/%s'):format(path, rerr) end
      return s
    end,
  }
end

--- Decodes one archive data file.
-- @param path string
-- @param tree the files it is read from (default: the disk)
-- @return array the decoded JSON array, and the global's kind (`tweets`, `tweet`,
--   `note_tweet`, …)
-- @return nil, message naming the file when it is missing, not a `window.YTD` assignment, or
--   not valid JSON
function M.read_js(path, tree)
  local s, err = (tree or DISK).read(path)
  if not s then return nil, err end
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
local function part_files(tree, dir, stem)
  local files = {}
  if tree.exists(dir .. '/' .. stem .. '.js') then files[#files + 1] = dir .. '/' .. stem .. '.js' end
  local i = 1
  while tree.exists(('%s/%s-part%d.js'):format(dir, stem, i)) do
    files[#files + 1] = ('%s/%s-part%d.js'):format(dir, stem, i)
    i = i + 1
  end
  return files
end

-- Long texts from note-tweet.js, keyed by creation time (seconds) and by tweet id.
local function read_notes(tree, dir)
  local path = dir .. '/note-tweet.js'
  if not tree.exists(path) then return {} end
  local list, err = M.read_js(path, tree)
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

-- The data files of posts `path` names in `tree` (a folder, its data/ folder, a tweets.js or
-- part file), and the folder they are in; or nil, message.
local function locate(tree, path, shown)
  local files, dir
  if tree.is_dir(path) then
    dir = tree.is_dir(path .. '/data') and path .. '/data' or path
    files = part_files(tree, dir, 'tweets')
    if #files == 0 then files = part_files(tree, dir, 'tweet') end
    if #files == 0 then
      if tree.is_dir(dir .. '/js/tweets') then
        return nil, ('%s: archives from before 2019 (data/js/tweets) are not supported'):format(shown)
      end
      return nil, ('%s: not a Twitter archive (no data/tweets.js)'):format(shown)
    end
  else
    if not tree.exists(path) then return nil, ('cannot open archive file: %s: No such file or directory'):format(path) end
    dir = path:match('^(.*)/[^/]*$') or '.'
    local stem = basename(path):match('^(tweets?)%.js$')
    files = stem and part_files(tree, dir, stem) or { path }
  end
  return files, dir
end

local function is_zip(path)
  return (path:match('%.([%w]+)$') or ''):lower() == 'zip'
end

-- The posts of the archive at `root` in `tree` (`shown`: how messages name it), as `read`.
local function read_tree(tree, root, shown, opts)
  local files, dir = locate(tree, root, shown)
  if not files then return nil, dir end
  local notes, nerr = read_notes(tree, dir)
  if not notes then return nil, nerr end
  local out, seen = {}, {}
  local info = { retweets = 0, files = files }
  for _, file in ipairs(files) do
    local list, kind = M.read_js(file, tree)
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

--- Reads a Twitter archive: the archive folder, its `data/` folder, the archive's `.zip`
-- (read in place, never unpacked), or a `tweets.js` / `tweet.js` file (its `-partN.js`
-- siblings are read too) or one part file. A zip with an entry outside it (`../x`, `/x`) is
-- refused, and so is an entry read that would inflate past `tweeter.files.MAX_INPUT_BYTES`,
-- or past `MAX_ZIP_RATIO` times its compressed size (a zip bomb).
-- @param path string
-- @param opts table|nil `include_retweets` (default false), `include_replies` (default
--   true; replies are the person's writing — their leading @mentions are removed)
-- @return posts `{ id, text, created_at }` newest first, de-duplicated by id, texts with
--   `&amp; &lt; &gt;` decoded; and info `{ retweets = n, files = { … } }`
-- @return nil, message naming the file or folder
function M.read(path, opts)
  options.check_arg(path, 'string', 1, 'read')
  opts = opts or {}
  path = path:gsub('(.)/+$', '%1')
  if is_zip(path) and not M.is_dir(path) then
    local zip <close>, err = fs.open_zip(path)
    if not zip then return nil, ('cannot open archive file: %s'):format(err) end
    local tree, terr = zip_tree(path, zip)
    if not tree then return nil, terr end
    return read_tree(tree, tree.root, path, opts)
  end
  return read_tree(DISK, path, path, opts)
end

--- Whether a path is an archive: a folder, a `.zip` file, or a `.js` data file.
function M.recognises(path)
  return M.is_dir(path) or is_zip(path) or (path:match('%.([%w]+)$') or ''):lower() == 'js'
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
