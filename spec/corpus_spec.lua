local corpus = require('tweeter.corpus')
local helper = require('helper')

describe('tweeter.corpus', function()
  local dir
  before_each(function() dir = helper.tmpdir() end)
  after_each(function() helper.rm_rf(dir) end)

  describe('read', function()
    it('reads plain text, one post per line, skipping empty lines and CRs', function()
      local p = helper.write(dir .. '/a.txt', 'first post\r\n\n  \nsecond – post 🎉\nthird')
      local posts, err, report = corpus.read(p)
      assert.is_nil(err)
      assert.are.same({ 'first post', 'second – post 🎉', 'third' }, posts)
      assert.are.same({ read = 3, kept = 3, retweets = 0, empty = 0, duplicates = 0, invalid_utf8 = 0 },
        report)
    end)

    it('reads the JSON Lines posts store, a post on one line', function()
      local p = helper.write(dir .. '/a.jsonl', {
        '{"id":"2","text":"newest post","created_at":"2024-01-02T00:00:00Z"}',
        '',
        '{"id":"1","text":"line one\\nline two","created_at":"2024-01-01T00:00:00Z"}',
      })
      assert.are.same({ 'newest post', 'line one line two' }, (corpus.read(p)))
    end)

    it('reads a line of a .txt file that starts with { as plain text', function()
      local p = helper.write(dir .. '/b.txt', { '{not json} but a post', 'another' })
      assert.are.same({ '{not json} but a post', 'another' }, (corpus.read(p)))
    end)

    -- Every format import reads, with a retweet, a post of nothing but a URL, an entity, a
    -- URL inside a post and a duplicate: training reads exactly what import stores.
    local RAW = { 'RT @someone: not mine', 'https://example.com/only-a-link', 'fish &amp; chips',
      'see https://t.co/x1 here', 'fish &amp; chips', 'last   one' }
    local CLEAN = { 'fish & chips', 'see here', 'last one' }
    local function file_of(ext)
      local cjson = require('cjson')
      if ext == 'json' then return cjson.encode(RAW) end
      local out = { ext == 'csv' and 'id,text' or nil }
      for i, t in ipairs(RAW) do
        if ext == 'jsonl' then out[#out + 1] = cjson.encode({ text = t })
        elseif ext == 'csv' then out[#out + 1] = ('%d,"%s"'):format(i, t:gsub('"', '""'))
        else out[#out + 1] = t end
      end
      return out
    end
    for _, ext in ipairs({ 'txt', 'jsonl', 'csv', 'json' }) do
      it(('cleans .%s as import does, and reports what it dropped'):format(ext), function()
        local p = helper.write(dir .. '/raw.' .. ext, file_of(ext))
        local posts, err, report = corpus.read(p)
        assert.is_nil(err)
        assert.are.same(CLEAN, posts)
        local imported = require('tweeter.import').load(p)
        assert.are.same(CLEAN, require('tweeter.posts').texts(imported))
        assert.are.same({ read = 6, kept = 3, retweets = 1, empty = 1, duplicates = 1, invalid_utf8 = 0 },
          report)
      end)
    end

    it('counts the retweets an archive leaves out as read and dropped', function()
      local posts, _, report = corpus.read('spec/fixtures/archive')
      assert.are.equal(4, #posts)
      assert.are.same({ read = 5, kept = 4, retweets = 1, empty = 0, duplicates = 0, invalid_utf8 = 0 },
        report)
    end)

    it('returns nil and a message for a missing file, no usable post, a folder and bad JSON Lines', function()
      local posts, err = corpus.read(dir .. '/missing.txt')
      assert.is_nil(posts)
      assert.matches('cannot read posts file', err)
      posts, err = corpus.read(helper.write(dir .. '/empty.txt', '\n  \n'))
      assert.is_nil(posts)
      assert.are.equal(('no usable posts in %s/empty.txt: 0 posts read, 0 kept after cleaning '
        .. '(0 retweets, 0 empty, 0 duplicates dropped)'):format(dir), err)
      posts, err = corpus.read(helper.write(dir .. '/urls.txt', { 'https://a.example/1', 'www.b.example/2',
        'RT @x: https://c.example' }))
      assert.is_nil(posts)
      assert.are.equal(('no usable posts in %s/urls.txt: 3 posts read, 0 kept after cleaning '
        .. '(1 retweets, 2 empty, 0 duplicates dropped)'):format(dir), err)
      posts, err = corpus.read(dir)
      assert.is_nil(posts)
      assert.is_string(err)
      posts, err = corpus.read(helper.write(dir .. '/bad.jsonl', { '{"text":"ok"}', '{"text": broken' }))
      assert.is_nil(posts)
      assert.matches('bad.jsonl:2: invalid JSON', err)
    end)

    it('raises on a non-string path (a programming error)', function()
      assert.has_error(function() corpus.read(42) end, "bad argument #1 to 'read' (string expected, got number)")
    end)
  end)

  describe('split', function()
    local posts = helper.posts(2000, 7)
    -- make them distinct so that the shares can be counted
    for i = 1, #posts do posts[i] = posts[i] .. ' #' .. i end

    it('holds out about valid_percent of the posts', function()
      local train, valid = corpus.split(posts, { seed = 1 })
      assert.are.equal(#posts, #train + #valid)
      assert.is_true(#valid > 60 and #valid < 140, 'got ' .. #valid .. ' validation posts')
      local _, v20 = corpus.split(posts, { seed = 1, valid_percent = 20 })
      assert.is_true(#v20 > 330 and #v20 < 470)
    end)

    it('is the same every time and keeps each post on its side when posts are added', function()
      local t1, v1 = corpus.split(posts, { seed = 3 })
      local t2, v2 = corpus.split(posts, { seed = 3 })
      assert.are.same(t1, t2)
      assert.are.same(v1, v2)
      local more = table.move(posts, 1, #posts, 1, {})
      for i = 1, 500 do more[#more + 1] = 'added later ' .. i end
      local _, v3 = corpus.split(more, { seed = 3 })
      local in_v3 = {}
      for _, p in ipairs(v3) do in_v3[p] = true end
      for _, p in ipairs(v1) do assert.is_true(in_v3[p], p) end
      local in_v1 = {}
      for _, p in ipairs(v1) do in_v1[p] = true end
      for i = 1, #posts do
        if not in_v1[posts[i]] then assert.is_nil(in_v3[posts[i]]) end
      end
    end)

    it('depends on the seed', function()
      local _, a = corpus.split(posts, { seed = 1 })
      local _, b = corpus.split(posts, { seed = 2 })
      assert.are_not.same(a, b)
    end)

    it('gives each side at least one post from two posts on, and a single post to training', function()
      local t, v = corpus.split({ 'one', 'two' })
      assert.are.equal(1, #t)
      assert.are.equal(1, #v)
      t, v = corpus.split({ 'only' })
      assert.are.same({ 'only' }, t)
      assert.are.same({}, v)
      t, v = corpus.split({ 'a', 'b', 'c' }, { valid_percent = 100 })
      assert.are.equal(1, #t)
      assert.are.equal(2, #v)
      t, v = corpus.split({ 'a', 'b', 'c' }, { valid_percent = 0 })
      assert.are.equal(3, #t)
      assert.are.equal(0, #v)
    end)

    it('raises on bad options', function()
      assert.has_error(function() corpus.split({}, { valid_percent = 101 }) end)
      assert.has_error(function() corpus.split({}, { seed = 1.5 }) end)
      assert.has_error(function() corpus.split('x') end)
    end)
  end)

  it('load reads and splits, with the count and the report', function()
    local p = helper.write(dir .. '/p.txt', helper.posts(100, 2))
    local c = assert(corpus.load(p, { seed = 1 }))
    assert.are.equal(100, c.posts)
    assert.are.equal(100, #c.train + #c.valid)
    assert.is_true(#c.valid >= 1)
    assert.are.equal(100, c.report.read)
    local none, err = corpus.load(dir .. '/nope')
    assert.is_nil(none)
    assert.is_string(err)
  end)

  it('vocab_of lists each character once in code point order, invalid UTF-8 as U+FFFD', function()
    assert.are.equal(' abcé😀', corpus.vocab_of({ 'cab', 'é a', '😀b' }))
    assert.are.equal('ab\u{FFFD}', corpus.vocab_of({ 'a\xffb' }))
    assert.are.equal('', corpus.vocab_of({}))
    local n = 0
    for _ in corpus.code_points('x\xc3') do n = n + 1 end
    assert.are.equal(2, n)
  end)
  it('mix puts the asked share of other posts among the person\'s, spread evenly and the same every time', function()
    local own, others = {}, {}
    for i = 1, 40 do own[i] = ('own %02d xxxxxxxxxxxxxxxxxxxxx'):format(i) end   -- 28 bytes each
    for i = 1, 100 do others[i] = ('other %03d yyyyyyyyyyyyyyyyyy'):format(i) end -- 28 bytes each
    local mixed, m = corpus.mix(own, others, 0.2, 3)
    -- 0.2 of the characters: 40 * 28 * 0.2 / 0.8 = 280 bytes, 10 posts of 28
    assert.are.equal(10, m)
    assert.are.equal(50, #mixed)
    local seen_own, positions = 0, {}
    for k, p in ipairs(mixed) do
      if p:find('^own') then
        seen_own = seen_own + 1
        assert.are.equal(own[seen_own], p) -- the person's posts keep their order
      else
        positions[#positions + 1] = k
      end
    end
    assert.are.equal(40, seen_own)
    -- spread: no two mixed posts more than 5 of the person's posts apart, none at the very end
    for k = 2, #positions do assert.is_true(positions[k] - positions[k - 1] <= 6) end
    assert.is_true(positions[1] <= 6 and positions[#positions] < 50)
    assert.are.same(mixed, (corpus.mix(own, others, 0.2, 3)))
    local other_seed = corpus.mix(own, others, 0.2, 4)
    assert.are_not.same(mixed, other_seed)
    assert.are.same(own, (corpus.mix(own, others, 0, 3)))
    assert.has_error(function() corpus.mix(own, others, 1) end,
      "bad argument #3 to 'mix' (number in [0, 1) expected, got 1)")
  end)
end)

describe('what import reads, as training data', function()
  local dir
  setup(function()
    dir = helper.tmpdir()
  end)
  teardown(function() helper.rm_rf(dir) end)

  it('trains on whatever import reads: a CSV, an archive folder, tweets.js', function()
    local csv = helper.write(dir .. '/posts.csv', { 'id,text,created_at', '1,"Hello, ""quoted"" world",2020-01-01',
      '2,Another post here,2020-01-02', '3,And a third one,2020-01-03' })
    local read = assert(require('tweeter.corpus').read(csv))
    assert.are.same({ 'Hello, "quoted" world', 'Another post here', 'And a third one' }, read)
    local archive = helper.root .. '/examples/sample-archive'
    local imported = require('tweeter.clean').posts((assert(require('tweeter').import(archive))))
    local from_dir = assert(require('tweeter.corpus').read(archive))
    assert.are.equal(#imported, #from_dir)
    assert.are.equal(imported[1].text, from_dir[1])
    assert.are.same(from_dir, assert(require('tweeter.corpus').read(archive .. '/data/tweets.js')))
    local code, out, err = helper.tweeter(helper.args('train', '--data', archive, '--model', dir .. '/arch.twm', '--steps', '2', '--quiet', helper.TINY))
    assert.are.equal(0, code, err)
    assert.matches('%(new%)', out)
    local code2, _, err2 = helper.tweeter(helper.args('train', '--data', csv, '--model', dir .. '/csv.twm', '--steps', '1', '--quiet', helper.TINY))
    assert.are.equal(0, code2, err2)
    -- the header is not training text: its characters are not in the vocabulary unless the posts have them
    assert.is_nil(assert(require('tweeter.core').load(dir .. '/csv.twm')):vocab():find('_', 1, true))
  end)
end)
