--- How many threads training runs on, measured while it runs. Every few seconds the CPU time
-- the other processes took is read from /proc, and the products run on the cores they left
-- free: at least one, at most the count training started with. On a small machine beside a
-- busy process, one thread with a core to itself trains faster than two that share one; on
-- a quiet machine two are faster (docs/performance.md has the figures).
-- @module tweeter.threads
local files = require('tweeter.files')

local M = {}

--- The CPU times in the text of /proc/stat.
-- @string text
-- @treturn[1] number ticks every CPU together spent busy (all but idle and iowait)
-- @treturn[1] number ticks in all
-- @treturn[1] integer the number of CPUs
-- @treturn[2] nil when the text has no aggregate "cpu" line
function M.parse_stat(text)
  local fields = text:match('^cpu +([%d ]+)')
  if not fields then return nil end
  local all, idle, k = 0, 0, 0
  for v in fields:gmatch('%d+') do
    k = k + 1
    -- the 9th and 10th (guest, guest_nice) are counted in user and nice already
    if k <= 8 then all = all + tonumber(v) end
    if k == 4 or k == 5 then idle = idle + tonumber(v) end
  end
  local cpus = 0
  for _ in text:gmatch('\ncpu%d+ ') do cpus = cpus + 1 end
  return all - idle, all, cpus
end

--- This process's CPU ticks (user and system) in the text of /proc/self/stat, or nil.
-- @string text
function M.parse_self(text)
  -- the command name (the 2nd field) is in parentheses and may hold spaces and ')': the
  -- fields are counted from the last ')', where the 3rd begins
  local rest = text:match('^.*%) (.*)$')
  if not rest then return nil end
  local fields = {}
  for v in rest:gmatch('%S+') do fields[#fields + 1] = v end
  local utime, stime = tonumber(fields[12]), tonumber(fields[13])   -- the 14th and 15th
  return utime and stime and utime + stime or nil
end

--- The CPU times now, or nil where /proc cannot tell them.
-- @tparam[opt] function read_file reads a path's text, or returns nil (default: files.read)
-- @treturn table `{busy, all, cpus, own}` in ticks (`cpus` a count)
function M.reading(read_file)
  read_file = read_file or files.read
  local stat, own = read_file('/proc/stat'), read_file('/proc/self/stat')
  if not stat or not own then return nil end
  local busy, all, cpus = M.parse_stat(stat)
  local mine = M.parse_self(own)
  if not busy or not mine or cpus == 0 then return nil end
  return { busy = busy, all = all, cpus = cpus, own = mine }
end

--- How many cores the other processes kept busy between two readings (0 to cpus), or nil
-- when no time passed between them.
-- @tab before a reading
-- @tab after a later one
function M.others(before, after)
  local elapsed = (after.all - before.all) / after.cpus
  if elapsed <= 0 then return nil end
  local others = (after.busy - before.busy) - (after.own - before.own)
  return math.max(0, math.min(after.cpus, others / elapsed))
end

--- The thread count for the cores that `others` busy cores leave free, rounded to the
-- nearest: at least 1, at most max.
function M.count_for(others, cpus, max)
  return math.max(1, math.min(max, math.floor(cpus - others + 0.5)))
end

--- A tuner for a run that starts now on `max` threads. `tuner.check(now)` (seconds on the
-- same clock) returns the count to run on from then on when it changes, else nil; it reads
-- /proc at most once every `every` seconds. Where /proc cannot tell, it never changes.
-- @int max
-- @number now
-- @tab[opt] opts `every` (seconds, default 2), `read_file` (see `reading`)
function M.tuner(max, now, opts)
  opts = opts or {}
  local every, read_file = opts.every or 2, opts.read_file
  local before, since, current = M.reading(read_file), now, max
  local tuner = {}
  function tuner.check(at)
    if not before or at - since < every then return nil end
    local after = M.reading(read_file)
    local others = after and M.others(before, after)
    before, since = after, at
    if not others then return nil end
    local want = M.count_for(others, after.cpus, max)
    if want == current then return nil end
    current = want
    return want
  end
  return tuner
end

return M
