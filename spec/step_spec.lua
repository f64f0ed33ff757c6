-- The sampling path (the cell's step, one stream a step) against the training path (the
-- cell's forward over the whole sequence): the same next-character distributions, for every
-- cell of the cell table.
local core = require 'tweeter.core'
local helper = require 'helper'

local TOLERANCE = 1e-5

local function worst_difference(model, post)
  local a = model:probabilities(post, 'forward')
  local b = model:probabilities(post, 'step')
  assert.are.equal(utf8.len(post) + 1, #a)
  assert.are.equal(#a, #b)
  local worst = 0
  for t = 1, #a do
    local sum = 0
    for v = 1, #a[t] do
      worst = math.max(worst, math.abs(a[t][v] - b[t][v]))
      sum = sum + a[t][v]
    end
    assert.is_true(math.abs(sum - 1) < 1e-4, 'a distribution sums to ' .. sum)
  end
  return worst
end

local trained = helper.trained_model

local POSTS = { 'hello world!', 'the cat sat on the mat', 'déjà vu 😀', 'a', 'zz top' }

describe('the sampling step and the training pass', function()
  -- float32 products on both paths; the bf16 path has its own, looser check below
  local before
  setup(function() before = select(2, core.precision()); core.set_precision('fp32') end)
  teardown(function() core.set_precision(before) end)

  for _, cell in ipairs(core.cells()) do
    it('give the same distributions for one to three layers and several sizes: ' .. cell, function()
      for _, cfg in ipairs({
        { embed = 3, hidden = 5, layers = 1 },
        { embed = 8, hidden = 16, layers = 2 },
        { embed = 16, hidden = 7, layers = 3 },
        { embed = 32, hidden = 96, layers = 2 },
        { embed = 24, hidden = 257, layers = 1 },
      }) do
        cfg.cell = cell
        cfg.vocab = table.concat(POSTS)
        cfg.seed = cfg.hidden
        local model = trained(cfg, POSTS)
        for _, post in ipairs({ 'the cat', 'déjà vu 😀 hello', 'unknown: XQJ' }) do
          local worst = worst_difference(model, post)
          assert.is_true(worst <= TOLERANCE, ('E=%d H=%d L=%d %q: %.3g'):format(cfg.embed,
            cfg.hidden, cfg.layers, post, worst))
        end
      end
    end)
  end

  it('train the same model on one thread and on two, the element-wise work split or not', function()
    -- at two threads the first calls of each step's element-wise work alternate between the
    -- pool and one thread (timed, tw_parallel_rows), so both ways run within these steps
    local saved = core.get_threads()
    local models = {}
    for _, threads in ipairs({ 1, 2 }) do
      core.set_threads(threads)
      for _, cell in ipairs(core.cells()) do
        local model = core.model({ cell = cell, embed = 8, hidden = 40, layers = 2,
          vocab = table.concat(POSTS), seed = 9 })
        local batch = model:encode(POSTS):batches(8, 16, { wrap = true }) -- 4 streams a thread
        for _ = 1, 5 do
          batch:next()
          model:train_step(batch)
        end
        models[threads .. cell] = model
      end
    end
    core.set_threads(saved)
    for _, cell in ipairs(core.cells()) do
      local one, two = models['1' .. cell], models['2' .. cell]
      for _, block in ipairs({ 'embedding', 'output', 'output_bias' }) do
        for i = 1, one:block_size(block) do
          local a, b = one:param(block, i), two:param(block, i)
          assert.is_true(math.abs(a - b) <= 1e-4 * (1 + math.abs(a)), ('%s %s[%d]: %g against %g'):format(
            cell, block, i, a, b))
        end
      end
    end
  end)

  it('agree within bf16 rounding when the products run in bf16', function()
    local here = core.set_precision('bf16')
    if here ~= 'bf16' then
      core.set_precision('fp32')
      pending('no bf16 units or no oneDNN here: ' .. tostring(select(2, core.set_precision('bf16'))))
      return
    end
    local worst = {}
    for _, cell in ipairs(core.cells()) do
      local model = trained({ cell = cell, embed = 32, hidden = 96, layers = 2, vocab = table.concat(POSTS),
        seed = 5 }, POSTS)
      worst[cell] = worst_difference(model, 'déjà vu 😀 hello')
    end
    core.set_precision('fp32')
    -- bf16 keeps 8 bits of mantissa: a probability may move by a few parts in a hundred
    for cell, w in pairs(worst) do assert.is_true(w <= 0.05, ('bf16 %s: %.3g'):format(cell, w)) end
  end)

  it('start every post from a reset state, whatever came before', function()
    for _, cell in ipairs(core.cells()) do
      local model = trained({ cell = cell, embed = 8, hidden = 16, layers = 2, vocab = table.concat(POSTS) },
        POSTS)
      local first = model:probabilities('the cat', 'step')
      model:probabilities('a long post before it, on the same model', 'forward')
      local again = model:probabilities('the cat', 'step')
      assert.are.same(first, again)
    end
  end)

  it('checks its arguments', function()
    local model = core.model { vocab = 'ab', embed = 2, hidden = 2, layers = 1 }
    assert.error_matches(function() model:probabilities('ab', 'sideways') end, "invalid option 'sideways'")
    assert.error_matches(function() model:probabilities('\255', 'step') end, 'not valid UTF%-8')
    assert.error_matches(function() model:probabilities(('a'):rep(5000), 'step') end, 'longer than 4096')
    assert.error_matches(function() model:probabilities({}, 'step') end, 'string expected')
  end)
end)
