-- tweeter.options: the one declaration of every option, read by the command line
-- (tweeter.command_line: parser, --help, the resume command), the checks of the Lua
-- functions and the core's option tables (loptions.c); and the exit codes the command picks
-- by the kind of error.
local helper = require('helper')
local options = require('tweeter.options')
local command_line = require('tweeter.command_line')
local tweeter = require('tweeter')
local cli = require('tweeter.cli')
local core = require('tweeter.core')

describe('tweeter.options', function()
  it('gives the command line and the Lua functions the same names, ranges and defaults', function()
    local o = command_line.parse('train', { '--data', 'd', '--model', 'm', '--lr-decay', '0.25', '--hidden', '8' })
    assert.are.same({ data = 'd', model = 'm', lr_decay = 0.25, hidden = 8, _ = {} }, o)
    assert.are.equal(256, options.defaults('train').hidden)
    assert.are.equal(256, require('tweeter.train').DEFAULTS.hidden)
    assert.are.equal(1, require('tweeter.generate').TEMPERATURE)
    assert.matches('units per recurrent layer, new models only %(default 256%)', command_line.help('train'))
    -- the same range, refused on both sides
    assert.has_error(function() command_line.parse('train', { '--data', 'd', '--model', 'm', '--dropout', '1' }) end)
    assert.error_matches(function() require('tweeter.train').run { data = 'd', model = 'm', dropout = 1 } end,
      "bad option 'dropout' to 'run' %(number in %[0, 1%) expected, got 1%)")
    assert.error_matches(function() require('tweeter.generate').posts({}, { top_p = 0 }) end,
      "bad option 'top_p' to 'posts' %(number in %(0, 1%] expected, got 0%)")
  end)

  it('raises a usage error naming an unknown option, with a suggestion, on the command line', function()
    local ok, e = pcall(command_line.parse, 'train', { '--data', 'd', '--model', 'm', '--step', '3' })
    assert.is_false(ok)
    assert.are.equal(command_line.UsageError, getmetatable(e))
    assert.are.equal("unknown option '--step'; did you mean '--steps'?", tostring(e))
  end)

  it('lists the network sources of the registry as the choices of --source', function()
    assert.are.same({ 'twitter', 'mastodon', 'bluesky' }, require('tweeter.sources').NETWORK)
    assert.matches('%[%-%-source twitter|mastodon|bluesky%]', command_line.usage('fetch'))
  end)
end)

describe('the options of the HTTP client, the fetchers and the core', function()
  it('are checked against their declarations in Lua', function()
    assert.are.equal(30, options.defaults('tweeter.http').timeout)
    assert.error_matches(function() require('tweeter.http').new { timeout = -1 } end,
      "bad option 'timeout' to 'new' %(non%-negative number expected, got %-1%)")
    -- a fetcher checks the client's options it passes on before any request
    assert.error_matches(function() require('tweeter.fetch').update('baker', 'p.jsonl', { retries = 'x' }) end,
      "bad option 'retries' to 'update' %(non%-negative number expected, got x%)")
    assert.error_matches(function() require('tweeter.fetch').update('baker', 'p.jsonl', { retires = 1 }) end,
      "bad argument #3 to 'update' %(unknown option 'retires'; did you mean 'retries'%?%)")
    assert.error_matches(function() require('tweeter.clean').post('x', { html = 1 }) end,
      "bad option 'html' to 'post' %(boolean expected, got 1%)")
    assert.error_matches(function() require('tweeter.fetch').bluesky('a.b', { on_pages = print }) end,
      "bad argument #2 to 'bluesky' %(unknown option 'on_pages'; did you mean 'on_page'%?%)")
  end)

  it('are read in the core by loptions.c, naming the table by its position (self not counted)', function()
    local m = core.model { vocab = 'ab' }
    local data = m:encode({ 'ab', 'ba' })
    assert.error_matches(function() data:batches(2, 4, { prts = 2 }) end,
      "bad argument #3 to 'batches' %(unknown option 'prts'%)")
    assert.error_matches(function() data:batches(2, 4, { wrap = 'no' }) end,
      "bad argument #3 to 'batches' %(wrap must be a boolean, got string%)")
    assert.error_matches(function() m:generate { n = 0 } end, "bad argument #1 to 'generate' %(n must be between")
    assert.error_matches(function() core.http { max_body = 0 } end,
      "bad argument #1 to 'http' %(max_body must be between 1 and 1099511627776, got 0%)")
    assert.error_matches(function() core.http { 'x' } end, "bad argument #1 to 'http' %(unknown option '1'%)")
  end)
end)

describe('tweeter exit codes', function()
  it('follow the kind of error, not its text', function()
    assert.are.equal('usage', cli.classify(select(2, pcall(command_line.usage_error, 'x', 'anything'))).kind)
    assert.are.equal('interrupted', cli.classify(require('tweeter.interrupt').INTERRUPTED).kind)
    -- a string that reads like an argument error but was raised by Lua code is a bug
    local _, bug = xpcall(function() error("bad argument #1 to 'generate' (looks like usage)") end, cli.classify)
    assert.are.equal('internal', bug.kind)
    local _, from_core = xpcall(function() require('tweeter.core').model { vocab = 'ab', hidden = 1e6 } end,
      cli.classify)
    assert.are.equal('usage', from_core.kind)
    assert.are.equal('hidden must be between 1 and 16384, got 1000000', from_core.message)
  end)

  it('is 2 for a usage error, 1 for a failure', function()
    assert.are.equal(2, (helper.tweeter({ 'generate', 'm', '--temprature', '1' })))
    assert.are.equal(1, (helper.tweeter({ 'generate', helper.root .. '/no-such-model.twm' })))
  end)
end)

describe('an unknown option', function()
  local dir, posts_txt
  setup(function()
    dir, posts_txt = helper.posts_dir(80, 41, 'user.txt')
  end)
  teardown(function() helper.rm_rf(dir) end)

  it('gets an error naming an unknown option, with a suggestion', function()
    local ok, msg = pcall(tweeter.train, { data = posts_txt, model = dir .. '/typo.twm', step = 2 })
    assert.is_false(ok)
    assert.matches("unknown option 'step'; did you mean 'steps'%?", msg)
    assert.is_false(helper.exists(dir .. '/typo.twm'))
    local m = assert(tweeter.load(helper.untrained(dir .. '/untrained.twm')))
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
end)
