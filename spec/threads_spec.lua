local threads = require('tweeter.threads')

-- /proc/stat of a 2-CPU machine: the aggregate line, then one per CPU
local function stat_text(user, idle, steal)
  return ('cpu  %d 100 50 %d 10 0 5 %d 7 0\ncpu0 1 2 3 4 5 6 7 8 0 0\ncpu1 1 2 3 4 5 6 7 8 0 0\n'
    .. 'intr 12345 0 0\nctxt 999\n'):format(user, idle, steal)
end

-- /proc/self/stat with a command name that holds spaces and ") ", as a process may set it
local function self_text(utime, stime)
  return ('4242 (lua 5.4) (x) R 1 2 3 0 -1 4194304 127 0 0 0 %d %d 0 0 20 0 3 0 33 3133440 '
    .. '382\n'):format(utime, stime)
end

-- a read_file that serves /proc texts from a list of readings, counting what it read
local function fake_proc(readings)
  local served = { n = 0 }
  function served.read(path)
    local r = readings[served.n // 2 + 1]
    served.n = served.n + 1
    if not r then return nil end
    return path == '/proc/stat' and stat_text(r.user, r.idle, 0) or self_text(r.own, 0)
  end
  return served
end

describe('tweeter.threads', function()
  it('reads the busy and total ticks and the CPU count from /proc/stat', function()
    local busy, all, cpus = threads.parse_stat(stat_text(1000, 400, 3))
    -- user nice system idle iowait irq softirq steal; guest (7) is inside user already
    assert.are.equal(1000 + 100 + 50 + 0 + 5 + 3, busy)
    assert.are.equal(1000 + 100 + 50 + 400 + 10 + 0 + 5 + 3, all)
    assert.are.equal(2, cpus)
    assert.is_nil(threads.parse_stat('intr 1 2 3\n'))
  end)

  it("reads this process's user and system ticks past a command name with spaces and ')'",
    function()
      assert.are.equal(70 + 12, threads.parse_self(self_text(70, 12)))
      assert.is_nil(threads.parse_self('4242 (truncated'))
      assert.is_nil(threads.parse_self('4242 (lua) R 1 2'))
    end)

  it('counts the cores the other processes kept busy, without this one', function()
    local before = { busy = 1000, all = 2000, cpus = 2, own = 300 }
    -- 2 s of wall time (400 ticks on 2 CPUs): 300 busy ticks, 100 of them this process's
    local after = { busy = 1300, all = 2400, cpus = 2, own = 400 }
    assert.are.equal(1, threads.others(before, after))
    after.own = 600   -- all of the busy time was this process's
    assert.are.equal(0, threads.others(before, after))
    assert.is_nil(threads.others(before, before))
  end)

  it('runs on the cores left free, rounded, at least one and at most the starting count', function()
    assert.are.equal(2, threads.count_for(0, 2, 2))
    assert.are.equal(2, threads.count_for(0.4, 2, 2))
    assert.are.equal(1, threads.count_for(0.7, 2, 2))
    assert.are.equal(1, threads.count_for(1.0, 2, 2))
    assert.are.equal(1, threads.count_for(2.0, 2, 2))
    assert.are.equal(1, threads.count_for(0, 2, 1))
    assert.are.equal(6, threads.count_for(2, 8, 6))
  end)

  it('a tuner moves to one thread beside a busy process and back once it is gone', function()
    -- each reading: cumulative ticks of the whole machine (2 CPUs) and of this process
    local proc = fake_proc({
      { user = 0, idle = 0, own = 0 },        -- at the start
      { user = 400, idle = 0, own = 200 },    -- 2 s: another process took a whole core
      { user = 700, idle = 100, own = 500 },  -- 2 s more: only this one ran
    })
    local tuner = threads.tuner(2, 10, { every = 2, read_file = proc.read })
    assert.are.equal(2, proc.n)
    assert.is_nil(tuner.check(11))          -- too soon: /proc is not read
    assert.are.equal(2, proc.n)
    assert.are.equal(1, tuner.check(12))
    assert.are.equal(2, tuner.check(14))
    assert.is_nil(tuner.check(16))          -- /proc could not tell: no change
    assert.is_nil(tuner.check(30))          -- and no reading to measure from any more
  end)

  it('a tuner that cannot read /proc never changes the count', function()
    local tuner = threads.tuner(2, 0, { read_file = function() return nil end })
    assert.is_nil(tuner.check(100))
  end)

  it('reads this machine: the others keep between none and every core busy', function()
    local before = threads.reading()
    assert.is_table(before)
    local x = 0
    for i = 1, 2e6 do x = x + i % 7 end   -- some CPU time of this process's own
    assert.is_true(x > 0)
    local after = threads.reading()
    assert.is_true(after.own >= before.own)
    assert.is_true(after.cpus >= 1)
    local others = threads.others(before, after)
    if others then assert.is_true(others >= 0 and others <= after.cpus) end
  end)
end)
