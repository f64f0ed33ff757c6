--- Training progress: a one-line bar on a terminal, plain log lines otherwise.
--
--     local p = progress.new{ total = 1000 }
--     p:update{ step = 10, total = 1000, epoch = 0.2, train_bpc = 3.1, valid_bpc = nil,
--               chars_per_s = 52000, eta = 95 }
--     p:log('validation: 2.95 bpc (best)')
--     p:finish()
--
-- On a terminal the bar is redrawn in place with `\r`, at most ten times a second. When the
-- stream is not a terminal, `update` writes a plain line every `log_every` steps (default:
-- about twenty lines over the run) and on the last step.
-- @module tweeter.progress
local core = require('tweeter.core')
local options = require('tweeter.options')

local M = {}

local Progress = {}
Progress.__index = Progress

local REDRAW_SECONDS = 0.1
-- Off a terminal, a line at least this often too, so long runs show they are alive.
local LOG_SECONDS = 60

--- Formats seconds as `1h02m`, `3m05s` or `42s`.
-- @tparam number s
-- @treturn string
function M.duration(s)
  if s == nil or s ~= s or s == math.huge then return '?' end
  s = math.floor(s + 0.5)
  if s >= 3600 then return ('%dh%02dm'):format(s // 3600, (s % 3600) // 60) end
  if s >= 60 then return ('%dm%02ds'):format(s // 60, s % 60) end
  return ('%ds'):format(s)
end

--- Formats a rate as `950`, `12.3k`, `1.20M` or `3.40G`.
-- @tparam number x
-- @treturn string
function M.rate(x)
  if x == nil or x ~= x then return '?' end
  if x == math.huge then return 'inf' end
  if x >= 1e9 then return ('%.2fG'):format(x / 1e9) end
  if x >= 1e6 then return ('%.2fM'):format(x / 1e6) end
  if x >= 1e4 then return ('%.1fk'):format(x / 1e3) end
  return ('%.0f'):format(x)
end

local function bpc(x)
  if x == nil then return '-' end
  return ('%.3f'):format(x)
end

--- Creates a reporter.
-- @tparam[opt] table opts `stream` (default io.stderr), `tty` (default: whether the stream
-- is a terminal), `total` (steps in the run), `log_every` (steps between log lines when not
-- on a terminal), `width` (columns; default the terminal's)
-- @return a reporter with `update`, `log` and `finish`
function M.new(opts)
  opts = opts or {}
  options.check_known(opts, { 'stream', 'tty', 'total', 'log_every', 'width' }, 'new')
  local stream = opts.stream or io.stderr
  local tty = opts.tty
  if tty == nil then tty = core.isatty(stream) end
  local total = opts.total or 0
  local self = setmetatable({
    stream = stream, tty = tty, total = total,
    log_every = opts.log_every or math.max(1, total // 10),
    width = opts.width or (tty and core.terminal_width(stream) or 80),
    last_draw = -math.huge, drawn = false, last_log = core.monotonic(),
  }, Progress)
  return self
end

--- The reporter a `progress` option asks for (`tweeter.train.run`'s): `true` a progress
-- object, a table the caller's own reporter (`update`, `log`, `finish`), a function `f` one
-- that calls `f('step', stats)` and `f('log', message)`, `false` none; not given, what the
-- command shows when standard error is a terminal.
-- @param p the option
-- @tparam integer total the steps the bar counts
-- @treturn table|nil
function M.reporter(p, total)
  if p == nil then p = core.isatty(io.stderr) end
  if p == true then return M.new{ total = total } end
  if type(p) == 'table' then return p end
  if type(p) == 'function' then
    return {
      update = function(_, st) p('step', st) end,
      log = function(_, msg) p('log', msg) end,
      finish = function() end,
    }
  end
  return nil
end

--- The bar's text for a stats table (without `\r`), fitted to `width` columns: on a narrow
-- terminal the least needed fields go first (the rate, the epoch, the ETA, the bar), never
-- half a number.
-- @tparam table st step, total, first (the step the run started at, default 0), epoch,
--  train_bpc, valid_bpc, chars_per_s, eta
-- @tparam integer width
-- @treturn string
function M.bar_line(st, width)
  local total, first = st.total or 0, st.first or 0
  local fields = {
    { keep = 1, text = ('%d/%d'):format(st.step, total) },
    { keep = 4, text = ('ep %.2f'):format(st.epoch or 0) },
    { keep = 2, text = ('train %s'):format(bpc(st.train_bpc)) },
    { keep = 3, text = ('valid %s bpc'):format(bpc(st.valid_bpc)) },
    { keep = 6, text = ('%s ch/s'):format(M.rate(st.chars_per_s)) },
    { keep = 5, text = ('ETA %s'):format(M.duration(st.eta)) },
  }
  local room = width - 1 -- the last column stays empty: some terminals wrap on it
  local function tail_text()
    local parts = {}
    for _, f in ipairs(fields) do if not f.dropped then parts[#parts + 1] = f.text end end
    return table.concat(parts, ' ')
  end
  local tail = tail_text()
  local bar_room = room - #tail - 3
  while bar_room < 5 and #tail > room do
    local worst
    for _, f in ipairs(fields) do
      if not f.dropped and f.keep > 1 and (not worst or f.keep > worst.keep) then worst = f end
    end
    if not worst then break end
    worst.dropped = true
    tail = tail_text()
  end
  bar_room = room - #tail - 3
  if #tail > room then return '' end -- not even the step count fits: nothing, not half of it
  if bar_room < 5 then return tail end
  local span = total - first
  local frac = span > 0 and math.max(0, math.min(1, (st.step - first) / span)) or 0
  local fill = math.floor(frac * bar_room + 0.5)
  return '[' .. ('='):rep(fill) .. (' '):rep(bar_room - fill) .. '] ' .. tail
end

--- A plain log line for a stats table.
-- @tparam table st
-- @treturn string
function M.log_line(st)
  return ('step %d/%d epoch %.2f train %s bpc valid %s bpc %s chars/s eta %s'):format(
    st.step, st.total or 0, st.epoch or 0, bpc(st.train_bpc), bpc(st.valid_bpc),
    M.rate(st.chars_per_s), M.duration(st.eta))
end

--- Reports the state after a step. Cheap when nothing is drawn.
-- @tparam table st
function Progress:update(st)
  if self.tty then
    local now = core.monotonic()
    if now - self.last_draw < REDRAW_SECONDS and st.step < st.total then return end
    self.last_draw = now
    self.stream:write('\r', M.bar_line(st, self.width), '\27[K')
    self.stream:flush()
    self.drawn = true
  else
    local now = core.monotonic()
    if st.step % self.log_every == 0 or st.step == st.total or now - self.last_log >= LOG_SECONDS then
      self.last_log = now
      self.stream:write(M.log_line(st), '\n')
      self.stream:flush()
    end
  end
end

--- Writes a message on its own line (below the bar on a terminal; the bar is redrawn by the
-- next update).
-- @tparam string msg
function Progress:log(msg)
  if self.tty and self.drawn then
    self.stream:write('\r\27[K')
    self.drawn = false
    self.last_draw = -math.huge
  end
  self.stream:write(msg, '\n')
  self.stream:flush()
end

--- Ends the bar's line.
function Progress:finish()
  if self.tty and self.drawn then
    self.stream:write('\n')
    self.drawn = false
  end
  self.stream:flush()
end

return M
