local helper = require('helper')
local tweeter = require('tweeter')

-- The notebook's five options as scripts, run in order with tiny step budgets.
describe('examples', function()
  local dir, generic, user
  setup(function()
    dir = helper.tmpdir()
    generic = helper.write(dir .. '/generic.txt', helper.posts(200, 31))
    user = helper.write(dir .. '/user.txt', helper.posts(60, 32, { 'olé 🎉' }))
  end)
  teardown(function() helper.rm_rf(dir) end)

  local function script(name, ...)
    local parts = { 'lua5.4', 'examples/' .. name }
    for _, a in ipairs({ ... }) do parts[#parts + 1] = helper.quote(a) end
    local code, out, err = helper.run(table.concat(parts, ' '))
    assert.are.equal(0, code, err)
    return out
  end

  it('run the five options and generation end to end', function()
    assert.matches('base model .-: 2 steps', script('train_base.lua', generic, dir .. '/base.tw', '2'))
    assert.matches('now 3 steps', script('continue_base.lua', generic, dir .. '/base.tw', '1'))
    assert.matches('user model .-: %d+ steps', script('train_user.lua', user, dir .. '/user.tw', '1'))
    assert.matches('%d+ new characters', script('finetune_user.lua', user, dir .. '/ft.tw', dir .. '/base.tw', '2'))
    assert.matches('%(resume%): now', script('continue_user.lua', user, dir .. '/user.tw', '1'))
    assert.are.equal('', assert(tweeter.load(dir .. '/ft.tw')):missing_chars('olé 🎉'))
    local out = script('generate.lua', dir .. '/ft.tw', '3', user)
    local n = 0
    for _ in out:gmatch('[^\n]*\n') do n = n + 1 end
    assert.are.equal(3, n)
  end)
end)
