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

    it('raises on bad arguments', function()
      assert.has_error(function() generate.posts(nil) end)
      assert.has_error(function() generate.posts(stub_model({}), { n = 0 }) end)
      assert.has_error(function() generate.posts(stub_model({}), { novel_against = 5 }) end)
    end)

    it('with a real model that memorised a post, drops its copies', function()
      local dir = helper.tmpdir()
      local data = helper.write(dir .. '/one.txt', { 'the quick brown fox jumps over the lazy dog and keeps on running far away' })
      local s = assert(tweeter.train{ data = data, model = dir .. '/mem.tw', hidden = 32, embed = 16,
        batch = 4, seq = 32, steps = 150, lr = 0.02 })
      assert.are.equal(150, s.steps)
      local model = assert(tweeter.load(dir .. '/mem.tw'))
      local plain = tweeter.generate(model, { n = 3, temperature = 0.2, seed = 1 })
      -- the model repeats its one post, so a filter is needed
      assert.is_true(generate.copies(generate.index({ 'the quick brown fox jumps over the lazy dog and keeps on running far away' }), plain[1]))
      local posts, stats = tweeter.generate(model, { n = 3, temperature = 0.2, seed = 1, novel_against = data, max_rounds = 2 })
      assert.is_true(stats.dropped >= 3)
      for _, p in ipairs(posts) do
        assert.is_false(generate.copies(generate.index({ 'the quick brown fox jumps over the lazy dog and keeps on running far away' }), p))
      end
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
