local tweeter = require('tweeter')
local corpus = require('tweeter.corpus')
local quiz = require('tweeter.quiz')
local helper = require('helper')

-- Posts long enough for the copy guard (40 characters or more): two synthetic posts each.
local function long_posts(n, seed)
  local short = helper.posts(2 * n, seed)
  local out = {}
  for k = 1, n do out[k] = short[2 * k - 1] .. ' ' .. short[2 * k] end
  return out
end

-- A player reading the game's output: the posts shown, and answers from `answer(text)`
-- (a line) for each.
local function player(answer)
  local shown, said = {}, {}
  local p = { shown = shown, text = said }
  function p.output(s)
    said[#said + 1] = s
    local text = s:match('^\n%d+/%d+: (.*)\nreal or fake%? $')
    if text then shown[#shown + 1] = text end
  end
  function p.input() return answer(shown[#shown]) end
  return p
end

local function set_of(list)
  local s = {}
  for _, x in ipairs(list) do s[x] = true end
  return s
end

describe('tweeter quiz', function()
  local dir, data, model_path, model, valid, other_path, other
  setup(function()
    dir = helper.tmpdir()
    data = helper.write(dir .. '/me.txt', long_posts(120, 3))
    model_path = dir .. '/me.twm'
    assert(tweeter.train({ data = data, model = model_path, steps = 3, embed = 8, hidden = 16, layers = 1,
      seed = 4, progress = false, samples = 0 }))
    model = assert(tweeter.load(model_path))
    local posts = assert(corpus.read(data))
    valid = select(2, corpus.split(posts, { seed = 4,
      valid_percent = require('tweeter.train').valid_percent_for(#posts) }))
    other = long_posts(30, 99)
    other_path = helper.write(dir .. '/other.txt', other)
  end)
  teardown(function() helper.rm_rf(dir) end)

  it('shows only the validation posts of the model\'s own training file, all of another file\'s', function()
    local real, own = quiz.real_posts(model, assert(corpus.read(data)))
    assert.is_true(own)
    assert.are.same(valid, real)
    real, own = quiz.real_posts(model, other)
    assert.is_false(own)
    assert.are.same(other, real)
  end)

  it('plays through input and output: n real and n generated posts, the score, the real ones', function()
    local real = set_of(valid)
    -- a perfect player: the real posts are exactly the validation posts
    local p = player(function(text) return real[text] and 'r' or 'f' end)
    local result = assert(tweeter.quiz(model, { real = data, n = 3, seed = 5, input = p.input, output = p.output }))
    assert.are.equal(6, result.total)
    assert.are.equal(6, result.answered)
    assert.are.equal(6, result.right)
    assert.are.equal(6, #p.shown)
    local reals = 0
    for k, post in ipairs(result.posts) do
      assert.are.equal(post.text, p.shown[k])
      assert.are.equal(post.real, real[post.text] == true)
      if post.real then reals = reals + 1 end
    end
    assert.are.equal(3, reals)
    local all = table.concat(p.text)
    assert.matches('\n6/6 right, 100 %\n', all, 1, true)
    assert.matches('The real posts:\n', all, 1, true)
    for k, post in ipairs(result.posts) do
      if post.real then assert.matches(('  %d (you said real): %s\n'):format(k, post.text), all, 1, true) end
    end

    -- the same seed gives the same game; answering "real" to all gets the real half right
    local q = player(function() return 'r' end)
    local again = assert(tweeter.quiz(model, { real = data, n = 3, seed = 5, input = q.input, output = q.output }))
    assert.are.same(p.shown, q.shown)
    assert.are.equal(3, again.right)
    assert.matches('\n3/6 right, 50 %\n', table.concat(q.text), 1, true)
  end)

  it('asks again after an answer that is neither r nor f, and stops where the input ends', function()
    local lines = { 'maybe', ' R ', 'FAKE' }
    local k = 0
    local said = {}
    local result = assert(quiz.run(model, { real = other_path, n = 2, seed = 1,
      input = function() k = k + 1; return lines[k] end,
      output = function(s) said[#said + 1] = s end }))
    local all = table.concat(said)
    assert.matches('answer r (real) or f (fake): ', all, 1, true)
    assert.are.equal(2, result.answered)
    assert.are.equal(4, result.total)
    assert.is_true(result.posts[1].answer)
    assert.is_false(result.posts[2].answer)
    assert.is_nil(result.posts[3].answer)
    assert.matches('(input ended: stopped after 2 of 4)', all, 1, true)
    assert.matches(('\n%d/2 right, '):format(result.right), all, 1, true)
    -- every real post is one of the other file's
    local from = set_of(other)
    for _, post in ipairs(result.posts) do
      if post.real then assert.is_true(from[post.text]) end
    end
  end)

  it('needs the real posts, and checks its options', function()
    local ok, msg = quiz.run(model, {})
    assert.is_nil(ok)
    assert.matches('does not record the posts file it was trained on', msg)
    assert.are.same({ nil, 'no real posts given' }, { quiz.run(model, { real = {} }) })
    ok, msg = quiz.run(model, { real = dir .. '/missing.txt' })
    assert.is_nil(ok)
    assert.matches('missing.txt', msg)
    assert.has_error(function() quiz.run(model, { real = data, n = 0 }) end,
      "bad option 'n' to 'quiz' (integer from 1 to 10000 expected, got 0)")
    assert.has_error(function() quiz.run(model, { real = data, rounds = 2 }) end)
    assert.has_error(function() quiz.run('me.twm', { real = data }) end,
      "bad argument #1 to 'quiz' (tweeter.Model expected, got string)")
  end)

  describe('the command', function()
    it('plays on standard input and prints the score and the real posts', function()
      local code, out, err = helper.tweeter({ 'quiz', model_path, '--real', data, '-n', '2', '--seed', '3' },
        'r\nr\nr\nr\n')
      assert.are.equal(0, code, err)
      assert.matches('Which is real%? 4 posts: 2 by the person, 2 by the model', out)
      assert.matches('\n2/4 right, 50 %%\n', out)
      local real = set_of(valid)
      local listed = 0
      for text in out:gmatch('\n  %d %(you said real%): ([^\n]*)') do
        assert.is_true(real[text], text)
        listed = listed + 1
      end
      assert.are.equal(2, listed)
    end)

    it('refuses to start without --real', function()
      local code, _, err = helper.tweeter({ 'quiz', model_path })
      assert.are.equal(2, code)
      assert.matches("tweeter quiz: option '%-%-real' is required", err)
      code = helper.tweeter({ 'quiz', model_path, '--real', data, '-n', '0' })
      assert.are.equal(2, code)
    end)

    it('is in --help', function()
      local _, top = helper.tweeter({ '--help' })
      assert.matches('\n  quiz +a game: tell the person\'s real posts from the model\'s\n', top)
      local _, help = helper.tweeter({ 'quiz', '--help' })
      assert.matches('usage: tweeter quiz MODEL %-%-real FILE %[%-n N%] %[%-%-seed S%]', help)
      assert.matches('a model does not record its posts file', help)
    end)
  end)
end)
