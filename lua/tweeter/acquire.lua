--- The model a training run (`tweeter.train.run`) trains, and the batch shape it trains at.
--
--     local got = assert(acquire.model(opts, posts, { checkpoint = 'me.twm.ckpt' }))
--     print(got.how, got.batch, got.seq)
--
-- With `from`, a copy of the base model is made, its vocabulary grown with the characters
-- of the data it lacks, and it is fine-tuned (the model file must not exist yet). Without
-- `from`, an existing model file is trained further: from `MODEL.ckpt` when that holds as
-- many steps or more (resuming exactly: weights, optimizer moments, step count, learning
-- rate, RNG and data cursor come back), else from the model file, whose optimizer starts
-- afresh; new characters in the data are added to its vocabulary. Otherwise a new model is
-- made with `cell`, `embed`, `hidden`, `layers`, `dropout`, `seed` and the characters of the
-- data. In every case a model that would not fit in the memory left is refused before it is
-- trained.
-- @module tweeter.acquire
local core = require('tweeter.core')
local files = require('tweeter.files')
local corpus = require('tweeter.corpus')
local history = require('tweeter.history')
local options = require('tweeter.options')

local M = {}

-- B and T of a run: a model trained further keeps the batch shape its data cursor counts in,
-- unless told otherwise (under a new shape the old cursor means nothing: the data starts over).
local function batch_shape(opts, d, further, info)
  return opts.batch or (further and info.batch) or d.batch, opts.seq or (further and info.seq) or d.seq
end

local function gigabytes(bytes)
  return bytes < 1e10 and ('%.1f GB'):format(bytes / 1e9) or ('%.0f GB'):format(bytes / 1e9)
end

-- true, or nil and a message when training a model of `config` at B x T on this process's
-- share of the streams would take more memory than the machine has left: found before
-- anything that size is allocated, where running out would end the run half way.
local function check_memory(config, ranks, B, T)
  local need = core.training_bytes(config, math.max(1, B // ranks), T)
  local have = core.memory_available()
  if need <= have then return true end
  return nil, ('not enough memory for batch %d × seq %d at hidden %d: about %s (%s available); '
    .. 'give a smaller --batch or --seq'):format(B, T, config.hidden, gigabytes(need), gigabytes(have))
end

-- A checkpoint resumes its model only when it is a later state of that model: the same
-- architecture, and the model's characters first in its vocabulary (training only adds).
local function check_checkpoint(c, ckpt, file_model, path)
  local mine, theirs = file_model:config(), c:config()
  for _, k in ipairs({ 'cell', 'embed', 'hidden', 'layers' }) do
    if mine[k] ~= theirs[k] then
      return nil, ('checkpoint %s does not match model %s (%s %s, the model\'s %s); move or '
        .. 'delete the checkpoint to train the model from its own state'):format(ckpt, path, k,
        tostring(theirs[k]), tostring(mine[k]))
    end
  end
  local vocab = file_model:vocab()
  if c:vocab():sub(1, #vocab) ~= vocab then
    return nil, ('checkpoint %s does not match model %s (another vocabulary); move or delete '
      .. 'the checkpoint to train the model from its own state'):format(ckpt, path)
  end
  return true
end

-- The acquired model, grown with the characters of the posts it lacks, once it is known to
-- fit: the result `model` returns, or nil and a message.
local function grown(got, opts, posts, ranks, d)
  local model = got.model
  -- the posts joined with no separator: one would count as a character
  got.added = model:extend_vocab(model:missing_chars(table.concat(posts)))
  got.batch, got.seq = batch_shape(opts, d, got.how ~= 'finetune', model:info())
  local fits, why = check_memory(model:config(), ranks, got.batch, got.seq)
  if not fits then return nil, why end
  if opts.lr then model:set_lr(opts.lr) end
  local layers = model:config().layers
  if (opts.freeze or 0) > layers then
    return nil, ('cannot freeze %d layers: the model has %d'):format(opts.freeze, layers)
  end
  model:freeze(opts.freeze or 0)
  return got
end

-- The base model's copy to fine-tune; a learning rate given none comes once the data is split.
local function finetune(opts, posts, ranks, d, exists)
  if exists then
    return nil, ("model %s already exists; to keep training it, leave out --from"):format(opts.model)
  end
  local base, err = core.load(opts.from)
  if not base then return nil, ('cannot load base model %s: %s'):format(opts.from, err) end
  local model = base:copy()
  model:reset_state() -- new data: zero recurrent state, data cursor back to the start
  local got, why = grown({ model = model, how = 'finetune' }, opts, posts, ranks, d)
  if got then history.mark_finetune(model) end
  return got, why
end

-- The model file, or its checkpoint when that is a later state of it: a table as `model`
-- returns, false when neither exists, or nil and a message.
local function further(opts, posts, ranks, d, exists, ckpt)
  local got = false
  if exists then
    local file_model, err = core.load(opts.model)
    if not file_model then return nil, ('cannot load model %s: %s'):format(opts.model, err) end
    got = { model = file_model, how = 'continue', file_model = file_model }
  end
  if files.kind(ckpt) ~= nil then
    local c, err = core.load(ckpt)
    if not c then return nil, ('cannot load checkpoint %s: %s (delete it to start from %s)'):format(
      ckpt, err, exists and opts.model or 'scratch') end
    local file_model = got and got.file_model or nil
    if not file_model or c:steps() >= file_model:steps() then
      if file_model then
        local matches, why = check_checkpoint(c, ckpt, file_model, opts.model)
        if not matches then return nil, why end
      end
      got = { model = c, how = 'resume', file_model = file_model }
    end
  end
  if not got then return false end
  local info = got.model:config()
  for _, k in ipairs({ 'cell', 'embed', 'hidden', 'layers', 'dropout' }) do
    if opts[k] ~= nil and opts[k] ~= info[k] and not (k == 'dropout' and math.abs(opts[k] - info[k]) < 1e-6) then
      return nil, ("option %s=%s does not match the existing model's %s=%s (%s); the "
        .. 'architecture is fixed when a model is made'):format(k, tostring(opts[k]), k,
        tostring(info[k]), got.how == 'resume' and ckpt or opts.model)
    end
  end
  return grown(got, opts, posts, ranks, d)
end

-- A new model of the options' architecture and the posts' characters.
local function new(opts, posts, ranks, d)
  local config = {
    cell = opts.cell or d.cell, embed = opts.embed or d.embed, hidden = opts.hidden or d.hidden,
    layers = opts.layers or d.layers,
    dropout = opts.dropout or d.dropout, seed = opts.seed or d.seed, vocab = corpus.vocab_of(posts),
  }
  -- sized as model:config() will give it: the characters, end-of-post and unknown
  local sized = setmetatable({ vocab_size = (utf8.len(config.vocab) or #config.vocab) + 2 }, { __index = config })
  local B, T = batch_shape(opts, d, false)
  local fits, why = check_memory(sized, ranks, B, T)
  if not fits then return nil, why end
  local model = core.model(config)
  model:set_lr(opts.lr or d.lr)
  return { model = model, how = 'new', added = 0, batch = B, seq = T }
end

--- The model to train.
-- @tparam table opts `tweeter.train.run`'s options (`model`, `from`, the architecture, `batch`,
--  `seq`, `lr`)
-- @tparam table posts the training file's posts (for the vocabulary)
-- @tparam table run `checkpoint` (path of MODEL.ckpt, required), `writes` (false: only read,
--  as data-parallel ranks other than 0 do; default true), `ranks` (processes sharing the
--  batch, default 1), `defaults` (default `tweeter.options.defaults('train')`)
-- @treturn table|nil `model`, `how` ('new', 'finetune', 'continue', 'resume': from the
--  checkpoint), `file_model` (the model file's model when it exists, else nil), `added`
--  (characters added to the vocabulary), `batch` and `seq` (the shape the memory was checked
--  for)
-- @treturn[opt] string message for a user error
function M.model(opts, posts, run)
  local d = run.defaults or options.defaults('train')
  local ranks = run.ranks or 1
  local exists = files.kind(opts.model) ~= nil
  local dir = opts.model:match('^(.*)/[^/]*$')
  if run.writes ~= false and not exists and dir and dir ~= '' and files.kind(dir) ~= 'directory' then
    -- found before training, not when the first save fails
    return nil, ('cannot create model %s: folder %s does not exist'):format(opts.model, dir)
  end
  if opts.from then return finetune(opts, posts, ranks, d, exists) end
  local got, why = further(opts, posts, ranks, d, exists, run.checkpoint)
  if got == false then return new(opts, posts, ranks, d) end
  return got, why
end

return M
