-- What a new user trips over: the examples and the shipped base from any folder,
-- train --data taking what import reads, checked option names, small model files, feedback
-- while fine-tuning, failed fetches, and the smaller edges of generate and the status line.
local helper = require('helper')
local cjson = require('cjson')
local tweeter = require('tweeter')
local core = tweeter.core
local options = require('tweeter.options')
local history = require('tweeter.history')
local progress = require('tweeter.progress')
local svg = require('tweeter.svg')

local q, run, args = helper.quote, helper.tweeter, helper.args
local SMALL = { '--embed', '8', '--hidden', '16', '--layers', '1', '--batch', '8', '--seq', '32' }
local LN2 = math.log(2)

local function lines_of(s)
  local out = {}
  for line in s:gmatch('[^\n]+') do out[#out + 1] = line end
  return out
end

describe('a new user', function()
  local dir, posts_txt, base
  setup(function()
    dir, posts_txt = helper.posts_dir(80, 41, 'user.txt')
    base = dir .. '/base.twm'
    local code, _, err = run(args('train', '--data', helper.write(dir .. '/generic.txt', helper.posts(200, 42)),
      '--model', base, '--steps', '20', '--valid-every', '10', '--quiet', SMALL))
    assert.are.equal(0, code, err)
  end)
  teardown(function() helper.rm_rf(dir) end)

  it('runs the fine-tuning example from another folder, with the shipped base by default', function()
    local work = helper.tmpdir()
    local code, out, err = helper.run(('cd %s && lua5.4 %s %s models/ft.twm "" 2'):format(q(work),
      q(helper.root .. '/examples/finetune_user.lua'), q(posts_txt)))
    assert.are.equal(0, code, err)
    assert.matches('fine%-tuned models/ft%.twm from .*models/base%.twm', out)
    local base_steps = assert(core.load(helper.root .. '/models/base.twm')):info().steps
    assert.are.equal(base_steps + 2, assert(core.load(work .. '/models/ft.twm.ckpt')):info().steps)
    helper.rm_rf(work)
    for _, f in ipairs({ 'continue_base', 'continue_user', 'finetune_user', 'generate', 'train_base', 'train_user' }) do
      assert.is_nil(helper.read(helper.root .. '/examples/' .. f .. '.lua'):find("%.tw'"), f .. ': a .tw name')
    end
  end)

  it('finds the base model in the checkout and installed by make install', function()
    local path = assert(tweeter.base_model())
    assert.matches('models/base%.twm$', path)
    assert.are.equal('file', core.file_kind(path))
    local prefix = helper.tmpdir()
    local code, _, err = helper.run(('make -s install PREFIX=%s'):format(q(prefix)))
    assert.are.equal(0, code, err)
    local lua = ('cd / && LUA_PATH=%s LUA_CPATH=%s lua5.4'):format(
      q(prefix .. '/share/lua/5.4/?.lua;' .. prefix .. '/share/lua/5.4/?/init.lua;;'), q(prefix .. '/lib/lua/5.4/?.so;;'))
    local code2, out2, err2 = helper.run(lua .. ' -e ' .. q('print((require("tweeter").base_model()))'))
    assert.are.equal(0, code2, err2)
    assert.are.equal(prefix .. '/share/tweeter/base.twm\n', out2)
    -- the installed command fine-tunes --from base outside any checkout
    local code3, out3, err3 = helper.run(('cd %s && LUA_PATH=%s LUA_CPATH=%s %s/bin/tweeter train --data %s '
      .. '--model ft.twm --from base --steps 1 --quiet'):format(q(prefix),
      q(prefix .. '/share/lua/5.4/?.lua;' .. prefix .. '/share/lua/5.4/?/init.lua;;'), q(prefix .. '/lib/lua/5.4/?.so;;'),
      q(prefix), q(posts_txt)))
    assert.are.equal(0, code3, err3)
    assert.matches('%(finetune%)', out3)
    helper.rm_rf(prefix)
  end)

  it('trains on whatever import reads: a CSV, an archive folder, tweets.js', function()
    local csv = helper.write(dir .. '/posts.csv', { 'id,text,created_at', '1,"Hello, ""quoted"" world",2020-01-01',
      '2,Another post here,2020-01-02', '3,And a third one,2020-01-03' })
    local read = assert(require('tweeter.corpus').read(csv))
    assert.are.same({ 'Hello, "quoted" world', 'Another post here', 'And a third one' }, read)
    local archive = helper.root .. '/examples/sample-archive'
    local imported = require('tweeter.clean').posts((assert(tweeter.import(archive))))
    local from_dir = assert(require('tweeter.corpus').read(archive))
    assert.are.equal(#imported, #from_dir)
    assert.are.equal(imported[1].text, from_dir[1])
    assert.are.same(from_dir, assert(require('tweeter.corpus').read(archive .. '/data/tweets.js')))
    local code, out, err = run(args('train', '--data', archive, '--model', dir .. '/arch.twm', '--steps', '2', '--quiet', SMALL))
    assert.are.equal(0, code, err)
    assert.matches('%(new%)', out)
    local code2, _, err2 = run(args('train', '--data', csv, '--model', dir .. '/csv.twm', '--steps', '1', '--quiet', SMALL))
    assert.are.equal(0, code2, err2)
    -- the header is not training text: its characters are not in the vocabulary unless the posts have them
    assert.is_nil(assert(core.load(dir .. '/csv.twm')):vocab():find('_', 1, true))
  end)

  it('gets an error naming an unknown option, with a suggestion', function()
    local ok, msg = pcall(tweeter.train, { data = posts_txt, model = dir .. '/typo.twm', step = 2 })
    assert.is_false(ok)
    assert.matches("unknown option 'step'; did you mean 'steps'%?", msg)
    assert.is_false(helper.exists(dir .. '/typo.twm'))
    local m = assert(core.load(base))
    ok, msg = pcall(tweeter.generate, m, { n = 1, temprature = 0.5, bogus = 1 })
    assert.is_false(ok)
    assert.matches("unknown options 'bogus', 'temprature'; did you mean 'temperature'%?", msg)
    assert.has_error(function() tweeter.import(posts_txt, { include_retweet = true }) end,
      "bad argument #2 to 'read' (unknown option 'include_retweet'; did you mean 'include_retweets'?)")
    assert.error_matches(function() require('tweeter.clean').posts({}, { keep_url = true }) end,
      "did you mean 'keep_urls'")
    assert.error_matches(function() require('tweeter.corpus').split({}, { valid = 5 }) end, "unknown option 'valid'")
    assert.are.equal('steps', options.suggest('step', { 'steps', 'seq' }))
    assert.are.equal('lr_decay', options.suggest('lr-decay', { 'lr', 'lr_decay' }))
    assert.is_nil(options.suggest('zzzzzz', { 'steps', 'seq' }))
  end)

  it('keeps model files small with --half; the checkpoint alone holds the optimizer state', function()
    local model = dir .. '/half.twm'
    local code, _, err = run({ 'train', '--data', posts_txt, '--model', model, '--from', base, '--steps', '4',
      '--valid-every', '2', '--half', '--quiet' })
    assert.are.equal(0, code, err)
    local full = assert(io.open(model .. '.ckpt', 'rb')):seek('end')
    local half = assert(io.open(model, 'rb')):seek('end')
    assert.is_true(half * 3 < full, ('model %d bytes, checkpoint %d'):format(half, full))
    -- both load; the checkpoint resumes (and holds the steps)
    assert.are.equal(assert(core.load(model .. '.ckpt')):info().steps, 20 + 4)
    local code2, out2, err2 = run({ 'train', '--data', posts_txt, '--model', model, '--steps', '2', '--half', '--quiet' })
    assert.are.equal(0, code2, err2)
    assert.matches('%(resume%)', out2)
  end)

  it('sees the fine-tune itself: samples, agreeing step numbers, the SVG and info', function()
    local model = dir .. '/ft.twm'
    local code, out, err = run({ 'train', '--data', posts_txt, '--model', model, '--from', base, '--steps', '7',
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
    local code2, out2, err2 = run({ 'train', '--data', posts_txt, '--model', dir .. '/q.twm', '--from', base,
      '--steps', '6', '--valid-every', '3', '--quiet' })
    assert.are.equal(0, code2, err2)
    assert.are.equal('', err2)
    assert.are.equal(1, #lines_of(out2))
    -- the SVG shows the fine-tune, with a mark where it started
    local picture = helper.read(model .. '.svg')
    assert.matches('id="finetune"', picture)
    assert.matches('fine%-tuning started at step 20', picture)
    assert.matches('validation: user%.txt', picture)
    -- info: the fine-tune's own history
    local code3, out3 = run({ 'info', model, '--json' })
    assert.are.equal(0, code3)
    local j = cjson.decode(out3)
    assert.are.equal(20, j.finetune_step)
    for _, e in ipairs(j.history) do assert.is_true(e.step > 20) end
    local code4, out4 = run({ 'info', model })
    assert.are.equal(0, code4)
    assert.matches('fine%-tuned: from a base model at step 20', out4)
    local code5, out5 = run({ 'info', base, '--json' })
    assert.are.equal(0, code5)
    assert.are.equal(cjson.null, cjson.decode(out5).finetune_step)
  end)

  it('history.current keeps what follows the last fine-tuning marker', function()
    local h = { { step = 10, train = 2 }, { step = 20, train = 0 / 0 }, { step = 25, train = 1, valid = 1.5 } }
    local run_, at, before = history.current(h)
    assert.are.same({ { step = 25, train = 1, valid = 1.5 } }, run_)
    assert.are.equal(20, at)
    assert.are.equal(1, before)
    local all, none = history.current({ h[1] })
    assert.are.equal(1, #all)
    assert.is_nil(none)
  end)

  it('reads SVG tick labels with the decimals their spacing needs', function()
    local h = {}
    for k = 1, 10 do h[k] = { step = k * 100, train = (5 - k * 0.1) * LN2, valid = (4.5 - k * 0.05) * LN2 } end
    local picture = svg.loss_curve(h)
    local labels = {}
    for label in picture:gmatch('text%-anchor="end">([%d.]+)</text>') do labels[#labels + 1] = label end
    assert.is_true(#labels >= 2)
    local decimals = #(labels[1]:match('%.(%d+)$') or '')
    for _, l in ipairs(labels) do assert.are.equal(decimals, #(l:match('%.(%d+)$') or ''), table.concat(labels, ' ')) end
    assert.is_true(decimals >= 1)
  end)

  it('has a status line that fits the terminal and never cuts a number', function()
    local st = { step = 7990, first = 7980, total = 8080, epoch = 1.25, train_bpc = 2.1, valid_bpc = 2.0,
                 chars_per_s = 52000, eta = 95 }
    for _, width in ipairs({ 120, 80, 60, 50, 40, 30, 20, 12, 5 }) do
      local line = progress.bar_line(st, width)
      assert.is_true(#line < width, width .. ': ' .. line)
      -- every number shown is whole: the line is the full line with fields left out
      for number in line:gmatch('[%d.]+') do
        assert.truthy(progress.bar_line(st, 400):find(number, 1, true), width .. ': ' .. line)
      end
      if width >= 12 then assert.truthy(line:find('7990/8080', 1, true), width .. ': ' .. line) end
    end
    assert.truthy(progress.bar_line(st, 120):find('[=====', 1, true)) -- 10 of 100 steps of this run
  end)

  it('generates with temperature lists, --min-length and word-boundary cuts', function()
    local code, out, err = run({ 'generate', base, '-n', '2', '--temperature', '0.2,0.5,1.0', '--seed', '3' })
    assert.are.equal(0, code, err)
    assert.are.equal(6, #lines_of(out))
    assert.matches('temperature 0%.2:\ntemperature 0%.5:\ntemperature 1:\n', err)
    code, out, err = run({ 'generate', base, '-n', '20', '--min-length', '30', '--max-length', '40', '--seed', '4' })
    assert.are.equal(0, code, err)
    for _, line in ipairs(lines_of(out)) do
      local n = utf8.len(line)
      assert.is_true(n >= 30, line)
      assert.is_true(n <= 40, line)
    end
    local fails = { { '-n', '10001' }, { '--min-length', '50', '--max-length', '40' }, { '--temperature', '0.5,x' } }
    for _, extra in ipairs(fails) do
      local c, o, e = run(args('generate', base, extra))
      assert.are.equal(2, c, e)
      assert.are.equal('', o)
    end
    local c, _, e = run({ 'generate', base, '-n', '10001' })
    assert.are.equal(2, c)
    assert.matches('an integer from 1 to 10000', e)
    local _, help = run({ 'generate', '--help' })
    assert.matches('1 to 10000', help)
    assert.matches('%-%-min%-length', help)
  end)

  it('ends a post cut at max_length at its last word boundary', function()
    local m = assert(core.load(helper.root .. '/models/base.twm'))
    local gen = { n = 30, max_length = 60, seed = 5, temperature = 0.8, top_p = 0.95, word_min_p = 0.1 }
    local kept = tweeter.generate(m, gen)
    local raw = m:generate(gen) -- the same seed: the same posts before the cut
    local cut = 0
    for k, p in ipairs(kept) do
      assert.is_true(utf8.len(p) <= 60)
      if p ~= raw[k] then
        cut = cut + 1
        assert.are.equal(60, utf8.len(raw[k]))
        assert.are.equal(p, raw[k]:sub(1, #p))
        assert.matches('^%s', raw[k]:sub(#p + 1), raw[k]) -- what was dropped starts at a space
        assert.is_true(utf8.len(p) > 30)
      end
    end
    assert.is_true(cut > 0)
  end)

  it('streams posts to on_post as they are made', function()
    local m = assert(core.load(base))
    local seen = {}
    local list = tweeter.generate(m, { n = 70, seed = 1, on_post = function(p) seen[#seen + 1] = p end })
    assert.are.same(list, seen)
    assert.are.equal(70, #seen)
  end)
end)

describe('a failed fetch', function()
  it('leaves no files and says what failed', function()
    local work = helper.tmpdir()
    local code, _, err = helper.run(('cd %s && env -u TWITTER_BEARER_TOKEN %s fetch someone'):format(q(work),
      q(helper.root .. '/bin/tweeter')))
    assert.are.equal(1, code)
    assert.matches('TWITTER_BEARER_TOKEN is not set', err)
    local code2, listing = helper.run('ls -A ' .. q(work))
    assert.are.equal(0, code2)
    assert.are.equal('', listing)
    -- a name that does not resolve: said so, at once, not retried
    local code3, _, err3 = helper.run(('cd %s && %s fetch someone.bsky.social --api-base http://nothing.invalid'):format(
      q(work), q(helper.root .. '/bin/tweeter')))
    assert.are.equal(1, code3)
    assert.matches('DNS lookup failed', err3)
    assert.is_nil(err3:find('waiting', 1, true))
    local _, listing2 = helper.run('ls -A ' .. q(work))
    assert.are.equal('', listing2)
    -- refused: retried, and each wait says why
    local code4, _, err4 = helper.run(('cd %s && %s fetch someone.bsky.social --api-base http://127.0.0.1:1 --out p/x.jsonl'):format(
      q(work), q(helper.root .. '/bin/tweeter')))
    assert.are.equal(1, code4)
    assert.matches('waiting %d+ s: connection refused or unreachable', err4)
    local _, listing3 = helper.run('ls -A ' .. q(work))
    assert.are.equal('', listing3)
    helper.rm_rf(work)
  end)
end)
