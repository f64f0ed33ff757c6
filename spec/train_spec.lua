local tweeter = require('tweeter')
local train = require('tweeter.train')
local corpus = require('tweeter.corpus')
local helper = require('helper')
local ref = require('lstm_reference')

local LN2 = math.log(2)
-- A tiny model and batch so that every run takes a fraction of a second.
local TINY = { embed = 8, hidden = 16, layers = 1, batch = 8, seq = 32, lr = 0.01 }

local function opts(t)
  local o = {}
  for k, v in pairs(TINY) do o[k] = v end
  for k, v in pairs(t) do o[k] = v end
  return o
end

-- Validation bits per character of `model` on the posts of `path` that train.run holds out,
-- computed by the plain reference: each post scored from a reset state (end-of-post, its
-- characters, end-of-post), the summed loss over every predicted character.
local function reference_valid_bpc(model, path)
  local posts = assert(corpus.read(path))
  local _, valid = corpus.split(posts, { seed = model:info().seed, valid_percent = train.valid_percent_for(#posts) })
  local toks = ref.tokens_of(model, valid)
  local streams, k = {}, 0
  for _, post in ipairs(valid) do
    local s = { inputs = {}, targets = {} }
    for t = 1, utf8.len(post) + 1 do
      s.inputs[t], s.targets[t] = toks[k + t - 1], toks[k + t]
    end
    k = k + utf8.len(post) + 1
    streams[#streams + 1] = s
  end
  local info = model:info()
  local loss = ref.reference(ref.read_params(model, info.layers), streams,
    { V = info.vocab_size, E = info.embed, H = info.hidden, L = info.layers })
  return loss / LN2
end

-- n posts of `len` pseudo-random letters (no 40-letter stretch is in two of them), after a
-- prefix.
local function random_posts(n, len, seed, prefix)
  local x, out = seed, {}
  for i = 1, n do
    local b = {}
    for j = 1, len do
      x = (x * 1103515245 + 12345) & 0x7fffffff
      b[j] = string.char(97 + (x >> 16) % 26)
    end
    out[i] = (prefix or '') .. table.concat(b)
  end
  return out
end

local function last_valid(model)
  local h = model:info().history
  for k = #h, 1, -1 do if h[k].valid then return h[k].valid end end
end

describe('tweeter.train', function()
  local dir, data
  before_each(function() dir, data = helper.posts_dir(300, 11) end)
  after_each(function() helper.rm_rf(dir) end)

  it('makes a new model, validates in bits per character, checkpoints and draws the loss curve', function()
    local events = {}
    local s = assert(train.run(opts{ data = data, model = dir .. '/m.tw', steps = 40, valid_every = 10, precision = 'fp32',
      progress = function(kind) events[kind] = (events[kind] or 0) + 1 end }))
    assert.are.equal('new', s.how)
    assert.are.equal(40, s.steps)
    assert.are.equal(40, s.run_steps)
    assert.are.equal('done', s.stopped)
    -- the last validation is of the latest state (the checkpoint), scored by the reference
    local ref_bpc = reference_valid_bpc(assert(tweeter.load(dir .. '/m.tw.ckpt')), data)
    assert.is_true(math.abs(s.valid_bpc - ref_bpc) < 1e-4, ('%.6f vs reference %.6f'):format(s.valid_bpc, ref_bpc))
    assert.is_true(s.chars_per_s > 0)
    assert.are.equal(40, events.step)
    assert.is_true(events.log >= 3)
    local m = assert(tweeter.load(dir .. '/m.tw'))
    local info = m:info()
    local valids = 0
    for _, e in ipairs(info.history) do if e.valid then valids = valids + 1 end end
    assert.are.equal(4, valids) -- steps 10, 20, 30 and the end
    -- the summary's bpc is the history's nats / ln 2
    local min = math.huge
    for _, e in ipairs(info.history) do if e.valid then min = math.min(min, e.valid) end end
    assert.is_true(math.abs(s.best_valid_bpc - min / LN2) < 1e-5) -- history is kept as float32
    assert.is_true(math.abs(s.valid_bpc - last_valid(m) / LN2) < 1e-5)
    assert.is_true(helper.exists(dir .. '/m.tw.ckpt'))
    local svg = helper.read(dir .. '/m.tw.svg')
    assert.matches('<svg', svg)
    assert.matches('bits per character', svg)
    assert.matches('>step<', svg)
    assert.matches('<polyline id="train"', svg)
    assert.matches('<polyline id="valid"', svg)
  end)

  it('gives the model a phrasing cache of its training posts, weighted as the validation posts say', function()
    local s = assert(train.run(opts{ data = data, model = dir .. '/cached.tw', steps = 20, valid_every = 10 }))
    local cache = assert(tweeter.load(dir .. '/cached.tw'):ngram())
    local phrasing = require('tweeter.phrasing')
    assert.are.equal(phrasing.ORDER, cache.order)
    assert.are.equal(s.ngram_weight, cache.weight)
    assert.are.equal(s.ngram_weight, tweeter.load(dir .. '/cached.tw.ckpt'):ngram().weight)
    -- the weight is the one that gives the saved model the fewest bits on its validation posts
    local saved = tweeter.load(dir .. '/cached.tw')
    local posts = assert(require('tweeter.corpus').read(data))
    local _, valid = require('tweeter.corpus').split(posts, { seed = saved:info().seed,
      valid_percent = train.valid_percent_for(#posts) })
    assert.are.equal(phrasing.best_weight(saved, valid), cache.weight)
  end)

  it('trained further without --batch and --seq, keeps the shape its data cursor counts in', function()
    local path = dir .. '/shape.tw'
    assert(train.run(opts{ data = data, model = path, steps = 12, batch = 4, seq = 16, valid_every = 6 }))
    local ckpt = assert(tweeter.load(path .. '.ckpt'))
    assert.are.same({ 4, 16, 12 }, { ckpt:info().batch, ckpt:info().seq, ckpt:info().cursor })
    local further = opts{ data = data, model = path, steps = 6, valid_every = 6 }
    further.batch, further.seq = nil, nil
    assert(train.run(further))
    ckpt = assert(tweeter.load(path .. '.ckpt'))
    assert.are.same({ 4, 16, 18 }, { ckpt:info().batch, ckpt:info().seq, ckpt:info().cursor })
    -- a new shape starts the data over
    assert(train.run(opts{ data = data, model = path, steps = 5, batch = 2, seq = 8, valid_every = 5 }))
    ckpt = assert(tweeter.load(path .. '.ckpt'))
    assert.are.same({ 2, 8, 5 }, { ckpt:info().batch, ckpt:info().seq, ckpt:info().cursor })
  end)

  it('counts epochs over the training posts', function()
    local s = assert(train.run(opts{ data = data, model = dir .. '/e.tw', epochs = 2 }))
    assert.is_true(s.epoch >= 2 and s.epoch < 2.5, 'epoch ' .. s.epoch)
  end)

  it('resumes bit-exactly: N steps at once equals k steps, stop, N - k more', function()
    -- dropout on, so the random state matters too; validations at the same steps in both
    local function run(name, steps)
      return assert(train.run(opts{ model = dir .. '/' .. name, steps = steps, data = data, layers = 2,
        dropout = 0.2, valid_every = 30, lr_decay = 1, patience = 0 }))
    end
    local a = run('a.tw', 60)
    local b1 = run('b.tw', 30)
    assert.are.equal(30, b1.steps)
    local b2 = run('b.tw', 30)
    assert.are.equal('resume', b2.how)
    assert.are.equal(60, b2.steps)
    assert.are.equal(a.train_bpc, b2.train_bpc)
    assert.are.equal(a.valid_bpc, b2.valid_bpc)
    -- the checkpoint holds the weights, the optimizer moments, the random state, the data
    -- cursor, the carried recurrent state and the history: byte for byte the same
    local ca, cb = helper.read(dir .. '/a.tw.ckpt'), helper.read(dir .. '/b.tw.ckpt')
    assert.is_true(#ca > 0)
    assert.is_true(ca == cb, 'the checkpoints differ')
    assert.is_true(helper.read(dir .. '/a.tw') == helper.read(dir .. '/b.tw'), 'the best models differ')
    -- and the comparison can fail: a run with another seed differs
    local c = assert(train.run(opts{ model = dir .. '/c.tw', steps = 60, data = data, layers = 2,
      dropout = 0.2, valid_every = 30, lr_decay = 1, patience = 0, seed = 2 }))
    assert.are_not.equal(a.train_bpc, c.train_bpc)
  end)

  it('keeps the best model by validation loss in the model file', function()
    local model = dir .. '/best.tw'
    local s1 = assert(train.run(opts{ data = data, model = model, steps = 40, valid_every = 20 }))
    -- a ruinous learning rate makes every later validation worse than the best
    local s2 = assert(train.run(opts{ data = data, model = model, steps = 40, valid_every = 20,
      lr = 5, patience = 0, lr_decay = 1 }))
    assert.are.equal(80, s2.steps)
    assert.is_true(s2.valid_bpc > s1.valid_bpc + 0.5, ('%.3f then %.3f'):format(s1.valid_bpc, s2.valid_bpc))
    assert.are.equal(s1.best_valid_bpc, s2.best_valid_bpc)
    local kept = assert(tweeter.load(model))
    assert.are.equal(40, kept:info().steps) -- the file still holds the best (step 40) model
    local latest = assert(tweeter.load(model .. '.ckpt'))
    assert.are.equal(80, latest:info().steps)
    local e_kept = assert(tweeter.evaluate(kept, data))
    local e_latest = assert(tweeter.evaluate(latest, data))
    assert.is_true(e_kept.bpc < e_latest.bpc)
  end)

  it('stops early after `patience` validations without improvement, decaying the learning rate', function()
    local model = dir .. '/p.tw'
    assert(train.run(opts{ data = data, model = model, steps = 20, valid_every = 10 }))
    local s = assert(train.run(opts{ data = data, model = model, steps = 200, valid_every = 10,
      lr = 5, patience = 2, lr_decay = 0.5 }))
    assert.are.equal('early', s.stopped)
    assert.are.equal(40, s.steps) -- two worse validations at steps 30 and 40
    assert.is_true(math.abs(s.lr - 1.25) < 1e-9)
  end)

  it('with schedule cosine, lowers the rate along a half cosine over the run, whatever validation says', function()
    local model = dir .. '/c.tw'
    -- lr 5 makes every validation worse: the plateau rule would halve the rate, cosine must not
    local s = assert(train.run(opts{ data = data, model = model, steps = 20, valid_every = 5,
      lr = 5, min_lr = 1e-3, patience = 0, schedule = 'cosine' }))
    local function cosine_at(i, n, first) return 1e-3 + (first - 1e-3) * 0.5 * (1 + math.cos(math.pi * i / n)) end
    -- the rate of the last step taken, step 19 of 0..19
    assert.is_true(math.abs(s.lr - cosine_at(19, 20, 5)) < 1e-9, tostring(s.lr))
    assert.is_true(math.abs(s.lr - tweeter.load(model .. '.ckpt'):info().lr) < 1e-6 * s.lr) -- stored as float32
    -- 10 more steps as a separate run fall from the rate they start at, to min_lr
    local s2 = assert(train.run(opts{ data = data, model = model, steps = 10, lr = 0.5, min_lr = 1e-3,
      patience = 0, schedule = 'cosine' }))
    assert.is_true(math.abs(s2.lr - cosine_at(9, 10, 0.5)) < 1e-9, tostring(s2.lr))
    assert.has_error(function() train.run(opts{ data = data, model = model, schedule = 'linear' }) end,
      "bad option 'schedule' to 'run' ('plateau' or 'cosine' expected)")
  end)

  it('mixes a share of other posts into the training posts, and validates on the person\'s alone', function()
    local generic = helper.write(dir .. '/generic.txt', helper.posts(400, 5))
    local plain = assert(train.run(opts{ data = data, model = dir .. '/a.tw', steps = 10, valid_every = 5,
      precision = 'fp32' }))
    local mixed = assert(train.run(opts{ data = data, model = dir .. '/b.tw', steps = 10, valid_every = 5,
      precision = 'fp32', mix = generic, mix_share = 0.5 }))
    assert.are.equal(0, plain.mixed_posts)
    -- half the training characters: about as many posts as the person's training posts
    local posts = assert(corpus.read(data))
    local own = corpus.split(posts, { seed = 1, valid_percent = train.valid_percent_for(#posts) })
    assert.is_true(math.abs(mixed.mixed_posts - #own) < 0.2 * #own, tostring(mixed.mixed_posts))
    -- the validation posts are the person's: the same reference loss for the same weights
    local ref_bpc = reference_valid_bpc(assert(tweeter.load(dir .. '/b.tw.ckpt')), data)
    assert.is_true(math.abs(mixed.valid_bpc - ref_bpc) < 1e-4, ('%.6f vs %.6f'):format(mixed.valid_bpc, ref_bpc))
    local none, err = train.run(opts{ data = data, model = dir .. '/c.tw', steps = 1, mix = dir .. '/nope.txt' })
    assert.is_nil(none)
    assert.matches('cannot read %-%-mix posts', err)
  end)

  it('makes a new model with the cell asked for, and refuses another cell for an existing one', function()
    local model = dir .. '/g.tw'
    local s = assert(train.run(opts{ data = data, model = model, steps = 4, valid_every = 2, cell = 'gru' }))
    assert.are.equal('new', s.how)
    assert.are.equal('gru', tweeter.load(model):config().cell)
    local none, err = train.run(opts{ data = data, model = model, steps = 1, cell = 'lstm' })
    assert.is_nil(none)
    assert.matches("option cell=lstm does not match the existing model's cell=gru", err, 1, true)
    assert.has_error(function() train.run(opts{ data = data, model = dir .. '/x.tw', cell = 'rnn' }) end)
    assert.are.same({ 'lstm', 'gru' }, tweeter.core.cells())
  end)

  it('fine-tunes a copy of a base model, growing its vocabulary', function()
    assert(train.run(opts{ data = data, model = dir .. '/base.tw', steps = 20 }))
    local user_posts = helper.posts(60, 3)
    user_posts[#user_posts + 1] = 'café 😀'
    user_posts[#user_posts + 1] = 'naïve ✓'
    local user = helper.write(dir .. '/user.txt', user_posts)
    local base = assert(tweeter.load(dir .. '/base.tw'))
    local s = assert(train.run(opts{ data = user, model = dir .. '/ft.tw', from = dir .. '/base.tw', steps = 10 }))
    assert.are.equal('finetune', s.how)
    assert.are.equal(utf8.len(base:missing_chars(table.concat(user_posts))), s.added_chars)
    assert.is_true(s.added_chars >= 4) -- é 😀 ï ✓ (and perhaps more)
    local ft = assert(tweeter.load(dir .. '/ft.tw'))
    assert.are.equal(base:info().vocab_size + s.added_chars, ft:info().vocab_size)
    assert.are.equal('', ft:missing_chars('café 😀 naïve ✓'))
    assert.are.equal(20, assert(tweeter.load(dir .. '/base.tw')):info().steps) -- base untouched
    local again, err = train.run(opts{ data = user, model = dir .. '/ft.tw', from = dir .. '/base.tw', steps = 10 })
    assert.is_nil(again)
    assert.matches('already exists', err)
  end)

  it('with freeze N fine-tunes only the layers above the embedding and the N lowest', function()
    local base_path = dir .. '/fz-base.tw'
    assert(train.run(opts{ data = data, model = base_path, steps = 5, layers = 2 }))
    local base = assert(tweeter.load(base_path))
    local user = helper.write(dir .. '/fz-user.txt', helper.posts(60, 4))
    local function same(a, b, block) -- the base's rows of the block, unchanged
      for i = 1, b:block_size(block) do
        if a:param(block, i) ~= b:param(block, i) then return false end
      end
      return true
    end
    local s = assert(train.run(opts{ data = user, model = dir .. '/fz1.tw', from = base_path,
      steps = 10, freeze = 1, patience = 0, valid_every = 100 }))
    assert.are.equal(0, s.added_chars)
    local ft = assert(tweeter.load(dir .. '/fz1.tw'))
    for _, block in ipairs({ 'embedding', 'w1', 'b1' }) do assert.is_true(same(ft, base, block), block) end
    for _, block in ipairs({ 'w2', 'b2', 'output', 'output_bias' }) do assert.is_false(same(ft, base, block), block) end
    assert(train.run(opts{ data = user, model = dir .. '/fz2.tw', from = base_path,
      steps = 10, freeze = 2, patience = 0, valid_every = 100 }))
    ft = assert(tweeter.load(dir .. '/fz2.tw'))
    for _, block in ipairs({ 'embedding', 'w1', 'b1', 'w2', 'b2' }) do assert.is_true(same(ft, base, block), block) end
    assert.is_false(same(ft, base, 'output'))
    local none, err = train.run(opts{ data = user, model = dir .. '/fz3.tw', from = base_path, steps = 2, freeze = 3 })
    assert.is_nil(none)
    assert.are.equal('cannot freeze 3 layers: the model has 2', err)
    assert.has_error(function() train.run(opts{ data = user, model = dir .. '/fz4.tw', freeze = -1 }) end)
  end)

  describe('the copy guard', function()
    -- the training and validation posts train.run makes of a file
    local function split(path)
      local posts = assert(corpus.read(path))
      return corpus.split(posts, { seed = 1, valid_percent = train.valid_percent_for(#posts) })
    end

    it('remembers the training posts, not the validation posts nor the mixed-in ones', function()
      local own = helper.write(dir .. '/own.txt', random_posts(120, 70, 1, 'post: '))
      local generic = helper.write(dir .. '/generic.txt', random_posts(200, 70, 2))
      local s = assert(train.run(opts{ data = own, model = dir .. '/m.tw', steps = 2, mix = generic,
        mix_share = 0.5, checkpoint_every = 1 }))
      assert.is_true(s.mixed_posts > 50)
      local train_posts, valid_posts = split(own)
      assert.is_true(#valid_posts >= 20)
      -- 76 code points a post, all windows distinct but the 6-character prefix's
      assert.are.equal(#train_posts * (76 - 39), s.remembered)
      for _, path in ipairs({ dir .. '/m.tw', dir .. '/m.tw.ckpt' }) do
        local m = assert(tweeter.load(path))
        assert.are.equal(s.remembered, m:info().remembered)
        for _, p in ipairs(train_posts) do assert.is_true(m:copies(p)) end
        for _, p in ipairs(valid_posts) do assert.is_false(m:copies(p)) end
        for _, p in ipairs(assert(corpus.read(generic))) do assert.is_false(m:copies(p)) end
      end
    end)

    it('adds the posts of a continued run, and a fine-tune starts from the base\'s', function()
      local first = helper.write(dir .. '/first.txt', random_posts(60, 50, 3))
      local s1 = assert(train.run(opts{ data = first, model = dir .. '/c.tw', steps = 2 }))
      local more = random_posts(60, 50, 3)
      for _, p in ipairs(random_posts(30, 50, 4)) do more[#more + 1] = p end
      local second = helper.write(dir .. '/second.txt', more)
      local s2 = assert(train.run(opts{ data = second, model = dir .. '/c.tw', steps = 2 }))
      assert.are.equal('resume', s2.how)   -- from the checkpoint: the set comes back with it
      local old_train = split(first)
      local new_train = split(second)
      local union = {}
      for _, p in ipairs(old_train) do union[p] = true end
      for _, p in ipairs(new_train) do union[p] = true end
      local n = 0
      for _ in pairs(union) do n = n + 1 end
      assert.are.equal(n * (50 - 39), s2.remembered)
      assert.is_true(s2.remembered > s1.remembered)
      local c = assert(tweeter.load(dir .. '/c.tw'))
      for p in pairs(union) do assert.is_true(c:copies(p)) end

      local user = helper.write(dir .. '/user.txt', random_posts(40, 45, 5))
      local ft = assert(train.run(opts{ data = user, model = dir .. '/ft.tw', from = dir .. '/c.tw', steps = 2 }))
      assert.are.equal(s2.remembered + #split(user) * (45 - 39), ft.remembered)
      local m = assert(tweeter.load(dir .. '/ft.tw'))
      assert.is_true(m:copies(old_train[1]))
      assert.is_true(m:copies(split(user)[1]))
      assert.are.equal(s2.remembered, assert(tweeter.load(dir .. '/c.tw')):info().remembered) -- base untouched
    end)

    it('goes off, saying so once, when the training posts are more than it holds', function()
      -- 30,000 posts of 200 letters: 4.8 million windows, past the 2^22 the guard holds
      local many = helper.write(dir .. '/many.txt', random_posts(30000, 200, 6))
      local logs = {}
      local s = assert(train.run(opts{ data = many, model = dir .. '/many.tw', steps = 1, max_valid_chars = 2000,
        progress = function(kind, msg) if kind == 'log' then logs[#logs + 1] = msg end end }))
      assert.are.equal(0, s.remembered)
      assert.are.equal(0, assert(tweeter.load(dir .. '/many.tw')):info().remembered)
      local off = {}
      for _, l in ipairs(logs) do if l:match('copy guard') then off[#off + 1] = l end end
      assert.are.same({ ('copy guard off: the %d training posts hold more than 4194304 distinct windows '
        .. 'of 40 characters, the most the copy guard holds'):format(#split(many)) }, off)
    end)
  end)

  it('holds out enough validation posts on a small file: 30 posts, at most 20 %', function()
    assert.are.equal(20, train.valid_percent_for(10))
    assert.are.equal(20, train.valid_percent_for(150))
    assert.are.equal(10, train.valid_percent_for(300))
    assert.are.equal(5, train.valid_percent_for(600))
    assert.are.equal(5, train.valid_percent_for(20000))
    -- and run uses it: 300 posts, 10 % held out
    local posts = assert(corpus.read(data))
    local _, valid = corpus.split(posts, { seed = 1, valid_percent = 10 })
    local _, five = corpus.split(posts, { seed = 1, valid_percent = 5 })
    assert.is_true(#valid > #five)
    local s = assert(train.run(opts{ data = data, model = dir .. '/vp.tw', steps = 1 }))
    local chars = 0
    for _, p in ipairs(valid) do chars = chars + utf8.len(p) + 1 end
    local m = assert(tweeter.load(dir .. '/vp.tw'))
    local ev = assert(tweeter.evaluate(m, helper.write(dir .. '/valid.txt', valid)))
    assert.are.equal(chars, ev.chars)
    assert.is_true(math.abs(ev.bpc - s.valid_bpc) < 1e-3)
  end)

  it('runs a fine-tune given no budget for 10 epochs within finetune_min_steps and finetune_max_steps; --epochs overrides', function()
    assert(train.run(opts{ data = data, model = dir .. '/fb-base.tw', steps = 5 }))
    local small = helper.write(dir .. '/small.txt', helper.posts(20, 3)) -- 10 epochs: under 40 steps
    local d = train.DEFAULTS
    local saved_min, saved_max = d.finetune_min_steps, d.finetune_max_steps
    d.finetune_min_steps, d.finetune_max_steps = 60, 1000
    local ok, s = pcall(train.run, opts{ data = small, model = dir .. '/fs.tw', from = dir .. '/fb-base.tw',
      patience = 0 })
    d.finetune_min_steps, d.finetune_max_steps = 1, 7
    local ok1, s1 = pcall(train.run, opts{ data = data, model = dir .. '/fb.tw', from = dir .. '/fb-base.tw' })
    local ok2, s2 = pcall(train.run, opts{ data = data, model = dir .. '/fb2.tw', from = dir .. '/fb-base.tw',
      epochs = 0.5 })
    d.finetune_min_steps, d.finetune_max_steps = saved_min, saved_max
    assert(ok, s)
    assert(ok1, s1)
    assert(ok2, s2)
    assert.are.equal(60, assert(s).run_steps)
    assert.are.equal(7, assert(s1).run_steps)
    assert.is_true(assert(s2).run_steps > 7)
  end)

  it('fine-tunes a small file given no rate at a lower one, and validates it every 10 steps', function()
    local d = train.DEFAULTS
    assert.are.equal(d.finetune_lr, train.finetune_lr_for(d.finetune_full_lr_tokens))
    assert.are.equal(d.finetune_lr, train.finetune_lr_for(10 * d.finetune_full_lr_tokens))
    assert.are.equal(0.3 * d.finetune_lr, train.finetune_lr_for(100))
    local quarter = train.finetune_lr_for(d.finetune_full_lr_tokens // 4)
    assert.is_true(math.abs(quarter - 0.5 * d.finetune_lr) < 1e-12)
    assert(train.run(opts{ data = data, model = dir .. '/sl-base.tw', steps = 10 }))
    -- under 3,000 characters, and one validation batch (so 10 × batches is under 50)
    local small = helper.write(dir .. '/sl-small.txt', helper.posts(40, 5))
    local o = opts{ data = small, model = dir .. '/sl.tw', from = dir .. '/sl-base.tw', steps = 30,
      lr_decay = 1, patience = 0, batch = 16 }
    o.lr = nil
    local s = assert(train.run(o))
    assert.is_true(math.abs(0.3 * d.finetune_lr - s.lr) < 1e-9) -- the core keeps it in float32
    local validated = {}
    for _, e in ipairs(assert(tweeter.load(s.checkpoint)):history()) do
      if e.valid == e.valid and e.step > 10 then validated[#validated + 1] = e.step - 10 end
    end
    assert.are.same({ 10, 20, 30 }, validated)
    -- a model trained from scratch keeps the floor of 50
    local s2 = assert(train.run(opts{ data = small, model = dir .. '/sl-new.tw', steps = 60, patience = 0,
      batch = 16 }))
    validated = {}
    for _, e in ipairs(assert(tweeter.load(s2.checkpoint)):history()) do
      if e.valid == e.valid then validated[#validated + 1] = e.step end
    end
    assert.are.same({ 50, 60 }, validated)
  end)

  it('keeps the base model when no fine-tuning step beats it on validation', function()
    assert(train.run(opts{ data = data, model = dir .. '/kb-base.tw', steps = 30 }))
    local base = assert(tweeter.load(dir .. '/kb-base.tw'))
    -- a ruinous learning rate: every step is worse than the base
    local s = assert(train.run(opts{ data = data, model = dir .. '/kb.tw', from = dir .. '/kb-base.tw',
      steps = 20, valid_every = 10, lr = 5, patience = 0, lr_decay = 1 }))
    assert.is_true(s.kept_base)
    assert.are.equal(s.base_valid_bpc, s.best_valid_bpc)
    assert.is_true(s.valid_bpc > s.base_valid_bpc)
    local kept = assert(tweeter.load(dir .. '/kb.tw'))
    assert.are.equal(base:info().steps, kept:info().steps)
    for i = 1, base:block_size('w1'), 7 do assert.are.equal(base:param('w1', i), kept:param('w1', i)) end
    -- a sensible one beats it, and the file holds the fine-tuned model
    local s2 = assert(train.run(opts{ data = data, model = dir .. '/kb2.tw', from = dir .. '/kb-base.tw',
      steps = 30, valid_every = 10 }))
    assert.is_false(s2.kept_base)
    assert.is_true(s2.best_valid_bpc < s2.base_valid_bpc)
    assert.is_true(assert(tweeter.load(dir .. '/kb2.tw')):info().steps > base:info().steps)
  end)

  it('returns nil and a message for user errors, and raises on bad options', function()
    local s, err = train.run(opts{ data = dir .. '/missing.txt', model = dir .. '/x.tw', steps = 5 })
    assert.is_nil(s)
    assert.matches('cannot read posts file', err)
    s, err = train.run(opts{ data = helper.write(dir .. '/empty.txt', ''), model = dir .. '/x.tw', steps = 5 })
    assert.is_nil(s)
    assert.matches('no usable posts in .*empty%.txt', err)
    helper.write(dir .. '/corrupt.tw', 'not a model at all')
    s, err = train.run(opts{ data = data, model = dir .. '/corrupt.tw', steps = 5 })
    assert.is_nil(s)
    assert.matches('cannot load model', err)
    s, err = train.run(opts{ data = data, model = dir .. '/y.tw', from = dir .. '/nobase.tw', steps = 5 })
    assert.is_nil(s)
    assert.matches('cannot load base model', err)
    assert(train.run(opts{ data = data, model = dir .. '/z.tw', steps = 5 }))
    s, err = train.run(opts{ data = data, model = dir .. '/z.tw', steps = 5, hidden = 32 })
    assert.is_nil(s)
    assert.matches('hidden=32 does not match', err)
    assert.has_error(function() train.run(opts{ data = data, model = dir .. '/w.tw', steps = 0 }) end)
    assert.has_error(function() train.run(opts{ data = data, model = dir .. '/w.tw', steps = 5, epochs = 1 }) end)
    assert.has_error(function() train.run({ model = 'x' }) end)
    assert.has_error(function() train.run(opts{ data = data, model = dir .. '/w.tw', dropout = 1 }) end)
  end)

  it('on SIGINT saves a checkpoint, exits cleanly, and the training then resumes', function()
    local model = dir .. '/int.tw'
    local p = helper.spawn({ 'train', '--data', data, '--model', model, '--steps', '1000000', '--embed', '8',
      '--hidden', '16', '--layers', '1', '--batch', '8', '--seq', '32', '--valid-every', '25', '--patience', '0' })
    -- once it has validated twice it is inside the training loop
    assert.is_truthy(p:until_line('^step 50:'), 'no validation at step 50')
    assert(p:signal('INT'))
    local code, err = p:wait()
    assert.are.equal(130, code, err)
    assert.matches('training interrupted at step %d+; checkpoint saved to', err)
    assert.matches('resume with: tweeter train', err)
    assert.is_nil(err:find('traceback'))
    local ckpt = assert(tweeter.load(model .. '.ckpt'))
    local stopped_at = ckpt:info().steps
    assert.is_true(stopped_at >= 50)
    assert.are.equal(stopped_at, tonumber(err:match('interrupted at step (%d+)')))
    assert.is_true(helper.exists(model))
    -- and it resumes from there
    local out
    code, out = helper.tweeter({ 'train', '--data', data, '--model', model, '--steps', '10', '--quiet' })
    assert.are.equal(0, code)
    assert.matches('%(resume%)', out)
    assert.are.equal(stopped_at + 10, assert(tweeter.load(model .. '.ckpt')):info().steps)
  end)

  it('logs plain lines when not on a terminal', function()
    local code, _, err = helper.tweeter({ 'train', '--data', data, '--model', dir .. '/l.tw', '--steps', '20',
      '--embed', '8', '--hidden', '16', '--layers', '1', '--batch', '8', '--seq', '32', '--valid-every', '10' })
    assert.are.equal(0, code)
    assert.matches('step 20/20 epoch [%d.]+ train [%d.]+ bpc valid %S+ bpc [%d.]+[kMG]? chars/s eta', err)
    assert.is_nil(err:find('\r', 1, true))
    assert.matches('step 10: train [%d.]+ bpc, valid [%d.]+ bpc', err)
  end)
end)

describe('tweeter train killed or short of disk', function()
  local dir, data
  setup(function() dir, data = helper.posts_dir(200, 9) end)
  teardown(function() helper.rm_rf(dir) end)

  it('killed with SIGKILL mid-run leaves the last good checkpoint, which resumes', function()
    local model = dir .. '/killed.tw'
    local p = helper.spawn(helper.args('train', '--data', data, '--model', model, '--steps', '1000000', helper.TINY,
      '--valid-every', '15', '--checkpoint-every', '10', '--patience', '0'))
    -- the validation at step 30 comes after the checkpoint of step 20: the kill lands in
    -- the middle of the run
    assert.is_truthy(p:until_line('^step 30:'), 'no validation at step 30')
    assert.is_true(p:signal('KILL'))
    assert.are.equal(128 + 9, (p:wait()))
    -- the checkpoint on disk is a whole one: it loads, at a multiple of --checkpoint-every
    local ckpt = assert(tweeter.core.load(model .. '.ckpt'))
    local at = ckpt:info().steps
    assert.is_true(at >= 20)
    assert.are.equal(0, at % 10)
    -- so is the best model (saved at validations)
    local best = assert(tweeter.core.load(model))
    assert.are.equal(0, best:info().steps % 15)
    -- a temporary file of a save the kill interrupted may be left; it does not matter
    local code, out, err = helper.tweeter(helper.args('train', '--data', data, '--model', model, '--steps', '10',
      '--checkpoint-every', '10', '--quiet'))
    assert.are.equal(0, code, err)
    -- it goes on from the further of the two: the checkpoint, or the best model when a
    -- validation saved it after the last checkpoint
    local from = math.max(at, best:info().steps)
    assert.matches(from == at and '%(resume%)' or '%(continue%)', out)
    assert.are.equal(from + 10, assert(tweeter.core.load(model .. '.ckpt')):info().steps)
    os.execute('rm -f ' .. helper.quote(model) .. '.tmp-* ' .. helper.quote(model) .. '.ckpt.tmp-*')
  end)

  it('with the disk full while saving fails with a message and keeps the previous files', function()
    local model = dir .. '/full.tw'
    local code, _, err = helper.tweeter(helper.args('train', '--data', data, '--model', model, '--steps', '20',
      '--valid-every', '10', '--quiet', helper.TINY))
    assert.are.equal(0, code, err)
    local before_model, before_ckpt = helper.read(model), helper.read(model .. '.ckpt')
    assert.is_true(#before_model > 8 * 1024)
    -- a file-size limit below the model's size, SIGXFSZ ignored: write() fails with EFBIG,
    -- as on a full disk
    local cmd = ("trap '' XFSZ; ulimit -f 8; %s train --data %s --model %s --steps 20 --valid-every 10 "
      .. '--checkpoint-every 5 --quiet'):format(helper.quote(helper.root .. '/bin/tweeter'), helper.quote(data), helper.quote(model))
    code, _, err = helper.run('sh -c ' .. helper.quote(cmd))
    assert.are.equal(1, code)
    assert.matches('^tweeter train: cannot save [a-z]+: .*full%.tw[.a-z]*: File too large\n$', err)
    assert.is_nil(err:find('traceback', 1, true))
    assert.are.equal(before_model, helper.read(model))
    assert.are.equal(before_ckpt, helper.read(model .. '.ckpt'))
    assert(tweeter.core.load(model))
    assert.are.equal(20, assert(tweeter.core.load(model .. '.ckpt')):info().steps)
    assert.are.same({}, helper.ls(helper.quote(model) .. '*.tmp-*'))   -- the failed save cleaned up after itself
    -- and without the limit the same training goes on from the checkpoint
    code, _, err = helper.tweeter(helper.args('train', '--data', data, '--model', model, '--steps', '5', '--quiet'))
    assert.are.equal(0, code, err)
    assert.are.equal(25, assert(tweeter.core.load(model .. '.ckpt')):info().steps)
  end)
end)

describe('tweeter train --from a small base', function()
  local dir, posts_txt, base
  setup(function()
    dir, posts_txt = helper.posts_dir(80, 41, 'user.txt')
    base = helper.small_base(dir .. '/base.twm')
  end)
  teardown(function() helper.rm_rf(dir) end)

  it('keeps model files small with --half; the checkpoint alone holds the optimizer state', function()
    local model = dir .. '/half.twm'
    local code, _, err = helper.tweeter({ 'train', '--data', posts_txt, '--model', model, '--from', base, '--steps', '4',
      '--valid-every', '2', '--half', '--quiet' })
    assert.are.equal(0, code, err)
    local full = assert(io.open(model .. '.ckpt', 'rb')):seek('end')
    local half = assert(io.open(model, 'rb')):seek('end')
    assert.is_true(half * 3 < full, ('model %d bytes, checkpoint %d'):format(half, full))
    -- both load; the checkpoint resumes (and holds the steps)
    assert.are.equal(assert(tweeter.core.load(model .. '.ckpt')):info().steps, 20 + 4)
    local code2, out2, err2 = helper.tweeter({ 'train', '--data', posts_txt, '--model', model, '--steps', '2', '--half', '--quiet' })
    assert.are.equal(0, code2, err2)
    assert.matches('%(resume%)', out2)
  end)

  it('sees the fine-tune itself: samples, agreeing step numbers, the SVG and info', function()
    local model = dir .. '/ft.twm'
    local code, out, err = helper.tweeter({ 'train', '--data', posts_txt, '--model', model, '--from', base, '--steps', '7',
      '--valid-every', '3', '--samples', '1' })
    assert.are.equal(0, code, err)
    assert.matches('^model: ', out)
    -- the progress lines count the fine-tune's steps, as the validation lines do
    assert.matches('step 3: train [%d.]+ bpc', err)
    assert.matches('step 3/7 epoch', err)
    local samples = 0
    for _ in err:gmatch('\nsample: [^\n]*') do samples = samples + 1 end
    assert.are.equal(2, samples) -- two validations inside the run (at its steps 3 and 6)
    -- --quiet: one line on standard output, nothing else
    local code2, out2, err2 = helper.tweeter({ 'train', '--data', posts_txt, '--model', dir .. '/q.twm', '--from', base,
      '--steps', '6', '--valid-every', '3', '--quiet' })
    assert.are.equal(0, code2, err2)
    assert.are.equal('', err2)
    assert.are.equal(1, #helper.lines_of(out2))
    -- the SVG shows the fine-tune, with a mark where it started
    local picture = helper.read(model .. '.svg')
    assert.matches('id="finetune"', picture)
    assert.matches('fine%-tuning started at step 20', picture)
    assert.matches('validation: user%.txt', picture)
    -- info: the fine-tune's own history
    local code3, out3 = helper.tweeter({ 'info', model, '--json' })
    assert.are.equal(0, code3)
    local j = require('cjson').decode(out3)
    assert.are.equal(20, j.finetune_step)
    for _, e in ipairs(j.history) do assert.is_true(e.step > 20) end
    local code4, out4 = helper.tweeter({ 'info', model })
    assert.are.equal(0, code4)
    assert.matches('fine%-tuned: from a base model at step 20', out4)
    local code5, out5 = helper.tweeter({ 'info', base, '--json' })
    assert.are.equal(0, code5)
    assert.are.equal(require('cjson').null, require('cjson').decode(out5).finetune_step)
  end)
end)

describe('tweeter train of fine-tunes, resumed, and on a terminal', function()
  local dir
  setup(function() dir = helper.tmpdir() end)
  teardown(function() helper.rm_rf(dir) end)
  local core = tweeter.core
  local run = helper.tweeter
  local history = require('tweeter.history')
  describe('a fine-tuned model trained further', function()
    local data, base

    setup(function()
      data = helper.write(dir .. '/ft_posts.txt', helper.posts(200, 7))
      -- a base whose validation (on its own generic posts) no fine-tune on other posts beats
      local m = core.model{ embed = 8, hidden = 16, layers = 1, vocab = tweeter.vocab_of(helper.posts(200, 7)) }
      m:add_history(10, 1.0, 0.05)
      base = dir .. '/ft_base.twm'
      assert(m:save(base))
    end)

    local function ft_opts(extra)
      local o = { data = data, batch = 8, seq = 32, lr = 0.01, valid_every = 10, patience = 3,
        progress = false, samples = 0 }
      for k, v in pairs(extra) do o[k] = v end
      return o
    end

    it('counts only the validations since its fine-tune began, for early stopping and the best', function()
      local model = dir .. '/ft_resumed.twm'
      assert(train.run(ft_opts{ model = model, from = base, steps = 30 }))
      -- a fine-tune that has converged: the next validation does not improve (a rate this
      -- small leaves the weights as they are), one of the four in a row patience allows
      local s = assert(train.run(ft_opts{ model = model, steps = 20, lr = 1e-30, patience = 4 }))
      assert.are.equal('done', s.stopped)
      assert.are.equal(20, s.run_steps)
      local best = math.huge
      for _, e in ipairs((history.current(assert(core.load(model .. '.ckpt')):history()))) do
        if e.valid then best = math.min(best, e.valid / LN2) end
      end
      assert.is_true(s.best_valid_bpc > 0.05 / LN2)
      assert.is_true(math.abs(s.best_valid_bpc - best) < 1e-4, ('%g %g'):format(s.best_valid_bpc, best))
    end)
  end)

  describe('the step numbers of a fine-tune', function()
    it("are the model's own since the fine-tune began, in the progress, validation lines, summary and info", function()
      -- a base that has trained 30000 steps, as the shipped one has
      local posts = helper.write(dir .. '/steps_posts.txt', helper.posts(120, 9))
      local m = core.model{ embed = 8, hidden = 16, layers = 1, vocab = tweeter.vocab_of(helper.posts(120, 9)) }
      local batch = m:encode(helper.posts(120, 9)):batches(8, 32, { wrap = true })
      for _ = 1, 10 do batch:next() m:train_step(batch) end
      local info0 = m:info()
      assert.are.equal(10, info0.steps)
      local base = dir .. '/steps_base.twm'
      assert(m:save(base))
      local model = dir .. '/steps_ft.twm'
      local code, out, err = run({ 'train', '--data', posts, '--model', model, '--from', base, '--steps', '40',
        '--valid-every', '20', '--batch', '8', '--seq', '32', '--samples', '0' })
      assert.are.equal(0, code, err)
      assert.matches('\nstep 20: train [%d.]+ bpc', '\n' .. err)
      assert.matches('step 20/40 epoch', err)
      assert.matches('step 40/40 epoch', err)
      assert.is_nil(err:find('step 30/50', 1, true))
      assert.matches('steps: 40 %(40 in this run, epoch [%d.]+; 50 with the base\'s%)', out)
      local code2, out2 = run({ 'info', model })
      assert.are.equal(0, code2)
      assert.matches('\nsteps: 40 since fine%-tuning started %(50 with the base\'s%)\n', out2)
      local code3, out3 = run({ 'info', model, '--json' })
      assert.are.equal(0, code3)
      local j = require('cjson').decode(out3)
      assert.are.equal(50, j.steps)
      assert.are.equal(40, j.finetune_steps)
      -- trained further, the count goes on from the fine-tune's
      local code4, out4, err4 = run({ 'train', '--data', posts, '--model', model, '--steps', '20',
        '--valid-every', '20', '--samples', '0', '--quiet' })
      assert.are.equal(0, code4, err4)
      assert.matches('steps: 60 %(20 in this run%)', out4)
      -- a model not fine-tuned counts all its steps, and its JSON says it has no fine-tune
      local code5, out5 = run({ 'info', base, '--json' })
      assert.are.equal(0, code5)
      assert.are.equal(require('cjson').null, require('cjson').decode(out5).finetune_steps)
    end)
  end)

  describe('model files', function()
    local function size(path) return assert(io.open(path, 'rb')):seek('end') end

    it('hold the weights, the checkpoint the optimizer; without the checkpoint training goes on afresh', function()
      local posts = helper.write(dir .. '/size_posts.txt', helper.posts(120, 13))
      local model, half = dir .. '/size.twm', dir .. '/size_half.twm'
      local train_args = { 'train', '--data', posts, '--steps', '20', '--valid-every', '10', '--embed', '8',
        '--hidden', '32', '--layers', '1', '--batch', '8', '--seq', '32', '--quiet' }
      local code, _, err = run(helper.args(train_args, '--model', model))
      assert.are.equal(0, code, err)
      local code2, _, err2 = run(helper.args(train_args, '--model', half, '--half'))
      assert.are.equal(0, code2, err2)
      local weights = assert(core.load(model)):info().params
      -- the optimizer's two float32 moments are in the checkpoint alone
      assert.is_true(size(model .. '.ckpt') - size(model) >= 8 * weights,
        ('model %d bytes, checkpoint %d, %d weights'):format(size(model), size(model .. '.ckpt'), weights))
      assert.are.equal(0, assert(core.load(model)):info().optimizer_steps)
      assert.matches('\noptimizer: no state in this file %(training keeps it in MODEL%.ckpt%)\n', select(2, run({ 'info', model })))
      assert.are.equal(20, assert(core.load(model .. '.ckpt')):info().optimizer_steps)
      -- --half halves the weights' part
      assert.is_true(size(model) - size(half) >= 2 * weights, ('%d against %d'):format(size(half), size(model)))
      -- the checkpoint gone, the model file trains further, saying the optimizer starts afresh
      assert(os.remove(model .. '.ckpt'))
      local code3, out3, err3 = run({ 'train', '--data', posts, '--model', model, '--steps', '10', '--samples', '0' })
      assert.are.equal(0, code3, err3)
      assert.matches('%(continue%)', out3)
      assert.matches('the optimizer starts afresh', err3)
      assert.are.equal(30, assert(core.load(model .. '.ckpt')):info().steps)
    end)
  end)

  describe('the Lua API on a terminal', function()
    -- Runs a Lua script calling tweeter.train on a pseudo-terminal (spec/pty_run.py) to its
    -- end: the transcript.
    local function train_on_terminal(name, extra)
      local posts = helper.write(dir .. '/' .. name .. '.txt', helper.posts(120, 17))
      local root = helper.root
      local script = ([[
package.path = %q .. package.path
package.cpath = %q .. package.cpath
local tweeter = require('tweeter')
assert(tweeter.train{ data = %q, model = %q, steps = 20, valid_every = 10, embed = 8, hidden = 16,
  layers = 1, batch = 8, seq = 32, samples = 0 %s })
print('trained')
]]):format(root .. '/lua/?.lua;' .. root .. '/lua/?/init.lua;', root .. '/build/?.so;', posts,
        dir .. '/' .. name .. '.twm', extra)
      local steps = helper.write(dir .. '/' .. name .. '.json', require('cjson').encode({ { 'expect', 'trained' }, { 'eof' } }))
      local code, out, err = helper.run(('python3 %s %s -- lua5.4 -e %s'):format(
        helper.quote(root .. '/spec/pty_run.py'), helper.quote(steps), helper.quote(script)))
      assert.are.equal(0, code, out .. err)
      assert.matches('\nexit: 0\n$', out)
      return out
    end

    it('tweeter.train shows the progress the command shows, unless told not to', function()
      local shown = train_on_terminal('pty_default', '')
      assert.matches('20/20 ep', shown)
      assert.matches('step 10: train [%d.]+ bpc', shown)
      for k, extra in ipairs({ ', quiet = true', ', progress = false' }) do
        local silent = train_on_terminal('pty_silent' .. k, extra)
        assert.are.equal('trained\n\nexit: 0\n', silent)
      end
    end)
  end)
end)
