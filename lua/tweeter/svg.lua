--- The loss-curve picture written beside a model file: training and validation bits per
-- character against the step, as a small hand-written SVG document.
-- @module tweeter.svg
local files = require 'tweeter.files'

local M = {}

local LN2 = math.log(2)
local W, H = 720, 420
local LEFT, RIGHT, TOP, BOTTOM = 70, 20, 40, 60
local COLORS = { train = '#1f77b4', valid = '#d62728' }

local function esc(s)
  return (tostring(s):gsub('[&<>"]', { ['&'] = '&amp;', ['<'] = '&lt;', ['>'] = '&gt;', ['"'] = '&quot;' }))
end

-- "Nice" tick positions covering [lo, hi]: about n of them at 1, 2 or 5 times a power of 10.
local function ticks(lo, hi, n)
  if hi <= lo then hi = lo + 1 end
  local raw = (hi - lo) / n
  local mag = 10 ^ math.floor(math.log(raw, 10))
  local step = mag
  for _, m in ipairs({ 1, 2, 5, 10 }) do
    if m * mag >= raw then step = m * mag break end
  end
  local out = {}
  local t = math.ceil(lo / step) * step
  while t <= hi + step * 1e-9 do
    out[#out + 1] = t
    t = t + step
  end
  return out
end

local function fmt(x)
  if x == math.floor(x) and math.abs(x) < 1e15 then return ('%d'):format(math.floor(x)) end
  return ('%.2f'):format(x)
end

--- The SVG document for a loss history.
-- @tparam table history array of `{ step=, train=, valid= }`, losses in nats per character
-- (`valid` may be nil)
-- @tparam[opt] table opts `title`
-- @treturn string
function M.loss_curve(history, opts)
  opts = opts or {}
  local series = { train = {}, valid = {} }
  local xmin, xmax, ymin, ymax = math.huge, -math.huge, math.huge, -math.huge
  for _, e in ipairs(history) do
    for _, key in ipairs({ 'train', 'valid' }) do
      local v = e[key]
      if type(v) == 'number' and v == v and v < math.huge then
        local y = v / LN2
        local pts = series[key]
        pts[#pts + 1] = { e.step, y }
        xmin, xmax = math.min(xmin, e.step), math.max(xmax, e.step)
        ymin, ymax = math.min(ymin, y), math.max(ymax, y)
      end
    end
  end
  if xmin == math.huge then xmin, xmax, ymin, ymax = 0, 1, 0, 1 end
  if xmax == xmin then xmax = xmin + 1 end
  ymin = math.max(0, ymin - 0.05 * (ymax - ymin + 0.1))
  ymax = ymax + 0.05 * (ymax - ymin + 0.1)
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
  for _, t in ipairs(ticks(xmin, xmax, 6)) do
    local x = sx(t)
    add('<line x1="%.1f" y1="%d" x2="%.1f" y2="%d" stroke="#ddd"/>\n', x, TOP, x, TOP + ph)
    add('<text x="%.1f" y="%d" text-anchor="middle">%s</text>\n', x, TOP + ph + 16, fmt(t))
  end
  for _, t in ipairs(ticks(ymin, ymax, 5)) do
    local y = sy(t)
    add('<line x1="%d" y1="%.1f" x2="%d" y2="%.1f" stroke="#ddd"/>\n', LEFT, y, LEFT + pw, y)
    add('<text x="%d" y="%.1f" text-anchor="end">%s</text>\n', LEFT - 6, y + 4, fmt(t))
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
        LEFT + pw - 130, legend_y, LEFT + pw - 110, legend_y, COLORS[key])
      add('<text x="%d" y="%d">%s</text>\n', LEFT + pw - 104, legend_y + 4,
        key == 'train' and 'training' or 'validation')
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
