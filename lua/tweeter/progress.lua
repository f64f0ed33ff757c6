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

--- The bar's text for a stats table (without `\r`), fitted to `width` columns.
-- @tparam table st step, total, epoch, train_bpc, valid_bpc, chars_per_s, eta
-- @tparam integer width
-- @treturn string
function M.bar_line(st, width)
  local total = st.total or 0
  local tail = (' %d/%d ep %.2f train %s valid %s bpc %s ch/s ETA %s'):format(
    st.step, total, st.epoch or 0, bpc(st.train_bpc), bpc(st.valid_bpc),
    M.rate(st.chars_per_s), M.duration(st.eta))
  local room = width - 1 - #tail - 2
  if room < 5 then return tail:sub(2, width - 1) end
  local frac = total > 0 and math.min(1, st.step / total) or 0
  local fill = math.floor(frac * room + 0.5)
  return '[' .. ('='):rep(fill) .. (' '):rep(room - fill) .. ']' .. tail
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
