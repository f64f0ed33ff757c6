--- A model's loss history, and where fine-tuning started in it.
--
-- A fine-tuned model keeps its base's history (its steps go on from the base's), so a
-- 100-step fine-tune would be squashed into the last pixels of a picture of the base's
-- thousands of steps, and its validation losses (on the person's posts) would read as if
-- they continued the base's (on generic posts). When fine-tuning starts, training appends a
-- marker: an entry whose training loss is NaN (no real entry has one). What follows the last
-- marker is the current fine-tune; `tweeter info` and the loss curve show that part.
-- @module tweeter.history
local M = {}

--- Appends the fine-tuning marker to a model's history at its current step.
-- @param model a tweeter.Model
function M.mark_finetune(model)
  model:add_history(model:steps(), 0 / 0)
end

--- Whether a history entry is a fine-tuning marker.
-- @tparam table e `{ step=, train=, valid= }`
-- @treturn boolean
function M.is_marker(e)
  return e.train ~= e.train
end

--- The entries of the current run: those after the last fine-tuning marker (all of them
-- when there is none), and the step that marker stands at (nil when there is none).
-- @tparam table history array of entries, as in `model:history()`
-- @treturn table entries
-- @treturn integer|nil the step fine-tuning started at
-- @treturn integer number of entries before it (the base's)
function M.current(history)
  local last
  for k, e in ipairs(history) do
    if M.is_marker(e) then last = k end
  end
  if not last then return history, nil, 0 end
  return table.move(history, last + 1, #history, 1, {}), history[last].step, last - 1
end

--- How many validations came after the best one, counting only those of the current
-- fine-tune: the base's were on other posts, which no fine-tune is measured by.
-- @tparam table history array of entries, as in `model:history()`
-- @treturn integer
function M.stale(history)
  local best, stale = math.huge, 0
  for _, e in ipairs(M.current(history)) do
    if e.valid then
      if e.valid < best then best, stale = e.valid, 0 else stale = stale + 1 end
    end
  end
  return stale
end

return M
