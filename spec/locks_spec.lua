-- One writer per model and per posts store (`core.lock`), a checkpoint that is not its
-- model's, and the temporary files of writers killed before their rename (`core.write_file`).
local helper = require('helper')
local core = require('tweeter.core')

local q = helper.quote
local TINY = { '--embed', '8', '--hidden', '16', '--layers', '1', '--batch', '4', '--seq', '16',
  '--samples', '0', '--quiet' }

-- A shell command that holds an flock(2) on `path` until killed: started through a pipe that
-- gives its pid once the lock is held. Returns the pid and the pipe.
local function hold_flock(path)
  local pipe = assert(io.popen(('exec flock %s sh -c %s'):format(q(path), q('echo $$; exec sleep 60')), 'r'))
  local pid = assert(pipe:read('l'):match('^%d+$'))
  return pid, pipe
end

describe('core.lock', function()
  local dir
  before_each(function() dir = helper.tmpdir() end)
  after_each(function() helper.rm_rf(dir) end)

  it('refuses a second holder at once, naming the file and the process', function()
    local path = dir .. '/me.twm'
    local kept
    do
      local lock <close> = assert(core.lock(path))
      assert.matches('^tweeter%.Lock%(.*me%.twm%.lock%)$', tostring(lock))
      local again, why = core.lock(path)
      assert.is_nil(again)
      assert.are.equal(('%s is in use: process %s is writing it (it holds %s.lock)'):format(path,
        helper.read('/proc/self/stat'):match('^%d+'), path), why)
      kept = lock
    end
    assert.matches('released', tostring(kept))
    assert.is_false(helper.exists(path .. '.lock'))
    assert.is_truthy(core.lock(path))
  end)

  it('is free again when its holder is killed (nothing stale is left)', function()
    local path = dir .. '/store.jsonl'
    local code = [[
      package.cpath = ARGS
      local lock = assert(require('tweeter.core').lock(PATH))
      io.write('locked\n') io.flush()
      while true do end
    ]]
    code = code:gsub('ARGS', ('%q'):format(package.cpath)):gsub('PATH', ('%q'):format(path))
    local pipe = assert(io.popen(('exec sh -c %s'):format(q('echo $$; exec lua5.4 -e ' .. q(code))), 'r'))
    local pid = pipe:read('l')
    assert.are.equal('locked', pipe:read('l'))
    local _, why = core.lock(path)
    assert.matches('in use: process ' .. pid .. ' is writing it', why)
    os.execute('kill -9 ' .. pid)
    pipe:close()
    local lock, err = core.lock(path)
    assert.is_truthy(lock, err)
  end)
end)

describe('one writer at a time', function()
  local dir, data
  before_each(function()
    dir = helper.tmpdir()
    data = helper.write(dir .. '/posts.txt', helper.posts(60, 3))
  end)
  after_each(function() helper.rm_rf(dir) end)

  it('refuses a second train on a model while the first runs, and not after it was killed', function()
    local model = dir .. '/me.twm'
    -- it must still run when the second one starts: no early stop
    local first = helper.spawn(helper.args('train', '--data', data, '--model', model, '--steps',
      '100000', '--patience', '0', TINY))
    assert.is_true(helper.wait_for(function() return helper.exists(model .. '.lock') end, 60))
    local code, out, err = helper.tweeter(helper.args('train', '--data', data, '--model', model,
      '--steps', '2', TINY))
    first:signal('KILL')
    first:wait()
    assert.are.equal(1, code, err)
    assert.are.equal('', out)
    assert.matches('^tweeter train: ' .. model:gsub('%p', '%%%0') .. ' is in use: process %d+ is writing it', err)
    code, out, err = helper.tweeter(helper.args('train', '--data', data, '--model', model,
      '--steps', '2', TINY))
    assert.are.equal(0, code, err)
    assert.matches('steps: %d+', out)
    assert.is_false(helper.exists(model .. '.lock'))
  end)

  it('refuses a fetch or an import into a posts store another process is writing', function()
    local store = dir .. '/store.jsonl'
    local held <close> = assert(core.lock(store))
    local pid = helper.read('/proc/self/stat'):match('^%d+')
    -- the lock is taken before any request: this server is never reached
    local code, _, err = helper.run(('TWITTER_BEARER_TOKEN= timeout 60 %s fetch %s --api-base %s --out %s --quiet')
      :format(q(helper.root .. '/bin/tweeter'), q('@alice@social.example'), q('http://127.0.0.1:9'), q(store)))
    assert.are.equal(1, code, err)
    assert.matches('^tweeter fetch: .*store%.jsonl is in use: process ' .. pid .. ' is writing it', err)
    code, _, err = helper.tweeter({ 'import', data, '--out', store })
    assert.are.equal(1, code, err)
    assert.matches('^tweeter import: .*store%.jsonl is in use: process ' .. pid .. ' is writing it', err)
    assert.is_false(helper.exists(store))
  end)

  it('refuses a checkpoint of another size or vocabulary instead of ignoring it', function()
    local a, b = dir .. '/a.twm', dir .. '/b.twm'
    local function train(model, ...)
      return helper.tweeter(helper.args('train', '--data', data, '--model', model, TINY, ...))
    end
    assert.are.equal(0, (train(a, '--steps', '2')))
    assert.are.equal(0, (train(b, '--steps', '5', '--hidden', '24')))
    helper.write(a .. '.ckpt', helper.read(b .. '.ckpt'))
    local before = helper.read(a)
    local code, _, err = train(a, '--steps', '2')
    assert.are.equal(1, code, err)
    assert.matches('checkpoint .*a%.twm%.ckpt does not match model .*a%.twm %(hidden 24, the model\'s 16%)', err)
    assert.are.equal(before, helper.read(a))
    -- the same size, other characters
    local other = helper.write(dir .. '/other.txt', { 'zzzz yyyy xxxx', 'qqq www', 'vvv uuu ttt' })
    local c = dir .. '/c.twm'
    assert.are.equal(0, (helper.tweeter(helper.args('train', '--data', other, '--model', c, TINY,
      '--steps', '5'))))
    helper.write(a .. '.ckpt', helper.read(c .. '.ckpt'))
    code, _, err = train(a, '--steps', '2')
    assert.are.equal(1, code, err)
    assert.matches('does not match model .*a%.twm %(another vocabulary%)', err)
  end)
end)

describe('temporary files of dead writers', function()
  local dir, target
  before_each(function()
    dir = helper.tmpdir()
    target = dir .. '/me.twm'
  end)
  after_each(function() helper.rm_rf(dir) end)

  it('are removed by the next writer of the target; a live writer\'s are not', function()
    local dead = helper.write(target .. '.tmp-ab12cd', ('x'):rep(4096))
    local live = helper.write(target .. '.tmp-live01', 'being written')
    local other = helper.write(dir .. '/other.twm.tmp-ab12cd', 'another target\'s')
    local pid, pipe = hold_flock(live)
    assert.is_true(core.write_file(target, 'new'))
    os.execute('kill ' .. pid)
    pipe:close()
    assert.are.equal('new', helper.read(target))
    assert.is_false(helper.exists(dead))
    assert.are.equal('being written', helper.read(live))
    assert.are.equal('another target\'s', helper.read(other))
  end)

  it('of a writer killed with -9 mid-save are gone after the next save', function()
    -- a writer stopped (SIGSTOP) as soon as its temporary file is there, then killed
    local code = [[
      package.cpath = ARGS
      require('tweeter.core').write_file(PATH, ('m'):rep(1 << 29))
    ]]
    code = code:gsub('ARGS', ('%q'):format(package.cpath)):gsub('PATH', ('%q'):format(target))
    local pipe = assert(io.popen(('exec sh -c %s'):format(q('echo $$; exec lua5.4 -e ' .. q(code))), 'r'))
    local pid = pipe:read('l')
    assert.is_true(helper.wait_for(function() return #helper.ls(q(target) .. '.tmp-*') == 1 end, 60))
    os.execute('kill -STOP ' .. pid)
    local tmp = helper.ls(q(target) .. '.tmp-*')[1]
    -- while it lives, a save leaves its file alone
    assert.is_true(core.write_file(target, 'first'))
    assert.is_true(helper.exists(tmp))
    os.execute('kill -9 ' .. pid)
    pipe:close()
    assert.is_true(helper.exists(tmp))
    assert.is_true(core.write_file(target, 'second'))
    assert.are.same({}, helper.ls(q(target) .. '.tmp-*'))
    assert.are.equal('second', helper.read(target))
  end)
end)
