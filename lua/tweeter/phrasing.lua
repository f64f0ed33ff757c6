--- The phrasing cache a trained model keeps (`model:set_ngram`, docs/core-api.md): a
-- character n-gram of the person's training posts, mixed into what the model generates. Its
-- weight is fitted on the validation posts, as the one that gives the model the fewest bits:
-- a cache counted from a few hundred posts earns less than one from thousands.
-- @module tweeter.phrasing
local core = require('tweeter.core')

local M = {}

-- The cache's order, its weight where no posts fit one, and the weights tried (docs/sweeps.md:
-- above 0.1 the bits still fall, but the posts grow too alike and easier to tell from the
-- person's).
M.ORDER, M.WEIGHT = 5, 0.1
M.WEIGHTS = { 0, 0.05, 0.1 }

--- Gives the model a cache of the posts, weighted `WEIGHT`; a model with more posts than a
-- cache counts is left with none.
-- @param model a tweeter.Model
-- @tparam table posts the person's training posts
-- @treturn boolean whether the model has a cache
function M.set(model, posts)
  if model:set_ngram(posts, M.ORDER, M.WEIGHT) then return true end
  model:set_ngram({}, M.ORDER)
  return false
end

--- The weight of `WEIGHTS` that gives the model, mixed with its cache, the fewest bits on
-- the posts.
-- @param model a tweeter.Model with a cache
-- @tparam table posts held-out posts (at least one)
-- @treturn number
function M.best_weight(model, posts)
  local nats = model:mixture_nats(posts, M.WEIGHTS)
  local best = 1
  for k = 2, #nats do if nats[k] < nats[best] then best = k end end
  return M.WEIGHTS[best]
end

--- Fits the weight of the cache of the model file at `path` on the posts and writes it there.
-- @tparam string path a model file
-- @tparam table posts held-out posts
-- @tparam[opt] table save_opts `model:save`'s options
-- @return the weight, `false` when the file has no cache, or nil and a message
function M.fit_file(path, posts, save_opts)
  local model, err = core.load(path)
  if not model then return nil, err end
  if not model:ngram() then return false end
  local weight = M.best_weight(model, posts)
  model:set_ngram_weight(weight)
  local ok, serr = model:save(path, save_opts)
  if not ok then return nil, serr end
  return weight
end

return M
