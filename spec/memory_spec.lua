-- Running out of memory: sizes that do not fit the machine are refused before anything that
-- size is allocated, with the sizes and the memory they need; an allocation that fails anyway
-- is reported as what it is, exit 1.
local helper = require('helper')
local core = require('tweeter.core')
local train = require('tweeter.train')

local cli_child = helper.cli_child

describe('memory', function()
  local dir, data
  before_each(function()
    dir = helper.tmpdir()
    data = helper.write(dir .. '/posts.txt', helper.posts(40, 5))
  end)
  after_each(function() helper.rm_rf(dir) end)

  it('core.training_bytes grows with the batch, the sequence and the model, allocating nothing', function()
    local cfg = { cell = 'lstm', embed = 64, hidden = 256, layers = 2, vocab_size = 100 }
    local b = function(c, B, T) return core.training_bytes(c, B, T) end
    -- linear in the characters of a step
    assert.are.equal(b(cfg, 32, 256) - b(cfg, 32, 128), b(cfg, 32, 384) - b(cfg, 32, 256))
    assert.is_true(b(cfg, 64, 128) > b(cfg, 32, 128))
    local wider = { cell = 'lstm', embed = 64, hidden = 512, layers = 2, vocab_size = 100 }
    assert.is_true(b(wider, 32, 128) > b(cfg, 32, 128))
    local rss = core.rss_peak_mb()
    assert.is_true(b(cfg, 65536, 1 << 20) > 1e12)
    assert.is_true(core.rss_peak_mb() - rss < 100)
    assert.is_true(core.memory_available() > 0)
  end)

  it('refuses a batch that does not fit, before allocating it, with the sizes and the memory', function()
    -- the machine's memory as 2.5 GB, whatever it is (an address-space limit would do it too,
    -- but AddressSanitizer cannot start under one)
    local code, out, err = cli_child({ 'train', '--data', data, '--model', dir .. '/m.twm',
      '--batch', '1024', '--seq', '1024' },
      [[require('tweeter.core').memory_available = function() return 2.5e9 end]])
    assert.are.equal(1, code, err)
    assert.are.equal('', out)
    assert.matches('^tweeter train: not enough memory for batch 1024 × seq 1024 at hidden 256: '
      .. 'about [%d.]+ GB %(2%.5 GB available%); give a smaller %-%-batch or %-%-seq\n$', err)
    assert.is_false(helper.exists(dir .. '/m.twm'))
  end)

  it('checks the batch and sequence a continued model stored', function()
    local model = dir .. '/m.twm'
    assert(train.run{ data = data, model = model, steps = 1, embed = 4, hidden = 8, layers = 1,
      batch = 64, seq = 64, progress = false, samples = 0 })
    local m = assert(core.load(model))
    local need = core.training_bytes(m:config(), 64, 64)
    local available = core.memory_available
    core.memory_available = function() return need // 2 end
    local ok, s, why = pcall(train.run, { data = data, model = model, steps = 1, progress = false })
    core.memory_available = available
    assert.is_true(ok, s)
    assert.is_nil(s)
    assert.matches('^not enough memory for batch 64 × seq 64 at hidden 8: about', why)
    assert.are.equal(1, assert(core.load(model)):steps())
  end)

  it('reports an allocation that fails anyway as a memory error, exit 1', function()
    if os.getenv('ASAN_OPTIONS') then
      -- make check runs it; AddressSanitizer reserves terabytes of address space up front
      pending('needs an address-space limit, which AddressSanitizer cannot start under')
      return
    end
    -- Lua runs no message handler for a memory error: the command used to say "internal error: nil"
    local code, out, err = cli_child({ 'train', '--data', data, '--model', dir .. '/m.twm' }, [[
      require('tweeter.train').run = function() return ('x'):rep((1 << 31) - 64) end
    ]], 1500000)
    assert.are.equal(1, code, err)
    assert.are.equal('', out)
    assert.are.equal('tweeter train: not enough memory\n', err)
  end)
end)
