-- tweeter.interrupt: Ctrl-C (and SIGTERM) as an error object, in the commands and in Lua code
-- run under interrupt.run; the commands are driven on a pseudo-terminal by spec/pty_run.py.
local helper = require('helper')
local interrupt = require('tweeter.interrupt')

local q = helper.quote
local on_terminal = helper.on_terminal

describe('tweeter.interrupt', function()
  it('runs a function under pcall, its results packed, its error kept', function()
    local res = interrupt.run(function(a, b) return a + b, 'sum' end, nil, 1, 2)
    assert.are.same({ n = 3, true, 3, 'sum' }, res)
    res = interrupt.run(function() error('no luck', 0) end)
    assert.are.same({ n = 2, false, 'no luck' }, res)
    assert.are.equal('interrupted', tostring(interrupt.INTERRUPTED))
    assert.is_false(interrupt.training_on_stack())
  end)

  it('turns a SIGINT into INTERRUPTED raised in the running Lua code', function()
    local code, out, err = helper.run(('timeout 60 lua5.4 -e %s'):format(q(([[
      package.path = %q
      package.cpath = %q
      local interrupt = require('tweeter.interrupt')
      local pid = io.open('/proc/self/stat'):read('l'):match('^%%d+')
      local res = interrupt.run(function()
        -- through popen: os.execute's system() ignores SIGINT while it waits
        io.popen('kill -INT ' .. pid):close()
        while true do end
      end)
      print(res[1], res[2] == interrupt.INTERRUPTED)
      -- and outside interrupt.run a SIGINT is the default again: the process ends
      io.popen('kill -INT ' .. pid):close()
      print('not reached')
    ]]):format(package.path, package.cpath))))
    assert.are.equal(130, code, err)
    assert.are.equal('false\ttrue\n', out)
  end)
end)

describe('Ctrl-C in a command', function()
  local home
  setup(function() home = helper.tmpdir() end)
  teardown(function() helper.rm_rf(home) end)

  it('generate: the posts made so far are kept, one line says so, status 130', function()
    local out, code = on_terminal(home, {
      { 'expect', '\n[^\n]*\n[^\n]*\n' }, -- a few posts are out
      { 'send', '\3' }, { 'eof' },
    }, { 'generate', helper.root .. '/models/base.twm', '-n', '10000', '--seed', '1' })
    assert.are.equal(130, code, out)
    local lines = {}
    for line in out:gmatch('[^\n]+') do lines[#lines + 1] = line end
    assert.are.equal('exit: 130', lines[#lines])
    assert.truthy(lines[#lines - 1]:find('tweeter generate: interrupted$'), out)
    assert.is_nil(out:find('internal error', 1, true), out)
    assert.is_true(#lines >= 4)
  end)
end)

describe('Ctrl-C in a fetch', function()
  it('exits 130 with one line and leaves no files when nothing was saved', function()
    local work = helper.tmpdir()
    local out, code = on_terminal(work, {
      { 'expect', 'waiting \\d+ s: connection refused' }, { 'send', '\3' }, { 'eof' },
    }, { 'fetch', 'someone.bsky.social', '--api-base', 'http://127.0.0.1:1', '--out', work .. '/p/x.jsonl' })
    assert.are.equal(130, code, out)
    assert.matches('tweeter fetch: interrupted\n', out)
    assert.is_nil(out:find('internal error', 1, true), out)
    assert.is_false(helper.exists(work .. '/p'))
    local _, listing = helper.run('ls -A ' .. q(work))
    assert.are.equal('steps.json\n', listing)
    helper.rm_rf(work)
  end)
end)
