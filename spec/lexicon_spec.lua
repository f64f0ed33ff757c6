-- Drawing only the person's words: model:generate{ lexicon = true } over the words of the
-- phrasing cache's posts (csrc/lexicon.c), and tweeter.generate's default and --any-words.
local core = require 'tweeter.core'
local generate = require 'tweeter.generate'
local helper = require 'helper'

local POSTS = { 'Bad cafe #fed', 'a bed @dad', 'feed the cab', 'head ache', 'a cab #fad',
  'deface bad beef', 'the dead ebb', 'each fee @bee' }
local VOCAB = 'abcdefghtBF#@ '

-- The words and names of a text by the definition in lexicon.h, for ASCII text: a word is a
-- run of letters after the start or a space; a name is the run of letters after an @ or a #
-- that no letter, digit or _ precedes (an address's @ starts none).
local function words_of(text)
  local found = {}
  for before, run in text:gmatch('()(%a+)') do
    local prev, prev2 = text:sub(before - 1, before - 1), text:sub(before - 2, before - 2)
    if prev == '' or prev == ' ' then
      found[#found + 1] = run:lower()
    elseif (prev == '@' or prev == '#') and not prev2:match('[%w_]') then
      found[#found + 1] = prev .. run:lower()
    end
  end
  return found
end

local function set_of(posts)
  local set = {}
  for _, p in ipairs(posts) do
    for _, w in ipairs(words_of(p)) do set[w] = true end
  end
  return set
end

-- A model that has seen the posts only 20 steps: at temperature 1.5 it writes mostly other words.
local function model_with_cache()
  local m = helper.trained_model({ embed = 8, hidden = 16, layers = 1, seed = 3, vocab = VOCAB }, POSTS)
  m:set_ngram(POSTS, 3, 0)
  return m
end

-- The words of the posts the set lacks; a post cut at max_length may end inside a word.
local function strangers(posts, known, max_length)
  local out = {}
  for _, p in ipairs(posts) do
    local found = words_of(p)
    if max_length and utf8.len(p) >= max_length and p:match('%a$') then found[#found] = nil end
    for _, w in ipairs(found) do
      if not known[w] then out[#out + 1] = w end
    end
  end
  return out
end

describe('the lexicon', function()
  local m = model_with_cache()
  local known = set_of(POSTS)

  it('draws only words, handles and hashtags of the cached posts, in any case', function()
    local free = m:generate{ n = 60, seed = 5, temperature = 1.5, max_length = 40 }
    local kept = m:generate{ n = 60, seed = 5, temperature = 1.5, max_length = 40, lexicon = true }
    -- without it this model writes other words: the check below could fail
    assert.is_true(#strangers(free, known) > 20)
    assert.are.same({}, strangers(kept, known, 40))
    local capitals = 0
    for _, p in ipairs(kept) do
      if p:find('%f[%a]B') or p:find('%f[%a]F') then capitals = capitals + 1 end
    end
    assert.is_true(capitals > 0, 'Bad and Feed are words of the posts however they are written')
  end)

  it('ends a post only after a whole word', function()
    local kept = m:generate{ n = 80, seed = 8, temperature = 1.5, max_length = 40, lexicon = true }
    for _, p in ipairs(kept) do
      local found = words_of(p)
      if p:match('%a$') and #p < 40 and #found > 0 and p:lower():sub(-#found[#found]:gsub('^[@#]', '')) ==
          found[#found]:gsub('^[@#]', '') then
        assert.is_true(known[found[#found]], ('%q ends inside a word'):format(p))
      end
    end
  end)

  it('leaves a prime ending in no word of the lexicon as it is, and what follows it free', function()
    local posts = m:generate{ n = 5, seed = 2, prime = 'zz', lexicon = true, max_length = 20 }
    assert.are.equal(5, #posts)
    for _, p in ipairs(posts) do assert.are.equal('zz', p:sub(1, 2)) end
  end)

  it('follows the cache: a new one gives new words, none refuses the option', function()
    m:set_ngram({ 'dead beef', 'feed the bee' }, 3, 0)
    local only = set_of({ 'dead beef', 'feed the bee' })
    assert.are.same({}, strangers(m:generate{ n = 40, seed = 3, temperature = 1.5, max_length = 30,
      lexicon = true }, only, 30))
    local bare = helper.trained_model({ embed = 8, hidden = 16, layers = 1, seed = 3, vocab = VOCAB }, POSTS)
    assert.error_matches(function() bare:generate{ lexicon = true } end, 'lexicon: the model has no phrasing cache')
    assert.error_matches(function() bare:generate{ lexicon = 1 } end, 'lexicon')
  end)

  it('is kept with the cache in the model file and in a copy', function()
    local path = helper.tmpdir() .. '/m.twm'
    assert(m:save(path))
    local loaded = assert(core.load(path))
    local a = m:generate{ n = 10, seed = 4, temperature = 1.5, lexicon = true }
    assert.are.same(a, loaded:generate{ n = 10, seed = 4, temperature = 1.5, lexicon = true })
    assert.are.same(a, m:copy():generate{ n = 10, seed = 4, temperature = 1.5, lexicon = true })
  end)

  it('is tweeter.generate\'s default where the model has a cache; any_words and plain turn it off', function()
    local fresh = model_with_cache()
    local opts = { n = 40, seed = 6, temperature = 1.5, max_length = 40, allow_copies = true }
    local default = assert(generate.posts(fresh, opts))
    assert.are.same({}, strangers(default, known, 40))
    opts.any_words = true
    assert.is_true(#strangers(assert(generate.posts(fresh, opts)), known) > 0)
    opts.any_words, opts.plain = nil, true
    assert.is_true(#strangers(assert(generate.posts(fresh, opts)), known) > 0)
  end)

  it('reaches the command line: --any-words', function()
    local fresh = model_with_cache()
    local path = helper.tmpdir() .. '/m.twm'
    assert(fresh:save(path))
    local args = { 'generate', path, '-n', '30', '--seed', '4', '--temperature', '1.5', '--allow-copies' }
    local code, out = helper.tweeter(args)
    assert.are.equal(0, code)
    local posts = {}
    for line in out:gmatch('[^\n]+') do posts[#posts + 1] = line end
    assert.are.same({}, strangers(posts, known))
    args[#args + 1] = '--any-words'
    local _, free = helper.tweeter(args)
    assert.are_not.equal(out, free)
  end)
end)
