local discriminator = require('tweeter.discriminator')

-- A seeded stream of numbers in [0, 1).
local function numbers(seed)
  local x = seed
  return function()
    x = (x * 1103515245 + 12345) % 2147483648
    return x / 2147483648
  end
end

-- n posts of words drawn from `words`.
local function posts_of(words, n, seed)
  local random, out = numbers(seed), {}
  for i = 1, n do
    local w = {}
    for j = 1, 4 + math.floor(random() * 8) do w[j] = words[1 + math.floor(random() * #words)] end
    out[i] = table.concat(w, ' ')
  end
  return out
end

local PERSON = { 'the', 'people', 'of', 'this', 'country', 'deserve', 'better', 'jobs', 'today' }
local MODEL = { 'the', 'people', 'of', 'this', 'nation', 'want', 'better', 'roads', 'tonight' }

describe('tweeter.discriminator', function()
  it('learns what tells the person\'s posts from the model\'s, and scores unseen ones by it', function()
    local real = discriminator.examples(posts_of(PERSON, 300, 1))
    local fake = discriminator.examples(posts_of(MODEL, 100, 2))
    local c = discriminator.train(real, fake, numbers(3))
    local right = 0
    for _, post in ipairs(posts_of(PERSON, 50, 4)) do right = right + (c:score(post) > 0 and 1 or 0) end
    for _, post in ipairs(posts_of(MODEL, 50, 5)) do right = right + (c:score(post) < 0 and 1 or 0) end
    assert.is_true(right >= 95, right .. ' of 100 right')
    -- the words only one side uses decide it
    assert.is_true(c:score('the people deserve jobs') > 0)
    assert.is_true(c:score('the people want roads') < 0)
  end)

  it('weighs both sides alike: ten times as many of the person\'s posts do not tip unseen ones', function()
    -- both sides alike: the log-odds of an unseen post is near 0, not log(300 / 30)
    local same = posts_of(PERSON, 330, 6)
    local c = discriminator.train(discriminator.examples(table.move(same, 1, 300, 1, {})),
      discriminator.examples(table.move(same, 301, 330, 1, {})), numbers(7))
    local sum, unseen = 0, posts_of(PERSON, 100, 8)
    for _, post in ipairs(unseen) do sum = sum + c:score(post) end
    assert.is_true(math.abs(sum / #unseen) < 0.7, 'mean log-odds ' .. sum / #unseen)
  end)

  it('trains the same classifier from the same numbers', function()
    local real = discriminator.examples(posts_of(PERSON, 50, 9))
    local fake = discriminator.examples(posts_of(MODEL, 50, 10))
    local a = discriminator.train(real, fake, numbers(11))
    local b = discriminator.train(real, fake, numbers(11))
    for _, post in ipairs({ 'the people', 'better roads tonight', 'déjà vu 😀', '' }) do
      assert.are.equal(a:score(post), b:score(post))
    end
  end)
end)
