-- tweeter.evaluate: bits per character of a model on posts, every character and each post's
-- end predicted once.
local helper = require('helper')
local evaluate = require('tweeter.evaluate')

local POSTS = { 'a bad cafe', 'bead face', 'dead beef cab', 'café' }

describe('tweeter.evaluate', function()
  local dir, model
  setup(function()
    dir = helper.tmpdir()
    model = helper.trained_model({ vocab = 'abcdef ', embed = 4, hidden = 8, layers = 1, seed = 2 }, POSTS)
  end)
  teardown(function() helper.rm_rf(dir) end)

  it('predicts every character and each post end once, in bits per character', function()
    local r = evaluate.posts(model, POSTS)
    local chars = 0
    for _, p in ipairs(POSTS) do chars = chars + utf8.len(p) + 1 end
    assert.are.equal(chars, r.chars)
    assert.are.equal(#POSTS, r.posts)
    assert.are.equal(1, r.unknown) -- é is not in the vocabulary
    assert.are.equal(0, r.invalid)
    local nats, count = helper.evaluate_all(model,
      model:encode(POSTS):batches(evaluate.BATCH, evaluate.SEQ, { wrap = false }))
    assert.are.equal(count, r.chars)
    assert.is_true(math.abs(nats - r.nats) < 1e-6 * nats)
    assert.is_true(math.abs(r.bpc - r.nats / r.chars / math.log(2)) < 1e-12)
    -- a trained model does better than a uniform guess over its tokens
    assert.is_true(r.bpc < math.log(#model:vocab() + 2, 2), r.bpc)
    assert.error_matches(function() evaluate.posts(model, {}) end, 'non%-empty array of posts expected')
  end)

  it('reads the model and the posts from files, naming what it cannot read', function()
    local path = dir .. '/m.twm'
    assert(model:save(path))
    local posts = helper.write(dir .. '/posts.txt', POSTS)
    assert.are.same(evaluate.posts(model, POSTS), assert(evaluate.file(path, posts)))
    assert.are.same(evaluate.posts(model, POSTS), assert(evaluate.file(model, posts)))
    local ok, err = evaluate.file(dir .. '/none.twm', posts)
    assert.is_nil(ok)
    assert.matches('^cannot load model .*none%.twm: .*No such file or directory', err)
    ok, err = evaluate.file(model, dir .. '/none.txt')
    assert.is_nil(ok)
    assert.matches('none%.txt: No such file or directory', err)
    assert.error_matches(function() evaluate.file(42, posts) end, 'tweeter.Model or path expected, got number')
    assert.error_matches(function() evaluate.file(model, 42) end, 'string expected, got number')
  end)
end)
