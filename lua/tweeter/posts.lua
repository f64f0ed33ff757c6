--- The local posts store: a JSON Lines file, one post per line,
-- `{"id":"…","text":"…","created_at":"…"}` (`id` and `created_at` may be absent for posts
-- imported from plain files). Ids are strings and are compared by length, then lexically,
-- never as numbers. Depends on lua-cjson.
local cjson = require 'cjson'
local files = require 'tweeter.files'
local options = require('tweeter.options')

local M = {}

--- Compares two ids as decimal-like strings: by length, then lexically.
-- @param a string
-- @param b string
-- @return boolean true when `a` is older (smaller) than `b`
function M.id_less(a, b)
  if #a ~= #b then return #a < #b end
  return a < b
end

local function field(post, name, lineno, path)
  local v = post[name]
  if v == nil or v == cjson.null then return nil end
  if type(v) ~= 'string' then
    return nil, ('%s:%d: field \'%s\' must be a string, got %s'):format(path, lineno, name,
      type(v))
  end
  return v
end

--- Decodes JSON Lines text, the one reader of the format (posts files, `import`, training
-- data): every non-blank line's JSON value with its line number; a leading byte-order mark
-- and each line's `\r` are dropped. A line that is not JSON has `is_json` false: what that
-- means (and what a record must hold) is the caller's to say.
-- @tparam string content
-- @treturn table array of `{ line = n, is_json = bool, value = v }`, in file order
function M.decode_lines(content)
  local records, lineno = {}, 0
  for line in content:gsub('^\239\187\191', ''):gmatch('[^\n]*') do
    lineno = lineno + 1
    line = line:gsub('\r$', '')
    if line:match('%S') then
      local ok, value = pcall(cjson.decode, line)
      records[#records + 1] = { line = lineno, is_json = ok, value = ok and value or nil }
    end
  end
  return records
end

--- Reads a posts file.
-- @param path string
-- @return array of posts `{ id=, text=, created_at= }` in file order
-- @return nil, message when the file cannot be read or a line is not a valid post (the
--   message names the file and line)
function M.load(path)
  options.check_arg(path, 'string', 1, 'load')
  local content, why = files.read(path)
  if not content then return nil, ('cannot open posts file: %s'):format(why) end
  local list = {}
  for _, rec in ipairs(M.decode_lines(content)) do
    local obj, lineno = rec.value, rec.line
    if type(obj) ~= 'table' then
      return nil, ('%s:%d: not a JSON object'):format(path, lineno)
    end
    local text, e1 = field(obj, 'text', lineno, path)
    if e1 then return nil, e1 end
    if not text then return nil, ('%s:%d: missing \'text\''):format(path, lineno) end
    local id, e2 = field(obj, 'id', lineno, path)
    if e2 then return nil, e2 .. ' (ids are kept as strings)' end
    local created_at, e3 = field(obj, 'created_at', lineno, path)
    if e3 then return nil, e3 end
    list[#list + 1] = { id = id, text = text, created_at = created_at }
  end
  return list
end

local function encode_post(p, i)
  if type(p) ~= 'table' or type(p.text) ~= 'string' then
    error(('bad argument #2 to \'save\' (post %d has no text string)'):format(i), 3)
  end
  local parts = {}
  if p.id ~= nil then
    if type(p.id) ~= 'string' then
      error(('bad argument #2 to \'save\' (post %d: id must be a string, got %s)'):format(i,
        type(p.id)), 3)
    end
    parts[#parts + 1] = '"id":' .. cjson.encode(p.id)
  end
  parts[#parts + 1] = '"text":' .. cjson.encode(p.text)
  if type(p.created_at) == 'string' then
    parts[#parts + 1] = '"created_at":' .. cjson.encode(p.created_at)
  end
  return '{' .. table.concat(parts, ',') .. '}\n'
end

--- Writes a posts file atomically (`tweeter.files.write`), so a reader (or a crash) never
-- sees half a file.
-- @param path string
-- @param list array of posts (`text` a string; `id`, `created_at` strings or nil)
-- @return true
-- @return nil, message when the file cannot be written (the old file is then untouched)
function M.save(path, list)
  options.check_arg(path, 'string', 1, 'save')
  options.check_arg(list, 'table', 2, 'save')
  local lines = {}
  for i, p in ipairs(list) do lines[i] = encode_post(p, i) end
  local ok, err = files.write(path, table.concat(lines))
  if not ok then return nil, ('cannot write posts file: %s'):format(err) end
  return true
end

--- Sorts posts newest first, in place: by id (as strings), posts without id last in their
-- original order.
-- @param list array of posts
-- @return list
function M.sort(list)
  local order = {}
  for i, p in ipairs(list) do order[p] = i end
  table.sort(list, function(a, b)
    if a.id and b.id then
      if a.id ~= b.id then return M.id_less(b.id, a.id) end
      return order[a] < order[b]
    end
    if a.id or b.id then return a.id ~= nil end
    return order[a] < order[b]
  end)
  return list
end

--- Merges two lists of posts without duplicates, newest first.
-- A post of `new` replaces the post of `old` with the same id (fresher text); posts without
-- an id are de-duplicated by text. Neither input is modified.
-- @param old array of posts (may be empty)
-- @param new array of posts (may be empty)
-- @return array the merged list, newest first
function M.merge(old, new)
  if type(old) ~= 'table' or type(new) ~= 'table' then
    error('bad argument to \'merge\' (two arrays of posts expected)', 2)
  end
  local by_id, by_text, out = {}, {}, {}
  for _, list in ipairs({ new, old }) do
    for _, p in ipairs(list) do
      if p.id then
        if not by_id[p.id] then by_id[p.id] = true; out[#out + 1] = p end
      elseif not by_text[p.text] then
        by_text[p.text] = true
        out[#out + 1] = p
      end
    end
  end
  return M.sort(out)
end

--- The texts of a list of posts, in order.
-- @param list array of posts
-- @return array of strings
function M.texts(list)
  local out = {}
  for i, p in ipairs(list) do out[i] = p.text end
  return out
end

--- The newest (largest) id in a list, comparing ids as strings by length then lexically.
-- @param list array of posts
-- @return string|nil nil when no post has an id
function M.newest_id(list)
  local best
  for _, p in ipairs(list) do
    if p.id and (best == nil or M.id_less(best, p.id)) then best = p.id end
  end
  return best
end

--- The oldest (smallest) id in a list.
-- @param list array of posts
-- @return string|nil
function M.oldest_id(list)
  local best
  for _, p in ipairs(list) do
    if p.id and (best == nil or M.id_less(p.id, best)) then best = p.id end
  end
  return best
end

return M
