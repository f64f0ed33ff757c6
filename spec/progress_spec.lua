local progress = require('tweeter.progress')

describe('tweeter.progress formatting', function()
  it('formats rates with k, M and G, whatever the magnitude', function()
    assert.are.equal('0', progress.rate(0))
    assert.are.equal('950', progress.rate(950))
    assert.are.equal('9999', progress.rate(9999.4))
    assert.are.equal('10.0k', progress.rate(1e4))
    assert.are.equal('866.6k', progress.rate(866600))
    assert.are.equal('1.35M', progress.rate(1.35e6))
    assert.are.equal('999.99M', progress.rate(999.99e6))
    assert.are.equal('3.40G', progress.rate(3.4e9))
    assert.are.equal('12000.00G', progress.rate(1.2e13))
    assert.are.equal('inf', progress.rate(math.huge))
    assert.are.equal('?', progress.rate(0 / 0))
    assert.are.equal('?', progress.rate(nil))
  end)

  it('formats durations as 42s, 3m05s and 1h02m', function()
    assert.are.equal('0s', progress.duration(0))
    assert.are.equal('42s', progress.duration(41.6))
    assert.are.equal('3m05s', progress.duration(185))
    assert.are.equal('1h02m', progress.duration(3720))
    assert.are.equal('?', progress.duration(math.huge))
    assert.are.equal('?', progress.duration(nil))
  end)

  it('puts every magnitude of speed in the same plain log line shape', function()
    for _, speed in ipairs({ 12, 4.5e4, 1.35e6, 2.2e9 }) do
      local line = progress.log_line{ step = 20, total = 20, epoch = 0.61, train_bpc = 5.29,
        valid_bpc = 5.442, chars_per_s = speed, eta = 0 }
      assert.matches('^step 20/20 epoch 0%.61 train 5%.290 bpc valid 5%.442 bpc [%d.]+[kMG]? chars/s eta 0s$', line)
    end
  end)

  it('fits the bar into the width it is given, for any speed', function()
    for _, width in ipairs({ 40, 80, 120 }) do
      for _, speed in ipairs({ 12, 1.35e6, 2.2e9 }) do
        local bar = progress.bar_line({ step = 5, total = 10, epoch = 1, train_bpc = 2, chars_per_s = speed, eta = 30 }, width)
        assert.is_true(#bar <= width - 1, ('%d columns: %q'):format(width, bar))
      end
    end
  end)
end)

describe('tweeter.progress status line', function()
  it('has a status line that fits the terminal and never cuts a number', function()
    local st = { step = 7990, first = 7980, total = 8080, epoch = 1.25, train_bpc = 2.1, valid_bpc = 2.0,
                 chars_per_s = 52000, eta = 95 }
    for _, width in ipairs({ 120, 80, 60, 50, 40, 30, 20, 12, 5 }) do
      local line = progress.bar_line(st, width)
      assert.is_true(#line < width, width .. ': ' .. line)
      -- every number shown is whole: the line is the full line with fields left out
      for number in line:gmatch('[%d.]+') do
        assert.truthy(progress.bar_line(st, 400):find(number, 1, true), width .. ': ' .. line)
      end
      if width >= 12 then assert.truthy(line:find('7990/8080', 1, true), width .. ': ' .. line) end
    end
    assert.truthy(progress.bar_line(st, 120):find('[=====', 1, true)) -- 10 of 100 steps of this run
  end)
end)
