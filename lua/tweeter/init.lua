--- tweeter: learn how a person writes and generate posts in their voice.
--
--     local tweeter = require 'tweeter'
--     local summary = assert(tweeter.train{ data = 'posts/me.jsonl', model = 'me.tw', steps = 2000 })
--     local model = assert(tweeter.load('me.tw'))
--     for _, post in ipairs(tweeter.generate(model, { n = 5, temperature = 0.8 })) do print(post) end
--
-- `tweeter.core` is the C module (see `docs/core-api.md`); the workflow modules
-- (`tweeter.train`, `tweeter.generate`, `tweeter.evaluate`, `tweeter.corpus`, and the
-- sources `tweeter.fetch`, `tweeter.import`, `tweeter.clean`, `tweeter.posts`) are loaded
-- when first used.
-- @module tweeter
local core = require('tweeter.core')
local corpus = require('tweeter.corpus')

local M = {}

M._VERSION = 'tweeter 0.1.0'

--- The C module.
M.core = core

--- Creates a new, untrained model.
-- @tparam table cfg `embed`, `hidden`, `layers`, `dropout`, `seed`, `vocab` (a string of the
-- model's characters); omitted fields take the core's defaults
-- @return tweeter.Model
function M.new_model(cfg)
  if cfg ~= nil and type(cfg) ~= 'table' then
    error(("bad argument #1 to 'new_model' (table expected, got %s)"):format(type(cfg)), 2)
  end
  return core.model(cfg or {})
end

--- Loads a model file.
-- @tparam string path
-- @return tweeter.Model, or `nil, message`
function M.load(path)
  return core.load(path)
end

--- The characters of a list of posts, in code point order (a `vocab` for `new_model`).
-- @function vocab_of
M.vocab_of = corpus.vocab_of

--- Trains a model on a posts file (see `tweeter.train.run`).
-- @tparam table opts
-- @return summary table, or `nil, message`
function M.train(opts)
  return require('tweeter.train').run(opts)
end

--- Generates posts (see `tweeter.generate.posts`).
-- @param model a tweeter.Model
-- @tparam[opt] table opts
-- @treturn table posts
-- @treturn table stats `{ dropped=, generated=, rounds= }`
function M.generate(model, opts)
  return require('tweeter.generate').posts(model, opts)
end

--- Bits per character of a model on a posts file (see `tweeter.evaluate.file`).
-- @param model a tweeter.Model or a model path
-- @tparam string path posts file
-- @return `{ bpc=, posts=, chars=, nats= }`, or `nil, message`
function M.evaluate(model, path)
  return require('tweeter.evaluate').file(model, path)
end

--- Fetches an account's posts from a service (see `tweeter.fetch.fetch`).
-- @tparam string handle
-- @tparam[opt] table opts
-- @return posts, or `nil, message`
function M.fetch(handle, opts)
  return require('tweeter.fetch').fetch(handle, opts)
end

--- Reads posts from a file or a Twitter archive (see `tweeter.import.read`).
-- @tparam string path
-- @return posts, or `nil, message`
function M.import(path, opts)
  return require('tweeter.import').read(path, opts)
end

-- Modules reachable as fields, loaded on first use (tweeter.clean.posts, tweeter.posts.load…).
local LAZY = { corpus = 'tweeter.corpus', clean = 'tweeter.clean', posts = 'tweeter.posts' }

return setmetatable(M, {
  __index = function(_, key)
    local name = LAZY[key]
    if name then return require(name) end
    return nil
  end,
})
