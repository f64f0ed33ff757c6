-- tweeter.files: inputs are regular files of a bounded size; outputs are checked (one check,
-- shared with the core's writers) before any work starts and replaced atomically.
-- Nothing here connects anywhere but the loopback mock; waits are bounded by `timeout 60`,
-- which only a hang reaches.
local helper = require('helper')
local mock = require('mock')
local core = require('tweeter.core')
local files = require('tweeter.files')

local q = helper.quote
local args = helper.args
local TINY = helper.TINY
local tweeter = helper.bounded_tweeter
local fails = helper.refuses

local function first_line(cmd)
  local p = io.popen(cmd)
  local line = p:read('l')
  p:close()
  return line
end

local function mode(path)
  return first_line('stat -c %a ' .. q(path))
end

describe('tweeter.files', function()
  local dir, data
  setup(function()
    dir, data = helper.posts_dir(60, 5)
    assert(os.execute('mkfifo ' .. q(dir .. '/fifo')))
    assert(os.execute('mkdir ' .. q(dir .. '/adir')))
    assert(os.execute('ln -s /dev/null ' .. q(dir .. '/to-null')))
    assert(os.execute('ln -s ' .. q(dir .. '/nothing-here') .. ' ' .. q(dir .. '/dangling')))
  end)
  teardown(function() helper.rm_rf(dir) end)

  it('reads regular files only, of at most max_bytes, naming the path and the problem', function()
    assert.are.equal('file', files.kind(data))
    assert.are.equal('directory', files.kind(dir .. '/adir'))
    assert.are.equal('fifo', files.kind(dir .. '/fifo'))
    assert.is_nil(files.kind(dir .. '/missing'))
    assert.are.equal(helper.read(data), files.read(data))
    local s, err = files.read(data, 10)
    assert.is_nil(s)
    assert.matches('posts%.txt: file too large %(%d+ bytes; at most 10%)', err)
    for path, why in pairs({ [dir .. '/missing'] = 'No such file or directory', [dir .. '/adir'] = 'is a directory',
        [dir .. '/fifo'] = 'is a FIFO, not a regular file', ['/dev/zero'] = 'is a device, not a regular file' }) do
      s, err = files.read(path)
      assert.is_nil(s, path)
      assert.matches(why, err, 1, true)
    end
    assert.are.equal('a\nb\nc\n', files.decode_text('\239\187\191a\r\nb\rc\n', 'x'))
    assert.are.equal('hé\n', files.decode_text('\255\254h\0\233\0\n\0', 'x'))
    assert.matches('^x: UTF%-32 text is not supported', select(2, files.decode_text('\255\254\0\0a\0\0\0', 'x')))
  end)

  it('makes the folders of a path, and says why it cannot', function()
    assert.is_true(files.make_parent(dir .. '/made/deeper/f.txt'))
    assert.are.equal('directory', files.kind(dir .. '/made/deeper'))
    assert.is_true(files.make_parent('relative-file-only'))
    local ok, err = files.make_parent(data .. '/under/f.txt')
    assert.is_nil(ok)
    assert.matches('posts%.txt: Not a directory', err)
  end)

  describe('output paths', function()
    -- each bad output, and the message that must name it
    local function bad_outputs()
      return {
        { dir .. '/fifo', 'fifo: is a FIFO, not a regular file' },
        { '/dev/null', '/dev/null: is a device, not a regular file' },
        { '/dev/full', '/dev/full: is a device, not a regular file' },
        { '/dev/zero', '/dev/zero: is a device, not a regular file' },
        { dir .. '/adir', 'adir: is a directory' },
        { dir .. '/to-null', 'to%-null: is a symbolic link, and its target is a device' },
        { dir .. '/dangling', 'dangling: is a symbolic link to a missing file' },
      }
    end

    it('import refuses each before reading its input', function()
      -- the input does not exist: a message about it would mean it was looked at first
      for _, case in ipairs(bad_outputs()) do
        fails({ 'import', dir .. '/missing.txt', '--out', case[1] }, 'cannot write posts file: .*' .. case[2])
      end
      -- an archive folder too: the output is refused before the input is read
      fails({ 'import', 'examples/sample-archive', '--out', '/dev/full' }, '/dev/full: is a device')
    end)

    it('train refuses each for the model, the checkpoint and the loss curve before reading the data', function()
      for _, case in ipairs(bad_outputs()) do
        fails(args('train', '--data', dir .. '/missing.txt', '--model', case[1], '--steps', '1'),
          'cannot use model .*' .. case[2])
      end
      local m = dir .. '/side.tw'
      for _, suffix in ipairs({ '.ckpt', '.svg' }) do
        assert(os.execute('mkfifo ' .. q(m .. suffix)))
        fails(args('train', '--data', dir .. '/missing.txt', '--model', m, '--steps', '1'),
          'cannot write .*side%.tw' .. suffix:gsub('%.', '%%.') .. ': is a FIFO')
        os.remove(m .. suffix)
      end
      assert.is_false(helper.exists(m))
    end)

    it('fetch refuses each, and a bad .resume path, before connecting', function()
      -- port 9 on loopback: nothing listens; a refusal about the path comes first
      for _, case in ipairs(bad_outputs()) do
        fails({ 'fetch', '@someone@social.example', '--api-base', 'http://127.0.0.1:9', '--out', case[1] },
          case[2])
      end
      local out = dir .. '/fetched.jsonl'
      assert(os.execute('mkdir ' .. q(out .. '.resume')))
      fails({ 'fetch', '@someone@social.example', '--api-base', 'http://127.0.0.1:9', '--out', out },
        'fetched%.jsonl%.resume: is a directory')
      os.remove(out .. '.resume')
    end)

    it('core.write_file and model:save share the check', function()
      local m = core.model { vocab = 'ab', embed = 2, hidden = 2, layers = 1 }
      for _, case in ipairs(bad_outputs()) do
        local ok, err = core.write_file(case[1], 'x')
        assert.is_nil(ok)
        assert.matches(case[2], err)
        ok, err = m:save(case[1])
        assert.is_nil(ok)
        assert.matches(case[2], err)
      end
      assert.are.equal('device', core.file_kind('/dev/null'))
      assert.are.equal('fifo', core.file_kind(dir .. '/fifo'))
    end)

    it('a link to a regular file is followed: the file is replaced, the link kept', function()
      local target = helper.write(dir .. '/real.jsonl', '')
      local link = dir .. '/link.jsonl'
      assert(os.execute('ln -sf real.jsonl ' .. q(link)))
      local code, _, err = tweeter({ 'import', data, '--out', link })
      assert.are.equal(0, code, err)
      assert.are.equal('real.jsonl', first_line('readlink ' .. q(link)))
      assert.matches('"text":', helper.read(target))
      assert.are.same({}, helper.ls(q(dir) .. '/*.tmp*'))
    end)

    it('a symlink planted at OUT.tmp (or at the .resume record\'s) leaves its target unchanged', function()
      local sentinel = helper.write(dir .. '/sentinel', 'precious\n')
      local out = dir .. '/planted.jsonl'
      assert(os.execute(('ln -s %s %s'):format(q(sentinel), q(out .. '.tmp'))))
      assert(os.execute(('ln -s %s %s'):format(q(sentinel), q(out .. '.resume.tmp'))))
      local code, _, err = tweeter({ 'import', data, '--out', out })
      assert.are.equal(0, code, err)
      assert.are.equal('precious\n', helper.read(sentinel))
      assert.matches('"text":', helper.read(out))
      local m = mock.start()
      code, _, err = helper.run(('%s fetch %s --api-base %s --out %s --limit 3 --quiet'):format(
        q(helper.root .. '/bin/tweeter'), q('@alice@social.example'), q(m.base), q(out)))
      m:stop()
      assert.are.equal(0, code, err)
      assert.is_true(helper.exists(out .. '.resume'))
      assert.are.equal('precious\n', helper.read(sentinel))
    end)

    it('a failed write (file-size limit, as a full disk) leaves the previous file byte for byte', function()
      local path = helper.write(dir .. '/keep.jsonl', '{"text":"old"}\n')
      -- a child process: under ulimit -f (SIGXFSZ ignored) write() fails with EFBIG
      local script = helper.write(dir .. '/big.lua', ([[
        package.path = 'lua/?.lua;' .. package.path
        package.cpath = 'build/?.so;' .. package.cpath
        local posts = require('tweeter.posts')
        local list = {}
        for i = 1, 20000 do list[i] = { text = ('post %%d '):format(i):rep(10) } end
        local ok, err = posts.save(%q, list)
        io.write(tostring(ok), '|', tostring(err), '\n')
      ]]):format(path))
      local code, out = helper.run(('sh -c %s'):format(q("trap '' XFSZ; ulimit -f 64; lua5.4 " .. q(script))))
      assert.are.equal(0, code)
      assert.matches('^nil|cannot write posts file: .*keep%.jsonl: File too large', out)
      assert.are.equal('{"text":"old"}\n', helper.read(path))
      assert.are.same({}, helper.ls(q(path) .. '.tmp*'))
    end)

    it('under umask 077 every file train, import and fetch write has mode 0600', function()
      local sub = dir .. '/umask'
      assert(os.execute('mkdir ' .. q(sub)))
      local env = 'umask 077'
      local code, _, err = tweeter(args('train', '--data', data, '--model', sub .. '/m.tw', '--steps', '2',
        '--checkpoint-every', '1', '--quiet', TINY), env)
      assert.are.equal(0, code, err)
      code, _, err = tweeter({ 'import', data, '--out', sub .. '/imported.jsonl' }, env)
      assert.are.equal(0, code, err)
      local m = mock.start()
      code, _, err = tweeter({ 'fetch', '@alice@social.example', '--api-base', m.base, '--out',
        sub .. '/fetched.jsonl', '--limit', '3', '--quiet' }, env)
      m:stop()
      assert.are.equal(0, code, err)
      local written = helper.ls(q(sub) .. '/*')
      local names = {}
      for i, p in ipairs(written) do names[i] = p:match('[^/]+$') end
      table.sort(names)
      assert.are.same({ 'fetched.jsonl', 'fetched.jsonl.resume', 'imported.jsonl', 'm.tw', 'm.tw.ckpt',
        'm.tw.svg' }, names)
      for _, p in ipairs(written) do assert.are.equal('600', mode(p), p) end
      -- and the default umask of the suite gives what any new file gets
      local other = dir .. '/plain.tw'
      assert(core.model { vocab = 'ab', embed = 2, hidden = 2, layers = 1 }:save(other))
      local want = ('%o'):format(0x1B6 & ~tonumber(first_line('sh -c umask'), 8))
      assert.are.equal(want, mode(other))
    end)
  end)

  it('import and train refuse a file over the input limit from its size alone', function()
      local big = dir .. '/big.txt'
      assert(os.execute('truncate -s 300M ' .. q(big)))   -- sparse: nothing is written
      fails({ 'import', big, '--out', dir .. '/big.jsonl' }, 'big%.txt: file too large %(314572800 bytes; at most 268435456%)')
      fails(args('train', '--data', big, '--model', dir .. '/big.tw', TINY), 'big%.txt: file too large')
      os.remove(big)
    end)
end)
