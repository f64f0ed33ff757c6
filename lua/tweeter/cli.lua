--- The `tweeter` command: the subcommands and the exit codes (the arguments are read by
-- `tweeter.command_line`).
--
-- `cli.main(argv)` returns the exit code: 0 on success, 1 when a command fails (missing file,
-- unreadable model, network error, standard output that cannot be written…), 2 on a usage error (unknown command or option, bad
-- value), 130 when interrupted (Ctrl-C or SIGTERM; training saves a checkpoint first). Results go to standard
-- output, messages and progress to standard error.
-- @module tweeter.cli
local M = {}

--- The version of tweeter's Lua modules ('0.1.0'), as `tweeter._VERSION` says it.
M.VERSION = require('tweeter')._VERSION:match('^tweeter (.+)$')

local LN2 = require('tweeter.evaluate').LN2

local stdout, err = io.stdout, io.stderr

-- Every message printed passes through this: it may quote text from outside (API bodies,
-- file contents, paths).
local escape = require('tweeter.terminal').escape

local options = require('tweeter.options')
local command_line = require('tweeter.command_line')
local interrupt = require('tweeter.interrupt')

local usage_error = command_line.usage_error

-- What Lua raises when an allocation fails (lstate.c's MEMERRMSG).
local MEMORY_ERROR = 'not enough memory'

-- A command that failed (missing file, network error…): exit status 1.
local Failure = { __tostring = function(e) return e.message end }
local function fail(msg)
  error(setmetatable({ message = msg }, Failure), 0)
end

-- Standard output, checked: a write or flush that fails (a full disk, /dev/full) fails the
-- command, and what went out before it stays written.
local function check_out(ok, why)
  if not ok then fail(('cannot write to standard output: %s'):format(why)) end
end
local out = {
  write = function(self, ...) check_out(stdout:write(...)) return self end,
  flush = function(self) check_out(stdout:flush()) return self end,
}

--- Parses a command's arguments (`tweeter.command_line.parse`).
-- @tparam string name command name
-- @tparam table args the arguments after the command name
-- @treturn table options by key (dashes become underscores), with `_` the positionals, or
--  `{ help = true }` for --help
function M.parse(name, args)
  return command_line.parse(name, args)
end

---------------------------------------------------------------------------------------------
-- The commands

-- The path a MODEL argument names: "base" is the base model shipped with tweeter (./base
-- for a file of that name).
local function model_path(path)
  if path ~= 'base' then return path end
  local found, why = require('tweeter').base_model()
  if not found then fail(why) end
  return found
end

-- The model a MODEL argument names, and its path.
local function load_model(name)
  local path = model_path(name)
  local model, msg = require('tweeter').load(path)
  if not model then fail(('cannot load model %s: %s'):format(path, msg)) end
  return model, path
end

-- cjson escapes C0 controls and DEL; C1 controls (a model's vocabulary may hold U+009B, a
-- terminal's CSI) are escaped too, so the JSON printed is as safe as the text output.
local function json_encode(v)
  local cjson = require('cjson')
  return (cjson.encode(v):gsub('\194([\128-\159])', function(c) return ('\\u%04x'):format(c:byte()) end))
end

local files = require('tweeter.files')

-- Creates the folder an output file goes into, or stops with a message.
local function make_parent(path)
  local ok, msg = files.make_parent(path)
  if not ok then fail(('cannot create the folder of %s: %s'):format(path, msg)) end
end

-- Merges imported posts (cleaned by tweeter.import.load) into the posts file, reports counts.
local function store(cleaned, report, out_path)
  local posts = require('tweeter.posts')
  make_parent(out_path)
  local lock, busy = files.lock(out_path)   -- one writer per store (see tweeter.fetch.update)
  if not lock then fail(busy) end
  local held <close> = lock
  local old = {}
  if files.kind(out_path) then
    local loaded, msg = posts.load(out_path)
    if not loaded then fail(msg) end
    old = loaded
  end
  local merged = posts.merge(old, cleaned)
  local ok, msg = posts.save(out_path, merged)
  if not ok then fail(msg) end
  err:write(('%s; %s now holds %d posts (%d new)\n'):format(require('tweeter.import').summary(report),
    out_path, #merged, #merged - #old))
  out:write(out_path, '\n')
end

local RUN = {}

local function fetch_progress(ev)
  if type(ev) ~= 'table' then return end
  if ev.event == 'page' then
    err:write(('%s: page %d, %d posts so far\n'):format(escape(ev.source), ev.page or 0, ev.count or 0))
  elseif ev.event == 'wait' then
    -- the message says what failed ("connection refused or unreachable: …; retrying")
    err:write(('waiting %.0f s: %s\n'):format(ev.seconds or 0, escape(tostring(ev.message or ev.reason))))
  end
end

function RUN.fetch(o)
  local handle = o._[1]
  local fetch = require('tweeter.fetch')
  local out_path = o.out or ('posts/%s.jsonl'):format((handle:gsub('^@', ''):gsub('[/\\]', '_')))
  local dir = out_path:match('^(.*)/[^/]*$')
  local new_dir = dir and dir ~= '' and not files.kind(dir) and dir
  make_parent(out_path)
  -- a fetch that saved nothing (failed, or Ctrl-C) takes the folder it made away too
  -- (os.remove takes only an empty one)
  local guard <close> = setmetatable({}, { __close = function()
    if new_dir and not files.kind(out_path) then os.remove(new_dir) end
  end })
  local list, info = fetch.update(handle, out_path, {
    source = o.source, limit = o.limit, api_base = o.api_base,
    clean = { keep_urls = o.keep_urls or nil, mask_mentions = o.mask_mentions or nil },
    progress = not o.quiet and fetch_progress or nil,
  })
  if not list then fail(info) end
  if not o.quiet then
    local d = info.dropped or {}
    err:write(('%d new posts (%d retweets, %d empty, %d duplicates dropped); %s holds %d posts%s\n'):format(
      info.added or 0, d.retweets or 0, d.empty or 0, d.duplicates or 0, out_path, #list,
      info.complete == false and '; run the same command again to fetch the rest' or ''))
  end
  out:write(out_path, '\n')
  return 0
end

function RUN.import(o)
  local path = o._[1]
  local name = path:gsub('/+$', ''):match('([^/]+)$') or 'posts'
  name = name:gsub('%.[^.]*$', '')
  if name == '' or name == 'tweets' or name == 'data' then name = 'archive' end
  local out_path = o.out or ('posts/%s.jsonl'):format(name)
  local writable, why = files.check_writable(out_path)
  if not writable then fail(('cannot write posts file: %s'):format(why)) end
  local list, report = require('tweeter.import').load(path,
    { keep_urls = o.keep_urls, mask_mentions = o.mask_mentions })
  if not list then fail(report) end
  if report.invalid_utf8 > 0 then
    err:write(('%s: %d bytes of invalid UTF-8 replaced with U+FFFD\n'):format(path, report.invalid_utf8))
  end
  store(list, report, out_path)
  return 0
end

--- The command that resumes an interrupted training: the options given again, but those
-- declared `resume = false` (the checkpoint holds what they set), and the steps left.
-- @tparam table o the parsed options of `tweeter train`
-- @tparam[opt] integer remaining the steps left of a run given `--steps` or `--epochs`
-- @tparam integer ranks the data-parallel processes (`mpirun -np` when more than 1)
-- @treturn string
function M.resume_command(o, remaining, ranks)
  local again = {}
  for _, d in ipairs(options.COMMANDS.train.options) do
    if d.resume ~= false then again[d[1]] = o[d[1]] end
  end
  again.steps = remaining and remaining > 0 and remaining or nil
  local line = 'tweeter train ' .. command_line.unparse('train', again)
  return ranks > 1 and ('mpirun -np %d %s'):format(ranks, line) or line
end

-- The MPI communicator when this process is one rank of an mpirun job (or --distributed).
local function mpi_world(o)
  local launched = os.getenv('OMPI_COMM_WORLD_SIZE') or os.getenv('PMIX_RANK') or os.getenv('PMI_RANK')
  if not (o.distributed or launched) then return nil end
  local has_mpi, mpi = pcall(require, 'tweeter.mpi')
  if not has_mpi then
    fail('data-parallel training needs tweeter.mpi, which this build lacks: install Open MPI '
      .. '(scripts/deps.sh) and build again (make)')
  end
  return mpi.init()
end

-- Ranks sharing a machine share its cores: unless told, each takes its part of them.
local function rank_threads(o)
  local local_ranks = tonumber(os.getenv('OMPI_COMM_WORLD_LOCAL_SIZE') or '') or 1
  if o.threads or os.getenv('OPENBLAS_NUM_THREADS') or local_ranks <= 1 then return o.threads end
  return math.max(1, require('tweeter.core').get_threads() // local_ranks)
end

-- Data-parallel training: rank 0 speaks for the job; the other ranks print only a failure of
-- their own. An error raised on one rank ends the job, so that no rank waits for it forever.
-- Returns the summary and whether this rank reports it, or nil and the exit code.
local function train_ranks(o, run, comm)
  local rank, ranks = comm:rank(), comm:size()
  if o.batch and o.batch % ranks ~= 0 then
    if rank > 0 then return nil, 2 end
    usage_error('train', ('--batch %d is not divisible by the %d ranks: the batch is shared '
      .. 'out evenly'):format(o.batch, ranks))
  end
  local ok, s, msg = pcall(run, rank_threads(o))
  if not ok then
    err:write(('tweeter train: rank %d: internal error: %s\n'):format(rank, tostring(s)))
    err:flush()
    comm:abort(1)
  end
  comm:finalize()
  if not s and rank > 0 then
    if msg then err:write(('tweeter train: %s\n'):format(msg)) end
    return nil, 1
  end
  if not s then fail(msg) end
  return s, rank == 0
end

function RUN.train(o)
  if o.steps and o.epochs then usage_error('train', "use either '--epochs' or '--steps', not both") end
  local train = require('tweeter.train')
  local from = o.from and model_path(o.from)
  local comm = mpi_world(o)
  local function run(threads)
    local opts = command_line.function_options('train', o)
    opts.from, opts.threads, opts.progress, opts.comm = from, threads, not o.quiet, comm
    return train.run(opts)
  end
  local s, speaks
  if comm then
    s, speaks = train_ranks(o, run, comm)
    if not s then return speaks end
  else
    local msg
    s, msg = run(o.threads)
    if not s then fail(msg) end
    speaks = true
  end
  if not speaks then return s.interrupted and 130 or 0 end
  if s.bf16_unavailable then
    err:write(('tweeter: bf16 is not available (%s): training in float32\n'):format(s.bf16_unavailable))
  end
  -- the model's own steps: a fine-tune's since it began
  local steps = s.finetune_steps or s.steps
  if s.interrupted then
    err:write(('tweeter train: training interrupted at step %d; checkpoint saved to %s; resume with: %s\n'):format(
      steps, s.checkpoint, M.resume_command(o, s.remaining_steps, s.ranks)))
    return 130
  end
  local function bpc(x) return x and ('%.4f'):format(x) or '-' end
  if o.quiet then
    out:write(('model: %s (%s), steps: %d (%d in this run), best valid bpc: %s, kernels: %s\n'):format(
      s.model, s.how, steps, s.run_steps, bpc(s.best_valid_bpc), s.kernels))
    return 0
  end
  out:write(('model: %s (%s)\n'):format(s.model, s.how))
  out:write(('steps: %d (%d in this run, epoch %.2f%s)\n'):format(steps, s.run_steps, s.epoch,
    s.finetune_steps and ('; %d with the base\'s'):format(s.steps) or ''))
  out:write(('train bpc: %s\nvalid bpc: %s\nbest valid bpc: %s\n'):format(
    bpc(s.train_bpc), bpc(s.valid_bpc), bpc(s.best_valid_bpc)))
  out:write(('speed: %.0f chars/s, %.1f s\nkernels: %s\n'):format(s.chars_per_s, s.seconds, s.kernels))
  if s.ranks > 1 then out:write(('ranks: %d, %d streams each\n'):format(s.ranks, s.batch // s.ranks)) end
  out:write(('checkpoint: %s\nloss curve: %s\n'):format(s.checkpoint, s.svg))
  if s.stopped == 'early' then out:write('stopped early: validation loss stopped improving\n') end
  return 0
end

function RUN.generate(o)
  local model = load_model(o._[1])
  local gen = require('tweeter.generate')
  if o.min_length and o.max_length and o.min_length > o.max_length then
    usage_error('generate', ("option '--min-length' (%d) is larger than '--max-length' (%d)"):format(
      o.min_length, o.max_length))
  end
  local temperatures = o.temperature or {}
  local shortfall = false
  -- each post is written as it is made, so an interrupt keeps what was done
  local function write_post(p)
    out:write(p, '\n')
    out:flush()
  end
  for k = 1, math.max(1, #temperatures) do
    if #temperatures > 1 then err:write(('temperature %g:\n'):format(temperatures[k])) end
    local opts = command_line.function_options('generate', o)
    opts.temperature, opts.on_post = temperatures[k], write_post
    -- the resampling's pool comes before its first post: its count, redrawn in place
    if require('tweeter.core').isatty(err) then
      opts.on_drawn = function(count, total)
        if count % 10 == 0 or count == total then
          err:write(('\rdrawing posts to choose from: %d/%d'):format(count, total))
          if count == total then err:write('\r\27[K') end
          err:flush()
        end
      end
    end
    local posts, stats = gen.posts(model, opts)
    if not posts then fail(stats) end
    -- the copy guard, on by default, speaks only when it dropped something; --novel-against,
    -- asked for, always reports
    if o.novel_against or stats.dropped > 0 then
      local of = {}
      if stats.guard then of[#of + 1] = "the model's training posts" end
      if o.novel_against then of[#of + 1] = o.novel_against end
      err:write(('dropped %d of %d generated posts that copied 40 or more characters of %s\n'):format(
        stats.dropped, stats.generated, table.concat(of, ' or of ')))
      if #posts < stats.requested then
        err:write(('tweeter: only %d novel posts found after %d rounds\n'):format(#posts, stats.rounds))
        if #posts == 0 then shortfall = true end
      end
    end
  end
  return shortfall and 1 or 0
end

function RUN.quiz(o)
  local model = load_model(o._[1])
  local result, msg = require('tweeter.quiz').run(model, command_line.function_options('quiz', o))
  if not result then fail(msg) end
  return 0
end

function RUN.eval(o)
  local model = load_model(o._[1])
  local r, msg = require('tweeter.evaluate').file(model, o._[2])
  if not r then fail(msg) end
  if o.json then
    out:write(json_encode({ bpc = r.bpc, posts = r.posts, chars = r.chars, nats = r.nats,
      unknown = r.unknown, invalid = r.invalid }), '\n')
  else
    out:write(('%.4f bits per character over %d characters of %d posts (%d unknown)\n'):format(
      r.bpc, r.chars, r.posts, r.unknown))
  end
  return 0
end

-- 1234567 as 1,234,567.
local function thousands(n)
  return (tostring(n):reverse():gsub('(%d%d%d)', '%1,'):reverse():gsub('^,', ''))
end

function RUN.info(o)
  local model, path = load_model(o._[1])
  local info = model:info()
  local hist = {}
  local best
  -- a fine-tune's own entries: the base's came from other posts and another validation set
  local run, finetune_step, base_entries = require('tweeter.history').current(info.history or {})
  for k, e in ipairs(run) do
    hist[k] = { step = e.step, train_bpc = e.train / LN2, valid_bpc = e.valid and e.valid / LN2 }
    if e.valid and (not best or e.valid / LN2 < best) then best = e.valid / LN2 end
  end
  local vocab = model:vocab()
  local core = require('tweeter.core')
  local kernels, no_bf16 = core.kernels()
  if o.json then
    local cjson = require('cjson')
    out:write(json_encode({
      path = path, embed = info.embed, hidden = info.hidden, layers = info.layers,
      dropout = info.dropout, vocab_size = info.vocab_size, params = info.params,
      steps = info.steps, seed = info.seed, optimizer = info.optimizer, lr = info.lr,
      vocab = vocab, best_valid_bpc = best or cjson.null, kernels = kernels,
      bf16_unavailable = no_bf16 or cjson.null,
      finetune_step = finetune_step or cjson.null, base_history_entries = base_entries,
      finetune_steps = finetune_step and info.steps - finetune_step or cjson.null,
      remembered = info.remembered, ngram = model:ngram() or cjson.null,
      history = setmetatable(hist, cjson.array_mt or nil),
    }), '\n')
    return 0
  end
  out:write(('model: %s\n'):format(path))
  out:write(('config: embed %d, hidden %d, layers %d, dropout %g, seed %s\n'):format(
    info.embed, info.hidden, info.layers, info.dropout or 0, tostring(info.seed)))
  out:write(('parameters: %d\nvocabulary: %d tokens (%d characters + end-of-post + unknown)\n'):format(
    info.params, info.vocab_size, utf8.len(vocab) or #vocab))
  out:write(finetune_step and ('steps: %d since fine-tuning started (%d with the base\'s)\n'):format(
    info.steps - finetune_step, info.steps) or ('steps: %d\n'):format(info.steps))
  -- a trained model file without the optimizer's state (training keeps it in MODEL.ckpt) has
  -- no learning rate of its own to show
  out:write((info.steps > 0 and info.optimizer_steps == 0) and 'optimizer: no state in this file '
    .. '(training keeps it in MODEL.ckpt)\n' or ('optimizer: %s, lr %g\n'):format(tostring(info.optimizer), info.lr or 0))
  out:write(('copy guard: %s\n'):format(info.remembered > 0
    and ('%s windows of its training posts'):format(thousands(info.remembered)) or 'none'))
  local cache = model:ngram()
  out:write(('phrasing cache: %s\n'):format(cache and ('%d-gram of %s characters of its training '
    .. 'posts, weight %g'):format(cache.order, thousands(cache.tokens), cache.weight) or 'none'))
  if finetune_step then
    out:write(('fine-tuned: from a base model at step %d (its %d history entries are left out; '
      .. 'validation since then is on the fine-tuning posts)\n'):format(finetune_step, base_entries))
  end
  out:write(('best valid bpc: %s\n'):format(best and ('%.4f'):format(best) or '-'))
  out:write(('kernels on this machine: %s%s\n'):format(kernels,
    no_bf16 and (' (no bf16: %s; products run in float32)'):format(no_bf16) or ''))
  if #hist > 0 then
    out:write('history (step, train bpc, valid bpc)', finetune_step and ' since fine-tuning started' or '', ':\n')
    local first = math.max(1, #hist - 9)
    if first > 1 then out:write(('  … %d earlier entries\n'):format(first - 1)) end
    for k = first, #hist do
      local e = hist[k]
      out:write(('  %8d  %.4f  %s\n'):format(e.step, e.train_bpc, e.valid_bpc and ('%.4f'):format(e.valid_bpc) or '-'))
    end
  end
  return 0
end

function RUN.repl()
  return require('tweeter.repl').run{ version = M.VERSION }
end

---------------------------------------------------------------------------------------------

--- Runs the command line.
-- @tparam table argv the arguments (without the program name)
-- @treturn integer exit code
function M.main(argv)
  local name = argv[1]
  if name == nil then
    err:write(command_line.top_help())
    return 2
  end
  -- what the top level prints: 0, or 1 when standard output cannot take it
  local function print_top(text)
    local ok, e = pcall(function() out:write(text):flush() end)
    if ok then return 0 end
    err:write(('tweeter: %s\n'):format(tostring(e)))
    return 1
  end
  if name == '-h' or name == '--help' or name == 'help' then
    return print_top(command_line.top_help())
  end
  if name == '--version' or name == '-V' then
    -- the core says its own version: a stale build beside newer modules shows
    local has_mpi, mpi = pcall(require, 'tweeter.mpi')
    return print_top(('tweeter %s (%s)\n'):format(M.VERSION, require('tweeter.core')._VERSION)
      .. (has_mpi and ('distributed training: %s (mpirun -np N tweeter train ...)\n'):format(mpi.version)
      or 'distributed training: not built (Open MPI was missing when tweeter was built)\n'))
  end
  if not options.COMMANDS[name] then
    err:write(("tweeter: unknown command '%s'\nTry 'tweeter --help'.\n"):format(escape(name)))
    return 2
  end
  local args = table.move(argv, 2, #argv, 1, {})
  local res = interrupt.run(function()
    return xpcall(function()
      local o = M.parse(name, args)
      local code = 0
      if o.help then out:write(command_line.help(name)) else code = RUN[name](o) end
      out:flush()
      return code
    end, M.classify)
  end)
  -- what a failed or interrupted command wrote goes out too; its own failure is the one reported
  stdout:flush()
  -- an interrupt can also come between the command's end and the hook's removal
  local ok, result = res[2], res[3]
  if not res[1] then ok, result = false, M.classify(res[2]) end
  if ok then return result end
  if type(result) ~= 'table' then
    -- Lua runs no message handler for a memory error (nor for an error in the handler): the
    -- value raised comes back as it was
    result = { kind = result == MEMORY_ERROR and 'memory' or 'internal', message = result }
  end
  local kind, message, at = result.kind, M.without_position(tostring(result.message))
  message = escape(message)
  if kind == 'usage' then
    err:write(('tweeter %s: %s\nTry \'tweeter %s --help\'.\n'):format(name, message, name))
    return 2
  elseif kind == 'interrupted' then
    err:write(('tweeter %s: interrupted\n'):format(name))
    return 130
  elseif kind == 'failure' or kind == 'memory' then
    err:write(('tweeter %s: %s\n'):format(name, message))
    return 1
  end
  -- a bug: where it was raised helps its report, after the message
  err:write(('tweeter %s: internal error: %s%s\n'):format(name, message, at and (' (at %s)'):format(escape(at)) or ''))
  return 1
end

--- A message without the position in the code that `error` and `luaL_error` put before it
-- ("lua/tweeter/train.lua:566: batch too large…" becomes "batch too large…"): no message a
-- user reads starts with a file and line of tweeter's code.
-- @tparam string message
-- @treturn string the message
-- @treturn[opt] string the position taken away (the innermost), or nil when it had none
function M.without_position(message)
  local at
  while true do
    local pos, rest = message:match('^([^:\n]+%.lua:%d+): (.*)$')
    if not pos then pos, rest = message:match('^(%[string "[^\n]-"%]:%d+): (.*)$') end
    if not pos then return message, at end
    message, at = rest, pos
  end
end

--- What kind of error a command raised, for its exit status: `{ kind =, message = }` with
-- kind `usage` (a `tweeter.command_line` usage error, or an argument a C function of the core
-- refused: the core raises only on bad arguments, its other failures are returned),
-- `failure` (a command's `nil, message`), `interrupted` (`tweeter.interrupt`), or
-- `internal` (anything else: a bug). Called as the message handler of the command, so that
-- it can see what raised.
-- @param e the error value
-- @treturn table
function M.classify(e)
  local mt = getmetatable(e)
  if mt == command_line.UsageError then return { kind = 'usage', message = e.message } end
  if mt == Failure then return { kind = 'failure', message = e.message } end
  if e == interrupt.INTERRUPTED then return { kind = 'interrupted', message = 'interrupted' } end
  local raiser = debug.getinfo(2, 'fS')
  if type(e) == 'string' and raiser and raiser.what == 'C' and raiser.func ~= error
      and raiser.func ~= assert then
    -- the refused value is named inside the core's "bad argument #n to 'f' (...)"
    return { kind = 'usage', message = e:match("bad argument #%d+ to '[%w_]+' %((.+)%)$") or e }
  end
  return { kind = 'internal', message = tostring(e) }
end

return M
