--- How well a model predicts a posts file, in bits per character.
--
--     local r = assert(require('tweeter.evaluate').file(model, 'posts/held_out.txt'))
--     print(r.bpc, r.posts, r.chars)
--
-- Every character of every post and each post's end is predicted once (a non-wrapping pass
-- of the core's batches); `chars` counts those predictions, so `bpc = nats / chars / ln 2`.
-- Characters the model has never seen are predicted as the unknown token and counted in
-- `unknown`.
-- @module tweeter.evaluate
local core = require('tweeter.core')
local corpus = require('tweeter.corpus')

local M = {}

--- ln 2: a loss in nats divided by it is in bits.
M.LN2 = math.log(2)

--- Batch shape used for evaluation.
M.BATCH, M.SEQ = 32, 128

--- Evaluates a model on a list of posts.
-- @param model a tweeter.Model
-- @tparam table posts array of strings (at least one)
-- @treturn table `{ bpc=, nats=, chars=, posts=, unknown=, invalid= }`
function M.posts(model, posts)
  if type(posts) ~= 'table' or #posts == 0 then
    error("bad argument #2 to 'posts' (non-empty array of posts expected)", 2)
  end
  local data = model:encode(posts)
  local batch = data:batches(M.BATCH, M.SEQ, { wrap = false })
  local nats, count = 0, 0
  while batch:next() do
    local l, c = model:evaluate(batch)
    nats, count = nats + l, count + c
  end
  return {
    bpc = count > 0 and nats / count / M.LN2 or 0, nats = nats, chars = count, posts = #posts,
    unknown = data:unknown(), invalid = data:invalid(),
  }
end

--- Evaluates a model on a posts file.
-- @param model a tweeter.Model, or the path of a model file
-- @tparam string path posts file (plain text or JSON Lines)
-- @treturn table|nil as for `posts`
-- @treturn[opt] string message (unreadable model or posts file, no posts)
function M.file(model, path)
  if type(model) == 'string' then
    local m, err = core.load(model)
    if not m then return nil, ('cannot load model %s: %s'):format(model, err) end
    model = m
  elseif type(model) ~= 'userdata' and type(model) ~= 'table' then
    error(("bad argument #1 to 'file' (tweeter.Model or path expected, got %s)"):format(type(model)), 2)
  end
  if type(path) ~= 'string' then
    error(("bad argument #2 to 'file' (string expected, got %s)"):format(type(path)), 2)
  end
  local posts, err = corpus.read(path)
  if not posts then return nil, err end
  return M.posts(model, posts)
end

return M
