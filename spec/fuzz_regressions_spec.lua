-- Regressions for what the fuzzers (fuzz/) and the sanitizer build (make sanitize) found.
-- Each case says which target found it and which commit fixed it; the raw fuzzer inputs are
-- kept in fuzz/corpus/<target>/regress-* so the fuzzers replay them too.
local core = require('tweeter.core')

-- `m` with some of its weights replaced in memory: `patch(block, i)` returns the new value
-- of weight i of the block, or nil to keep it. (A model file holding such weights is refused
-- by core.load; the sampling path must still survive them.)
local function patched(m, patch)
  local blocks = { 'embedding', 'output', 'output_bias' }
  for l = 1, m:info().layers do
    blocks[#blocks + 1] = 'w' .. l
    blocks[#blocks + 1] = 'b' .. l
  end
  for _, block in ipairs(blocks) do
    for i = 1, m:block_size(block) do
      local v = patch(block, i)
      if v then m:param(block, i, v) end
    end
  end
  return m
end

local NAN = 0 / 0

describe('fuzz regressions', function()
  -- fuzz/sample.c, input fuzz/corpus/sample/regress-nan-logits: NaN logits made every
  -- probability NaN, so the draw fell through to whatever token the heap left last (the
  -- unknown token, written out as U+0000) or to a banned end-of-post token. Fixed in
  -- csrc/sample.c: a NaN logit is never drawn, and the fallback respects the ban.
  it('a model whose output bias holds NaN never writes the unknown token or an empty post', function()
    local m = core.model { vocab = 'abcdefgh', embed = 3, hidden = 4, layers = 1, seed = 4 }
    -- NaN in the output bias for half of the characters
    local nan_model = patched(m, function(block, i)
      if block == 'output_bias' and i % 2 == 0 then return NAN end
    end)
    for _, opts in ipairs({ { top_p = 0.9 }, { top_k = 3 }, {}, { temperature = 0 } }) do
      opts.n, opts.max_length, opts.seed = 40, 30, 7
      for _, post in ipairs(nan_model:generate(opts)) do
        assert.is_nil(post:find('\0', 1, true), 'unknown token written out')
        assert.is_true(#post > 0, 'a banned end-of-post token was drawn first')
      end
    end
  end)

  -- fuzz/model_file.c, input fuzz/corpus/model_file/regress-nan-weights: with NaN weights,
  -- tw_exp (csrc/fastmath.h) converted NaN to int32_t, which is undefined behaviour (UBSan
  -- float-cast-overflow under make sanitize); and every logit being NaN, sampling returned
  -- the banned end-of-post token as the first character. Fixed in csrc/fastmath.h (NaN stays
  -- NaN without the cast) and csrc/sample.c (the fallback is the first allowed token).
  it('a model of NaN weights generates without undefined behaviour', function()
    local m = core.model { vocab = 'xyz', embed = 2, hidden = 3, layers = 2, seed = 1 }
    local nan_model = patched(m, function() return NAN end)
    local posts = nan_model:generate { n = 5, max_length = 20, seed = 1 }
    assert.are.equal(5, #posts)
    for _, post in ipairs(posts) do
      -- no logit can be drawn: the first token that may be is the first character, and
      -- after it the end of the post
      assert.are.equal('x', post)
    end
    -- and training on it does not crash either (the loss is NaN, which is what it is)
    local batch = nan_model:encode({ 'xyz', 'zyx' }):batches(2, 3, { wrap = true })
    batch:next()
    local loss = nan_model:train_step(batch)
    assert.is_true(loss ~= loss)
  end)

  -- make sanitize (UBSan, misaligned store): model:generate kept its size_t lengths after
  -- arrays of 4-byte values in its scratch block, misaligned for some n, max_length and prime
  -- lengths. Fixed in the scratch layout, now csrc/generate.c (the lengths come first). Only
  -- the sanitizer build can see the fault; the combinations below are ones that were misaligned.
  it('generates with odd and even n, max_length and prime lengths', function()
    local m = core.model { vocab = 'abc', embed = 2, hidden = 4, layers = 1, seed = 2 }
    for _, n in ipairs({ 1, 2, 3 }) do
      for _, max_length in ipairs({ 5, 6, 7 }) do
        for _, prime in ipairs({ '', 'a', 'ab' }) do
          local posts = m:generate { n = n, max_length = max_length, prime = prime, seed = 3 }
          assert.are.equal(n, #posts)
          for _, p in ipairs(posts) do
            assert.are.equal(prime, p:sub(1, #prime))
            assert.is_true(utf8.len(p) <= max_length)
          end
        end
      end
    end
  end)

  -- fuzz/lua_parsers.c, input fuzz/corpus/lua_parsers/regress-bare-json-value: an X user
  -- lookup answered with the JSON text `false` made fetch.twitter return nil without a
  -- message (the decoded value was taken for a failure). Fixed in lua/tweeter/fetch.lua: a
  -- body that is not a JSON object or array is an error with a message.
  it('reports a bare JSON value from an API as an error with a message', function()
    local fetch = require('tweeter.fetch')
    local real_http, real_getenv = core.http, fetch.getenv
    local served = 0
    core.http = function()
      return { get = function() served = served + 1; return 200, ' false', {} end, close = function() end }
    end
    fetch.getenv = function() return 'a-token' end
    local ok, list, err = pcall(fetch.twitter, 'baker', { api_base = 'http://127.0.0.1:9', retries = 0 })
    core.http, fetch.getenv = real_http, real_getenv
    assert.is_true(ok, list)
    assert.is_nil(list)
    assert.are.equal('X API user lookup returned JSON that is not an object or an array (http 200)', err)
    assert.is_true(served >= 1)
  end)
end)
