--- Source: posts in files of their own: plain text (one post per line), JSON Lines (a `text`
-- field), CSV (a `text` column, RFC 4180 quoting) or a JSON array. Texts are returned as they
-- are in the file; cleaning is `tweeter.clean`'s job. Each file is one page.
-- @module tweeter.sources.files
local cjson = require 'cjson'
local files = require 'tweeter.files'
local posts = require 'tweeter.posts'

local M = { name = 'files', label = 'files' }

--- The longest post accepted, in bytes: 64 KiB, far above any service's limit (X's long
-- posts: 25,000 characters). A longer "post" is a file that is not one post per line.
M.MAX_POST_BYTES = 64 * 1024

-- A reader of a path from a parser of its contents (the file read whole, up to
-- `tweeter.files.MAX_INPUT_BYTES`, as `tweeter.files.decode_text` decodes it).
local function reading(parse)
  return function(path)
    local s, err = files.read(path)
    if not s then return nil, ('cannot open %s'):format(err) end
    s, err = files.decode_text(s, path)
    if not s then return nil, err end
    return parse(s, path)
  end
end

--- The message for a post longer than `MAX_POST_BYTES`.
function M.too_long(where, n)
  return ('%s: post of %d bytes is longer than the limit of %d bytes'):format(where, n,
    M.MAX_POST_BYTES)
end

-- The lines of s (decoded: LF line ends); with max_line, a longer line is refused before it is
-- copied (a 100 MB file with no newline is not a post).
local function lines_of(s, path, max_line)
  local out, pos, n = {}, 1, 0
  while pos <= #s do
    local nl = s:find('\n', pos, true) or #s + 1
    n = n + 1
    if max_line and nl - pos > max_line then
      return nil, M.too_long(('%s:%d'):format(path, n), nl - pos)
    end
    out[n] = s:sub(pos, nl - 1)
    pos = nl + 1
  end
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
-- @function txt
M.txt = reading(function(s, path)
  local lines, lerr = lines_of(s, path, M.MAX_POST_BYTES)
  if not lines then return nil, lerr end
  local out = {}
  for _, line in ipairs(lines) do
    if line:match('%S') then out[#out + 1] = { text = line } end
  end
  return out
end)

--- Reads a JSON Lines file: one object per line with a `text` string (and optionally `id`
-- or `id_str`, `created_at`). Blank lines are skipped.
-- @param path string
-- @return posts in file order | nil, message naming the file and line
-- @function jsonl
M.jsonl = reading(function(s, path)
  local out = {}
  for _, rec in ipairs(posts.decode_lines(s)) do
    local where = ('%s:%d'):format(path, rec.line)
    if not rec.is_json then return nil, where .. ': invalid JSON' end
    local p, perr = from_object(rec.value, where)
    if not p then return nil, perr end
    out[#out + 1] = p
  end
  return out
end)

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
-- @function csv
M.csv = reading(function(s, path)
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
end)

--- Reads a JSON file holding an array of strings or of objects with a `text` field.
-- @param path string
-- @return posts | nil, message
-- @function json
M.json = reading(function(s, path)
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
end)

-- The reader of each extension this source knows.
local READERS = { txt = M.txt, jsonl = M.jsonl, ndjson = M.jsonl, csv = M.csv, json = M.json }

--- Whether a path is a file this source reads (by its extension).
function M.recognises(path)
  local ext = path:match('%.([%w]+)$')
  return ext ~= nil and READERS[ext:lower()] ~= nil
end

--- The state of a read: the path.
function M.resolve(path, opts)
  return { path = path, opts = opts }
end

--- The whole file, as one page.
function M.page(state)
  local list, err = READERS[state.path:match('%.([%w]+)$'):lower()](state.path)
  if not list then return nil, err end
  return list, nil
end

return M
