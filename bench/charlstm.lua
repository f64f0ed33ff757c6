#!/usr/bin/env lua5.4
-- bench/charlstm.lua: tweeter's side of the char-LSTM benchmark. Takes the flags of the peer
-- (../shared/bench/torch_charlstm.py), measures the same way (median of timed steps after
-- warm-up, random tokens unless --text, the same FLOP formula) and prints one JSON line per
-- result with the peer's keys. stdout carries only JSON lines; progress goes to stderr.
--
--   lua5.4 bench/charlstm.lua --mode train --hidden 256 --layers 2 --batch 64 --seq 100
--   lua5.4 bench/charlstm.lua --mode sample --hidden 512 --layers 2 --sample-batches 1,64
--
-- Differences from the peer that cannot be avoided, and why they do not favour tweeter:
--  * random data: the model's vocabulary is V-2 characters plus end-of-post and unknown, so
--    the tokens are uniform over the V-2 characters (the unknown token never occurs) and the
--    text is cut into B posts of T*(warmup+steps) characters, one per stream, so a post
--    boundary (a state reset) occurs only where a stream wraps;
--  * sampling: generate() stops a post at the end-of-post token, while the peer always runs
--    sample_len steps. The benchmark asks for min_length = max_length (end-of-post is not
--    drawn before that; the softmax still covers all V logits), so every post runs exactly
--    max_length steps; sec_per_step is computed from the steps actually run.
local root = ((arg and arg[0] or ''):match('^(.*)/[^/]*$') or '.') .. '/..'
package.path = ('%s/lua/?.lua;%s/lua/?/init.lua;%s'):format(root, root, package.path)
-- --core DIR (before any other option): load DIR/tweeter/core.so, e.g. an installed rock's
local core_dir = root .. '/build'
if arg and arg[1] == '--core' and arg[2] then
  core_dir = arg[2]
  table.remove(arg, 1)
  table.remove(arg, 1)
end
package.cpath = ('%s/?.so;%s'):format(core_dir, package.cpath)

local core = require('tweeter.core')
local cjson = require('cjson')
-- the vocabulary tweeter itself builds: the text's distinct characters, sorted
local vocab_of = require('tweeter.corpus').vocab_of
package.path = ('%s/bench/?.lua;%s'):format(root, package.path)
local median = require('stats').median

local USAGE = [[
usage: lua5.4 bench/charlstm.lua [--core DIR] [options]
  --core DIR   load DIR/tweeter/core.so instead of the checkout's build/ (first option only)
  --mode train|sample   (train)      --text FILE  train on FILE's lines as posts
  --vocab V (96)  --embed E (64)  --hidden H (256)  --layers L (2)
  --batch B (64)  --seq T (100)  --steps N (20)  --warmup N (3)  --lr X (2e-3)  --seed N (1234)
  --threads N (2): threads of OpenBLAS and oneDNN (--blas-threads overrides; --omp-threads is
                   recorded only: tweeter sets both pools from one count)
  --precision auto|bf16|fp32 (auto): products in bf16 where the CPU has it, or float32
  --sample-len N (500)  --sample-batches 1,64  --sample-reps N (3)  --temperature X (1.0)
]]

local function log(...)
  io.stderr:write(table.concat(table.pack(...), ' ', 1, select('#', ...)), '\n')
  io.stderr:flush()
end

local function fail(msg)
  io.stderr:write('charlstm.lua: ', msg, '\n', USAGE)
  os.exit(2)
end

-- ===== options =====

local OPTIONS = {
  vocab = 'int', embed = 'int', hidden = 'int', layers = 'int', batch = 'int', seq = 'int',
  steps = 'int', warmup = 'int', threads = 'int', ['omp-threads'] = 'int',
  ['blas-threads'] = 'int', text = 'string', mode = 'string', ['sample-len'] = 'int',
  ['sample-batches'] = 'string', ['sample-reps'] = 'int', temperature = 'number',
  lr = 'number', seed = 'int', precision = 'string',
}

local function parse_args(argv)
  local o = {
    vocab = 96, embed = 64, hidden = 256, layers = 2, batch = 64, seq = 100, steps = 20,
    warmup = 3, threads = 2, mode = 'train', ['sample-len'] = 500, ['sample-batches'] = '1,64',
    ['sample-reps'] = 3, temperature = 1.0, lr = 2e-3, seed = 1234, precision = 'auto',
  }
  local i = 1
  while i <= #argv do
    local a = argv[i]
    if a == '-h' or a == '--help' then
      io.stdout:write(USAGE)
      os.exit(0)
    end
    local name, value = a:match('^%-%-([%w%-]+)=(.*)$')
    if not name then
      name = a:match('^%-%-([%w%-]+)$')
      if not name then fail('unexpected argument ' .. a) end
      i = i + 1
      value = argv[i]
    end
    local kind = OPTIONS[name]
    if not kind then fail('unknown option --' .. name) end
    if value == nil then fail('--' .. name .. ' needs a value') end
    if kind == 'int' then
      local n = math.tointeger(tonumber(value))
      if not n then fail(('--%s expects an integer, got %s'):format(name, value)) end
      value = n
    elseif kind == 'number' then
      local n = tonumber(value)
      if not n then fail(('--%s expects a number, got %s'):format(name, value)) end
      value = n
    end
    o[name] = value
    i = i + 1
  end
  if o.mode ~= 'train' and o.mode ~= 'sample' then fail('--mode must be train or sample') end
  if o.precision ~= 'auto' and o.precision ~= 'bf16' and o.precision ~= 'fp32' then
    fail('--precision must be auto, bf16 or fp32, got ' .. o.precision)
  end
  for _, k in ipairs({ 'vocab', 'embed', 'hidden', 'layers', 'batch', 'seq', 'steps',
                       'threads', 'sample-len', 'sample-reps' }) do
    if o[k] < 1 then fail(('--%s must be at least 1'):format(k)) end
  end
  if o.warmup < 0 then fail('--warmup must not be negative') end
  if not o.text and o.vocab < 3 then fail('--vocab must be at least 3') end
  o.omp_threads = o['omp-threads'] or o.threads
  o.blas_threads = o['blas-threads'] or o.threads
  o.sample_batches = {}
  for s in o['sample-batches']:gmatch('[^,]+') do
    local n = math.tointeger(tonumber(s))
    if not n or n < 1 then fail('--sample-batches expects positive integers, got ' .. s) end
    o.sample_batches[#o.sample_batches + 1] = n
  end
  return o
end

-- ===== output =====

local function round(x, digits)
  local m = 10 ^ digits
  return math.floor(x * m + 0.5) / m
end

local function mean(xs)
  local sum = 0
  for _, x in ipairs(xs) do sum = sum + x end
  return sum / #xs
end

-- One JSON object with its keys in the given order (cjson orders them at random).
local function encode(rec, keys)
  local parts = {}
  for _, k in ipairs(keys) do
    local v = rec[k]
    if v == nil then v = cjson.null end
    if math.type(v) == 'float' and v == math.floor(v) and math.abs(v) < 2 ^ 53 then
      v = ('%.1f'):format(v)   -- keep floats floats, as Python's json does
    else
      v = cjson.encode(v)
    end
    parts[#parts + 1] = cjson.encode(k) .. ': ' .. v
  end
  return '{' .. table.concat(parts, ', ') .. '}'
end

-- ===== data =====

-- V-2 distinct printable characters: ASCII 33..126, then Latin-1 and beyond.
local function alphabet(n)
  local chars, cp = {}, 33
  while #chars < n do
    chars[#chars + 1] = utf8.char(cp)
    cp = cp + 1
    if cp == 127 then cp = 161 end
  end
  return chars
end

-- B posts of `len` random characters each (uniform over the alphabet), from a fixed seed.
local function random_posts(chars, B, len, seed)
  math.randomseed(seed)
  local posts, n = {}, #chars
  for b = 1, B do
    local buf = {}
    for k = 1, len do buf[k] = chars[math.random(n)] end
    posts[b] = table.concat(buf)
  end
  return posts
end

local function read_lines(path)
  local f, err = io.open(path, 'rb')
  if not f then fail(err) end
  local posts = {}
  for line in f:lines() do
    if line:find('%S') then posts[#posts + 1] = line end
  end
  f:close()
  if #posts == 0 then fail(path .. ' has no non-empty lines') end
  return posts
end

-- ===== the benchmark =====

-- Multiply-adds x2 for one character through the model (forward only): the peer's formula.
local function flops_per_char(V, E, H, L)
  local f = 0
  for layer = 1, L do
    local inp = layer == 1 and E or H
    f = f + 2 * 4 * H * (inp + H)
  end
  return f + 2 * H * V
end

local function blas_core()
  if core.blas_core then return core.blas_core() end
  return os.getenv('TWEETER_BLAS_CORE')   -- run.sh passes the probe's value when it has one
end

local function base_record(o, V)
  return {
    impl = 'tweeter', mode = o.mode, V = V, E = o.embed, H = o.hidden, L = o.layers,
    threads = o.threads, omp_threads = o.omp_threads, blas_threads = o.blas_threads,
    blas_threads_in_use = core.get_threads(), blas_core = blas_core(),
    OPENBLAS_CORETYPE = os.getenv('OPENBLAS_CORETYPE'), data = o.text or 'random',
    lua_version = _VERSION, tweeter_version = core._VERSION, precision = o.precision,
    precision_in_force = core.precision(), kernels = core.kernels(),
    bf16_unavailable = select(2, core.kernels()), core_dir = core_dir,
  }
end

local COMMON_KEYS = { 'impl', 'mode', 'V', 'E', 'H', 'L', 'B', 'T', 'threads', 'omp_threads',
                      'blas_threads', 'blas_threads_in_use', 'blas_core', 'OPENBLAS_CORETYPE',
                      'data', 'lua_version', 'tweeter_version', 'precision',
                      'precision_in_force', 'kernels', 'bf16_unavailable', 'core_dir' }

local function keys_with(extra)
  local keys = table.move(COMMON_KEYS, 1, #COMMON_KEYS, 1, {})
  return table.move(extra, 1, #extra, #keys + 1, keys)
end

local TRAIN_KEYS = keys_with({ 'steps', 'sec_per_step', 'sec_per_step_min', 'sec_per_step_mean',
                               'chars_per_sec', 'params', 'flops_per_char_fwd',
                               'flops_per_char_train', 'achieved_gflops', 'loss_first',
                               'loss_last', 'peak_rss_mb', 'rss_after_import_mb' })

local SAMPLE_KEYS = keys_with({ 'sample_reps', 'steps_run', 'sec_per_step', 'chars_per_sec',
                                'chars_per_sec_per_seq', 'flops_per_char_fwd',
                                'achieved_gflops', 'peak_rss_mb' })

local function new_model(o, vocab)
  local m = core.model{ embed = o.embed, hidden = o.hidden, layers = o.layers, dropout = 0,
                        seed = o.seed, vocab = vocab }
  return m
end

local function train(o)
  local rss_import = core.rss_peak_mb()
  local B, T = o.batch, o.seq
  local posts, vocab
  if o.text then
    posts = read_lines(o.text)
    vocab = vocab_of(posts)
  else
    local chars = alphabet(o.vocab - 2)
    vocab = table.concat(chars)
    posts = random_posts(chars, B, T * (o.warmup + o.steps), o.seed)
  end
  local model = new_model(o, vocab)
  model:set_optimizer{ name = 'adam', lr = o.lr, clip = 5 }
  local V = model:info().vocab_size
  local data = model:encode(posts)
  posts = nil   -- let the collector have the strings
  collectgarbage()
  if o.text then log(('text %s: %d posts, %d tokens, vocab %d'):format(o.text, data:posts(),
                                                                       data:tokens(), V)) end
  local batch = data:batches(B, T)
  local times, losses = {}, {}
  for step = 0, o.warmup + o.steps - 1 do
    batch:next()
    local t0 = core.monotonic()
    local loss = model:train_step(batch)
    local dt = core.monotonic() - t0
    if step >= o.warmup then
      times[#times + 1] = dt
      losses[#losses + 1] = loss
    end
    log(('step %4d loss %.4f %8.1f ms%s'):format(step, loss, 1000 * dt,
                                                 step < o.warmup and '  (warmup)' or ''))
  end
  local med = median(times)
  local fwd = flops_per_char(V, o.embed, o.hidden, o.layers)
  local cps = B * T / med
  local rec = base_record(o, V)
  rec.B, rec.T, rec.steps = B, T, o.steps
  rec.sec_per_step = round(med, 6)
  rec.sec_per_step_min = round(math.min(table.unpack(times)), 6)
  rec.sec_per_step_mean = round(mean(times), 6)
  rec.chars_per_sec = round(cps, 1)
  rec.params = model:info().params
  rec.flops_per_char_fwd = fwd
  rec.flops_per_char_train = 3 * fwd
  rec.achieved_gflops = round(3 * fwd * cps / 1e9, 2)
  rec.loss_first = round(losses[1], 4)
  rec.loss_last = round(losses[#losses], 4)
  rec.peak_rss_mb = round(core.rss_peak_mb(), 1)
  rec.rss_after_import_mb = round(rss_import, 1)
  print(encode(rec, TRAIN_KEYS))
end

-- Runs generate once; returns seconds, the number of batch steps it ran.
local function timed_generate(model, B, len, o, seed)
  local t0 = core.monotonic()
  local out = model:generate{ n = B, max_length = len, min_length = len,
    temperature = o.temperature, seed = seed }
  local dt = core.monotonic() - t0
  -- generate() steps the whole batch until the longest post is done: one step per character
  -- of the longest post (a post that ended at end-of-post took one step more)
  local longest, short = 0, false
  for _, s in ipairs(out) do
    local n = utf8.len(s) or #s
    if n > longest then longest = n end
    if n < len then short = true end
  end
  if longest < len then longest = longest + 1 end
  if short then log(('warning: some posts ended before %d characters'):format(len)) end
  return dt, longest
end

local function sample(o)
  local vocab
  if o.text then
    vocab = vocab_of(read_lines(o.text))
  else
    vocab = table.concat(alphabet(o.vocab - 2))
  end
  local model = new_model(o, vocab)
  local V = model:info().vocab_size
  local fwd = flops_per_char(V, o.embed, o.hidden, o.layers)
  local records, seed = {}, o.seed
  for _, b in ipairs(o.sample_batches) do
    local per_step = {}
    local steps_run = 0
    for rep = 0, o['sample-reps'] do   -- the first run is the warm-up
      local n = rep == 0 and math.max(10, 10 * o.warmup) or o['sample-len']
      seed = seed + 1
      local dt, steps = timed_generate(model, b, n, o, seed)
      if rep > 0 then
        per_step[#per_step + 1] = dt / steps
        steps_run = steps_run + steps
      end
    end
    local step = median(per_step)
    local cps_seq = 1 / step
    local rec = base_record(o, V)
    rec.B, rec.T = b, o['sample-len']
    rec.sample_reps = o['sample-reps']
    rec.steps_run = steps_run
    rec.sec_per_step = round(step, 8)
    rec.chars_per_sec = round(cps_seq * b, 1)
    rec.chars_per_sec_per_seq = round(cps_seq, 1)
    rec.flops_per_char_fwd = fwd
    rec.achieved_gflops = round(fwd * cps_seq * b / 1e9, 3)
    rec.peak_rss_mb = round(core.rss_peak_mb(), 1)
    log(('sample B=%d: %.0f chars/s per sequence, %.0f total'):format(b, cps_seq, cps_seq * b))
    records[#records + 1] = rec
  end
  for _, rec in ipairs(records) do print(encode(rec, SAMPLE_KEYS)) end
end

local function main(argv)
  local o = parse_args(argv)
  core.set_threads(o.blas_threads)
  local in_force, why = core.set_precision(o.precision)
  log(('precision %s: %s in force%s'):format(o.precision, in_force,
                                             why and (' (bf16: ' .. why .. ')') or ''))
  if o.mode == 'train' then train(o) else sample(o) end
  io.stdout:flush()
end

main(arg)
