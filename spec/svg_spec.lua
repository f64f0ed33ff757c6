-- tweeter.svg: the loss-curve picture written beside a model file.
local helper = require('helper')
local svg = require('tweeter.svg')

local LN2 = math.log(2)

describe('tweeter.svg', function()
  it('reads SVG tick labels with the decimals their spacing needs', function()
    local h = {}
    for k = 1, 10 do h[k] = { step = k * 100, train = (5 - k * 0.1) * LN2, valid = (4.5 - k * 0.05) * LN2 } end
    local picture = svg.loss_curve(h)
    local labels = {}
    for label in picture:gmatch('text%-anchor="end">([%d.]+)</text>') do labels[#labels + 1] = label end
    assert.is_true(#labels >= 2)
    local decimals = #(labels[1]:match('%.(%d+)$') or '')
    for _, l in ipairs(labels) do assert.are.equal(decimals, #(l:match('%.(%d+)$') or ''), table.concat(labels, ' ')) end
    assert.is_true(decimals >= 1)
  end)

  it('draws only the fine-tune of a fine-tuned model, marking where it started', function()
    local h = { { step = 100, train = 3 }, { step = 200, train = 2.5, valid = 2.6 }, { step = 200, train = 0 / 0 },
      { step = 210, train = 2, valid = 2.2 }, { step = 220, train = 1.9 } }
    local picture = svg.loss_curve(h, { title = 'me & <you>', valid_label = 'validation: me.txt' })
    assert.matches('^<%?xml[^\n]*%?>\n<svg ', picture)
    assert.matches('</svg>\n$', picture)
    assert.matches('id="finetune"', picture)
    assert.matches("fine%-tuning started at step 200 %(2 earlier entries are the base model's%)", picture)
    assert.matches('me &amp; &lt;you&gt;', picture)
    assert.matches('validation: me%.txt', picture)
    assert.is_nil(svg.loss_curve({ h[1], h[2] }):find('id="finetune"', 1, true))
    assert.error_matches(function() svg.loss_curve(h, { titel = 'x' }) end, "unknown option 'titel'")
  end)

  it('writes the picture to a file, or says why it cannot', function()
    local dir = helper.tmpdir()
    local h = { { step = 1, train = 2 }, { step = 2, train = 1.5 } }
    assert.is_true(svg.write(dir .. '/m.svg', h))
    assert.are.equal(svg.loss_curve(h), helper.read(dir .. '/m.svg'))
    local ok, err = svg.write(dir, h)
    assert.is_nil(ok)
    assert.matches('^cannot write loss curve: .*: is a directory', err)
    helper.rm_rf(dir)
  end)
end)

describe('tweeter.svg of any numbers', function()
  -- Runs fn under a count hook that raises after 20 million VM instructions (a picture takes
  -- some thousands): a runaway loop fails the spec instead of eating the machine's memory.
  local function bounded(fn)
    debug.sethook(function() error('runaway loop: still drawing after 20 million instructions') end, '', 2e7)
    local ok, result = pcall(fn)
    debug.sethook()
    assert(ok, result)
    return result
  end

  it('ends, and writes only finite coordinates, for any numbers', function()
    local cases = {
      { { step = 2 ^ 53, train = 2.0 }, { step = 2 ^ 53 + 4, train = 1.5, valid = 1.7 } },
      { { step = 1 << 52, train = 2.0 }, { step = (1 << 52) + 100, train = 1.5 } },
      { { step = 2 ^ 63, train = 1 }, { step = 2 ^ 64, train = 2 } },
      { { step = 0 / 0, train = 2.0 }, { step = 1, train = 0 / 0 } },
      { { step = math.huge, train = 1 }, { step = -math.huge, train = 1 } },
      { { step = 5, train = 1e308 }, { step = 6, train = -1e308 } },
      { { step = 5, train = 1e20 } }, { { step = 3, train = 2 }, { step = 3, train = 2 } },
      { { step = -2 ^ 62, train = 2 }, { step = 2 ^ 62, train = 3 } },
      { { step = 2 ^ 60, train = 0 / 0 }, { step = 2 ^ 60, train = 1 } },
      { { step = 0 / 0, train = 0 / 0 }, { step = 1, train = 1 } },
    }
    for k, history in ipairs(cases) do
      local picture = bounded(function() return svg.loss_curve(history) end)
      assert.matches('</svg>\n$', picture)
      assert.is_nil(picture:find('nan') or picture:find('inf'), 'case ' .. k .. ': ' .. picture)
    end
  end)
end)
