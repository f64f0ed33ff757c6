-- tweeter.sources.bluesky against a stand-in client: handles and DIDs, the profile lookup and
-- the pages of an author feed (spec/fetch_spec.lua runs it end to end against the mock server).
local helper = require('helper')
local bluesky = require('tweeter.sources.bluesky')

describe('tweeter.sources.bluesky', function()
  it('recognises handles with a dot and DIDs, and checks them before any request', function()
    assert.is_true(bluesky.recognises('alice.bsky.social'))
    assert.is_true(bluesky.recognises('did:plc:abc'))
    assert.is_false(bluesky.recognises('@alice'))
    local ok, err = bluesky.resolve('alice..bsky.', {})
    assert.is_nil(ok)
    assert.are.equal("invalid Bluesky handle 'alice..bsky.' (expected name.bsky.social or a DID)", err)
    local state = assert(bluesky.resolve('@alice.bsky.social', {}))
    assert.are.equal('alice.bsky.social', state.actor)
    assert.are.equal(bluesky.API, state.base)
  end)

  it('looks the profile up and keeps the author\'s own posts: no pins, reposts or replies unless asked', function()
    local function item(uri, text, extra)
      local it = { post = { uri = uri, author = { did = 'did:plc:me' }, record = { text = text } } }
      for k, v in pairs(extra or {}) do it[k] = v end
      return it
    end
    local reply = item('at://me/3', 'a reply')
    reply.post.record.reply = { parent = {} }
    local repost = item('at://other/2', 'theirs', { reason = { ['$type'] = 'app.bsky.feed.defs#reasonRepost' } })
    repost.post.author.did = 'did:plc:other'
    local feed = { feed = {
      item('at://me/9', 'pinned', { reason = { ['$type'] = 'app.bsky.feed.defs#reasonPin' } }),
      item('at://me/5', 'mine'), repost, reply,
    }, cursor = 'c2' }
    local state = assert(bluesky.resolve('alice.bsky.social', {}))
    state.client = helper.stub_client { { 200, { did = 'did:plc:me' } }, { 200, feed } }
    assert.is_true(bluesky.lookup(state))
    local list, cursor = bluesky.page(state, nil)
    assert.are.same({ { id = 'at://me/5', text = 'mine' } }, list)
    assert.are.equal('c2', cursor)
    assert.matches('filter=posts_no_replies', state.client.requests[2].url)
    state.opts = { include_retweets = true, include_replies = true }
    state.client = helper.stub_client { { 200, { feed = feed.feed } } }
    list, cursor = bluesky.page(state, 'c2')
    assert.are.equal(3, #list)
    assert.is_nil(cursor)
    assert.matches('cursor=c2', state.client.requests[1].url)
  end)

  it('names an unknown profile, a body that is not JSON and a feed item without a post', function()
    local state = assert(bluesky.resolve('nobody.bsky.social', {}))
    state.client = helper.stub_client { { 400, { error = 'InvalidRequest', message = 'Profile not found' } } }
    assert.are.same({ nil, 'Bluesky account nobody.bsky.social not found (Profile not found)' }, { bluesky.lookup(state) })
    state.client = helper.stub_client { { 502, '<html>' } }
    assert.are.same({ nil, 'Bluesky API: http 502 with a body that is not JSON' }, { bluesky.lookup(state) })
    state.did = 'did:plc:me'
    state.client = helper.stub_client { { 200, { feed = { { reason = {} } } } } }
    assert.are.same({ nil, 'Bluesky author feed returned an item without a post' }, { bluesky.page(state) })
  end)
end)
