--- The training loop: posts file in, model file out.
--
--     local train = require 'tweeter.train'
--     local s = assert(train.run{ data = 'posts/me.jsonl', model = 'me.twm', epochs = 10 })
--     print(s.best_valid_bpc, s.model, s.svg)
--
-- **Where the model comes from.** With `from`, a copy of the base model is made, its
-- vocabulary grown with the characters of the data it lacks, and it is fine-tuned (the model
-- file must not exist yet). Without `from`, an existing model file is trained further: from
-- `MODEL.ckpt` when that holds as many steps or more (resuming exactly: weights, optimizer
-- moments, step count, learning rate, RNG and data cursor come back), else from the model
-- file, whose optimizer starts afresh (the run says so); new characters in the data are
-- added to its vocabulary. Otherwise a new model is made with `embed`, `hidden`, `layers`,
-- `dropout`, `seed` and the characters of the data.
--
-- **Validation.** The posts are split by `tweeter.corpus.split` with the model's seed, so
-- the split is the same every time the model is trained. Validation runs every
-- `valid_every` steps and at the end, over at most `max_valid_chars` characters of the
-- validation posts (file order), and is reported in bits per character (nats / ln 2).
--
-- **What the files hold at the end.** `MODEL` is the best model by validation loss seen so
-- far (a new best is saved as soon as it is found, so an interrupted run still leaves the
-- best one), its weights only, in float32 (float16 with `half`); `MODEL.ckpt` is the latest
-- state with the optimizer's moments and all a resume needs, written every
-- `checkpoint_every` steps, at the end and on Ctrl-C; `MODEL.svg` is the loss curve over the
-- model's whole history. With no validation posts (a file of one post) the latest state is
-- the best.
--
-- **Learning rate and early stopping.** With `schedule = 'plateau'` (the default) each
-- validation that does not improve on the best multiplies the learning rate by `lr_decay`
-- (default 0.5; 1 turns decay off), down to `min_lr`. With `schedule = 'cosine'` the rate
-- falls from the run's first rate to `min_lr` along a half cosine over the run's steps, the
-- same for every run of that length whatever validation says; a resumed run falls from the
-- rate it stopped at over its remaining steps. After `patience` validations in a row
-- without improvement (default 5; 0 turns it off) training stops early. The count of such
-- validations is read back from the model's history, so it carries across resumed runs; a
-- fine-tuned model's count starts at its fine-tune (the base's validations were on other posts).
--
-- **Mixing.** With `mix` (a posts file), generic posts make up `mix_share` (default 0.2) of
-- the training text, in bytes (`tweeter.corpus.mix`, chosen with the model's seed); validation
-- stays on the person's own posts. Characters of the mixed posts that the model lacks are
-- read as unknown: the vocabulary comes from the person's posts.
--
-- **The copy guard.** Every run, before the first save, has the model remember its
-- training posts (`model:remember`): the hashes of every 40-character window of the person's
-- training split, added to what the model remembered before (a fine-tune starts from the
-- base's set, a continued or resumed run from its own), never of the `mix` posts or the
-- validation posts. So every model file and checkpoint holds them, and `tweeter.generate`
-- drops posts that copy 40 or more characters of them. When they are more than the guard
-- holds (2^22 windows, far more than one person's archive: a base trained on generic posts),
-- the model forgets them all and the run goes on without the guard, saying so once.
--
-- **Interrupts.** SIGINT (Ctrl-C) and SIGTERM are caught for the length of the run and
-- polled after every step: the state is checkpointed and `run` returns a summary with
-- `interrupted = true`; running the same training again resumes it.
--
-- **Data-parallel training.** With `comm` (from `require('tweeter.mpi').init()`, under
-- `mpirun -np N`), each of the N ranks runs `run` with the same options. `batch` is the whole
-- batch: rank r takes streams r·B/N … (r+1)·B/N − 1 of the layout one process would use and
-- divides its gradients by the whole batch's characters, one in-place allreduce sums the
-- gradient slab, and every rank makes the same update, so N ranks train the same model as
-- one process (up to float rounding; with dropout the masks differ). Validation is shared
-- out and summed. Only rank 0 writes the model, the checkpoint and the SVG, with the
-- recurrent state of every stream, and only rank 0 reports progress. The ranks check that
-- they start from the same model and data, and stop together on an interrupt. A rank that
-- fails after training has started prints its message and ends the job (`comm:abort`), so
-- that no rank waits forever in a collective call.
-- @module tweeter.train
local core = require('tweeter.core')
local files = require 'tweeter.files'
local corpus = require('tweeter.corpus')
local progress_mod = require('tweeter.progress')
local svg = require('tweeter.svg')
local history_mod = require('tweeter.history')
local options = require('tweeter.options')
local threads_mod = require('tweeter.threads')

local M = {}

local LN2 = require('tweeter.evaluate').LN2

--- Defaults of `run`'s options: the declared ones (`tweeter.options`), and how a
-- fine-tune and validation are paced.
M.DEFAULTS = options.defaults('train')
M.DEFAULTS.finetune_lr, M.DEFAULTS.min_valid_every = 1e-3, 50
M.DEFAULTS.finetune_min_steps, M.DEFAULTS.finetune_max_steps = 300, 2000
M.DEFAULTS.finetune_full_lr_tokens, M.DEFAULTS.finetune_min_valid_every = 200000, 10

--- The learning rate of a fine-tune given none: `finetune_lr` from `finetune_full_lr_tokens`
-- training characters up, and below that lower with the square root of the data, down to
-- 0.3 of it. A small file is seen for many epochs within `finetune_min_steps`, and at the full
-- rate its validation is best after a few dozen steps and then only worse (measured with
-- `make quality`'s splits, held-out bpc: SenWarren's first 150 posts 2.282 at 1e-3, 2.265 at
-- 5e-4, 2.257 at 3e-4, base 2.372; kanyewest 2.128 at 1e-3, 2.113 at 3e-4; EmmaWatson 2.244
-- at 1e-3, 2.241 at 4e-4; SrBachchan, whose script the base hardly knows, 1.737 at 1e-3,
-- 1.746 at 5e-4; narendramodi, 121k characters, 1.759 both at 1e-3 and at 7.8e-4).
-- @tparam integer tokens training characters (with the end-of-post tokens)
-- @treturn number
function M.finetune_lr_for(tokens)
  local d = M.DEFAULTS
  return d.finetune_lr * math.max(0.3, math.min(1, math.sqrt(tokens / d.finetune_full_lr_tokens)))
end

-- The sample posts printed at each validation: short, a little conservative, and seeded by
-- the step so they draw nothing from the model's own random-number state (which dropout
-- uses, and a resumed run must continue exactly).
local SAMPLE_OPTS = { temperature = 0.8, max_length = 140 }

--- The share of posts held out for validation when the caller gives none: 5 %, or enough
-- for 30 validation posts on a small file (at most 20 %). Five per cent of 150 posts is 7
-- posts, too few to tell a better model from noise.
-- @tparam integer n posts in the file
-- @treturn number per cent
function M.valid_percent_for(n)
  return math.max(M.DEFAULTS.valid_percent, math.min(20, 100 * 30 / math.max(n, 1)))
end

local function file_exists(path)
  return files.kind(path) ~= nil
end

local function check_opts(opts)
  if type(opts) ~= 'table' then
    error(("bad argument #1 to 'run' (table expected, got %s)"):format(type(opts)), 3)
  end
  options.check('train', opts, 'run', 1, 3)
  if type(opts.data) ~= 'string' then error("bad option 'data' to 'run' (path expected)", 3) end
  if type(opts.model) ~= 'string' then error("bad option 'model' to 'run' (path expected)", 3) end
  if opts.steps and opts.epochs then error("options 'steps' and 'epochs' exclude each other", 3) end
end

-- All the posts' text, for vocabulary checks (no separator: it would count as a character).
local function all_text(posts)
  return table.concat(posts)
end

-- B and T of a run: a model trained further keeps the batch shape its data cursor counts in,
-- unless told otherwise (under a new shape the old cursor means nothing: the data starts over).
local function batch_shape(opts, further, info)
  local d = M.DEFAULTS
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

-- The model to train: (model, how, file_model_or_nil) or (nil, message).
-- how: 'new', 'finetune', 'continue', 'resume' (from the checkpoint).
-- Ranks other than 0 of data-parallel training only read (`writes` false).
local function acquire(opts, posts, ckpt, writes, ranks)
  local exists = file_exists(opts.model)
  local dir = opts.model:match('^(.*)/[^/]*$')
  if writes and not exists and dir and dir ~= '' and files.kind(dir) ~= 'directory' then
    -- found before training, not when the first save fails
    return nil, ('cannot create model %s: folder %s does not exist'):format(opts.model, dir)
  end
  if opts.from then
    if exists then
      return nil, ("model %s already exists; to keep training it, leave out --from"):format(opts.model)
    end
    local base, err = core.load(opts.from)
    if not base then return nil, ('cannot load base model %s: %s'):format(opts.from, err) end
    local model = base:copy()
    model:reset_state() -- new data: zero recurrent state, data cursor back to the start
    local added = model:extend_vocab(model:missing_chars(all_text(posts)))
    local fits, why = check_memory(model:config(), ranks, batch_shape(opts, false))
    if not fits then return nil, why end
    if opts.lr then model:set_lr(opts.lr) end -- else finetune_lr_for, once the data is split
    history_mod.mark_finetune(model)
    return model, 'finetune', nil, added
  end
  local arch = { 'cell', 'embed', 'hidden', 'layers', 'dropout' }
  local file_model, model, how
  if exists then
    local err
    file_model, err = core.load(opts.model)
    if not file_model then return nil, ('cannot load model %s: %s'):format(opts.model, err) end
    model, how = file_model, 'continue'
  end
  if file_exists(ckpt) then
    local c, err = core.load(ckpt)
    if not c then return nil, ('cannot load checkpoint %s: %s (delete it to start from %s)'):format(
      ckpt, err, exists and opts.model or 'scratch') end
    if not file_model or c:steps() >= file_model:steps() then
      if file_model then
        local matches, why = check_checkpoint(c, ckpt, file_model, opts.model)
        if not matches then return nil, why end
      end
      model, how = c, 'resume'
    end
  end
  if model then
    local info = model:config()
    for _, k in ipairs(arch) do
      if opts[k] ~= nil and opts[k] ~= info[k] and not (k == 'dropout' and math.abs(opts[k] - info[k]) < 1e-6) then
        return nil, ("option %s=%s does not match the existing model's %s=%s (%s); the "
          .. 'architecture is fixed when a model is made'):format(k, tostring(opts[k]), k,
          tostring(info[k]), how == 'resume' and ckpt or opts.model)
      end
    end
    local added = model:extend_vocab(model:missing_chars(all_text(posts)))
    local fits, why = check_memory(model:config(), ranks, batch_shape(opts, true, model:info()))
    if not fits then return nil, why end
    if opts.lr then model:set_lr(opts.lr) end
    return model, how, file_model, added
  end
  local d = M.DEFAULTS
  local config = {
    cell = opts.cell or d.cell, embed = opts.embed or d.embed, hidden = opts.hidden or d.hidden,
    layers = opts.layers or d.layers,
    dropout = opts.dropout or d.dropout, seed = opts.seed or d.seed, vocab = corpus.vocab_of(posts),
  }
  config.vocab_size = (utf8.len(config.vocab) or #config.vocab) + 2   -- with end-of-post and unknown
  local fits, why = check_memory(config, ranks, batch_shape(opts, false))
  if not fits then return nil, why end
  config.vocab_size = nil
  model = core.model(config)
  model:set_lr(opts.lr or d.lr)
  return model, 'new', nil, 0
end

-- How many validations came after the best one in a history, counting only those since
-- its fine-tune began: the base's were on other posts, which no fine-tune is measured by.
local function history_stale(history)
  history = history_mod.current(history)
  local best, stale = math.huge, 0
  for _, e in ipairs(history) do
    if e.valid then
      if e.valid < best then best, stale = e.valid, 0 else stale = stale + 1 end
    end
  end
  return stale
end

-- Mean loss (nats per predicted character) of a model over a non-wrapping batch; with a
-- communicator, over every rank's share of it.
local function validate(model, vbatch, comm)
  local nats, count = 0, 0
  while vbatch:next() do
    local l, c = model:evaluate(vbatch)
    nats, count = nats + l, count + c
  end
  if comm then nats, count = comm:sum(nats, count) end
  if count == 0 then return nil end
  return nats / count
end

-- The reporter for opts.progress: nil, a progress object, or a function wrapper. Told
-- neither way, a caller whose standard error is a terminal sees what the command shows.
local function make_reporter(opts, total)
  if opts.quiet then return nil end
  local p = opts.progress
  if p == nil then p = core.isatty(io.stderr) end
  if p == true then return progress_mod.new{ total = total } end
  if type(p) == 'table' then return p end
  if type(p) == 'function' then
    return {
      update = function(_, st) p('step', st) end,
      log = function(_, msg) p('log', msg) end,
      finish = function() end,
    }
  end
  return nil
end

-- Data-parallel set-up: every rank prepares on its own, and they start only together, so that
-- no rank waits in a collective call for one that gave up. Returns true, or nil and the
-- message this rank reports (nil on ranks other than 0 when rank 0 reports its own failure).
local function start_together(comm, ok, msg)
  if not comm then return ok, msg end
  local rank = comm:rank()
  local failed, root_failed = comm:sum(ok and 0 or 1, (rank == 0 and not ok) and 1 or 0)
  local first = comm:min(ok and math.huge or rank)
  if failed == 0 then return true end
  if root_failed > 0 then return nil, rank == 0 and msg or nil end
  if rank == 0 then
    return nil, ('rank %d of %d could not start training (%d ranks failed; its message is '
      .. 'above)'):format(math.tointeger(first), comm:size(), math.tointeger(failed))
  end
  return nil, not ok and ('rank %d: %s'):format(rank, msg) or nil
end

-- The ranks must start from the same model and the same data, or their updates would mix
-- different things: a message when they do not.
local function check_same(comm, model, train_tokens)
  local info = model:config()
  local mine = { model:steps(), info.params, info.vocab_size, train_tokens }
  local lo = { comm:min(table.unpack(mine)) }
  local hi = { comm:max(table.unpack(mine)) }
  for k, what in ipairs({ 'model steps', 'parameters', 'vocabulary sizes', 'training characters' }) do
    if lo[k] ~= hi[k] then
      return nil, ('the ranks do not see the same model and data (%s from %d to %d): every '
        .. 'machine needs the same --data, --model (and checkpoint) and --from files'):format(
        what, math.tointeger(lo[k]), math.tointeger(hi[k]))
    end
  end
  return true
end

--- Trains a model on a posts file.
-- @tparam table opts
--  `data` (posts file, required), `model` (model path, required), `from` (base model path),
--  `epochs` (default 10; a fine-tune without either runs 10 epochs, at least 300 steps and
--  at most 2000) or `steps` (steps in
--  this run), `embed`, `hidden`, `layers`,
--  `dropout`, `seed` (new models only), `batch` (32), `seq` (128), `lr` (2e-3 new,
--  `finetune_lr_for` fine-tuning: 1e-3, less on small files; else the model's own),
--  `schedule` ('plateau': each validation without improvement multiplies the rate by
--  `lr_decay`; or 'cosine': the rate falls to `min_lr` along a half cosine over the run),
--  `lr_decay` (0.5), `min_lr` (1e-5), `patience` (5: validations in a row without
--  improvement before training stops early; 0 never), `mix` (posts file mixed into the
--  training posts, making up `mix_share` of the training text in bytes), `mix_share` (0.2),
--  `valid_every` (default: 10 × validation batches, so validation costs a few per cent of
--  the time, and at least 50, or 10 for a fine-tune), `checkpoint_every` (1000), `valid_percent` (`valid_percent_for`: 5,
--  more on small files), `max_valid_chars` (262144), `threads` (OpenBLAS and oneDNN threads;
--  without it, or `OMP_NUM_THREADS`, the run measures every few seconds how many cores the
--  other processes leave free and uses that many, up to the count it started with:
--  `tweeter.threads`), `precision` ('auto': bf16 products
--  where the CPU has them, 'bf16', 'fp32'), `progress` (default: what the command shows,
--  when standard error is a terminal, else nothing; `true`: bar on a terminal or log lines
--  on stderr; `false`: nothing; a function `f(kind, x)` called with `('step', stats)` and
--  `('log', message)`; or a reporter object with `update`, `log`, `finish`; `stats.step` is
--  the model's own step count, as in the validation lines: a fine-tuned model's since its
--  fine-tune began), `quiet` (`true`: no progress, as `progress = false`), `samples` (2:
--  posts generated at each validation and logged as `sample: …` lines when there is a
--  reporter), `half` (save `model` with float16 weights, half the size; the checkpoint keeps
--  float32), `comm` (data-parallel training: a communicator from `tweeter.mpi`; see the
--  module's description). Unknown option names raise. A fine-tune appends a marker to the
--  history (`tweeter.history`), so the loss curve and `tweeter info` show the fine-tune itself.
-- @treturn table|nil summary: `steps` (the model's step count, a fine-tuned model's with
--  its base's), `finetune_steps` (a fine-tuned model's steps since its fine-tune began; nil
--  for a model not fine-tuned), `run_steps`, `epoch`,
--  `train_bpc`, `valid_bpc` (last), `best_valid_bpc`, `chars_per_s`, `seconds`, `model`,
--  `checkpoint`, `svg`, `how` ('new', 'finetune', 'continue', 'resume'), `added_chars`,
--  `stopped` ('done', 'early', 'interrupted'), `interrupted` (boolean), `remaining_steps`,
--  `precision` (in force), `kernels` (core.kernels()), `bf16_unavailable` (why not, or nil),
--  `mixed_posts` (how many `mix` posts the training posts hold), `remembered` (windows the
--  copy guard holds; 0 when it is off)
-- @treturn[opt] string message for a user error (missing or empty data, unreadable model…)
function M.run(opts)
  check_opts(opts)
  local d = M.DEFAULTS
  local ckpt_path = opts.model .. '.ckpt'
  local svg_path = opts.model .. '.svg'
  local comm = opts.comm
  local rank, ranks = comm and comm:rank() or 0, comm and comm:size() or 1
  local root = rank == 0

  -- every file this run writes is checked before the data is read (by rank 0, which writes)
  local posts, err, data_report
  for _, out in ipairs(root and { opts.model, ckpt_path, svg_path } or {}) do
    local writable, why = files.check_writable(out)
    if not writable then
      err = ('%s %s'):format(out == opts.model and 'cannot use model' or 'cannot write', why)
      break
    end
  end
  -- one writer per model: of two runs on it, the steps of the one that saved first are lost
  -- (in a folder that exists: a missing one is acquire's to report)
  local lock
  local dir = opts.model:match('^(.*)/[^/]*$')
  if root and not err and (not dir or dir == '' or files.kind(dir) == 'directory') then
    lock, err = files.lock(opts.model)
  end
  local held <close> = lock
  if not err then posts, err, data_report = corpus.read(opts.data) end
  local mix_posts
  if posts and opts.mix then
    mix_posts, err = corpus.read(opts.mix)
    if not mix_posts then posts, err = nil, ('cannot read --mix posts: %s'):format(err) end
  end
  -- asked for bf16 outright, the caller is told when it cannot run; auto falls back quietly
  local precision, no_bf16 = core.set_precision(opts.precision or 'auto')
  if opts.precision ~= 'bf16' then no_bf16 = nil end
  local model, how, file_model, added
  if posts then
    if opts.threads then core.set_threads(opts.threads) end
    model, how, file_model, added = acquire(opts, posts, ckpt_path, root, ranks)
    if not model then err = how end
  end
  local started
  started, err = start_together(comm, model ~= nil, err)
  if not started then return nil, err end
  local info = model:info()
  local train_posts, valid_posts = corpus.split(posts, { seed = info.seed,
    valid_percent = opts.valid_percent or M.valid_percent_for(#posts) })
  if #train_posts == 0 then return nil, ('no training posts in %s'):format(opts.data) end
  -- the copy guard remembers the person's training posts: not the mixed-in posts, which are
  -- not theirs, nor the validation posts, which the model never learns from
  local remembered, guard_off = model:remember(train_posts)
  if not remembered then
    model:forget()
    guard_off = ('copy guard off: the %d training posts hold %s'):format(#train_posts, guard_off)
  end
  local mixed = 0
  if mix_posts then
    train_posts, mixed = corpus.mix(train_posts, mix_posts, opts.mix_share or d.mix_share, info.seed)
  end

  -- Validation posts, capped (file order) so that a validation pass stays cheap.
  local max_valid = opts.max_valid_chars or d.max_valid_chars
  local vposts, vchars = {}, 0
  for _, p in ipairs(valid_posts) do
    if vchars >= max_valid then break end
    vposts[#vposts + 1] = p
    vchars = vchars + (utf8.len(p) or #p)
  end

  local further = how == 'resume' or how == 'continue'
  local B, T = batch_shape(opts, further, info)
  if B % ranks ~= 0 then
    return nil, ('the batch of %d streams cannot be shared by %d ranks: give --batch a multiple '
      .. 'of %d'):format(B, ranks, ranks)
  end
  local train_data = model:encode(train_posts)
  -- the step a fine-tuned model's fine-tune began at (acquire marks a new one), resumed or not
  local tuned_at = select(2, history_mod.current(info.history or {}))
  -- a model file holds no optimizer state (MODEL.ckpt does): continued from it alone, the
  -- optimizer starts afresh, at the rate a fine-tune or a new model starts at
  local fresh_optimizer = how == 'continue' and info.optimizer_steps == 0
  if (how == 'finetune' or fresh_optimizer) and not opts.lr then
    model:set_lr(tuned_at and M.finetune_lr_for(train_data:tokens()) or d.lr)
  end
  if comm then
    local same, why = check_same(comm, model, train_data:tokens())
    if not same then return nil, root and why or nil end
  end
  local batch = train_data:batches(B, T, { wrap = true, part = rank, parts = ranks })
  if further then
    if info.batch == nil or (info.batch == B and info.seq == T) then
      batch:seek(info.cursor or 0)
    else
      model:reset_state()
    end
  end
  if ranks > 1 then
    -- a state saved for the whole batch: this rank's share of it
    local _, carried = model:carried_state()
    if carried == B then model:keep_streams(rank * B // ranks, B // ranks) end
    -- dropout masks come from the model's random stream: every rank would draw the same ones
    if info.dropout > 0 and rank > 0 then model:set_seed(info.seed * 7919 + info.steps * 104729 + rank) end
  end
  local vbatch, valid_batches = nil, 0
  if #vposts > 0 then
    local vdata = model:encode(vposts)
    vbatch = vdata:batches(B, T, { wrap = false, part = rank, parts = ranks })
    valid_batches = math.ceil(vdata:tokens() / (B * T))
  end

  local per_step = B * T
  local total = opts.steps
  if not total then
    total = math.max(1, math.ceil((opts.epochs or d.epochs) * train_data:tokens() / per_step))
    -- a fine-tune given no budget runs ten epochs, but at least finetune_min_steps: ten epochs
    -- of a thousand short posts are a hundred steps, too few to learn a voice (measured:
    -- SrBachchan 2.096 bpc after 105 steps, 1.852 after 313; validation keeps the best and
    -- stops a small file early), and at most finetune_max_steps: ten epochs of a large
    -- archive take an hour, and 2,000 steps are about 9 minutes with the shipped base on 2
    -- cores (realDonaldTrump, 17,600 posts: 1.953 bpc after 1,000 steps and still falling)
    if how == 'finetune' and not opts.epochs then
      total = math.max(d.finetune_min_steps, math.min(total, d.finetune_max_steps))
    end
  end
  -- a fine-tune's best is often within its first hundred steps on a small file (see
  -- finetune_lr_for): it validates as often as every finetune_min_valid_every steps.
  local valid_every = opts.valid_every or math.max(tuned_at and d.finetune_min_valid_every
    or d.min_valid_every, 10 * valid_batches)
  local checkpoint_every = opts.checkpoint_every or d.checkpoint_every
  local patience = opts.patience or d.patience
  local lr_decay = opts.lr_decay or d.lr_decay
  local min_lr = opts.min_lr or d.min_lr
  local lr = model:lr()
  local cosine = (opts.schedule or d.schedule) == 'cosine'
  local first_lr = lr

  -- The loss the model file holds now, on this run's validation posts: the bar to beat.
  local best = math.huge
  if vbatch and file_model then
    -- encoded with the model file's own vocabulary when that is not the model being
    -- trained: the checkpoint's may be larger
    local fbatch = file_model == model and vbatch
      or file_model:encode(vposts):batches(B, T, { wrap = false, part = rank, parts = ranks })
    best = validate(file_model, fbatch, comm) or math.huge
  end
  file_model = nil -- luacheck: ignore (let the GC have it)
  local stale = how == 'finetune' and 0 or history_stale(info.history or {})
  info = nil -- luacheck: ignore

  -- After the start a rank that fails alone would leave the others waiting in a collective
  -- call: it reports and ends the whole job instead.
  local function fatal(msg)
    if comm then
      io.stderr:write(('tweeter train: rank %d: %s\n'):format(rank, msg))
      io.stderr:flush()
      comm:abort(1)
    end
    return nil, msg
  end

  -- Saves the model (rank 0 only) with the recurrent state of every rank's streams; every
  -- rank calls it at the same points.
  local function save(path, file_opts)
    local whole = model
    if ranks > 1 then
      local state, _, rows = model:carried_state()
      local all = state and comm:gather_streams(state, rows)
      if not root then return true end
      if all then whole = model:copy():set_carried_state(all, B) end
    end
    return whole:save(path, file_opts)
  end

  -- Rank 0's view of a file decides for every rank.
  local function root_sees(yes)
    if not comm then return yes end
    return comm:max(root and yes and 1 or 0) == 1
  end

  -- the model file holds the weights; the optimizer's moments and the carried state, which
  -- only an exact resume needs, live in MODEL.ckpt alone
  local save_opts = { half = opts.half or nil, resumable = false }
  local reporter = root and make_reporter(opts, total) or nil
  local samples = reporter and (opts.samples or d.samples) or 0
  local function say(msg) if reporter then reporter:log(msg) end end
  say(('%s: %s'):format(opts.data, require('tweeter.import').summary(data_report)))
  -- the model's own steps, a fine-tune's counted from where it began (not from the base's
  -- thousands before it), are the ones shown and the ones validation and checkpoints fall on
  local own_from = tuned_at or 0
  if how == 'resume' then
    say(('resuming from %s at step %d'):format(ckpt_path, model:steps() - own_from))
  elseif how == 'finetune' then
    say(('fine-tuning a copy of %s (%d new characters)'):format(opts.from, added))
  elseif fresh_optimizer then
    say(('continuing from %s without its checkpoint %s: the optimizer starts afresh (learning '
      .. 'rate %g)'):format(opts.model, ckpt_path, model:lr()))
  end
  if guard_off then say(guard_off) end
  -- A fine-tune must earn its place: the base itself (its vocabulary grown) is the first
  -- candidate, scored on the user's validation posts and saved, so a run in which no step
  -- beats it leaves the base rather than something worse.
  local base_bpc
  if how == 'finetune' and vbatch then
    best = validate(model, vbatch, comm) or math.huge
    base_bpc = best < math.huge and best / LN2 or nil
    local saved, serr = save(opts.model, save_opts)
    if not saved then return fatal(('cannot save model: %s'):format(serr)) end
    if base_bpc then say(('base model on the validation posts: %.3f bpc'):format(base_bpc)) end
  end

  local was_catching = core.catch_interrupt()
  local start_threads = core.get_threads()
  local guard <close> = setmetatable({}, { __close = function()
    if not was_catching then core.catch_interrupt(false) end
    core.set_threads(start_threads)
  end })
  -- threads that wait for a core another process holds slow every step: a count given by
  -- the caller stays, else the run follows the cores left free
  local tuner = not opts.threads and not os.getenv('OMP_NUM_THREADS')
    and threads_mod.tuner(start_threads, core.monotonic()) or nil

  local step = model:steps()
  local start_step = step
  local t0 = core.monotonic()
  local sum, count = 0, 0
  local best_bpc = (best < math.huge) and best / LN2 or nil
  local last_train, last_valid = nil, (best < math.huge) and best or nil
  local stopped = 'done'
  -- the bar counts the model's own steps, as the validation lines do, and fills with this
  -- run's share of them
  local st = { step = step - own_from, first = step - own_from, total = step - own_from + total, epoch = 0,
    train_bpc = nil, valid_bpc = nil, chars_per_s = nil, eta = nil }

  local function do_validation()
    local train_mean = count > 0 and sum / count or nil
    if train_mean then last_train = train_mean end
    sum, count = 0, 0
    local v = vbatch and validate(model, vbatch, comm) or nil
    model:add_history(step, train_mean or last_train or 0, v)
    if v then
      last_valid = v
      if v < best then
        best, stale = v, 0
        best_bpc = v / LN2
        local saved, serr = save(opts.model, save_opts)
        if not saved then return fatal(('cannot save model: %s'):format(serr)) end
      else
        stale = stale + 1
        if not cosine and lr_decay < 1 and lr > min_lr then
          lr = math.max(min_lr, lr * lr_decay)
          model:set_lr(lr)
        end
      end
    else
      local saved, serr = save(opts.model, save_opts)
      if not saved then return fatal(('cannot save model: %s'):format(serr)) end
    end
    return true
  end

  local function show_samples()
    if samples == 0 then return end
    local gen = { n = samples, seed = step }
    for k, v in pairs(SAMPLE_OPTS) do gen[k] = v end
    for _, text in ipairs(model:generate(gen)) do
      say('sample: ' .. text:gsub('%c', ' '))
    end
  end

  local i = 0
  while i < total do
    batch:next()
    if cosine then
      lr = min_lr + (first_lr - min_lr) * 0.5 * (1 + math.cos(math.pi * i / total))
      model:set_lr(lr)
    end
    local loss, interrupted
    if comm then
      local nats = model:train_gradients(batch, per_step)
      comm:allreduce(model:gradient_buffer())
      model:apply_gradients(batch)
      -- the whole batch's mean loss, and whether any rank was interrupted: all stop together
      loss, interrupted = comm:sum(nats / per_step, core.interrupted() and 1 or 0)
      interrupted = interrupted > 0
    else
      loss = model:train_step(batch)
      interrupted = core.interrupted()
    end
    i, step = i + 1, step + 1
    sum, count = sum + loss, count + 1
    local want = tuner and tuner.check(core.monotonic())
    if want then core.set_threads(want) end
    if interrupted then stopped = 'interrupted' break end
    if (step - own_from) % valid_every == 0 and i < total then
      local ok, verr = do_validation()
      if not ok then return nil, verr end
      if reporter then
        say(('step %d: train %.3f bpc, valid %s bpc%s'):format(step - own_from, (last_train or 0) / LN2,
          last_valid and ('%.3f'):format(last_valid / LN2) or '-', stale == 0 and ' (best)' or ''))
        show_samples()
      end
      if patience > 0 and stale >= patience then stopped = 'early' break end
    end
    if (step - own_from) % checkpoint_every == 0 and i < total then
      local saved, serr = save(ckpt_path)
      if not saved then return fatal(('cannot save checkpoint: %s'):format(serr)) end
    end
    if reporter then
      local el = core.monotonic() - t0
      st.step, st.epoch = step - own_from, batch:epoch()
      st.train_bpc = loss / LN2
      st.valid_bpc = last_valid and last_valid / LN2
      st.chars_per_s = i * per_step / el
      st.eta = (total - i) * el / i
      reporter:update(st)
    end
  end
  local seconds = core.monotonic() - t0
  if reporter then reporter:finish() end

  if stopped ~= 'interrupted' and (count > 0 or not last_valid) then
    local ok, verr = do_validation()
    if not ok then return nil, verr end
  end
  if stopped == 'interrupted' and root_sees(not file_exists(opts.model)) then
    -- A model file from the first run exists even when it was stopped before validating.
    local saved, serr = save(opts.model, save_opts)
    if not saved then return fatal(('cannot save model: %s'):format(serr)) end
  end
  local saved, serr = save(ckpt_path)
  if not saved then return fatal(('cannot save checkpoint: %s'):format(serr)) end
  local hist = model:history()
  if root then
    local sok, sverr = svg.write(svg_path, hist, { title = 'tweeter: ' .. opts.model,
      valid_label = 'validation: ' .. (opts.data:match('([^/]+)/*$') or opts.data) })
    if not sok then return fatal(sverr) end
  end

  local summary = {
    steps = step, finetune_steps = tuned_at and step - tuned_at, run_steps = step - start_step,
    epoch = batch:epoch(),
    train_bpc = last_train and last_train / LN2, valid_bpc = last_valid and last_valid / LN2,
    best_valid_bpc = best_bpc, chars_per_s = (step - start_step) * per_step / math.max(seconds, 1e-9),
    seconds = seconds, model = opts.model, checkpoint = ckpt_path, svg = svg_path, how = how,
    added_chars = added, stopped = stopped, interrupted = stopped == 'interrupted',
    base_valid_bpc = base_bpc, kept_base = base_bpc ~= nil and best_bpc == base_bpc,
    remaining_steps = total - i, lr = lr, ranks = ranks, batch = B, precision = precision,
    kernels = core.kernels(), bf16_unavailable = no_bf16, mixed_posts = mixed,
    remembered = remembered or 0,
  }
  if stopped == 'early' then
    say(('stopped early at step %d: no improvement in %d validations'):format(step - own_from, stale))
  end
  return summary
end

return M
