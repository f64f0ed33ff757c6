-- A model file's counts are bounded by what a run reaches (2^40
-- steps, batches, optimizer updates; history steps), and its optimizer settings must make
-- sense, checksum valid or not.
local helper = require('helper')
local core = require('tweeter.core')

local q = helper.quote
local posts = helper.posts(30, 12)

-- A trained tiny model's file: OPTM, STAT with a batch shape, a CARY and a HIST entry.
local function model_bytes()
  local m = core.model{ embed = 4, hidden = 8, layers = 1, vocab = table.concat(posts) }
  local batch = m:encode(posts):batches(2, 16)
  for _ = 1, 2 do
    batch:next()
    m:train_step(batch)
  end
  m:add_history(2, 3.5, 3.6)
  local p = helper.tmppath('.twm')
  assert(m:save(p))
  local bytes = helper.read(p)
  os.remove(p)
  return bytes
end

local BYTES = model_bytes()

-- The offset (1-based) of a section's body.
local function body(tag)
  return assert(BYTES:find(tag, 25, true), tag) + 12
end

-- The file with `packed` written at `at` (1-based), its checksum made valid again.
local function forged(at, packed)
  return helper.with_checksum(BYTES:sub(1, at - 1) .. packed .. BYTES:sub(at + #packed))
end

local function refused(bytes, pattern)
  local model, err = helper.load_bytes(bytes)
  assert.is_nil(model)
  assert.matches(pattern, err)
end

describe('the loader bounds every count to what a run reaches', function()
  it('loads the counts training writes, up to 2^40', function()
    local m = assert(helper.load_bytes(forged(body('STAT'), string.pack('<I8I8', 1 << 40, 1 << 40))))
    assert.are.equal(1 << 40, m:steps())
    assert.are.equal(1 << 40, (m:cursor()))
  end)

  it('refuses a step count of 2^52 (or any past 2^40)', function()
    for _, steps in ipairs({ 1 << 52, (1 << 40) + 1, -1 }) do
      refused(forged(body('STAT'), string.pack('<i8', steps)), 'section STAT holds a step count past 2%^40')
    end
  end)

  it('refuses a data cursor, optimizer steps or a history step past 2^40', function()
    refused(forged(body('STAT') + 8, string.pack('<I8', 1 << 52)), 'section STAT holds a data cursor past 2%^40')
    refused(forged(body('OPTM') + 28, string.pack('<I8', 1 << 52)), 'section OPTM holds optimizer steps past 2%^40')
    refused(forged(body('HIST') + 4, string.pack('<I8', 1 << 52)), 'section HIST holds a step past 2%^40')
  end)

  it('counts no step, batch or history step past 2^40 from Lua either', function()
    local m = core.model{ embed = 2, hidden = 2, layers = 1, vocab = 'ab' }
    local batch = m:encode{ 'ab', 'ba' }:batches(1, 2)
    assert.error_matches(function() batch:seek((1 << 40) + 1) end, 'cursor past 2%^40')
    assert.error_matches(function() m:add_history((1 << 40) + 1, 2) end, 'step past 2%^40')
    batch:seek(1 << 40)
    batch:next()   -- batch 2^40 + 1 is taken, and would be the model's cursor
    assert.error_matches(function() m:train_step(batch) end, 'the most a model counts')
    assert.are.equal(0, m:steps())
  end)

  it('train --from a model whose step count is 2^52 is refused, not trained', function()
    local dir, data = helper.posts_dir(40, 3)
    local from = helper.write(dir .. '/crafted.twm', forged(body('STAT'), string.pack('<I8', 1 << 52)))
    -- a memory ceiling for a runaway loop; not under ASan, which reserves terabytes of
    -- address space for its shadow memory
    local ceiling = os.getenv('ASAN_OPTIONS') and '' or 'ulimit -v 4000000; '
    local code, _, err = helper.run((ceiling .. 'timeout 120 %s train --data %s --model %s --from %s '
      .. '--steps 2 --batch 2 --seq 16 --quiet'):format(q(helper.root .. '/bin/tweeter'), q(data),
      q(dir .. '/out.twm'), q(from)))
    assert.are.equal(1, code, err)
    assert.matches('section STAT holds a step count past 2%^40', err)
    assert.is_false(helper.exists(dir .. '/out.twm'))
    helper.rm_rf(dir)
  end)
end)

describe('the loader and the setters refuse nonsense optimizer settings', function()
  -- OPTM's settings: u32 kind, then f32 lr, beta1, beta2, eps, alpha, clip
  local FIELDS = { lr = 4, beta1 = 8, beta2 = 12, eps = 16, alpha = 20, clip = 24 }
  local BAD = {
    lr = { -1, 0, 0 / 0, math.huge }, beta1 = { -0.1, 1, 0 / 0 }, beta2 = { 1, 2, -1 },
    eps = { 0, -1e-8, 0 / 0 }, alpha = { 1, -0.5 }, clip = { -1, math.huge, 0 / 0 },
  }

  it('a file with one is refused, naming the setting', function()
    for name, values in pairs(BAD) do
      for _, v in ipairs(values) do
        refused(forged(body('OPTM') + FIELDS[name], string.pack('<f', v)),
          'impossible optimizer settings: ' .. name .. ' must be')
      end
    end
  end)

  it('a file with settings at their limits loads', function()
    local edge = string.pack('<I4ffffff', 1, 1e-9, 0, 0.999, 1e-30, 0, 0)
    local m = assert(helper.load_bytes(forged(body('OPTM'), edge)))
    assert.are.equal('rmsprop', m:info().optimizer)
    assert.are.equal(0, m:info().clip)
  end)

  it('set_optimizer and set_lr refuse them', function()
    local m = core.model{ embed = 2, hidden = 2, layers = 1, vocab = 'ab' }
    for name, values in pairs(BAD) do
      for _, v in ipairs(values) do
        assert.has_error(function() m:set_optimizer{ [name] = v } end)
      end
    end
    assert.error_matches(function() m:set_optimizer{ lr = 0 } end, 'lr must be a positive number')
    assert.error_matches(function() m:set_lr(0) end, 'learning rate must be between 0 and 10, not 0')
    assert.error_matches(function() m:set_lr(0 / 0) end, 'learning rate must be between')
    assert.is_true(math.abs(m:lr() - 2e-3) < 1e-9)
  end)
end)
