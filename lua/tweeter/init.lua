--- tweeter: learn how a person writes and generate posts in their voice.
--
--     local tweeter = require 'tweeter'
--     local summary = assert(tweeter.train{ data = 'posts/me.jsonl', model = 'me.twm',
--                                           from = tweeter.base_model(), steps = 300 })
--     local model = assert(tweeter.load('me.twm'))
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

--- The version of the Lua modules (`tweeter.cli.VERSION` reads it from here; the C core says
-- its own, `core._VERSION`).
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

-- Where the shipped base model lies relative to this file: in a checkout
-- (ROOT/lua/tweeter/init.lua -> ROOT/models/base.twm), installed by make install
-- (PREFIX/share/lua/5.4/tweeter/init.lua -> PREFIX/share/tweeter/base.twm) and by the
-- rockspec (beside this file).
local BASE_PLACES = { '../../models/base.twm', '../../../tweeter/base.twm', 'base.twm' }

--- The path of the base model shipped with tweeter (what `tweeter train --from base` uses):
-- `TWEETER_BASE_MODEL` from the environment when set, else `models/base.twm` of the checkout
-- this module was loaded from, else `share/tweeter/base.twm` of the installation
-- (`make install`), else `base.twm` beside this module (the rockspec).
-- @treturn string|nil path
-- @treturn[opt] string message naming the places looked in
function M.base_model()
  local env = os.getenv('TWEETER_BASE_MODEL')
  if env and env ~= '' then
    if core.file_kind(env) == 'file' then return env end
    return nil, ('base model %s (from TWEETER_BASE_MODEL) does not exist'):format(env)
  end
  local here = debug.getinfo(1, 'S').source:match('^@(.*)/[^/]*$') or '.'
  local tried = {}
  for k, rel in ipairs(BASE_PLACES) do
    local dir = here
    -- drop a folder for each leading ../ (while there is one to drop) for a readable path
    while rel:sub(1, 3) == '../' and dir:match('/[^/]+$') and not dir:match('/%.%.$') do
      dir, rel = dir:match('^(.*)/[^/]+$'), rel:sub(4)
    end
    local path = (dir == '' and '/' or dir .. '/') .. rel
    if core.file_kind(path) == 'file' then return path end
    tried[k] = path
  end
  return nil, ('no base model found (looked for %s; set TWEETER_BASE_MODEL to its path)'):format(
    table.concat(tried, ' and '))
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
-- @treturn table stats `{ dropped=, generated=, rounds=, requested=, guard= }`
function M.generate(model, opts)
  return require('tweeter.generate').posts(model, opts)
end

--- Plays "which is real?" with a model's posts and the person's (see `tweeter.quiz.run`).
-- @param model a tweeter.Model
-- @tparam table opts `real` (required), `n`, `seed`, `input`, `output`
-- @return result table, or `nil, message`
function M.quiz(model, opts)
  return require('tweeter.quiz').run(model, opts)
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
  -- the lazy modules are fields too, for whatever lists them (the REPL's help, Tab completion)
  __pairs = function(t)
    local keys = {}
    for k in next, t do keys[#keys + 1] = k end
    for k in pairs(LAZY) do
      if rawget(t, k) == nil then keys[#keys + 1] = k end
    end
    local i = 0
    return function()
      i = i + 1
      local k = keys[i]
      if k ~= nil then return k, t[k] end
    end, t, nil
  end,
})
