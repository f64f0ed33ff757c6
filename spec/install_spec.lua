-- The installed command: `make install` (any PREFIX, staged under DESTDIR) and the
-- rock each give a `tweeter` that finds its modules, core and base model with no LUA_PATH or
-- LUA_CPATH, through the one launcher (bin/tweeter) and its thread settings; the rockspec
-- declares what the rock needs.
local helper = require('helper')

local q = helper.quote
local ROCKSPEC = 'rockspec/tweeter-scm-1.rockspec'
-- LuaRocks as a user runs it: the system's interpreter first on PATH (under make sanitize a
-- wrapper of lua5.4 is, and LuaRocks would look for Lua's headers beside it)
local LUAROCKS = 'PATH=/usr/local/bin:/usr/bin:/bin luarocks --lua-version=5.4'

-- Runs `cmd` from / in an environment holding only PATH and HOME (no LUA_PATH, LUA_CPATH or
-- thread settings); returns exit code, stdout, stderr.
local function clean_run(cmd, stdin)
  return helper.run(('cd / && env -i PATH=/usr/bin:/bin HOME=/tmp %s'):format(cmd), stdin)
end

-- What an installed command sees, asked through its REPL: where tweeter.cli, tweeter.core and
-- the base model were found and the GOMP_SPINCOUNT it runs with, one a line.
local PROBE = 'print(package.searchpath("tweeter.cli", package.path))\n'
  .. 'print(package.searchpath("tweeter.core", package.cpath))\n'
  .. 'print(tweeter.base_model())\n'
  .. 'print(os.getenv("GOMP_SPINCOUNT"))\n'

-- The real path of a file (links and ".." resolved).
local function real(path)
  local p = assert(io.popen('readlink -f ' .. q(path)))
  local out = p:read('l')
  p:close()
  return out
end

-- Checks that `command` (an installed tweeter) runs with a clean environment and finds what
-- it needs under `root`.
local function assert_self_contained(command, root)
  local code, out, err = clean_run(q(command) .. ' --help')
  assert.are.equal(0, code, err)
  assert.matches('^usage: tweeter COMMAND', out)
  local code2, out2, err2 = clean_run(q(command) .. ' repl', PROBE)
  assert.are.equal(0, code2, err2)
  local cli, core, base, spin = out2:match('^([^\n]*)\n([^\n]*)\n([^\n]*)\n([^\n]*)\n$')
  assert.is_not_nil(cli, out2)
  for _, path in ipairs({ cli, core, base }) do
    assert.are.equal(real(root) .. '/', real(path):sub(1, #real(root) + 1), path .. ' is outside ' .. root)
  end
  assert.matches('/tweeter/cli%.lua$', cli)
  assert.matches('/tweeter/core%.so$', core)
  assert.matches('base%.twm$', base)
  assert.are.equal(helper.read(helper.root .. '/models/base.twm'), helper.read(base))
  -- the launcher's thread settings (bin/tweeter's first lines)
  assert.are.equal('2000', spin)
end

describe('make install', function()
  it('installs a tweeter that finds its modules, core and base model, staged under DESTDIR', function()
    local dir = helper.tmpdir()
    local prefix, stage = dir .. '/opt/x', dir .. '/stage'
    local code, _, err = helper.run(('make -s install PREFIX=%s DESTDIR=%s'):format(q(prefix), q(stage)))
    assert.are.equal(0, code, err)
    assert.is_false(helper.exists(prefix .. '/bin/tweeter'))
    local command = stage .. prefix .. '/bin/tweeter'
    assert_self_contained(command, stage .. prefix)
    -- moved into place, and reached through a link from another folder
    assert(os.execute(('mkdir -p %s && mv %s/* %s/ && mkdir %s/links && ln -s %s %s/links/tweeter'):format(
      q(prefix), q(stage .. prefix), q(prefix), q(dir), q(prefix .. '/bin/tweeter'), q(dir))))
    assert_self_contained(dir .. '/links/tweeter', prefix)
    -- a BINDIR and module folders of one's own
    local code2, _, err2 = helper.run(('make -s install PREFIX=%s BINDIR=%s LUA_MODDIR=%s DATADIR=%s'):format(
      q(dir .. '/p2'), q(dir .. '/p2/tools/bin'), q(dir .. '/p2/lua'), q(dir .. '/p2')))
    assert.are.equal(0, code2, err2)
    local code3, out3, err3 = clean_run(q(dir .. '/p2/tools/bin/tweeter') .. ' repl', PROBE)
    assert.are.equal(0, code3, err3)
    assert.matches('^[^\n]*/p2/tools/bin/%.%./%.%./lua/tweeter/cli%.lua\n', out3)
    helper.rm_rf(dir)
  end)
end)

describe('the rock', function()
  local tree, code, log, deps
  setup(function()
    tree = helper.tmpdir()
    -- curl "installed" under a prefix of its own, as LuaRocks finds it on some machines: its
    -- folders must reach the compiler and the linker (a fixed path: the build stays up to date)
    deps = helper.root .. '/build/rock-deps/curl'
    local _, libcurl = helper.run('cc -print-file-name=libcurl.so')
    libcurl = assert(libcurl:match('^(/[^\n]+)\n$'), 'no libcurl.so')
    assert(os.execute(('mkdir -p %s/include %s/lib && ln -sf %s %s/lib/libcurl.so'):format(q(deps), q(deps),
      q(libcurl), q(deps))))
    -- SIGPIPE ignored, as some build tools leave it
    code, log = helper.run(('trap "" PIPE; %s make --deps-mode=none --tree %s %s CURL_DIR=%s 2>&1')
      :format(LUAROCKS, q(tree), ROCKSPEC, q(deps)))
  end)
  teardown(function() helper.rm_rf(tree) end)

  it('builds once, with no I/O error, passing the libraries\' folders to make', function()
    assert.are.equal(0, code, log)
    assert.is_nil(log:find('I/O error', 1, true), log)
    -- the install pass finds the build up to date (a rerun finds both up to date)
    local links = 0
    for _ in log:gmatch('%-o build/rock/tweeter/core%.so') do links = links + 1 end
    assert.is_true(links <= 1, 'the install pass rebuilt the core:\n' .. log)
    -- the compiler and flags the core was built with
    local flags = assert(helper.read(helper.root .. '/build/rock/flags'))
    assert.is_truthy(flags:find(' -I' .. deps .. '/include ', 1, true), flags)
    assert.is_truthy(flags:find(' -L' .. deps .. '/lib ', 1, true), flags)
  end)

  it('installs a tweeter that finds its modules, core and base model and sets the thread settings', function()
    assert.are.equal(0, code, log)
    assert_self_contained(tree .. '/bin/tweeter', tree)
  end)
end)

describe('the rockspec', function()
  it('passes luarocks lint', function()
    local code, out, err = helper.run(LUAROCKS .. ' lint ' .. ROCKSPEC)
    assert.are.equal(0, code, out .. err)
  end)

  it('declares lua-cjson: without it the rock is not installed', function()
    local empty, tree = helper.tmpdir(), helper.tmpdir()
    -- an empty rocks server: LuaRocks looks there for lua-cjson, and nowhere on the network
    local code, out, err = helper.run(('%s make --only-server=%s --tree %s %s')
      :format(LUAROCKS, q(empty), q(tree), ROCKSPEC))
    assert.are_not.equal(0, code)
    assert.matches('Could not satisfy dependency lua%-cjson', out .. err)
    assert.is_false(helper.exists(tree .. '/bin/tweeter'))
    helper.rm_rf(empty)
    helper.rm_rf(tree)
  end)

  it('describes the build as it is', function()
    local spec = {}
    assert(loadfile(helper.root .. '/' .. ROCKSPEC, 't', spec))()
    local text = spec.description.detailed
    assert.is_nil(text:find('CBLAS', 1, true))
    assert.matches('OpenBLAS', text)
    assert.matches('oneDNN', text)
    assert.matches('bf16', text)
  end)
end)
