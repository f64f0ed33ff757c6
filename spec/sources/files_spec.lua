-- tweeter.sources.files: posts in files of their own (plain text, JSON Lines, CSV, a JSON
-- array), each file one page, every post at most MAX_POST_BYTES.
local helper = require('helper')
local source = require('tweeter.sources.files')

local fails = helper.refuses

describe('tweeter.sources.files', function()
  local dir
  setup(function() dir = helper.tmpdir() end)
  teardown(function() helper.rm_rf(dir) end)

  it('recognises the extensions it reads, whatever their case', function()
    for _, path in ipairs({ 'a.txt', 'b.jsonl', 'c.ndjson', 'd.CSV', 'e.json' }) do
      assert.is_true(source.recognises(path), path)
    end
    for _, path in ipairs({ 'a.docx', 'tweets.js', 'noext', 'folder/' }) do
      assert.is_false(source.recognises(path), path)
    end
  end)

  it('reads a whole file as one page, by its extension', function()
    local csv = helper.write(dir .. '/p.csv', 'text,id\n"a, b",7\nsecond,\n')
    local list, cursor = source.page(source.resolve(csv, {}))
    assert.are.same({ { text = 'a, b', id = '7' }, { text = 'second' } }, list)
    assert.is_nil(cursor)
    local json = helper.write(dir .. '/p.json', '["one", {"text": "two", "id": "2"}]')
    assert.are.same({ { text = 'one' }, { text = 'two', id = '2' } }, source.page(source.resolve(json, {})))
    local ok, err = source.page(source.resolve(helper.write(dir .. '/obj.json', '{"text": "x"}'), {}))
    assert.is_nil(ok)
    assert.matches('obj%.json: expected a JSON array of posts$', err)
    ok, err = source.csv(dir .. '/missing.csv')
    assert.is_nil(ok)
    assert.matches('^cannot open .*missing%.csv: No such file or directory', err)
  end)

  it('import refuses a post over 64 KiB without holding the file as lines', function()
      local long = helper.write(dir .. '/long.txt', 'short post\n' .. ('x'):rep(70000) .. '\nafter\n')
      fails({ 'import', long, '--out', dir .. '/long.jsonl' },
        'long%.txt:2: post of 70000 bytes is longer than the limit of 65536 bytes')
      local jl = helper.write(dir .. '/long.jsonl', '{"text":"' .. ('y'):rep(65537) .. '"}\n')
      fails({ 'import', jl, '--out', dir .. '/long-out.jsonl' }, 'post 1: post of 65537 bytes is longer')
      assert.is_false(helper.exists(dir .. '/long-out.jsonl'))
    end)
end)
