-- Writes the model-file seeds of fuzz/corpus/model_file/ with the built core (run from the
-- checkout after `make`): lua5.4 fuzz/make_corpus.lua. The *-v1.twm and *-v2.twm seeds are
-- the same models in format versions 1 and 2, written by older cores, kept so that those
-- versions' paths are fuzzed.
package.cpath = 'build/?.so;' .. package.cpath
local core = require 'tweeter.core'

local dir = 'fuzz/corpus/model_file/'

-- the smallest model: one layer, two characters, no optimizer state
local m = core.model { embed = 2, hidden = 3, layers = 1, vocab = 'ab', seed = 1 }
assert(m:save(dir .. 'tiny.twm'))
assert(m:save(dir .. 'tiny-half.twm', { half = true }))

-- two layers, multi-byte characters, trained one step (optimizer moments, carried state,
-- history), remembering two posts for the copy guard (SEEN)
local t = core.model { embed = 2, hidden = 2, layers = 2, vocab = 'aé😀\n', seed = 2 }
local batch = t:encode({ 'aé😀a', 'éa' }):batches(2, 3, { wrap = true })
batch:next()
t:train_step(batch)
t:add_history(1, 1.5, 1.25)
t:add_history(2, 1.25)
assert(t:remember { 'the café 😀 is open from nine to five, every day but Sunday',
  'a post too short to remember' } == 19)
assert(t:save(dir .. 'trained.twm'))

-- the GRU, trained one step, so that its CELL name and its one-vector carried state are fuzzed
local g = core.model { cell = 'gru', embed = 2, hidden = 2, layers = 2, vocab = 'ab€', seed = 3 }
batch = g:encode({ 'ab€a', 'ba' }):batches(2, 3, { wrap = true })
batch:next()
g:train_step(batch)
g:add_history(1, 1.5)
assert(g:save(dir .. 'gru.twm'))
