-- The copy guard of tweeter.Model: remember, copies, forget, and its SEEN section in the
-- model file (docs/model-format.md).
local core = require 'tweeter.core'
local helper = require 'helper'

local read, tmp_path = helper.read, helper.tmppath

local REF = 'Today we celebrate the people who made this whole thing possible for all of us'
local UNICODE = 'Un café à Zürich 😀 avec des amis 🎉, puis une promenade au bord du lac 🌊'

local function tiny_model()
  return core.model{ embed = 2, hidden = 3, layers = 1, vocab = 'abc', seed = 1 }
end

-- The distinct windows of 40 code points of the posts, counted as strings.
local function distinct_windows(posts)
  local seen, n = {}, 0
  for _, post in ipairs(posts) do
    local starts = {}
    for p in utf8.codes(post) do starts[#starts + 1] = p end
    starts[#starts + 1] = #post + 1
    for i = 1, #starts - 40 do
      local w = post:sub(starts[i], starts[i + 40] - 1)
      if not seen[w] then seen[w], n = true, n + 1 end
    end
  end
  return n
end

-- The code points i .. j of s.
local function cps(s, i, j)
  return s:sub(utf8.offset(s, i), utf8.offset(s, j + 1) - 1)
end

-- A text of n letters from a fixed pseudo-random stream: its windows are all different.
local function random_text(n, seed)
  local x, parts = seed, {}
  for i = 1, n // 1000 + 1 do
    local b = {}
    for j = 1, 1000 do
      x = (x * 1103515245 + 12345) & 0x7fffffff
      b[j] = string.char(97 + (x >> 16) % 26)
    end
    parts[i] = table.concat(b)
  end
  return table.concat(parts):sub(1, n)
end

describe('model:remember and model:copies', function()
  it('finds a copied stretch of 40 code points and not one of 39', function()
    local m = tiny_model()
    assert.are.equal(utf8.len(REF) - 39, m:remember{ REF })
    local s40 = cps(REF, 10, 49)
    assert.is_true(m:copies('xx ' .. s40 .. ' yy'))
    assert.is_true(m:copies(REF))
    assert.is_false(m:copies('##' .. cps(REF, 10, 48) .. '##'))
    assert.is_false(m:copies('##' .. cps(REF, 11, 49) .. '##'))
    -- one character changed in the middle of the stretch breaks every window across it
    assert.is_false(m:copies(cps(REF, 1, 30) .. '_' .. cps(REF, 32, 70)))
    assert.is_false(m:copies('completely different text that is long enough to have windows'))
    assert.is_false(m:copies(''))
  end)

  it('counts code points, not bytes: accents and emoji', function()
    local m = tiny_model()
    assert.are.equal(utf8.len(UNICODE) - 39, m:remember{ UNICODE })
    local s40 = cps(UNICODE, 5, 44)   -- é à ü 😀 inside
    assert.are.equal(40, utf8.len(s40))
    assert.is_true(#s40 > 40)
    assert.is_true(m:copies('>> ' .. s40))
    -- 39 code points, far more than 40 bytes
    assert.is_false(m:copies('>> ' .. cps(UNICODE, 5, 43) .. ' <<'))
    local emoji = ('é'):rep(20) .. ('😀'):rep(20)
    local e = tiny_model()
    assert.are.equal(6, e:remember{ emoji .. ' tail' })   -- 45 code points: 6 windows
    assert.is_true(e:copies('a' .. emoji))
    assert.is_false(e:copies(('é'):rep(19) .. ('😀'):rep(20) .. 'z'))
  end)

  it('reads invalid UTF-8 as U+FFFD, byte by byte, as model:encode does', function()
    local m = tiny_model()
    local post = ('a'):rep(20) .. '\255' .. ('b'):rep(19)
    assert.are.equal(1, m:remember{ post })
    assert.is_true(m:copies(('a'):rep(20) .. '\u{FFFD}' .. ('b'):rep(19)))
    assert.is_false(m:copies(('a'):rep(20) .. '?' .. ('b'):rep(19)))
  end)

  it('adds to what it holds, each window once; short posts add nothing', function()
    local m = tiny_model()
    assert.are.equal(0, m:info().remembered)
    assert.is_false(m:copies(REF))
    assert.are.equal(0, m:remember{ 'short post', cps(REF, 1, 39), '' })
    assert.are.equal(0, m:remember{})
    local n = m:remember{ REF, REF }
    assert.are.equal(utf8.len(REF) - 39, n)
    assert.are.equal(n, m:remember{ REF })
    -- a post sharing 50 code points with REF adds only its new windows
    local more = cps(REF, 1, 50) .. ' and then something else entirely'
    local posts = { REF, more, UNICODE }
    assert.are.equal(distinct_windows(posts), m:remember{ more, UNICODE })
    assert.are.equal(distinct_windows(posts), m:info().remembered)
    assert.is_true(m:copies(more) and m:copies(UNICODE) and m:copies(REF))
  end)

  it('forget empties the set; info, tostring and copy follow it', function()
    local m = tiny_model()
    assert.is_nil(tostring(m):find('remembered'))
    m:remember{ REF }
    assert.are.equal(utf8.len(REF) - 39, m:info().remembered)
    assert.matches(', 39 remembered windows%)$', tostring(m))
    local c = m:copy()
    assert.are.equal(m, m:forget())
    assert.are.equal(0, m:info().remembered)
    assert.is_false(m:copies(REF))
    -- the copy has its own set
    assert.are.equal(39, c:info().remembered)
    assert.is_true(c:copies(REF))
    c:remember{ UNICODE }
    assert.are.equal(0, m:info().remembered)
  end)

  it('raises on bad arguments', function()
    local m = tiny_model()
    assert.error_matches(function() m:remember() end, 'table expected, got no value')
    assert.error_matches(function() m:remember('post') end, 'table expected, got string')
    assert.error_matches(function() m:remember{ REF, 5 } end,
      "bad argument #1 to 'remember' %(post 2 is a number, expected a string%)")
    assert.are.equal(0, m:info().remembered)   -- checked before anything was added
    assert.error_matches(function() m:copies() end, 'string expected, got no value')
    assert.error_matches(function() m.forget({}) end, 'tweeter.Model expected, got table')
  end)

  it('returns nil and a message past 2^22 windows, and keeps the set it had', function()
    local m = tiny_model()
    local text = random_text((1 << 22) + 20000, 7)
    -- the first half fits; with the second the union would not
    local half = m:remember{ text:sub(1, 2200000) }
    assert.is_true(half > 2190000 and half <= 2200000 - 39, tostring(half))
    local none, err = m:remember{ text:sub(1, 1000), text:sub(2100001) }
    assert.is_nil(none)
    assert.are.equal('more than 4194304 distinct windows of 40 characters, the most the copy '
      .. 'guard holds', err)
    assert.are.equal(half, m:info().remembered)
    assert.is_true(m:copies(text:sub(1000, 1100)))
    -- (one window, looked up in two million hashes: a false positive 1 time in 2,000)
    assert.is_false(m:copies(text:sub(2300000, 2300039)))
    -- and on its own, too many for an empty set
    local n2, err2 = tiny_model():remember{ text }
    assert.is_nil(n2)
    assert.matches('^more than 4194304 distinct windows', err2)
    -- a set of two million hashes goes through the file and back
    local path = tmp_path('big-seen.twm')
    assert(m:save(path))
    local loaded = assert(core.load(path))
    assert.are.equal(half, loaded:info().remembered)
    assert.is_true(loaded:copies(text:sub(2150000, 2150040)))
    assert.is_false(loaded:copies(text:sub(2300000, 2300039)))
    os.remove(path)
  end)
end)

describe('core.window_hashes', function()
  it('gives each window of 40 code points its 64-bit hash, in order, as the guard reads them', function()
    local hashes = core.window_hashes(REF)
    assert.are.equal(utf8.len(REF) - 39, #hashes)
    for _, h in ipairs(hashes) do assert.are.equal('integer', math.type(h)) end
    -- the same window hashes the same wherever it stands
    assert.are.same({ hashes[10] }, core.window_hashes(cps(REF, 10, 49)))
    assert.are.same({}, core.window_hashes(cps(REF, 1, 39)))
    -- invalid UTF-8 reads as U+FFFD, as model:remember reads it
    local bad = '\xff' .. cps(REF, 1, 39)
    assert.are.same(core.window_hashes('\u{FFFD}' .. cps(REF, 1, 39)), core.window_hashes(bad))
    assert.are.equal(1, #core.window_hashes(bad))
  end)

  it('finds what the model\'s guard finds', function()
    local m = tiny_model()
    m:remember{ REF, UNICODE }
    local set = {}
    for _, post in ipairs({ REF, UNICODE }) do
      for _, h in ipairs(core.window_hashes(post)) do set[h] = true end
    end
    local function copies(text)
      for _, h in ipairs(core.window_hashes(text)) do
        if set[h] then return true end
      end
      return false
    end
    for _, text in ipairs({ 'xx ' .. cps(REF, 10, 49) .. ' yy', '##' .. cps(REF, 10, 48) .. '##',
                            UNICODE, cps(UNICODE, 2, 41), cps(UNICODE, 2, 40) }) do
      assert.are.equal(m:copies(text), copies(text), text)
    end
  end)
end)

-- The sections of a model file: { tag =, at = (offset of the tag, from 1), len = }.
local function sections(bytes)
  local out, pos = {}, 25
  while pos <= #bytes do
    local tag, len = string.unpack('<c4I8', bytes, pos)
    out[#out + 1] = { tag = tag, at = pos, len = len }
    pos = pos + 12 + len
  end
  return out
end

-- The file with SEEN's body replaced (its length, the payload length and the checksum fixed).
local function with_seen(bytes, body)
  for _, s in ipairs(sections(bytes)) do
    if s.tag == 'SEEN' then
      local payload = bytes:sub(25, s.at + 3) .. string.pack('<I8', #body) .. body
        .. bytes:sub(s.at + 12 + s.len)
      return helper.with_checksum(bytes:sub(1, 16) .. string.pack('<I8', #payload) .. payload)
    end
  end
  error('no SEEN section')
end

describe('the SEEN section', function()
  local m = tiny_model()
  m:add_history(1, 1.5)
  m:remember{ REF, UNICODE }

  local load_bytes = helper.load_bytes

  it('comes after HIST, only when the model remembers something, and round-trips', function()
    local path, again = tmp_path('seen.twm'), tmp_path('seen-again.twm')
    for _, half in ipairs({ false, true }) do
      assert(m:save(path, { half = half }))
      local bytes = read(path)
      assert.are.equal(4, string.unpack('<I4', bytes, 9))
      local tags = {}
      for _, s in ipairs(sections(bytes)) do tags[#tags + 1] = s.tag end
      assert.are.same({ 'HIST', 'SEEN', 'END!' }, { table.unpack(tags, #tags - 2) })
      local loaded = assert(core.load(path))
      assert.are.same(m:info(), loaded:info())
      assert.are.equal(distinct_windows({ REF, UNICODE }), loaded:info().remembered)
      assert.is_true(loaded:copies(cps(UNICODE, 20, 59)))
      assert.is_false(loaded:copies(cps(UNICODE, 20, 58)))
      assert(loaded:save(again, { half = half }))
      assert.are.equal(bytes, read(again))
    end
    assert(tiny_model():save(path))
    for _, s in ipairs(sections(read(path))) do assert.are_not.equal('SEEN', s.tag) end
    os.remove(path)
    os.remove(again)
  end)

  it('is absent from version 1 and 2 files, which load remembering nothing', function()
    for _, path in ipairs({ helper.root .. '/fuzz/corpus/model_file/trained-v2.twm',
                            helper.root .. '/fuzz/corpus/model_file/gru-v2.twm',
                            helper.root .. '/fuzz/corpus/model_file/trained-v1.twm' }) do
      local version = string.unpack('<I4', read(path), 9)
      assert.is_true(version == 1 or version == 2, path)
      local old = assert(core.load(path))
      assert.are.equal(0, old:info().remembered)
      assert.is_false(old:copies(REF))
    end
    -- a version 2 file holding a SEEN is refused: the version says what may be in it
    local path = tmp_path('v2-seen.twm')
    assert(m:save(path))
    local bytes = read(path)
    local forged = helper.with_checksum(bytes:sub(1, 8) .. string.pack('<I4', 2) .. bytes:sub(13))
    local model, err = load_bytes(forged)
    assert.is_nil(model)
    assert.matches("expected section END!, found 'SEEN'", err)
    os.remove(path)
  end)

  it('is refused with a message when it is damaged', function()
    local path = tmp_path('good-seen.twm')
    assert(m:save(path))
    local bytes = read(path)
    os.remove(path)
    local function head(window, n) return string.pack('<I4I4', window, n) end
    for _, case in ipairs({
      { head(39, 1) .. '\5', 'section SEEN holds windows of 39 characters; this tweeter\'s copy guard takes 40' },
      { head(40, (1 << 22) + 1) .. ('\1'):rep(8), 'section SEEN holds 4194305 hashes, more than the copy guard\'s 4194304' },
      { head(40, 3) .. '\5\0\7', 'section SEEN lists a hash twice %(a delta of 0%)' },
      { head(40, 2) .. '\255\255\255\255\15\1', 'section SEEN holds a hash past 2%^32%-1' },
      { head(40, 2) .. '\128\128\128\128\128\1\1', 'section SEEN holds a hash past 2%^32%-1' },
      { head(40, 2) .. '\133\128', 'section SEEN ends before its last hash' },
      { head(40, 1) .. '\5\6', 'section SEEN has bytes after its last hash' },
      { head(40, 3) .. '\5', 'section SEEN\'s length does not match its count of hashes' },
      { head(40, 1) .. '\128\128\128\128\128\1', 'section SEEN\'s length does not match its count of hashes' },
      { head(40, 1), 'section SEEN\'s length does not match its count of hashes' },
      { '\40\0\0\0\1', 'section SEEN is too short' },
    }) do
      local model, err = load_bytes(with_seen(bytes, case[1]))
      assert.is_nil(model, case[2])
      assert.matches(case[2], err)
    end
    -- the hashes as written decode back: a well-formed body of three
    local ok = assert(load_bytes(with_seen(bytes, head(40, 3) .. '\5\1\255\255\255\255\7')))
    assert.are.equal(3, ok:info().remembered)
    -- a SEEN whose length runs past the end of the file
    local seen = sections(bytes)[#sections(bytes) - 1]
    local long = bytes:sub(1, seen.at + 3) .. string.pack('<I8', seen.len + 100) .. bytes:sub(seen.at + 12)
    local model, err = load_bytes(helper.with_checksum(long))
    assert.is_nil(model)
    assert.matches('section SEEN is truncated', err)
  end)
end)
