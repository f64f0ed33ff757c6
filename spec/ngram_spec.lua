-- The phrasing cache of tweeter.Model (lngram.c over ngram.c): set_ngram, ngram, ngram_losses,
-- the mixed losses and generation, and its NGRM section in the model file
-- (docs/model-format.md).
local core = require 'tweeter.core'
local helper = require 'helper'

local POSTS = { 'abc abc', 'abcd', 'ccc', 'a bad cab' }

local function tiny_model()
  return core.model{ embed = 4, hidden = 8, layers = 1, vocab = 'abcd ', seed = 2 }
end

-- A reference interpolated Witten-Bell n-gram over the model's tokens, written from its
-- definition: p_k = lambda p_ML(x | the last k tokens) + (1 - lambda) p_(k-1), lambda =
-- c / (c + t), from p = 1/V, up to the longest context the posts hold; before a post
-- everything reads as its end. Tokens: end 0, unknown 1, the vocabulary's characters 2...
local function reference(m, posts, order)
  local token, n = {}, 1
  for _, cp in utf8.codes(m:vocab()) do n = n + 1; token[utf8.char(cp)] = n end
  local counts = {}
  local function context(seq, i, k)
    local parts, ended = {}, false
    for d = 1, k do
      local t = (not ended and i - d >= 1) and seq[i - d] or 0
      if t == 0 then ended = true end
      parts[#parts + 1] = t
    end
    return k .. ':' .. table.concat(parts, ',')
  end
  local function tokens(post)
    local seq = { 0 }
    for _, cp in utf8.codes(post) do seq[#seq + 1] = token[utf8.char(cp)] or 1 end
    seq[#seq + 1] = 0
    return seq
  end
  for _, post in ipairs(posts) do
    local seq = tokens(post)
    for i = 2, #seq do
      for k = 0, order do
        local c = context(seq, i, k)
        local e = counts[c] or { total = 0, types = 0, next = {} }
        counts[c] = e
        if not e.next[seq[i]] then e.types = e.types + 1 end
        e.next[seq[i]] = (e.next[seq[i]] or 0) + 1
        e.total = e.total + 1
      end
    end
  end
  local V = m:config().vocab_size
  -- p_k, from the longest context down: a context never seen leaves the shorter one's
  local function p(seq, i, k)
    if k < 0 then return 1 / V end
    local e = counts[context(seq, i, k)]
    if not e then return p(seq, i, k - 1) end
    local lambda = e.total / (e.total + e.types)
    return lambda * (e.next[seq[i]] or 0) / e.total + (1 - lambda) * p(seq, i, k - 1)
  end
  return function(post)
    local seq, out = tokens(post), {}
    for i = 2, #seq do out[#out + 1] = -math.log(p(seq, i, order)) end
    return out
  end
end

describe('the phrasing cache', function()
  it('counts the posts and gives the interpolated Witten-Bell probabilities', function()
    local m = tiny_model()
    assert.is_nil(m:ngram())
    -- each post's characters and its end, after the stream's first end
    assert.are.equal(1 + 8 + 5 + 4 + 10, m:set_ngram(POSTS, 3, 0.25))
    assert.are.same({ order = 3, weight = 0.25, tokens = 28, longest = 9, lengths = { 7, 4, 3, 9 } }, m:ngram())
    local ref = reference(m, POSTS, 3)
    for _, post in ipairs({ 'abc', 'cab', 'dd d', 'xa' }) do
      local got, want = m:ngram_losses(post), ref(post)
      assert.are.equal(#want, #got)
      for i = 1, #want do assert.are.near(want[i], got[i], 1e-6) end
    end
  end)

  it('gives back its posts, all or spread evenly over the stream', function()
    local m = tiny_model()
    assert.is_nil(m:ngram_posts())
    m:set_ngram(POSTS, 3)
    assert.are.same(POSTS, m:ngram_posts())
    assert.are.same(POSTS, m:ngram_posts(4))
    assert.are.same(POSTS, m:ngram_posts(99))
    assert.are.same({ POSTS[2], POSTS[4] }, m:ngram_posts(2))
    assert.are.same({ POSTS[4] }, m:ngram_posts(1))
    m:set_ngram({ 'ab', '', 'a?b' }, 3) -- '?' is not in the vocabulary: read back as U+FFFD
    assert.are.same({ 'ab', '', 'a\u{FFFD}b' }, m:ngram_posts())
    assert.error_matches(function() m:ngram_posts(0) end, 'the most posts must be at least 1')
    assert.error_matches(function() m:ngram_posts('x') end, 'number expected')
  end)

  it('mixes as q^(1-w) cache^w over the characters, the end keeping the model\'s probability', function()
    local m = tiny_model()
    m:set_ngram(POSTS, 2, 0)
    local w, post, voc = 0.4, 'abd c', m:vocab()
    local q = m:probabilities(post, 'forward')
    local cache = {}
    for i = 1, utf8.len(post) + 1 do
      local prefix = post:sub(1, utf8.offset(post, i) - 1)
      cache[i] = {}
      -- the cache's distribution after the prefix, token by token, from its losses
      for v = 0, #voc + 1 do
        local ch = v == 0 and '' or v == 1 and 'x' or voc:sub(v - 1, v - 1)
        local losses = m:ngram_losses(prefix .. ch)
        cache[i][v] = v == 0 and math.exp(-m:ngram_losses(prefix)[i]) or math.exp(-losses[i])
      end
    end
    local mixed = m:losses(post, w)
    local targets = {}
    for ch in post:gmatch('.') do targets[#targets + 1] = voc:find(ch, 1, true) + 1 end
    targets[#targets + 1] = 0   -- the end
    for i, target in ipairs(targets) do
      local z = 0
      for v = 1, #voc + 1 do z = z + q[i][v + 1] ^ (1 - w) * cache[i][v] ^ w end
      local want = target == 0 and q[i][1]
        or q[i][target + 1] ^ (1 - w) * cache[i][target] ^ w / z * (1 - q[i][1])
      assert.are.near(-math.log(want), mixed[i], 1e-4)
    end
    -- weight 0: the model alone
    assert.are.same(m:losses(post), m:losses(post, 0))
  end)

  it('leaves generation alone at weight 0 and changes it above', function()
    local m = tiny_model()
    local plain = m:generate{ n = 8, seed = 3 }
    m:set_ngram(POSTS, 3, 0)
    assert.are.same(plain, m:generate{ n = 8, seed = 3 })
    m:set_ngram_weight(0.9)
    assert.are.equal(0.9, (math.floor(m:ngram().weight * 10 + 0.5)) / 10)
    assert.are_not.same(plain, m:generate{ n = 8, seed = 3 })
    assert.are.same(plain, m:generate{ n = 8, seed = 3, ngram = 0 })
  end)

  it('is kept in the model file, copied, and removed by an empty set of posts', function()
    local m = tiny_model()
    m:set_ngram(POSTS, 4, 0.3)
    local path = helper.tmppath('ngram.twm')
    assert(m:save(path))
    local bytes = helper.read(path)
    assert.are.equal(4, string.unpack('<I4', bytes, 9))
    assert(bytes:find('NGRM', 25, true))
    local loaded = assert(core.load(path))
    assert.are.same(m:ngram(), loaded:ngram())
    assert.are.same(m:generate{ n = 4, seed = 9 }, loaded:generate{ n = 4, seed = 9 })
    assert.are.same(m:ngram_losses('abc'), loaded:ngram_losses('abc'))
    assert.are.same(m:ngram(), m:copy():ngram())
    assert.are.equal(0, m:set_ngram({}, 4))
    assert.is_nil(m:ngram())
    assert(m:save(path))
    assert.is_nil(helper.read(path):find('NGRM', 25, true))
  end)

  it('refuses a damaged NGRM section by name', function()
    local m = tiny_model()
    m:set_ngram({ 'ab' }, 2, 0.5)
    local path = helper.tmppath('bad-ngram.twm')
    assert(m:save(path))
    local bytes = helper.read(path)
    local at = assert(bytes:find('NGRM', 25, true)) + 12   -- the body
    local function with(offset, packed)
      local b = bytes:sub(1, at + offset - 1) .. packed .. bytes:sub(at + offset + #packed)
      local bad = helper.tmppath('bad-ngram-2.twm')
      helper.write(bad, helper.with_checksum(b))
      return select(2, core.load(bad))
    end
    assert.matches("order is not 1 to 8", with(0, string.pack('<I4', 9)))
    assert.matches("weight is not between 0 and 1", with(4, string.pack('<f', 2)))
    assert.matches("token outside the vocabulary", with(13, string.char(100)))
    assert.matches("start and end with an end%-of%-post", with(12, string.char(2)))
    -- a version 3 file holding one is refused: the version says what may be in it
    local forged = helper.tmppath('v3-ngram.twm')
    helper.write(forged, helper.with_checksum(bytes:sub(1, 8) .. string.pack('<I4', 3) .. bytes:sub(13)))
    assert.matches("expected section END!, found 'NGRM'", select(2, core.load(forged)))
  end)

  it('checks its arguments', function()
    local m = tiny_model()
    assert.error_matches(function() m:set_ngram(POSTS, 0) end, 'order must be 1 to 8')
    assert.error_matches(function() m:set_ngram(POSTS, 9) end, 'order must be 1 to 8')
    assert.error_matches(function() m:set_ngram(POSTS, 3, 1.5) end, 'weight must be between 0 and 1')
    assert.error_matches(function() m:set_ngram({ 'a', 5 }, 3) end, 'post 2 is a number')
    assert.error_matches(function() m:set_ngram_weight(0.5) end, 'no phrasing cache')
    assert.error_matches(function() m:ngram_losses('ab') end, 'no phrasing cache')
    assert.error_matches(function() m:losses('ab', 0.5) end, 'no phrasing cache')
    assert.error_matches(function() m:generate{ ngram = 0.5 } end, 'no phrasing cache')
    local ok, msg = m:set_ngram({ string.rep('a', 1 << 22) }, 3)
    assert.is_nil(ok)
    assert.matches('the most the phrasing cache counts', msg)
    assert.is_nil(m:ngram())
  end)
end)
