-- Fault specs: training killed and resumed, a full disk during tweeter train's
-- saves, bad paths for every file argument of the CLI, network faults against the loopback
-- mock, and the size limits. What other specs already cover is not repeated here:
-- spec/model_spec.lua (core save under a file-size limit, truncated/corrupt files, a model
-- too large), spec/train_spec.lua (SIGINT checkpoint and resume), spec/http_spec.lua and
-- spec/fetch_spec.lua (timeouts, dropped connections, max_body, a lasting 500, bad JSON).
local helper = require('helper')
local mock = require('mock')
local core = require('tweeter.core')
local fetch = require('tweeter.fetch')
local http = require('tweeter.http')

local q = helper.quote
local TINY = { '--embed', '8', '--hidden', '16', '--layers', '1', '--batch', '8', '--seq', '32' }

local args = helper.args



describe('faults', function()
  local dir, data
  setup(function() dir, data = helper.posts_dir(200, 9) end)
  teardown(function() helper.rm_rf(dir) end)

  describe('tweeter train', function()
    it('killed with SIGKILL mid-run leaves the last good checkpoint, which resumes', function()
      local model = dir .. '/killed.tw'
      local p = helper.spawn(args('train', '--data', data, '--model', model, '--steps', '1000000', TINY,
        '--valid-every', '15', '--checkpoint-every', '10', '--patience', '0'))
      -- the validation at step 30 comes after the checkpoint of step 20: the kill lands in
      -- the middle of the run
      assert.is_truthy(p:until_line('^step 30:'), 'no validation at step 30')
      assert.is_true(p:signal('KILL'))
      assert.are.equal(128 + 9, (p:wait()))
      -- the checkpoint on disk is a whole one: it loads, at a multiple of --checkpoint-every
      local ckpt = assert(core.load(model .. '.ckpt'))
      local at = ckpt:info().steps
      assert.is_true(at >= 20)
      assert.are.equal(0, at % 10)
      -- so is the best model (saved at validations)
      local best = assert(core.load(model))
      assert.are.equal(0, best:info().steps % 15)
      -- a temporary file of a save the kill interrupted may be left; it does not matter
      local code, out, err = helper.tweeter(args('train', '--data', data, '--model', model, '--steps', '10',
        '--checkpoint-every', '10', '--quiet'))
      assert.are.equal(0, code, err)
      -- it goes on from the further of the two: the checkpoint, or the best model when a
      -- validation saved it after the last checkpoint
      local from = math.max(at, best:info().steps)
      assert.matches(from == at and '%(resume%)' or '%(continue%)', out)
      assert.are.equal(from + 10, assert(core.load(model .. '.ckpt')):info().steps)
      os.execute('rm -f ' .. q(model) .. '.tmp-* ' .. q(model) .. '.ckpt.tmp-*')
    end)

    it('with the disk full while saving fails with a message and keeps the previous files', function()
      local model = dir .. '/full.tw'
      local code, _, err = helper.tweeter(args('train', '--data', data, '--model', model, '--steps', '20',
        '--valid-every', '10', '--quiet', TINY))
      assert.are.equal(0, code, err)
      local before_model, before_ckpt = helper.read(model), helper.read(model .. '.ckpt')
      assert.is_true(#before_model > 8 * 1024)
      -- a file-size limit below the model's size, SIGXFSZ ignored: write() fails with EFBIG,
      -- as on a full disk
      local cmd = ("trap '' XFSZ; ulimit -f 8; %s train --data %s --model %s --steps 20 --valid-every 10 "
        .. '--checkpoint-every 5 --quiet'):format(q(helper.root .. '/bin/tweeter'), q(data), q(model))
      code, _, err = helper.run('sh -c ' .. q(cmd))
      assert.are.equal(1, code)
      assert.matches('^tweeter train: cannot save [a-z]+: .*full%.tw[.a-z]*: File too large\n$', err)
      assert.is_nil(err:find('traceback', 1, true))
      assert.are.equal(before_model, helper.read(model))
      assert.are.equal(before_ckpt, helper.read(model .. '.ckpt'))
      assert(core.load(model))
      assert.are.equal(20, assert(core.load(model .. '.ckpt')):info().steps)
      assert.are.same({}, helper.ls(q(model) .. '*.tmp-*'))   -- the failed save cleaned up after itself
      -- and without the limit the same training goes on from the checkpoint
      code, _, err = helper.tweeter(args('train', '--data', data, '--model', model, '--steps', '5', '--quiet'))
      assert.are.equal(0, code, err)
      assert.are.equal(25, assert(core.load(model .. '.ckpt')):info().steps)
    end)
  end)

  describe('bad paths for every file argument of the CLI', function()
    -- Specs run as root, so chmod 000 does not make a file unreadable; the faults used are a
    -- missing file, a path inside a missing folder, a folder where a file is expected, a FIFO
    -- (a model path: the loader must refuse it without opening it, which would block) and
    -- /dev/null (a character device; only where it is read, never where a file is written).
    local model, fifo, adir
    setup(function()
      model = dir .. '/ok.tw'
      local code, _, err = helper.tweeter(args('train', '--data', data, '--model', model, '--steps', '2', '--quiet', TINY))
      assert.are.equal(0, code, err)
      fifo = dir .. '/fifo'
      assert(os.execute('mkfifo ' .. q(fifo)))
      adir = dir .. '/adir'
      assert(os.execute('mkdir -p ' .. q(adir)))
    end)

    local function fails(argv, pattern)
      -- bounded: a CLI that blocked on a FIFO fails the spec instead of hanging it
      local parts = { 'timeout 60', q(helper.root .. '/bin/tweeter') }
      for _, a in ipairs(argv) do parts[#parts + 1] = q(a) end
      local code, out, err = helper.run(table.concat(parts, ' '))
      assert.are.equal(1, code, table.concat(argv, ' ') .. ': ' .. err)
      assert.are.equal('', out)
      assert.matches(pattern, err)
      assert.is_nil(err:find('internal error', 1, true), err)
      assert.is_nil(err:find('traceback', 1, true), err)
    end

    local function missing() return dir .. '/missing' end
    local function nodir() return dir .. '/no/such/dir/f' end

    -- Each path that is no model (missing, in no folder, a folder, a FIFO), given to
    -- argv_of, is refused with a message starting `what`.
    local function refuses_non_models(what, argv_of)
      fails(argv_of(missing()), what .. ' .*missing: No such file or directory')
      fails(argv_of(nodir()), what .. ' .*no/such/dir/f: No such file or directory')
      fails(argv_of(adir), what .. ' .*adir: is a directory, not a model file')
      fails(argv_of(fifo), what .. ' .*fifo: is not a regular file')
    end

    -- Likewise for a posts file: missing, in no folder, a folder that is no archive, a device.
    local function refuses_non_posts(argv_of)
      fails(argv_of(missing()), 'cannot read posts file: .*missing: No such file or directory')
      fails(argv_of(nodir()), 'cannot read posts file: .*no/such/dir/f: No such file or directory')
      fails(argv_of(adir), 'cannot read posts file: .*adir: not a Twitter archive')
      fails(argv_of('/dev/null'), 'cannot read posts file: /dev/null: is a device, not a regular file')
    end

    it('train --data', function()
      local t = args('--model', dir .. '/d.tw', TINY)
      refuses_non_posts(function(p) return args('train', '--data', p, t) end)
      fails(args('train', '--data', '/dev/zero', t), 'cannot read posts file: /dev/zero: is a device, not a regular file')
      fails(args('train', '--data', fifo, t), 'cannot read posts file: .*fifo: is a FIFO, not a regular file')
      assert.is_false(helper.exists(dir .. '/d.tw'))
    end)

    it('train --model', function()
      fails(args('train', '--data', data, '--model', adir, '--steps', '1'), 'cannot use model .*adir: is a directory')
      -- a folder that does not exist is found before training, not at the first save
      fails(args('train', '--data', data, '--model', nodir(), '--steps', '100000', TINY),
        'cannot create model .*no/such/dir/f: folder .*no/such/dir does not exist')
      -- a FIFO or a device is neither opened (that would block) nor replaced
      fails(args('train', '--data', data, '--model', fifo, '--steps', '1'), 'cannot use model .*fifo: is a FIFO, not a regular file')
      fails(args('train', '--data', data, '--model', '/dev/null', '--steps', '1'), 'cannot use model /dev/null: is a device')
      assert.are.equal('device', core.file_kind('/dev/null'))
    end)

    it('train --from', function()
      local t = args('train', '--data', data, '--model', dir .. '/ft.tw', '--steps', '1', '--from')
      refuses_non_models('cannot load base model', function(p) return args(t, p) end)
      assert.is_false(helper.exists(dir .. '/ft.tw'))
    end)

    it('generate MODEL and --novel-against FILE', function()
      refuses_non_models('cannot load model', function(p) return { 'generate', p } end)
      refuses_non_posts(function(p) return { 'generate', model, '--novel-against', p } end)
    end)

    it('eval MODEL FILE', function()
      refuses_non_models('cannot load model', function(p) return { 'eval', p, data } end)
      refuses_non_posts(function(p) return { 'eval', model, p } end)
    end)

    it('info MODEL', function()
      refuses_non_models('cannot load model', function(p) return { 'info', p } end)
      fails({ 'info', '/dev/null' }, 'cannot load model /dev/null: /dev/null: is not a regular file')
    end)

    it('import PATH and --out FILE', function()
      local out = dir .. '/imported.jsonl'
      fails({ 'import', missing() .. '.txt', '--out', out }, 'cannot open .*missing.txt: No such file or directory')
      fails({ 'import', dir .. '/no/such/x.txt', '--out', out }, 'cannot open .*no/such/x.txt: No such file or directory')
      fails({ 'import', adir, '--out', out }, 'adir: not a Twitter archive %(no data/tweets.js%)')
      fails({ 'import', '/dev/null', '--out', out }, 'cannot open /dev/null: is a device, not a regular file')
      fails({ 'import', fifo, '--out', out }, 'cannot open .*fifo: is a FIFO, not a regular file')
      fails({ 'import', data .. '.csv', '--out', out }, 'cannot open .*posts.txt.csv: No such file or directory')
      assert.is_false(helper.exists(out))
      -- --out: a folder, and a path under a regular file (its folder cannot be made)
      fails({ 'import', data, '--out', adir }, 'cannot write posts file: .*adir: is a directory')
      -- a device is never replaced by the posts file (as root, a rename would replace it)
      fails({ 'import', data, '--out', '/dev/null' }, '/dev/null: is a device, not a regular file')
      local kind = require('tweeter.core').file_kind('/dev/null')
      assert.are.equal('device', kind)
      fails({ 'import', data, '--out', data .. '/o.jsonl' }, 'cannot create the folder of .*posts.txt/o.jsonl: .*posts.txt: Not a directory')
      -- a missing folder is made
      local code, _, err = helper.tweeter({ 'import', data, '--out', dir .. '/new/dir/o.jsonl' })
      assert.are.equal(0, code, err)
      assert.is_true(helper.exists(dir .. '/new/dir/o.jsonl'))
    end)
  end)

  describe('network', function()
    local m, waits
    mock.serve(function(s) m = s end)

    local function opts(extra)
      waits = {}
      local o = { api_base = m.base, timeout = 2, backoff = 0.01, retries = 2,
        sleep = function(s) waits[#waits + 1] = s end }
      for k, v in pairs(extra or {}) do o[k] = v end
      return o
    end

    local SOURCES = {
      { 'mastodon', '@baker@example.org', 'Mastodon account lookup failed: ' },
      { 'bluesky', 'baker.bsky.social', 'Bluesky profile lookup failed: ' },
    }

    -- Fetches from every source with opts(extra); each must fail, and `check` sees its message.
    local function each_source_fails(extra, check)
      for _, s in ipairs(SOURCES) do
        local ok, msg = fetch[s[1]](s[2], opts(extra))
        assert.is_nil(ok)
        check(msg, s)
      end
    end

    it('connection refused: a clear message after the bounded retries', function()
      each_source_fails({ api_base = 'http://127.0.0.1:1' }, function(msg, s)
        assert.matches('^' .. s[3]:gsub('%p', '%%%0') .. '.*127%.0%.0%.1.* %(GET http://127%.0%.0%.1:1/.+, 3 attempts%)$', msg)
        -- bounded: 3 attempts, and between them only the (injected) backoff waits
        assert.are.same({ 0.01, 0.02 }, waits)
      end)
    end)

    it('connection reset mid-body: retried, then reported', function()
      m:set('force', 'reset')
      each_source_fails(nil, function(msg)
        assert.matches('[Rr]eset', msg)
        assert.matches('3 attempts%)$', msg)
        assert.are.equal(2, #waits)
      end)
      local h <close> = core.http { timeout = 2000 }
      local ok, _, kind = h:get(m.base .. '/api/v1/accounts/lookup')
      assert.is_nil(ok)
      assert.are.equal('dropped', kind)
    end)

    it('a server that never answers: bounded by the timeout', function()
      -- the server would stall far longer than any timeout: only the timeout ends a request
      m:set('stall', '30')
      m:set('force', '')
      local h <close> = core.http { timeout = 300 }
      local ok, msg, kind = h:get(m.base .. '/http/stall')
      assert.is_nil(ok)
      assert.are.equal('timeout', kind)
      assert.matches('[Tt]imed? ?out', msg)
      -- the whole fetch, retries included, stays within attempts x timeout: each of the 3
      -- attempts ended by its timeout, and the only other waits are the injected backoffs
      local fok, fmsg = fetch.bluesky('baker.bsky.social', opts { timeout = 0.3, api_base = m.base .. '/http/stall?x=' })
      assert.is_nil(fok)
      assert.matches('[Tt]imed? ?out', fmsg)
      assert.matches('3 attempts%)$', fmsg)
      assert.are.same({ 0.01, 0.02 }, waits)
    end)

    it('a 5xx storm: bounded retries and a message naming the status', function()
      m:set('force', '503')
      each_source_fails(nil, function(msg)
        assert.matches('server error %(http 503%) from http://127%.0%.0%.1:%d+/.+ after 3 attempts$', msg)
        assert.are.same({ 0.01, 0.02 }, waits)
      end)
      assert.are.equal(6, #m:log())
    end)

    it('a redirect loop is not followed: one request, a message naming the 302', function()
      m:set('force', 'redirect')
      local ok, msg = fetch.mastodon('@baker@example.org', opts())
      assert.is_nil(ok)
      assert.are.equal('Mastodon API: unexpected http 302', msg)
      ok, msg = fetch.bluesky('baker.bsky.social', opts())
      assert.is_nil(ok)
      assert.are.equal('Bluesky API: http 302 with a body that is not JSON', msg)
      assert.are.equal(2, #m:log())
    end)

    it('refuses an HTTPS server with a self-signed certificate', function()
      local tls = helper.tmpdir()
      assert(os.execute(('openssl req -x509 -newkey rsa:2048 -nodes -subj /CN=localhost -days 1 '
        .. '-keyout %s -out %s > /dev/null 2>&1'):format(q(tls .. '/key.pem'), q(tls .. '/cert.pem'))),
        'openssl is needed (scripts/deps.sh installs it with ca-certificates)')
      helper.write(tls .. '/server.py', ([[
import http.server, os, ssl, sys, threading, time
class H(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        body = b'{"did": "did:plc:x"}'
        self.send_response(200)
        self.send_header('Content-Length', str(len(body)))
        self.end_headers()
        self.wfile.write(body)
    def log_message(self, *a):
        pass
ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
ctx.load_cert_chain(%q, %q)
srv = http.server.ThreadingHTTPServer(('127.0.0.1', 0), H)
srv.socket = ctx.wrap_socket(srv.socket, server_side=True)
srv.handle_error = lambda *a: None
parent = os.getppid()
def watchdog():
    t0 = time.time()
    while os.getppid() == parent and time.time() - t0 < 60:
        time.sleep(0.2)
    os._exit(0)
threading.Thread(target=watchdog, daemon=True).start()
print(srv.server_address[1], os.getpid(), flush=True)
srv.serve_forever()
]]):format(tls .. '/cert.pem', tls .. '/key.pem'))
      local pipe = assert(io.popen('exec python3 ' .. q(tls .. '/server.py') .. ' 2>/dev/null'))
      local port, pid = (pipe:read('l') or ''):match('^(%d+) (%d+)$')
      assert(port, 'TLS server did not start')
      local h <close> = core.http { timeout = 5000 }
      local ok, msg, kind = h:get('https://127.0.0.1:' .. port .. '/')
      assert.is_nil(ok)
      assert.are.equal('tls', kind)
      assert.matches('[Cc]ertificate', msg)
      local fok, fmsg = fetch.bluesky('baker.bsky.social', opts { api_base = 'https://localhost:' .. port })
      assert.is_nil(fok)
      assert.matches('^Bluesky profile lookup failed: .*[Cc]ertificate.* %(GET https://localhost:%d+/xrpc/app%.bsky%.actor%.getProfile%)$', fmsg)
      assert.are.same({}, waits)   -- not retried: it would fail the same way
      os.execute('kill ' .. pid .. ' 2>/dev/null')
      pipe:close()
      helper.rm_rf(tls)
    end)

    it('stops a body far larger than any real page at max_body, hanging up on the server', function()
      -- the default max_body (64 MiB) against 512 MiB sent without a Content-Length
      local c <close> = http.new { sleep = function() end }
      local ok, msg, kind = c:get(m.base .. '/http/huge?mb=512&chunked=1')
      assert.is_nil(ok)
      assert.are.equal('too_large', kind)
      assert.matches('^response body larger than 67108864 bytes %(max_body%)', msg)
      -- the server saw the client hang up soon after 64 MiB (socket buffers hold a few MiB),
      -- not after the whole body: the client stopped reading instead of draining it
      local sent
      assert.is_true(helper.wait_for(function()
        sent = tonumber(m:control('/_state').huge_sent)
        return sent ~= nil
      end, 60), 'the server never finished the response')
      assert.is_true(sent < 96 * 1024 * 1024, ('the server sent %d bytes'):format(sent))
    end)
  end)

  describe('limits', function()
    it('refuses hidden = 1e9 and other huge sizes with a message, before allocating', function()
      local cases = {
        { { vocab = 'ab', hidden = 1e9 }, 'hidden must be between 1 and 16384, got 1000000000' },
        { { vocab = 'ab', embed = 1e9 }, 'embed must be between 1 and 8192, got 1000000000' },
        { { vocab = 'ab', layers = 1e9 }, 'layers must be between 1 and 8, got 1000000000' },
        { { vocab = 'ab', hidden = 2 ^ 62 }, 'hidden must be between 1 and 16384' },
        { { vocab = 'ab', hidden = 16384, layers = 8 }, 'model too large: %d+ parameters %(at most 268435456%)' },
      }
      -- every buffer the core allocates is a userdata, so Lua's heap count sees it
      collectgarbage('collect')
      collectgarbage('stop')
      local before = collectgarbage('count')
      for _, case in ipairs(cases) do
        assert.error_matches(function() core.model(case[1]) end, case[2])
      end
      local grown_kb = collectgarbage('count') - before
      collectgarbage('restart')
      assert.is_true(grown_kb < 256, ('the Lua heap grew by %.0f KiB'):format(grown_kb))
    end)

    it('bounds the vocabulary: the string given, and the size a model file states', function()
      assert.error_matches(function() core.model { vocab = ('a'):rep(4 * 0x110000 + 1) } end,
        'vocab too long')
      -- a file whose configuration states 2^21 tokens (checksum valid): refused by the bound
      local m = core.model { vocab = 'ab', embed = 2, hidden = 2, layers = 1 }
      local path = os.tmpname()
      assert(m:save(path))
      local bytes = helper.read(path)
      local conf = bytes:find('CONF', 25, true)
      local patched = bytes:sub(1, conf + 11) .. string.pack('<I4', 0x200000) .. bytes:sub(conf + 16)
      -- recompute the CRC-32 of the payload
      local crc = 0xFFFFFFFF
      for i = 25, #patched do
        crc = crc ~ patched:byte(i)
        for _ = 1, 8 do crc = (crc & 1) == 1 and (0xEDB88320 ~ (crc >> 1)) or (crc >> 1) end
      end
      patched = patched:sub(1, 12) .. string.pack('<I4', crc ~ 0xFFFFFFFF) .. patched:sub(17)
      helper.write(path, patched)
      local ok, err = core.load(path)
      os.remove(path)
      assert.is_nil(ok)
      assert.matches('vocabulary size must be between 3 and 1114114, got 2097152', err)
    end)

    it('bounds prime length (in characters and bytes), generation length and count', function()
      local m = core.model { vocab = 'abé😀', embed = 2, hidden = 4, layers = 1 }
      -- 1000 four-byte characters are allowed, 1001 two-byte ones are not
      assert.are.equal(1, #m:generate { prime = ('😀'):rep(1000), max_length = 1001, seed = 1 })
      assert.error_matches(function() m:generate { prime = ('é'):rep(1001), max_length = 2000 } end,
        'prime is longer than 1000 characters')
      assert.error_matches(function() m:generate { prime = ('😀'):rep(1001) } end,
        'prime is longer than 1000 characters')
      assert.error_matches(function() m:generate { max_length = 100001 } end,
        'max_length must be between 1 and 100000, got 100001')
      assert.error_matches(function() m:generate { n = 10001 } end, 'n must be between 1 and 10000, got 10001')
      assert.error_matches(function() m:generate { top_k = 7 } end, 'top_k must be between 0 and 6, got 7')
      local out = m:generate { max_length = 100000, seed = 3, temperature = 0.5 }
      assert.is_true(utf8.len(out[1]) <= 100000)
    end)

    it('the CLI reports a bound as a usage error', function()
      local bound_dir = helper.tmpdir()
      local posts = helper.write(bound_dir .. '/p.txt', helper.posts(20, 3))
      local code, out, err = helper.tweeter({ 'train', '--data', posts, '--model', bound_dir .. '/m.tw',
        '--hidden', '1000000000' })
      assert.are.equal(2, code)
      assert.are.equal('', out)
      assert.are.equal("tweeter train: hidden must be between 1 and 16384, got 1000000000\n"
        .. "Try 'tweeter train --help'.\n", err)
      assert.is_false(helper.exists(bound_dir .. '/m.tw'))
      helper.rm_rf(bound_dir)
    end)
  end)
end)
