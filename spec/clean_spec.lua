-- tweeter.clean: the same cleaning for every source.
local clean = require 'tweeter.clean'

describe('clean.post', function()
  it('decodes named and numeric entities, once', function()
    assert.are.equal('Tea & biscuits <3 "ok" it\'s it\'s ©', clean.post('Tea &amp; biscuits &lt;3 &quot;ok&quot; it&#39;s it&#x27;s &copy;'))
    assert.are.equal('&lt; stays one level', clean.post('&amp;lt; stays one level'))
    assert.are.equal('&bogus; &#xD800; kept', clean.post('&bogus; &#xD800; kept'))
  end)

  it('removes URLs unless asked to keep them', function()
    assert.are.equal('New post on parsing', clean.post('New post on parsing https://t.co/AbCdEf1234'))
    assert.are.equal('see and', clean.post('see http://a.example/x?y=1 and www.example.org/page'))
    assert.are.equal('New post https://t.co/Ab', clean.post('New post https://t.co/Ab', { keep_urls = true }))
  end)

  it('keeps mentions, or masks them as @user', function()
    assert.are.equal('@bob_sample agreed', clean.post('@bob_sample agreed'))
    assert.are.equal('@user agreed with @user. mail me at a@b.example',
      clean.post('@bob_sample agreed with @alice@social.example. mail me at a@b.example', { mask_mentions = true }))
  end)

  it('puts a post on one line with single spaces', function()
    assert.are.equal('one two three four', clean.post('  one\ntwo\r\n\tthree\u{A0} four  '))
  end)

  it('drops retweets and empty posts, saying why', function()
    assert.are.same({ nil, 'retweet' }, { clean.post('RT @someone: their words') })
    assert.are.same({ nil, 'empty' }, { clean.post('   ') })
    assert.are.same({ nil, 'empty' }, { clean.post('https://t.co/only') })
    assert.are.equal('RTs are fun', clean.post('RTs are fun'))
  end)

  it('turns Mastodon HTML into text', function()
    local html = '<p>Sourdough day. Starter is &quot;alive&quot; &amp; loud.<br />Next: '
      .. '<a href="https://blog.example.org/bread"><span class="invisible">https://</span>'
      .. '<span class="ellipsis">blog.example.org/bre</span><span class="invisible">ad</span></a></p>'
      .. '<p><a href="https://social.example/tags/baking" class="mention hashtag" rel="tag">#<span>baking</span></a></p>'
    assert.are.equal('Sourdough day. Starter is "alive" & loud.\nNext: https://blog.example.org/bread\n\n#baking',
      clean.html_to_text(html))
    assert.are.equal('Sourdough day. Starter is "alive" & loud. Next: #baking', clean.post(html, { html = true }))
    assert.are.equal('Sourdough day. Starter is "alive" & loud. Next: https://blog.example.org/bread #baking',
      clean.post(html, { html = true, keep_urls = true }))
    assert.are.equal('@user hi', clean.post('<p><span class="h-card"><a href="https://x.example/@bob" '
      .. 'class="u-url mention">@<span>bob</span></a></span> hi</p>', { html = true, mask_mentions = true }))
  end)

  it('keeps emoji and accents', function()
    assert.are.equal('naïve café 🍞', clean.post('naïve café 🍞'))
  end)

  it('checks its arguments', function()
    assert.error_matches(function() clean.post(nil) end, "bad argument #1 to 'post' %(string expected, got nil%)")
    assert.error_matches(function() clean.post('x', { keep_url = true }) end, "unknown option 'keep_url'")
  end)
end)

describe('clean.posts', function()
  it('cleans a list, dropping retweets, empties and exact duplicates, counting each', function()
    local out, stats = clean.posts({ 'hello  world', 'RT @a: b', '', 'hello world', 'bye https://x.y' })
    assert.are.same({ 'hello world', 'bye' }, out)
    assert.are.same({ kept = 2, retweets = 1, empty = 1, duplicates = 1 }, stats)
  end)

  it('keeps post tables and their ids, without modifying the input', function()
    local input = { { id = '2', text = 'a &amp; b' }, { id = '1', text = 'a & b' } }
    local out = clean.posts(input)
    assert.are.same({ { id = '2', text = 'a & b' } }, out)
    assert.are.equal('a &amp; b', input[1].text)
    assert.error_matches(function() clean.posts({ { id = '1' } }) end, 'post 1 has no text string')
  end)
end)
