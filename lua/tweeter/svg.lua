--- The loss-curve picture written beside a model file: training and validation bits per
-- character against the step, as a small hand-written SVG document.
-- @module tweeter.svg
local files = require 'tweeter.files'
local history_mod = require('tweeter.history')

local M = {}

local LN2 = require('tweeter.evaluate').LN2
local W, H = 720, 420
local LEFT, RIGHT, TOP, BOTTOM = 70, 20, 40, 60
local COLORS = { train = '#1f77b4', valid = '#d62728' }

local function esc(s)
  return (tostring(s):gsub('[&<>"]', { ['&'] = '&amp;', ['<'] = '&lt;', ['>'] = '&gt;', ['"'] = '&quot;' }))
end

local function finite(x)
  return type(x) == 'number' and x == x and x > -math.huge and x < math.huge
end

-- hi, or a number above lo when it is not: an axis's span to divide by, even where adding 1
-- does not change lo
local function above(lo, hi)
  if hi > lo then return hi end
  return lo + math.max(1, math.abs(lo) * 1e-9)
end

-- "Nice" tick positions covering [lo, hi]: about n of them at 1, 2 or 5 times a power of 10.
-- The ticks are counted, not summed: past 2^53 a step can be too small to change the number
-- it is added to. Where no nice step fits (numbers that large, or not finite), the ends.
local function ticks(lo, hi, n)
  if not (finite(lo) and finite(hi)) then return {} end
  if hi <= lo then hi = lo + 1 end
  local raw = (hi - lo) / n
  if not (raw > 0 and raw < math.huge) then return { lo } end
  local mag = 10 ^ math.floor(math.log(raw, 10))
  local step = mag
  for _, m in ipairs({ 1, 2, 5, 10 }) do
    if m * mag >= raw then step = m * mag break end
  end
  local first, last = math.ceil(lo / step), math.floor(hi / step + 1e-9)
  if not (math.abs(first) < 2 ^ 53 and math.abs(last) < 2 ^ 53 and last - first <= 10 * n) then
    return { lo, hi }
  end
  local out = {}
  for k = first, last do out[#out + 1] = k * step end
  return out
end

-- Tick labels with as many decimals as the tick spacing needs, the same for every label of
-- an axis (4.0 4.5 5.0, not 4 4.50 5).
local function tick_labels(list)
  local decimals = 0
  if #list > 1 then
    local spacing = list[2] - list[1]
    decimals = math.max(0, math.min(6, -math.floor(math.log(spacing, 10) + 1e-9)))
  end
  local out = {}
  for k, t in ipairs(list) do
    local s = ('%.' .. decimals .. 'f'):format(t)
    out[k] = s:match('^%-0%.?0*$') and s:sub(2) or s
  end
  return out
end

--- The SVG document for a loss history: of a fine-tuned model, only the fine-tune (see
-- `tweeter.history`), with a dashed line and a label where it started.
-- @tparam table history array of `{ step=, train=, valid= }`, losses in nats per character
-- (`valid` may be nil)
-- @tparam[opt] table opts `title`, `valid_label` (the validation curve's legend, e.g. which
-- posts it was measured on)
-- @treturn string
function M.loss_curve(history, opts)
  opts = opts or {}
  require('tweeter.options').check_known(opts, { 'title', 'valid_label' }, 'loss_curve', 2)
  local series = { train = {}, valid = {} }
  local xmin, xmax, ymin, ymax = math.huge, -math.huge, math.huge, -math.huge
  local run, finetune_step, base_entries = history_mod.current(history)
  if not finite(finetune_step) then finetune_step = nil end
  if finetune_step then xmin, xmax = finetune_step, finetune_step end
  for _, e in ipairs(run) do
    for _, key in ipairs({ 'train', 'valid' }) do
      local v = e[key]
      if finite(v) and finite(e.step) then
        local y = v / LN2
        local pts = series[key]
        pts[#pts + 1] = { e.step, y }
        xmin, xmax = math.min(xmin, e.step), math.max(xmax, e.step)
        ymin, ymax = math.min(ymin, y), math.max(ymax, y)
      end
    end
  end
  if xmin == math.huge then xmin, xmax, ymin, ymax = 0, 1, 0, 1 end
  xmax = above(xmin, xmax)
  ymin = math.max(0, ymin - 0.05 * (ymax - ymin + 0.1))
  ymax = above(ymin, ymax + 0.05 * (ymax - ymin + 0.1))
  local pw, ph = W - LEFT - RIGHT, H - TOP - BOTTOM
  local function sx(x) return LEFT + (x - xmin) / (xmax - xmin) * pw end
  local function sy(y) return TOP + ph - (y - ymin) / (ymax - ymin) * ph end

  local out = {}
  local function add(s, ...) out[#out + 1] = s:format(...) end
  add('<?xml version="1.0" encoding="UTF-8"?>\n')
  add('<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d" '
    .. 'font-family="sans-serif" font-size="12">\n', W, H, W, H)
  add('<rect width="%d" height="%d" fill="white"/>\n', W, H)
  add('<text x="%d" y="22" text-anchor="middle" font-size="15">%s</text>\n', W // 2,
    esc(opts.title or 'Loss curve'))
  -- grid and ticks
  local xt = ticks(xmin, xmax, 6)
  for k, label in ipairs(tick_labels(xt)) do
    local x = sx(xt[k])
    add('<line x1="%.1f" y1="%d" x2="%.1f" y2="%d" stroke="#ddd"/>\n', x, TOP, x, TOP + ph)
    add('<text x="%.1f" y="%d" text-anchor="middle">%s</text>\n', x, TOP + ph + 16, label)
  end
  local yt = ticks(ymin, ymax, 5)
  for k, label in ipairs(tick_labels(yt)) do
    local y = sy(yt[k])
    add('<line x1="%d" y1="%.1f" x2="%d" y2="%.1f" stroke="#ddd"/>\n', LEFT, y, LEFT + pw, y)
    add('<text x="%d" y="%.1f" text-anchor="end">%s</text>\n', LEFT - 6, y + 4, label)
  end
  if finetune_step then
    local x = sx(finetune_step)
    add('<line id="finetune" x1="%.1f" y1="%d" x2="%.1f" y2="%d" stroke="#555" stroke-dasharray="4 3"/>\n',
      x, TOP, x, TOP + ph)
    add('<text x="%.1f" y="%d" font-size="11">fine-tuning started at step %.0f '
      .. '(%d earlier entries are the base model\'s)</text>\n', x + 4, TOP + ph - 6, finetune_step, base_entries)
  end
  -- axes and their labels
  add('<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="black"/>\n', LEFT, TOP + ph, LEFT + pw, TOP + ph)
  add('<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="black"/>\n', LEFT, TOP, LEFT, TOP + ph)
  add('<text x="%d" y="%d" text-anchor="middle">step</text>\n', LEFT + pw // 2, H - 18)
  add('<text x="18" y="%d" text-anchor="middle" transform="rotate(-90 18 %d)">'
    .. 'bits per character</text>\n', TOP + ph // 2, TOP + ph // 2)
  -- curves
  local legend_y = TOP + 14
  for _, key in ipairs({ 'train', 'valid' }) do
    local pts = series[key]
    if #pts > 0 then
      local coords = {}
      for k, p in ipairs(pts) do coords[k] = ('%.1f,%.1f'):format(sx(p[1]), sy(p[2])) end
      add('<polyline id="%s" fill="none" stroke="%s" stroke-width="1.5" points="%s"/>\n',
        key, COLORS[key], table.concat(coords, ' '))
      if #pts == 1 then
        add('<circle cx="%.1f" cy="%.1f" r="3" fill="%s"/>\n', sx(pts[1][1]), sy(pts[1][2]), COLORS[key])
      end
      add('<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="%s" stroke-width="2"/>\n',
        LEFT + pw - 26, legend_y, LEFT + pw - 6, legend_y, COLORS[key])
      add('<text x="%d" y="%d" text-anchor="end">%s</text>\n', LEFT + pw - 32, legend_y + 4,
        esc(key == 'train' and 'training' or (opts.valid_label or 'validation')))
      legend_y = legend_y + 16
    end
  end
  add('</svg>\n')
  return table.concat(out)
end

--- Writes the loss-curve picture to a file.
-- @tparam string path
-- @tparam table history
-- @tparam[opt] table opts as for `loss_curve`
-- @return true, or `nil, message`
function M.write(path, history, opts)
  local ok, err = files.write(path, M.loss_curve(history, opts))
  if not ok then return nil, ('cannot write loss curve: %s'):format(err) end
  return true
end

return M
