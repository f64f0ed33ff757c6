--- Importing posts from files: a Twitter archive (folder, `.zip` or tweets.js), plain text
-- (one post per line), JSON Lines (a `text` field), CSV (a `text` column, RFC 4180 quoting)
-- or a JSON array. The readers are the file sources of `tweeter.sources` (`archive`, `files`), run
-- over the one pager. `read` returns texts as they are in the file; `load` cleans them as
-- `tweeter.clean` does, and is the one way posts come from a file: `tweeter import`,
-- `tweeter train --data` (and `--mix`), `tweeter eval` all read through it.
local files = require 'tweeter.files'
local corpus = require 'tweeter.corpus'
local options = require 'tweeter.options'
local sources = require 'tweeter.sources'
local pager = require 'tweeter.sources.pager'
local file_source = require 'tweeter.sources.files'
local clean = require 'tweeter.clean'

local M = {}

--- The longest post accepted, in bytes (`tweeter.sources.files.MAX_POST_BYTES`).
M.MAX_POST_BYTES = file_source.MAX_POST_BYTES

-- The files source's reader of each format, for callers of tweeter.import.
M.txt, M.jsonl, M.csv, M.json, M.parse_csv = file_source.txt, file_source.jsonl, file_source.csv,
  file_source.json, file_source.parse_csv

-- Refuses a post over MAX_POST_BYTES; replaces each invalid UTF-8 byte with U+FFFD, as the
-- model does when it reads text, and counts them in info.invalid_utf8.
local function checked(list, info, path)
  if not list then return nil, info end
  info = info or {}
  info.invalid_utf8 = 0
  for i, p in ipairs(list) do
    if #p.text > M.MAX_POST_BYTES then
      return nil, file_source.too_long(('%s: post %d'):format(path, i), #p.text)
    end
    if not utf8.len(p.text) then
      local parts, bad = {}, 0
      for cp in corpus.code_points(p.text) do
        if cp == 0xFFFD then bad = bad + 1 end
        parts[#parts + 1] = utf8.char(cp)
      end
      -- a U+FFFD already in the text is counted above too: count only the repair
      bad = bad - select(2, p.text:gsub('\239\191\189', ''))
      p.text = table.concat(parts)
      info.invalid_utf8 = info.invalid_utf8 + bad
    end
  end
  return list, info
end

--- Reads posts from a path, choosing the reader by what the path is: a folder (a Twitter
-- archive or its `data/` folder), `*.zip` (the archive as X sends it, read in place),
-- `*.js` (archive data file), `*.txt`, `*.jsonl` /
-- `*.ndjson`, `*.csv`, `*.json`. Files are read whole, up to `tweeter.files.MAX_INPUT_BYTES`;
-- a post longer than `MAX_POST_BYTES` is refused; invalid UTF-8 is replaced with U+FFFD
-- (one per invalid byte) and counted.
-- @param path string
-- @param opts table|nil passed to `archive.read` for archives (`include_retweets`,
--   `include_replies`)
-- @return posts `{ text = , id = (string or nil), created_at = (string or nil) }` (archives:
--   newest first, retweets left out; files: in file order), and info: `invalid_utf8` (bytes
--   replaced), and for archives `retweets` and `files`
-- @return nil, message naming the path and the problem
function M.read(path, opts)
  options.check_arg(path, 'string', 1, 'read')
  if opts ~= nil then
    options.check_arg(opts, 'table', 2, 'read')
    options.check('tweeter.import', opts, 'read', 2, 2)
  end
  local kind = files.kind(path)
  if kind ~= 'file' and kind ~= 'directory' then
    local _, err = files.read(path)   -- the message for a missing path, a FIFO, a device
    return nil, ('cannot open %s'):format(err)
  end
  local source = sources.for_path(path)
  if not source then
    return nil, ('cannot tell the format of %s (expected a Twitter archive folder or .zip, '
      .. 'tweets.js, .txt, .jsonl, .csv or .json)'):format(path)
  end
  local list, info = pager.run(source, source.resolve(path, opts), {})
  if list then info.complete, info.pages = nil, nil end
  return checked(list, info, path)
end

--- Reads posts as `read` does and cleans them as `tweeter.clean.posts` does (retweets and
-- posts left empty dropped, duplicates removed).
-- @param path string
-- @param opts table|nil `keep_urls`, `mask_mentions` (as for `clean.posts`)
-- @return the cleaned posts (in `read`'s order), and a report: `read` (posts in the file,
--   an archive's retweets included), `kept`, `retweets` (an archive's and those cleaning
--   found), `empty`, `duplicates`, `invalid_utf8` (bytes replaced with U+FFFD)
-- @return nil, message naming the path and the problem
function M.load(path, opts)
  options.check_arg(path, 'string', 1, 'load')
  local list, info = M.read(path)
  if not list then return nil, info end
  local cleaned, counts = clean.posts(list, opts)
  local archive_retweets = info.retweets or 0
  return cleaned, { read = #list + archive_retweets, kept = counts.kept,
    retweets = counts.retweets + archive_retweets, empty = counts.empty,
    duplicates = counts.duplicates, invalid_utf8 = info.invalid_utf8 }
end

--- What `load` kept and dropped, in words: `12 posts read, 9 kept after cleaning
-- (1 retweets, 1 empty, 1 duplicates dropped)`.
-- @tparam table report `load`'s report
-- @treturn string
function M.summary(report)
  return ('%d posts read, %d kept after cleaning (%d retweets, %d empty, %d duplicates dropped)')
    :format(report.read, report.kept, report.retweets, report.empty, report.duplicates)
end

return M
