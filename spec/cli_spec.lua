local helper = require('helper')
local cjson = require('cjson')
local tweeter = require('tweeter')

local run = helper.tweeter

-- bin/tweeter with argv exits with code_expected, prints nothing on stdout and says each
-- of the patterns on stderr.
local function fails(code_expected, argv, ...)
  local code, out, err = run(argv)
  assert.are.equal(code_expected, code, err)
  for _, pattern in ipairs({ ... }) do assert.matches(pattern, err) end
  assert.are.equal('', out)
end
local SMALL = { '--embed', '8', '--hidden', '16', '--layers', '1', '--batch', '8', '--seq', '32', '--lr', '0.01' }

local args = helper.args

local function info_json(path)
  local code, out, err = run({ 'info', path, '--json' })
  assert.are.equal(0, code, err)
  return cjson.decode(out)
end

describe('tweeter command', function()
  local dir, generic, user, user_more
  setup(function()
    dir = helper.tmpdir()
    generic = helper.write(dir .. '/generic.txt', helper.posts(300, 21))
    -- the user's posts as a JSON Lines posts store, with characters the base never saw
    local lines = {}
    for i, p in ipairs(helper.posts(80, 5, { 'café', '😀', 'naïve' })) do
      lines[i] = cjson.encode({ id = tostring(1000 + i), text = p, created_at = '2024-01-01T00:00:00Z' })
    end
    user = helper.write(dir .. '/user.jsonl', lines)
    local more = helper.posts(100, 6, { 'café', '😀', 'naïve', 'done ✓' })
    more[#more + 1] = 'done ✓ today'
    user_more = helper.write(dir .. '/user_more.txt', more)
  end)
  teardown(function() helper.rm_rf(dir) end)

  describe('the five options', function()
    it('1. trains a base model on generic posts', function()
      local code, out, err = run(args('train', '--data', generic, '--model', dir .. '/base.tw', '--steps', '30', SMALL))
      assert.are.equal(0, code, err)
      assert.matches('model: .-base.tw %(new%)', out)
      local info = info_json(dir .. '/base.tw')
      assert.are.equal(30, info.steps)
      assert.are.equal(16, info.hidden)
      assert.is_true(helper.exists(dir .. '/base.tw.ckpt'))
      assert.matches('<svg', helper.read(dir .. '/base.tw.svg'))
    end)

    it('2. keeps training the base model', function()
      local code, out, err = run({ 'train', '--data', generic, '--model', dir .. '/base.tw', '--steps', '20', '--quiet' })
      assert.are.equal(0, code, err)
      assert.matches('steps: 50 %(20 in this run', out)
      assert.are.equal(50, assert(tweeter.load(dir .. '/base.tw.ckpt')):info().steps)
      assert.are.equal('', err) -- --quiet
    end)

    it('3. trains a new user model from scratch (JSON Lines posts)', function()
      local code, out, err = run(args('train', '--data', user, '--model', dir .. '/user.tw', '--epochs', '2', SMALL))
      assert.are.equal(0, code, err)
      assert.matches('%(new%)', out)
      local m = assert(tweeter.load(dir .. '/user.tw.ckpt'))
      assert.are.equal('', m:missing_chars('café 😀 naïve'))
      assert.is_true(m:info().steps >= 2)
    end)

    it('4. fine-tunes a user model from the base, growing its vocabulary', function()
      local base = info_json(dir .. '/base.tw')
      local code, out, err = run({ 'train', '--data', user, '--model', dir .. '/ft.tw', '--from', dir .. '/base.tw',
        '--steps', '15' })
      assert.are.equal(0, code, err)
      assert.matches('%(finetune%)', out)
      assert.matches('fine%-tuning a copy of', err)
      local ft = info_json(dir .. '/ft.tw')
      assert.is_true(ft.vocab_size >= base.vocab_size + 3)
      assert.is_truthy(ft.vocab:find('😀', 1, true))
      assert.are.equal(base.hidden, ft.hidden)
      assert.are.equal(base.steps + 15, assert(tweeter.load(dir .. '/ft.tw.ckpt')):info().steps)
      assert.are.equal(base.steps, info_json(dir .. '/base.tw').steps) -- the base is untouched
    end)

    it('5. keeps training an existing user model on more posts', function()
      local before_model = assert(tweeter.load(dir .. '/user.tw.ckpt'))
      local before = before_model:info()
      local new_chars = before_model:missing_chars((helper.read(user_more):gsub('\n', '')))
      assert.is_truthy(new_chars:find('✓', 1, true))
      local code, out, err = run({ 'train', '--data', user_more, '--model', dir .. '/user.tw', '--steps', '10', '--quiet' })
      assert.are.equal(0, code, err)
      assert.matches('%(resume%)', out)
      local after = assert(tweeter.load(dir .. '/user.tw.ckpt')):info()
      assert.are.equal(before.steps + 10, after.steps)
      assert.are.equal(before.vocab_size + utf8.len(new_chars), after.vocab_size)
      assert.are.equal('', assert(tweeter.load(dir .. '/user.tw.ckpt')):missing_chars('done ✓'))
    end)

    it('generates posts, one per line, reproducibly with a seed', function()
      local code, out, err = run({ 'generate', dir .. '/ft.tw', '-n', '4', '--seed', '7', '--max-length', '60' })
      assert.are.equal(0, code, err)
      local lines = {}
      for l in out:gmatch('([^\n]*)\n') do lines[#lines + 1] = l end
      assert.are.equal(4, #lines)
      for _, l in ipairs(lines) do assert.is_true(utf8.len(l) <= 60) end
      local code2, out2 = run({ 'generate', dir .. '/ft.tw', '-n', '4', '--seed', '7', '--max-length', '60' })
      assert.are.equal(0, code2)
      assert.are.equal(out, out2)
      local _, primed = run({ 'generate', dir .. '/ft.tw', '-n', '2', '--prime', 'Big', '--seed', '1',
        '--temperature', '0.5', '--top-k', '5', '--top-p', '0.9' })
      for l in primed:gmatch('([^\n]*)\n') do assert.matches('^Big', l) end
    end)

    it('generate drops posts that copy 40+ characters of the training posts, or of --novel-against', function()
      local one = helper.write(dir .. '/one.txt', { 'the quick brown fox jumps over the lazy dog and keeps on running far away' })
      local code = run({ 'train', '--data', one, '--model', dir .. '/mem.tw', '--steps', '150', '--embed', '16',
        '--hidden', '32', '--batch', '4', '--seq', '32', '--lr', '0.02', '--quiet' })
      assert.are.equal(0, code)
      local gen = { 'generate', dir .. '/mem.tw', '-n', '2', '--temperature', '0.2', '--seed', '1' }
      local code2, copies, err2 = run(args(gen, '--allow-copies'))
      assert.are.equal(0, code2, err2)
      assert.matches('the quick brown fox jumps over the lazy dog', copies)
      assert.are.equal('', err2)
      -- the model remembers its one post: its copies are dropped by default
      fails(1, gen, "dropped %d+ of %d+ generated posts that copied 40 or more characters of the model's "
        .. 'training posts\n', 'only 0 novel posts')
      fails(1, args(gen, '--novel-against', one), "dropped %d+ of %d+ generated posts that copied 40 or more "
        .. "characters of the model's training posts or of " .. one:gsub('%p', '%%%0'), 'only 0 novel posts')
      fails(1, args(gen, '--allow-copies', '--novel-against', one), 'dropped %d+ of %d+ generated posts that '
        .. 'copied 40 or more characters of ' .. one:gsub('%p', '%%%0') .. '\n', 'only 0 novel posts')
      -- and when nothing was dropped, the guard says nothing
      local code3, out3, err3 = run({ 'generate', dir .. '/ft.tw', '-n', '2', '--seed', '1', '--max-length', '30' })
      assert.are.equal(0, code3, err3)
      assert.are.equal(2, select(2, out3:gsub('\n', '')))
      assert.are.equal('', err3)
      local info_code, info_out = run({ 'info', dir .. '/mem.tw' })
      assert.are.equal(0, info_code)
      assert.matches('\ncopy guard: 34 windows of its training posts\n', info_out)
      assert.are.equal(34, info_json(dir .. '/mem.tw').remembered)
    end)
  end)

  describe('eval and info', function()
    it('eval prints bits per character, and --json an object with bpc, posts, chars', function()
      local code, out = run({ 'eval', dir .. '/base.tw', generic })
      assert.are.equal(0, code)
      assert.matches('bits per character over %d+ characters of 300 posts', out)
      local code2, js = run({ 'eval', dir .. '/base.tw', generic, '--json' })
      assert.are.equal(0, code2)
      local r = cjson.decode(js)
      assert.is_true(r.bpc > 0 and r.bpc < 10)
      assert.are.equal(300, r.posts)
      assert.is_true(r.chars > 300)
      assert.is_number(r.nats)
    end)

    it('info prints the configuration, and --json has the documented keys', function()
      local code, out = run({ 'info', dir .. '/base.tw' })
      assert.are.equal(0, code)
      assert.matches('config: embed 8, hidden 16, layers 1', out)
      assert.matches('history %(step, train bpc, valid bpc%)', out)
      local j = info_json(dir .. '/base.tw')
      for _, k in ipairs({ 'embed', 'hidden', 'layers', 'vocab_size', 'params', 'steps', 'history' }) do
        assert.is_not_nil(j[k], k)
      end
      assert.are.equal(8, j.embed)
      assert.are.equal(1, j.layers)
      assert.are.equal(require('tweeter.core').set_precision('auto') == 'bf16',
                       j.kernels:find('bf16', 1, true) ~= nil)
      assert.matches('kernels on this machine: ' .. j.kernels:gsub('%-', '%%-'), out)
      assert.is_true(j.params > 0)
      assert.is_true(#j.history >= 1)
      -- the base remembers the windows of its training posts that are 40 characters or more
      assert.is_true(j.remembered > 0)
      assert.matches(('\ncopy guard: %d windows of its training posts\n'):format(j.remembered), out)
      -- a version 2 model has no guard
      local _, base_out = run({ 'info', helper.root .. '/models/base.twm' })
      assert.matches('\ncopy guard: none\n', base_out)
      assert.are.equal(0, info_json(helper.root .. '/models/base.twm').remembered)
      -- large counts in thousands
      local m = require('tweeter.core').model{ embed = 2, hidden = 2, layers = 1, vocab = 'ab' }
      local letters, x = {}, 1
      for i = 1, 2000 do
        x = (x * 1103515245 + 12345) & 0x7fffffff
        letters[i] = string.char(97 + (x >> 16) % 26)
      end
      local n = m:remember{ table.concat(letters) }
      assert.is_true(n > 1000 and n <= 1961)
      assert(m:save(dir .. '/guard.tw'))
      local _, guard_out = run({ 'info', dir .. '/guard.tw' })
      assert.matches(('\ncopy guard: 1,%03d windows of its training posts\n'):format(n - 1000), guard_out)
    end)
  end)

  describe('--precision', function()
    local core = require('tweeter.core')
    local function train_args(precision)
      return args('train', '--data', generic, '--model', dir .. '/p-' .. precision .. '.tw',
                  '--steps', '3', '--quiet', '--precision', precision, SMALL)
    end
    local function train(precision) return run(train_args(precision)) end

    it('fp32 runs every product in float32 and says which kernels ran', function()
      local code, out, err = train('fp32')
      assert.are.equal(0, code, err)
      assert.matches('kernels: [%w%-]+%-fp32\n', out)
      assert.are.equal('', err)
    end)

    it('bf16 runs bf16 products where the CPU has them, else float32 with a note', function()
      local before = select(2, core.precision())
      local here, why = core.set_precision('bf16')
      core.set_precision(before)
      local code, out, err = train('bf16')
      assert.are.equal(0, code, err)
      if here == 'bf16' then
        assert.matches('kernels: onednn%-[%w]+%-bf16\n', out)
        assert.are.equal('', err)
      else
        assert.matches('kernels: [%w%-]+%-fp32\n', out)
        assert.matches('bf16 is not available %(' .. why:gsub('%p', '%%%0') .. '%)', err)
      end
    end)

    it('refuses anything but auto, bf16 and fp32', function()
      fails(2, train_args('fp16'), 'precision', 'one of auto, bf16, fp32')
    end)
  end)

  describe('errors', function()

    it('reject unknown commands and options', function()
      fails(2, { 'frobnicate' }, "unknown command 'frobnicate'")
      fails(2, { 'train', '--data', generic, '--model', 'x', '--bogus' }, "tweeter train: unknown option '%-%-bogus'")
      fails(2, { 'generate', 'm', '-q' }, "unknown option '%-q'")
      fails(2, { 'info', 'a', 'b' }, "unexpected argument 'b'")
      fails(2, { 'eval', 'a' }, 'missing FILE')
      fails(2, {}, 'usage: tweeter')
    end)

    it('reject bad values', function()
      fails(2, { 'train', '--data', generic, '--model', 'x', '--steps', 'abc' }, "'%-%-steps' expects a positive integer, got 'abc'")
      fails(2, { 'train', '--data', generic, '--model', 'x', '--steps', '0' }, 'expects a positive integer')
      fails(2, { 'train', '--data', generic, '--model', 'x', '--lr', '-1' }, "'%-%-lr' expects a positive number")
      fails(2, { 'train', '--data', generic, '--model', 'x', '--dropout=1.5' }, "'%-%-dropout' expects a number in %[0, 1%)")
      fails(2, { 'train', '--data', generic, '--model', 'x', '--steps', '5', '--epochs', '1' }, "either '%-%-epochs' or '%-%-steps'")
      fails(2, { 'train', '--model', 'x' }, "option '%-%-data' is required")
      fails(2, { 'train', '--data' }, "needs a value")
      fails(2, { 'generate', 'm', '--temperature', 'hot' },
        "'%-%-temperature' expects a number from 0 to 100, or a comma%-separated list of them, got 'hot'")
      fails(2, { 'generate', 'm', '--top-p', '2' }, 'expects a number in %(0, 1%]')
      fails(2, { 'generate', 'm', '-n', '1.5' }, "'%-n' expects an integer from 1 to 10000")
      fails(2, { 'fetch', 'someone', '--source', 'myspace' }, 'expects one of twitter, mastodon, bluesky')
      fails(2, { 'fetch', 'someone', '--api-base', 'ftp://x' }, 'expects an http:// or https:// URL')
      fails(2, { 'eval', 'm', 'f', '--json=yes' }, "takes no value")
    end)

    it('report missing files and models with a non-zero exit', function()
      fails(1, { 'train', '--data', dir .. '/nope.txt', '--model', dir .. '/x.tw' }, 'cannot read posts file')
      fails(1, { 'generate', dir .. '/missing.tw' }, 'cannot load model .*missing.tw')
      fails(1, { 'eval', dir .. '/missing.tw', generic }, 'cannot load model')
      fails(1, { 'eval', dir .. '/base.tw', dir .. '/nope.txt' }, 'cannot read posts file')
      fails(1, { 'info', dir .. '/missing.tw' }, 'cannot load model')
      helper.write(dir .. '/garbage.tw', 'garbage')
      fails(1, { 'info', dir .. '/garbage.tw' }, 'cannot load model')
      fails(1, { 'train', '--data', user, '--model', dir .. '/base.tw', '--from', dir .. '/base.tw' }, 'already exists')
      fails(1, { 'train', '--data', generic, '--model', dir .. '/base.tw', '--hidden', '64' }, 'does not match')
      fails(1, { 'import', dir .. '/nope.js', '--out', dir .. '/o.jsonl' }, 'tweeter import: ')
    end)
  end)

  it('train --data cleans the posts as import does, says what it dropped, and refuses a file with no usable post', function()
    -- Q and Z appear only in the posts import drops: the model must not learn them
    local raw = helper.write(dir .. '/raw.txt', { 'RT @someone: Quite not mine', 'https://example.com/Zebra',
      'fish &amp; chips', 'see https://t.co/x1 here', 'fish &amp; chips', 'the last one' })
    local code, _, err = run(args('train', '--data', raw, '--model', dir .. '/raw.tw', '--steps', '2', SMALL))
    assert.are.equal(0, code, err)
    assert.matches('raw.txt: 6 posts read, 3 kept after cleaning %(1 retweets, 1 empty, 1 duplicates dropped%)',
      err)
    local m = assert(tweeter.load(dir .. '/raw.tw'))
    assert.are.equal('QZ', m:missing_chars('QZ'))
    assert.are.equal('', m:missing_chars('&'))
    local urls = helper.write(dir .. '/urls.txt', { 'https://a.example/1', 'http://b.example/2 ', 'www.c.example/3' })
    fails(1, { 'train', '--data', urls, '--model', dir .. '/urls.tw', '--steps', '2' },
      'no usable posts in .*urls%.txt: 3 posts read, 0 kept after cleaning %(0 retweets, 3 empty, 0 duplicates dropped%)')
    assert.is_false(helper.exists(dir .. '/urls.tw'))
  end)

  it('import and train --data read a Twitter archive .zip without unpacking it', function()
    local zip = helper.zip(dir .. '/twitter-archive.zip', {
      { name = 'data/tweets.js', file = 'examples/sample-archive/data/tweets.js' } })
    local code, out, err = run({ 'import', zip, '--out', dir .. '/from-zip.jsonl' })
    assert.are.equal(0, code, err)
    assert.are.equal(dir .. '/from-zip.jsonl\n', out)
    local from_folder = dir .. '/from-folder.jsonl'
    assert.are.equal(0, (run({ 'import', 'examples/sample-archive', '--out', from_folder })))
    assert.are.equal(helper.read(from_folder), helper.read(dir .. '/from-zip.jsonl'))
    local summary = err:match('(%d+ posts read, [^;]+);')
    assert.is_string(summary, err)
    code, out, err = run(args('train', '--data', zip, '--model', dir .. '/zip.tw', '--steps', '1', SMALL))
    assert.are.equal(0, code, err)
    assert.matches('model: .-zip%.tw %(new%)', out)
    assert.is_truthy(err:find('twitter-archive.zip: ' .. summary, 1, true), err)
    local evil = helper.zip(dir .. '/evil.zip', { { name = '../../etc/passwd', text = 'x' } })
    fails(1, { 'import', evil, '--out', dir .. '/evil.jsonl' }, "entry '%.%./%.%./etc/passwd' points outside the archive")
    assert.is_false(helper.exists(dir .. '/evil.jsonl'))
  end)

  it('import reads a posts file, cleans it and merges it into the posts store without duplicates', function()
    local src = helper.write(dir .. '/raw.txt', { 'hello world post', 'second &amp; post', 'hello world post' })
    local store = dir .. '/store/raw.jsonl'
    local code, out, err = run({ 'import', src, '--out', store })
    assert.are.equal(0, code, err)
    assert.are.equal(store .. '\n', out)
    assert.matches('3 posts read, 2 kept', err)
    run({ 'import', src, '--out', store })
    local lines = {}
    for l in helper.read(store):gmatch('[^\n]+') do lines[#lines + 1] = cjson.decode(l).text end
    table.sort(lines)
    assert.are.same({ 'hello world post', 'second & post' }, lines)
  end)

  describe('help, version and repl', function()
    it('prints --help for the command and each subcommand', function()
      local code, out = run({ '--help' })
      assert.are.equal(0, code)
      for _, c in ipairs({ 'fetch', 'import', 'train', 'generate', 'eval', 'info', 'repl' }) do
        assert.matches('\n  ' .. c .. ' ', out)
        local c2, o2 = run({ c, '--help' })
        assert.are.equal(0, c2)
        assert.matches('^usage: tweeter ' .. c, o2)
      end
      local _, tout = run({ 'train', '-h' })
      assert.matches('%-%-from BASE', tout)
      assert.matches('%-%-novel%-against FILE', select(2, run({ 'generate', '--help' })))
      assert.matches("%-%-allow%-copies +keep posts copying 40%+ characters of the model's training posts",
        select(2, run({ 'generate', '--help' })))
    end)

    it('prints --version', function()
      local code, out = run({ '--version' })
      assert.are.equal(0, code)
      assert.matches('^tweeter %d+%.%d+%.%d+', out)
      -- the modules and the core built beside them say the same version, each from its one definition
      local version = require('tweeter.cli').VERSION
      assert.are.equal('tweeter ' .. version, require('tweeter')._VERSION)
      assert.are.equal('tweeter.core ' .. version, require('tweeter.core')._VERSION)
      assert.are.equal(('tweeter %s (tweeter.core %s)'):format(version, version), out:match('^[^\n]+'))
    end)

    it('repl evaluates lines from standard input with tweeter loaded', function()
      local code, out, err = run({ 'repl' }, 'x = 6 * 7\nx\ntweeter.vocab_of({"ba", "c"})\nfor i = 1, 2 do\nprint(i)\nend\n'
        .. 'type(tweeter.core.model)\n')
      assert.are.equal(0, code, err)
      assert.are.equal('42\nabc\n1\n2\nfunction\n', out)
      local code2, _, err2 = run({ 'repl' }, 'error("boom")\n1 +\n')
      assert.are.equal(1, code2)
      assert.matches('boom', err2)
    end)
  end)
end)

describe('tweeter messages', function()
  local dir
  before_each(function() dir = helper.tmpdir() end)
  after_each(function() helper.rm_rf(dir) end)

  -- `tweeter train` with its run replaced by the code of a file (so that raising it leaves a
  -- position in a .lua file, as the program's own code does)
  local function train_running(code)
    local stub = helper.write(dir .. '/stub.lua', code)
    return helper.cli_child({ 'train', '--data', 'posts.txt', '--model', 'm.twm' },
      ('require("tweeter.train").run = loadfile(%q)'):format(stub))
  end

  it('never start with a file and line of the code', function()
    -- the core's refusal, raised by luaL_error with the position of its Lua caller
    local code, _, err = train_running([[
      local m = require('tweeter.core').model{ vocab = 'ab', embed = 1, hidden = 1, layers = 1 }
      return m:encode({ 'ab' }):batches(65536, 2048)
    ]])
    assert.are.equal(2, code, err)
    assert.matches('^tweeter train: batch too large: 65536 x 2048 steps\n', err)
    -- a bug says where it was raised, after the message
    code, _, err = train_running('local x = nil\nreturn x.field')
    assert.are.equal(1, code, err)
    assert.matches("^tweeter train: internal error: attempt to index a nil value %(local 'x'%) "
      .. '%(at .*stub%.lua:2%)\n$', err)
  end)
end)

describe('a model file the loader refuses', function()
  local dir, data, bad
  setup(function()
    dir, data = helper.posts_dir(60, 5)
    local model = dir .. '/ok.tw'
    assert(tweeter.new_model { vocab = tweeter.vocab_of(helper.posts(60, 5)), embed = 8, hidden = 16,
      layers = 1 }:save(model))
    bad = helper.bad_model_files(dir, model)
  end)
  teardown(function() helper.rm_rf(dir) end)

  it('the CLI says so in one line with exit status 1, for every command that loads', function()
    for _, p in pairs(bad) do
      helper.refuses({ 'info', p }, 'cannot load model ')
      helper.refuses({ 'generate', p }, 'cannot load model ')
    end
    helper.refuses({ 'eval', bad.nan, data }, 'non%-finite weights')
    helper.refuses({ 'info', bad.sparse_6g }, 'sparse_6g%.tw: expected section CONF')
    helper.refuses(args('train', '--data', data, '--model', dir .. '/from-nan.tw', '--from', bad.nan, '--steps', '1'),
      'cannot load base model .*nan%.tw: non%-finite weights')
    assert.is_false(helper.exists(dir .. '/from-nan.tw'))
  end)
end)

describe('bad paths for every file argument of the CLI', function()
  -- Specs run as root, so chmod 000 does not make a file unreadable; the faults used are a
  -- missing file, a path inside a missing folder, a folder where a file is expected, a FIFO
  -- (a model path: the loader must refuse it without opening it, which would block) and
  -- /dev/null (a character device; only where it is read, never where a file is written).
  local dir, data, model, fifo, adir
  setup(function()
    dir, data = helper.posts_dir(200, 9)
    model = dir .. '/ok.tw'
    local code, _, err = helper.tweeter(args('train', '--data', data, '--model', model, '--steps', '2', '--quiet', helper.TINY))
    assert.are.equal(0, code, err)
    fifo = dir .. '/fifo'
    assert(os.execute('mkfifo ' .. helper.quote(fifo)))
    adir = dir .. '/adir'
    assert(os.execute('mkdir -p ' .. helper.quote(adir)))
  end)
  teardown(function() helper.rm_rf(dir) end)

  local refuses = helper.refuses

  local function missing() return dir .. '/missing' end
  local function nodir() return dir .. '/no/such/dir/f' end

  -- Each path that is no model (missing, in no folder, a folder, a FIFO), given to
  -- argv_of, is refused with a message starting `what`.
  local function refuses_non_models(what, argv_of)
    refuses(argv_of(missing()), what .. ' .*missing: No such file or directory')
    refuses(argv_of(nodir()), what .. ' .*no/such/dir/f: No such file or directory')
    refuses(argv_of(adir), what .. ' .*adir: is a directory, not a model file')
    refuses(argv_of(fifo), what .. ' .*fifo: is not a regular file')
  end

  -- Likewise for a posts file: missing, in no folder, a folder that is no archive, a device.
  local function refuses_non_posts(argv_of)
    refuses(argv_of(missing()), 'cannot read posts file: .*missing: No such file or directory')
    refuses(argv_of(nodir()), 'cannot read posts file: .*no/such/dir/f: No such file or directory')
    refuses(argv_of(adir), 'cannot read posts file: .*adir: not a Twitter archive')
    refuses(argv_of('/dev/null'), 'cannot read posts file: /dev/null: is a device, not a regular file')
  end

  it('train --data', function()
    local t = args('--model', dir .. '/d.tw', helper.TINY)
    refuses_non_posts(function(p) return args('train', '--data', p, t) end)
    refuses(args('train', '--data', '/dev/zero', t), 'cannot read posts file: /dev/zero: is a device, not a regular file')
    refuses(args('train', '--data', fifo, t), 'cannot read posts file: .*fifo: is a FIFO, not a regular file')
    assert.is_false(helper.exists(dir .. '/d.tw'))
  end)

  it('train --model', function()
    refuses(args('train', '--data', data, '--model', adir, '--steps', '1'), 'cannot use model .*adir: is a directory')
    -- a folder that does not exist is found before training, not at the first save
    refuses(args('train', '--data', data, '--model', nodir(), '--steps', '100000', helper.TINY),
      'cannot create model .*no/such/dir/f: folder .*no/such/dir does not exist')
    -- a FIFO or a device is neither opened (that would block) nor replaced
    refuses(args('train', '--data', data, '--model', fifo, '--steps', '1'), 'cannot use model .*fifo: is a FIFO, not a regular file')
    refuses(args('train', '--data', data, '--model', '/dev/null', '--steps', '1'), 'cannot use model /dev/null: is a device')
    assert.are.equal('device', tweeter.core.file_kind('/dev/null'))
  end)

  it('train --from', function()
    local t = args('train', '--data', data, '--model', dir .. '/ft.tw', '--steps', '1', '--from')
    refuses_non_models('cannot load base model', function(p) return args(t, p) end)
    assert.is_false(helper.exists(dir .. '/ft.tw'))
  end)

  it('generate MODEL and --novel-against FILE', function()
    refuses_non_models('cannot load model', function(p) return { 'generate', p } end)
    refuses_non_posts(function(p) return { 'generate', model, '--novel-against', p } end)
  end)

  it('eval MODEL FILE', function()
    refuses_non_models('cannot load model', function(p) return { 'eval', p, data } end)
    refuses_non_posts(function(p) return { 'eval', model, p } end)
  end)

  it('info MODEL', function()
    refuses_non_models('cannot load model', function(p) return { 'info', p } end)
    refuses({ 'info', '/dev/null' }, 'cannot load model /dev/null: /dev/null: is not a regular file')
  end)

  it('import PATH and --out FILE', function()
    local out = dir .. '/imported.jsonl'
    refuses({ 'import', missing() .. '.txt', '--out', out }, 'cannot open .*missing.txt: No such file or directory')
    refuses({ 'import', dir .. '/no/such/x.txt', '--out', out }, 'cannot open .*no/such/x.txt: No such file or directory')
    refuses({ 'import', adir, '--out', out }, 'adir: not a Twitter archive %(no data/tweets.js%)')
    refuses({ 'import', '/dev/null', '--out', out }, 'cannot open /dev/null: is a device, not a regular file')
    refuses({ 'import', fifo, '--out', out }, 'cannot open .*fifo: is a FIFO, not a regular file')
    refuses({ 'import', data .. '.csv', '--out', out }, 'cannot open .*posts.txt.csv: No such file or directory')
    assert.is_false(helper.exists(out))
    -- --out: a folder, and a path under a regular file (its folder cannot be made)
    refuses({ 'import', data, '--out', adir }, 'cannot write posts file: .*adir: is a directory')
    -- a device is never replaced by the posts file (as root, a rename would replace it)
    refuses({ 'import', data, '--out', '/dev/null' }, '/dev/null: is a device, not a regular file')
    local kind = require('tweeter.core').file_kind('/dev/null')
    assert.are.equal('device', kind)
    refuses({ 'import', data, '--out', data .. '/o.jsonl' }, 'cannot create the folder of .*posts.txt/o.jsonl: .*posts.txt: Not a directory')
    -- a missing folder is made
    local code, _, err = helper.tweeter({ 'import', data, '--out', dir .. '/new/dir/o.jsonl' })
    assert.are.equal(0, code, err)
    assert.is_true(helper.exists(dir .. '/new/dir/o.jsonl'))
  end)
end)

describe('a bound of the core', function()
  it('the CLI reports a bound as a usage error', function()
    local bound_dir = helper.tmpdir()
    local posts = helper.write(bound_dir .. '/p.txt', helper.posts(20, 3))
    local code, out, err = helper.tweeter({ 'train', '--data', posts, '--model', bound_dir .. '/m.tw',
      '--hidden', '1000000000' })
    assert.are.equal(2, code)
    assert.are.equal('', out)
    assert.are.equal("tweeter train: hidden must be between 1 and 16384, got 1000000000\n"
      .. "Try 'tweeter train --help'.\n", err)
    assert.is_false(helper.exists(bound_dir .. '/m.tw'))
    helper.rm_rf(bound_dir)
  end)
end)

describe('tweeter generate of a small base', function()
  local dir, base
  setup(function()
    dir = helper.tmpdir()
    base = helper.small_base(dir .. '/base.twm')
  end)
  teardown(function() helper.rm_rf(dir) end)

  it('generates with temperature lists, --min-length and word-boundary cuts', function()
    local code, out, err = helper.tweeter({ 'generate', base, '-n', '2', '--temperature', '0.2,0.5,1.0', '--seed', '3' })
    assert.are.equal(0, code, err)
    assert.are.equal(6, #helper.lines_of(out))
    assert.matches('temperature 0%.2:\ntemperature 0%.5:\ntemperature 1:\n', err)
    code, out, err = helper.tweeter({ 'generate', base, '-n', '20', '--min-length', '30', '--max-length', '40', '--seed', '4' })
    assert.are.equal(0, code, err)
    for _, line in ipairs(helper.lines_of(out)) do
      local n = utf8.len(line)
      assert.is_true(n >= 30, line)
      assert.is_true(n <= 40, line)
    end
    local usage_errors = { { '-n', '10001' }, { '--min-length', '50', '--max-length', '40' }, { '--temperature', '0.5,x' } }
    for _, extra in ipairs(usage_errors) do
      local c, o, e = helper.tweeter(helper.args('generate', base, extra))
      assert.are.equal(2, c, e)
      assert.are.equal('', o)
    end
    local c, _, e = helper.tweeter({ 'generate', base, '-n', '10001' })
    assert.are.equal(2, c)
    assert.matches('an integer from 1 to 10000', e)
    local _, help = helper.tweeter({ 'generate', '--help' })
    assert.matches('1 to 10000', help)
    assert.matches('%-%-min%-length', help)
  end)
end)

describe('tweeter generate, info and eval, as first run', function()
  local dir
  setup(function() dir = helper.tmpdir() end)
  teardown(function() helper.rm_rf(dir) end)

  describe('generate', function()
    it('draws fresh posts each run without --seed, and the same posts with one', function()
      local model = helper.untrained(dir .. '/fresh.twm')
      local gen = { 'generate', model, '-n', '5', '--max-length', '400', '--temperature', '1', '--top-p', '1', '--plain' }
      local c1, out1, err1 = run(gen)
      local c2, out2, err2 = run(gen)
      assert.are.equal(0, c1, err1)
      assert.are.equal(0, c2, err2)
      assert.are.equal(5, #helper.lines_of(out1))
      assert.are_not.equal(out1, out2)
      local seeded = helper.args(gen, '--seed', '12')
      local _, s1 = run(seeded)
      local _, s2 = run(seeded)
      assert.are.equal(s1, s2)
      -- the same seed gives what the core gives for it: the c-th call of the core with seed + c - 1
      local expect = assert(tweeter.core.load(model)):generate{ n = 5, seed = 12, max_length = 400, temperature = 1 }
      assert.are.same(expect, helper.lines_of(s1))
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
      assert.are.equal(2, #helper.lines_of(out))
      local code2, out2, err2 = run({ 'info', 'base', '--json' })
      assert.are.equal(0, code2, err2)
      local info = require('cjson').decode(out2)
      assert.matches('models/base%.twm$', info.path)
      assert.are.equal(assert(tweeter.core.load(shipped)):info().steps, info.steps)
      local posts = helper.write(dir .. '/eval.txt', helper.posts(20, 3))
      local code3, out3, err3 = run({ 'eval', 'base', posts, '--json' })
      assert.are.equal(0, code3, err3)
      assert.is_true(require('cjson').decode(out3).bpc > 0)
      local _, help = run({ 'generate', '--help' })
      assert.matches('MODEL "base": the base model shipped with tweeter', help)
    end)

    it('reads a file named base in the current folder as ./base', function()
      helper.untrained(dir .. '/base')
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
      local model = helper.untrained(dir .. '/full.twm')
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
end)
