-- The model file (csrc/modelfile.c, csrc/modelio.c): every bad file refused with a message and
-- no descriptor left open, sections checked from the disk before a large file is read, and
-- no file written for weights that are not finite.
local core = require('tweeter.core')
local helper = require('helper')

-- The descriptors this process holds, listed by a child while this process waits in
-- os.execute (a pipe to the child would itself come and go in the listing).
local function open_descriptors(scratch)
  local pid = assert(helper.read('/proc/self/stat')):match('^(%d+)')
  assert(os.execute(('ls /proc/%s/fd > %s'):format(pid, helper.quote(scratch))))
  return select(2, assert(helper.read(scratch)):gsub('\n', ''))
end

describe('the model file: bad files and bad weights', function()
  local dir, model, bad
  setup(function()
    dir = helper.tmpdir()
    model = dir .. '/ok.tw'
    assert(core.model { vocab = 'abcdef .', embed = 8, hidden = 16, layers = 1, seed = 4 }:save(model))
    bad = helper.bad_model_files(dir, model)
  end)
  teardown(function() helper.rm_rf(dir) end)

  it('every bad file gives nil and a message, and 100 failed loads leave no descriptor open', function()
    local names = {}
    for name in pairs(bad) do names[#names + 1] = name end
    table.sort(names)
    local want = {
      truncated = 'truncated', empty = 'empty file', garbage = 'not a tweeter model file',
      huge_header = 'truncated file', nan = 'non%-finite weights', inf = 'non%-finite weights',
      directory = 'is a directory', fifo = 'is not a regular file', zero = 'is not a regular file',
      sparse_64g = 'expected section CONF', sparse_6g = 'expected section CONF',
    }
    local scratch = dir .. '/fds'
    collectgarbage()
    -- no collection during the loads: a descriptor closed only by a finalizer is a leak
    collectgarbage('stop')
    finally(function() collectgarbage('restart') end)
    local before = open_descriptors(scratch)
    local loads = 0
    while loads < 100 do
      for _, name in ipairs(names) do
        local ok, m, err = pcall(core.load, bad[name])
        assert.is_true(ok, name .. ' raised: ' .. tostring(m))
        assert.is_nil(m, name)
        assert.is_string(err, name)
        assert.matches(want[name], err, 1, name)
        loads = loads + 1
      end
    end
    local after = open_descriptors(scratch)
    collectgarbage('restart')
    assert.are.equal(before, after)
    -- and a good file still loads
    assert(core.load(model))
    assert.are.equal(before, open_descriptors(scratch))
  end)

  it('a file over 64 MiB passes the section checks read from the disk, then loads', function()
    -- 17.6 M parameters: a 70 MB file, so the loader checks its sections before reading it
    local m = core.model { vocab = 'abc', embed = 64, hidden = 1200, layers = 2, seed = 2 }
    m:remember { 'a post long enough for the copy guard to remember its windows, all 61 of them.' }
    local path = dir .. '/big.tw'
    assert(m:save(path))
    assert.is_true(#assert(helper.read(path)) > 64 * 1024 * 1024)
    local loaded = assert(core.load(path))
    assert.are.same(m:info(), loaded:info())
    for _, block in ipairs({ 'embedding', 'w2', 'output_bias' }) do
      local n = m:block_size(block)
      assert.are.equal(m:param(block, n), loaded:param(block, n))
    end
    -- and the same file with a section length changed: refused from the disk checks
    local bytes = helper.read(path)
    local w = bytes:find('WGHT', 25, true)
    helper.write(path, bytes:sub(1, w + 3) .. string.pack('<I8', string.unpack('<I8', bytes, w + 4) - 4)
      .. bytes:sub(w + 12))
    local ok, err = core.load(path)
    assert.is_nil(ok)
    assert.matches('section WGHT does not match the configuration', err)
    -- the copy guard's section too: a window length other than 40
    local seen = assert(bytes:find('SEEN', #bytes - 1000, true))
    helper.write(path, bytes:sub(1, seen + 11) .. string.pack('<I4', 41) .. bytes:sub(seen + 16))
    ok, err = core.load(path)
    assert.is_nil(ok)
    assert.matches('section SEEN holds windows of 41 characters', err)
    os.remove(path)
  end)

  it('model:save refuses non-finite weights instead of writing a useless model', function()
    local m = core.model { vocab = 'ab', embed = 2, hidden = 2, layers = 1 }
    m:param('output_bias', 1, 0 / 0)
    local path = dir .. '/diverged.tw'
    local ok, err = m:save(path)
    assert.is_nil(ok)
    assert.matches('diverged%.tw: non%-finite weights', err)
    assert.is_false(helper.exists(path))
  end)
end)
