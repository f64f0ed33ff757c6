-- tweeter.sources.archive: a Twitter archive's tweets.js and its parts, against small invented
-- fixtures.
local archive = require('tweeter.sources.archive')

local F = 'spec/fixtures/'
local texts = require('tweeter.posts').texts

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
