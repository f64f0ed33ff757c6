--- Ctrl-C (and SIGTERM) as an error object: while `run` runs a function, the signals are
-- caught by the core (`core.catch_interrupt`) and a count hook raises `INTERRUPTED` in the
-- running Lua code, so that callers tell an interrupt from other errors by what was raised.
-- A training run polls Ctrl-C itself (it checkpoints first), so the hook leaves it alone.
-- Used by the command (`tweeter.cli`) and the prompt (`tweeter.repl`).
-- @module tweeter.interrupt
local core = require 'tweeter.core'

local M = {}

--- VM instructions between two looks at the interrupt flag.
M.CHECK_EVERY = 1000

--- What an interrupt raises (`tostring` gives 'interrupted').
M.INTERRUPTED = setmetatable({}, { __tostring = function() return 'interrupted' end })

--- Whether a training run is on the stack: it must be the one to see Ctrl-C.
-- @treturn boolean
function M.training_on_stack()
  local train = package.loaded['tweeter.train']
  if not train then return false end
  local level = 2
  while true do
    local info = debug.getinfo(level, 'f')
    if not info then return false end
    if info.func == train.run then return true end
    level = level + 1
  end
end

--- Raises `INTERRUPTED` when Ctrl-C came and no training run is there to see it. A sleep
-- cut short by a signal calls it, so that a wait ends at once.
function M.poll()
  if not M.training_on_stack() and core.interrupted() then error(M.INTERRUPTED, 0) end
end

--- Runs `fn(...)` under `pcall` with Ctrl-C and SIGTERM turned into `INTERRUPTED`.
-- @tparam function fn
-- @tparam[opt] function on_return called as a `'return'` hook (the prompt keeps locals
--  with it)
-- @return what `pcall` returns (as a packed table)
function M.run(fn, on_return, ...)
  local was_catching = core.catch_interrupt()
  core.interrupted() -- a Ctrl-C from before this call is not for it
  -- an outer run (the prompt under the command) gets its hook back afterwards
  local outer_hook, outer_mask, outer_count = debug.gethook()
  debug.sethook(function(event)
    if event == 'count' then M.poll() elseif on_return then on_return(event) end
  end, on_return and 'r' or '', M.CHECK_EVERY)
  local res = table.pack(pcall(fn, ...))
  if outer_hook then debug.sethook(outer_hook, outer_mask, outer_count) else debug.sethook() end
  if not was_catching then core.catch_interrupt(false) end
  return res
end

return M
