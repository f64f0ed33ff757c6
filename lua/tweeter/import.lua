--- Importing posts from files: a Twitter archive (folder or tweets.js), plain text (one post
-- per line), JSON Lines (a `text` field), CSV (a `text` column, RFC 4180 quoting) or a JSON
-- array. Texts are returned as they are in the file; cleaning is `tweeter.clean`'s job.
-- Depends on lua-cjson.
local cjson = require 'cjson'
local archive = require 'tweeter.archive'
local files = require 'tweeter.files'
local options = require 'tweeter.options'

local M = {}

local function read_all(path)
  local f, err = io.open(path, 'rb')
  if not f then return nil, ('cannot open %s'):format(err) end
  local s = f:read('a')
  f:close()
  if not s then return nil, ('cannot read %s'):format(path) end
  return (s:gsub('^\239\187\191', ''))
end

local function lines_of(s)
  local out = {}
  for line in (s .. '\n'):gmatch('([^\n]*)\n') do out[#out + 1] = (line:gsub('\r$', '')) end
  if out[#out] == '' then out[#out] = nil end
  return out
end

local function id_of(v)
  if type(v) == 'string' and v ~= '' then return v end
  if math.type(v) == 'integer' then return tostring(v) end
  if type(v) == 'number' and v == math.floor(v) and math.abs(v) < 2 ^ 53 then
    return ('%d'):format(v)
  end
  return nil
end

local function from_object(obj, where)
  if type(obj) ~= 'table' then return nil, where .. ': expected a JSON object' end
  if type(obj.text) ~= 'string' then
    return nil, where .. ': missing a \'text\' string'
  end
  local id = id_of(obj.id_str) or id_of(obj.id)
  if type(obj.id) == 'number' and id == nil and obj.id_str == nil then
    return nil, where .. ': numeric \'id\' too large to keep exactly (write ids as strings)'
  end
  return { id = id, text = obj.text,
    created_at = type(obj.created_at) == 'string' and obj.created_at or nil }
end

--- Reads a plain text file: every non-blank line is a post.
-- @param path string
-- @return posts `{ text = }` in file order | nil, message
function M.txt(path)
  local s, err = read_all(path)
  if not s then return nil, err end
  local out = {}
  for _, line in ipairs(lines_of(s)) do
    if line:match('%S') then out[#out + 1] = { text = line } end
  end
  return out
end

--- Reads a JSON Lines file: one object per line with a `text` string (and optionally `id`
-- or `id_str`, `created_at`). Blank lines are skipped.
-- @param path string
-- @return posts in file order | nil, message naming the file and line
function M.jsonl(path)
  local s, err = read_all(path)
  if not s then return nil, err end
  local out = {}
  for n, line in ipairs(lines_of(s)) do
    if line:match('%S') then
      local ok, obj = pcall(cjson.decode, line)
      local where = ('%s:%d'):format(path, n)
      if not ok then return nil, where .. ': invalid JSON' end
      local p, perr = from_object(obj, where)
      if not p then return nil, perr end
      out[#out + 1] = p
    end
  end
  return out
end

--- Parses CSV text (RFC 4180: fields quoted with `"` may hold commas, newlines and `""`).
-- @param s string
-- @return array of rows (arrays of strings) | nil, message with the line number
function M.parse_csv(s)
  local rows, row, i, n, line = {}, {}, 1, #s, 1
  if n == 0 then return rows end
  while true do
    local c = s:sub(i, i)
    local field
    if c == '"' then
      local parts, j = {}, i + 1
      local start_line = line
      while true do
        local q = s:find('"', j, true)
        if not q then
          return nil, ('unterminated quoted field starting on line %d'):format(start_line)
        end
        local chunk = s:sub(j, q - 1)
        local _, nl = chunk:gsub('\n', '')
        line = line + nl
        parts[#parts + 1] = chunk
        if s:sub(q + 1, q + 1) == '"' then
          parts[#parts + 1] = '"'
          j = q + 2
        else
          i = q + 1
          break
        end
      end
      field = table.concat(parts)
      local nc = s:sub(i, i)
      if nc ~= ',' and nc ~= '\n' and nc ~= '\r' and nc ~= '' then
        return nil, ('unexpected character after a quoted field on line %d'):format(line)
      end
    else
      local e = s:find('[,\r\n]', i)
      field = s:sub(i, (e or n + 1) - 1)
      i = e or n + 1
    end
    row[#row + 1] = field
    local sep = s:sub(i, i)
    if sep == ',' then
      i = i + 1
    else
      rows[#rows + 1] = row
      row = {}
      if sep == '\r' then i = i + 1 end
      if s:sub(i, i) == '\n' then i = i + 1 end
      line = line + 1
      if i > n then break end
    end
  end
  return rows
end

--- Reads a CSV file with a header row naming a `text` column (case-insensitive; also
-- `full_text`, `tweet`, `content`), and optionally `id`/`id_str` and `created_at` columns.
-- @param path string
-- @return posts in file order (rows with an empty text skipped) | nil, message
function M.csv(path)
  local s, err = read_all(path)
  if not s then return nil, err end
  local rows, perr = M.parse_csv(s)
  if not rows then return nil, ('%s: %s'):format(path, perr) end
  local header = rows[1]
  if not header then return nil, ('%s: empty CSV file (expected a header row with a \'text\' column)'):format(path) end
  local col = {}
  for i, name in ipairs(header) do
    local key = name:lower():gsub('^%s+', ''):gsub('%s+$', '')
    if col[key] == nil then col[key] = i end
  end
  local tcol = col.text or col.full_text or col.tweet or col.content
  if not tcol then
    return nil, ('%s: no \'text\' column in the header (columns: %s)'):format(path,
      table.concat(header, ', '))
  end
  local icol, ccol = col.id_str or col.id, col.created_at
  local out = {}
  for r = 2, #rows do
    local row = rows[r]
    local text = row[tcol]
    if text and text:match('%S') then
      out[#out + 1] = { text = text, id = icol and row[icol] ~= '' and row[icol] or nil,
        created_at = ccol and row[ccol] ~= '' and row[ccol] or nil }
    end
  end
  return out
end

--- Reads a JSON file holding an array of strings or of objects with a `text` field.
-- @param path string
-- @return posts | nil, message
function M.json(path)
  local s, err = read_all(path)
  if not s then return nil, err end
  local ok, obj = pcall(cjson.decode, s)
  if not ok then return nil, ('%s: invalid JSON'):format(path) end
  if type(obj) ~= 'table' or (next(obj) ~= nil and obj[1] == nil) then
    return nil, ('%s: expected a JSON array of posts'):format(path)
  end
  local out = {}
  for i, v in ipairs(obj) do
    if type(v) == 'string' then
      out[#out + 1] = { text = v }
    else
      local p, perr = from_object(v, ('%s: post %d'):format(path, i))
      if not p then return nil, perr end
      out[#out + 1] = p
    end
  end
  return out
end

--- Reads posts from a path, choosing the reader by what the path is: a folder (a Twitter
-- archive or its `data/` folder), `*.js` (archive data file), `*.txt`, `*.jsonl` /
-- `*.ndjson`, `*.csv`, `*.json`.
-- @param path string
-- @param opts table|nil passed to `archive.read` for archives (`include_retweets`,
--   `include_replies`)
-- @return posts `{ text = , id = (string or nil), created_at = (string or nil) }` (archives:
--   newest first, retweets left out; files: in file order)
-- @return nil, message naming the path and the problem
function M.read(path, opts)
  if type(path) ~= 'string' then
    error(('bad argument #1 to \'read\' (string expected, got %s)'):format(type(path)), 2)
  end
  if opts ~= nil then
    if type(opts) ~= 'table' then
      error(('bad argument #2 to \'read\' (table expected, got %s)'):format(type(opts)), 2)
    end
    options.check_known(opts, { 'include_retweets', 'include_replies' }, 'read', 2)
  end
  if archive.is_dir(path) then return archive.read(path, opts) end
  local regular, why = files.check_readable(path)
  if not regular then return nil, ('cannot open %s'):format(why) end
  local f, err = io.open(path, 'rb')
  if not f then return nil, ('cannot open %s'):format(err) end
  f:close()
  local ext = path:match('%.([%w]+)$')
  ext = ext and ext:lower()
  if ext == 'js' then return archive.read(path, opts) end
  if ext == 'txt' then return M.txt(path) end
  if ext == 'jsonl' or ext == 'ndjson' then return M.jsonl(path) end
  if ext == 'csv' then return M.csv(path) end
  if ext == 'json' then return M.json(path) end
  return nil, ('cannot tell the format of %s (expected a Twitter archive folder, tweets.js, '
    .. '.txt, .jsonl, .csv or .json)'):format(path)
end

return M
