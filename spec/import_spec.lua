-- tweeter.import and tweeter.archive against small invented fixtures.
local import = require 'tweeter.import'
local archive = require 'tweeter.archive'

local F = 'spec/fixtures/'

-- import.read of spec/fixtures/files/`name` fails with exactly `msg`.
local function refuses(name, msg)
  local ok, got = import.read(F .. 'files/' .. name)
  assert.is_nil(ok)
  assert.are.equal(msg, got)
end

local function texts(list)
  local out = {}
  for i, p in ipairs(list) do out[i] = p.text end
  return out
end

describe('archive.read', function()
  it('reads tweets.js and its parts: newest first, de-duplicated, retweets left out', function()
    local list, info = archive.read(F .. 'archive')
    assert.are.same({
      'from part one, with CRLF endings',
      'A long one that the export cut short, here in full & whole.',
      'New blog post on parsing things & <stuff> https://t.co/AbCdEf1234',
      'agreed, ship it on Friday :)',
    }, texts(list))
    assert.are.same({ '1800000000000000400', '1800000000000000300', '1800000000000000117',
      '1799999999999999350' }, { list[1].id, list[2].id, list[3].id, list[4].id })
    assert.are.equal('2024-05-02T08:41:13.000Z', list[2].created_at)
    assert.are.equal(1, info.retweets)
    assert.are.equal(3, #info.files)
  end)

  it('accepts the data folder, the tweets.js file, and a lone part', function()
    assert.are.equal(4, #archive.read(F .. 'archive/data'))
    assert.are.equal(4, #archive.read(F .. 'archive/data/'))
    assert.are.equal(4, #archive.read(F .. 'archive/data/tweets.js'))
    local part = archive.read(F .. 'archive/data/tweets-part1.js')
    assert.are.same({ 'from part one, with CRLF endings', 'duplicate id across parts' }, texts(part))
    assert.are.same({}, archive.read(F .. 'archive/data/tweets-part2.js'))
  end)

  it('keeps retweets or drops replies when asked', function()
    assert.are.equal(5, #archive.read(F .. 'archive', { include_retweets = true }))
    assert.are.equal(3, #archive.read(F .. 'archive', { include_replies = false }))
  end)

  it('reads an old-style tweet.js', function()
    local list = archive.read(F .. 'files/tweet.js')
    assert.are.same({ { id = '5', text = 'an old-style tweet.js', created_at = '2021-01-05T10:00:00.000Z' } }, list)
  end)

  it('names the file on truncated JSON, code, and folders that are not archives', function()
    local ok, msg = archive.read(F .. 'files/truncated.js')
    assert.is_nil(ok)
    assert.truthy(msg:match('^spec/fixtures/files/truncated%.js: invalid JSON in Twitter archive file'), msg)
    ok, msg = archive.read(F .. 'files/code.js')
    assert.is_nil(ok)
    assert.truthy(msg:match('^spec/fixtures/files/code%.js: invalid JSON'), msg)
    ok, msg = archive.read(F .. 'files/posts.txt')
    assert.is_nil(ok)
    assert.are.equal("spec/fixtures/files/posts.txt: not a Twitter archive data file (expected "
      .. "'window.YTD.tweets.part0 = [ … ]')", msg)
    ok, msg = archive.read('spec/fixtures')
    assert.is_nil(ok)
    assert.are.equal('spec/fixtures: not a Twitter archive (no data/tweets.js)', msg)
    ok, msg = archive.read(F .. 'old-archive')
    assert.is_nil(ok)
    assert.are.equal('spec/fixtures/old-archive: archives from before 2019 (data/js/tweets) are not supported', msg)
  end)

  it('reads the sample archive in examples/', function()
    local list, info = archive.read('examples/sample-archive')
    assert.is_true(#list >= 150)
    assert.is_true(info.retweets >= 3)
    for i, p in ipairs(list) do
      assert.is_nil(p.text:match('^RT @'))
      assert.is_nil(p.text:find('&amp;', 1, true))
      if i > 1 then assert.is_true(#p.id > #list[i - 1].id or p.id < list[i - 1].id) end
    end
  end)
end)

describe('import.read', function()
  -- Each format's fixture, read: exactly these posts.
  for _, t in ipairs{
    { 'reads plain text, one post per line (BOM, CRLF and blank lines handled)', 'posts.txt',
      { { text = 'first post' }, { text = 'second post with &amp; entity' },
        { text = 'third' } } },
    { 'reads JSON Lines with a text field, keeping ids as strings', 'posts.jsonl',
      {
        { id = '1800000000000000203', text = 'a post with a big string id', created_at = '2024-05-02T08:41:13.000Z' },
        { text = 'no id here' },
        { id = '17', text = 'id in id_str' },
      } },
    { 'reads CSV with a text column: commas, quotes and newlines inside fields', 'posts.csv',
      {
        { id = '1', created_at = '2024-01-01', text = 'hello, world' },
        { id = '2', created_at = '2024-01-02', text = 'she said "hi"' },
        { id = '3', text = 'two\nlines' },
        { id = '5', text = 'plain text' },
      } },
    { 'reads a JSON array of strings or objects', 'posts.json',
      { { text = 'one' }, { id = '2', text = 'two' } } },
  } do
    it(t[1], function() assert.are.same(t[3], import.read(F .. 'files/' .. t[2])) end)
  end

  it('names the line of a bad JSON Lines record', function()
    refuses('bad_text.jsonl', "spec/fixtures/files/bad_text.jsonl:2: missing a 'text' string")
    refuses('bad_json.jsonl', 'spec/fixtures/files/bad_json.jsonl:2: invalid JSON')
  end)

  it('explains a CSV without a text column or with an unterminated quote', function()
    refuses('notext.csv', "spec/fixtures/files/notext.csv: no 'text' column in the header (columns: id, body)")
    refuses('unterminated.csv', 'spec/fixtures/files/unterminated.csv: unterminated quoted field starting on line 2')
  end)

  it('parses CSV edge cases', function()
    assert.are.same({ { 'a', '', 'c' }, { '', '' } }, import.parse_csv('a,,c\n,'))
    assert.are.same({ { 'x,"y"' } }, import.parse_csv('"x,""y"""\n'))
    assert.are.same({}, import.parse_csv(''))
  end)

  it('dispatches archives by folder and .js', function()
    assert.are.equal(4, #import.read(F .. 'archive'))
    assert.are.equal(4, #import.read(F .. 'archive/data/tweets.js'))
  end)

  it('explains missing files and unknown formats', function()
    refuses('nope.txt', 'cannot open spec/fixtures/files/nope.txt: No such file or directory')
    refuses('posts.docx', 'cannot tell the format of spec/fixtures/files/posts.docx (expected a Twitter '
      .. 'archive folder, tweets.js, .txt, .jsonl, .csv or .json)')
    assert.error_matches(function() import.read(42) end, 'string expected, got number')
  end)
end)

describe('import.read: encodings and line endings', function()
  local helper = require('helper')
  local dir
  before_each(function() dir = helper.tmpdir() end)
  after_each(function() helper.rm_rf(dir) end)

  -- The same two posts in every format import reads, with LF line ends.
  local FORMATS = {
    txt = 'hello\nwörld 🎉\n',
    jsonl = '{"text":"hello"}\n{"text":"wörld 🎉"}\n',
    csv = 'id,text\n2,hello\n1,"wörld 🎉"\n',
    json = '[\n"hello",\n"wörld 🎉"\n]\n',
    js = 'window.YTD.tweets.part0 = [\n{"tweet":{"id_str":"2","full_text":"hello"}},\n'
      .. '{"tweet":{"id_str":"1","full_text":"wörld 🎉"}}\n]\n',
  }

  -- UTF-8 text as UTF-16 ('<' little-endian, '>' big-endian), with its byte-order mark.
  local function utf16(s, endian)
    local units = { 0xFEFF }
    for _, cp in utf8.codes(s) do
      if cp >= 0x10000 then
        units[#units + 1] = 0xD800 + ((cp - 0x10000) >> 10)
        units[#units + 1] = 0xDC00 + ((cp - 0x10000) & 0x3FF)
      else
        units[#units + 1] = cp
      end
    end
    local out = {}
    for i, u in ipairs(units) do out[i] = string.pack(endian .. 'I2', u) end
    return table.concat(out)
  end

  -- import.read of `content` saved as `name`.
  local function read(name, content)
    return import.read(helper.write(dir .. '/' .. name, content))
  end

  for ext, text in pairs(FORMATS) do
    local name = ext == 'js' and 'tweets.js' or 'posts.' .. ext
    for _, variant in ipairs({
      { 'UTF-16 LE with its BOM', utf16(text, '<') },
      { 'UTF-16 BE with its BOM', utf16(text, '>') },
      { 'a UTF-8 BOM', '\239\187\191' .. text },
      { 'CR-only line ends', (text:gsub('\n', '\r')) },
      { 'CRLF line ends', (text:gsub('\n', '\r\n')) },
    }) do
      it(('reads .%s in %s as the same two posts'):format(ext, variant[1]), function()
        local list, info = read(name, variant[2])
        assert.is_table(list, info)
        assert.are.same({ 'hello', 'wörld 🎉' }, texts(list))
        assert.are.equal(0, info.invalid_utf8)
      end)
    end
  end

  it('refuses malformed UTF-16 and UTF-32, naming them', function()
    local ok, msg = read('odd.txt', '\255\254h\0i')
    assert.is_nil(ok)
    assert.are.equal(dir .. '/odd.txt: invalid UTF-16 (odd number of bytes)', msg)
    ok, msg = read('lone.txt', '\255\254h\0\0\216i\0')
    assert.is_nil(ok)
    assert.are.equal(dir .. '/lone.txt: invalid UTF-16 (unpaired surrogate at byte 4)', msg)
    ok, msg = read('low.csv', '\254\255\220\0')
    assert.is_nil(ok)
    assert.are.equal(dir .. '/low.csv: invalid UTF-16 (unpaired surrogate at byte 2)', msg)
    ok, msg = read('wide.txt', '\255\254\0\0h\0\0\0')
    assert.is_nil(ok)
    assert.are.equal(dir .. '/wide.txt: UTF-32 text is not supported (save it as UTF-8)', msg)
  end)
end)
