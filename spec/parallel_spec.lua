-- tweeter.parallel: the collective steps of data-parallel training. Without a communicator
-- each does what one process does alone; with a communicator of one rank, what that process
-- does; under `mpirun -np 2` (Open MPI and tweeter.mpi, as spec/mpi_spec.lua needs them) the
-- ranks start together or report who failed, see the same model and data, sum their
-- validation, gather their streams into one saved state, and a failing rank ends the job.
local helper = require('helper')
local core = require('tweeter.core')
local parallel = require('tweeter.parallel')

local q = helper.quote

local function tiny_model(posts)
  return core.model{ embed = 6, hidden = 10, layers = 1, seed = 3, vocab = table.concat(posts) }
end

-- A communicator of one rank: every reduction is the rank's own numbers.
local function one_rank()
  local calls = {}
  local function same(_, ...) return ... end
  return {
    calls = calls,
    rank = function() return 0 end, size = function() return 1 end,
    sum = same, min = same, max = same,
    allreduce = function(_, buffer) calls[#calls + 1] = 'allreduce' return buffer end,
    gather_streams = function(_, buffer) return buffer end,
    abort = function(_, code) calls[#calls + 1] = 'abort ' .. code end,
  }
end

describe('tweeter.parallel in one process', function()
  local posts = helper.posts(40, 6)

  it('is rank 0 of 1, starts when ready and reports its own failure as it is', function()
    assert.are.same({ 0, 1 }, { parallel.rank(nil) })
    assert.are.same({ 0, 1 }, { parallel.rank(one_rank()) })
    assert.is_true(parallel.start_together(nil, true))
    assert.are.same({ false, 'no posts' }, { parallel.start_together(nil, false, 'no posts') })
    assert.is_true(parallel.start_together(one_rank(), true))
    assert.are.same({ nil, 'no posts' }, { parallel.start_together(one_rank(), false, 'no posts') })
    assert.is_true(parallel.check_same(nil, tiny_model(posts), 100))
    assert.is_true(parallel.check_same(one_rank(), tiny_model(posts), 100))
    assert.is_true(parallel.root_sees(nil, true))
    assert.is_false(parallel.root_sees(nil, false))
    assert.is_true(parallel.root_sees(one_rank(), true))
    assert.is_false(parallel.root_sees(one_rank(), false))
  end)

  it('trains a step as model:train_step does, with one rank as without a communicator', function()
    local a, b, c = tiny_model(posts), tiny_model(posts), tiny_model(posts)
    local ba, bb, bc = a:encode(posts):batches(4, 12), b:encode(posts):batches(4, 12), c:encode(posts):batches(4, 12)
    local comm = one_rank()
    for _ = 1, 3 do
      ba:next(); bb:next(); bc:next()
      local expected = a:train_step(ba)
      local loss, interrupted = parallel.train_step(nil, b, bb, 48)
      assert.are.equal(expected, loss)
      assert.is_false(interrupted)
      loss, interrupted = parallel.train_step(comm, c, bc, 48)
      assert.is_true(math.abs(expected - loss) < 1e-6)
      assert.is_false(interrupted)
    end
    assert.are.same({ 'allreduce', 'allreduce', 'allreduce' }, comm.calls)
    for i = 1, 10 do
      assert.are.equal(a:param('w1', i), b:param('w1', i))
      assert.is_true(math.abs(a:param('w1', i) - c:param('w1', i)) < 1e-6)
    end
  end)

  it('evaluates a batch to its end: the mean loss per character', function()
    local model = tiny_model(posts)
    local data = model:encode(posts)
    local nats, count = helper.evaluate_all(model, data:batches(4, 12, { wrap = false }))
    assert.are.equal(nats / count, parallel.evaluate(nil, model, data:batches(4, 12, { wrap = false })))
    assert.are.equal(nats / count, parallel.evaluate(one_rank(), model, data:batches(4, 12, { wrap = false })))
  end)

  it('keeps the model as it is for its share of the batch, and saves it whole', function()
    local dir = helper.tmpdir()
    local model = tiny_model(posts)
    local batch = model:encode(posts):batches(4, 12)
    batch:next()
    model:train_step(batch)
    parallel.take_share(nil, model, 4)
    parallel.take_share(one_rank(), model, 4)
    assert.are.equal(4, select(2, model:carried_state()))
    assert.is_true(parallel.save(nil, model, 4, dir .. '/m.twm'))
    assert.is_true(parallel.save(one_rank(), model, 4, dir .. '/one.twm'))
    for _, name in ipairs({ 'm.twm', 'one.twm' }) do
      local saved = assert(core.load(dir .. '/' .. name))
      assert.are.equal(1, saved:steps())
      assert.are.equal(4, select(2, saved:carried_state()))
    end
    local ok, err = parallel.save(nil, model, 4, dir .. '/missing/m.twm')
    assert.is_nil(ok)
    assert.is_string(err)
    helper.rm_rf(dir)
  end)

  it('fails alone without a communicator; with one, it says which rank failed and ends the job', function()
    assert.are.same({ nil, 'disk full' }, { parallel.fatal(nil, 'disk full') })
    local comm = one_rank()
    local stderr = io.stderr
    local path = helper.tmppath()
    io.stderr = assert(io.open(path, 'w')) -- luacheck: ignore (a stand-in for the stream)
    local ok, msg = parallel.fatal(comm, 'disk full')
    io.stderr:close()
    io.stderr = stderr -- luacheck: ignore
    assert.are.same({ nil, 'disk full' }, { ok, msg })
    assert.are.same({ 'abort 1' }, comm.calls)
    assert.are.equal('tweeter train: rank 0: disk full\n', helper.read(path))
    os.remove(path)
  end)
end)

local has_mpirun = os.execute('command -v mpirun > /dev/null 2>&1')
local has_module = pcall(require, 'tweeter.mpi')

describe('tweeter.parallel under mpirun -np 2', function()
  if not (has_mpirun and has_module) then
    local why = not has_mpirun and 'mpirun is missing (scripts/deps.sh installs Open MPI)'
      or 'tweeter.mpi is not in this build (make builds it where Open MPI is installed)'
    pending('the collective steps over Open MPI: ' .. why)
    return
  end

  -- loopback only, as root, two ranks on however many cores (as spec/mpi_spec.lua runs them)
  local MPIRUN = 'OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 OMPI_MCA_btl=self,vader '
    .. 'OMPI_MCA_btl_vader_single_copy_mechanism=none OMPI_MCA_oob_tcp_if_include=lo '
    .. 'OPENBLAS_NUM_THREADS=1 mpirun --allow-run-as-root --oversubscribe --bind-to none -np 2 '

  local dir
  setup(function() dir = helper.tmpdir() end)
  teardown(function() helper.rm_rf(dir) end)

  -- Runs `body` on both ranks (with `comm`, `rank`, `parallel`, `core`, `helper` and `dir`
  -- in scope); returns the exit code and each rank's standard output, by rank.
  local function on_two_ranks(body)
    local script = helper.write(helper.tmppath('.lua'), ([[
      package.path = %q .. package.path
      package.cpath = %q .. package.cpath
      local core, parallel, helper = require('tweeter.core'), require('tweeter.parallel'), require('helper')
      local comm = require('tweeter.mpi').init()
      local rank, dir = comm:rank(), %q
      local out = assert(io.open(dir .. '/rank' .. rank, 'w'))
      local function say(...) out:write(table.concat({ ... }, ' '), '\n') out:flush() end
      %s
      out:close()
      comm:finalize()
    ]]):format(helper.root .. '/lua/?.lua;' .. helper.root .. '/spec/?.lua;',
      helper.root .. '/build/?.so;', dir, body))
    local code, _, err = helper.run(MPIRUN .. 'lua5.4 ' .. q(script))
    os.remove(script)
    return code, helper.read(dir .. '/rank0') or '', helper.read(dir .. '/rank1') or '', err
  end

  it('start together, or each rank says who failed', function()
    local code, zero, one, err = on_two_ranks([[
      say('ready', tostring(parallel.start_together(comm, true)))
      say('one fails', tostring(select(2, parallel.start_together(comm, rank == 0, 'no posts'))))
      say('zero fails', tostring(select(2, parallel.start_together(comm, rank == 1, 'no model'))))
      say('root sees', tostring(parallel.root_sees(comm, rank == 0)), tostring(parallel.root_sees(comm, rank == 1)))
    ]])
    assert.are.equal(0, code, err)
    assert.are.equal('ready true\none fails rank 1 of 2 could not start training (1 ranks failed; '
      .. 'its message is above)\nzero fails no model\nroot sees true false\n', zero)
    assert.are.equal('ready true\none fails rank 1: no posts\nzero fails nil\nroot sees true false\n', one)
  end)

  it('find different data, sum their validation and gather their streams into one saved state', function()
    local code, zero, one, err = on_two_ranks([[
      local posts = helper.posts(40, 6)
      local model = core.model{ embed = 6, hidden = 10, layers = 1, seed = 3, vocab = table.concat(posts) }
      local data = model:encode(posts)
      say('same', tostring(parallel.check_same(comm, model, 100)))
      say('differ', select(2, parallel.check_same(comm, model, 100 + rank)))
      local whole = parallel.evaluate(nil, model, data:batches(4, 12, { wrap = false }))
      local shared = parallel.evaluate(comm, model, data:batches(4, 12, { wrap = false, part = rank, parts = 2 }))
      say('evaluate', tostring(math.abs(whole - shared) < 1e-6 * whole))
      -- one step on the whole batch, then each rank keeps its half of the streams
      local batch = data:batches(4, 12)
      batch:next()
      model:train_step(batch)
      local mine = model:copy()
      parallel.take_share(comm, mine, 4)
      say('share', (select(2, mine:carried_state())))
      say('save', tostring(parallel.save(comm, mine, 4, dir .. '/gathered.twm')))
      if rank == 0 then
        -- the saved state trains on as the whole one: the next step's losses agree
        local saved = assert(core.load(dir .. '/gathered.twm'))
        local next_step = saved:encode(posts):batches(4, 12):seek(1)
        next_step:next()
        batch:next()
        local a, b = saved:train_gradients(next_step), model:train_gradients(batch)
        say('whole', (select(2, saved:carried_state())), tostring(math.abs(a - b) < 1e-6 * b))
      end
    ]])
    assert.are.equal(0, code, err)
    assert.matches('^same true\ndiffer the ranks do not see the same model and data %(training characters '
      .. 'from 100 to 101%): every machine needs the same %-%-data', zero)
    assert.matches('\nevaluate true\nshare 2\nsave true\nwhole 4 true\n$', zero)
    assert.matches('\nevaluate true\nshare 2\nsave true\n$', one)
  end)

  it('end the job when one rank fails, with its message', function()
    local code, _, _, err = on_two_ranks([[
      comm:sum(1)
      if rank == 1 then parallel.fatal(comm, 'disk full') end
      comm:sum(1)
    ]])
    assert.are_not.equal(0, code)
    assert.matches('tweeter train: rank 1: disk full', err)
  end)
end)
