--- Generating posts, optionally only novel ones.
--
--     local generate = require 'tweeter.generate'
--     local posts, stats = generate.posts(model, { n = 5, temperature = 0.8,
--                                                  novel_against = 'posts/me.jsonl' })
--
-- With `novel_against` (an array of posts or a posts file), a generated post is dropped when
-- it contains a stretch of 40 or more characters (code points) that also occurs in one of the
-- reference posts: the "it just repeats my tweets" problem. Every 40-character window of the
-- reference posts goes into a set once (keyed by a 64-bit polynomial hash of its code
-- points), and each generated post's windows are looked up in it; any stretch of 40 or more
-- shared characters contains a shared 40-character window. More posts are generated until
-- `n` novel ones are found or `max_rounds` rounds have run.
-- @module tweeter.generate
local corpus = require('tweeter.corpus')

local M = {}

--- Length, in code points, of the shortest copied stretch that gets a post dropped.
M.WINDOW = 40
--- Generation rounds before giving up on finding `n` novel posts.
M.MAX_ROUNDS = 10

local BASE = 1000003 -- odd multiplier; arithmetic wraps modulo 2^64

-- BASE^(WINDOW-1) (mod 2^64), for rolling a window forward.
local function top_power(w)
  local p = 1
  for _ = 1, w - 1 do p = p * BASE end
  return p
end

local function code_point_array(s)
  local cps = {}
  for cp in corpus.code_points(s) do cps[#cps + 1] = cp end
  return cps
end

-- Calls fn(hash) for every window of w code points of s; stops early when fn returns true.
local function each_window(s, w, pow, fn)
  local cps = code_point_array(s)
  if #cps < w then return false end
  local h = 0
  for k = 1, w do h = h * BASE + cps[k] + 1 end
  if fn(h) then return true end
  for k = w + 1, #cps do
    h = (h - (cps[k - w] + 1) * pow) * BASE + cps[k] + 1
    if fn(h) then return true end
  end
  return false
end

--- An index of the windows of reference posts.
-- @tparam table posts array of strings
-- @tparam[opt] integer window default `WINDOW`
-- @return an index for `copies`
function M.index(posts, window)
  local w = window or M.WINDOW
  local pow = top_power(w)
  local set = {}
  local function add(h) set[h] = true end
  for _, post in ipairs(posts) do each_window(post, w, pow, add) end
  return { set = set, window = w, pow = pow }
end

--- Whether a text copies a stretch of `window` or more characters of the indexed posts.
-- @param idx an index from `index`
-- @tparam string text
-- @treturn boolean
function M.copies(idx, text)
  local set = idx.set
  return each_window(text, idx.window, idx.pow, function(h) return set[h] == true end)
end

local function check_opts(model, opts)
  if model == nil or (type(model) ~= 'userdata' and type(model) ~= 'table') then
    error(("bad argument #1 to 'posts' (tweeter.Model expected, got %s)"):format(type(model)), 3)
  end
  if opts ~= nil and type(opts) ~= 'table' then
    error(("bad argument #2 to 'posts' (table expected, got %s)"):format(type(opts)), 3)
  end
  opts = opts or {}
  local n = opts.n or 1
  if math.type(n) ~= 'integer' or n < 1 then error("bad option 'n' to 'posts' (positive integer expected)", 3) end
  local na = opts.novel_against
  if na ~= nil and type(na) ~= 'string' and type(na) ~= 'table' then
    error("bad option 'novel_against' to 'posts' (posts array or path expected)", 3)
  end
  local r = opts.max_rounds or M.MAX_ROUNDS
  if math.type(r) ~= 'integer' or r < 1 then error("bad option 'max_rounds' to 'posts' (positive integer expected)", 3) end
  return opts, n, r
end

--- Generates posts, one line each.
-- @param model a tweeter.Model
-- @tparam[opt] table opts `n` (1), `temperature`, `top_k`, `top_p`, `prime`, `max_length`,
--  `seed` (round r uses seed + r - 1, so a seed gives the same posts every time),
--  `novel_against` (posts array or posts file), `max_rounds` (10)
-- @treturn table|nil array of posts (fewer than `n` when the bound was reached)
-- @treturn table|string stats `{ dropped=, generated=, rounds=, requested= }`, or a message
--  when the `novel_against` file cannot be read
function M.posts(model, opts)
  local n, max_rounds
  opts, n, max_rounds = check_opts(model, opts)
  local idx
  if opts.novel_against ~= nil then
    local ref = opts.novel_against
    if type(ref) == 'string' then
      local posts, err = corpus.read(ref)
      if not posts then return nil, err end
      ref = posts
    end
    idx = M.index(ref)
  end
  local gen = {
    temperature = opts.temperature, top_k = opts.top_k, top_p = opts.top_p,
    prime = opts.prime, max_length = opts.max_length,
  }
  local out = {}
  local stats = { dropped = 0, generated = 0, rounds = 0, requested = n }
  local rounds = idx and max_rounds or 1
  for r = 1, rounds do
    local want = n - #out
    if want <= 0 then break end
    -- Ask for more than needed once posts start getting dropped.
    if r > 1 then want = math.min(want * 2, want + 256) end
    gen.n = want
    gen.seed = opts.seed and opts.seed + r - 1 or nil
    local batch = model:generate(gen)
    stats.rounds = r
    stats.generated = stats.generated + #batch
    for _, text in ipairs(batch) do
      text = text:gsub('[\r\n]+', ' ')
      if #out < n then
        if idx and M.copies(idx, text) then
          stats.dropped = stats.dropped + 1
        else
          out[#out + 1] = text
        end
      end
    end
  end
  return out, stats
end

return M
