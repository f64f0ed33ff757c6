-- tweeter.sources: the registry of sources, each with the same interface, all run over one
-- pager (tweeter.sources.pager).
local sources = require('tweeter.sources')
local pager = require('tweeter.sources.pager')

describe('tweeter.sources', function()
  it('finds the source of a handle or a path', function()
    assert.are.equal('mastodon', sources.for_handle('@alice@social.example').name)
    assert.are.equal('bluesky', sources.for_handle('alice.bsky.social').name)
    assert.are.equal('bluesky', sources.for_handle('did:plc:abc').name)
    assert.are.equal('twitter', sources.for_handle('@baker').name)
    assert.are.equal('twitter', sources.for_handle('not a handle').name)   -- its resolve says why
    assert.are.equal('archive', sources.for_path('spec/fixtures/archive').name)
    assert.are.equal('archive', sources.for_path('data/tweets.js').name)
    assert.are.equal('files', sources.for_path('posts.CSV').name)
    assert.is_nil(sources.for_path('posts.docx'))
    assert.are.equal('twitter', sources.get('x').name)
  end)

  it('gives every source the same interface', function()
    for _, list in ipairs({ sources.NETWORK, sources.FILES }) do
      for _, name in ipairs(list) do
        local s = sources.get(name)
        assert.are.equal(name, s.name)
        assert.is_string(s.label)
        for _, f in ipairs({ 'recognises', 'resolve', 'page' }) do assert.is_function(s[f], name .. '.' .. f) end
      end
    end
    for _, name in ipairs(sources.NETWORK) do assert.is_function(sources.get(name).lookup) end
  end)
end)

describe('tweeter.sources.pager', function()
  -- a source whose pages are given: { posts, next cursor } each
  local function scripted(pages)
    return { name = 'test', label = 'Test', max_pages = 10, repeated = 'Test repeated %s',
      page = function(_, cursor) local p = pages[cursor or 'first']; return p[1], p[2] end }
  end
  local function posts(...)
    local out = {}
    for _, id in ipairs({ ... }) do out[#out + 1] = { id = id, text = 'post ' .. id } end
    return out
  end

  it('follows cursors to the last page, honouring the limit', function()
    local src = scripted { first = { posts('3', '2'), 'b' }, b = { posts('1'), nil } }
    local list, info = pager.run(src, {}, {})
    assert.are.equal(3, #list)
    assert.are.same({ complete = true, pages = 2 }, info)
    local pages = {}
    list, info = pager.run(src, {}, { limit = 2, on_page = function(p) pages[#pages + 1] = #p end })
    assert.are.equal(2, #list)
    assert.are.same({ complete = false, pages = 1 }, info)
    assert.are.same({ 2 }, pages)
  end)

  it('stops on a repeated cursor and on the page budget, keeping what it got', function()
    local list, msg, partial = pager.run(scripted { first = { posts('2'), 'a' }, a = { posts('1'), 'a' } }, {}, {})
    assert.is_nil(list)
    assert.are.equal('Test repeated a; stopping to avoid a loop', msg)
    assert.are.equal(2, #partial)
    list, msg = pager.run(scripted { first = { posts('2'), 'a' }, a = { posts('1'), 'b' }, b = { {}, nil } }, {},
      { max_pages = 2 })
    assert.is_nil(list)
    assert.are.equal('Test: stopped after 2 pages (page budget)', msg)
  end)
end)
