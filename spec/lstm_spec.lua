-- The C core's math, for every cell of the cell table: numerical gradient checks for every
-- parameter block, post boundaries, and a tiny model that learns.
local core = require 'tweeter.core'
local helper = require 'helper'

-- The core computes in float32, so central differences use a step large enough to rise
-- above float rounding (1e-2 on weights of size ~0.5) and the loss is summed in double.
-- Tolerance: |numeric - analytic| <= 2e-3 + 3e-2 * |analytic|.
local STEP = 1e-2
local ABS_TOL, REL_TOL = 2e-3, 3e-2

local function loss_of(model, batch)
  return model:gradients(batch)
end

local function check_block(model, batch, block, indices)
  local worst = 0
  for _, i in ipairs(indices) do
    model:gradients(batch)
    local analytic = model:grad(block, i)
    local w = model:param(block, i)
    model:param(block, i, w + STEP)
    local up = loss_of(model, batch)
    model:param(block, i, w - STEP)
    local down = loss_of(model, batch)
    model:param(block, i, w)
    local numeric = (up - down) / (2 * STEP)
    local err = math.abs(numeric - analytic)
    assert(err <= ABS_TOL + REL_TOL * math.abs(analytic), string.format(
      '%s[%d]: analytic %.6g, numeric %.6g', block, i, analytic, numeric))
    worst = math.max(worst, err)
  end
  return worst
end

local function sample_indices(n, count)
  local out, step = {}, math.max(1, n // count)
  for i = 1, n, step do out[#out + 1] = i end
  return out
end

-- each cell's blocks of a layer (cell.c), named with the layer's number
local CELLS = { lstm = { 'w', 'b' }, gru = { 'w', 'b', 'bh' } }

local function blocks_of(cell, layers)
  local blocks = { 'embedding' }
  for l = 1, layers do
    for _, b in ipairs(CELLS[cell]) do blocks[#blocks + 1] = b .. l end
  end
  blocks[#blocks + 1] = 'output'
  blocks[#blocks + 1] = 'output_bias'
  return blocks
end

for _, cell in ipairs(core.cells()) do
  describe(cell .. ' backward', function()
    -- central differences need float32 products; the bf16 ones are checked against the
    -- float32 reference in kernels_spec.lua
    local before
    setup(function() before = select(2, core.precision()) core.set_precision('fp32') end)
    teardown(function() core.set_precision(before) end)

    -- odd sizes on purpose: E=3, H=5, two layers, two streams; posts of 2 to 5 characters so
    -- that post boundaries fall inside every stream of the batch
    local model = core.model{ cell = cell, embed = 3, hidden = 5, layers = 2, vocab = 'abcde',
      seed = 7 }
    local data = model:encode{ 'ab', 'cde', 'eabc', 'dd', 'abcde', 'ce', 'bad' }
    local batch = data:batches(2, 7)
    batch:next()

    for _, block in ipairs(blocks_of(cell, 2)) do
      it('matches central differences for ' .. block, function()
        local n = model:block_size(block)
        check_block(model, batch, block, sample_indices(n, 40))
      end)
    end

    it('matches central differences with batch 1 and a boundary in mid-batch', function()
      local m1 = core.model{ cell = cell, embed = 4, hidden = 3, layers = 1, vocab = 'xyz', seed = 3 }
      local b1 = m1:encode{ 'xy', 'zzx', 'y' }:batches(1, 9)
      b1:next()
      for _, block in ipairs(blocks_of(cell, 1)) do
        check_block(m1, b1, block, sample_indices(m1:block_size(block), 30))
      end
    end)
  end)

  describe(cell .. ' post boundaries', function()
    it('reset the recurrent state: a post scores the same whatever came before it', function()
      local m = core.model{ cell = cell, embed = 4, hidden = 8, layers = 2, vocab = 'abcdef', seed = 5 }
      local function total(posts)
        return (helper.evaluate_all(m, m:encode(posts):batches(1, 64, { wrap = false })))
      end
      local with_a = total{ 'abcabc', 'fedcba' } - total{ 'abcabc' }
      local with_b = total{ 'ffeedd', 'fedcba' } - total{ 'ffeedd' }
      assert.are.near(with_a, with_b, 1e-5)
    end)

    it('reset across batches too: the state carries within a post only', function()
      local m = core.model{ cell = cell, embed = 4, hidden = 8, layers = 1, vocab = 'abcdef', seed = 5 }
      local function total(posts, T)
        return helper.evaluate_all(m, m:encode(posts):batches(1, T, { wrap = false }))
      end
      -- the same text cut into batches of 3 or of 50 steps scores the same: the state carried
      -- between batches is exactly the state a single long batch would have
      local s3, c3 = total({ 'abcdefab', 'fed', 'cab' }, 3)
      local s50, c50 = total({ 'abcdefab', 'fed', 'cab' }, 50)
      assert.are.equal(c50, c3)
      assert.are.near(s50, s3, 1e-4)
    end)
  end)

  describe(cell .. ' training', function()
    it('takes a tiny model well below the uniform baseline', function()
      local words = { 'the cat sat', 'a dog ran', 'cats nap', 'dogs bark', 'the end' }
      local posts, vocab = {}, table.concat(words)
      for i = 1, 300 do posts[i] = words[i % #words + 1] .. ' ' .. words[(i * 3) % #words + 1] end
      local m = core.model{ cell = cell, embed = 8, hidden = 32, layers = 1, vocab = vocab, seed = 2 }
      m:set_lr(1e-2)
      local train = m:encode(posts)
      local batch = train:batches(8, 24)
      for _ = 1, 300 do
        batch:next()
        m:train_step(batch)
      end
      local valid = m:encode{ 'the cat sat a dog ran', 'dogs bark cats nap' }:batches(2, 32,
        { wrap = false })
      local sum, count = helper.evaluate_all(m, valid)
      local uniform = math.log(m:info().vocab_size)
      assert.is_true(sum / count < 0.5 * uniform,
        string.format('validation loss %.3f vs uniform %.3f', sum / count, uniform))
      for _, post in ipairs(m:generate{ n = 8, seed = 1 }) do
        assert.is_truthy(utf8.len(post), 'not valid UTF-8: ' .. post)
        assert.is_true(#post > 0)
      end
    end)

    it('updates with RMSprop as well as Adam', function()
      local m = core.model{ cell = cell, embed = 4, hidden = 8, layers = 1, vocab = 'ab', seed = 2 }
      m:set_optimizer{ name = 'rmsprop', lr = 1e-2 }
      local batch = m:encode{ 'abab', 'abab', 'abab' }:batches(1, 8)
      batch:next()
      local first = m:train_step(batch)
      local last
      for _ = 1, 60 do
        batch:next()
        last = m:train_step(batch)
      end
      assert.is_true(last < first * 0.7)
      assert.are.equal('rmsprop', m:info().optimizer)
    end)
  end)
end
