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

  -- Runs examples/NAME with arguments from the folder `cwd`; returns exit code, stdout, stderr.
  local function run_in(cwd, name, ...)
    local parts = { 'cd', helper.quote(cwd), '&&', 'lua5.4', helper.quote(helper.root .. '/examples/' .. name) }
    for _, a in ipairs({ ... }) do parts[#parts + 1] = helper.quote(a) end
    return helper.run(table.concat(parts, ' '))
  end

  it('run from any folder with no arguments, on the sample archive and the shipped base', function()
    local work = helper.tmpdir()
    local outputs = {}
    for _, name in ipairs({ 'fetch_user', 'train_base', 'continue_base', 'train_user', 'finetune_user',
        'continue_user', 'generate' }) do
      local code, out, err = run_in(work, name .. '.lua')
      assert.are.equal(0, code, name .. ': ' .. err)
      assert.is_nil(err:find('traceback', 1, true), err)
      outputs[name] = out
    end
    assert.matches('^sample%.jsonl: %d+ posts from the sample archive\n$', outputs.fetch_user)
    assert.matches('^base model my%-base%.twm: 4 steps', outputs.train_base)
    assert.matches('^base model my%-base%.twm: now 5 steps', outputs.continue_base)
    assert.matches('^user model user%.twm: %d+ steps', outputs.train_user)
    assert.matches('^fine%-tuned user%-ft%.twm from [^\n]*models/base%.twm', outputs.finetune_user)
    assert.matches('^user model user%-ft%.twm %(resume%)', outputs.continue_user)
    assert.are.equal(3, select(2, outputs.generate:gsub('\n', '')))
    local base_steps = assert(tweeter.load(helper.root .. '/models/base.twm')):info().steps
    assert.are.equal(base_steps + 4 + 2, assert(tweeter.load(work .. '/user-ft.twm.ckpt')):info().steps)
    -- train_base.lua's header states the size of the model file it writes on the sample archive
    local header = helper.read(helper.root .. '/examples/train_base.lua')
    local stated = assert(tonumber(header:match('on the sample%s+%-%-%s+archive %b() a model file of ([%d.]+) MB')),
      'no size in the header')
    local size = assert(io.open(work .. '/my-base.twm', 'rb')):seek('end') / 1e6
    assert.is_true(math.abs(size - stated) <= 0.05, ('header %.1f MB, written %.2f MB'):format(stated, size))
    helper.rm_rf(work)
  end)

  it('print a usage line, not a traceback, for bad arguments', function()
    local work = helper.tmpdir()
    local bad = {
      { 'train_base.lua', { 'a', 'b', 'c', 'd' } },
      { 'train_base.lua', { '', 'm.twm', 'many' } },
      { 'continue_base.lua', { '', '', '10', '-1' } },
      { 'train_user.lua', { work .. '/no-such-posts.txt' } },
      { 'finetune_user.lua', { '', '', '', '2.5' } },
      { 'continue_user.lua', { '', '', '0' } },
      { 'generate.lua', { '', 'five' } },
      { 'fetch_user.lua', { 'a', 'b', 'c' } },
    }
    for _, case in ipairs(bad) do
      local name = case[1]
      local code, out, err = run_in(work, name, table.unpack(case[2]))
      assert.are.equal(2, code, name .. ': ' .. err)
      assert.are.equal('', out)
      assert.matches('^' .. name:gsub('%p', '%%%0') .. ': [^\n]+\nusage: lua5%.4 [^\n]*examples/'
        .. name:gsub('%p', '%%%0') .. ' %[', err)
      assert.is_nil(err:find('traceback', 1, true), err)
    end
    -- -h prints the usage line and runs nothing
    local code, out = run_in(work, 'generate.lua', '-h')
    assert.are.equal(0, code)
    assert.matches('^usage: lua5%.4 [^\n]*examples/generate%.lua %[MODEL%] %[N%] %[POSTS%]\n$', out)
    -- what tweeter refuses is said in one line too (exit 1)
    local code2, out2, err2 = run_in(work, 'generate.lua', helper.write(work .. '/not-a-model.twm', 'hello\n'))
    assert.are.equal(1, code2)
    assert.are.equal('', out2)
    assert.matches('^generate%.lua: [^\n]+\n$', err2)
    assert.is_true(#helper.ls(helper.quote(work) .. '/*') == 1, 'a bad argument wrote files')
    helper.rm_rf(work)
  end)
end)

describe('the fine-tuning example', function()
  local dir, posts_txt
  setup(function()
    dir, posts_txt = helper.posts_dir(80, 41, 'user.txt')
  end)
  teardown(function() helper.rm_rf(dir) end)

  it('runs the fine-tuning example from another folder, with the shipped base by default', function()
    local work = helper.tmpdir()
    local code, out, err = helper.run(('cd %s && lua5.4 %s %s models/ft.twm "" 2'):format(helper.quote(work),
      helper.quote(helper.root .. '/examples/finetune_user.lua'), helper.quote(posts_txt)))
    assert.are.equal(0, code, err)
    assert.matches('fine%-tuned models/ft%.twm from .*models/base%.twm', out)
    local base_steps = assert(tweeter.core.load(helper.root .. '/models/base.twm')):info().steps
    assert.are.equal(base_steps + 2, assert(tweeter.core.load(work .. '/models/ft.twm.ckpt')):info().steps)
    helper.rm_rf(work)
    for _, f in ipairs({ 'continue_base', 'continue_user', 'finetune_user', 'generate', 'train_base', 'train_user' }) do
      assert.is_nil(helper.read(helper.root .. '/examples/' .. f .. '.lua'):find("%.tw'"), f .. ': a .tw name')
    end
  end)
end)
