--- The collective steps of data-parallel training (`tweeter.train` under `mpirun -np N`):
-- starting together, checking that the ranks hold the same model and data, taking this
-- rank's share of the streams, one training step over every rank, a validation summed over
-- them, a save that gathers every rank's streams, and ending the job when one rank fails. Each takes `comm`, a communicator
-- from `require('tweeter.mpi').init()`, or nil for one process, which then does alone what
-- the ranks do together.
--
--     local ok, msg = parallel.start_together(comm, model ~= nil, err)
--     local loss, interrupted = parallel.train_step(comm, model, batch, B * T)
-- @module tweeter.parallel
local core = require('tweeter.core')

local M = {}

--- This process's rank and the number of ranks.
-- @param comm communicator or nil
-- @treturn integer rank (0 for one process)
-- @treturn integer ranks (1 for one process)
function M.rank(comm)
  if not comm then return 0, 1 end
  return comm:rank(), comm:size()
end

--- Starts training only when every rank is ready, so that no rank waits in a collective
-- call for one that gave up. Every rank calls it, with whether it prepared and, if not, why.
-- @param comm communicator or nil
-- @tparam boolean ok this rank is ready
-- @tparam[opt] string msg why not
-- @treturn true|nil
-- @treturn[opt] string the message this rank reports: rank 0's own failure on rank 0 alone,
--  else one line on rank 0 naming the first rank that failed, and each failed rank's own
function M.start_together(comm, ok, msg)
  if not comm then return ok, msg end
  local rank = comm:rank()
  local failed, root_failed = comm:sum(ok and 0 or 1, (rank == 0 and not ok) and 1 or 0)
  local first = comm:min(ok and math.huge or rank)
  if failed == 0 then return true end
  if root_failed > 0 then return nil, rank == 0 and msg or nil end
  if rank == 0 then
    return nil, ('rank %d of %d could not start training (%d ranks failed; its message is '
      .. 'above)'):format(math.tointeger(first), comm:size(), math.tointeger(failed))
  end
  return nil, not ok and ('rank %d: %s'):format(rank, msg) or nil
end

--- Whether the ranks start from the same model (steps, parameters, vocabulary) and the same
-- data: their updates would mix different things otherwise.
-- @param comm communicator or nil (one process: true)
-- @param model tweeter.Model
-- @tparam integer train_tokens this rank's training characters
-- @treturn true|nil
-- @treturn[opt] string what differs, and which files every machine needs
function M.check_same(comm, model, train_tokens)
  if not comm then return true end
  local info = model:config()
  local mine = { model:steps(), info.params, info.vocab_size, train_tokens }
  local lo = { comm:min(table.unpack(mine)) }
  local hi = { comm:max(table.unpack(mine)) }
  for k, what in ipairs({ 'model steps', 'parameters', 'vocabulary sizes', 'training characters' }) do
    if lo[k] ~= hi[k] then
      return nil, ('the ranks do not see the same model and data (%s from %d to %d): every '
        .. 'machine needs the same --data, --model (and checkpoint) and --from files'):format(
        what, math.tointeger(lo[k]), math.tointeger(hi[k]))
    end
  end
  return true
end

--- Makes the model this rank's part of a batch of `batch` streams: of a recurrent state
-- saved for the whole batch it keeps this rank's streams, and with dropout ranks other than 0
-- draw their own masks (from the same random stream every rank would draw the same ones).
-- @param comm communicator or nil (one process: the model as it is)
-- @param model tweeter.Model
-- @tparam integer batch the whole batch's streams, a multiple of the ranks
function M.take_share(comm, model, batch)
  local rank, ranks = M.rank(comm)
  if ranks == 1 then return end
  local _, carried = model:carried_state()
  if carried == batch then model:keep_streams(rank * batch // ranks, batch // ranks) end
  local info = model:info()
  if info.dropout > 0 and rank > 0 then model:set_seed(info.seed * 7919 + info.steps * 104729 + rank) end
end

--- One training step over every rank's share of the batch: each divides its gradients by the
-- whole batch's characters, one in-place allreduce sums them, and every rank makes the same
-- update.
-- @param comm communicator or nil
-- @param model tweeter.Model
-- @param batch this rank's tweeter.Batch, already advanced
-- @tparam integer chars the whole batch's characters (B × T)
-- @treturn number the whole batch's mean loss (nats per character)
-- @treturn boolean whether any rank was interrupted: all stop together
function M.train_step(comm, model, batch, chars)
  if not comm then return model:train_step(batch), core.interrupted() end
  local nats = model:train_gradients(batch, chars)
  comm:allreduce(model:gradient_buffer())
  model:apply_gradients(batch)
  local loss, interrupted = comm:sum(nats / chars, core.interrupted() and 1 or 0)
  return loss, interrupted > 0
end

--- The mean loss (nats per predicted character) of a model over a non-wrapping batch,
-- summed over every rank's share of it.
-- @param comm communicator or nil
-- @param model tweeter.Model
-- @param batch this rank's tweeter.Batch (`wrap = false`), read to its end
-- @treturn number|nil nil when the batch holds nothing to predict
function M.evaluate(comm, model, batch)
  local nats, count = 0, 0
  while batch:next() do
    local l, c = model:evaluate(batch)
    nats, count = nats + l, count + c
  end
  if comm then nats, count = comm:sum(nats, count) end
  if count == 0 then return nil end
  return nats / count
end

--- Saves the model on rank 0 with the recurrent state of every rank's streams. Every rank
-- calls it at the same points; the others only send their streams.
-- @param comm communicator or nil
-- @param model tweeter.Model
-- @tparam integer batch the whole batch's streams
-- @tparam string path
-- @tparam[opt] table file_opts `model:save`'s options
-- @return what `model:save` returns (true on ranks other than 0)
function M.save(comm, model, batch, path, file_opts)
  local rank, ranks = M.rank(comm)
  local whole = model
  if ranks > 1 then
    local state, _, rows = model:carried_state()
    local all = state and comm:gather_streams(state, rows)
    if rank ~= 0 then return true end
    if all then whole = model:copy():set_carried_state(all, batch) end
  end
  return whole:save(path, file_opts)
end

--- Rank 0's answer, for every rank (rank 0 sees the files it writes).
-- @param comm communicator or nil
-- @tparam boolean yes this rank's answer
-- @treturn boolean
function M.root_sees(comm, yes)
  if not comm then return yes end
  return comm:max(comm:rank() == 0 and yes and 1 or 0) == 1
end

--- Rank 0's number, for every rank.
-- @param comm communicator or nil
-- @tparam number x this rank's (only rank 0's counts)
-- @treturn number
function M.from_root(comm, x)
  if not comm then return x end
  return comm:max(comm:rank() == 0 and x or -math.huge)
end

--- A failure once training has started. One rank failing alone would leave the others
-- waiting in a collective call: it prints its message and ends the whole job (`comm:abort`).
-- @param comm communicator or nil
-- @tparam string msg
-- @return nil and `msg` (one process)
function M.fatal(comm, msg)
  if comm then
    io.stderr:write(('tweeter train: rank %d: %s\n'):format(comm:rank(), msg))
    io.stderr:flush()
    comm:abort(1)
  end
  return nil, msg
end

return M
