-- tweeter.repl, the prompt: a growing session, readable results, help, completion, history,
-- Ctrl-C, driven on a pseudo-terminal by spec/pty_run.py (each step waits for output, with a
-- deadline; its patterns are Python regular expressions).
local helper = require('helper')
local tweeter = require('tweeter')
local repl = require('tweeter.repl')

local q = helper.quote
-- the prompt, at the end of the output
local PROMPT = '> $'

local on_terminal = helper.on_terminal

-- The terminal runs share one HOME (the REPL's history file goes there).
describe('on a terminal', function()
  local home
  setup(function() home = helper.tmpdir() end)
  teardown(function() helper.rm_rf(home) end)

  describe('tweeter repl on a terminal', function()
    it('keeps locals, shows posts, completes names, cancels with Ctrl-C and keeps history', function()
      local out, code = on_terminal(home, {
        { 'expect', 'Ctrl-D exits' }, { 'expect', PROMPT },
        { 'send', 'local posts = {"one post", "two posts"}\r' }, { 'expect', '\n' .. PROMPT },
        { 'send', 'posts\r' }, { 'expect', '1: one post\n2: two posts\n' .. PROMPT },
        -- Tab completes a tweeter. name
        { 'send', 'tweeter.base_mo\t' }, { 'expect', 'tweeter\\.base_model\\($' },
        -- Ctrl-C throws the half-typed line away: what follows is a line of its own
        { 'send', '\3' }, { 'expect', '\\^C\n' .. PROMPT },
        { 'send', '1 + 1\r' }, { 'expect', '\n2\n' .. PROMPT },
        -- Ctrl-C stops a running call and comes back to the prompt, the session intact
        { 'send', 'io.write("spinning\\n") io.flush() while true do end\r' }, { 'expect', 'spinning\n' },
        { 'send', '\3' }, { 'expect', 'interrupted\n' .. PROMPT },
        { 'send', 'posts[2]\r' }, { 'expect', 'two posts\n' .. PROMPT },
        { 'send', 'help(tweeter.train)\r' }, { 'expect', 'Trains a model on a posts file' }, { 'expect', PROMPT },
        { 'send', '\4' }, { 'eof' },
      }, { 'repl' })
      assert.are.equal(0, code, out)
      assert.is_nil(out:find('internal error', 1, true), out)
      assert.is_nil(out:find('tweeter.base_model(1 + 1', 1, true), out)
      local history = assert(helper.read(home .. '/.tweeter_history'))
      assert.truthy(history:find('posts[2]', 1, true))
      -- a new session finds the history: Up brings back the last line
      local out2 = on_terminal(home, {
        { 'expect', PROMPT }, { 'send', '\27[A' }, { 'expect', 'help\\(tweeter\\.train\\)$' },
        { 'send', '\3' }, { 'expect', PROMPT }, { 'send', '\4' }, { 'eof' },
      }, { 'repl' })
      assert.truthy(out2:find('help(tweeter.train)', 1, true))
    end)
  end)

  describe('tweeter repl, Ctrl-C during training', function()
    it('stops the run as the command line does: checkpointed, interrupted = true, back at the prompt', function()
      local data = helper.write(home .. '/posts.txt', helper.posts(60, 9))
      local model = home .. '/r.twm'
      local out, code = on_terminal(home, {
        { 'expect', PROMPT },
        { 'send', ('s = tweeter.train{ data = %q, model = %q, steps = 1000000, embed = 8, hidden = 16, '
          .. 'layers = 1, batch = 4, seq = 16, valid_every = 5, progress = true }\r'):format(data, model) },
        { 'expect', 'sample: ' }, { 'send', '\3' }, { 'expect', PROMPT },
        { 'send', 'print(s.interrupted, s.stopped, s.steps)\r' }, { 'expect', 'true\tinterrupted\t[0-9]+\n' .. PROMPT },
        { 'send', '\4' }, { 'eof' },
      }, { 'repl' })
      assert.are.equal(0, code, out)
      local steps = tonumber(out:match('true\tinterrupted\t(%d+)\n'))
      assert.are.equal(steps, assert(tweeter.load(model .. '.ckpt')):info().steps)
    end)
  end)

end)


describe('tweeter.repl', function()
  it('keeps the locals of earlier lines and reports errors at their input line', function()
    local code, out, err = helper.tweeter({ 'repl' },
      'local posts = tweeter.vocab_of({"ab"})\nlocal function twice(s) return s .. s end\n\ntwice(posts)\nnil + 1\n')
    assert.are.equal(1, code)
    assert.are.equal('abab\n', out)
    assert.matches('^stdin:5: attempt to perform arithmetic on a nil value', err)
  end)

  it("runs the README's five lines of Lua typed one per line", function()
    local readme = assert(helper.read(helper.root .. '/README.md'))
    local five = assert(readme:match('## Five lines of Lua\n\n```lua\n(.-)```'))
    five = five:gsub("'examples/sample%-archive'", ("%q"):format(helper.root .. '/examples/sample-archive'))
      :gsub('steps = 300', 'steps = 1')
    local work = helper.tmpdir()
    local code, out, err = helper.run(('cd %s && %s repl'):format(q(work), q(helper.root .. '/bin/tweeter')), five)
    assert.are.equal(0, code, err)
    assert.are.equal('', err)
    local lines = {}
    for line in out:gmatch('[^\n]+') do lines[#lines + 1] = line end
    assert.is_true(#lines >= 5 + 2, out) -- true (the save), the summary, then the five posts
    assert.matches('how = "finetune"', out)
    helper.rm_rf(work)
  end)

  it('shows lists of posts one per line and tables as constructors', function()
    assert.are.equal('1: first post\n2: second', repl.show({ 'first post', 'second' }))
    assert.are.equal('{ 1, 2, a = "x", b = { c = true } }', repl.show({ 1, 2, a = 'x', b = { c = true } }))
    assert.are.equal('{}', repl.show({}))
    local cyclic = {}
    cyclic.self = cyclic
    assert.are.equal('{ self = { <cycle> } }', repl.show(cyclic))
    assert.are.equal('42', repl.show(42))
    -- several results: side by side, or one under the other when one takes several lines
    local code, out = helper.tweeter({ 'repl' }, '{ "p1", "p2" }, 7\n1, "x"\n')
    assert.are.equal(0, code)
    assert.are.equal('1: p1\n2: p2\n7\n1\tx\n', out)
  end)

  it('completes names of tables, modules and model methods', function()
    local env = setmetatable({ tweeter = tweeter, mine = { alpha = 1 } }, { __index = _G })
    assert.are.same({ 'tweeter.train(' }, repl.complete(env, 'tweeter.trai'))
    assert.are.same({ 'mine.alpha' }, repl.complete(env, 'mine.al'))
    assert.are.same({ 'string.format(' }, repl.complete(env, 'string.form'))
    env.m = tweeter.new_model({ embed = 4, hidden = 4, layers = 1, vocab = 'ab' })
    assert.are.same({ 'm:generate(' }, repl.complete(env, 'm:gener'))
    assert.are.same({}, repl.complete(env, 'nothing.here'))
  end)

  it('help() prints the documentation of a function and what it refers to', function()
    local text = repl.help_text(tweeter.train)
    assert.matches('Trains a model on a posts file', text)
    assert.matches('tweeter%.train%.run:', text) -- the "see" reference, followed
    assert.matches('`data` %(posts file, required%)', text)
    assert.matches('help%(tweeter%.train%)', repl.help_text(nil))
    assert.matches('train%(%)', repl.help_text(tweeter))
  end)
end)

describe("tweeter.repl's help", function()
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
