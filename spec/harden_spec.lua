-- Output paths (one check, one atomic writer), loading (sizes
-- checked before allocating, descriptors released, every bad file a message), and the
-- security findings (terminal escapes, the token over plain http, rate-limit headers,
-- non-finite weights, the umask, hostile imports). Nothing here connects anywhere but the
-- loopback mock; waits are bounded by `timeout 60`, which only a hang reaches.
local helper = require('helper')
local mock = require('mock')
local core = require('tweeter.core')
local http = require('tweeter.http')
local fetch = require('tweeter.fetch')
local terminal = require('tweeter.terminal')

local q = helper.quote
local args = helper.args
local TINY = { '--embed', '8', '--hidden', '16', '--layers', '1', '--batch', '8', '--seq', '32' }

-- bin/tweeter with a deadline only a hang reaches; `env` prefixes the command (umask...)
local function tweeter(argv, env)
  local parts = { 'timeout 60', q(helper.root .. '/bin/tweeter') }
  for _, a in ipairs(argv) do parts[#parts + 1] = q(a) end
  local cmd = table.concat(parts, ' ')
  if env then cmd = 'sh -c ' .. q(env .. '; exec ' .. cmd) end
  return helper.run(cmd)
end

-- Fails unless the command failed with exit 1 and a one-line message matching `pattern`.
local function fails(argv, pattern, env)
  local code, out, err = tweeter(argv, env)
  assert.are.equal(1, code, table.concat(argv, ' ') .. ': ' .. tostring(err))
  assert.are.equal('', out)
  assert.matches(pattern, err)
  assert.matches('^[^\n]*\n$', err)
  assert.is_nil(err:find('internal error', 1, true), err)
  assert.is_nil(err:find('traceback', 1, true), err)
end

-- The first line a shell command prints.
local function first_line(cmd)
  local p = io.popen(cmd)
  local line = p:read('l')
  p:close()
  return line
end

local function mode(path)
  return first_line('stat -c %a ' .. q(path))
end


-- The descriptors this process holds, listed by a child while this process waits in
-- os.execute (a pipe to the child would itself come and go in the listing).
local function open_descriptors(scratch)
  local pid = assert(helper.read('/proc/self/stat')):match('^(%d+)')
  assert(os.execute(('ls /proc/%s/fd > %s'):format(pid, q(scratch))))
  return select(2, assert(helper.read(scratch)):gsub('\n', ''))
end

-- A model file with one float32 weight replaced, checksum made valid again.
local function with_weight(bytes, value)
  local w = assert(bytes:find('WGHT', 25, true))
  local first = w + 12 + 4
  return helper.with_checksum(bytes:sub(1, first - 1) .. string.pack('<f', value) .. bytes:sub(first + 4))
end

local MAGIC = '\137TWM\r\n\26\n'

-- A header that is valid for a file of `size` bytes (checksum aside).
local function header_for(size)
  return MAGIC .. string.pack('<I4I4I8', 1, 0, size - 24)
end

describe('output paths, loading and crafted inputs', function()
  local dir, data, model
  setup(function()
    dir, data = helper.posts_dir(60, 5)
    model = dir .. '/ok.tw'
    local code, _, err = tweeter(args('train', '--data', data, '--model', model, '--steps', '2', '--quiet', TINY))
    assert.are.equal(0, code, err)
    assert(os.execute('mkfifo ' .. q(dir .. '/fifo')))
    assert(os.execute('mkdir ' .. q(dir .. '/adir')))
    assert(os.execute('ln -s /dev/null ' .. q(dir .. '/to-null')))
    assert(os.execute('ln -s ' .. q(dir .. '/nothing-here') .. ' ' .. q(dir .. '/dangling')))
  end)
  teardown(function() helper.rm_rf(dir) end)

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
      -- the archive of the issue's report, which used to be read as one endless line
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

  describe('inputs', function()
    it('import refuses a post over 64 KiB without holding the file as lines', function()
      local long = helper.write(dir .. '/long.txt', 'short post\n' .. ('x'):rep(70000) .. '\nafter\n')
      fails({ 'import', long, '--out', dir .. '/long.jsonl' },
        'long%.txt:2: post of 70000 bytes is longer than the limit of 65536 bytes')
      local jl = helper.write(dir .. '/long.jsonl', '{"text":"' .. ('y'):rep(65537) .. '"}\n')
      fails({ 'import', jl, '--out', dir .. '/long-out.jsonl' }, 'post 1: post of 65537 bytes is longer')
      assert.is_false(helper.exists(dir .. '/long-out.jsonl'))
    end)

    it('import and train refuse a file over the input limit from its size alone', function()
      local big = dir .. '/big.txt'
      assert(os.execute('truncate -s 300M ' .. q(big)))   -- sparse: nothing is written
      fails({ 'import', big, '--out', dir .. '/big.jsonl' }, 'big%.txt: file too large %(314572800 bytes; at most 268435456%)')
      fails(args('train', '--data', big, '--model', dir .. '/big.tw', TINY), 'big%.txt: file too large')
      os.remove(big)
    end)

    it('import replaces invalid UTF-8 with U+FFFD and says how many bytes', function()
      local bad = helper.write(dir .. '/bad.txt', 'caf\233 ok\nfine\n\255\254 two\n')
      local out = dir .. '/bad.jsonl'
      local code, _, err = tweeter({ 'import', bad, '--out', out })
      assert.are.equal(0, code, err)
      assert.matches('bad%.txt: 3 bytes of invalid UTF%-8 replaced with U%+FFFD', err)
      local stored = require('tweeter.posts').load(out)
      local texts = {}
      for _, p in ipairs(stored) do texts[p.text] = true end
      assert.is_true(texts['caf\u{FFFD} ok'])
      assert.is_true(texts['\u{FFFD}\u{FFFD} two'])
      assert.is_true(texts.fine)
    end)
  end)

  describe('loading', function()
    local bad
    setup(function()
      local good = assert(helper.read(model))
      bad = {
        truncated = helper.write(dir .. '/truncated.tw', good:sub(1, #good // 2)),
        empty = helper.write(dir .. '/empty.tw', ''),
        garbage = helper.write(dir .. '/garbage.tw', 'not a model at all'),
        huge_header = helper.write(dir .. '/huge-header.tw', MAGIC .. string.pack('<I4I4I8', 1, 0, 1 << 40)),
        nan = helper.write(dir .. '/nan.tw', with_weight(good, 0 / 0)),
        inf = helper.write(dir .. '/inf.tw', with_weight(good, math.huge)),
        directory = dir .. '/adir', fifo = dir .. '/fifo', zero = '/dev/zero',
      }
      -- sparse files: a valid header and nothing but holes after it
      for name, size in pairs({ sparse_64g = 64 << 30, sparse_6g = 6 << 30 }) do
        local p = helper.write(dir .. '/' .. name .. '.tw', header_for(size))
        assert(os.execute(('truncate -s %d %s'):format(size, q(p))))
        bad[name] = p
      end
    end)
    teardown(function()
      for name, p in pairs(bad) do
        if name:match('^sparse') then os.remove(p) end
      end
    end)

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

    it('the CLI says so in one line with exit status 1, for every command that loads', function()
      for _, p in pairs(bad) do
        fails({ 'info', p }, 'cannot load model ')
        fails({ 'generate', p }, 'cannot load model ')
      end
      fails({ 'eval', bad.nan, data }, 'non%-finite weights')
      fails({ 'info', bad.sparse_6g }, 'sparse_6g%.tw: expected section CONF')
      fails(args('train', '--data', data, '--model', dir .. '/from-nan.tw', '--from', bad.nan, '--steps', '1'),
        'cannot load base model .*nan%.tw: non%-finite weights')
      assert.is_false(helper.exists(dir .. '/from-nan.tw'))
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

  describe('security', function()
    it('terminal.escape shows C0 controls, DEL, C1 controls and invalid bytes as escapes', function()
      assert.are.equal('\\x1b]0;owned\\x07 \\x1b[2J', terminal.escape('\27]0;owned\7 \27[2J'))
      assert.are.equal('a\\x00b\\x7fc\\x0a\\x09', terminal.escape('a\0b\127c\n\t'))
      assert.are.equal('\\u009b1m caf\u{e9} \u{1F600}', terminal.escape('\u{9B}1m caf\u{e9} \u{1F600}'))
      assert.are.equal('\\xff\\xc2 ok', terminal.escape('\255\194 ok'))
      local once = terminal.escape('\27[31m\255\u{85}')
      assert.are.equal(once, terminal.escape(once))
      assert.is_nil(once:find('[%z\1-\31\127\128-\255]'))
    end)

    describe('text from an API', function()
      local real_new, real_getenv = http.new, fetch.getenv
      local responses
      before_each(function()
        fetch.getenv = function(name) return name == 'TWITTER_BEARER_TOKEN' and 'secret-token' or nil end
        http.new = function()
          return setmetatable({
            get = function()
              local r = table.remove(responses, 1)
              return r[1], r[2], r[3] or {}
            end,
          }, { __close = function() end })
        end
      end)
      after_each(function()
        http.new, fetch.getenv = real_new, real_getenv
      end)

      local INJECT = '\27]0;owned\7\27[2J'
      local function assert_escaped(msg)
        assert.is_string(msg)
        assert.is_nil(msg:find('[%z\1-\31\127]'), msg)
        assert.is_truthy(msg:find('\\x1b]0;owned\\x07\\x1b[2J', 1, true), msg)
      end

      it('an error detail is escaped', function()
        responses = { { 403, ('{"detail":"%s"}'):format(INJECT:gsub('[%c]', function(c)
          return ('\\u%04x'):format(c:byte()) end)) } }
        local ok, msg = fetch.twitter('someone', { api_base = 'https://api.example' })
        assert.is_nil(ok)
        assert_escaped(msg)
        responses = { { 200, '{"id":"7"}' }, { 500, ('{"error":"%s"}'):format(INJECT:gsub('[%c]', function(c)
          return ('\\u%04x'):format(c:byte()) end)) } }
        ok, msg = fetch.mastodon('@a@social.example', { api_base = 'https://social.example' })
        assert.is_nil(ok)
        assert_escaped(msg)
        responses = { { 500, ('{"error":"x","message":"%s"}'):format(INJECT:gsub('[%c]', function(c)
          return ('\\u%04x'):format(c:byte()) end)) } }
        ok, msg = fetch.bluesky('a.bsky.social', { api_base = 'https://bsky.example' })
        assert.is_nil(ok)
        assert_escaped(msg)
      end)

      it('a pagination token is escaped', function()
        local escaped = INJECT:gsub('[%c]', function(c) return ('\\u%04x'):format(c:byte()) end)
        local page = ('{"data":[{"id":"5","text":"hi"}],"meta":{"next_token":"%s"}}'):format(escaped)
        responses = { { 200, '{"data":{"id":"42","username":"someone"}}' }, { 200, page }, { 200, page } }
        local ok, msg = fetch.twitter('someone', { api_base = 'https://api.example' })
        assert.is_nil(ok)
        assert.matches('same pagination token twice', msg)
        assert_escaped(msg)
      end)

      it('the bearer token goes over http:// only to loopback hosts', function()
        for url, allowed in pairs({
          ['https://api.x.com'] = true, ['HTTPS://api.x.com/2'] = true,
          ['http://127.0.0.1:8080'] = true, ['http://127.9.9.9/x'] = true, ['http://localhost'] = true,
          ['http://LOCALHOST:1/'] = true, ['http://[::1]:8080/'] = true, ['http://u:p@127.0.0.1/'] = true,
          ['http://api.x.com'] = false, ['http://10.0.0.1'] = false, ['http://127.0.0.1.evil.example'] = false,
          ['http://127.0.0.1@evil.example/'] = false, ['http://evil.example#@127.0.0.1'] = false,
          ['http://127.0.0.300/'] = false, ['http://localhost.evil.example'] = false,
          ['http://[::2]/'] = false, ['ftp://127.0.0.1'] = false,
        }) do
          local ok, msg = http.check_token_url(url)
          if allowed then
            assert.is_true(ok, url)
          else
            assert.is_nil(ok, url)
            assert.matches('use an https:// URL', msg)
          end
        end
        -- fetch refuses before it makes a client, so before any connection
        http.new = function() error('a client was made for a plain-http, non-loopback URL') end
        local ok, msg = fetch.twitter('someone', { api_base = 'http://api.example' })
        assert.is_nil(ok)
        assert.matches('refusing to send the bearer token to http://api.example in clear text: use an https:// URL', msg)
        assert.is_nil(msg:find('secret-token', 1, true))
      end)
    end)

    it('rate-limit headers far in the future are clamped to a day, never crash the message', function()
      local now = 1714639000
      assert.are.equal(now + 86400, http.reset_time({ ['retry-after'] = '1e300' }, now))
      assert.are.equal(now + 86400, http.reset_time({ ['retry-after'] = '1e400' }, now))
      assert.are.equal(now + 86400, http.reset_time({ ['x-rate-limit-reset'] = '99999999999999999999' }, now))
      assert.are.equal(now + 86400, http.reset_time({ ['x-ratelimit-reset'] = '9999-12-31T23:59:59Z' }, now))
      assert.are.equal(now, http.reset_time({ ['retry-after'] = '-5' }, now))
      for _, hdrs in ipairs({ { ['retry-after'] = '1e300' }, { ['x-rate-limit-reset'] = '99999999999999999999' } }) do
        local c = http.new { sleep = function() end, now = function() return now end }
        c.handle:close()
        c.handle = { get = function() return 429, '{}', hdrs end }
        local ok, msg, kind = c:get('https://api.example/2/x')
        assert.is_nil(ok)
        assert.are.equal('rate_limited', kind)
        assert.matches('retry after 2024%-05%-03 08:36:40 UTC %(in 24%.0 h%)', msg)
      end
    end)

    it('generated posts never carry control characters, whatever the vocabulary holds', function()
      local m = core.model { vocab = 'ab\27\7\0\n\t\127\u{9B}c', embed = 4, hidden = 8, layers = 1, seed = 3 }
      -- untrained weights: every token is about as likely, so control tokens would be drawn
      local posts = m:generate { n = 200, max_length = 40, seed = 1, temperature = 2 }
      for _, p in ipairs(posts) do
        assert.is_nil(p:find('[%z\1-\31\127]'), p)
        assert.is_nil(p:find('\194[\128-\159]'), p)
        assert.is_true(#p > 0)
      end
      assert.error_matches(function() m:generate { prime = 'a\27[2J' } end, 'prime holds control character U%+001B')
      -- and through the CLI: the posts on stdout, the vocabulary in info --json
      local path = dir .. '/controls.tw'
      assert(m:save(path))
      local code, out, err = tweeter({ 'generate', path, '-n', '50', '--seed', '2', '--temperature', '2' })
      assert.are.equal(0, code, err)
      assert.is_nil(out:find('[%z\1-\9\11-\31\127]'))
      assert.is_nil(out:find('\194[\128-\159]'))
      assert.are.equal(50, select(2, out:gsub('\n', '')))
      code, out = tweeter({ 'info', path, '--json' })
      assert.are.equal(0, code)
      assert.is_nil(out:sub(1, -2):find('[%z\1-\31\127]'))
      assert.is_nil(out:find('\194[\128-\159]'))
      assert.are.equal('ab\27\7\0\n\t\127\u{9B}c', require('cjson').decode(out).vocab)
    end)
  end)
end)
