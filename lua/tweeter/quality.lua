--- Measures of how much generated posts read like a person's own: the numbers `make quality`
-- (scripts/quality.lua, docs/quality.md) judges every change to training and decoding by.
--
--     local q = require 'tweeter.quality'
--     local corpus = require 'tweeter.corpus'
--     local lex = q.lexicon(corpus.read('generic.txt'), corpus.read('me.txt'))
--     print(q.real_word_rate(generated, lex), q.distinct2(generated), q.mean_length(generated))
--
-- **Words.** A word is a maximal run of letters (ASCII letters and apostrophes inside them,
-- and the letters of the Latin, Greek, Cyrillic, Devanagari (without its danda and digits),
-- kana, CJK and Hangul blocks),
-- lower-cased (ASCII only), taken from the text once URLs, @mentions and #hashtags are
-- removed. The real-word rate counts only words of 2 or more letters.
--
-- **Bits per character.** `static_bpc` scores each post from a reset state, every character
-- and the post's end once. With `mask_urls` the characters inside URLs are left out of both
-- the sum and the count: a t.co suffix is random, about 6 bits a character for any model.
-- @module tweeter.quality
local LN2 = require('tweeter.evaluate').LN2

local M = {}

local LETTER_RANGES = {
  { 0xC0, 0x24F }, { 0x370, 0x3FF }, { 0x400, 0x52F }, { 0x900, 0x963 }, { 0x970, 0x97F },
  { 0x3040, 0x30FF }, { 0x4E00, 0x9FFF }, { 0xAC00, 0xD7AF },
}

local function is_letter(cp)
  if (cp >= 65 and cp <= 90) or (cp >= 97 and cp <= 122) then return true end
  if cp == 0xD7 or cp == 0xF7 then return false end
  for _, r in ipairs(LETTER_RANGES) do
    if cp >= r[1] and cp <= r[2] then return true end
  end
  return false
end

local URL = '%f[%w]https?://[^%s]+'
local WWW = '%f[%w]www%.[^%s]+'

--- The text with URLs, @mentions and #hashtags replaced by spaces.
-- @tparam string text
-- @treturn string
function M.strip_handles(text)
  return (text:gsub(URL, ' '):gsub(WWW, ' '):gsub('[@#][%w_]+', ' '))
end

--- The byte spans of the URLs in a text.
-- @tparam string text
-- @treturn table array of `{ first, last }` (byte positions, inclusive)
function M.url_spans(text)
  local spans = {}
  for _, pattern in ipairs({ URL, WWW }) do
    local init = 1
    while true do
      local a, b = text:find(pattern, init)
      if not a then break end
      spans[#spans + 1] = { a, b }
      init = b + 1
    end
  end
  table.sort(spans, function(x, y) return x[1] < y[1] end)
  return spans
end

--- The words of a text (see the module's definition), in order.
-- @tparam string text
-- @treturn table array of strings
function M.words(text)
  local out, cur = {}, {}
  local function flush()
    -- an apostrophe only joins letters: drop those at either end
    while cur[1] == "'" do table.remove(cur, 1) end
    while cur[#cur] == "'" do cur[#cur] = nil end
    if #cur > 0 then out[#out + 1] = table.concat(cur):lower() end
    cur = {}
  end
  local ok = pcall(function()
    for _, cp in utf8.codes(M.strip_handles(text)) do
      if is_letter(cp) or (cp == 39 and #cur > 0) then
        cur[#cur + 1] = utf8.char(cp)
      else
        flush()
      end
    end
  end)
  if not ok then return {} end   -- not valid UTF-8: no words
  flush()
  return out
end

--- A set of the words of every post in any number of arrays of posts.
-- @treturn table set: word → true
function M.lexicon(...)
  local set = {}
  for _, posts in ipairs({ ... }) do
    for _, post in ipairs(posts) do
      for _, w in ipairs(M.words(post)) do set[w] = true end
    end
  end
  return set
end

--- Share of the words of 2 or more letters in the posts that the lexicon holds.
-- @tparam table posts
-- @tparam table lexicon as from `lexicon`
-- @treturn number in [0, 1] (nil when the posts have no such word)
-- @treturn integer the number of words counted
function M.real_word_rate(posts, lexicon)
  local known, total = 0, 0
  for _, post in ipairs(posts) do
    for _, w in ipairs(M.words(post)) do
      if utf8.len(w) >= 2 then
        total = total + 1
        if lexicon[w] then known = known + 1 end
      end
    end
  end
  if total == 0 then return nil, 0 end
  return known / total, total
end

-- The windows of `n` characters of a string, as byte strings.
local function windows(s, n)
  local starts = {}
  for p in utf8.codes(s) do starts[#starts + 1] = p end
  starts[#starts + 1] = #s + 1
  local out = {}
  for i = 1, #starts - 1 - n + 1 do out[#out + 1] = s:sub(starts[i], starts[i + n] - 1) end
  return out
end

--- Share of posts that share a run of `n` (default 40) or more characters with a training
-- post: near-copies, not new posts.
-- @tparam table posts generated posts
-- @tparam table training the posts the model was trained on
-- @tparam[opt=40] integer n
-- @treturn number in [0, 1]
-- @treturn table the indices of the near-copies
function M.near_copy_rate(posts, training, n)
  n = n or 40
  -- index the generated posts' windows (few), then scan the training posts' (many)
  local owner = {}
  for k, post in ipairs(posts) do
    if utf8.len(post) then
      for _, w in ipairs(windows(post, n)) do
        owner[w] = owner[w] or {}
        owner[w][k] = true
      end
    end
  end
  local copied = {}
  for _, t in ipairs(training) do
    if utf8.len(t) and #t >= n then
      for _, w in ipairs(windows(t, n)) do
        local ks = owner[w]
        if ks then for k in pairs(ks) do copied[k] = true end end
      end
    end
  end
  local list = {}
  for k in pairs(copied) do list[#list + 1] = k end
  table.sort(list)
  return #posts > 0 and #list / #posts or 0, list
end

--- Distinct-2: distinct word bigrams over all word bigrams (whitespace-separated tokens,
-- lower-cased, bigrams within a post).
-- @tparam table posts
-- @treturn number in [0, 1] (nil when there is no bigram)
function M.distinct2(posts)
  local seen, distinct, total = {}, 0, 0
  for _, post in ipairs(posts) do
    local prev
    for tok in post:lower():gmatch('%S+') do
      if prev then
        local key = prev .. ' ' .. tok
        total = total + 1
        if not seen[key] then seen[key], distinct = true, distinct + 1 end
      end
      prev = tok
    end
  end
  if total == 0 then return nil end
  return distinct / total
end

--- Mean length in characters (code points).
-- @tparam table posts
-- @treturn number
function M.mean_length(posts)
  local total = 0
  for _, p in ipairs(posts) do total = total + (utf8.len(p) or #p) end
  return #posts > 0 and total / #posts or 0
end

-- For each prediction of a post (its characters, then its end), whether it lies in a URL.
local function url_mask(post)
  local spans = M.url_spans(post)
  local mask, k, s = {}, 0, 1
  for p in utf8.codes(post) do
    k = k + 1
    while spans[s] and spans[s][2] < p do s = s + 1 end
    mask[k] = spans[s] ~= nil and p >= spans[s][1]
  end
  mask[k + 1] = false
  return mask
end

--- Bits per character of a scorer over posts, each post from a reset state.
-- @param losses function(post) → array of nats, one per character and one for the end
--   (e.g. `function(p) return model:losses(p) end`)
-- @tparam table posts
-- @tparam[opt] table opts `mask_urls` (leave URL characters out)
-- @treturn number bpc
-- @treturn integer predictions counted
function M.static_bpc(losses, posts, opts)
  local mask_urls = opts and opts.mask_urls
  local nats, count = 0, 0
  for _, post in ipairs(posts) do
    local l = losses(post)
    local mask = mask_urls and url_mask(post)
    for k = 1, #l do
      if not (mask and mask[k]) then nats, count = nats + l[k], count + 1 end
    end
  end
  return count > 0 and nats / count / LN2 or 0, count
end

local PAD, END = '\2', '\3'

-- A post's characters, after `order` pads and before the end mark.
local function padded_chars(post, order)
  local t = {}
  for _ = 1, order do t[#t + 1] = PAD end
  for _, cp in utf8.codes(post) do t[#t + 1] = utf8.char(cp) end
  t[#t + 1] = END
  return t
end

--- An interpolated Witten-Bell character n-gram model (as ../shared/bench/ngram_bpc.py),
-- trained on posts, each followed by an end mark.
-- @tparam table posts
-- @tparam integer order context length
-- @return scorer `function(post) → array of nats` for `static_bpc`
function M.ngram(posts, order)
  local counts, ctxn, types, alphabet = {}, {}, {}, {}
  for k = 0, order do counts[k], ctxn[k], types[k] = {}, {}, {} end
  local nalpha = 0
  for _, post in ipairs(posts) do
    local t = padded_chars(post, order)
    for i = order + 1, #t do
      if not alphabet[t[i]] then alphabet[t[i]], nalpha = true, nalpha + 1 end
      for k = 0, order do
        local ctx = table.concat(t, '', i - k, i - 1)
        local g = ctx .. t[i]
        if not counts[k][g] then types[k][ctx] = (types[k][ctx] or 0) + 1 end
        counts[k][g] = (counts[k][g] or 0) + 1
        ctxn[k][ctx] = (ctxn[k][ctx] or 0) + 1
      end
    end
  end
  local V = nalpha + 1
  return function(post)
    local t, out = padded_chars(post, order), {}
    for i = order + 1, #t do
      local p = 1 / V
      for k = 0, order do
        local ctx = table.concat(t, '', i - k, i - 1)
        local c = ctxn[k][ctx]
        if c then
          local lam = c / (c + types[k][ctx])
          p = lam * (counts[k][ctx .. t[i]] or 0) / c + (1 - lam) * p
        end
      end
      out[#out + 1] = -math.log(p)
    end
    return out
  end
end

--- A character Markov chain: each next character (or the post's end) drawn with the
-- frequency it follows the `order` characters before it in the training posts (a post's
-- start counts as padding). The peer `make quality` sets beside every model: what plain
-- counting writes from the same posts.
-- @tparam table posts training posts (valid UTF-8)
-- @tparam integer order context length (make quality uses 5)
-- @return sampler `function(random[, max_length]) → post`: `random()` returns a number in
-- [0, 1) (e.g. `math.random`); a post stops at its end mark, or after `max_length`
-- characters (default 1000: a chain can loop)
function M.markov(posts, order)
  local next_of = {}   -- context → { chars = {...}, counts = {...}, total = n }
  for _, post in ipairs(posts) do
    local t = padded_chars(post, order)
    for i = order + 1, #t do
      local ctx = table.concat(t, '', i - order, i - 1)
      local e = next_of[ctx]
      if not e then e = { chars = {}, counts = {}, index = {}, total = 0 }; next_of[ctx] = e end
      local k = e.index[t[i]]
      if not k then
        k = #e.chars + 1
        e.chars[k], e.counts[k], e.index[t[i]] = t[i], 0, k
      end
      e.counts[k], e.total = e.counts[k] + 1, e.total + 1
    end
  end
  return function(random, max_length)
    max_length = max_length or 1000
    local ctx, out = PAD:rep(order), {}
    -- every context reached was seen followed by something: the chain never leaves its text
    while #out < max_length do
      local e = next_of[ctx]
      local r, k = random() * e.total, 1
      while r >= e.counts[k] and k < #e.chars do r, k = r - e.counts[k], k + 1 end
      local c = e.chars[k]
      if c == END then break end
      out[#out + 1] = c
      ctx = ctx:sub(utf8.offset(ctx, 2)) .. c
    end
    return table.concat(out)
  end
end

--- An authorship judge: a Witten-Bell character n-gram model per person, trained on their
-- posts; a post goes to the person whose model gives it the fewest bits.
-- @tparam table people name → array of training posts
-- @tparam[opt=2] integer order context length (2, a 3-gram: on the held-out posts of the
-- shared corpus's twelve people it names the author more often than longer contexts, which
-- favour the people with the most posts)
-- @return `function(post) → name`
function M.judge(people, order)
  local names, scorers = {}, {}
  for name in pairs(people) do names[#names + 1] = name end
  table.sort(names)   -- ties go to the same person on every run
  for k, name in ipairs(names) do scorers[k] = M.ngram(people[name], order or 2) end
  return function(post)
    local best, best_nats
    for k, score in ipairs(scorers) do
      local nats = 0
      for _, l in ipairs(score(post)) do nats = nats + l end
      if not best_nats or nats < best_nats then best, best_nats = names[k], nats end
    end
    return best
  end
end

--- Share of posts a judge (as from `judge`) gives to `name`.
-- @param judge function(post) → name
-- @tparam table posts
-- @tparam string name
-- @treturn number in [0, 1] (0 when there are no posts)
function M.attribution(judge, posts, name)
  local hits = 0
  for _, post in ipairs(posts) do
    if judge(post) == name then hits = hits + 1 end
  end
  return #posts > 0 and hits / #posts or 0
end

return M
