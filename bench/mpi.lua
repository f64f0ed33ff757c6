#!/usr/bin/env lua5.4
-- bench/mpi.lua: where the time of a data-parallel training step goes (README, "Training on
-- several machines"). Under mpirun, every rank fine-tunes a copy of the base model on its
-- share of the global batch, as `tweeter train` does, and times the three parts of each step
-- apart: forward and backward (train_gradients), the allreduce of the gradient slab, and the
-- update; rank 0 prints the medians, and the slab's size and allreduce bandwidth.
--
--   mpirun -np 2 lua5.4 bench/mpi.lua          (add --allow-run-as-root as root)
--
-- Environment: BENCH_MODEL (default models/base.twm), BENCH_DATA (default
-- ../shared/corpus/users/BarackObama.txt), BENCH_STEPS (timed steps, default 10, after 2
-- warm-up steps), BENCH_BATCH (global batch, default 32), BENCH_SEQ (default 128),
-- BENCH_THREADS (OpenBLAS threads per rank, default 1).
local root = ((arg and arg[0] or ''):match('^(.*)/[^/]*$') or '.') .. '/..'
package.path = ('%s/lua/?.lua;%s/lua/?/init.lua;%s/bench/?.lua;%s'):format(root, root, root, package.path)
package.cpath = ('%s/build/?.so;%s'):format(root, package.cpath)
local core = require('tweeter.core')
local corpus = require('tweeter.corpus')
local median = require('stats').median
local comm = require('tweeter.mpi').init()

local function env_int(name, default)
  return math.tointeger(tonumber(os.getenv(name) or '')) or default
end

local B, T = env_int('BENCH_BATCH', 32), env_int('BENCH_SEQ', 128)
local steps = env_int('BENCH_STEPS', 10)
core.set_threads(env_int('BENCH_THREADS', 1))
local rank, ranks = comm:rank(), comm:size()
assert(B % ranks == 0, 'BENCH_BATCH must be a multiple of the rank count')

local model = assert(core.load(os.getenv('BENCH_MODEL') or (root .. '/models/base.twm')))
local posts = assert(corpus.read(os.getenv('BENCH_DATA') or (root .. '/../shared/corpus/users/BarackObama.txt')))
model:extend_vocab(model:missing_chars(table.concat(posts)))
local batch = model:encode(posts):batches(B, T, { part = rank, parts = ranks })

-- Every part is timed between two synchronisations, so that the allreduce's time is its own,
-- not the wait for a slower rank; a step lasts as long as its slowest rank's part.
local parts = { compute = {}, allreduce = {}, update = {} }
local function timed(list, step, f)
  comm:sum(0)
  local t0 = core.monotonic()
  f()
  local t = comm:max(core.monotonic() - t0)
  if step > 2 then list[#list + 1] = t end
end
for step = 1, steps + 2 do
  batch:next()
  timed(parts.compute, step, function() model:train_gradients(batch, B * T) end)
  timed(parts.allreduce, step, function() comm:allreduce(model:gradient_buffer()) end)
  timed(parts.update, step, function() model:apply_gradients(batch) end)
end

if rank == 0 then
  local bytes = #model:gradient_buffer()
  local c, a, u = median(parts.compute), median(parts.allreduce), median(parts.update)
  print(('ranks %d, global batch %dx%d (%d streams each), %d BLAS thread(s) per rank, %d timed steps')
    :format(ranks, B, T, B // ranks, core.get_threads(), steps))
  print(('gradient slab: %.2f MB (%d floats)'):format(bytes / 1e6, bytes // 4))
  print(('median per step: forward+backward %.1f ms, allreduce %.2f ms (%.2f GB/s of slab), update %.1f ms; '
    .. '%.0f chars/s'):format(c * 1e3, a * 1e3, bytes / a / 1e9, u * 1e3, B * T / (c + a + u)))
end
comm:finalize()
