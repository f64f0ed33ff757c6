-- tweeter.sources.twitter against a stand-in client: the handle and the token checked before
-- any request, the user lookup and the timeline's pages (spec/fetch_spec.lua runs it end to
-- end against the mock server).
local helper = require('helper')
local fetch = require('tweeter.fetch')
local twitter = require('tweeter.sources.twitter')

describe('tweeter.sources.twitter', function()
  local real_getenv = fetch.getenv
  local token
  before_each(function()
    token = 'secret-token'
    fetch.getenv = function(name) if name == 'TWITTER_BEARER_TOKEN' then return token end end
  end)
  after_each(function() fetch.getenv = real_getenv end)

  it('checks the handle and the token before any request', function()
    assert.is_true(twitter.recognises('@baker'))
    assert.is_false(twitter.recognises('@baker@social.example'))
    local state = assert(twitter.resolve('@baker', {}))
    assert.are.equal('baker', state.name)
    assert.are.equal('secret-token', state.token)
    local ok, err = twitter.resolve('a_name_of_sixteen', {})
    assert.is_nil(ok)
    assert.are.equal("invalid X handle 'a_name_of_sixteen' (expected 1 to 15 letters, digits or _)", err)
    ok, err = twitter.resolve('baker', { api_base = 'http://api.example' })
    assert.is_nil(ok)
    assert.matches('in clear text: use an https:// URL', err)
    token = nil
    ok, err = twitter.resolve('baker', {})
    assert.is_nil(ok)
    assert.matches('^TWITTER_BEARER_TOKEN is not set', err)
  end)

  it('looks the user up and reads the timeline, retweets and others\' replies left out', function()
    local page = { data = {
      { id = '12', text = 'one &amp; two', created_at = '2024-01-02T00:00:00Z' },
      { id = '11', text = 'RT @x: theirs' },
      { id = '10', text = 'to someone', in_reply_to_user_id = '99' },
      { id = '9', text = 'short', note_tweet = { text = 'the long version' }, in_reply_to_user_id = '42' },
    }, meta = { next_token = 'next' } }
    local state = assert(twitter.resolve('baker', { limit = 3 }))
    state.client = helper.stub_client { { 200, { data = { id = '42', username = 'baker' } } }, { 200, page } }
    assert.is_true(twitter.lookup(state))
    assert.are.equal('42', state.uid)
    local list, cursor = twitter.page(state, nil)
    assert.are.same({ { id = '12', text = 'one & two', created_at = '2024-01-02T00:00:00Z' },
      { id = '9', text = 'the long version' } }, list)
    assert.are.equal('next', cursor)
    local request = state.client.requests[2]
    assert.are.equal('Bearer secret-token', request.headers.Authorization)
    assert.matches('/2/users/42/tweets%?max_results=5&exclude=retweets%%2Creplies&', request.url)
  end)

  it('says which user problem a lookup met', function()
    local state = assert(twitter.resolve('baker', {}))
    for _, case in ipairs({
      { { errors = { { title = 'Not Found Error', detail = 'Could not find user' } } }, 'X user @baker not found' },
      { { errors = { { title = 'Forbidden', detail = 'User has been suspended' } } }, 'X user @baker is suspended' },
      { { data = { id = '42', protected = true } },
        'X user @baker is protected: their posts are visible only to approved followers' },
      { { data = { id = 42 } }, 'X API user lookup for @baker returned no string id' },
    }) do
      state.client = helper.stub_client { { 200, case[1] } }
      assert.are.same({ nil, case[2] }, { twitter.lookup(state) })
    end
  end)
end)
