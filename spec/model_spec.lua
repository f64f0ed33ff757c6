-- tweeter.Model: text, vocabulary growth, generation, the model file, argument checking.
local core = require 'tweeter.core'
local helper = require 'helper'

local TMP = os.getenv('TMPDIR') or '/tmp'
local read, write = helper.read, helper.write

local tmp_path = helper.tmppath

local function tiny_model(seed)
  return core.model{ embed = 6, hidden = 12, layers = 2, dropout = 0.1, vocab = 'abcdefgh ',
    seed = seed or 1 }
end

local function utf8_chars(s)
  local out = {}
  for _, cp in utf8.codes(s) do out[#out + 1] = utf8.char(cp) end
  return out
end

local function train(model, batch, steps)
  local loss
  for _ = 1, steps do
    batch:next()
    loss = model:train_step(batch)
  end
  return loss
end

local POSTS = { 'a bad cafe', 'bead face', 'dead beef cab', 'fade ahead', 'a deaf bee',
  'cabbage', 'hedge fee' }

describe('core.model', function()
  it('builds a model with the sizes asked for', function()
    local m = core.model{ embed = 5, hidden = 7, layers = 3, vocab = 'xyz', seed = 4 }
    local info = m:info()
    assert.are.same({ 5, 7, 3, 5, 0 }, { info.embed, info.hidden, info.layers,
      info.vocab_size, info.steps })
    -- layers: (E+H+1)*4H, (2H+1)*4H twice; then V*(E+H+1)
    assert.are.equal((5 + 7 + 1) * 28 + 2 * (14 + 1) * 28 + 5 * (5 + 7 + 1), info.params)
    assert.matches('tweeter.Model%(V=5 E=5 H=7 L=3', tostring(m))
  end)

  it('starts the forget-gate bias at 1 and the other biases at 0', function()
    local m = core.model{ embed = 2, hidden = 3, layers = 1, vocab = 'ab' }
    for i = 1, 12 do
      local expected = (i > 3 and i <= 6) and 1 or 0
      assert.are.equal(expected, m:param('b1', i))
    end
  end)

  it('raises clear errors on bad configurations', function()
    assert.error_matches(function() core.model() end, 'table expected')
    for _, case in ipairs{
      { { vocab = 'ab', hidden = 'x' }, 'hidden must be an integer, got string' },
      { { vocab = 'ab', hidden = 0 }, 'hidden must be between 1 and 16384, got 0' },
      { { vocab = 'ab', layers = 9 }, 'layers must be between 1 and 8' },
      { { vocab = 'ab', dropout = 1 }, 'dropout must be between' },
      { { hidden = 4 }, 'vocab is required' },
      { { vocab = '' }, 'vocab is empty' },
      { { vocab = 'a\255' }, 'not valid UTF%-8' },
      { { vocab = 'ab', hiden = 4 }, "unknown option 'hiden'" },
    } do
      assert.error_matches(function() core.model(case[1]) end, case[2])
    end
  end)

  it('refuses a model too large for memory before allocating it', function()
    assert.error_matches(function()
      core.model{ vocab = 'ab', hidden = 16384, embed = 8192, layers = 8 }
    end, 'model too large: %d+ parameters')
  end)
end)

describe('model:encode', function()
  it('round-trips emoji, accents, CJK and Devanagari exactly', function()
    local text = 'café 😀 日本語 नमस्ते ñ'
    local m = core.model{ embed = 4, hidden = 4, layers = 1, vocab = text, seed = 1 }
    local data = m:encode{ text }
    assert.are.equal(0, data:unknown())
    assert.are.equal(utf8.len(text) + 2, data:tokens())
    local got = m:vocab()
    for _, c in utf8.codes(text) do
      assert.is_truthy(got:find(utf8.char(c), 1, true))
    end
    assert.are.equal('', m:missing_chars(text))
  end)

  it('maps invalid UTF-8 to the replacement character and counts it', function()
    local m = core.model{ embed = 4, hidden = 4, layers = 1, vocab = 'ab\u{FFFD}' }
    -- a stray byte, an overlong form, a surrogate: one U+FFFD per maximal ill-formed
    -- subsequence (Unicode's recommended practice), so 1 + 2 + 3
    local data = m:encode{ 'a\255b', '\192\128', 'b\237\160\128' }
    assert.are.equal(6, data:invalid())
    assert.are.equal(0, data:unknown())
    assert.are.equal(3, data:posts())
  end)

  it('counts characters the vocabulary lacks and skips empty posts', function()
    local m = core.model{ embed = 4, hidden = 4, layers = 1, vocab = 'ab' }
    local data = m:encode{ 'abz', '', 'qq' }
    assert.are.equal(3, data:unknown())
    assert.are.equal(2, data:posts())
    assert.error_matches(function() m:encode{ 'a', 5 } end, 'post 2 is a number')
    assert.error_matches(function() m:encode('ab') end, 'table expected')
  end)
end)

describe('data:batches', function()
  it('scores every character exactly once in an evaluation pass', function()
    local m = core.model{ embed = 4, hidden = 4, layers = 1, vocab = 'abcdefgh ' }
    local data = m:encode(POSTS)
    for _, shape in ipairs{ { 1, 5 }, { 3, 4 }, { 7, 2 }, { 20, 3 } } do
      local batch = data:batches(shape[1], shape[2], { wrap = false })
      local _, count = helper.evaluate_all(m, batch)
      assert.are.equal(data:tokens() - 1, count)
      -- a second pass starts over
      assert.is_true(batch:next())
    end
  end)

  it('checks its arguments', function()
    local m = core.model{ embed = 4, hidden = 4, layers = 1, vocab = 'ab' }
    local data = m:encode{ 'ab' }
    assert.error_matches(function() data:batches(0, 4) end, 'batch size must be between')
    assert.error_matches(function() data:batches(2, 'x') end, 'number expected')
    assert.error_matches(function() data:batches(2, 4, { wrap = 1 }) end, 'wrap must be a boolean')
    assert.error_matches(function() m:encode{}:batches(1, 1) end, 'no posts')
    assert.error_matches(function() m:train_step(data:batches(1, 2)) end, 'call batch:next')
    assert.error_matches(function() m:train_step(data) end, 'tweeter.Batch expected')
  end)
end)

describe('model:extend_vocab', function()
  it('adds new characters and keeps every trained weight', function()
    local m = tiny_model()
    train(m, m:encode(POSTS):batches(2, 8), 5)
    local before = { m:param('w1', 7), m:param('embedding', 3), m:param('output', 10) }
    local V = m:info().vocab_size
    assert.are.equal(2, m:extend_vocab('éa😀é'))
    assert.are.equal(V + 2, m:info().vocab_size)
    assert.are.same(before, { m:param('w1', 7), m:param('embedding', 3), m:param('output', 10) })
    assert.are.equal('', m:missing_chars('é😀abc'))
    -- the user's new characters train and generate
    local data = m:encode{ 'é😀 bad', 'café😀' }
    assert.are.equal(0, data:unknown())
    train(m, data:batches(2, 6), 3)
    assert.are.equal(8, m:info().steps)
    assert.are.equal(0, m:extend_vocab('abc'))
  end)
end)

describe('model:generate', function()
  local m = tiny_model(3)
  train(m, m:encode(POSTS):batches(4, 10), 40)

  it('is reproducible with a seed', function()
    local a = m:generate{ n = 6, seed = 42, temperature = 0.8, top_k = 5, top_p = 0.9 }
    local b = m:generate{ n = 6, seed = 42, temperature = 0.8, top_k = 5, top_p = 0.9 }
    assert.are.same(a, b)
    assert.are.equal(6, #a)
    assert.are_not.same(a, m:generate{ n = 6, seed = 43, temperature = 0.8 })
  end)

  it('starts every post with the prime and honours max_length', function()
    local posts = m:generate{ n = 5, prime = 'dead ', max_length = 12, seed = 1 }
    for _, p in ipairs(posts) do
      assert.are.equal('dead ', p:sub(1, 5))
      assert.is_true(utf8.len(p) <= 12)
    end
  end)

  it('is greedy at temperature 0 and top_k 1', function()
    local g1 = m:generate{ n = 3, temperature = 0, seed = 1 }
    local g2 = m:generate{ n = 3, top_k = 1, seed = 99 }
    assert.are.equal(g1[1], g1[2])
    assert.are.same(g1, g2)
  end)

  -- min_p = 1 keeps only the likeliest character and the end of the post, and a top_p that
  -- only the likeliest character reaches keeps the end too: every post is the greedy post
  -- or a prefix of it, and some end early where the model gives the end some probability.
  it('never truncates the end of a post away under min_p or top_p', function()
    local greedy = m:generate{ n = 1, temperature = 0, max_length = 60 }[1]
    for _, opts in ipairs({ { min_p = 1 }, { top_p = 1e-6 } }) do
      opts.n, opts.seed, opts.max_length = 40, 3, 60
      local shorter = 0
      for _, post in ipairs(m:generate(opts)) do
        assert.are.equal(post, greedy:sub(1, #post))
        if #post < #greedy then shorter = shorter + 1 end
      end
      assert.is_true(shorter > 0, 'no post ended before the greedy one')
    end
  end)

  it('draws only characters at least min_p times as likely as the likeliest', function()
    local T, MIN_P = 2, 0.3
    local token = {}
    for k, ch in ipairs(utf8_chars(m:vocab())) do token[ch] = k + 2 end   -- EOS 1, UNK 2
    local posts = m:generate{ n = 30, seed = 5, temperature = T, max_length = 30, min_p = MIN_P }
    local checked = 0
    for _, post in ipairs(posts) do
      local rows = m:probabilities(post, 'step')
      for j, ch in ipairs(utf8_chars(post)) do
        local row = rows[j]
        local top = math.max(table.unpack(row))
        -- the sampler's probabilities are those at temperature 1 raised to 1/T
        assert.is_true((row[token[ch]] / top) ^ (1 / T) >= MIN_P * 0.99,
          ('%q drawn at %.3f of the likeliest'):format(ch, (row[token[ch]] / top) ^ (1 / T)))
        checked = checked + 1
      end
    end
    assert.is_true(checked > 100)
  end)

  it('applies word_min_p only after a letter: inside words', function()
    local T, WORD_MIN_P = 3, 0.6
    local token = {}
    for k, ch in ipairs(utf8_chars(m:vocab())) do token[ch] = k + 2 end
    local posts = m:generate{ n = 40, seed = 9, temperature = T, max_length = 30, word_min_p = WORD_MIN_P }
    local inside, below_outside = 0, 0
    for _, post in ipairs(posts) do
      local rows, chars = m:probabilities(post, 'step'), utf8_chars(post)
      for j, ch in ipairs(chars) do
        local row = rows[j]
        local share = (row[token[ch]] / math.max(table.unpack(row))) ^ (1 / T)
        if j > 1 and chars[j - 1]:match('%a') then
          assert.is_true(share >= WORD_MIN_P * 0.99, ('%q inside a word at %.3f'):format(ch, share))
          inside = inside + 1
        elseif share < WORD_MIN_P then
          below_outside = below_outside + 1
        end
      end
    end
    assert.is_true(inside > 50)
    assert.is_true(below_outside > 0, 'outside words the whole distribution is drawn from')
  end)

  it('checks every option', function()
    assert.error_matches(function() m:generate{ min_p = 1.5 } end, 'min_p must be between 0.0 and 1.0')
    assert.error_matches(function() m:generate{ word_min_p = -1 } end, 'word_min_p must be between 0.0 and 1.0')
    assert.error_matches(function() m:generate{ n = 0 } end, 'n must be between 1 and')
    assert.error_matches(function() m:generate{ temperature = -1 } end, 'temperature must be')
    assert.error_matches(function() m:generate{ top_p = 0 } end, 'top_p must be between')
    assert.error_matches(function() m:generate{ top_k = 1e6 } end, 'top_k must be between')
    assert.error_matches(function() m:generate{ max_length = 0 } end, 'max_length must be')
    assert.error_matches(function() m:generate{ prime = 5 } end, 'prime must be a string')
    assert.error_matches(function() m:generate{ prime = 'abcdef', max_length = 6 } end,
      'leaves no room under max_length')
    assert.error_matches(function() m:generate{ prime = ('a'):rep(1001) } end,
      'prime is longer than 1000')
    assert.error_matches(function() m:generate{ seed = 'x' } end, 'seed must be an integer')
    assert.error_matches(function() m:generate{ count = 2 } end, "unknown option 'count'")
    assert.error_matches(function() m:generate{ n = 10000, max_length = 100000 } end,
      'too large')
  end)
end)

describe('model:score', function()
  local SCORED = { 'we can', '', 'a much longer post than the others, far longer', 'éé x', 'w' }

  it("gives each post the nats of its characters and its end, as model:losses does, side by side", function()
    local m = helper.trained_model({ embed = 8, hidden = 16, layers = 2, seed = 4,
      vocab = 'acdefghlnoprstuwx ,é' }, SCORED)
    local many = {}
    for i = 1, 150 do many[i] = SCORED[i % #SCORED + 1] end   -- more than one batch of streams
    local nats = m:score(many)
    assert.are.equal(#many, #nats)
    for i, post in ipairs(many) do
      local sum = 0
      for _, x in ipairs(m:losses(post)) do sum = sum + x end
      assert.is_true(math.abs(nats[i] - sum) <= 1e-3 * (utf8.len(post) + 1),
        ('%q: %.5f against %.5f'):format(post, nats[i], sum))
    end
    assert.are.same({}, m:score({}))
    -- the phrasing cache does not enter it
    local before = m:score(SCORED)
    m:set_ngram(SCORED, 3, 0.5)
    assert.are.same(before, m:score(SCORED))
  end)

  it('refuses what is not a list of valid posts', function()
    local m = core.model{ embed = 4, hidden = 8, layers = 1, vocab = 'ab ' }
    assert.error_matches(function() m:score('ab') end, 'table expected')
    assert.error_matches(function() m:score({ 'ab', 3 }) end, 'post 2 is a number')
    assert.error_matches(function() m:score({ 'a\255' }) end, 'post 1 is not valid UTF%-8')
    assert.error_matches(function() m:score({ ('a'):rep(4097) }) end, 'post 1 is longer than 4096 characters')
  end)
end)

describe('model:freeze', function()
  it('leaves the embedding and the lowest layers as they are; a copy trains them all', function()
    local m = tiny_model(12)
    local batch = m:encode(POSTS):batches(3, 7)
    local function snapshot(model)
      local all = {}
      for _, block in ipairs({ 'embedding', 'w1', 'b1', 'w2', 'b2', 'output', 'output_bias' }) do
        all[block] = {}
        for i = 1, model:block_size(block) do all[block][i] = model:param(block, i) end
      end
      return all
    end
    local function changed(model, before)
      local out = {}
      for block, values in pairs(before) do
        for i, v in ipairs(values) do
          if model:param(block, i) ~= v then out[block] = true; break end
        end
      end
      return out
    end
    assert.are.equal(m, m:freeze(1))
    local copy = m:copy()
    local before = snapshot(m)
    train(m, batch, 3)
    assert.are.same({ w2 = true, b2 = true, output = true, output_bias = true }, changed(m, before))
    before = snapshot(copy)
    train(copy, copy:encode(POSTS):batches(3, 7), 3)
    assert.are.same({ embedding = true, w1 = true, b1 = true, w2 = true, b2 = true, output = true,
      output_bias = true }, changed(copy, before))
    m:freeze(0)
    before = snapshot(m)
    train(m, batch, 3)
    assert.is_true(changed(m, before).embedding)
  end)
end)

describe('the training record getters', function()
  it('say what info() says, field by field', function()
    local m = tiny_model(11)
    assert.are.same({ 0 }, { m:cursor() })   -- no batch shape before training
    assert.are.same({}, m:history())
    local batch = m:encode(POSTS):batches(3, 7)
    train(m, batch, 4)
    m:add_history(2, 2.5)
    m:add_history(4, 2.25, 2.75)
    m:set_lr(0.004)
    local info = m:info()
    assert.are.equal(4, m:steps())
    assert.are.equal(info.steps, m:steps())
    assert.are.same({ 4, 3, 7 }, { m:cursor() })
    assert.are.same({ info.cursor, info.batch, info.seq }, { m:cursor() })
    assert.are.near(0.004, m:lr(), 1e-9)
    assert.are.equal(info.lr, m:lr())
    assert.are.same({ { step = 2, train = 2.5 }, { step = 4, train = 2.25, valid = 2.75 } },
      m:history())
    assert.are.same(info.history, m:history())
    local config = m:config()
    assert.are.same({ cell = 'lstm', embed = 6, hidden = 12, layers = 2, vocab_size = info.vocab_size,
      params = info.params, seed = 11, dropout = info.dropout }, config)
    for k, v in pairs(config) do assert.are.equal(v, info[k]) end
  end)
end)

describe('the cell', function()
  it('is the LSTM unless asked, the GRU when asked, and an unknown one is refused', function()
    assert.are.equal('lstm', tiny_model():config().cell)
    local m = core.model{ cell = 'lstm', vocab = 'ab', embed = 2, hidden = 3, layers = 1 }
    assert.are.equal('lstm', m:info().cell)
    assert.are.equal('gru', core.model{ cell = 'gru', vocab = 'ab' }:config().cell)
    assert.error_matches(function() core.model{ cell = 'mogrifier', vocab = 'ab' } end,
      "bad argument #1 to 'model' %(unknown cell 'mogrifier'%)")
  end)
end)

describe('model:save and core.load', function()
  it('round-trip: the loaded model generates the same posts and continues identically', function()
    local m = tiny_model(5)
    local data = m:encode(POSTS)
    local batch = data:batches(3, 7)
    train(m, batch, 10)
    m:add_history(10, 1.5, 1.7)
    local path = tmp_path('a.twm')
    assert.is_true(m:save(path))
    local loaded = assert(core.load(path))
    assert.are.same(m:info(), loaded:info())
    assert.are.same(m:generate{ n = 4, seed = 9 }, loaded:generate{ n = 4, seed = 9 })
    -- resume: same step, same optimizer state, same data cursor, same carried state
    local batch2 = data:batches(3, 7):seek(loaded:info().cursor)
    local a = train(m, batch, 5)
    local b = train(loaded, batch2, 5)
    assert.are.equal(a, b)
    assert.are.equal(15, loaded:info().steps)
    assert.are.same({ m:param('w2', 5), m:param('embedding', 9) },
      { loaded:param('w2', 5), loaded:param('embedding', 9) })
    os.remove(path)
  end)

  describe('format versions', function()
    -- The same model as a version 1 file: no CELL section (a version 1 file is an LSTM).
    local function as_version1(bytes)
      local cell = assert(bytes:find('CELL', 25, true))
      local len = string.unpack('<I8', bytes, cell + 4)
      local payload = bytes:sub(25, cell - 1) .. bytes:sub(cell + 12 + len)
      return helper.with_checksum(bytes:sub(1, 8) .. string.pack('<I4I4I8', 1, 0, #payload) .. payload)
    end

    it('writes version 4, which records the cell, and reads it back bit for bit', function()
      local m = tiny_model(8)
      local data = m:encode(POSTS)
      train(m, data:batches(3, 7), 6)
      m:add_history(6, 1.25)
      local path, again = tmp_path('v2.twm'), tmp_path('v2-again.twm')
      assert(m:save(path))
      local bytes = read(path)
      assert.are.equal(4, string.unpack('<I4', bytes, 9))
      local cell = assert(bytes:find('CELL', 25, true))
      assert.are.equal(25, cell)   -- the first section: every size after it depends on it
      assert.are.equal('lstm', bytes:sub(cell + 12, cell + 11 + string.unpack('<I8', bytes, cell + 4)))
      local loaded = assert(core.load(path))
      assert.are.equal('lstm', loaded:config().cell)
      assert.are.same(m:info(), loaded:info())
      assert(loaded:save(again))
      assert.are.equal(bytes, read(again))
      os.remove(path)
      os.remove(again)
    end)

    it('records the cell: a GRU comes back a GRU and resumes exactly', function()
      local m = core.model{ cell = 'gru', embed = 6, hidden = 12, layers = 2, dropout = 0.1,
        vocab = 'abcdefgh ', seed = 12 }
      local data = m:encode(POSTS)
      local batch = data:batches(3, 7)
      train(m, batch, 6)
      local path = tmp_path('gru.twm')
      assert(m:save(path))
      local bytes = read(path)
      assert.are.equal('gru', bytes:sub(37, 36 + string.unpack('<I8', bytes, 29)))
      local loaded = assert(core.load(path))
      assert.are.equal('gru', loaded:config().cell)
      assert.are.same(m:info(), loaded:info())
      -- the carried state: 3 streams, h of each of the 2 layers (a GRU has no c)
      assert.are.same({ 3, 2 }, { select(2, loaded:carried_state()) })
      assert.are.equal(4 * 2 * 3 * 12, #loaded:carried_state())
      assert.are.same(m:generate{ n = 3, seed = 4 }, loaded:generate{ n = 3, seed = 4 })
      local a = train(m, batch, 4)
      local b = train(loaded, data:batches(3, 7):seek(loaded:cursor()), 4)
      assert.are.equal(a, b)
      assert.are.equal(m:param('bh2', 7), loaded:param('bh2', 7))
      os.remove(path)
    end)

    it('still loads version 1 files: one the version 1 code wrote, and one with optimizer and carried state', function()
      -- written by the code before version 2 (kept as a fuzzer seed)
      local v1_path = helper.root .. '/fuzz/corpus/model_file/trained-v1.twm'
      local base_bytes = read(v1_path)
      assert.are.equal(1, string.unpack('<I4', base_bytes, 9))
      assert.is_nil(base_bytes:find('CELL', 25, true))
      local base = assert(core.load(v1_path))
      assert.are.equal('lstm', base:config().cell)
      assert.is_true(base:steps() > 0)
      assert.are.equal(4, #base:generate{ n = 4, seed = 3, max_length = 40 })

      local m = tiny_model(9)
      local data = m:encode(POSTS)
      local batch = data:batches(3, 7)
      train(m, batch, 6)
      local path, v1 = tmp_path('v2.twm'), tmp_path('v1.twm')
      assert(m:save(path))
      write(v1, as_version1(read(path)))
      local old = assert(core.load(v1))
      assert.are.same(m:info(), old:info())
      -- resumes exactly like the model it was saved from
      local a = train(m, batch, 3)
      local b = train(old, data:batches(3, 7):seek(old:cursor()), 3)
      assert.are.equal(a, b)
      os.remove(path)
      os.remove(v1)
    end)
  end)

  it('stores weights as float16 when asked, at half the size and a small loss cost', function()
    local m = tiny_model(6)
    local data = m:encode(POSTS)
    train(m, data:batches(3, 7), 20)
    local full, half = tmp_path('full.twm'), tmp_path('half.twm')
    assert(m:save(full))
    assert(m:save(half, { half = true }))
    local h = assert(core.load(half))
    assert.is_true(#read(half) < 0.3 * #read(full))   -- no optimizer state, 2 bytes a weight
    local function loss(model)
      local s, c = helper.evaluate_all(model, data:batches(2, 16, { wrap = false }))
      return s / c
    end
    assert.are.near(loss(m), loss(h), 1e-2)
    assert.are.near(m:param('w1', 3), h:param('w1', 3), 1e-3)
    os.remove(full)
    os.remove(half)
  end)

  describe('refuses a bad file with nil and a message', function()
    local m = tiny_model(7)
    train(m, m:encode(POSTS):batches(2, 5), 2)
    m:add_history(2, 2.0)
    local good = tmp_path('good.twm')
    assert(m:save(good))
    local bytes = read(good)

    local load_bytes = helper.load_bytes

    it('truncated at every section boundary and inside each section', function()
      local offsets, pos = { 0, 8, 23 }, 25
      while pos <= #bytes do
        local tag, len = string.unpack('<c4I8', bytes, pos)
        offsets[#offsets + 1] = pos - 1          -- before the section
        offsets[#offsets + 1] = pos - 1 + 6      -- inside its header
        offsets[#offsets + 1] = pos - 1 + 12 + len // 2   -- inside its body
        pos = pos + 12 + len
        assert.is_truthy(tag:match('^[A-Z!]+$'))
      end
      assert.is_true(#offsets >= 20)
      for _, cut in ipairs(offsets) do
        if cut < #bytes then
          local model, err = load_bytes(bytes:sub(1, cut))
          assert.is_nil(model)
          assert.is_string(err)
          assert.is_truthy(err:match('truncated') or err:match('empty file') or
            err:match('bad magic'), err)
        end
      end
    end)

    it('with a flipped byte', function()
      for _, at in ipairs{ 30, #bytes // 2, #bytes - 3 } do
        local flipped = bytes:sub(1, at - 1) .. string.char(bytes:byte(at) ~ 0x20) ..
          bytes:sub(at + 1)
        local model, err = load_bytes(flipped)
        assert.is_nil(model)
        assert.matches('checksum mismatch', err)
      end
    end)

    it('with a wrong magic number, a newer version, or nothing in it', function()
      local model, err = load_bytes('PK\3\4' .. bytes:sub(5))
      assert.is_nil(model)
      assert.matches('not a tweeter model file', err)
      model, err = load_bytes(bytes:sub(1, 8) .. string.pack('<I4', 5) .. bytes:sub(13))
      assert.is_nil(model)
      assert.matches('version 5 is newer than this tweeter reads %(4%): upgrade tweeter', err)
      model, err = load_bytes('')
      assert.is_nil(model)
      assert.matches('empty file', err)
    end)

    it('with a cell type this tweeter does not know', function()
      local model, err = load_bytes(helper.with_checksum(bytes:sub(1, 36) .. 'gruu' .. bytes:sub(41)))
      assert.is_nil(model)
      assert.matches("unknown cell type 'gruu': upgrade tweeter", err)
    end)

    it('that is a directory or missing', function()
      local model, err = core.load(TMP)
      assert.is_nil(model)
      assert.matches('is a directory', err)
      model, err = core.load(TMP .. '/no-such-model.twm')
      assert.is_nil(model)
      assert.matches('No such file', err)
    end)

    it('with a valid checksum but sizes that disagree with the configuration', function()
      -- rewrite CONF's hidden size and fix the checksum: the loader must still refuse
      local conf = assert(bytes:find('CONF', 25, true)) + 12
      local forged = helper.with_checksum(bytes:sub(1, conf + 7) .. string.pack('<I4', 13) .. bytes:sub(conf + 12))
      local model, err = load_bytes(forged)
      assert.is_nil(model)
      assert.matches('does not match the configuration', err)
    end)

    os.remove(good)
  end)

  it('leaves the previous file intact when the save is killed or the disk fills', function()
    local m = tiny_model(8)
    local path = tmp_path('keep.twm')
    assert(m:save(path))
    local before = read(path)
    -- a child process saves a much bigger model to the same path under a 64 KiB file-size
    -- limit: first with SIGXFSZ's default action (killed mid-write), then with it ignored
    -- (write fails with EFBIG, as on a full disk)
    local script = tmp_path('save.lua')
    write(script, string.format([[
      local core = require 'tweeter.core'
      local big = core.model{ embed = 64, hidden = 128, layers = 2, vocab = 'abc' }
      local ok, err = big:save(%q)
      io.write(tostring(ok), ' ', tostring(err))
    ]], path))
    local env = "LUA_PATH='lua/?.lua;;' LUA_CPATH='build/?.so;;' "
    local killed = io.popen("ulimit -f 64; " .. env .. "lua5.4 " .. script .. " 2>&1; echo \" rc=$?\"")
    local out1 = killed:read('a')
    killed:close()
    assert.matches('rc=153', out1)   -- 128 + SIGXFSZ
    assert.are.equal(before, read(path))
    assert(core.load(path))
    local full = io.popen("trap '' XFSZ; ulimit -f 64; " .. env .. "lua5.4 " .. script ..
      " 2>&1")
    local out2 = full:read('a')
    full:close()
    assert.matches('^nil .*keep.twm: File too large', out2)
    assert.are.equal(before, read(path))
    -- no temporary file is left behind by the failed save
    local leftovers = io.popen('ls ' .. path .. '.tmp-* 2>/dev/null | wc -l')
    local killed_leftover = tonumber(leftovers:read('a'))
    leftovers:close()
    assert.is_true(killed_leftover <= 1)   -- only the one from the killed process, if any
    os.execute('rm -f ' .. path .. '.tmp-* ' .. script)
    os.remove(path)
  end)

  it('returns nil and a message when the folder does not exist', function()
    local ok, err = tiny_model():save(TMP .. '/no/such/dir/m.twm')
    assert.is_nil(ok)
    assert.matches('m.twm: No such file or directory', err)
  end)
end)

describe('argument checking', function()
  local m = tiny_model()
  local batch = m:encode(POSTS):batches(2, 4)

  it('raises on wrong types for every method', function()
    local calls = {
      { function() m:train_step() end, 'tweeter.Batch expected, got no value' },
      { function() m:evaluate('x') end, 'tweeter.Batch expected, got string' },
      { function() m:save() end, 'string expected' },
      { function() m:save('/tmp/x', 5) end, 'table expected' },
      { function() core.load() end, 'string expected' },
      { function() m:extend_vocab() end, 'string expected' },
      { function() m:extend_vocab('\255') end, 'not valid UTF%-8' },
      { function() m:missing_chars(nil) end, 'string expected' },
      { function() m:add_history(-1, 2) end, 'step must not be negative' },
      { function() m:add_history(1) end, 'number expected' },
      { function() m:set_lr(-1) end, 'learning rate must be between' },
      { function() m:freeze(3) end, 'layers to freeze must be from 0 to the model\'s layers' },
      { function() m:freeze(-1) end, 'layers to freeze must be from 0' },
      { function() m:freeze('a') end, 'number expected' },
      { function() m:set_seed('a') end, 'number expected' },
      { function() m:set_optimizer{ name = 'sgd' } end, "invalid option 'sgd'" },
      { function() m:set_optimizer{ lr = 'fast' } end, 'lr must be a number' },
      { function() m:set_optimizer{ momentum = 1 } end, "unknown option 'momentum'" },
      { function() m:param('w9', 1) end, "unknown parameter block 'w9'" },
      { function() m:param('w1', 0) end, 'index out of range' },
      { function() m:grad('b1', 1) end, 'no gradients yet' },
      { function() m.info(batch) end, 'tweeter.Model expected, got tweeter.Batch' },
      { function() batch:seek(-1) end, 'cursor must not be negative' },
      { function() batch.next(m) end, 'tweeter.Batch expected, got tweeter.Model' },
      { function() batch.cursor({}) end, 'tweeter.Batch expected, got table' },
      { function() batch.epoch() end, 'tweeter.Batch expected, got no value' },
      { function() batch.size(m) end, 'tweeter.Batch expected, got tweeter.Model' },
      { function() local d = m:encode{ 'a' }; d.tokens(batch) end,
        'tweeter.Data expected, got tweeter.Batch' },
      { function() local d = m:encode{ 'a' }; d.posts(1) end, 'tweeter.Data expected, got number' },
      { function() local d = m:encode{ 'a' }; d.invalid() end, 'tweeter.Data expected' },
      { function() local d = m:encode{ 'a' }; d.unknown(m) end, 'tweeter.Data expected' },
      { function() m:vocab(1) ; m.vocab(nil) end, 'tweeter.Model expected, got nil' },
      { function() m.copy('x') end, 'tweeter.Model expected, got string' },
      { function() m.reset_state(1) end, 'tweeter.Model expected, got number' },
      { function() m:block_size(3) end, "unknown parameter block '3'" },
      { function() m:gradients(nil) end, 'tweeter.Batch expected, got nil' },
      { function() m:encode({ 'a' }):batches(70000, 2) end, 'batch size must be between' },
      { function() m:encode({ 'a' }):batches(65536, 2048) end, 'batch too large' },
    }
    for i, c in ipairs(calls) do
      local ok, err = pcall(c[1])
      assert.is_false(ok, 'call ' .. i .. ' did not raise')
      assert.matches(c[2], err, 1, false)
    end
  end)

  it('survives the collector: many models and batches dropped and collected', function()
    for i = 1, 50 do
      local x = tiny_model(i)
      local b = x:encode(POSTS):batches(2, 3)
      b:next()
      x:train_step(b)
    end
    collectgarbage()
    collectgarbage()
    assert.are.equal(0, m:info().steps)
  end)
end)

describe('the size limits of a model and its generation', function()
  it('refuses hidden = 1e9 and other huge sizes with a message, before allocating', function()
    local cases = {
      { { vocab = 'ab', hidden = 1e9 }, 'hidden must be between 1 and 16384, got 1000000000' },
      { { vocab = 'ab', embed = 1e9 }, 'embed must be between 1 and 8192, got 1000000000' },
      { { vocab = 'ab', layers = 1e9 }, 'layers must be between 1 and 8, got 1000000000' },
      { { vocab = 'ab', hidden = 2 ^ 62 }, 'hidden must be between 1 and 16384' },
      { { vocab = 'ab', hidden = 16384, layers = 8 }, 'model too large: %d+ parameters %(at most 268435456%)' },
    }
    -- every buffer the core allocates is a userdata, so Lua's heap count sees it
    collectgarbage('collect')
    collectgarbage('stop')
    local before = collectgarbage('count')
    for _, case in ipairs(cases) do
      assert.error_matches(function() core.model(case[1]) end, case[2])
    end
    local grown_kb = collectgarbage('count') - before
    collectgarbage('restart')
    assert.is_true(grown_kb < 256, ('the Lua heap grew by %.0f KiB'):format(grown_kb))
  end)

  it('bounds the vocabulary: the string given, and the size a model file states', function()
    assert.error_matches(function() core.model { vocab = ('a'):rep(4 * 0x110000 + 1) } end,
      'vocab too long')
    -- a file whose configuration states 2^21 tokens (checksum valid): refused by the bound
    local m = core.model { vocab = 'ab', embed = 2, hidden = 2, layers = 1 }
    local path = os.tmpname()
    assert(m:save(path))
    local bytes = helper.read(path)
    local conf = bytes:find('CONF', 25, true)
    local patched = bytes:sub(1, conf + 11) .. string.pack('<I4', 0x200000) .. bytes:sub(conf + 16)
    helper.write(path, helper.with_checksum(patched))
    local ok, err = core.load(path)
    os.remove(path)
    assert.is_nil(ok)
    assert.matches('vocabulary size must be between 3 and 1114114, got 2097152', err)
  end)

  it('bounds prime length (in characters and bytes), generation length and count', function()
    local m = core.model { vocab = 'abé😀', embed = 2, hidden = 4, layers = 1 }
    -- 1000 four-byte characters are allowed, 1001 two-byte ones are not
    assert.are.equal(1, #m:generate { prime = ('😀'):rep(1000), max_length = 1001, seed = 1 })
    assert.error_matches(function() m:generate { prime = ('é'):rep(1001), max_length = 2000 } end,
      'prime is longer than 1000 characters')
    assert.error_matches(function() m:generate { prime = ('😀'):rep(1001) } end,
      'prime is longer than 1000 characters')
    assert.error_matches(function() m:generate { max_length = 100001 } end,
      'max_length must be between 1 and 100000, got 100001')
    assert.error_matches(function() m:generate { n = 10001 } end, 'n must be between 1 and 10000, got 10001')
    assert.error_matches(function() m:generate { top_k = 7 } end, 'top_k must be between 0 and 6, got 7')
    local out = m:generate { max_length = 100000, seed = 3, temperature = 0.5 }
    assert.is_true(utf8.len(out[1]) <= 100000)
  end)
end)

describe('generated posts of any vocabulary', function()
  local dir
  setup(function() dir = helper.tmpdir() end)
  teardown(function() helper.rm_rf(dir) end)

  it('generated posts never carry control characters, whatever the vocabulary holds', function()
    local m = core.model { vocab = 'ab\27\7\0\n\t\127\u{9B}c', embed = 4, hidden = 8, layers = 1, seed = 3 }
    -- untrained weights: every token is about as likely, so control tokens would be drawn
    local posts = m:generate { n = 200, max_length = 40, seed = 1, temperature = 2 }
    for _, p in ipairs(posts) do
      assert.is_nil(p:find('[%z\1-\31\127]'), p)
      assert.is_nil(p:find('\194[\128-\159]'), p)
      assert.is_true(#p > 0)
    end
    assert.error_matches(function() m:generate { prime = 'a\27[2J' } end, 'prime holds control character U%+001B')
    -- and through the CLI: the posts on stdout, the vocabulary in info --json
    local path = dir .. '/controls.tw'
    assert(m:save(path))
    local code, out, err = helper.bounded_tweeter({ 'generate', path, '-n', '50', '--seed', '2', '--temperature', '2' })
    assert.are.equal(0, code, err)
    assert.is_nil(out:find('[%z\1-\9\11-\31\127]'))
    assert.is_nil(out:find('\194[\128-\159]'))
    assert.are.equal(50, select(2, out:gsub('\n', '')))
    code, out = helper.bounded_tweeter({ 'info', path, '--json' })
    assert.are.equal(0, code)
    assert.is_nil(out:sub(1, -2):find('[%z\1-\31\127]'))
    assert.is_nil(out:find('\194[\128-\159]'))
    assert.are.equal('ab\27\7\0\n\t\127\u{9B}c', require('cjson').decode(out).vocab)
  end)
end)
