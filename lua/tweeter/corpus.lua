--- Posts files for training: reading them, and the seeded train/validation split.
--
-- Posts are read and cleaned by `tweeter.import.load`, exactly as `tweeter import` reads and
-- cleans them, whatever the format (a Twitter archive folder or `.zip`, `*.js`, `.txt`,
-- `.jsonl`, `.csv`, `.json`): training on a file gives the posts `import` would have stored.
--
-- The split puts each post on the training or the validation side by a hash of its text and
-- the seed (FNV-1a, 32 bits), so a post stays on its side when the model is trained again
-- and when posts are added to the file, and identical posts always land on the same side.
-- @module tweeter.corpus
local store = require 'tweeter.posts'
local options = require 'tweeter.options'

local M = {}

--- Percentage of posts held out for validation unless the caller says otherwise.
M.VALID_PERCENT = 5

local REPLACEMENT = 0xFFFD

--- Reads and cleans posts from a file, as `tweeter.import.load` does.
-- @tparam string path
-- @treturn table|nil array of post strings (one line each)
-- @treturn[opt] string message on failure (unreadable or unknown format, no usable post)
-- @treturn[opt] table on success (after a nil message): `import.load`'s report of what was
-- read and dropped (`tweeter.import.summary` says it in words)
function M.read(path)
  if type(path) ~= 'string' then
    error(("bad argument #1 to 'read' (string expected, got %s)"):format(type(path)), 2)
  end
  -- required here: tweeter.import uses this module's code_points
  local import = require('tweeter.import')
  local list, report = import.load(path)
  -- "cannot open" once: import's own words for a file it cannot open give way to ours
  if not list then return nil, ('cannot read posts file: %s'):format(report:gsub('^cannot open ', '')) end
  if #list == 0 then
    return nil, ('no usable posts in %s: %s'):format(path, import.summary(report))
  end
  return store.texts(list), nil, report
end

--- Iterates over the code points of a string, mapping invalid UTF-8 to U+FFFD one byte at a
-- time (the C core does the same), so it never raises.
-- @tparam string s
-- @treturn function iterator yielding code points
function M.code_points(s)
  local i, n = 1, #s
  return function()
    if i > n then return nil end
    local ok, cp = pcall(utf8.codepoint, s, i)
    if ok then
      i = i + #utf8.char(cp)
      return cp
    end
    i = i + 1
    return REPLACEMENT
  end
end

--- The characters of a list of posts: each distinct code point once, in code point order,
-- as a UTF-8 string (what `core.model{ vocab = … }` takes).
-- @tparam table posts array of strings
-- @treturn string
function M.vocab_of(posts)
  if type(posts) ~= 'table' then
    error(("bad argument #1 to 'vocab_of' (table expected, got %s)"):format(type(posts)), 2)
  end
  local seen, list = {}, {}
  for _, post in ipairs(posts) do
    for cp in M.code_points(post) do
      if not seen[cp] then
        seen[cp] = true
        list[#list + 1] = cp
      end
    end
  end
  table.sort(list)
  local parts = {}
  for k, cp in ipairs(list) do parts[k] = utf8.char(cp) end
  return table.concat(parts)
end

--- FNV-1a (32 bits) of the seed and a text.
-- @tparam string text
-- @tparam integer seed
-- @treturn integer hash in [0, 2^32)
function M.hash(text, seed)
  local h = 2166136261
  local key = tostring(seed) .. '\0' .. text
  for k = 1, #key do
    h = ((h ~ key:byte(k)) * 16777619) & 0xffffffff
  end
  return h
end

--- Splits posts into training and validation posts.
-- A post goes to validation when `hash(text, seed) % 10000 < valid_percent * 100`. With two
-- or more posts each side gets at least one: if the rule left a side empty, the post with
-- the lowest hash (to validation) or the highest (to training) is moved, which is just as
-- stable. A single post is used for training only (no validation).
-- @tparam table posts array of strings
-- @tparam[opt] table opts `seed` (default 1), `valid_percent` (default 5, from 0 to 100)
-- @treturn table training posts (file order)
-- @treturn table validation posts (file order)
function M.split(posts, opts)
  opts = opts or {}
  if type(posts) ~= 'table' then
    error(("bad argument #1 to 'split' (table expected, got %s)"):format(type(posts)), 2)
  end
  options.check_known(opts, { 'seed', 'valid_percent' }, 'split', 2)
  local seed = opts.seed or 1
  local pct = opts.valid_percent or M.VALID_PERCENT
  if math.type(seed) ~= 'integer' then error("bad option 'seed' to 'split' (integer expected)", 2) end
  if type(pct) ~= 'number' or pct < 0 or pct > 100 then
    error("bad option 'valid_percent' to 'split' (number from 0 to 100 expected)", 2)
  end
  local threshold = pct * 100
  local side, hashes = {}, {}
  local n_valid = 0
  for k, post in ipairs(posts) do
    local h = M.hash(post, seed)
    hashes[k] = h
    side[k] = (h % 10000) < threshold
    if side[k] then n_valid = n_valid + 1 end
  end
  local n = #posts
  if n >= 2 and pct > 0 and n_valid == 0 then
    local best
    for k = 1, n do if not best or hashes[k] < hashes[best] then best = k end end
    side[best] = true
  elseif n >= 2 and n_valid == n then
    local best
    for k = 1, n do if not best or hashes[k] > hashes[best] then best = k end end
    side[best] = false
  elseif n == 1 then
    side[1] = false
  end
  local train, valid = {}, {}
  for k, post in ipairs(posts) do
    if side[k] then valid[#valid + 1] = post else train[#train + 1] = post end
  end
  return train, valid
end

--- Training posts with a share of other posts mixed in: a few posts of one person learn
-- their voice without forgetting how posts in general are written. The other posts are
-- chosen by `hash(text, seed)` (the same choice every time) until they make up `share` of
-- the text (counted in bytes), and spread evenly among the person's posts, so that every stretch of the
-- training data (every batch) holds some of both.
-- @tparam table posts the person's training posts
-- @tparam table others the posts to mix in
-- @tparam number share of the text's bytes, in [0, 1)
-- @tparam[opt] integer seed (default 1)
-- @treturn table the mixed posts
-- @treturn integer how many of them came from `others`
function M.mix(posts, others, share, seed)
  if type(share) ~= 'number' or not (share >= 0 and share < 1) then
    error(("bad argument #3 to 'mix' (number in [0, 1) expected, got %s)"):format(tostring(share)), 2)
  end
  seed = seed or 1
  local chars = 0
  for _, p in ipairs(posts) do chars = chars + #p end
  local want = chars * share / (1 - share)
  local order = {}
  for k = 1, #others do order[k] = { M.hash(others[k], seed), k } end
  table.sort(order, function(a, b) return a[1] < b[1] or (a[1] == b[1] and a[2] < b[2]) end)
  local chosen, got = {}, 0
  for _, o in ipairs(order) do
    if got >= want then break end
    local p = others[o[2]]
    chosen[#chosen + 1] = p
    got = got + #p
  end
  if #chosen == 0 then return posts, 0 end
  -- the k-th chosen post goes after round(k * n / (m + 1)) of the person's n posts
  local out, n, m, next_own = {}, #posts, #chosen, 1
  for k = 1, m do
    local upto = (k * n) // (m + 1)
    while next_own <= upto do out[#out + 1] = posts[next_own]; next_own = next_own + 1 end
    out[#out + 1] = chosen[k]
  end
  while next_own <= n do out[#out + 1] = posts[next_own]; next_own = next_own + 1 end
  return out, m
end

--- Reads a posts file and splits it.
-- @tparam string path
-- @tparam[opt] table opts as for `split`
-- @treturn table|nil `{ train = posts, valid = posts, posts = count, report = … }` (`read`'s
-- report)
-- @treturn[opt] string message
function M.load(path, opts)
  local posts, err, report = M.read(path)
  if not posts then return nil, err end
  local train, valid = M.split(posts, opts)
  return { train = train, valid = valid, posts = #posts, report = report }
end

return M
