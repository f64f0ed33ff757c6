-- tweeter.sources: the registry of sources, each with the same interface, all run over one
-- pager (tweeter.sources.pager, spec/sources/pager_spec.lua).
local sources = require('tweeter.sources')

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
