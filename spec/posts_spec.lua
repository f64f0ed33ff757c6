-- tweeter.posts: the JSON Lines posts store.
local posts = require 'tweeter.posts'
local helper = require('helper')
local read = helper.read

local function tmp() return helper.tmppath('.jsonl') end

describe('posts', function()
  it('saves one object per line and loads it back, ids as exact strings', function()
    local path = tmp()
    local list = {
      { id = '1800000000000000203', text = 'Tea & "biscuits"\\ 🍞', created_at = '2024-05-02T08:41:13.000Z' },
      { text = 'no id' },
    }
    assert.is_true(posts.save(path, list))
    assert.are.equal('{"id":"1800000000000000203","text":"Tea & \\"biscuits\\"\\\\ 🍞","created_at":"2024-05-02T08:41:13.000Z"}\n'
      .. '{"text":"no id"}\n', read(path))
    assert.are.same(list, posts.load(path))
    assert.is_nil(io.open(path .. '.tmp'))
    os.remove(path)
  end)

  it('writes atomically: a failed save leaves the old file untouched', function()
    local path = tmp()
    assert(posts.save(path, { { id = '1', text = 'old' } }))
    local ok, msg = posts.save('/nonexistent-dir/x.jsonl', { { id = '1', text = 'new' } })
    assert.is_nil(ok)
    assert.are.equal('cannot write posts file: /nonexistent-dir/x.jsonl: No such file or directory', msg)
    assert.are.same({ { id = '1', text = 'old' } }, posts.load(path))
    os.remove(path)
  end)

  it('reports unreadable files and bad lines by file and line', function()
    local ok, msg = posts.load('/nonexistent-dir/x.jsonl')
    assert.is_nil(ok)
    assert.are.equal('cannot open posts file: /nonexistent-dir/x.jsonl: No such file or directory', msg)
    local path = tmp()
    local f = io.open(path, 'w')
    f:write('{"id":"1","text":"fine"}\n\n{"id":2,"text":"numeric id"}\n')
    f:close()
    ok, msg = posts.load(path)
    assert.is_nil(ok)
    assert.are.equal(path .. ":3: field 'id' must be a string, got number (ids are kept as strings)", msg)
    f = io.open(path, 'w'); f:write('{"id":"1"}\n'); f:close()
    assert.are.equal(path .. ":1: missing 'text'", select(2, posts.load(path)))
    os.remove(path)
  end)

  it('refuses to save numeric ids or posts without text', function()
    assert.error_matches(function() posts.save(tmp(), { { id = 5, text = 'x' } }) end,
      'post 1: id must be a string, got number')
    assert.error_matches(function() posts.save(tmp(), { { id = '5' } }) end, 'post 1 has no text string')
  end)

  it('merges without duplicates by id, newest first, new text winning', function()
    local old = { { id = '99', text = 'ninety-nine' }, { id = '100', text = 'hundred (old)' }, { text = 'plain' } }
    local new = { { id = '101', text = 'hundred and one' }, { id = '100', text = 'hundred (edited)' }, { text = 'plain' } }
    assert.are.same({
      { id = '101', text = 'hundred and one' }, { id = '100', text = 'hundred (edited)' },
      { id = '99', text = 'ninety-nine' }, { text = 'plain' },
    }, posts.merge(old, new))
    assert.are.same({}, posts.merge({}, {}))
  end)

  it('compares ids by length then lexically, never as numbers', function()
    assert.is_true(posts.id_less('99', '100'))
    assert.is_true(posts.id_less('1800000000000000203', '1800000000000000204'))
    assert.is_false(posts.id_less('1800000000000000204', '1800000000000000203'))
    local list = { { id = '1800000000000000203' }, { id = '999' }, { id = '1800000000000000204' }, { text = 'x' } }
    assert.are.equal('1800000000000000204', posts.newest_id(list))
    assert.are.equal('999', posts.oldest_id(list))
    assert.is_nil(posts.newest_id({ { text = 'x' } }))
  end)

  it('lists texts', function()
    assert.are.same({ 'a', 'b' }, posts.texts({ { id = '1', text = 'a' }, { text = 'b' } }))
  end)
end)

describe('outputs that are not regular files', function()
  local dir
  setup(function()
    dir = helper.tmpdir()
    assert(os.execute('mkfifo ' .. helper.quote(dir .. '/fifo')))
  end)
  teardown(function() helper.rm_rf(dir) end)

  -- bounded by the refusal itself: writing into a FIFO nobody reads would block
  it('are refused by the posts store, the loss curve and the fetch store, which leave them alone', function()
    local fifo = dir .. '/fifo'
    local ok, msg = posts.save(fifo, { { text = 'x' } })
    assert.is_nil(ok)
    assert.matches('fifo: is a FIFO, not a regular file', msg)
    ok, msg = require('tweeter.svg').write(fifo, {})
    assert.is_nil(ok)
    assert.matches('^cannot write loss curve: .*fifo: is a FIFO, not a regular file', msg)
    ok, msg = require('tweeter.fetch').update('@someone@social.example', fifo,
      { api_base = 'http://127.0.0.1:9' })
    assert.is_nil(ok)
    assert.matches('fifo: is a FIFO, not a regular file', msg)
    assert.are.equal('fifo', require('tweeter.files').kind(fifo))
  end)
end)
