-- What a new user still trips over in the first hour: fresh posts on every run,
-- resumed fine-tunes, their step numbers, model file sizes, `base` as a model name, progress
-- from the Lua API, the REPL's help, and write errors on standard output.
local helper = require('helper')
local tweeter = require('tweeter')
local core = tweeter.core

local run = helper.tweeter

local function lines_of(s)
  local out = {}
  for line in s:gmatch('[^\n]+') do out[#out + 1] = line end
  return out
end

-- An untrained model (its posts are nearly uniform draws over its characters), saved.
local function untrained(path)
  local m = core.model{ embed = 8, hidden = 16, layers = 1, vocab = 'abcdefghijklmnopqrstuvwxyz .' }
  assert(m:save(path))
  return path
end

describe('the first hour', function()
  local dir
  setup(function() dir = helper.tmpdir() end)
  teardown(function() helper.rm_rf(dir) end)

  describe('generate', function()
    it('draws fresh posts each run without --seed, and the same posts with one', function()
      local model = untrained(dir .. '/fresh.twm')
      local gen = { 'generate', model, '-n', '5', '--max-length', '400', '--temperature', '1', '--top-p', '1', '--plain' }
      local c1, out1, err1 = run(gen)
      local c2, out2, err2 = run(gen)
      assert.are.equal(0, c1, err1)
      assert.are.equal(0, c2, err2)
      assert.are.equal(5, #lines_of(out1))
      assert.are_not.equal(out1, out2)
      local seeded = helper.args(gen, '--seed', '12')
      local _, s1 = run(seeded)
      local _, s2 = run(seeded)
      assert.are.equal(s1, s2)
      -- the same seed gives what the core gives for it: the c-th call of the core with seed + c - 1
      local expect = assert(core.load(model)):generate{ n = 5, seed = 12, max_length = 400, temperature = 1 }
      assert.are.same(expect, lines_of(s1))
    end)

    it('tweeter.generate draws fresh posts on every call of a freshly loaded model, and repeats with seed', function()
      local model = untrained(dir .. '/fresh_lua.twm')
      local opts = { n = 5, max_length = 40, temperature = 1, top_p = 1 }
      local a = tweeter.generate(assert(tweeter.load(model)), opts)
      local b = tweeter.generate(assert(tweeter.load(model)), opts)
      assert.are_not.same(a, b)
      local sa = tweeter.generate(assert(tweeter.load(model)), { n = 5, seed = 3 })
      local sb = tweeter.generate(assert(tweeter.load(model)), { n = 5, seed = 3 })
      assert.are.same(sa, sb)
    end)

    it('says so in --help', function()
      local _, out = run({ 'generate', '--help' })
      assert.matches('without %-%-seed', out)
    end)
  end)

  describe('the model name base', function()
    it('generate, info and eval take base for the shipped base model, as train --from does', function()
      local shipped = assert(tweeter.base_model())
      local code, out, err = run({ 'generate', 'base', '-n', '2', '--seed', '4', '--max-length', '60' })
      assert.are.equal(0, code, err)
      assert.are.equal(2, #lines_of(out))
      local code2, out2, err2 = run({ 'info', 'base', '--json' })
      assert.are.equal(0, code2, err2)
      local info = require('cjson').decode(out2)
      assert.matches('models/base%.twm$', info.path)
      assert.are.equal(assert(core.load(shipped)):info().steps, info.steps)
      local posts = helper.write(dir .. '/eval.txt', helper.posts(20, 3))
      local code3, out3, err3 = run({ 'eval', 'base', posts, '--json' })
      assert.are.equal(0, code3, err3)
      assert.is_true(require('cjson').decode(out3).bpc > 0)
      local _, help = run({ 'generate', '--help' })
      assert.matches('MODEL "base": the base model shipped with tweeter', help)
    end)

    it('reads a file named base in the current folder as ./base', function()
      untrained(dir .. '/base')
      local code, out, err = helper.run(('cd %s && %s info ./base --json'):format(helper.quote(dir),
        helper.quote(helper.root .. '/bin/tweeter')))
      assert.are.equal(0, code, err)
      assert.are.equal(16, require('cjson').decode(out).hidden)
    end)
  end)

  describe('write errors on standard output', function()
    -- bin/tweeter with argv, its standard output on /dev/full: exit code and standard error
    local function to_full(argv)
      local parts = { helper.quote(helper.root .. '/bin/tweeter') }
      for _, a in ipairs(argv) do parts[#parts + 1] = helper.quote(a) end
      local errf = helper.tmppath('.err')
      local ok, how, code = os.execute(table.concat(parts, ' ') .. ' > /dev/full 2> ' .. helper.quote(errf))
      local text = helper.read(errf)
      os.remove(errf)
      if how == 'signal' then code = 128 + code end
      return ok and 0 or code, text
    end

    it('fail generate, info, eval and --help with status 1 and a message', function()
      local model = untrained(dir .. '/full.twm')
      local posts = helper.write(dir .. '/full.txt', helper.posts(10, 2))
      for _, argv in ipairs({ { 'generate', model, '-n', '50' }, { 'info', model }, { 'info', model, '--json' },
          { 'eval', model, posts }, { 'generate', '--help' }, { '--help' }, { '--version' } }) do
        local code, text = to_full(argv)
        assert.are.equal(1, code, table.concat(argv, ' ') .. ': ' .. text)
        assert.matches('cannot write to standard output: .*No space left on device', text)
        assert.is_nil(text:find('traceback', 1, true))
      end
    end)
  end)

  describe("the REPL's help", function()
    local repl = require('tweeter.repl')

    it('shows values, not constant names or "see above", for every function of tweeter', function()
      local generate = require('tweeter.generate')
      local text = repl.help_text(tweeter.generate)
      assert.truthy(text:find(('`temperature` (%s)'):format(generate.TEMPERATURE), 1, true), text)
      assert.truthy(text:find(('(%s; top_k 0'):format(generate.TOP_P), 1, true), text)
      for name, f in pairs(tweeter) do
        if type(f) == 'function' then
          local help = repl.help_text(f)
          assert.is_nil(help:find('see above', 1, true), name)
          for constant in help:gmatch('`(%u[%u%d_]*)`') do
            -- names left are the environment's (`TWEETER_BASE_MODEL`), not a module's constants
            assert.is_nil(generate[constant], name .. ': ' .. constant)
            assert.is_nil(require('tweeter.train')[constant], name .. ': ' .. constant)
          end
        end
      end
    end)

    it('help(tweeter) lists every field the README uses, the lazily loaded modules too', function()
      local text = repl.help_text(tweeter)
      local listed = {}
      for name in text:match('^fields: ([^\n]*)'):gmatch('([%w_]+)') do listed[name] = true end
      for _, name in ipairs({ 'posts', 'clean', 'corpus', 'import', 'fetch', 'train', 'generate', 'load',
          'base_model', 'evaluate', 'new_model', 'vocab_of', 'core' }) do
        assert.is_true(listed[name], name)
      end
      for name in pairs(listed) do assert.is_not_nil(tweeter[name], name) end
      assert.are.same({ 'tweeter.posts' }, repl.complete({ tweeter = tweeter }, 'tweeter.p'))
    end)
  end)

  describe('a fine-tuned model trained further', function()
    local train = require('tweeter.train')
    local history = require('tweeter.history')
    local LN2 = math.log(2)
    local data, base

    setup(function()
      data = helper.write(dir .. '/ft_posts.txt', helper.posts(200, 7))
      -- a base whose validation (on its own generic posts) no fine-tune on other posts beats
      local m = core.model{ embed = 8, hidden = 16, layers = 1, vocab = tweeter.vocab_of(helper.posts(200, 7)) }
      m:add_history(10, 1.0, 0.05)
      base = dir .. '/ft_base.twm'
      assert(m:save(base))
    end)

    local function opts(extra)
      local o = { data = data, batch = 8, seq = 32, lr = 0.01, valid_every = 10, patience = 3,
        progress = false, samples = 0 }
      for k, v in pairs(extra) do o[k] = v end
      return o
    end

    it('counts only the validations since its fine-tune began, for early stopping and the best', function()
      local model = dir .. '/ft_resumed.twm'
      assert(train.run(opts{ model = model, from = base, steps = 30 }))
      -- a fine-tune that has converged: the next validation does not improve (a rate this
      -- small leaves the weights as they are), one of the four in a row patience allows
      local s = assert(train.run(opts{ model = model, steps = 20, lr = 1e-30, patience = 4 }))
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
      local train = { 'train', '--data', posts, '--steps', '20', '--valid-every', '10', '--embed', '8',
        '--hidden', '32', '--layers', '1', '--batch', '8', '--seq', '32', '--quiet' }
      local code, _, err = run(helper.args(train, '--model', model))
      assert.are.equal(0, code, err)
      local code2, _, err2 = run(helper.args(train, '--model', half, '--half'))
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
