#!/usr/bin/env lua5.4
-- bench/run.lua: `make bench`. Runs tweeter (bench/charlstm.lua: precision auto, i.e. bf16
-- products where the CPU has them, and fp32) and the PyTorch peer
-- (../shared/bench/torch_charlstm.py, variants A, C and C with --autocast-bf16) on the
-- standard configurations, interleaved per configuration so that machine drift hits all of
-- them; the H256 rows run a third tweeter, the rock built by `luarocks make` (its -O2 flags,
-- no -march) beside the checkout build. Then the sgemm probe (../shared/bench/sgemm_peak.c)
-- and the oneDNN probe (../shared/bench/dnnl_probe.c: sgemm, oneDNN f32 and bf16 matmul on
-- the LSTM's shapes). Prints the CPU, a markdown table and the probes; keeps the raw JSON
-- lines in build/bench/*.jsonl and the progress in build/bench/log.
--
-- Environment:
--   BENCH_QUICK=1        smoke run: 2 steps after 1 warm-up, short samples, short probe
--   BENCH_STEPS=N        timed training steps (default 20, as in the peer's README)
--   BENCH_WARMUP=N       warm-up steps (default 3)
--   BENCH_REPEATS=N      run every configuration N times (rotating the order); the table shows
--                        the median chars/s over the repeats (default 1)
--   BENCH_ONLY=PATTERN   only the rows whose label matches this Lua pattern (e.g. 'H128')
--   BENCH_TORCH=0        skip the peer;  BENCH_PROBE=0  skip the probes;  BENCH_ROCK=0  no rock row
--   PEER_DIR=DIR         where torch_charlstm.py and sgemm_peak.c are (default ../shared/bench)
--   PYTHON=PATH          the Python that has torch (default /usr/bin/python3)
--   TORCH_A_FLAGS        variant A's thread flags (default '--threads 2 --omp-threads 1')
--   TORCH_C_FLAGS        variant C's thread flags (default '--threads 2 --omp-threads 1'); the
--                        bf16 variant is C plus --autocast-bf16
--   OPENBLAS_CORETYPE    passed unchanged to every program (recorded in every line)
local root = ((arg and arg[0] or ''):match('^(.*)/[^/]*$') or '.') .. '/..'
package.path = ('%s/lua/?.lua;%s/lua/?/init.lua;%s'):format(root, root, package.path)
local cjson = require('cjson')
package.path = ('%s/bench/?.lua;%s'):format(root, package.path)
local median = require('stats').median

local function getenv(name, default)
  local v = os.getenv(name)
  if v == nil or v == '' then return default end
  return v
end

local function quote(s)
  return "'" .. tostring(s):gsub("'", "'\\''") .. "'"
end

local QUICK = getenv('BENCH_QUICK', '0') ~= '0'
local STEPS = tonumber(getenv('BENCH_STEPS', QUICK and '2' or '20'))
local WARMUP = tonumber(getenv('BENCH_WARMUP', QUICK and '1' or '3'))
local REPEATS = tonumber(getenv('BENCH_REPEATS', '1'))
local ONLY = getenv('BENCH_ONLY', nil)
local SAMPLE_FLAGS = QUICK and '--sample-len 20 --sample-reps 1' or '--sample-len 500 --sample-reps 3'
local PROBE_SECONDS = QUICK and '0.02' or '0.4'
local PEER_DIR = getenv('PEER_DIR', root .. '/../shared/bench')
local PYTHON = getenv('PYTHON', '/usr/bin/python3')
local LUA = getenv('LUA', 'lua5.4')
local OUT = root .. '/build/bench'
local A_FLAGS = getenv('TORCH_A_FLAGS', '--threads 2 --omp-threads 1')
local C_FLAGS = getenv('TORCH_C_FLAGS', '--threads 2 --omp-threads 1')
local MALLOC_UNSET = 'env -u MALLOC_MMAP_THRESHOLD_ -u MALLOC_TRIM_THRESHOLD_'
local MALLOC_C = 'env MALLOC_MMAP_THRESHOLD_=33554432 MALLOC_TRIM_THRESHOLD_=4294967296'

-- The standard configurations (issue 4).
local TRAIN = { { H = 128, L = 1, B = 32, T = 64 }, { H = 256, L = 2, B = 64, T = 100 },
                { H = 512, L = 2, B = 64, T = 100 }, { H = 1024, L = 2, B = 32, T = 100 } }
local SAMPLE = { { H = 256, L = 2 }, { H = 512, L = 2 } }
local SAMPLE_BATCHES = { 1, 64 }

local function log(...)
  io.stderr:write(table.concat(table.pack(...), ' ', 1, select('#', ...)), '\n')
  io.stderr:flush()
end

local function file_exists(path)
  local f = io.open(path, 'rb')
  if f then f:close() return true end
  return false
end

-- ===== running programs =====

local sinks = {}
local function sink(name)
  if not sinks[name] then sinks[name] = assert(io.open(OUT .. '/' .. name .. '.jsonl', 'w')) end
  return sinks[name]
end

-- Runs cmd (stderr appended to the log); keeps its JSON lines in <name>.jsonl and returns
-- them decoded, or nil and a message when it failed.
local function run_json(name, cmd)
  local full = ('%s 2>>%s'):format(cmd, quote(OUT .. '/log'))
  local lf = io.open(OUT .. '/log', 'a')
  if lf then lf:write('\n$ ', cmd, '\n') lf:close() end
  local p = assert(io.popen(full, 'r'))
  local recs = {}
  for line in p:lines() do
    local ok, rec = pcall(cjson.decode, line)
    if ok and type(rec) == 'table' then
      recs[#recs + 1] = rec
      sink(name):write(line, '\n')
      sink(name):flush()
    end
  end
  local ok, how, code = p:close()
  if not ok then return nil, ('%s %s (see build/bench/log)'):format(how, tostring(code)) end
  return recs
end

local function has_torch()
  return os.execute(('%s -c "import torch" >/dev/null 2>&1'):format(quote(PYTHON))) == true
end

-- ===== the probes =====

-- Compiles the peer's probe PEER_DIR/<name>.c to build/<name> with the command
-- `command(src, bin)` (both quoted). A missing source or a failed compile is logged and
-- skips the probe (nil): the probes are references, not requirements.
local function build_probe(what, name, command, needs)
  local src = PEER_DIR .. '/' .. name .. '.c'
  if not file_exists(src) then
    log(what .. ' probe: ' .. src .. ' not found, skipped')
    return nil
  end
  local bin = root .. '/build/' .. name
  if not os.execute(command(quote(src), quote(bin))) then
    log(what .. ' probe: could not compile ' .. src .. ' (needs ' .. needs .. '), skipped')
    return nil
  end
  return bin
end

-- ===== the sgemm probe =====

local probe = {}   -- shape -> 2-thread gflops_median (sgemm and sgemv lines)

local function run_probe()
  local bin = build_probe('sgemm', 'sgemm_peak', function(s, b)
    return ('gcc -O3 -march=native $(pkg-config --cflags openblas 2>/dev/null) %s '
            .. '-lopenblas -lpthread -o %s'):format(s, b)
  end, 'gcc and libopenblas-dev')
  if not bin then return end
  log('sgemm probe ...')
  local recs, err = run_json('sgemm', ('%s %s'):format(quote(bin), PROBE_SECONDS))
  if not recs then log('sgemm probe failed: ' .. err) return end
  for _, r in ipairs(recs) do
    if (r.bench == 'sgemm' or r.bench == 'sgemv') and r.threads == 2 then
      probe[r.shape == 'square' and ('square%d'):format(r.M) or r.shape] = r.gflops_median
    elseif r.bench == 'info' then
      probe.core = r.openblas_core
    elseif r.bench == 'fma_peak' and r.threads == 2 then
      probe[('fma%d'):format(r.vector_bits)] = r.gflops
    end
  end
end

-- The probe measures H = 256 and 1024 (B = 64, E = 64); a row uses the nearest on a log
-- scale, the larger one on a tie (512 -> 1024), which is the stricter reference.
local function probe_H(H)
  return math.abs(math.log(H / 256)) < math.abs(math.log(H / 1024)) and 256 or 1024
end

-- The sgemm rate a training step could reach: forward, backward-data and backward-weight
-- products each carry a third of the step's FLOPs, so their harmonic mean.
local function train_reference(H)
  local h = probe_H(H)
  local f, d, w = probe['lstm_fwd_H' .. h], probe['lstm_bwd_data_H' .. h],
                  probe['lstm_bwd_weight_H' .. h]
  if not (f and d and w) then return nil end
  return 3 / (1 / f + 1 / d + 1 / w), 'H' .. h
end

local function sample_reference(H, B)
  local h = probe_H(H)
  if B == 1 then return probe['lstm_gemv_B1_H' .. h], 'gemv H' .. h end
  return probe['lstm_fwd_H' .. h], 'fwd H' .. h
end

-- ===== the oneDNN probe =====

local dnnl_probe = {}   -- rows { shape, sgemm, f32, bf16, f32_impl, bf16_impl } in its order

local function run_dnnl_probe()
  local bin = build_probe('oneDNN', 'dnnl_probe', function(s, b)
    return ('gcc -O2 %s -o %s $(pkg-config --cflags --libs openblas 2>/dev/null) -lopenblas '
            .. '-ldnnl 2>>%s'):format(s, b, quote(OUT .. '/log'))
  end, 'libdnnl-dev')
  if not bin then return end
  log('oneDNN probe ...')
  local p = assert(io.popen(('OMP_NUM_THREADS=2 %s 2>>%s'):format(quote(bin),
                                                                   quote(OUT .. '/log'))))
  local by_shape = {}
  local out = sink('dnnl_probe')
  for line in p:lines() do
    out:write(line, '\n')
    local lib, shape, gf, impl = line:match('^(%a+ %w+)%s+(%d+x%s*%d+x%s*%d+)%s+([%d.]+) GF/s%s*(.*)$')
    if lib then
      shape = shape:gsub('%s', '')
      local r = by_shape[shape]
      if not r then
        r = { shape = shape }
        by_shape[shape] = r
        dnnl_probe[#dnnl_probe + 1] = r
      end
      local key = ({ ['blas sgemm'] = 'sgemm', ['dnnl f32'] = 'f32', ['dnnl bf16'] = 'bf16' })[lib]
      if key then
        r[key] = tonumber(gf)
        r[key .. '_impl'] = impl:match('%((.-)%)')
      end
    end
  end
  p:close()
end

-- ===== the CPU =====

local INTERESTING_FLAGS = { 'avx2', 'fma', 'avx512f', 'avx512bw', 'avx512_vnni', 'avx512_bf16',
                            'avx512_fp16', 'amx_tile', 'amx_bf16', 'amx_int8' }

local function cpu_lines()
  local p = io.popen('lscpu 2>/dev/null')
  if not p then return {} end
  local text = p:read('a')
  p:close()
  local model = text:match('Model name:%s*([^\n]+)') or 'unknown'
  local cores = text:match('\nCPU%(s%):%s*(%d+)') or '?'
  local flags = ' ' .. (text:match('Flags:%s*([^\n]+)') or '') .. ' '
  local have, lack = {}, {}
  for _, f in ipairs(INTERESTING_FLAGS) do
    if flags:find(' ' .. f .. ' ', 1, true) then have[#have + 1] = f else lack[#lack + 1] = f end
  end
  local f = io.open(OUT .. '/cpu.txt', 'w')
  if f then f:write(text) f:close() end
  return { ('CPU: %s, %s CPUs; has %s; lacks %s (all flags: build/bench/cpu.txt)'):format(
    model, cores, #have > 0 and table.concat(have, ' ') or '-',
    #lack > 0 and table.concat(lack, ' ') or '-') }
end

-- ===== the runs =====

local ROCK_TREE = OUT .. '/rock'
local rock_core   -- the rock's folder holding tweeter/core.so, once built

local function build_rock()
  -- --deps-mode=none: the rock's lua-cjson is Debian's here (the benchmark runs offline)
  local cmd = ('cd %s && luarocks --lua-version=5.4 make --deps-mode=none --tree %s rockspec/tweeter-scm-1.rockspec '
               .. '>>%s 2>&1'):format(quote(root), quote(ROCK_TREE), quote(OUT .. '/log'))
  log('building the rock (luarocks make) ...')
  if not os.execute(cmd) then
    log('rock build failed (see build/bench/log): no rock row')
    return
  end
  rock_core = ROCK_TREE .. '/lib/lua/5.4'
end

-- tweeter variants: the checkout build with precision auto (bf16 where the CPU has it) and
-- fp32, and the rock build with precision auto
local TWEETER = { tweeter = 'auto', tweeter_fp32 = 'fp32', tweeter_rock = 'auto' }

local function tweeter_cmd(impl, args)
  local env = MALLOC_UNSET
  if probe.core then env = env .. ' TWEETER_BLAS_CORE=' .. quote(probe.core) end
  local core_dir = impl == 'tweeter_rock' and ('--core ' .. quote(rock_core) .. ' ') or ''
  return ('%s %s %s %s--threads 2 --precision %s %s'):format(env, LUA,
    quote(root .. '/bench/charlstm.lua'), core_dir, TWEETER[impl], args)
end

local function torch_cmd(variant, args)
  local env = variant == 'A' and MALLOC_UNSET or MALLOC_C
  local flags = variant == 'A' and A_FLAGS or C_FLAGS
  if variant == 'bf16' then flags = flags .. ' --autocast-bf16' end
  return ('%s %s %s %s %s'):format(env, quote(PYTHON), quote(PEER_DIR .. '/torch_charlstm.py'),
                                  flags, args)
end

local IMPLS = { 'tweeter', 'tweeter_fp32', 'tweeter_rock', 'A', 'C', 'bf16' }
local rows = {}   -- label -> { [impl] = {recs}, H, B, mode }
local order = {}

local function row(label, fields)
  if not rows[label] then
    rows[label] = fields
    fields.label = label
    for _, impl in ipairs(IMPLS) do fields[impl] = {} end
    order[#order + 1] = label
  end
  return rows[label]
end

-- Runs one configuration for every implementation, rotating the order with the repeat.
local function run_config(impls, rep, args, place)
  for k = 0, #impls - 1 do
    local impl = impls[(k + rep - 1) % #impls + 1]
    local cmd = TWEETER[impl] and tweeter_cmd(impl, args) or torch_cmd(impl, args)
    local name = TWEETER[impl] and impl or 'torch_' .. impl
    log(('  %-12s %s'):format(impl, args))
    local recs, err = run_json(name, cmd)
    if not recs then
      log(('  %s failed: %s'):format(impl, err))
    else
      for _, r in ipairs(recs) do place(impl, r) end
    end
  end
end

-- ===== the table =====

local function field(recs, key)
  local xs = {}
  for _, r in ipairs(recs) do
    if type(r[key]) == 'number' then xs[#xs + 1] = r[key] end
  end
  return median(xs)
end

local function last_string(recs, key)
  local v
  for _, r in ipairs(recs) do
    if type(r[key]) == 'string' then v = r[key] end
  end
  return v
end

local function fmt_rate(x)
  if not x then return '–' end
  if x >= 1e6 then return ('%.2f M'):format(x / 1e6) end
  if x >= 1e4 then return ('%.1f k'):format(x / 1e3) end
  if x >= 1e3 then return ('%.2f k'):format(x / 1e3) end
  return ('%.0f'):format(x)
end

local function fmt(x, pattern, suffix)
  if not x then return '–' end
  return pattern:format(x) .. (suffix or '')
end

local function ratio(a, b)
  if not (a and b) or b == 0 then return nil end
  return a / b
end

local HEADER = '| config | tweeter auto chars/s (kernels) | tweeter fp32 | tweeter rock | torch A '
  .. '| torch C | torch bf16 | × best torch: auto / fp32 / rock | tweeter GFLOP/s '
  .. '| % of 2-thread sgemm (probe shape) | peak RSS MB tweeter / best torch |'
local RULE = '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|'

local function table_lines()
  local lines = { HEADER, RULE }
  for _, label in ipairs(order) do
    local r = rows[label]
    local tw, tf, tr = field(r.tweeter, 'chars_per_sec'), field(r.tweeter_fp32, 'chars_per_sec'),
                       field(r.tweeter_rock, 'chars_per_sec')
    local best, best_rss
    for _, v in ipairs({ 'A', 'C', 'bf16' }) do
      local c = field(r[v], 'chars_per_sec')
      if c and (not best or c > best) then best, best_rss = c, field(r[v], 'peak_rss_mb') end
    end
    local gf = field(r.tweeter, 'achieved_gflops')
    local ref, shape
    if r.mode == 'train' then ref, shape = train_reference(r.H)
    else ref, shape = sample_reference(r.H, r.B) end
    local pct = ref and gf and 100 * gf / ref
    local kernels = last_string(r.tweeter, 'kernels')
    lines[#lines + 1] = ('| %s | %s%s | %s | %s | %s | %s | %s | %s / %s / %s | %s | %s | %s / %s |')
      :format(label, fmt_rate(tw), kernels and (' (%s)'):format(kernels) or '', fmt_rate(tf),
              fmt_rate(tr), fmt_rate(field(r.A, 'chars_per_sec')),
              fmt_rate(field(r.C, 'chars_per_sec')), fmt_rate(field(r.bf16, 'chars_per_sec')),
              fmt(ratio(tw, best), '%.2f'), fmt(ratio(tf, best), '%.2f'),
              fmt(ratio(tr, best), '%.2f'), fmt(gf, '%.1f'),
              pct and ('%.0f %% (%s, %.0f GFLOP/s)'):format(pct, shape, ref) or '–',
              fmt(field(r.tweeter, 'peak_rss_mb'), '%.0f'), fmt(best_rss, '%.0f'))
  end
  return lines
end

local function probe_lines()
  local out = {}
  if probe.core then out[#out + 1] = ('OpenBLAS kernels: %s (OPENBLAS_CORETYPE=%s)'):format(
    probe.core, getenv('OPENBLAS_CORETYPE', 'unset')) end
  local s = {}
  for _, k in ipairs({ 'square2048', 'lstm_fwd_H256', 'lstm_bwd_data_H256',
                       'lstm_bwd_weight_H256', 'lstm_fwd_H1024', 'lstm_bwd_data_H1024',
                       'lstm_bwd_weight_H1024', 'lstm_gemv_B1_H256', 'lstm_gemv_B1_H1024',
                       'fma512', 'fma256' }) do
    local v = probe[k]
    if v then s[#s + 1] = ('%s %.1f'):format(k, v) end
  end
  if #s > 0 then out[#out + 1] = '2-thread probe GFLOP/s (median; FMA: register peak): '
    .. table.concat(s, ', ') end
  if #dnnl_probe > 0 then
    -- one block: the caller separates blocks by blank lines
    local t = { '| oneDNN probe, M×N×K (2 threads) | OpenBLAS sgemm GFLOP/s '
      .. '| oneDNN f32 GFLOP/s | oneDNN bf16 GFLOP/s (kernel) |', '|---|---:|---:|---:|' }
    for _, r in ipairs(dnnl_probe) do
      t[#t + 1] = ('| %s | %s | %s | %s%s |'):format(r.shape, fmt(r.sgemm, '%.0f'),
        fmt(r.f32, '%.0f'), fmt(r.bf16, '%.0f'), r.bf16_impl and (' (%s)'):format(r.bf16_impl) or '')
    end
    out[#out + 1] = table.concat(t, '\n')
  end
  return out
end

-- ===== main =====

local function main()
  assert(os.execute('mkdir -p ' .. quote(OUT)))
  local lf = assert(io.open(OUT .. '/log', 'w'))
  lf:write(os.date('!%Y-%m-%dT%H:%M:%SZ'), ' bench/run.lua\n')
  lf:close()
  local impls = { 'tweeter', 'tweeter_fp32' }
  if getenv('BENCH_TORCH', '1') == '0' then
    log('peer skipped (BENCH_TORCH=0)')
  elseif not file_exists(PEER_DIR .. '/torch_charlstm.py') then
    log(('peer not found at %s (set PEER_DIR): tweeter only'):format(PEER_DIR))
  elseif not has_torch() then
    log(('PyTorch is not importable by %s: tweeter only. To compare, install it (Debian 12, '
         .. 'as root): apt-get install python3-torch python3-numpy   (see %s/README.md)')
        :format(PYTHON, PEER_DIR))
  else
    impls = { 'tweeter', 'tweeter_fp32', 'A', 'C', 'bf16' }
  end
  if getenv('BENCH_PROBE', '1') ~= '0' then
    run_probe()
    run_dnnl_probe()
  end
  if getenv('BENCH_ROCK', '1') ~= '0' then build_rock() end
  -- the rock beside the checkout build, on the H256 rows
  local function impls_for(H)
    if H ~= 256 or not rock_core then return impls end
    local with = table.move(impls, 1, #impls, 1, {})
    table.insert(with, 2, 'tweeter_rock')
    return with
  end

  local common = ('--steps %d --warmup %d'):format(STEPS, WARMUP)
  for rep = 1, REPEATS do
    for _, c in ipairs(TRAIN) do
      local label = ('train H%d L%d B%d T%d'):format(c.H, c.L, c.B, c.T)
      if not ONLY or label:match(ONLY) then
        local r = row(label, { mode = 'train', H = c.H, B = c.B })
        log(label .. (REPEATS > 1 and (' (repeat %d)'):format(rep) or ''))
        run_config(impls_for(c.H), rep, ('--mode train --hidden %d --layers %d --batch %d --seq %d %s')
                   :format(c.H, c.L, c.B, c.T, common), function(impl, rec)
                     table.insert(r[impl], rec)
                   end)
      end
    end
    for _, c in ipairs(SAMPLE) do
      local labels = {}
      for _, b in ipairs(SAMPLE_BATCHES) do
        local label = ('sample H%d L%d B%d'):format(c.H, c.L, b)
        if not ONLY or label:match(ONLY) then
          labels[b] = row(label, { mode = 'sample', H = c.H, B = b })
        end
      end
      local batches = {}
      for _, b in ipairs(SAMPLE_BATCHES) do
        if labels[b] then batches[#batches + 1] = tostring(b) end
      end
      if #batches > 0 then
        log(('sample H%d L%d'):format(c.H, c.L))
        run_config(impls_for(c.H), rep, ('--mode sample --hidden %d --layers %d --sample-batches %s '
                                .. '--warmup %d %s'):format(c.H, c.L, table.concat(batches, ','),
                                                           WARMUP, SAMPLE_FLAGS),
                   function(impl, rec)
                     local r = labels[rec.B]
                     if r then table.insert(r[impl], rec) end
                   end)
      end
    end
  end
  for _, f in pairs(sinks) do f:close() end

  local lines = cpu_lines()
  lines[#lines + 1] = ''
  for _, l in ipairs(table_lines()) do lines[#lines + 1] = l end
  for _, l in ipairs(probe_lines()) do lines[#lines + 1] = '' lines[#lines + 1] = l end
  lines[#lines + 1] = ''
  lines[#lines + 1] = ('%s; steps %d after %d warm-up, repeats %d; torch A: %s; torch C: %s '
                       .. '+ MALLOC_MMAP_THRESHOLD_=33554432 MALLOC_TRIM_THRESHOLD_=4294967296; '
                       .. 'torch bf16: C + --autocast-bf16; × best torch: against the fastest '
                       .. 'of A, C and bf16%s')
                      :format(os.date('!%Y-%m-%d %H:%M UTC'), STEPS, WARMUP, REPEATS, A_FLAGS,
                              C_FLAGS, #impls == 2 and ' (torch not run)' or '')
  local text = table.concat(lines, '\n') .. '\n'
  io.stdout:write(text)
  local f = assert(io.open(OUT .. '/table.md', 'w'))
  f:write(text)
  f:close()
end

main()
