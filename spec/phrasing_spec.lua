-- tweeter.phrasing: the phrasing cache training gives a model, and its weight fitted on
-- held-out posts.
local phrasing = require('tweeter.phrasing')
local core = require('tweeter.core')
local helper = require('helper')

local POSTS = { 'the cat sat on the mat', 'the mat sat on the cat', 'a cat on a mat' }
local HELD_OUT = { 'the cat sat on a mat', 'a mat on the cat' }

local function untrained()
  return core.model{ embed = 4, hidden = 8, layers = 1, vocab = 'abcdefghijklmnopqrstuvwxyz ', seed = 5 }
end

describe('tweeter.phrasing', function()
  it('gives a model a cache of the posts at the default weight, or none past what a cache counts', function()
    local m = untrained()
    assert.is_true(phrasing.set(m, POSTS))
    assert.are.same({ phrasing.ORDER, phrasing.WEIGHT }, { m:ngram().order, m:ngram().weight })
    assert.is_false(phrasing.set(m, { string.rep('a', 1 << 22) }))
    assert.is_nil(m:ngram())
  end)

  it('picks the weight that gives the fewest bits on the held-out posts', function()
    local m = untrained()
    phrasing.set(m, POSTS)
    local nats = m:mixture_nats(HELD_OUT, phrasing.WEIGHTS)
    local best = phrasing.best_weight(m, HELD_OUT)
    for k, w in ipairs(phrasing.WEIGHTS) do
      if w == best then assert.are.equal(math.min(table.unpack(nats)), nats[k]) end
    end
    -- an untrained model's guesses are uniform: the posts' own counts earn the most weight
    assert.are.equal(phrasing.WEIGHTS[#phrasing.WEIGHTS], best)
    -- one forward pass a post: the sums are those of the per-character losses
    local sum = 0
    for _, post in ipairs(HELD_OUT) do
      for _, l in ipairs(m:losses(post, 0.2)) do sum = sum + l end
    end
    assert.are.near(sum, m:mixture_nats(HELD_OUT, { 0.2 })[1], 1e-6)
  end)

  it('writes the fitted weight into a model file, and says when there is nothing to fit', function()
    local dir = helper.tmpdir()
    local m = untrained()
    phrasing.set(m, POSTS)
    assert(m:save(dir .. '/m.twm'))
    local top = phrasing.WEIGHTS[#phrasing.WEIGHTS]
    assert.are.equal(top, phrasing.fit_file(dir .. '/m.twm', HELD_OUT))
    assert.are.equal(top, assert(core.load(dir .. '/m.twm')):ngram().weight)
    assert(untrained():save(dir .. '/plain.twm'))
    assert.is_false(phrasing.fit_file(dir .. '/plain.twm', HELD_OUT))
    local none, err = phrasing.fit_file(dir .. '/missing.twm', HELD_OUT)
    assert.is_nil(none)
    assert.matches('missing.twm', err)
    helper.rm_rf(dir)
  end)
end)
