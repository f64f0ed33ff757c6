-- Driver of fuzz/lua_parsers.c: runs one parser of other people's bytes on the fuzz input.
-- `run(which, chunks, dir)` feeds the chunks (the input split at NUL bytes) to the parser
-- picked by `which`; returns nil when the parser behaved (a result of the documented shape,
-- `nil, message`, or a raised string), or a message naming the broken property.
-- The network is replaced by a scripted tweeter.core.http handle whose responses are the
-- chunks: `HTTP <status>\n<name: value>...\n\n<body>`, or a bare body for a 200, or
-- `TIMEOUT` / `DROP` for transport failures. Sleeping is a no-op, the clock is fixed.
local responses, served, handle_bug = {}, 0, nil

local function url_escape(s)
  return (tostring(s):gsub('[^%w%-%._~]', function(c) return ('%%%02X'):format(c:byte()) end))
end

local Handle = {}
Handle.__index = Handle
function Handle:get(url, headers)
  if type(url) ~= 'string' or not url:match('^https?://[^/]') then
    handle_bug = 'requested a URL that is not http(s): ' .. tostring(url)
  end
  if headers ~= nil and type(headers) ~= 'table' then handle_bug = 'passed headers that are not a table' end
  served = served + 1
  local r = responses[served]
  if r == nil then return nil, 'no more scripted responses', 'other' end
  if r == 'TIMEOUT' then return nil, 'operation timed out', 'timeout' end
  if r == 'DROP' then return nil, 'connection dropped', 'dropped' end
  local status, head, body = r:match('^HTTP (%d%d%d)\n(.-)\n\n(.*)$')
  if not status then return 200, r, {} end
  local hdrs = {}
  for name, value in head:gmatch('([^:\n]+):%s*([^\n]*)') do hdrs[name:lower()] = value end
  return tonumber(status), body, hdrs
end
function Handle:close() end

-- What the parsers use of the C module; file_kind and read_file see only regular files and
-- missing paths, which is all the target writes.
local function file_kind(path)
  local f = io.open(path, 'rb')
  if not f then return nil, path .. ': No such file or directory' end
  f:close()
  return 'file'
end

local function read_file(path, max)
  local f = io.open(path, 'rb')
  if not f then return nil, path .. ': No such file or directory' end
  local s = f:read('a')   -- the inputs are small; read(max + 1) would allocate max bytes
  f:close()
  if #s > max then return nil, path .. ': file too large' end
  return s
end

local function write_file(path, data)
  local f = io.open(path, 'wb')
  if not f then return nil, path .. ': cannot create' end
  f:write(data)
  f:close()
  return true
end

package.preload['tweeter.core'] = function()
  return {
    url_escape = url_escape,
    sleep = function() end,
    interrupted = function() return false end,
    http = function() return setmetatable({}, Handle) end,
    file_kind = file_kind,
    read_file = read_file,
    write_file = write_file,
    check_output = function() return true end,
  }
end

local archive = require 'tweeter.sources.archive'
local fetch = require 'tweeter.fetch'
local http = require 'tweeter.http'
local import = require 'tweeter.import'
local posts = require 'tweeter.posts'
local clean = require 'tweeter.clean'

fetch.getenv = function() return 'fuzz-token' end

local function write(path, s)
  local f = assert(io.open(path, 'wb'))
  f:write(s)
  f:close()
end

-- A list of posts as documented: texts are strings; ids and dates strings when present.
local function check_posts(list, need_id)
  if type(list) ~= 'table' then return 'result is not a table' end
  for i, p in ipairs(list) do
    if type(p) ~= 'table' then return ('post %d is not a table'):format(i) end
    if type(p.text) ~= 'string' then return ('post %d has no string text'):format(i) end
    if need_id and type(p.id) ~= 'string' then return ('post %d has no string id'):format(i) end
    if p.id ~= nil and type(p.id) ~= 'string' then return ('post %d has a non-string id'):format(i) end
    if p.created_at ~= nil and type(p.created_at) ~= 'string' then
      return ('post %d has a non-string created_at'):format(i)
    end
  end
  return nil
end

-- Runs f under pcall: a raised string is a clean error; anything else raised is a bug.
-- Otherwise the results must be `list[, info]` or `nil, message[, partial]`.
local function outcome(need_id, f, ...)
  local res = table.pack(pcall(f, ...))
  if not res[1] then
    if type(res[2]) ~= 'string' then return 'raised a ' .. type(res[2]) .. ', not a string' end
    return nil
  end
  if res[2] == nil then
    if type(res[3]) ~= 'string' then return 'failed without a string message' end
    if res[4] ~= nil then return check_posts(res[4], need_id) end
    return nil
  end
  return check_posts(res[2], need_id)
end

local FETCH_OPTS = { max_pages = 4, retries = 1, sleep = function() end,
  now = function() return 1714639500 end, max_wait = 60 }

local function opts(extra)
  local o = {}
  for k, v in pairs(FETCH_OPTS) do o[k] = v end
  for k, v in pairs(extra or {}) do o[k] = v end
  return o
end

local EXT = { 'txt', 'jsonl', 'csv', 'json', 'js' }

local RUN = {
  -- 0: a Twitter archive folder: data/tweets.js, data/note-tweet.js, data/tweets-part1.js
  function(chunks, dir)
    os.remove(dir .. '/data/note-tweet.js')
    os.remove(dir .. '/data/tweets-part1.js')
    write(dir .. '/data/tweets.js', chunks[1] or '')
    if chunks[2] then write(dir .. '/data/note-tweet.js', chunks[2]) end
    if chunks[3] then write(dir .. '/data/tweets-part1.js', chunks[3]) end
    return outcome(true, archive.read, dir, { include_replies = #(chunks[1] or '') % 2 == 0 })
  end,
  -- 1: X API v2: user lookup, then timeline pages
  function(chunks)
    responses = chunks
    return outcome(true, fetch.twitter, 'someone', opts({ include_retweets = #chunks % 2 == 0 }))
  end,
  -- 2: Mastodon: account lookup, then statuses pages (Link headers)
  function(chunks)
    responses = chunks
    return outcome(true, fetch.mastodon, '@someone@example.org', opts({ include_replies = #chunks % 2 == 0 }))
  end,
  -- 3: Bluesky: profile, then author feed pages (cursors)
  function(chunks)
    responses = chunks
    return outcome(true, fetch.bluesky, 'someone.bsky.social', opts({ since_id = #chunks % 3 == 0 and
      'at://did:plc:x/app.bsky.feed.post/3k' or nil }))
  end,
  -- 4: a posts file in each import format, chosen by the second chunk's length
  function(chunks, dir)
    local path = dir .. '/posts.' .. EXT[#(chunks[2] or '') % #EXT + 1]
    write(path, chunks[1] or '')
    local bug = outcome(false, import.read, path)
    os.remove(path)
    if bug then return bug end
    return outcome(false, function(s)
      local rows, err = import.parse_csv(s)
      if rows == nil then return nil, err end
      if type(rows) ~= 'table' then return nil, nil end   -- reported as a bug
      return {}
    end, chunks[1] or '')
  end,
  -- 5: the JSON Lines posts store, and the text cleaners
  function(chunks, dir)
    local path = dir .. '/store.jsonl'
    write(path, chunks[1] or '')
    local bug = outcome(false, posts.load, path)
    os.remove(path)
    if bug then return bug end
    local ok, text = pcall(clean.html_to_text, chunks[2] or chunks[1] or '')
    if ok and type(text) ~= 'string' then return 'html_to_text returned a ' .. type(text) end
    if not ok and type(text) ~= 'string' then return 'html_to_text raised a non-string' end
    ok, text = pcall(clean.post, chunks[1] or '')
    if not ok and type(text) ~= 'string' then return 'clean.post raised a non-string' end
    return nil
  end,
  -- 6: HTTP header parsers: Link, times, rate-limit resets
  function(chunks)
    local a, b = chunks[1] or '', chunks[2] or ''
    local link = http.parse_link(a)
    for k, v in pairs(link) do
      if type(k) ~= 'string' or type(v) ~= 'string' then return 'parse_link returned a non-string' end
    end
    local t = http.parse_time(b)
    if t ~= nil and type(t) ~= 'number' then return 'parse_time returned a non-number' end
    local r = http.reset_time({ ['retry-after'] = chunks[3], ['x-rate-limit-reset'] = a,
      ['ratelimit-reset'] = b, ['x-ratelimit-reset'] = chunks[4] }, 1714639500)
    if r ~= nil and type(r) ~= 'number' then return 'reset_time returned a non-number' end
    return nil
  end,
}

return function(which, chunks, dir)
  responses, served, handle_bug = {}, 0, nil
  local bug = RUN[which % #RUN + 1](chunks, dir)
  return bug or handle_bug
end
