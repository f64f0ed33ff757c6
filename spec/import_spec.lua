-- tweeter.import against small invented fixtures (the archive reader: spec/sources/archive_spec.lua).
local import = require 'tweeter.import'
local helper = require 'helper'

local F = 'spec/fixtures/'

-- import.read of spec/fixtures/files/`name` fails with exactly `msg`.
local function refuses(name, msg)
  local ok, got = import.read(F .. 'files/' .. name)
  assert.is_nil(ok)
  assert.are.equal(msg, got)
end

local texts = require('tweeter.posts').texts

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
      .. 'archive folder or .zip, tweets.js, .txt, .jsonl, .csv or .json)')
    assert.error_matches(function() import.read(42) end, 'string expected, got number')
  end)
end)

describe('import.read: encodings and line endings', function()
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

describe('a Twitter archive as a .zip', function()
  local files = require('tweeter.files')
  local SAMPLE = 'examples/sample-archive/data/'
  local dir
  before_each(function() dir = helper.tmpdir() end)
  after_each(function() helper.rm_rf(dir) end)

  -- The sample archive's data files, under `prefix` in the zip.
  local function sample_entries(prefix)
    return { { name = prefix .. 'data/tweets.js', file = SAMPLE .. 'tweets.js' },
      { name = prefix .. 'data/account.js', file = SAMPLE .. 'account.js' } }
  end

  it('is read in place: the same posts as the unpacked folder, at its top or in one folder', function()
    local unpacked, unpacked_info = assert(import.read('examples/sample-archive'))
    for _, prefix in ipairs({ '', 'twitter-2024-05-01-abc/' }) do
      local path = helper.zip(dir .. '/archive.zip', sample_entries(prefix))
      local list, info = import.read(path)
      assert.is_table(list, info)
      assert.are.same(unpacked, list)
      assert.are.equal(unpacked_info.retweets, info.retweets)
      assert.are.same({ path .. '/' .. prefix .. 'data/tweets.js' }, info.files)
    end
  end)

  it('reads the parts and note-tweet.js, with a long post completed', function()
    local entries = {}
    for _, name in ipairs({ 'tweets.js', 'tweets-part1.js', 'tweets-part2.js', 'note-tweet.js' }) do
      entries[#entries + 1] = { name = 'data/' .. name, file = F .. 'archive/data/' .. name }
    end
    local list = assert(import.read(helper.zip(dir .. '/parts.zip', entries)))
    assert.are.same(assert(import.read(F .. 'archive')), list)
  end)

  it('refuses an entry whose path climbs out of the archive or is absolute', function()
    for _, name in ipairs({ '../x.js', 'data/../../x.js', '/etc/x.js' }) do
      local entries = sample_entries('')
      entries[#entries + 1] = { name = name, text = 'x' }
      local path = helper.zip(dir .. '/evil.zip', entries)
      local ok, msg = import.read(path)
      assert.is_nil(ok)
      assert.are.equal(("%s: entry '%s' points outside the archive; refusing the archive"):format(path, name), msg)
    end
  end)

  it('refuses a zip bomb: an entry over the input limit, one that inflates too many times, one that lies', function()
    -- declares more than files.MAX_INPUT_BYTES
    local path = helper.zip(dir .. '/big.zip', { { name = 'data/tweets.js', text = 'window.YTD.tweets.part0 = []' } },
      files.MAX_INPUT_BYTES + 1)
    local ok, msg = import.read(path)
    assert.is_nil(ok)
    assert.are.equal(('%s/data/tweets.js: declares %d bytes uncompressed, over the limit of %d: refused (a zip bomb?)')
      :format(path, files.MAX_INPUT_BYTES + 1, files.MAX_INPUT_BYTES), msg)
    -- 20 MiB of zeros deflate about a thousand times
    path = helper.zip(dir .. '/ratio.zip', { { name = 'data/tweets.js', zeros = 20 * 1024 * 1024 } })
    ok, msg = import.read(path)
    assert.is_nil(ok)
    assert.matches('^' .. path:gsub('%p', '%%%0') .. '/data/tweets%.js: would inflate %d+ bytes to 20971520, '
      .. 'more than 100 times: refused %(a zip bomb%?%)$', msg)
    -- declares 1000 bytes, inflates to 2 MiB: stopped at the limit, whatever it declares
    path = helper.zip(dir .. '/liar.zip', { { name = 'data/tweets.js', zeros = 2 * 1024 * 1024 } }, 1000)
    ok, msg = import.read(path)
    assert.is_nil(ok)
    assert.are.equal(('%s/data/tweets.js: inflates to more than %d bytes'):format(path, 1024 * 1024), msg)
  end)

  it('explains a zip that is not an archive, a file that is not a zip, a missing zip', function()
    local path = helper.zip(dir .. '/other.zip', { { name = 'notes/a.txt', text = 'hello' } })
    local ok, msg = import.read(path)
    assert.is_nil(ok)
    assert.are.equal(path .. ': not a Twitter archive (no data/tweets.js)', msg)
    path = helper.write(dir .. '/fake.zip', 'not a zip at all')
    ok, msg = import.read(path)
    assert.is_nil(ok)
    assert.are.equal(('cannot open archive file: %s: not a zip archive'):format(path), msg)
    ok, msg = import.read(dir .. '/missing.zip')
    assert.is_nil(ok)
    assert.are.equal(('cannot open %s/missing.zip: No such file or directory'):format(dir), msg)
  end)

  it('core.zip_open: a tweeter.Zip that lists, reads under a limit, closes, and ignores extra arguments', function()
    local core = require('tweeter.core')
    local path = helper.zip(dir .. '/a.zip', { { name = 'data/a.txt', text = 'hello zip' } })
    local z = assert(core.zip_open(path, 1, 'extra', {}))
    assert.matches('^tweeter.Zip %(1 entries%)$', tostring(z))
    assert.are.same({ { name = 'data/a.txt', size = 9, compressed_size = z:entries()[1].compressed_size } },
      z:entries(true))
    assert.are.equal('hello zip', z:read('data/a.txt', 9, 'extra', z))
    assert.are.same({ nil, 'data/a.txt: declares 9 bytes uncompressed (at most 8)' }, { z:read('data/a.txt', 8) })
    assert.are.same({ nil, 'nope: no such entry in the archive' }, { z:read('nope', 100) })
    assert.error_matches(function() z:read('data/a.txt', -1) end, 'size limit out of range')
    assert.error_matches(function() z:read(nil, 1) end, 'string expected')
    assert.error_matches(function() core.zip_open() end, 'string expected')
    z:close()
    z:close()
    assert.are.equal('tweeter.Zip (closed)', tostring(z))
    assert.error_matches(function() z:entries() end, 'closed tweeter.Zip')
    do local _ <close> = assert(core.zip_open(path)) end
    local none, err = core.zip_open(dir)
    assert.is_nil(none)
    assert.are.equal(dir .. ': is a directory', err)
    none, err = core.zip_open('/dev/null')
    assert.is_nil(none)
    assert.are.equal('/dev/null: is a device, not a regular file', err)
  end)
end)

describe('tweeter import', function()
  local dir
  setup(function() dir = helper.tmpdir() end)
  teardown(function() helper.rm_rf(dir) end)

  it('import replaces invalid UTF-8 with U+FFFD and says how many bytes', function()
    local bad = helper.write(dir .. '/bad.txt', 'caf\233 ok\nfine\n\255\254 two\n')
    local out = dir .. '/bad.jsonl'
    local code, _, err = helper.tweeter({ 'import', bad, '--out', out })
    assert.are.equal(0, code, err)
    assert.matches('bad%.txt: 3 bytes of invalid UTF%-8 replaced with U%+FFFD', err)
    local stored = require('tweeter.posts').load(out)
    local stored_texts = {}
    for _, p in ipairs(stored) do stored_texts[p.text] = true end
    assert.is_true(stored_texts['caf\u{FFFD} ok'])
    assert.is_true(stored_texts['\u{FFFD}\u{FFFD} two'])
    assert.is_true(stored_texts.fine)
  end)
end)
