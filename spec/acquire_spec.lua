-- tweeter.acquire: the model a training run trains (new, fine-tuned from a base, continued
-- from the model file, resumed from its checkpoint), its vocabulary grown with the posts'
-- characters, the batch shape it trains at, and the refusals that come before any training.
local helper = require('helper')
local core = require('tweeter.core')
local acquire = require('tweeter.acquire')

describe('tweeter.acquire', function()
  local dir
  local posts = helper.posts(30, 4)
  before_each(function() dir = helper.tmpdir() end)
  after_each(function() helper.rm_rf(dir) end)

  local function run(extra)
    local r = { checkpoint = dir .. '/m.twm.ckpt' }
    for k, v in pairs(extra or {}) do r[k] = v end
    return r
  end

  -- A model of the posts' characters but '!', trained `steps` steps at 2 × 8, saved to `path`.
  local function saved(path, steps, cfg)
    local model = core.model(cfg or { embed = 4, hidden = 8, layers = 1, seed = 2,
      vocab = (table.concat(posts):gsub('!', '')) })
    local batch = model:encode(posts):batches(2, 8)
    for _ = 1, steps do
      batch:next()
      model:train_step(batch)
    end
    assert(model:save(path))
    return model
  end

  it('makes a new model of the options and the posts\' characters, at the default shape', function()
    local got = assert(acquire.model({ model = dir .. '/m.twm', embed = 4, hidden = 8, layers = 1, seed = 5,
      lr = 0.01 }, posts, run()))
    assert.are.equal('new', got.how)
    assert.are.same({ 0, 32, 128 }, { got.added, got.batch, got.seq })
    assert.is_nil(got.file_model)
    local cfg = got.model:config()
    assert.are.same({ 4, 8, 1, 5 }, { cfg.embed, cfg.hidden, cfg.layers, cfg.seed })
    assert.are.equal(core.model{ vocab = table.concat(posts) }:config().vocab_size, cfg.vocab_size)
    assert.is_true(math.abs(got.model:lr() - 0.01) < 1e-9)
    assert.is_false(helper.exists(dir .. '/m.twm'))
  end)

  it('continues the model file at the shape its cursor counts in, growing its vocabulary', function()
    saved(dir .. '/m.twm', 2)
    local got = assert(acquire.model({ model = dir .. '/m.twm' }, posts, run()))
    assert.are.equal('continue', got.how)
    assert.are.equal(got.model, got.file_model)
    assert.are.same({ 1, 2, 8 }, { got.added, got.batch, got.seq })
    assert.are.equal(2, got.model:steps())
    got = assert(acquire.model({ model = dir .. '/m.twm', batch = 4 }, posts, run()))
    assert.are.same({ 4, 8 }, { got.batch, got.seq })
  end)

  it('resumes from the checkpoint when it holds as many steps or more, else from the model file', function()
    saved(dir .. '/m.twm.ckpt', 3)
    saved(dir .. '/m.twm', 2)
    local got = assert(acquire.model({ model = dir .. '/m.twm' }, posts, run()))
    assert.are.equal('resume', got.how)
    assert.are.equal(3, got.model:steps())
    assert.are.equal(2, got.file_model:steps())
    saved(dir .. '/m.twm', 4)
    got = assert(acquire.model({ model = dir .. '/m.twm' }, posts, run()))
    assert.are.equal('continue', got.how)
    -- a checkpoint alone resumes too
    os.remove(dir .. '/m.twm')
    got = assert(acquire.model({ model = dir .. '/m.twm' }, posts, run()))
    assert.are.equal('resume', got.how)
    assert.is_nil(got.file_model)
  end)

  it('fine-tunes a copy of the base, marked in its history, and refuses an existing model', function()
    local base = saved(dir .. '/base.twm', 2)
    local got = assert(acquire.model({ model = dir .. '/ft.twm', from = dir .. '/base.twm' }, posts, run()))
    assert.are.equal('finetune', got.how)
    assert.are.same({ 1, 32, 128 }, { got.added, got.batch, got.seq })
    local history = got.model:history()
    assert.is_true(require('tweeter.history').is_marker(history[#history]))
    assert.are.equal(0, #base:history())
    local none, err = acquire.model({ model = dir .. '/base.twm', from = dir .. '/base.twm' }, posts, run())
    assert.is_nil(none)
    assert.matches('already exists; to keep training it, leave out %-%-from', err)
    none, err = acquire.model({ model = dir .. '/ft.twm', from = dir .. '/nothing.twm' }, posts, run())
    assert.is_nil(none)
    assert.matches('^cannot load base model .*nothing%.twm', err)
  end)

  it('refuses another architecture, a checkpoint of another model, and a missing folder', function()
    saved(dir .. '/m.twm', 1)
    local none, err = acquire.model({ model = dir .. '/m.twm', hidden = 16 }, posts, run())
    assert.is_nil(none)
    assert.matches('^option hidden=16 does not match the existing model\'s hidden=8', err)
    saved(dir .. '/m.twm.ckpt', 1, { embed = 4, hidden = 12, layers = 1, vocab = table.concat(posts) })
    none, err = acquire.model({ model = dir .. '/m.twm' }, posts, run())
    assert.is_nil(none)
    assert.matches('does not match model .*%(hidden 12, the model\'s 8%)', err)
    none, err = acquire.model({ model = dir .. '/no/m.twm' }, posts, run())
    assert.is_nil(none)
    assert.matches('^cannot create model .*: folder .*/no does not exist$', err)
    -- a rank that only reads leaves the folder to the one that writes
    assert(acquire.model({ model = dir .. '/no/m.twm', embed = 4, hidden = 8 }, posts,
      run{ writes = false, checkpoint = dir .. '/no/m.twm.ckpt' }))
  end)

  it('refuses a model that does not fit in the memory left, on this rank\'s share of the batch', function()
    local opts = { model = dir .. '/m.twm', embed = 4, hidden = 8, layers = 1, batch = 64, seq = 64 }
    local need = core.training_bytes({ embed = 4, hidden = 8, layers = 1, vocab_size = 30 }, 64, 64)
    local available = core.memory_available
    core.memory_available = function() return need // 3 end
    local none, err = acquire.model(opts, posts, run())
    local shared = acquire.model(opts, posts, run{ ranks = 4 })
    core.memory_available = available
    assert.is_nil(none)
    assert.matches('^not enough memory for batch 64 × seq 64 at hidden 8: about', err)
    assert.are.equal('new', assert(shared).how)
  end)
end)
