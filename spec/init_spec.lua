-- tweeter (the module): the C module, the workflow functions, the lazily loaded modules and
-- where the shipped base model is found.
local helper = require('helper')
local tweeter = require('tweeter')
local core = tweeter.core

describe('tweeter', function()
  local dir, posts_txt
  setup(function() dir, posts_txt = helper.posts_dir(80, 41, 'user.txt') end)
  teardown(function() helper.rm_rf(dir) end)

  it('finds the base model in the checkout and installed by make install', function()
    local path = assert(tweeter.base_model())
    assert.matches('models/base%.twm$', path)
    assert.are.equal('file', core.file_kind(path))
    local prefix = helper.tmpdir()
    local code, _, err = helper.run(('make -s install PREFIX=%s'):format(helper.quote(prefix)))
    assert.are.equal(0, code, err)
    local lua = ('cd / && LUA_PATH=%s LUA_CPATH=%s lua5.4'):format(
      helper.quote(prefix .. '/share/lua/5.4/?.lua;' .. prefix .. '/share/lua/5.4/?/init.lua;;'), helper.quote(prefix .. '/lib/lua/5.4/?.so;;'))
    local code2, out2, err2 = helper.run(lua .. ' -e ' .. helper.quote('print((require("tweeter").base_model()))'))
    assert.are.equal(0, code2, err2)
    assert.are.equal(prefix .. '/share/tweeter/base.twm\n', out2)
    -- the installed command fine-tunes --from base outside any checkout
    local code3, out3, err3 = helper.run(('cd %s && LUA_PATH=%s LUA_CPATH=%s %s/bin/tweeter train --data %s '
      .. '--model ft.twm --from base --steps 1 --quiet'):format(helper.quote(prefix),
      helper.quote(prefix .. '/share/lua/5.4/?.lua;' .. prefix .. '/share/lua/5.4/?/init.lua;;'), helper.quote(prefix .. '/lib/lua/5.4/?.so;;'),
      helper.quote(prefix), helper.quote(posts_txt)))
    assert.are.equal(0, code3, err3)
    assert.matches('%(finetune%)', out3)
    helper.rm_rf(prefix)
  end)

  it('takes the base model from TWEETER_BASE_MODEL when set, and says when it is not there', function()
    local function base_model_with(value)
      local code, out, err = helper.run(('TWEETER_BASE_MODEL=%s lua5.4 -e %s'):format(helper.quote(value),
        helper.quote(('package.path = %q; package.cpath = %q; print(require("tweeter").base_model())')
          :format(package.path, package.cpath))))
      assert.are.equal(0, code, err)
      return out
    end
    assert.are.equal(posts_txt .. '\n', base_model_with(posts_txt))
    assert.are.equal(('nil\tbase model %s/none.twm (from TWEETER_BASE_MODEL) does not exist\n'):format(dir),
      base_model_with(dir .. '/none.twm'))
  end)

  it('makes, loads and lists: new_model, load, vocab_of and the lazily loaded modules', function()
    local m = tweeter.new_model { vocab = tweeter.vocab_of({ 'cab', 'bad' }), embed = 4, hidden = 8, layers = 1 }
    assert.are.equal('abcd', m:vocab())
    assert.are.equal(8, m:info().hidden)
    local path = dir .. '/m.twm'
    assert(m:save(path))
    assert.are.same(m:info(), assert(tweeter.load(path)):info())
    local missing, err = tweeter.load(dir .. '/none.twm')
    assert.is_nil(missing)
    assert.matches('none%.twm: No such file or directory', err)
    assert.are.equal(require('tweeter.corpus'), tweeter.corpus)
    assert.are.equal(require('tweeter.posts'), tweeter.posts)
    assert.is_nil(tweeter.no_such_field)
    local listed = {}
    for k in pairs(tweeter) do listed[k] = true end
    for _, k in ipairs({ 'core', 'train', 'generate', 'corpus', 'clean', 'posts' }) do assert.is_true(listed[k], k) end
  end)
end)
