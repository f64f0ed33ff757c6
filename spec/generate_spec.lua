local generate = require('tweeter.generate')
local tweeter = require('tweeter')
local helper = require('helper')

-- A stand-in model whose generate returns prepared posts, recording each call's options.
local function stub_model(queue)
  local calls = {}
  return {
    calls = calls,
    generate = function(_, o)
      local copy = {}
      for k, v in pairs(o) do copy[k] = v end
      calls[#calls + 1] = copy
      local out = {}
      for i = 1, o.n do out[i] = table.remove(queue, 1) or ('fresh filler post ' .. #calls .. '.' .. i) end
      return out
    end,
  }
end

local REF = 'Today we celebrate the people who made this whole thing possible for all of us'

describe('tweeter.generate', function()
  describe('the 40-character copy index', function()
    local idx = generate.index({ REF, 'short one' })

    it('finds a copied stretch of exactly 40 characters and not one of 39', function()
      local s40 = REF:sub(10, 49)
      assert.are.equal(40, utf8.len(s40))
      assert.is_true(generate.copies(idx, 'xx ' .. s40 .. ' yy'))
      assert.is_false(generate.copies(idx, '##' .. s40:sub(1, 39) .. '##'))
      assert.is_false(generate.copies(idx, 'short one'))
      assert.is_false(generate.copies(idx, 'completely different text that is long enough to have windows'))
    end)

    it('counts code points, not bytes', function()
      local ref = ('é'):rep(20) .. ('😀'):rep(20) .. ' tail'
      local i2 = generate.index({ ref })
      assert.is_true(generate.copies(i2, 'a' .. ('é'):rep(20) .. ('😀'):rep(20)))
      -- 39 code points (but far more than 40 bytes) are not a copy
      assert.is_false(generate.copies(i2, ('é'):rep(19) .. ('😀'):rep(20) .. 'z'))
    end)
  end)

  describe('decoding defaults', function()
    it('sample the model as it is, truncating only inside words; plain turns that off', function()
      local m = stub_model({})
      generate.posts(m, { n = 1 })
      assert.are.same({ 1, 1, 0.1 }, { m.calls[1].temperature, m.calls[1].top_p, m.calls[1].word_min_p })
      generate.posts(m, { n = 1, plain = true })
      assert.are.equal(0, m.calls[2].word_min_p)
      generate.posts(m, { n = 1, word_min_p = 0.3, temperature = 0.5 })
      assert.are.same({ 0.5, 0.3 }, { m.calls[3].temperature, m.calls[3].word_min_p })
    end)

    it('keep a model with a phrasing cache to its words, without truncation; any_words frees them', function()
      local m = stub_model({})
      m.ngram = function() return { order = 5, weight = 0.1, tokens = 100, longest = 280, lengths = { 20 } } end
      local function last() return m.calls[#m.calls] end
      generate.posts(m, { n = 1 })
      assert.are.same({ true, 0 }, { last().lexicon, last().word_min_p })
      generate.posts(m, { n = 1, any_words = true })
      assert.are.same({ nil, 0.1 }, { last().lexicon, last().word_min_p })
      generate.posts(m, { n = 1, word_min_p = 0.2 })
      assert.are.same({ true, 0.2 }, { last().lexicon, last().word_min_p })
      generate.posts(m, { n = 1, plain = true })
      assert.are.same({ nil, 0, 0 }, { last().lexicon, last().word_min_p, last().ngram })
    end)

    it('reach the core through the command: --word-min-p and --plain', function()
      local model = helper.trained_model({ embed = 4, hidden = 8, layers = 1, seed = 2,
        vocab = 'abcdefgh ' }, { 'abc def', 'gh fed cab', 'bad cafe' })
      local path = helper.tmpdir() .. '/m.twm'
      assert(model:save(path))
      local code, plain = helper.tweeter({ 'generate', path, '-n', '5', '--seed', '4', '--plain' })
      assert.are.equal(0, code)
      local _, cut = helper.tweeter({ 'generate', path, '-n', '5', '--seed', '4', '--word-min-p', '1' })
      local _, default = helper.tweeter({ 'generate', path, '-n', '5', '--seed', '4' })
      local _, zero = helper.tweeter({ 'generate', path, '-n', '5', '--seed', '4', '--word-min-p', '0' })
      assert.are.equal(plain, zero)
      assert.are_not.equal(plain, cut)
      assert.is_string(default)
    end)
  end)

  describe('with a phrasing cache', function()
    it('draws again the posts longer than the longest it counted, unless plain', function()
      local m = stub_model({ 'short', 'far too long', 'fine', 'long again', 'ok' })
      m.ngram = function() return { order = 5, weight = 0.15, tokens = 100, longest = 5, lengths = { 2, 4, 5 } } end
      local bins = generate.LENGTH_BINS
      generate.LENGTH_BINS = 1   -- one quota: lengths are free below the longest
      local posts, stats = generate.posts(m, { n = 3, seed = 1, candidates = 1, resample = 1 })
      generate.LENGTH_BINS = bins
      assert.are.same({ 'short', 'fine', 'ok' }, posts)
      assert.are.equal(2, stats.too_long)
      assert.is_nil(m.calls[1].ngram)   -- the core takes the model's own weight
      local plain = stub_model({ 'far too long' })
      plain.ngram = m.ngram
      assert.are.same({ 'far too long' }, (generate.posts(plain, { n = 1, plain = true })))
      assert.are.equal(0, plain.calls[1].ngram)
      generate.posts(m, { n = 1, ngram = 0.4, resample = 1 })
      assert.are.equal(0.4, m.calls[#m.calls].ngram)
    end)

    -- A stand-in whose posts are mostly 10 characters long, the rest 20 to 100, and a person
    -- who wrote as many posts of each length from 10 to 100 (every tenth of theirs is one length).
    local function skewed(lengths)
      local drawn = 0
      local m = {
        ngram = function()
          local person = {}
          for len = 10, 100, 10 do for _ = 1, 7 do person[#person + 1] = len end end
          return { order = 5, weight = 0.1, tokens = 800, longest = 100, lengths = person }
        end,
        generate = function(_, o)
          local out = {}
          for i = 1, o.n do
            drawn = drawn + 1
            out[i] = ('x'):rep(lengths(drawn))
          end
          return out
        end,
      }
      return m
    end

    it('keeps as many posts of each tenth of the person\'s lengths, drawing more to fill them', function()
      local model = skewed(function(k) return k % 3 ~= 0 and 10 or 20 + (k // 3 % 9) * 10 end)
      local posts, stats = generate.posts(model, { n = 50, seed = 3, candidates = 1, resample = 1 })
      local count = {}
      for _, p in ipairs(posts) do count[#p] = (count[#p] or 0) + 1 end
      assert.are.same({ [10] = 5, [20] = 5, [30] = 5, [40] = 5, [50] = 5, [60] = 5, [70] = 5, [80] = 5,
        [90] = 5, [100] = 5 }, count)
      assert.is_true(stats.surplus > 0 and stats.generated > 50)
      -- the same seed, the same choice; plain keeps what comes
      assert.are.same(posts, (generate.posts(skewed(function(k) return k % 3 ~= 0 and 10 or 20 + (k // 3 % 9) * 10 end),
        { n = 50, seed = 3, candidates = 1, resample = 1 })))
      local plain = generate.posts(skewed(function() return 10 end), { n = 5, plain = true })
      assert.are.same({ 10, 10, 10, 10, 10 }, { #plain[1], #plain[2], #plain[3], #plain[4], #plain[5] })
    end)

    it('fills the tenths the model never reaches with its other posts, and never keeps one too long', function()
      local posts, stats = generate.posts(skewed(function(k) return k % 2 == 0 and 10 or 150 end),
        { n = 20, seed = 1, max_rounds = 3, candidates = 1, resample = 1 })
      assert.are.equal(20, #posts)
      for _, p in ipairs(posts) do assert.are.equal(10, #p) end
      assert.is_true(stats.too_long > 0 and stats.surplus > 0)
      -- one post: a tenth drawn at random, and a post of it
      local one = generate.posts(skewed(function(k) return 10 * (k % 10 + 1) end), { n = 1, seed = 8, candidates = 1, resample = 1 })
      assert.are.equal(1, #one)
    end)

    it('keeps, of each K posts of like length, the one the model prefers most over a generic one', function()
      -- the model gives a post 1 nat fewer than the generic model does for each 'b' in it
      local function nats(bias)
        return function(_, posts)
          local out = {}
          for i, p in ipairs(posts) do out[i] = 10 * #p - bias * select(2, p:gsub('b', '')) end
          return out
        end
      end
      local queue = {}
      for i = 1, 12 do queue[i] = (i % 3 == 0 and 'b' or 'a') .. ('x'):rep(i % 2 == 0 and 5 or 10) end
      local m = stub_model(queue)
      m.ngram = function() return { order = 5, weight = 0.1, tokens = 100, longest = 20, lengths = { 6, 11 } } end
      m.score = nats(1)
      local dir = helper.tmpdir()
      local generic = helper.trained_model({ embed = 4, hidden = 8, layers = 1, seed = 2, vocab = 'abx' }, { 'ax', 'bx' })
      local path = dir .. '/generic.twm'
      assert(generic:save(path))
      local bins = generate.LENGTH_BINS
      generate.LENGTH_BINS = 1
      -- the generic model loaded from the file scores each post by its length alone here
      local real_score = getmetatable(generic).__index.score
      getmetatable(generic).__index.score = nats(0)
      local ok, posts, stats = pcall(generate.posts, m, { n = 4, seed = 5, candidates = 3, contrast = path, resample = 1 })
      getmetatable(generic).__index.score = real_score
      generate.LENGTH_BINS = bins
      assert(ok, posts)
      assert.are.same({ requested = 4, candidates = 3, generated = 12 },
        { requested = stats.requested, candidates = stats.candidates, generated = stats.generated })
      -- sorted by length, the 12 posts make 4 groups of 3; each group's post with a b wins
      table.sort(posts)
      assert.are.same({ 'bxxxxx', 'bxxxxx', 'bxxxxxxxxxx', 'bxxxxxxxxxx' }, posts)
      -- by default, 2 candidates for a model trained on fewer than CONTRAST_POSTS posts, else 1
      local function trained_on(count)
        local stub = stub_model({})
        local lengths = {}
        for i = 1, count do lengths[i] = 30 end
        stub.ngram = function() return { order = 5, weight = 0.1, tokens = 100, longest = 30, lengths = lengths } end
        stub.score = nats(0)
        return stub
      end
      local _, few = generate.posts(trained_on(generate.CONTRAST_POSTS - 1), { n = 2, seed = 1, contrast = path, resample = 1 })
      local _, many = generate.posts(trained_on(generate.CONTRAST_POSTS), { n = 2, seed = 1, contrast = path, resample = 1 })
      assert.are.same({ 2, 1 }, { few.candidates, many.candidates })
      local missing = generate.posts(stub_model({}), { n = 1, contrast = dir .. '/none.twm' })
      assert.is_table(missing)   -- a model without a phrasing cache draws one candidate: no contrast
      m.ngram = function() return { order = 5, weight = 0.1, tokens = 100, longest = 20, lengths = { 6 } } end
      local none, err = generate.posts(m, { n = 1, contrast = dir .. '/none.twm', resample = 1 })
      assert.is_nil(none)
      assert.matches('cannot load the model to contrast with, .*none.twm', err)
      helper.rm_rf(dir)
    end)

    it('keeps posts in proportion to how much more a classifier takes them for the person\'s', function()
      local person = { 'our', 'workers', 'deserve', 'fair', 'wages', 'and', 'strong', 'unions' }
      local other = { 'our', 'fans', 'deserve', 'great', 'songs', 'and', 'loud', 'concerts' }
      local function post_of(words, k)
        local w = {}
        for j = 1, 6 do w[j] = words[1 + (k * 7 + j * 3) % #words] end
        return table.concat(w, ' ')
      end
      -- the model writes the person's words in every other post
      local function model()
        local drawn, m = 0, {}
        m.ngram = function() return { order = 5, weight = 0.1, tokens = 100, longest = 100, lengths = { 100 } } end
        m.ngram_posts = function(_, max)
          local out = {}
          for k = 1, math.min(max, 200) do out[k] = post_of(person, k) end
          return out
        end
        m.generate = function(_, o)
          local out = {}
          for i = 1, o.n do
            drawn = drawn + 1
            out[i] = post_of(drawn % 2 == 0 and person or other, drawn)
          end
          return out
        end
        return m
      end
      local function theirs(posts)
        local count = 0
        for _, p in ipairs(posts) do count = count + ((p:find('workers') or p:find('wages') or p:find('unions')) and 1 or 0) end
        return count
      end
      local bins = generate.LENGTH_BINS
      generate.LENGTH_BINS = 1   -- one quota: lengths are free below the longest
      finally(function() generate.LENGTH_BINS = bins end)
      local heard = {}
      local posts, stats = generate.posts(model(), { n = 30, seed = 4, resample = 3, candidates = 1,
        on_post = function(p) heard[#heard + 1] = p end })
      assert.are.equal(30, #posts)
      assert.are.same(posts, heard)
      assert.are.same({ 30, 3, generate.RESAMPLE_POOL }, { stats.requested, stats.resample, stats.pool })
      assert.is_true(theirs(posts) >= 27, theirs(posts) .. ' of 30 in the person\'s words')
      local counts = {}
      assert.are.same(posts, (generate.posts(model(), { n = 30, seed = 4, resample = 3, candidates = 1,
        on_drawn = function(count, total) counts[#counts + 1] = count .. '/' .. total end })))
      assert.are.same({ generate.RESAMPLE_POOL, '1/300', '300/300' }, { #counts, counts[1], counts[#counts] })
      -- a pool of R x n once that is more than the fewest
      local _, big = generate.posts(model(), { n = 120, seed = 4, resample = 3, candidates = 1 })
      assert.are.equal(360, big.pool)
      -- a large n a chunk at a time, each from a pool of its own
      local chunk = generate.RESAMPLE_CHUNK
      generate.RESAMPLE_CHUNK = 10
      finally(function() generate.RESAMPLE_CHUNK = chunk end)
      local streamed = {}
      local many, by_chunk = generate.posts(model(), { n = 25, seed = 4, resample = 3, candidates = 1,
        on_post = function(p) streamed[#streamed + 1] = p end })
      generate.RESAMPLE_CHUNK = chunk
      assert.are.same({ 25, 3 * generate.RESAMPLE_POOL }, { #many, by_chunk.pool })
      assert.are.same(many, streamed)
      assert.is_true(theirs(many) >= 22, theirs(many) .. ' of 25 in the person\'s words')
      local kept, unchosen = generate.posts(model(), { n = 30, seed = 4, resample = 1, candidates = 1 })
      assert.are.same({ 15, 1 }, { theirs(kept), unchosen.resample })
      -- the default for a model trained on RESAMPLE_POSTS posts or more; none for fewer, for
      -- plain or without a cache
      local function trained_on(count)
        local m = model()
        local lengths = {}
        for i = 1, count do lengths[i] = 100 end
        m.ngram = function() return { order = 5, weight = 0.1, tokens = 100, longest = 100, lengths = lengths } end
        return m
      end
      assert.are.equal(generate.RESAMPLE, select(2, generate.posts(trained_on(generate.RESAMPLE_POSTS),
        { n = 2, seed = 1, candidates = 1 })).resample)
      assert.are.equal(1, select(2, generate.posts(trained_on(generate.RESAMPLE_POSTS - 1),
        { n = 2, seed = 1, candidates = 1 })).resample)
      assert.are.equal(1, select(2, generate.posts(model(), { n = 2, seed = 1, plain = true })).resample)
      assert.are.equal(1, select(2, generate.posts(stub_model({}), { n = 2, seed = 1 })).resample)
      assert.error_matches(function() generate.posts(model(), { resample = 0 }) end, 'resample')
      assert.error_matches(function() generate.posts(model(), { resample = 17 }) end, 'resample')
    end)

    it('is what training leaves in the model, mixed in unless --ngram 0 or --plain', function()
      local dir = helper.tmpdir()
      local data = helper.write(dir .. '/p.txt', { 'abc def', 'gh fed cab', 'bad cafe', 'fade a bead' })
      local path = dir .. '/m.twm'
      assert(tweeter.train { data = data, model = path, hidden = 8, embed = 4, layers = 1,
                             steps = 2, valid_percent = 0, progress = false })
      local cache = assert(tweeter.load(path):ngram())
      local phrasing = require('tweeter.phrasing')
      assert.are.same({ phrasing.ORDER, phrasing.WEIGHT, 11 }, { cache.order, cache.weight, cache.longest })
      local _, default = helper.tweeter({ 'generate', path, '-n', '8', '--seed', '4' })
      local _, off = helper.tweeter({ 'generate', path, '-n', '8', '--seed', '4', '--ngram', '0' })
      local _, heavy = helper.tweeter({ 'generate', path, '-n', '8', '--seed', '4', '--ngram', '0.9' })
      assert.are_not.equal(default, heavy)
      assert.are_not.equal(off, heavy)
      local _, info = helper.tweeter({ 'info', path })
      assert.matches('phrasing cache: 5%-gram of %d+ characters of its training posts, weight 0.1\n', info)
      helper.rm_rf(dir)
    end)
  end)

  describe('posts', function()
    it('drops copies and generates more until n novel posts are found', function()
      local m = stub_model({ REF, 'a novel post', 'prefix ' .. REF:sub(1, 45), 'another\nnovel post' })
      local posts, stats = generate.posts(m, { n = 3, seed = 5, novel_against = { REF } })
      assert.are.equal(3, #posts)
      assert.are.equal('a novel post', posts[1])
      assert.are.equal('another novel post', posts[2]) -- one line each
      assert.are.equal(2, stats.dropped)
      assert.is_true(stats.rounds >= 2)
      assert.are.equal(5, m.calls[1].seed)
      assert.are.equal(6, m.calls[2].seed) -- each round its own seed, reproducibly
    end)

    it('stops at the round bound when every post is a copy', function()
      local m = { generate = function(_, o)
        local out = {}
        for i = 1, o.n do out[i] = REF end
        return out
      end }
      local posts, stats = generate.posts(m, { n = 2, novel_against = { REF }, max_rounds = 4 })
      assert.are.same({}, posts)
      assert.are.equal(4, stats.rounds)
      assert.are.equal(stats.generated, stats.dropped)
    end)

    it('reads the reference from a posts file, and reports an unreadable one', function()
      local dir = helper.tmpdir()
      local p = helper.write(dir .. '/ref.txt', { REF })
      local posts, stats = generate.posts(stub_model({ REF, 'fine' }), { n = 1, novel_against = p })
      assert.are.same({ 'fine' }, posts)
      assert.are.equal(1, stats.dropped)
      local none, err = generate.posts(stub_model({}), { novel_against = dir .. '/missing' })
      assert.is_nil(none)
      assert.matches('cannot read', err)
      helper.rm_rf(dir)
    end)

    -- A stand-in with a copy guard that remembers REF alone.
    local function guarded(queue)
      local m = stub_model(queue)
      m.info = function() return { remembered = utf8.len(REF) - 39 } end
      m.copies = function(_, text) return text:find(REF:sub(1, 40), 1, true) ~= nil end
      return m
    end

    it("drops copies of the model's training posts by default, and keeps them with allow_copies", function()
      local posts, stats = generate.posts(guarded({ REF, 'a novel post', 'x ' .. REF, 'another' }), { n = 2 })
      assert.are.same({ 'a novel post', 'another' }, posts)
      assert.are.same({ dropped = 2, generated = 4, rounds = 2, requested = 2, guard = true, too_long = 0, surplus = 0, candidates = 1, resample = 1 }, stats)
      posts, stats = generate.posts(guarded({ REF, 'a novel post' }), { n = 2, allow_copies = true })
      assert.are.same({ REF, 'a novel post' }, posts)
      assert.are.same({ dropped = 0, generated = 2, rounds = 1, requested = 2, guard = false, too_long = 0, surplus = 0, candidates = 1, resample = 1 }, stats)
      -- a model remembering nothing has no guard; neither has a stand-in without the methods
      local empty = guarded({ REF })
      empty.info = function() return { remembered = 0 } end
      posts, stats = generate.posts(empty, { n = 1 })
      assert.are.same({ { REF }, false }, { posts, stats.guard })
      posts, stats = generate.posts(stub_model({ REF }), { n = 1 })
      assert.are.same({ { REF }, false }, { posts, stats.guard })
    end)

    it('runs the rounds for the guard alone, and combines it with novel_against', function()
      local m = guarded({})
      m.generate = function(_, o)
        local out = {}
        for i = 1, o.n do out[i] = REF end
        return out
      end
      local posts, stats = generate.posts(m, { n = 2, max_rounds = 3 })
      assert.are.same({}, posts)
      assert.are.equal(3, stats.rounds)
      assert.are.equal(stats.generated, stats.dropped)
      local other = 'Another reference post, long enough to hold a window or two of its own'
      posts, stats = generate.posts(guarded({ REF, 'pre ' .. other, 'kept' }), { n = 1, novel_against = { other } })
      assert.are.same({ 'kept' }, posts)
      assert.are.equal(2, stats.dropped)
    end)

    it('raises on bad arguments', function()
      assert.has_error(function() generate.posts(nil) end)
      assert.has_error(function() generate.posts(stub_model({}), { n = 0 }) end)
      assert.has_error(function() generate.posts(stub_model({}), { novel_against = 5 }) end)
      assert.error_matches(function() generate.posts(stub_model({}), { allow_copies = 1 }) end,
        "bad option 'allow_copies' to 'posts' %(boolean expected, got 1%)")
    end)

    it('with a real model that memorised a post, drops its copies', function()
      local dir = helper.tmpdir()
      local post = 'the quick brown fox jumps over the lazy dog and keeps on running far away'
      local data = helper.write(dir .. '/one.txt', { post })
      local s = assert(tweeter.train{ data = data, model = dir .. '/mem.tw', hidden = 32, embed = 16,
        batch = 4, seq = 32, steps = 150, lr = 0.02 })
      assert.are.equal(150, s.steps)
      assert.are.equal(utf8.len(post) - 39, s.remembered)
      local model = assert(tweeter.load(dir .. '/mem.tw'))
      local idx = generate.index({ post })
      local plain = tweeter.generate(model, { n = 3, temperature = 0.2, seed = 1, allow_copies = true })
      -- the model repeats its one post, so a filter is needed
      assert.is_true(generate.copies(idx, plain[1]))
      -- its own copy guard drops them by default
      local kept, gstats = tweeter.generate(model, { n = 3, temperature = 0.2, seed = 1, max_rounds = 2 })
      assert.is_true(gstats.guard)
      assert.is_true(gstats.dropped >= 3)
      for _, p in ipairs(kept) do assert.is_false(generate.copies(idx, p)) end
      -- and so does novel_against, guard or no guard
      local posts, stats = tweeter.generate(model, { n = 3, temperature = 0.2, seed = 1, novel_against = data,
        max_rounds = 2, allow_copies = true })
      assert.is_true(stats.dropped >= 3)
      for _, p in ipairs(posts) do assert.is_false(generate.copies(idx, p)) end
      helper.rm_rf(dir)
    end)
  end)
end)

describe('temperature 0', function()
  local base = helper.root .. '/models/base.twm'

  it('is greedy: the argmax path, so the same post for any seed', function()
    local model = assert(tweeter.load(base))
    local a = tweeter.generate(model, { n = 2, temperature = 0, seed = 1, max_length = 60 })
    local b = tweeter.generate(model, { n = 2, temperature = 0, seed = 99, max_length = 60 })
    assert.are.same(a, b)
    assert.are.equal(a[1], a[2])
  end)

  it('is accepted by tweeter generate --temperature 0', function()
    local code1, out1, err1 = helper.tweeter({ 'generate', base, '--temperature', '0', '--top-p', '1',
      '--seed', '1', '--max-length', '60' })
    assert.are.equal(0, code1, err1)
    local code2, out2 = helper.tweeter({ 'generate', base, '--temperature', '0', '--top-p', '1',
      '--seed', '7', '--max-length', '60' })
    assert.are.equal(0, code2)
    assert.are.equal(out1, out2)
    assert.truthy(out1:match('%S'))
  end)
end)

describe('tweeter.generate of a loaded model', function()
  it('ends a post cut at max_length at its last word boundary', function()
    local m = assert(tweeter.load(helper.root .. '/models/base.twm'))
    local gen = { n = 30, max_length = 60, seed = 5, temperature = 0.8, top_p = 0.95, word_min_p = 0.1 }
    local kept = tweeter.generate(m, gen)
    local raw = m:generate(gen) -- the same seed: the same posts before the cut
    local cut = 0
    for k, p in ipairs(kept) do
      assert.is_true(utf8.len(p) <= 60)
      if p ~= raw[k] then
        cut = cut + 1
        assert.are.equal(60, utf8.len(raw[k]))
        assert.are.equal(p, raw[k]:sub(1, #p))
        assert.matches('^%s', raw[k]:sub(#p + 1), raw[k]) -- what was dropped starts at a space
        assert.is_true(utf8.len(p) > 30)
      end
    end
    assert.is_true(cut > 0)
  end)

  it('streams posts to on_post as they are made', function()
    local path = helper.untrained(helper.tmppath('.twm'))
    local m = assert(tweeter.load(path))
    os.remove(path)
    local seen = {}
    local list = tweeter.generate(m, { n = 70, seed = 1, on_post = function(p) seen[#seen + 1] = p end })
    assert.are.same(list, seen)
    assert.are.equal(70, #seen)
  end)
end)

describe('tweeter.generate of a freshly loaded model', function()
  local dir
  setup(function() dir = helper.tmpdir() end)
  teardown(function() helper.rm_rf(dir) end)

  it('tweeter.generate draws fresh posts on every call of a freshly loaded model, and repeats with seed', function()
    local model = helper.untrained(dir .. '/fresh_lua.twm')
    local opts = { n = 5, max_length = 40, temperature = 1, top_p = 1 }
    local a = tweeter.generate(assert(tweeter.load(model)), opts)
    local b = tweeter.generate(assert(tweeter.load(model)), opts)
    assert.are_not.same(a, b)
    local sa = tweeter.generate(assert(tweeter.load(model)), { n = 5, seed = 3 })
    local sb = tweeter.generate(assert(tweeter.load(model)), { n = 5, seed = 3 })
    assert.are.same(sa, sb)
  end)
end)
