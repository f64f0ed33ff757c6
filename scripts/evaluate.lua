-- Writes docs/evaluation.md: for every user in the shared corpus, validation bits per
-- character of (a) the base model as it is, (b) a model trained from scratch and (c) the base
-- model fine-tuned, (b) and (c) with the same step budget and the same split; then 20
-- generated posts per user, the share --novel-against dropped, and their mean length.
-- Usage (from the checkout, after make): lua5.4 scripts/evaluate.lua [CORPUS_DIR] [STEPS]
-- `make evaluate` runs it; EVAL_STEPS and EVAL_USERS (comma list) narrow it down.
package.path = 'lua/?.lua;lua/?/init.lua;' .. package.path
package.cpath = 'build/?.so;' .. package.cpath

local tweeter = require 'tweeter'
local corpus = require 'tweeter.corpus'
local evaluate = require 'tweeter.evaluate'
local quality = require 'tweeter.quality'
local core = tweeter.core

local CORPUS = arg[1] or '../shared/corpus/users'
local STEPS = tonumber(arg[2] or os.getenv('EVAL_STEPS') or 150)
local BASE = os.getenv('EVAL_BASE') or 'models/base.twm'
local WORK = 'build/evaluate'
local ONLY = os.getenv('EVAL_USERS')

local function users()
  local list = {}
  local p = assert(io.popen('ls ' .. CORPUS .. '/*.txt'))
  for path in p:lines() do
    local name = path:match('([^/]+)%.txt$')
    if not ONLY or (',' .. ONLY .. ','):find(',' .. name .. ',', 1, true) then
      list[#list + 1] = { name = name, path = path }
    end
  end
  p:close()
  return list
end


local function train(user, model, from)
  os.remove(model)
  os.remove(model .. '.ckpt')
  local t0 = core.monotonic()
  local summary = assert(tweeter.train{ data = user.path, model = model, from = from,
    steps = STEPS, patience = 0 })
  return summary.best_valid_bpc, core.monotonic() - t0
end

local function row(user, base)
  local posts = assert(corpus.read(user.path))
  local _, valid = corpus.split(posts, { seed = 1 })
  local t0 = core.monotonic()
  local base_bpc = evaluate.posts(base, valid).bpc
  local base_s = core.monotonic() - t0
  local scratch_bpc, scratch_s = train(user, WORK .. '/' .. user.name .. '-scratch.twm')
  local ft_path = WORK .. '/' .. user.name .. '-finetuned.twm'
  local ft_bpc, ft_s = train(user, ft_path, BASE)
  local tuned = assert(tweeter.load(ft_path))
  -- what --novel-against alone drops (the model's copy guard would drop most of it first)
  local generated, stats = tweeter.generate(tuned, { n = 20, seed = 1, novel_against = posts,
    allow_copies = true })
  return {
    user = user.name, posts = #posts, valid_posts = #valid,
    base_bpc = base_bpc, base_s = base_s, scratch_bpc = scratch_bpc, scratch_s = scratch_s,
    finetuned_bpc = ft_bpc, finetuned_s = ft_s,
    dropped = stats.dropped, generated = stats.generated,
    mean_len = quality.mean_length(generated), user_mean_len = quality.mean_length(posts),
    samples = { generated[1], generated[2], generated[3] },
  }
end

local function markdown(rows, seconds)
  local out = {}
  local function add(fmt, ...) out[#out + 1] = fmt:format(...) end
  add('# Evaluation: base, scratch and fine-tuned models per user\n')
  add('Produced by `make evaluate` (`lua5.4 scripts/evaluate.lua %s %d`) on %s, in %.0f s',
    CORPUS, STEPS, os.date('!%Y-%m-%d'), seconds)
  add('on this 2-core machine. Validation posts: the seeded 5 %% split that `tweeter train`')
  add('uses (seed 1), the same for every column. (b) and (c) ran %d steps each with the', STEPS)
  add('defaults of `tweeter train` (batch 32, 128 characters, new models 64/256/2, lr 2e-3')
  add('from scratch, `train.finetune_lr_for` fine-tuning: 1e-3, less on small files); the figure')
  add('is the best validation bits per character.')
  add('Base model: `%s`. Times are wall-clock seconds.\n', BASE)
  add('| user | posts | (a) base bpc | (b) scratch bpc | (b) s | (c) fine-tuned bpc | (c) s | c beats b |')
  add('|---|---|---|---|---|---|---|---|')
  for _, r in ipairs(rows) do
    add('| %s | %d | %.3f | %.3f | %.0f | %.3f | %.0f | %s |', r.user, r.posts, r.base_bpc,
      r.scratch_bpc, r.scratch_s, r.finetuned_bpc, r.finetuned_s,
      r.finetuned_bpc < r.scratch_bpc and 'yes' or 'no')
  end
  add('\n## Generation with the default settings (fine-tuned model, 20 posts, seed 1)\n')
  add('| user | generated | dropped by --novel-against | share dropped | mean length | user mean length |')
  add('|---|---|---|---|---|---|')
  for _, r in ipairs(rows) do
    add('| %s | %d | %d | %.0f %% | %.0f | %.0f |', r.user, r.generated, r.dropped,
      100 * r.dropped / math.max(1, r.generated), r.mean_len, r.user_mean_len)
  end
  add('\n## Three samples per user (fine-tuned)\n')
  for _, r in ipairs(rows) do
    add('**%s**\n', r.user)
    for _, s in ipairs(r.samples) do add('> %s\n', s) end
  end
  return table.concat(out, '\n') .. '\n'
end

local base = assert(tweeter.load(BASE))
os.execute('mkdir -p ' .. WORK)
local t0 = core.monotonic()
local rows = {}
for _, user in ipairs(users()) do
  io.stderr:write(('evaluating %s\n'):format(user.name))
  rows[#rows + 1] = row(user, base)
  local r = rows[#rows]
  io.stderr:write(('  base %.3f  scratch %.3f (%.0f s)  fine-tuned %.3f (%.0f s)\n'):format(
    r.base_bpc, r.scratch_bpc, r.scratch_s, r.finetuned_bpc, r.finetuned_s))
end
local f = assert(io.open('docs/evaluation.md', 'w'))
f:write(markdown(rows, core.monotonic() - t0))
f:close()
print('wrote docs/evaluation.md')
