-- The optimised kernels (BLAS products, fused gates, softmax) against a plain reference: a
-- straightforward Lua implementation of the model's forward pass, loss and analytic backward
-- in double precision, written from the model's definition rather than from the C code:
--
--   x = embedding[token];  for each layer: [i f g o] = [x h_prev]·W + b   (W is (In+H, 4H),
--   x rows first), i f o sigmoid, g tanh, c = f*c_prev + i*g, h = o*tanh(c), x = h;
--   the state of every layer is zero wherever the INPUT token is end-of-post (0);
--   logits = h·Wyᵀ + by (Wy is (V,H)); loss = mean cross-entropy over the B*T targets.
--
-- Tolerance: the core computes in float32 (summing the loss in double), the reference in
-- double. Loss: relative 1e-5. Gradients, every entry of every block:
-- |core - reference| <= 1e-6 + 1e-4 * max|reference| over the block.
-- The same cases run again through the bf16 products where the machine has them: their
-- inputs keep 8 significant bits (relative rounding 2^-9), so the loss within relative 1e-2
-- and each gradient within 1e-3 + 3e-2 * max|reference| (measured here: errors up to
-- 3e-4, or 7e-3 of the block's largest gradient).
local core = require 'tweeter.core'
local ref = require 'lstm_reference'

local FP32 = { loss_rel = 1e-5, grad_abs = 1e-6, grad_rel = 1e-4 }
local BF16 = { loss_rel = 1e-2, grad_abs = 1e-3, grad_rel = 3e-2 }

-- ===== building the batch the core will see =====

-- A deterministic generator (the specs must not depend on math.random's state).
local function rng(seed)
  local x = seed
  return function(n)
    x = (x * 1103515245 + 12345) % 2147483648
    return x % n + 1
  end
end

-- B groups of exactly G tokens each: several posts (each its characters then end-of-post).
-- Streams start at post boundaries spread evenly over the data, so with equal groups stream b
-- starts at the end-of-post before group b and its first batch of T = G steps reads tokens
-- [b*G, b*G + G - 1] and predicts [b*G + 1, b*G + G]: post boundaries fall inside the batch.
local function make_posts(alphabet, B, G, rnd, unknown)
  local posts = {}
  for _ = 1, B do
    local left = G
    while left > 0 do
      -- a post of n characters takes n + 1 tokens; keep at least two posts per group
      local n = left - 1
      if left >= 4 then n = rnd(math.max(1, left // 2 - 1)) end
      local chars = {}
      for k = 1, n do
        local p = rnd(#alphabet)
        chars[k] = alphabet:sub(p, p)
      end
      if unknown and #posts == 1 then chars[1] = unknown end
      posts[#posts + 1] = table.concat(chars)
      left = left - (n + 1)
    end
  end
  return posts
end

-- ===== the comparison =====

local function check_case(c, tol)
  tol = tol or FP32
  local rnd = rng(c.seed)
  local alphabet = c.alphabet or 'abcdefgh'
  local model = core.model{ embed = c.E, hidden = c.H, layers = c.L, dropout = 0,
                            seed = c.seed, vocab = alphabet }
  local V = model:info().vocab_size
  local posts = make_posts(alphabet, c.B, c.T, rnd, c.unknown)
  local toks, n = ref.tokens_of(model, posts)
  assert.are.equal(c.B * c.T, n)
  local data = model:encode(posts)
  assert.are.equal(n + 1, data:tokens())
  local batch = data:batches(c.B, c.T)
  assert.is_true(batch:next())

  local streams, boundaries = {}, 0
  for b = 0, c.B - 1 do
    local s = { inputs = {}, targets = {} }
    for t = 0, c.T - 1 do
      s.inputs[t + 1] = toks[b * c.T + t]
      s.targets[t + 1] = toks[b * c.T + t + 1]
      if t > 0 and s.inputs[t + 1] == 0 then boundaries = boundaries + 1 end
    end
    streams[b + 1] = s
  end
  if c.T >= 4 then assert.is_true(boundaries > 0, 'a post boundary inside the batch') end

  local cfg = { V = V, E = c.E, H = c.H, L = c.L }
  local P = ref.read_params(model, c.L)
  local ref_loss, ref_grads = ref.reference(P, streams, cfg)
  local loss = model:gradients(batch)
  assert(math.abs(loss - ref_loss) <= tol.loss_rel * math.abs(ref_loss), string.format(
    'loss: core %.9g, reference %.9g', loss, ref_loss))

  local worst = 0
  for name, g in pairs(ref_grads) do
    local scale = 0
    for i = 1, #g do scale = math.max(scale, math.abs(g[i])) end
    local limit = tol.grad_abs + tol.grad_rel * scale
    for i = 1, #g do
      local got = model:grad(name, i)
      local err = math.abs(got - g[i])
      assert(err <= limit, string.format('%s[%d]: core %.9g, reference %.9g (tolerance %.3g)',
                                         name, i, got, g[i], limit))
      worst = math.max(worst, err / (scale > 0 and scale or 1))
    end
  end
  return worst
end

local CASES = {
  { 'B=1, odd H, one layer, with post boundaries inside the batch',
    { seed = 11, B = 1, T = 13, E = 3, H = 5, L = 1 } },
  { 'several streams and two layers', { seed = 12, B = 3, T = 11, E = 4, H = 7, L = 2 } },
  { 'three layers, H = 1 and a character the vocabulary lacks',
    { seed = 13, B = 2, T = 9, E = 2, H = 1, L = 3, unknown = 'Z' } },
  { 'three layers with E > H', { seed = 14, B = 2, T = 10, E = 9, H = 4, L = 3 } },
  -- one stream, 4H = 160: the single-row products span a whole 128-column block of the
  -- bf16 matrix-vector kernel and a remainder
  { 'B=1 and H=40', { seed = 16, B = 1, T = 7, E = 5, H = 40, L = 2 } },
  { 'a longer alphabet and a long stream',
    { seed = 15, B = 1, T = 40, E = 6, H = 9, L = 2,
      alphabet = 'abcdefghijklmnopqrstuvwxyz .,!?' } },
}

local function random_cases(tol)
  local rnd = rng(2024)
  for k = 1, 6 do
    local c = { seed = 100 + k, B = rnd(4), T = 3 + rnd(12), E = rnd(8), H = rnd(11),
                L = rnd(3) }
    local ok, err = pcall(check_case, c, tol)
    assert(ok, ('B=%d T=%d E=%d H=%d L=%d: %s'):format(c.B, c.T, c.E, c.H, c.L,
                                                        tostring(err)))
  end
end

describe('the optimised kernels against the plain Lua reference', function()
  local before
  setup(function() before = select(2, core.precision()) core.set_precision('fp32') end)
  teardown(function() core.set_precision(before) end)

  it('run in float32', function()
    assert.are.equal('fp32', (core.precision()))
    assert.matches('%-fp32$', (core.kernels()))
  end)
  for _, case in ipairs(CASES) do
    it('agree for ' .. case[1], function() check_case(case[2]) end)
  end
  it('agree on random shapes', function() random_cases(FP32) end)
end)

describe('the bf16 products', function()
  local before, in_force, why
  setup(function()
    before = select(2, core.precision())
    in_force, why = core.set_precision('bf16')
  end)
  teardown(function() core.set_precision(before) end)

  it('run where the machine has them, and otherwise fall back to float32, saying why',
     function()
    local name, unavailable = core.kernels()
    if in_force == 'bf16' then
      assert.is_nil(why)
      assert.is_nil(unavailable)
      assert.matches('^onednn%-.*%-bf16$', name)
    else
      assert.are.equal('fp32', in_force)
      assert.are.equal('string', type(why))
      assert.are.equal(why, unavailable)
      assert.matches('%-fp32$', name)
      assert.is_nil(name:find('bf16', 1, true))
    end
  end)

  -- where bf16 is not available the same cases run through the float32 fallback, which must
  -- then meet the float32 tolerance
  local function tolerance() return in_force == 'bf16' and BF16 or FP32 end
  for _, case in ipairs(CASES) do
    it('agree within bf16 rounding for ' .. case[1], function()
      check_case(case[2], tolerance())
      if in_force == 'bf16' then assert.matches('%-bf16$', (core.kernels())) end
    end)
  end
  it('agree within bf16 rounding on random shapes', function() random_cases(tolerance()) end)
end)

describe('core.set_precision', function()
  it('refuses an unknown precision with a message naming it', function()
    local ok, err = pcall(core.set_precision, 'fp16')
    assert.is_false(ok)
    assert.matches("invalid option 'fp16'", err)
    assert.has_error(function() core.set_precision() end)
  end)

  it('answers with the precision in force, and auto means bf16 only where bf16 runs',
     function()
    local before = select(2, core.precision())
    assert.are.equal('fp32', (core.set_precision('fp32')))
    assert.are.same({ 'fp32', 'fp32' }, { core.precision() })
    local auto = core.set_precision('auto')
    local _, unavailable = core.kernels()
    assert.are.equal(unavailable and 'fp32' or 'bf16', auto)
    assert.are.same({ auto, 'auto' }, { core.precision() })
    core.set_precision(before)
  end)
end)
