-- bench/charlstm.lua end to end with tiny sizes: the JSON lines parse and carry the peer's
-- keys with sane values. No timing assertions (benchmarks are never timed tests).
local helper = require 'helper'
local cjson = require 'cjson'

local SCRIPT = helper.root .. '/bench/charlstm.lua'

local function bench(args)
  local parts = { 'lua5.4', helper.quote(SCRIPT) }
  for _, a in ipairs(args) do parts[#parts + 1] = helper.quote(a) end
  local code, out, err = helper.run(table.concat(parts, ' '))
  local recs = {}
  for line in out:gmatch('[^\n]+') do recs[#recs + 1] = cjson.decode(line) end
  return code, recs, err
end

local COMMON = { 'impl', 'mode', 'V', 'E', 'H', 'L', 'B', 'T', 'threads', 'sec_per_step',
                 'chars_per_sec', 'achieved_gflops', 'flops_per_char_fwd', 'peak_rss_mb',
                 'blas_core', 'OPENBLAS_CORETYPE' }
local TRAIN = { 'sec_per_step_min', 'sec_per_step_mean', 'flops_per_char_train', 'params',
                'loss_first', 'loss_last', 'steps' }
local SAMPLE = { 'chars_per_sec_per_seq' }

local function has_keys(rec, keys)
  for _, k in ipairs(keys) do
    assert(rec[k] ~= nil, 'missing key ' .. k)
  end
end

-- The peer's FLOP formula: 2*4*H*(In+H) per layer plus 2*H*V.
local function flops(V, E, H, L)
  local f = 2 * H * V
  for l = 1, L do f = f + 8 * H * ((l == 1 and E or H) + H) end
  return f
end

describe('bench/charlstm.lua', function()
  it('prints one train line with the peer keys and the configuration echoed', function()
    local code, recs, err = bench{ '--mode', 'train', '--vocab', '20', '--embed', '6',
                                   '--hidden', '8', '--layers', '2', '--batch', '3', '--seq',
                                   '5', '--steps', '2', '--warmup', '1', '--threads', '1' }
    assert.are.equal(0, code, err)
    assert.are.equal(1, #recs)
    local r = recs[1]
    has_keys(r, COMMON)
    has_keys(r, TRAIN)
    assert.are.equal('tweeter', r.impl)
    assert.are.equal('train', r.mode)
    assert.are.same({ 20, 6, 8, 2, 3, 5, 1 }, { r.V, r.E, r.H, r.L, r.B, r.T, r.threads })
    assert.is_true(r.chars_per_sec > 0)
    assert.is_true(r.sec_per_step > 0 and r.sec_per_step_min <= r.sec_per_step_mean * 1.000001)
    assert.are.equal(flops(20, 6, 8, 2), r.flops_per_char_fwd)
    assert.are.equal(3 * r.flops_per_char_fwd, r.flops_per_char_train)
    assert.is_true(r.achieved_gflops >= 0)
    assert.is_true(r.peak_rss_mb > 0)
    -- untrained on uniform random characters: the loss is about log(V)
    assert.is_true(math.abs(r.loss_first - math.log(20)) < 1.0, tostring(r.loss_first))
    assert.matches('step +0 loss', err)
  end)

  it('prints one sample line per batch size', function()
    local code, recs, err = bench{ '--mode', 'sample', '--hidden', '8', '--layers', '1',
                                   '--embed', '4', '--sample-batches', '1,3',
                                   '--sample-len', '12', '--sample-reps', '2', '--warmup', '1' }
    assert.are.equal(0, code, err)
    assert.are.equal(2, #recs)
    for k, B in ipairs({ 1, 3 }) do
      local r = recs[k]
      has_keys(r, COMMON)
      has_keys(r, SAMPLE)
      assert.are.equal('sample', r.mode)
      assert.are.same({ 96, 4, 8, 1, B, 12 }, { r.V, r.E, r.H, r.L, r.B, r.T })
      assert.is_true(r.chars_per_sec > 0)
      assert.are.near(r.chars_per_sec_per_seq * B, r.chars_per_sec, 0.2 + 1e-3 * r.chars_per_sec)
      -- every post ran the full length: steps_run = reps x sample_len
      assert.are.equal(24, r.steps_run)
    end
    assert.matches('sample B=3', err)
  end)

  it('trains on a text file, one post a line, with the vocabulary built from it', function()
    local dir = helper.tmpdir()
    local posts = helper.posts(30, 5)
    local path = helper.write(dir .. '/posts.txt', posts)
    local distinct, V = {}, 2   -- end-of-post and unknown, then every character of the text
    for _, cp in utf8.codes(table.concat(posts)) do
      if not distinct[cp] then distinct[cp], V = true, V + 1 end
    end
    local code, recs, err = bench{ '--text', path, '--hidden', '6', '--embed', '4',
                                   '--batch', '2', '--seq', '8', '--steps', '1',
                                   '--warmup', '0' }
    helper.rm_rf(dir)
    assert.are.equal(0, code, err)
    assert.are.equal(path, recs[1].data)
    assert.are.equal(V, recs[1].V)
  end)

  it('--precision sets the products\' precision and the "kernels" key names what ran', function()
    local core = require 'tweeter.core'
    local before = select(2, core.precision())
    local here = core.set_precision('bf16')
    core.set_precision(before)
    for _, p in ipairs({ 'fp32', 'bf16', 'auto' }) do
      local code, recs, err = bench{ '--mode', 'train', '--hidden', '8', '--embed', '4',
                                     '--batch', '2', '--seq', '6', '--steps', '1',
                                     '--warmup', '0', '--precision', p }
      assert.are.equal(0, code, err)
      local r = recs[1]
      assert.are.equal(p, r.precision)
      assert.are.equal('string', type(r.kernels))
      if p == 'fp32' or here ~= 'bf16' then
        assert.are.equal('fp32', r.precision_in_force)
        assert.matches('%-fp32$', r.kernels)
      else
        assert.are.equal('bf16', r.precision_in_force)
      end
      if p == 'bf16' and here == 'bf16' then assert.matches('%-bf16$', r.kernels) end
      if here ~= 'bf16' and p ~= 'fp32' then
        assert.are.equal('string', type(r.bf16_unavailable))
        assert.matches('bf16: ' .. r.bf16_unavailable:gsub('%p', '%%%0'), err)
      end
    end
    local code, _, err = bench{ '--precision', 'half' }
    assert.are.equal(2, code)
    assert.matches('%-%-precision must be auto, bf16 or fp32, got half', err)
  end)

  it('rejects an unknown option with its name and the usage', function()
    local code, recs, err = bench{ '--hiden', '8' }
    assert.are.equal(2, code)
    assert.are.equal(0, #recs)
    assert.matches('unknown option %-%-hiden', err)
    assert.matches('usage:', err)
  end)
end)
