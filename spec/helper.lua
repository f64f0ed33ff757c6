--- Shared helpers for the specs: temporary folders, files, subprocesses, tiny corpora.
-- Generic on purpose: any spec may use it.
local M = {}

--- The checkout's root (specs run from there).
M.root = os.getenv('PWD') or '.'

--- Quotes a string for the shell.
function M.quote(s)
  return "'" .. tostring(s):gsub("'", "'\\''") .. "'"
end

--- A fresh temporary path, nothing there yet (os.tmpname creates the file; it is removed),
-- with `suffix` appended when given.
function M.tmppath(suffix)
  local p = os.tmpname()
  os.remove(p)
  return p .. (suffix or '')
end

--- A new empty temporary folder.
function M.tmpdir()
  local p = M.tmppath()
  assert(os.execute('mkdir -p ' .. M.quote(p)))
  return p
end

--- A new temporary folder holding `name` (default posts.txt): helper.posts(n, seed), one a
-- line. Returns the folder and the file's path.
function M.posts_dir(n, seed, name)
  local dir = M.tmpdir()
  return dir, M.write(dir .. '/' .. (name or 'posts.txt'), M.posts(n, seed))
end

--- Removes a folder and everything in it.
function M.rm_rf(p)
  if p and p:match('^/tmp/') then os.execute('rm -rf ' .. M.quote(p)) end
end

--- Writes a file (a string, or an array of lines each followed by a newline).
function M.write(path, content)
  if type(content) == 'table' then content = table.concat(content, '\n') .. '\n' end
  local f = assert(io.open(path, 'wb'))
  f:write(content)
  f:close()
  return path
end

--- A file's content, or nil when it cannot be read.
function M.read(path)
  local f = io.open(path, 'rb')
  if not f then return nil end
  local s = f:read('a')
  f:close()
  return s
end

function M.exists(path)
  local f = io.open(path, 'rb')
  if f then f:close() return true end
  return false
end

--- Runs a shell command; returns exit code, stdout, stderr.
-- @tparam string cmd
-- @tparam[opt] string stdin text fed to the command
function M.run(cmd, stdin)
  local dir = M.tmpdir()
  local o, e, i = dir .. '/out', dir .. '/err', dir .. '/in'
  M.write(i, stdin or '')
  local ok, how, code = os.execute(('%s < %s > %s 2> %s'):format(cmd, M.quote(i), M.quote(o), M.quote(e)))
  local out, err = M.read(o), M.read(e)
  M.rm_rf(dir)
  if how == 'signal' then code = 128 + code end
  return ok and 0 or code, out, err
end

--- Flattens its arguments into one array: strings as they are, tables spliced in.
function M.args(...)
  local out = {}
  for _, t in ipairs({ ... }) do
    if type(t) == 'table' then table.move(t, 1, #t, #out + 1, out) else out[#out + 1] = t end
  end
  return out
end

--- Runs `bin/tweeter` with arguments (each quoted); returns exit code, stdout, stderr.
function M.tweeter(args, stdin)
  local parts = { M.quote(M.root .. '/bin/tweeter') }
  for _, a in ipairs(args) do parts[#parts + 1] = M.quote(a) end
  return M.run(table.concat(parts, ' '), stdin)
end

-- Writes the zip file of M.zip from a JSON description (argv: zip path, description path).
local ZIP_WRITER = [[
import json, struct, sys, zipfile
path, spec = sys.argv[1], json.load(open(sys.argv[2]))
with zipfile.ZipFile(path, 'w', zipfile.ZIP_DEFLATED) as z:
    for e in spec['entries']:
        if 'file' in e: data = open(e['file'], 'rb').read()
        elif 'zeros' in e: data = bytes(e['zeros'])
        else: data = e['text'].encode()
        z.writestr(e['name'], data)
if 'declare' in spec:
    b = bytearray(open(path, 'rb').read())
    struct.pack_into('<I', b, b.find(b'PK\x03\x04') + 22, spec['declare'])
    struct.pack_into('<I', b, b.find(b'PK\x01\x02') + 24, spec['declare'])
    open(path, 'wb').write(b)
]]

--- Writes a zip file (deflated, by Python's zipfile) holding `entries`, each `{ name =,
-- text = }`, `{ name =, file = path }` or `{ name =, zeros = n }` (n zero bytes). With
-- `declare`, the first entry's headers claim that many bytes uncompressed (a lying entry).
-- Returns the path.
function M.zip(path, entries, declare)
  local spec = M.write(path .. '.json', require('cjson').encode({ entries = entries, declare = declare }))
  assert(os.execute(('/usr/bin/python3 -c %s %s %s'):format(M.quote(ZIP_WRITER), M.quote(path), M.quote(spec))))
  os.remove(spec)
  return path
end

--- Runs `tweeter.cli.main(argv)` in a child `lua5.4` of this checkout after `setup` (Lua
-- code: a spec's stand-in for part of the program) ran, under an address-space limit of
-- `limit_kb` when given (ulimit -v). Returns exit code, stdout, stderr.
function M.cli_child(argv, setup, limit_kb)
  local quoted = {}
  for i, a in ipairs(argv) do quoted[i] = ('%q'):format(a) end
  local code = ([[
    package.path = %q
    package.cpath = %q
    %s
    os.exit(require('tweeter.cli').main({ %s }))
  ]]):format(M.root .. '/lua/?.lua;' .. M.root .. '/lua/?/init.lua;' .. package.path,
    package.cpath, setup or '', table.concat(quoted, ', '))
  local cmd = 'timeout 120 lua5.4 -e ' .. M.quote(code)
  if limit_kb then cmd = ('sh -c %s'):format(M.quote(('ulimit -v %d; exec %s'):format(limit_kb, cmd))) end
  return M.run(cmd)
end

--- Polls `pred` until it holds or `seconds` pass (a deadline only a hang reaches): true when
-- it held.
function M.wait_for(pred, seconds)
  local clock = require('tweeter.core').monotonic
  local t0 = clock()
  while not pred() do
    if clock() - t0 > seconds then return false end
    os.execute('sleep 0.05')
  end
  return true
end

--- The paths a shell glob matches (none: an empty array).
function M.ls(pattern)
  local p = io.popen('ls -d ' .. pattern .. ' 2>/dev/null')
  local out = {}
  for line in p:lines() do out[#out + 1] = line end
  p:close()
  return out
end

--- Starts `bin/tweeter` with arguments and reads its stderr through a pipe (stdout goes to
-- `stdout_path`, default /dev/null). A spec waits on events: `p:until_line(pattern)` reads
-- lines until one matches (nil at end of output), `p:signal(name)` signals it, `p:wait()`
-- reads to the end and returns the exit code and everything it wrote to stderr. A process
-- that hangs is killed after `deadline` seconds (default 300), which fails the spec instead
-- of hanging the suite.
function M.spawn(args, opts)
  opts = opts or {}
  local parts = { M.quote(M.root .. '/bin/tweeter') }
  for _, a in ipairs(args) do parts[#parts + 1] = M.quote(a) end
  local inner = ('echo $$; exec timeout -s KILL %d %s 2>&1 > %s'):format(opts.deadline or 300,
    table.concat(parts, ' '), M.quote(opts.stdout_path or '/dev/null'))
  local pipe = assert(io.popen('exec sh -c ' .. M.quote(inner), 'r'))
  local pid = assert(pipe:read('l'), 'no pid'):match('^%d+$')
  local p = { pid = pid, err = {} }
  function p.until_line(_, pattern)
    for line in pipe:lines() do
      p.err[#p.err + 1] = line
      if line:find(pattern) then return line end
    end
  end
  -- the signal goes to tweeter itself, the one child of `timeout`
  function p.signal(_, name)
    local f = assert(io.open(('/proc/%s/task/%s/children'):format(pid, pid)))
    local child = assert(f:read('a'):match('%d+'), 'tweeter has exited')
    f:close()
    return os.execute(('kill -%s %s'):format(name, child))
  end
  function p.wait()
    for line in pipe:lines() do p.err[#p.err + 1] = line end
    local _, how, code = pipe:close()
    if how == 'signal' then code = 128 + code end
    return code, table.concat(p.err, '\n') .. '\n'
  end
  return p
end

--- The sum of an array of numbers (0 for none).
function M.sum(t)
  local s = 0
  for _, v in ipairs(t) do s = s + v end
  return s
end

--- Runs `batch` through `model:evaluate` to its end: the summed loss in nats and the number
-- of characters scored.
function M.evaluate_all(model, batch)
  local nats, count = 0, 0
  while batch:next() do
    local l, c = model:evaluate(batch)
    nats, count = nats + l, count + c
  end
  return nats, count
end

--- The bytes of a model file with its CRC-32 (IEEE, over the payload after the 24-byte
-- header) made valid again, for specs that forge a field past the checksum.
function M.with_checksum(bytes)
  local crc = 0xFFFFFFFF
  for i = 25, #bytes do
    crc = crc ~ bytes:byte(i)
    for _ = 1, 8 do crc = (crc & 1) == 1 and (0xEDB88320 ~ (crc >> 1)) or (crc >> 1) end
  end
  return bytes:sub(1, 12) .. string.pack('<I4', crc ~ 0xFFFFFFFF) .. bytes:sub(17)
end

--- Loads a model file made of `bytes` (written to a temporary file, then removed): the model,
-- or nil and the loader's message.
function M.load_bytes(bytes)
  local p = M.tmppath('bytes.twm')
  M.write(p, bytes)
  local model, err = require('tweeter.core').load(p)
  os.remove(p)
  return model, err
end

--- A new model of `cfg` (tweeter.core.model's table) trained 20 steps on `posts`, so that
-- every weight block has moved away from its initial values.
function M.trained_model(cfg, posts)
  local model = require('tweeter.core').model(cfg)
  local batch = model:encode(posts):batches(2, 16, { wrap = true })
  for _ = 1, 20 do
    batch:next()
    model:train_step(batch)
  end
  return model
end

--- tweeter train's options for a model that trains in a moment.
M.TINY = { '--embed', '8', '--hidden', '16', '--layers', '1', '--batch', '8', '--seq', '32' }

--- Runs bin/tweeter ARGS on a pseudo-terminal (spec/pty_run.py) through the steps; returns
-- the transcript (with "\n" turned into "\n") and the exit status. HOME is `home`, a fresh
-- folder (the REPL's history goes there).
function M.on_terminal(home, steps, args)
  local q = M.quote
  local path = M.write(home .. '/steps.json', require('cjson').encode(steps))
  local parts = { 'HOME=' .. q(home), 'python3', q(M.root .. '/spec/pty_run.py'), q(path), '--',
    q(M.root .. '/bin/tweeter') }
  for _, a in ipairs(args) do parts[#parts + 1] = q(a) end
  local code, out, err = M.run(table.concat(parts, ' '))
  assert(code == 0, 'a step timed out:\n' .. out .. err)
  return out, tonumber(out:match('\nexit: (%d+)\n$'))
end

--- A stand-in for a tweeter.http client: `get` answers with the next of `responses`, each
-- `{ status, body, headers }` (body a table: encoded as JSON), and keeps the URL and headers
-- asked for in `client.requests`.
function M.stub_client(responses)
  local client = { requests = {} }
  function client.get(_, url, headers)
    client.requests[#client.requests + 1] = { url = url, headers = headers }
    local r = assert(table.remove(responses, 1), 'no response left for ' .. url)
    local body = type(r[2]) == 'table' and require('cjson').encode(r[2]) or r[2]
    return r[1], body, r[3] or {}
  end
  return client
end

--- A model trained 20 steps by `tweeter train` on generic posts (beside it, PATH.txt), saved
-- at `path`: a base to fine-tune from. Returns the path.
function M.small_base(path)
  local code, _, err = M.tweeter(M.args('train', '--data', M.write(path .. '.txt', M.posts(200, 42)),
    '--model', path, '--steps', '20', '--valid-every', '10', '--quiet', M.TINY))
  assert(code == 0, err)
  return path
end

--- The non-empty lines of a string.
function M.lines_of(s)
  local out = {}
  for line in s:gmatch('[^\n]+') do out[#out + 1] = line end
  return out
end

--- An untrained model (its posts are nearly uniform draws over its characters) saved at
-- `path`; returns the path.
function M.untrained(path)
  local m = require('tweeter.core').model{ embed = 8, hidden = 16, layers = 1,
    vocab = 'abcdefghijklmnopqrstuvwxyz .' }
  assert(m:save(path))
  return path
end

--- `bin/tweeter` with a deadline only a hang reaches (a FIFO opened for reading blocks);
-- `env` prefixes the command (umask...). Returns exit code, stdout, stderr.
function M.bounded_tweeter(argv, env)
  local parts = { 'timeout 60', M.quote(M.root .. '/bin/tweeter') }
  for _, a in ipairs(argv) do parts[#parts + 1] = M.quote(a) end
  local cmd = table.concat(parts, ' ')
  if env then cmd = 'sh -c ' .. M.quote(env .. '; exec ' .. cmd) end
  return M.run(cmd)
end

--- Fails unless `bin/tweeter argv` (bounded, as bounded_tweeter) failed with exit 1, nothing on
-- standard output and a one-line message matching `pattern`, no internal error nor traceback.
function M.refuses(argv, pattern, env)
  local code, out, err = M.bounded_tweeter(argv, env)
  local assert = require('luassert')
  assert.are.equal(1, code, table.concat(argv, ' ') .. ': ' .. tostring(err))
  assert.are.equal('', out)
  assert.matches(pattern, err)
  assert.matches('^[^\n]*\n$', err)
  assert.is_nil(err:find('internal error', 1, true), err)
  assert.is_nil(err:find('traceback', 1, true), err)
end

local MODEL_MAGIC = '\137TWM\r\n\26\n'

--- Model files the loader must refuse, made in `dir` (a folder `adir` and a FIFO `fifo`
-- among them) from the bytes of the good model file at `good`: name -> path.
function M.bad_model_files(dir, good)
  assert(os.execute('mkfifo ' .. M.quote(dir .. '/fifo')))
  assert(os.execute('mkdir ' .. M.quote(dir .. '/adir')))
  local bytes = assert(M.read(good))
  -- the bytes with one float32 weight replaced, checksum made valid again
  local function with_weight(value)
    local first = assert(bytes:find('WGHT', 25, true)) + 12 + 4
    return M.with_checksum(bytes:sub(1, first - 1) .. string.pack('<f', value) .. bytes:sub(first + 4))
  end
  local bad = {
    truncated = M.write(dir .. '/truncated.tw', bytes:sub(1, #bytes // 2)),
    empty = M.write(dir .. '/empty.tw', ''),
    garbage = M.write(dir .. '/garbage.tw', 'not a model at all'),
    huge_header = M.write(dir .. '/huge-header.tw', MODEL_MAGIC .. string.pack('<I4I4I8', 1, 0, 1 << 40)),
    nan = M.write(dir .. '/nan.tw', with_weight(0 / 0)),
    inf = M.write(dir .. '/inf.tw', with_weight(math.huge)),
    directory = dir .. '/adir', fifo = dir .. '/fifo', zero = '/dev/zero',
  }
  for name, size in pairs({ sparse_64g = 64 << 30, sparse_6g = 6 << 30 }) do
    -- a header valid for a file of `size` bytes (checksum aside)
    local p = M.write(dir .. '/' .. name .. '.tw', MODEL_MAGIC .. string.pack('<I4I4I8', 1, 0, size - 24))
    assert(os.execute(('truncate -s %d %s'):format(size, M.quote(p))))
    bad[name] = p
  end
  return bad
end

local WORDS = {
  'the', 'a', 'great', 'day', 'people', 'vote', 'today', 'love', 'new', 'music', 'we', 'are',
  'going', 'to', 'win', 'thank', 'you', 'all', 'for', 'coming', 'big', 'news', 'soon', 'our',
  'team', 'is', 'ready', 'time', 'make', 'it', 'happen', 'never', 'give', 'up', 'world',
}

--- Deterministic synthetic posts (not real data): n posts of a few words each.
-- @tparam integer n
-- @tparam[opt] integer seed
-- @tparam[opt] table extra characters to sprinkle in (e.g. emoji)
function M.posts(n, seed, extra)
  local x = seed or 1
  local function rnd(k)
    x = (x * 1103515245 + 12345) % 2147483648
    return x % k + 1
  end
  local out = {}
  for i = 1, n do
    local words = {}
    for w = 1, 3 + rnd(6) do words[w] = WORDS[rnd(#WORDS)] end
    local s = table.concat(words, ' ')
    if extra and i % 3 == 0 then s = s .. ' ' .. extra[rnd(#extra)] end
    out[i] = s:sub(1, 1):upper() .. s:sub(2) .. (rnd(3) == 1 and '!' or '.')
  end
  return out
end

return M
