local q = require('tweeter.quality')
local core = require('tweeter.core')
local helper = require('helper')
local cjson = require('cjson')

local LN2 = math.log(2)

describe('tweeter.quality', function()
  it('splits words: letters only, lower-cased, without URLs, mentions and hashtags', function()
    assert.are.same({ "don't", 'stop', 'me', 'now', 'café', 'naïve', 'x', 'quoted' },
      q.words("Don't STOP me now!! @queen #rock https://t.co/AbC12 café, naïve x 42 'quoted"))
    assert.are.same({ 'quoted' }, q.words("'quoted'"))
    assert.are.same({ 'नमस्ते', 'भारत' }, q.words('नमस्ते भारत 🙏'))
    -- the danda ends a sentence and Devanagari digits are digits: neither is part of a word
    assert.are.same({ 'है', 'ठीक', 'साल' }, q.words('है।ठीक॥ २०१४ साल'))
    assert.are.same({}, q.words('\255 not utf8'))
  end)

  it('counts the real-word rate over words of two or more letters', function()
    local lex = q.lexicon({ 'the cat sat', 'on the mat' })
    -- words: the cat sax on a(1 letter, not counted) mxt -> 3 of 5 known
    local rate, n = q.real_word_rate({ 'The cat sax', 'on a mxt' }, lex)
    assert.are.equal(5, n)
    assert.are.equal(3 / 5, rate)
    assert.is_nil((q.real_word_rate({ 'a 1 2 !' }, lex)))
  end)

  it('finds near-copies: 40 or more characters shared with a training post', function()
    local train = { 'this training post is long enough to hold forty characters easily', 'short' }
    local run39, run40 = 'this training post is long enough to ho', ' training post is long enough to hold fo'
    assert.are.equal(39, #run39)
    assert.are.equal(40, #run40)
    local shared39 = 'xxxxx' .. run39
    local shared40 = 'prefix:' .. run40
    local rate, which = q.near_copy_rate({ shared39, shared40, 'short' }, train)
    assert.are.same({ 2 }, which)
    assert.are.equal(1 / 3, rate)
    -- counted in characters, not bytes
    local emoji = ('😀'):rep(40)
    assert.are.same({ 1 }, select(2, q.near_copy_rate({ emoji }, { 'a' .. emoji })))
    assert.are.same({}, select(2, q.near_copy_rate({ ('😀'):rep(39) }, { emoji })))
  end)

  it('computes distinct-2 and the mean length', function()
    -- bigrams: "a b", "b a", "a b" | "a b" -> 2 distinct of 4
    assert.are.equal(0.5, q.distinct2({ 'a b a B', 'A b' }))
    assert.is_nil(q.distinct2({ 'one', 'two' }))
    assert.are.equal(2.5, q.mean_length({ 'ab', 'çé😀' }))
  end)

  it('finds URL spans', function()
    assert.are.same({ { 5, 21 }, { 27, 37 } }, q.url_spans('see https://t.co/abcd and www.x.org/a now'))
  end)

  it('scores static bits per character, with URLs masked when asked', function()
    -- a scorer that gives every prediction 1 nat, and 10 nats inside a URL
    local function losses(post)
      local out, spans, k = {}, q.url_spans(post), 0
      for p in utf8.codes(post) do
        k = k + 1
        local in_url = false
        for _, s in ipairs(spans) do if p >= s[1] and p <= s[2] then in_url = true end end
        out[k] = in_url and 10 or 1
      end
      out[k + 1] = 1   -- the end of the post
      return out
    end
    local posts = { 'ab http://x', 'cd' }   -- 11 + 1 and 2 + 1 predictions; 8 in the URL
    local bpc, n = q.static_bpc(losses, posts)
    assert.are.equal(15, n)
    assert.is_true(math.abs(bpc - (7 + 80) / 15 / LN2) < 1e-12)
    bpc, n = q.static_bpc(losses, posts, { mask_urls = true })
    assert.are.equal(7, n)
    assert.is_true(math.abs(bpc - 1 / LN2) < 1e-12)
  end)

  it('scores a Witten-Bell n-gram as ngram_bpc.py defines it', function()
    -- order 0 on "ab": counts a=1 b=1 end=1, 3 types; alphabet {a, b, end} so V = 4
    -- p(x) = lam * c(x)/3 + (1 - lam) / 4 with lam = 3 / (3 + 3) = 1/2
    local score = q.ngram({ 'ab' }, 0)
    local l = score('aa')
    assert.are.equal(3, #l)
    local pa = 0.5 * 1 / 3 + 0.5 / 4
    assert.is_true(math.abs(l[1] + math.log(pa)) < 1e-12)
    assert.is_true(math.abs(l[3] + math.log(pa)) < 1e-12)   -- the end mark, same count
    -- an unseen character still gets the uniform share
    assert.is_true(math.abs(score('z')[1] + math.log(0.5 / 4)) < 1e-12)
  end)

  it('scores a model from a reset state, as evaluate does', function()
    local model = core.model { vocab = 'abc ', embed = 3, hidden = 4, layers = 1, seed = 3 }
    local posts = { 'abc', 'c b a', 'zz' }
    -- float32 products: the kernel of each shape is chosen by timing, and in bf16 the two
    -- shapes (one post, a batch of them) may round differently
    local before = select(2, core.precision())
    core.set_precision('fp32')
    local bpc, n = q.static_bpc(function(p) return model:losses(p) end, posts)
    local ev = require('tweeter.evaluate').posts(model, posts)
    core.set_precision(before)
    assert.are.equal(4 + 6 + 3, n)
    assert.is_true(math.abs(bpc - ev.bpc) < 1e-6)
  end)

  -- a stream of given numbers as `random`
  local function numbers(list)
    local k = 0
    return function() k = k % #list + 1; return list[k] end
  end

  it('samples a Markov chain by the counts of what follows each context', function()
    -- after the start: 'a' always; after 'a': 'b' twice, 'c' once; after 'b' or 'c': the end
    local chain = q.markov({ 'ab', 'ac', 'ab' }, 1)
    -- the continuations in order of first appearance share [0, 1) by their counts
    assert.are.equal('ab', chain(numbers({ 0.6 })))
    assert.are.equal('ab', chain(numbers({ 0.66 })))
    assert.are.equal('ac', chain(numbers({ 0.67 })))
    -- a longer context: each of these posts is the only way through its contexts
    local long = q.markov({ 'héllo wörld 😀', 'abcdef' }, 4)
    local seen = {}
    for _ = 1, 20 do seen[long(math.random)] = true end
    assert.are.same({ ['héllo wörld 😀'] = true, ['abcdef'] = true }, seen)
  end)

  it('stops a Markov chain that loops at max_length', function()
    -- after 'a': 'a' three times in four, the end once; 0 always picks 'a'
    local chain = q.markov({ 'aaaa' }, 1)
    assert.are.equal(('a'):rep(10), chain(numbers({ 0 }), 10))
    assert.are.equal(1000, #chain(numbers({ 0 })))
    assert.are.equal('a', chain(numbers({ 0, 0.9 })))
  end)

  it('attributes a post to the person whose n-gram model gives it the fewest bits', function()
    local judge = q.judge({ cats = { 'the cat sat on the mat', 'a cat and a hat' },
                            dogs = { 'dog goes woof', 'good dog, good boy' } })
    assert.are.equal('cats', judge('that cat sat'))
    assert.are.equal('dogs', judge('woof good dog'))
    assert.are.equal(2 / 3, q.attribution(judge, { 'the cat', 'a hat on a mat', 'good boy' }, 'cats'))
    assert.are.equal(0, q.attribution(judge, {}, 'cats'))
  end)

  describe('scripts/detect.py (needs python3-sklearn: scripts/deps.sh)', function()
    local dir
    before_each(function() dir = helper.tmpdir() end)
    after_each(function() helper.rm_rf(dir) end)

    local function detect(...)
      local args = {}
      for k, a in ipairs({ ... }) do args[k] = helper.quote(a) end
      local code, out, err = helper.run('/usr/bin/python3 scripts/detect.py ' .. table.concat(args, ' '))
      local results = {}
      if code == 0 then
        for line in out:gmatch('[^\n]+') do results[#results + 1] = cjson.decode(line) end
      end
      return code, results, err
    end

    local function posts(fmt, n)
      local list = {}
      for k = 1, n do list[k] = fmt:format(k, (k * 7919) % 13) end
      return list
    end

    it('tells posts of another kind apart, and not two samples of the same kind', function()
      local real = helper.write(dir .. '/real.txt', posts('the cat sat on mat %d, purring %d times', 40))
      local again = helper.write(dir .. '/again.txt', posts('the cat sat on mat %d, purring %d times', 40))
      -- JSON Lines, as tweeter fetch writes, and more posts than the real file: 40 are used
      local records = {}
      for k, p in ipairs(posts('SHOUTING ABOUT DOGS #%d!!! WOOF x%d', 60)) do
        records[k] = cjson.encode({ id = tostring(k), text = p })
      end
      local other = helper.write(dir .. '/other.jsonl', records)
      local code, results, err = detect(real, other, again)
      assert.are.equal(0, code, err)
      assert.are.equal(2, #results)
      assert.are.equal(other, results[1].other)
      assert.are.equal(40, results[1].posts)
      assert.are.equal(1, results[1].accuracy)
      assert.are.equal(1, results[1].auc)
      -- the same posts on both sides: no better than chance
      assert.is_true(results[2].accuracy <= 0.6, tostring(results[2].accuracy))
      assert.is_true(results[2].auc <= 0.6, tostring(results[2].auc))
    end)

    it('takes at most --max posts of each file, and refuses too few for the folds', function()
      local real = helper.write(dir .. '/real.txt', posts('a post %d about %d things', 30))
      local other = helper.write(dir .. '/other.txt', posts('ANOTHER %d ONE %d', 30))
      local code, results, err = detect(real, other, '--max', '12', '--shuffles', '1')
      assert.are.equal(0, code, err)
      assert.are.equal(12, results[1].posts)
      local few = helper.write(dir .. '/few.txt', { 'one', 'two', 'three' })
      code, results, err = detect(real, few)
      assert.are_not.equal(0, code)
      assert.are.same({}, results)
      assert.matches('need at least 5 posts each', err)
    end)
  end)
end)
