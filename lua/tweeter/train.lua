--- The training loop: posts file in, model file out.
--
--     local train = require 'tweeter.train'
--     local s = assert(train.run{ data = 'posts/me.jsonl', model = 'me.twm', epochs = 10 })
--     print(s.best_valid_bpc, s.model, s.svg)
--
-- `run` goes in named steps: `acquire` (the files it writes checked, the model locked, the
-- posts read, the model to train from `tweeter.acquire`: new, fine-tuned from `from`,
-- continued from the model file or resumed exactly from `MODEL.ckpt`), `plan` (the split,
-- the batches and the pace), `begin` (what the run says first; a fine-tune's base saved as
-- its first candidate), `train_steps` (the step loop) and `finish` (the last validation, the
-- files, the summary). Each option's default and range are declared in
-- `tweeter.options` (`COMMANDS.train`); `DEFAULTS` below adds how a fine-tune is paced.
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
-- **Learning rate and early stopping.** With `schedule = 'plateau'` each validation that
-- does not improve on the best multiplies the learning rate by `lr_decay` (1 turns decay
-- off), down to `min_lr`. With `schedule = 'cosine'` the rate falls from the run's first
-- rate to `min_lr` along a half cosine over the run's steps, the same for every run of that
-- length whatever validation says; a resumed run falls from the rate it stopped at over its
-- remaining steps. After `patience` validations in a row without improvement (0 turns it
-- off) training stops early. The count of such validations is read back from the model's
-- history, so it carries across resumed runs; a fine-tuned model's count starts at its
-- fine-tune (the base's validations were on other posts).
--
-- **Mixing.** With `mix` (a posts file), generic posts make up `mix_share` of the training
-- text, in bytes (`tweeter.corpus.mix`, chosen with the model's seed); validation stays on
-- the person's own posts. Characters of the mixed posts that the model lacks are read as
-- unknown: the vocabulary comes from the person's posts.
--
-- **The copy guard and the phrasing cache.** Before the first save the model remembers the
-- hashes of every 40-character window of the person's training split (`model:remember`,
-- added to what it remembered before; never the `mix` or validation posts), so that
-- `tweeter.generate` drops posts copying 40 characters of them; past 2^22 windows (a base's
-- generic posts) the run goes on without the guard, saying so. The same posts become its
-- phrasing cache (`tweeter.phrasing`), whose weight is fitted on the validation posts at the end.
--
-- **Interrupts.** SIGINT (Ctrl-C) and SIGTERM are caught for the length of the run and
-- polled after every step: the state is checkpointed and `run` returns a summary with
-- `interrupted = true`; running the same training again resumes it.
--
-- **Data-parallel training.** With `comm` (from `require('tweeter.mpi').init()`, under
-- `mpirun -np N`), each of the N ranks runs `run` with the same options. `batch` is the whole
-- batch: rank r takes streams r·B/N … (r+1)·B/N − 1 of the layout one process would use, and
-- the ranks sum their gradients and make the same update (`tweeter.parallel`), so N ranks
-- train the same model as one process (up to float rounding; with dropout the masks differ).
-- Validation is shared out and summed. Only rank 0 writes the model, the checkpoint and the
-- SVG, with the recurrent state of every stream, and only rank 0 reports progress. The ranks
-- check that they start from the same model and data, and stop together on an interrupt. A
-- rank that fails after training has started prints its message and ends the job, so that
-- no rank waits forever in a collective call.
-- @module tweeter.train
local core = require('tweeter.core')
local files = require 'tweeter.files'
local corpus = require('tweeter.corpus')
local progress_mod = require('tweeter.progress')
local svg = require('tweeter.svg')
local history_mod = require('tweeter.history')
local options = require('tweeter.options')
local threads_mod = require('tweeter.threads')
local acquire_model = require('tweeter.acquire').model
local parallel = require('tweeter.parallel')
local phrasing = require('tweeter.phrasing')

local M = {}

local LN2 = require('tweeter.evaluate').LN2

--- Defaults of `run`'s options: the declared ones (`tweeter.options`), and how a
-- fine-tune and validation are paced (the measurements behind them: docs/training.md).
M.DEFAULTS = options.defaults('train')
M.DEFAULTS.finetune_lr, M.DEFAULTS.min_valid_every = 1e-3, 50
M.DEFAULTS.finetune_min_steps, M.DEFAULTS.finetune_max_steps = 300, 2000
M.DEFAULTS.finetune_full_lr_tokens, M.DEFAULTS.finetune_min_valid_every = 200000, 10

--- The learning rate of a fine-tune given none: `finetune_lr` from `finetune_full_lr_tokens`
-- training characters up, and below that lower with the square root of the data, down to
-- 0.3 of it. A small file is seen for many epochs within `finetune_min_steps`, and at the full
-- rate its validation is best after a few dozen steps and then only worse (docs/training.md).
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

local function check_opts(opts)
  if type(opts) ~= 'table' then
    error(("bad argument #1 to 'run' (table expected, got %s)"):format(type(opts)), 3)
  end
  options.check('train', opts, 'run', 1, 3)
  if type(opts.data) ~= 'string' then error("bad option 'data' to 'run' (path expected)", 3) end
  if type(opts.model) ~= 'string' then error("bad option 'model' to 'run' (path expected)", 3) end
  if opts.steps and opts.epochs then error("options 'steps' and 'epochs' exclude each other", 3) end
end

-- The steps below share one table, `job`: the options and what each step found.

-- The model's own step: a fine-tune's counted from where it began (not from the base's
-- thousands before it), the one shown and the one validation and checkpoints fall on.
local function own_step(job)
  return job.step - job.own_from
end

local function say(job, msg)
  if job.reporter then job.reporter:log(msg) end
end

-- Saves the model to `path` (MODEL or MODEL.ckpt), the run ending on every rank if it fails.
local function save(job, path, file_opts)
  local saved, err = parallel.save(job.comm, job.model, job.B, path, file_opts)
  if saved then return true end
  return parallel.fatal(job.comm, ('cannot save %s: %s'):format(
    path == job.ckpt_path and 'checkpoint' or 'model', err))
end

-- The files this run writes, checked before the data is read (by rank 0, which writes them),
-- and one writer per model: of two runs on it, the steps of the one that saved first are
-- lost. Returns the lock (nil on other ranks) and a message when the run cannot go on.
local function lock_model(job)
  if not job.root then return nil end
  local opts = job.opts
  for _, out in ipairs({ opts.model, job.ckpt_path, job.svg_path }) do
    local writable, why = files.check_writable(out)
    if not writable then
      return nil, ('%s %s'):format(out == opts.model and 'cannot use model' or 'cannot write', why)
    end
  end
  -- in a folder that exists: a missing one is acquire's to report
  local dir = opts.model:match('^(.*)/[^/]*$')
  if not dir or dir == '' or files.kind(dir) == 'directory' then return files.lock(opts.model) end
end

-- Step 1: the posts and the model. Every rank acquires on its own (`err`: lock_model's
-- message), and they go on only together. Returns true, or nil and a message.
local function acquire(job, err)
  local opts = job.opts
  if not err then job.posts, err, job.data_report = corpus.read(opts.data) end
  if job.posts and opts.mix then
    job.mix_posts, err = corpus.read(opts.mix)
    if not job.mix_posts then job.posts, err = nil, ('cannot read --mix posts: %s'):format(err) end
  end
  -- asked for bf16 outright, the caller is told when it cannot run; auto falls back quietly
  local no_bf16
  job.precision, no_bf16 = core.set_precision(opts.precision or 'auto')
  job.no_bf16 = opts.precision == 'bf16' and no_bf16 or nil
  if job.posts then
    if opts.threads then core.set_threads(opts.threads) end
    local got
    got, err = acquire_model(opts, job.posts, { checkpoint = job.ckpt_path, writes = job.root,
      ranks = job.ranks, defaults = job.d })
    if got then
      job.model, job.how, job.file_model, job.added = got.model, got.how, got.file_model, got.added
      job.B, job.T = got.batch, got.seq
    end
  end
  return parallel.start_together(job.comm, job.model ~= nil, err)
end

-- Validation posts, capped (file order) so that a validation pass stays cheap.
local function capped(posts, max_chars)
  local kept, chars = {}, 0
  for _, p in ipairs(posts) do
    if chars >= max_chars then break end
    kept[#kept + 1] = p
    chars = chars + (utf8.len(p) or #p)
  end
  return kept
end

-- Steps in this run, and how often it validates.
local function pace(job, train_tokens, valid_batches)
  local opts, d = job.opts, job.d
  local total = opts.steps
  if not total then
    total = math.max(1, math.ceil((opts.epochs or d.epochs) * train_tokens / job.per_step))
    -- a fine-tune given no budget runs ten epochs, but at least finetune_min_steps (ten epochs
    -- of a thousand short posts are too few steps to learn a voice) and at most
    -- finetune_max_steps (ten epochs of a large archive take an hour): docs/training.md
    if job.how == 'finetune' and not opts.epochs then
      total = math.max(d.finetune_min_steps, math.min(total, d.finetune_max_steps))
    end
  end
  -- a fine-tune's best is often within its first hundred steps on a small file (see
  -- finetune_lr_for): it validates as often as every finetune_min_valid_every steps.
  local valid_every = opts.valid_every or math.max(job.tuned_at and d.finetune_min_valid_every
    or d.min_valid_every, 10 * valid_batches)
  return total, valid_every
end

-- Step 2: the split, the copy guard, the batches, the learning rate, the pace, and the bar
-- a validation must beat. Returns true, or nil and a message (nil on ranks other than 0
-- when rank 0 reports it).
local function plan(job)
  local opts, d, model, how = job.opts, job.d, job.model, job.how
  local info = model:info()
  local train_posts, valid_posts = corpus.split(job.posts, { seed = info.seed,
    valid_percent = opts.valid_percent or M.valid_percent_for(#job.posts) })
  if #train_posts == 0 then return nil, ('no training posts in %s'):format(opts.data) end
  -- the copy guard remembers the person's training posts: not the mixed-in posts, which are
  -- not theirs, nor the validation posts, which the model never learns from
  local remembered, guard_off = model:remember(train_posts)
  if not remembered then
    model:forget()
    guard_off = ('copy guard off: the %d training posts hold %s'):format(#train_posts, guard_off)
  end
  job.remembered, job.guard_off, job.mixed = remembered or 0, guard_off, 0
  phrasing.set(model, train_posts)   -- the same posts
  if job.mix_posts then
    train_posts, job.mixed = corpus.mix(train_posts, job.mix_posts, opts.mix_share or d.mix_share, info.seed)
  end
  local vposts = capped(valid_posts, opts.max_valid_chars or d.max_valid_chars)
  job.vposts = vposts

  local B, T, rank, ranks = job.B, job.T, job.rank, job.ranks
  if B % ranks ~= 0 then
    return nil, ('the batch of %d streams cannot be shared by %d ranks: give --batch a multiple '
      .. 'of %d'):format(B, ranks, ranks)
  end
  local train_data = model:encode(train_posts)
  -- the step a fine-tuned model's fine-tune began at (acquire marks a new one), resumed or not
  job.tuned_at = select(2, history_mod.current(info.history or {}))
  job.own_from = job.tuned_at or 0
  -- a model file holds no optimizer state (MODEL.ckpt does): continued from it alone, the
  -- optimizer starts afresh, at the rate a fine-tune or a new model starts at
  job.fresh_optimizer = how == 'continue' and info.optimizer_steps == 0
  if (how == 'finetune' or job.fresh_optimizer) and not opts.lr then
    model:set_lr(job.tuned_at and M.finetune_lr_for(train_data:tokens()) or d.lr)
  end
  local same, why = parallel.check_same(job.comm, model, train_data:tokens())
  if not same then return nil, job.root and why or nil end
  job.batch = train_data:batches(B, T, { wrap = true, part = rank, parts = ranks })
  if how == 'resume' or how == 'continue' then
    if info.batch == nil or (info.batch == B and info.seq == T) then
      job.batch:seek(info.cursor or 0)
    else
      model:reset_state()
    end
  end
  parallel.take_share(job.comm, model, B)
  local valid_batches = 0
  if #vposts > 0 then
    local vdata = model:encode(vposts)
    job.vbatch = vdata:batches(B, T, { wrap = false, part = rank, parts = ranks })
    valid_batches = math.ceil(vdata:tokens() / (B * T))
  end

  job.per_step = B * T
  job.total, job.valid_every = pace(job, train_data:tokens(), valid_batches)
  job.checkpoint_every = opts.checkpoint_every or d.checkpoint_every
  job.patience = opts.patience or d.patience
  job.lr_decay = opts.lr_decay or d.lr_decay
  job.min_lr = opts.min_lr or d.min_lr
  job.lr = model:lr()
  job.first_lr = job.lr
  job.cosine = (opts.schedule or d.schedule) == 'cosine'

  -- The loss the model file holds now, on this run's validation posts: the bar to beat.
  job.best = math.huge
  if job.vbatch and job.file_model then
    -- encoded with the model file's own vocabulary when that is not the model being
    -- trained: the checkpoint's may be larger
    local fbatch = job.file_model == model and job.vbatch
      or job.file_model:encode(vposts):batches(B, T, { wrap = false, part = rank, parts = ranks })
    job.best = parallel.evaluate(job.comm, job.file_model, fbatch) or math.huge
  end
  job.file_model = nil -- let the GC have it
  job.stale = how == 'finetune' and 0 or history_mod.stale(info.history or {})
  job.step = model:steps()
  return true
end

-- What the run starts by saying, and a fine-tune's first candidate: the base itself (its
-- vocabulary grown), scored on the user's validation posts and saved, so that a run in which
-- no step beats it leaves the base rather than something worse. Returns true, or nil and
-- a message.
local function begin(job)
  local opts, model = job.opts, job.model
  -- the model file holds the weights; the optimizer's moments and the carried state, which
  -- only an exact resume needs, live in MODEL.ckpt alone
  job.save_opts = { half = opts.half or nil, resumable = false }
  job.reporter = job.root and not opts.quiet and progress_mod.reporter(opts.progress, job.total) or nil
  job.samples = job.reporter and (opts.samples or job.d.samples) or 0
  say(job, ('%s: %s'):format(opts.data, require('tweeter.import').summary(job.data_report)))
  if job.how == 'resume' then
    say(job, ('resuming from %s at step %d'):format(job.ckpt_path, own_step(job)))
  elseif job.how == 'finetune' then
    say(job, ('fine-tuning a copy of %s (%d new characters)'):format(opts.from, job.added))
  elseif job.fresh_optimizer then
    say(job, ('continuing from %s without its checkpoint %s: the optimizer starts afresh (learning '
      .. 'rate %g)'):format(opts.model, job.ckpt_path, model:lr()))
  end
  if job.guard_off then say(job, job.guard_off) end
  if job.how == 'finetune' and job.vbatch then
    job.best = parallel.evaluate(job.comm, model, job.vbatch) or math.huge
    job.base_bpc = job.best < math.huge and job.best / LN2 or nil
    local saved, err = save(job, opts.model, job.save_opts)
    if not saved then return nil, err end
    if job.base_bpc then say(job, ('base model on the validation posts: %.3f bpc'):format(job.base_bpc)) end
  end
  job.best_bpc = job.best < math.huge and job.best / LN2 or nil
  job.last_valid = job.best < math.huge and job.best or nil
  return true
end

-- A validation: its loss in the history, a new best saved (with no validation posts, the
-- latest state is the best), else the learning rate lowered. Returns true, or nil and a message.
local function validation(job)
  local train_mean = job.count > 0 and job.sum / job.count or nil
  if train_mean then job.last_train = train_mean end
  job.sum, job.count = 0, 0
  local v = job.vbatch and parallel.evaluate(job.comm, job.model, job.vbatch) or nil
  job.model:add_history(job.step, train_mean or job.last_train or 0, v)
  if v then
    job.last_valid = v
    if v < job.best then
      job.best, job.stale, job.best_bpc = v, 0, v / LN2
    else
      job.stale = job.stale + 1
      if not job.cosine and job.lr_decay < 1 and job.lr > job.min_lr then
        job.lr = math.max(job.min_lr, job.lr * job.lr_decay)
        job.model:set_lr(job.lr)
      end
      return true
    end
  end
  return save(job, job.opts.model, job.save_opts)
end

local function show_samples(job)
  if job.samples == 0 then return end
  local gen = { n = job.samples, seed = job.step }
  for k, v in pairs(SAMPLE_OPTS) do gen[k] = v end
  for _, text in ipairs(job.model:generate(gen)) do
    say(job, 'sample: ' .. text:gsub('%c', ' '))
  end
end

-- Step 3: the step loop, until the run's steps are done, patience runs out or an interrupt
-- comes (`job.stopped`: 'done', 'early', 'interrupted'). Returns true, or nil and a message.
local function train_steps(job)
  local model, batch, reporter, total = job.model, job.batch, job.reporter, job.total
  local t0 = core.monotonic()
  job.start_step, job.i, job.sum, job.count, job.stopped = job.step, 0, 0, 0, 'done'
  -- the bar counts the model's own steps, as the validation lines do, and fills with this
  -- run's share of them
  local st = { step = own_step(job), first = own_step(job), total = own_step(job) + total, epoch = 0 }
  while job.i < total do
    batch:next()
    if job.cosine then
      job.lr = job.min_lr + (job.first_lr - job.min_lr) * 0.5 * (1 + math.cos(math.pi * job.i / total))
      model:set_lr(job.lr)
    end
    local loss, interrupted = parallel.train_step(job.comm, model, batch, job.per_step)
    job.i, job.step = job.i + 1, job.step + 1
    job.sum, job.count = job.sum + loss, job.count + 1
    local want = job.tuner and job.tuner.check(core.monotonic())
    if want then core.set_threads(want) end
    if interrupted then job.stopped = 'interrupted' break end
    local own, more = own_step(job), job.i < total
    if own % job.valid_every == 0 and more then
      local ok, err = validation(job)
      if not ok then return nil, err end
      if reporter then
        say(job, ('step %d: train %.3f bpc, valid %s bpc%s'):format(own, (job.last_train or 0) / LN2,
          job.last_valid and ('%.3f'):format(job.last_valid / LN2) or '-', job.stale == 0 and ' (best)' or ''))
        show_samples(job)
      end
      if job.patience > 0 and job.stale >= job.patience then job.stopped = 'early' break end
    end
    if own % job.checkpoint_every == 0 and more then
      local saved, err = save(job, job.ckpt_path)
      if not saved then return nil, err end
    end
    if reporter then
      local el = core.monotonic() - t0
      st.step, st.epoch = own, batch:epoch()
      st.train_bpc = loss / LN2
      st.valid_bpc = job.last_valid and job.last_valid / LN2
      st.chars_per_s = job.i * job.per_step / el
      st.eta = (total - job.i) * el / job.i
      reporter:update(st)
    end
  end
  job.seconds = core.monotonic() - t0
  if reporter then reporter:finish() end
  return true
end

-- Step 4: the last validation, the model, the checkpoint and the loss curve; the summary.
-- The phrasing cache's weight fitted in the model file (rank 0's) and set in the model.
local function fit_phrasing(job)
  if #job.vposts == 0 or not job.model:ngram() or job.stopped == 'interrupted' then return true end
  local weight, err
  if job.root then weight, err = phrasing.fit_file(job.opts.model, job.vposts, job.save_opts) end
  if weight == nil and job.root then return parallel.fatal(job.comm, ('cannot fit the phrasing cache: %s'):format(err)) end
  job.ngram_weight = parallel.from_root(job.comm, weight or job.model:ngram().weight)
  job.model:set_ngram_weight(job.ngram_weight)
  return true
end

local function finish(job)
  local opts, step = job.opts, job.step
  if job.stopped ~= 'interrupted' and (job.count > 0 or not job.last_valid) then
    local ok, err = validation(job)
    if not ok then return nil, err end
  end
  -- an interrupted first run leaves a model file too, even one stopped before it validated
  if job.stopped == 'interrupted' and parallel.root_sees(job.comm, files.kind(opts.model) == nil) then
    local saved, err = save(job, opts.model, job.save_opts)
    if not saved then return nil, err end
  end
  local fitted, ferr = fit_phrasing(job)
  if not fitted then return nil, ferr end
  local saved, err = save(job, job.ckpt_path)
  if not saved then return nil, err end
  if job.root then
    local sok, sverr = svg.write(job.svg_path, job.model:history(), { title = 'tweeter: ' .. opts.model,
      valid_label = 'validation: ' .. (opts.data:match('([^/]+)/*$') or opts.data) })
    if not sok then return parallel.fatal(job.comm, sverr) end
  end
  local run_steps, bpc = step - job.start_step, job.best_bpc
  if job.stopped == 'early' then
    say(job, ('stopped early at step %d: no improvement in %d validations'):format(own_step(job), job.stale))
  end
  return {
    steps = step, finetune_steps = job.tuned_at and step - job.tuned_at, run_steps = run_steps,
    epoch = job.batch:epoch(),
    train_bpc = job.last_train and job.last_train / LN2, valid_bpc = job.last_valid and job.last_valid / LN2,
    best_valid_bpc = bpc, chars_per_s = run_steps * job.per_step / math.max(job.seconds, 1e-9),
    seconds = job.seconds, model = opts.model, checkpoint = job.ckpt_path, svg = job.svg_path,
    how = job.how, added_chars = job.added, stopped = job.stopped, interrupted = job.stopped == 'interrupted',
    base_valid_bpc = job.base_bpc, kept_base = job.base_bpc ~= nil and bpc == job.base_bpc,
    remaining_steps = job.total - job.i, lr = job.lr, ranks = job.ranks, batch = job.B,
    precision = job.precision, kernels = core.kernels(), bf16_unavailable = job.no_bf16,
    mixed_posts = job.mixed, remembered = job.remembered, ngram_weight = job.ngram_weight,
  }
end

--- Trains a model on a posts file.
-- @tparam table opts `data` (posts file, required), `model` (model path, required) and the
--  other options of `tweeter train` under their Lua names (`lr_decay` for `--lr-decay`),
--  declared with their kinds, ranges and defaults in `tweeter.options` (`COMMANDS.train`);
--  `steps` and `epochs` exclude each other, and unknown names raise. Defaults that depend on the data: `lr` (a fine-tune's:
--  `finetune_lr_for`), `valid_percent` (`valid_percent_for`), `valid_every` (10 × the
--  validation batches, at least `DEFAULTS.min_valid_every`, a fine-tune's
--  `finetune_min_valid_every`) and a fine-tune's steps (10 epochs within
--  `DEFAULTS.finetune_min_steps` and `finetune_max_steps`). Lua only: `progress` (not given:
--  what the command shows when standard error is a terminal; `true`: a bar on a terminal or
--  log lines on stderr; `false`: nothing; a function `f(kind, x)` called with `('step',
--  stats)` and `('log', message)`; or a reporter with `update`, `log`, `finish`), where
--  `stats.step` is the model's own step (a fine-tuned model's since its fine-tune began);
--  `comm` (see the module's description).
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
  local rank, ranks = parallel.rank(opts.comm)
  local job = { opts = opts, d = M.DEFAULTS, comm = opts.comm, rank = rank, ranks = ranks,
    root = rank == 0, ckpt_path = opts.model .. '.ckpt', svg_path = opts.model .. '.svg' }
  local lock, err = lock_model(job)
  local held <close> = lock
  local started
  started, err = acquire(job, err)
  if not started then return nil, err end
  local planned, perr = plan(job)
  if not planned then return nil, perr end
  local begun, berr = begin(job)
  if not begun then return nil, berr end

  local was_catching = core.catch_interrupt()
  local start_threads = core.get_threads()
  local guard <close> = setmetatable({}, { __close = function()
    if not was_catching then core.catch_interrupt(false) end
    core.set_threads(start_threads)
  end })
  -- threads that wait for a core another process holds slow every step: a count given by
  -- the caller stays, else the run follows the cores left free
  job.tuner = not opts.threads and not os.getenv('OMP_NUM_THREADS')
    and threads_mod.tuner(start_threads, core.monotonic()) or nil
  local trained, terr = train_steps(job)
  if not trained then return nil, terr end
  return finish(job)
end

return M
