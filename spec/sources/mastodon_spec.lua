-- tweeter.sources.mastodon against a stand-in client: handles, the account lookup and the
-- pages of statuses (spec/fetch_spec.lua runs it end to end against the mock server).
local helper = require('helper')
local mastodon = require('tweeter.sources.mastodon')

describe('tweeter.sources.mastodon', function()
  it('recognises @user@instance and checks it before any request', function()
    assert.is_true(mastodon.recognises('@alice@social.example'))
    assert.is_true(mastodon.recognises('alice@social.example'))
    assert.is_false(mastodon.recognises('alice.bsky.social'))
    local ok, err = mastodon.resolve('@al ice@social.example', {})
    assert.is_nil(ok)
    assert.are.equal("invalid Mastodon handle '@al ice@social.example' (expected @user@instance)", err)
    local state = assert(mastodon.resolve('alice@social.example', {}))
    assert.are.equal('https://social.example', state.base)
    assert.are.equal('@alice@social.example', state.who)
    assert.are.equal('http://127.0.0.1:8', assert(mastodon.resolve('@a@b.example', { api_base = 'http://127.0.0.1:8//' })).base)
  end)

  it('looks the account up and reads pages of its own posts, boosts and replies left out unless asked', function()
    local statuses = {
      { id = '30', content = '<p>mine &amp; only</p>', created_at = '2024-05-02T08:00:00Z' },
      { id = '29', content = '', reblog = { content = '<p>boosted</p>' } },
      { id = '28', content = '<p>to someone</p>', in_reply_to_id = '5', in_reply_to_account_id = '99' },
      { id = '27', content = '<p>to myself</p>', in_reply_to_id = '26', in_reply_to_account_id = '7' },
    }
    local next_link = { link = '<https://social.example/api/v1/accounts/7/statuses?max_id=27>; rel="next"' }
    local state = assert(mastodon.resolve('@alice@social.example', {}))
    state.client = helper.stub_client { { 200, { id = '7' } }, { 200, statuses, next_link } }
    assert.is_true(mastodon.lookup(state))
    assert.are.equal('7', state.id)
    local list, cursor = mastodon.page(state, mastodon.first_cursor(state))
    assert.are.same({ { id = '30', text = 'mine & only', created_at = '2024-05-02T08:00:00Z' },
      { id = '27', text = 'to myself' } }, list)
    assert.are.equal('27', cursor)
    assert.matches('/api/v1/accounts/lookup%?acct=alice$', state.client.requests[1].url)
    assert.matches('exclude_reblogs=true&exclude_replies=true', state.client.requests[2].url)
    state.opts = { include_retweets = true, include_replies = true }
    state.client = helper.stub_client { { 200, statuses } }
    list, cursor = mastodon.page(state, '31')
    assert.are.equal(4, #list)
    assert.are.equal('boosted', list[2].text)
    assert.is_nil(cursor)
    assert.matches('max_id=31', state.client.requests[1].url)
  end)

  it('says what an error status means for the account', function()
    local state = assert(mastodon.resolve('@gone@social.example', {}))
    for _, case in ipairs({
      { 404, { error = 'Record not found' }, 'Mastodon account @gone@social.example not found' },
      { 410, {}, 'Mastodon account @gone@social.example is gone or suspended (http 410)' },
      { 403, { error = 'closed' }, 'Mastodon instance of @gone@social.example does not allow public API reads (http 403: closed)' },
      { 200, { id = '1', suspended = true }, 'Mastodon account @gone@social.example is suspended' },
    }) do
      state.client = helper.stub_client { case }
      local ok, err = mastodon.lookup(state)
      assert.is_nil(ok)
      assert.are.equal(case[3], err)
    end
  end)
end)
