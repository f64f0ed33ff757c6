-- Every function and method of tweeter.core (docs/core-api.md) called with
-- its parameters and then extra arguments of every type, one or three of them: the
-- extras are ignored (the call returns what it returns without them), and after a full
-- collection the objects it made or touched still work. A binding that writes to a fixed
-- stack slot puts its memory on the wrong object when an extra argument shifts the stack:
-- a crash, or (under `make sanitize`) a use-after-free report.
local helper = require('helper')
local core = require('tweeter.core')

local POSTS = helper.posts(24, 22)
local LONG_POST = 'we are going to win the big vote today, thank you all for coming'
table.insert(POSTS, LONG_POST)
local CFG = { cell = 'lstm', embed = 4, hidden = 8, layers = 2, dropout = 0, seed = 3,
  vocab = table.concat(POSTS) }

local dir = helper.tmpdir()

-- The subjects the calls work on: a trained model (optimizer moments, carried state,
-- gradients, history, a copy guard), its data, a training batch and an evaluation pass.
local model = core.model(CFG)
local VOCAB = model:vocab()
local data = model:encode(POSTS)
local batch = data:batches(2, 8)
local pass = data:batches(2, 8, { wrap = false })
batch:next()
model:train_step(batch)
model:gradients(batch)
model:add_history(1, 2.5, 2.6)
model:remember(POSTS)
local saved = dir .. '/subject.twm'
assert(model:save(saved))
local saved_bytes = helper.read(saved)
local file = assert(io.open(saved, 'rb'))
local spare_http = core.http()
local zip_path = helper.zip(dir .. '/subject.zip', { { name = 'a.txt', text = 'hello' } })
local zip = assert(core.zip_open(zip_path))

-- The extras: every Lua type, userdata of each of the core's types and of another library.
local EXTRAS = {
  { 'nil', nil }, { 'false', false }, { 'true', true }, { '0', 0 }, { '1', 1 }, { '5', 5 },
  { '-1', -1 }, { 'mininteger', math.mininteger }, { 'maxinteger', math.maxinteger },
  { '1.5', 1.5 }, { 'NaN', 0 / 0 }, { 'huge', math.huge }, { '-huge', -math.huge },
  { "''", '' }, { "'junk'", 'junk' }, { "'5'", '5' }, { 'long string', ('x'):rep(4096) },
  { '{}', {} }, { '{1,2,3}', { 1, 2, 3 } }, { 'function', print },
  { 'coroutine', coroutine.create(print) }, { 'FILE*', io.stdout },
  { 'Model', core.model{ embed = 2, hidden = 2, layers = 1, vocab = 'xy' } },
  { 'Data', data }, { 'Batch', pass }, { 'Buffer', model:gradient_buffer() },
  { 'Http', spare_http }, { 'Zip', zip },
}

-- Calls fn(extras...) with each extra alone, then followed by two more, collecting garbage
-- fully after each call before `check` looks at what it returned.
local function with_extras(fn, check)
  for _, e in ipairs(EXTRAS) do
    for _, extras in ipairs({ { n = 1, e[2] }, { n = 3, e[2], 'junk', 5 } }) do
      local results = table.pack(fn(table.unpack(extras, 1, extras.n)))
      collectgarbage()
      if check then check(table.unpack(results, 1, results.n)) end
    end
  end
end

-- The model `m` works: its vocabulary, its sizes, a copy, a save and a load, a generation.
local function works(m, vocab)
  assert.are.equal(vocab, m:vocab())
  local info = m:info()
  assert.are.equal(utf8.len(vocab) + 2, info.vocab_size)
  assert.are.equal(info.vocab_size * info.embed, m:block_size('embedding'))
  local copy = m:copy()
  collectgarbage()
  assert.are.equal(vocab, copy:vocab())
  local path = dir .. '/works.twm'
  assert(copy:save(path))
  local back = assert(core.load(path))
  assert.are.equal(vocab, back:vocab())
  assert.are.equal(m:param('output', info.vocab_size), back:param('output', info.vocab_size))
  assert.are.equal(info.remembered, back:info().remembered)
  assert.are.equal(#m:history(), #back:history())
  assert.is_string(back:generate{ n = 1, max_length = 8, seed = 1 }[1])
end

-- A model made or loaded with the subject's contents.
local function like_subject(m)
  assert.are.equal('tweeter.Model', getmetatable(m).__name)
  works(m, VOCAB)
end

local function pending_batch(b)
  if not b:next() then b:next() end
  return b
end

local function current_optimizer()
  local info = model:info()
  return { name = info.optimizer, lr = info.lr, beta1 = 0.9, beta2 = 0.999, eps = 1e-8,
    alpha = 0.99, clip = info.clip }
end

-- name (as docs/core-api.md writes it) -> { call with the parameters and the extras,
-- check of what it returned }
local CALLS = {
  -- module functions
  ['core.cells'] = { function(...) return core.cells(...) end,
    function(names) assert.are.equal('lstm', names[1]) end },
  ['core.model'] = { function(...) return core.model(CFG, ...) end,
    function(m) works(m, VOCAB) end },
  ['core.load'] = { function(...) return core.load(saved, ...) end, like_subject },
  ['core.http'] = { function(...) return core.http({ timeout = 5000 }, ...) end,
    function(h) assert.matches('^tweeter.Http', tostring(h)); h:close() end },
  ['core.url_escape'] = { function(...) return core.url_escape('a b/é', ...) end,
    function(s) assert.are.equal('a%20b%2F%C3%A9', s) end },
  ['core.window_hashes'] = { function(...) return core.window_hashes(LONG_POST, ...) end,
    function(hashes) assert.are.equal(utf8.len(LONG_POST) - 39, #hashes) end },
  ['core.sleep'] = { function(...) return core.sleep(0, ...) end,
    function(ok) assert.is_true(ok) end },
  ['core.isatty'] = { function(...) return core.isatty(file, ...) end,
    function(yes) assert.is_false(yes) end },
  ['core.monotonic'] = { function(...) return core.monotonic(...) end,
    function(t) assert.is_number(t) end },
  -- installs the handler, then puts back what was there before
  ['core.catch_interrupt'] = {
    function(...)
      local before = core.catch_interrupt(true, ...)
      return core.catch_interrupt(before, ...)
    end,
    function(was) assert.is_true(was) end },
  ['core.interrupted'] = { function(...) return core.interrupted(...) end,
    function(was) assert.is_boolean(was) end },
  ['core.terminal_width'] = { function(...) return core.terminal_width(file, ...) end,
    function(w) assert.are.equal(80, w) end },
  ['core.set_threads'] = { function(...) return core.set_threads(core.get_threads(), ...) end,
    function(n) assert.are.equal(core.get_threads(), n) end },
  ['core.get_threads'] = { function(...) return core.get_threads(...) end,
    function(n) assert.is_true(math.type(n) == 'integer' and n >= 1) end },
  ['core.blas_core'] = { function(...) return core.blas_core(...) end,
    function(s) assert.is_string(s) end },
  ['core.file_kind'] = { function(...) return core.file_kind(saved, ...) end,
    function(kind) assert.are.equal('file', kind) end },
  ['core.mkdir'] = { function(...) return core.mkdir(dir .. '/sub', ...) end,
    function(ok, err) assert.is_true(ok, err) end },
  ['core.rss_peak_mb'] = { function(...) return core.rss_peak_mb(...) end,
    function(mb) assert.is_true(mb > 0) end },
  ['core.check_output'] = { function(...) return core.check_output(dir .. '/out', ...) end,
    function(ok, err) assert.is_true(ok, err) end },
  ['core.write_file'] = { function(...) return core.write_file(dir .. '/written', 'abc', ...) end,
    function(ok, err)
      assert.is_true(ok, err)
      assert.are.equal('abc', helper.read(dir .. '/written'))
    end },
  ['core.read_file'] = { function(...) return core.read_file(saved, 1 << 20, ...) end,
    function(bytes) assert.are.equal(saved_bytes, bytes) end },
  ['core.wait_readable'] = { function(...) return core.wait_readable(file, 0, ...) end,
    function(ready) assert.is_true(ready) end },
  ['core.kernels'] = { function(...) return core.kernels(...) end,
    function(path) assert.is_string(path) end },
  ['core.set_precision'] = {
    function(...) return core.set_precision(select(2, core.precision()), ...) end,
    function(p) assert.are.equal(core.precision(), p) end },
  ['core.precision'] = { function(...) return core.precision(...) end,
    function(p, requested) assert.is_string(p); assert.is_string(requested) end },
  ['core.set_sampling_threads'] = { function(...) return core.set_sampling_threads(0, ...) end },
  ['core.memory_available'] = { function(...) return core.memory_available(...) end,
    function(bytes) assert.is_true(bytes > 0) end },
  ['core.training_bytes'] = { function(...) return core.training_bytes(model:config(), 2, 8, ...) end,
    function(bytes) assert.is_true(bytes > 4 * model:info().params) end },
  ['core.lock'] = {
    function(...)
      local lock = core.lock(dir .. '/locked.twm', ...)
      return lock, core.lock(dir .. '/locked.twm')
    end,
    function(lock, again, busy)
      assert.matches('^tweeter.Lock', tostring(lock))
      assert.is_nil(again)
      assert.matches('in use', busy)
      getmetatable(lock).__close(lock)
    end },
  ['core.zip_open'] = { function(...) return core.zip_open(zip_path, ...) end,
    function(z) assert.are.equal('hello', z:read('a.txt', 100)); z:close() end },

  -- tweeter.Model
  ['model:encode'] = { function(...) return model:encode(POSTS, ...) end,
    function(d) assert.are.equal(data:tokens(), d:tokens()) end },
  ['model:vocab'] = { function(...) return model:vocab(...) end,
    function(v) assert.are.equal(VOCAB, v) end },
  ['model:missing_chars'] = { function(...) return model:missing_chars('☃a☃', ...) end,
    function(s) assert.are.equal('☃', s) end },
  ['model:extend_vocab'] = {
    function(...)
      local m = model:copy()
      return m, m:extend_vocab('☃', ...)
    end,
    function(m, added)
      assert.are.equal(1, added)
      works(m, VOCAB .. '☃')
    end },
  ['model:copy'] = { function(...) return model:copy(...) end, like_subject },
  ['model:save'] = { function(...) return model:save(dir .. '/saved.twm', {}, ...) end,
    function(ok, err)
      assert.is_true(ok, err)
      like_subject(assert(core.load(dir .. '/saved.twm')))
    end },
  ['model:train_step'] = { function(...) return model:train_step(pending_batch(batch), ...) end,
    function(loss) assert.is_true(loss > 0) end },
  ['model:train_gradients'] = {
    function(...) return model:train_gradients(pending_batch(batch), 100, ...) end,
    function(nats, count) assert.is_true(nats > 0 and count > 0) end },
  ['model:gradient_buffer'] = { function(...) return model:gradient_buffer(...) end,
    function(buf) assert.are.equal(4 * model:info().params, #buf) end },
  ['model:apply_gradients'] = {
    function(...)
      model:train_gradients(pending_batch(batch), 100)
      return model:apply_gradients(batch, ...)
    end,
    function(m) assert.are.equal(model, m) end },
  ['model:carried_state'] = { function(...) return model:carried_state(...) end,
    function(buf, B, rows)
      assert.are.same({ 2, 4 }, { B, rows })
      assert.are.equal(4 * rows * B * 8, #buf)
    end },
  ['model:set_carried_state'] = {
    function(...)
      local buf, B = model:carried_state()
      return model:set_carried_state(buf, B, ...)
    end,
    function(m) assert.are.equal(2, select(2, m:carried_state())) end },
  ['model:keep_streams'] = { function(...) return model:keep_streams(0, 2, ...) end,
    function(m) assert.are.equal(2, select(2, m:carried_state())) end },
  ['model:evaluate'] = { function(...) return model:evaluate(pending_batch(pass), ...) end,
    function(nats, count) assert.is_true(nats > 0 and count > 0) end },
  ['model:gradients'] = { function(...) return model:gradients(pending_batch(batch), ...) end,
    function(loss) assert.is_true(loss > 0) end },
  ['model:param'] = {
    function(...) return model:param('output', 3, model:param('output', 3), ...) end,
    function(v) assert.are.equal(model:param('output', 3), v) end },
  ['model:grad'] = { function(...) return model:grad('output', 3, ...) end,
    function(g) assert.is_number(g) end },
  ['model:block_size'] = { function(...) return model:block_size('output_bias', ...) end,
    function(n) assert.are.equal(utf8.len(VOCAB) + 2, n) end },
  ['model:set_optimizer'] = { function(...) return model:set_optimizer(current_optimizer(), ...) end,
    function(m) assert.are.equal('adam', m:info().optimizer) end },
  ['model:set_lr'] = { function(...) return model:set_lr(2e-3, ...) end,
    function(m) assert.is_true(math.abs(m:lr() - 2e-3) < 1e-9) end },
  ['model:freeze'] = { function(...) return model:freeze(0, ...) end,
    function(m) assert.are.equal(model, m) end },
  ['model:set_seed'] = { function(...) return model:set_seed(5, ...) end,
    function(m) assert.are.equal(model, m) end },
  ['model:reset_state'] = { function(...) return model:reset_state(...) end,
    function(m) assert.are.equal(0, m:cursor()) end },
  ['model:info'] = { function(...) return model:info(...) end,
    function(info) assert.are.equal(VOCAB, model:vocab()); assert.is_table(info.history) end },
  ['model:config'] = { function(...) return model:config(...) end,
    function(c) assert.are.same({ 'lstm', 4, 8, 2 }, { c.cell, c.embed, c.hidden, c.layers }) end },
  ['model:steps'] = { function(...) return model:steps(...) end,
    function(n) assert.is_true(n >= 1) end },
  ['model:cursor'] = { function(...) return model:cursor(...) end,
    function(n) assert.is_true(math.type(n) == 'integer') end },
  ['model:lr'] = { function(...) return model:lr(...) end,
    function(lr) assert.is_true(lr > 0) end },
  ['model:history'] = { function(...) return model:history(...) end,
    function(h) assert.are.equal(1, h[1].step) end },
  ['model:add_history'] = {
    function(...)
      local m = model:copy()
      return m, m:add_history(7, 2.0, 2.25, ...)
    end,
    function(m, same)
      assert.are.equal(m, same)
      assert.are.same({ step = 7, train = 2.0, valid = 2.25 }, m:history()[2])
    end },
  ['model:generate'] = {
    function(...)
      return model:generate({ n = 2, max_length = 12, min_length = 1, temperature = 1,
        top_k = 0, top_p = 1, prime = 'we', seed = 9 }, ...)
    end,
    function(posts)
      assert.are.equal(2, #posts)
      assert.matches('^we', posts[1])
    end },
  ['model:probabilities'] = { function(...) return model:probabilities('we', 'step', ...) end,
    function(rows) assert.are.equal(3, #rows) end },
  ['model:losses'] = { function(...) return model:losses('we', 0, ...) end,
    function(nats) assert.are.equal(3, #nats) end },
  ['model:score'] = { function(...) return model:score({ 'we', '' }, ...) end,
    function(nats) assert.are.equal(2, #nats) end },
  ['model:set_ngram'] = { function(...) return model:set_ngram({ LONG_POST }, 3, 0, ...) end,
    function(n) assert.are.equal(model:ngram().tokens, n) end },
  ['model:set_ngram_weight'] = { function(...)
      model:set_ngram({ LONG_POST }, 3)
      return model:set_ngram_weight(0, ...)
    end,
    function(m) assert.are.equal(model, m) end },
  ['model:ngram'] = { function(...) model:set_ngram({ LONG_POST }, 3); return model:ngram(...) end,
    function(cache) assert.are.equal(3, cache.order) end },
  ['model:ngram_posts'] = { function(...) model:set_ngram({ LONG_POST }, 3); return model:ngram_posts(1, ...) end,
    function(posts) assert.are.same({ LONG_POST }, posts) end },
  ['model:mixture_nats'] = { function(...)
      model:set_ngram({ LONG_POST }, 3)
      return model:mixture_nats({ 'we' }, { 0, 0.5 }, ...)
    end,
    function(nats) assert.are.equal(2, #nats) end },
  ['model:ngram_losses'] = { function(...)
      model:set_ngram({ LONG_POST }, 3)
      return model:ngram_losses('we', ...)
    end,
    function(nats) assert.are.equal(3, #nats) end },
  ['model:remember'] = { function(...) return model:remember({ LONG_POST }, ...) end,
    function(n) assert.are.equal(model:info().remembered, n) end },
  ['model:copies'] = { function(...) return model:copies(LONG_POST, ...) end,
    function(yes) assert.is_true(yes) end },
  ['model:forget'] = {
    function(...)
      local m = model:copy()
      return m:forget(...)
    end,
    function(m) assert.are.equal(0, m:info().remembered) end },

  -- tweeter.Data and tweeter.Batch
  ['data:tokens'] = { function(...) return data:tokens(...) end,
    function(n) assert.is_true(n > #POSTS) end },
  ['data:posts'] = { function(...) return data:posts(...) end,
    function(n) assert.are.equal(#POSTS, n) end },
  ['data:invalid'] = { function(...) return data:invalid(...) end,
    function(n) assert.are.equal(0, n) end },
  ['data:unknown'] = { function(...) return data:unknown(...) end,
    function(n) assert.are.equal(0, n) end },
  ['data:batches'] = {
    function(...) return data:batches(4, 8, { wrap = true, part = 1, parts = 2 }, ...) end,
    function(b)
      assert.are.same({ 2, 8 }, { b:size() })
      assert.is_true(b:next())
      assert.is_true(model:evaluate(b) > 0)
    end },
  ['batch:next'] = { function(...) return batch:next(...) end,
    function(more) assert.is_true(more) end },
  ['batch:cursor'] = { function(...) return batch:cursor(...) end,
    function(n) assert.is_true(n >= 1) end },
  ['batch:seek'] = { function(...) return batch:seek(batch:cursor(), ...) end,
    function(b) assert.are.equal(batch, b) end },
  ['batch:epoch'] = { function(...) return batch:epoch(...) end,
    function(e) assert.is_true(e > 0) end },
  ['batch:size'] = { function(...) return batch:size(...) end,
    function(B, T) assert.are.same({ 2, 8 }, { B, T }) end },

  -- tweeter.Zip
  ['z:entries'] = { function(...) return zip:entries(...) end,
    function(list) assert.are.equal('a.txt', list[1].name) end },
  ['z:read'] = { function(...) return zip:read('a.txt', 100, ...) end,
    function(text) assert.are.equal('hello', text) end },
  ['z:close'] = {
    function(...)
      local z = assert(core.zip_open(zip_path))
      z:close(...)
      return z
    end,
    function(z) assert.is_false(pcall(z.entries, z)) end },

  -- tweeter.Http (a closed port of the loopback: refused at once)
  ['h:get'] = {
    function(...)
      local h = core.http{ timeout = 5000, connect_timeout = 5000 }
      return h:get('http://127.0.0.1:1/', { Accept = 'text/plain' }, ...)
    end,
    function(ok, msg, kind)
      assert.is_nil(ok)
      assert.is_string(msg)
      assert.are.equal('connect', kind)
    end },
  ['h:close'] = {
    function(...)
      local h = core.http()
      h:close(...)
      return h
    end,
    function(h) assert.are.equal('tweeter.Http (closed)', tostring(h)) end },
}

-- The metamethods a caller reaches without the debug library, and those only through it
-- (called with a value of the wrong type: an argument error).
local function meta(v, name) return getmetatable(v)[name] end
local METAMETHODS = {
  ['tostring(model)'] = { function(...) return meta(model, '__tostring')(model, ...) end,
    function(s) assert.matches('^tweeter.Model%(', s) end },
  ['tostring(data)'] = { function(...) return meta(data, '__tostring')(data, ...) end,
    function(s) assert.matches('^tweeter.Data%(', s) end },
  ['tostring(batch)'] = { function(...) return meta(batch, '__tostring')(batch, ...) end,
    function(s) assert.matches('^tweeter.Batch%(', s) end },
  ['tostring(buffer)'] = {
    function(...)
      local buf = model:gradient_buffer()
      return meta(buf, '__tostring')(buf, ...)
    end,
    function(s) assert.matches('^tweeter.Buffer%(', s) end },
  ['#buffer'] = {
    function(...)
      local buf = model:gradient_buffer()
      return meta(buf, '__len')(buf, ...)
    end,
    function(n) assert.are.equal(4 * model:info().params, n) end },
  ['tostring(h)'] = { function(...) return meta(spare_http, '__tostring')(spare_http, ...) end,
    function(s) assert.matches('^tweeter.Http', s) end },
  ['h:__close, h:__gc'] = {
    function(...)
      local h = core.http()
      meta(h, '__close')(h, ...)
      meta(h, '__gc')(h, ...)
      return h
    end,
    function(h) assert.are.equal('tweeter.Http (closed)', tostring(h)) end },
  ['tostring(kernels)'] = {
    function(...)
      local k = debug.getregistry()['tweeter.Kernels#instance']
      return meta(k, '__tostring')(k, ...)
    end,
    function(s) assert.matches('^tweeter.Kernels%(', s) end },
}
for _, type_name in ipairs({ 'tweeter.Descriptor', 'tweeter.Kernels', 'tweeter.Lock', 'tweeter.Zip', 'tweeter.ZipFile' }) do
  for _, name in ipairs({ '__tostring', '__close', '__gc' }) do
    local mm = debug.getregistry()[type_name][name]
    if mm then
      METAMETHODS[type_name .. '.' .. name .. '(model)'] = {
        function(...)
          local ok, err = pcall(mm, model, ...)
          assert.is_false(ok)
          assert.matches('bad argument #1', err)
        end }
    end
  end
end

describe('every binding ignores extra arguments of every type', function()

  it('covers every function and method docs/core-api.md lists, and every one the core has', function()
    local doc = assert(helper.read(helper.root .. '/docs/core-api.md'))
    local prefixes = { 'core%.', 'model:', 'data:', 'batch:', 'h:', 'z:' }
    for _, prefix in ipairs(prefixes) do
      for name in doc:gmatch('%f[%w_]' .. prefix .. '([%a_]+)[({]') do
        local key = prefix:gsub('%%', '') .. name
        assert.is_truthy(CALLS[key], key .. ' is documented but not called here')
      end
    end
    local function covered(prefix, t)
      for name, v in pairs(t) do
        if type(v) == 'function' then
          assert.is_truthy(CALLS[prefix .. name], prefix .. name .. ' is bound but not called here')
        end
      end
    end
    covered('core.', core)
    covered('model:', getmetatable(model).__index)
    covered('data:', getmetatable(data).__index)
    covered('batch:', getmetatable(batch).__index)
    covered('h:', getmetatable(spare_http).__index)
    covered('z:', getmetatable(zip).__index)
  end)

  local names = {}
  for name in pairs(CALLS) do names[#names + 1] = name end
  for name in pairs(METAMETHODS) do names[#names + 1] = name end
  table.sort(names)
  for _, name in ipairs(names) do
    local entry = CALLS[name] or METAMETHODS[name]
    it(name, function()
      with_extras(entry[1], entry[2])
      like_subject(model)
      assert.are.equal(data:tokens(), model:encode(POSTS):tokens())
    end)
  end
end)

describe('arguments the fuzz target found wrong', function()
  it('core.wait_readable refuses a NaN timeout instead of waiting forever', function()
    -- a pipe with nothing to read until its writer ends: NaN seconds became a negative poll
    -- timeout (wait for ever), and are undefined behaviour to convert
    local pipe <close> = assert(io.popen('sleep 1'))
    assert.error_matches(function() core.wait_readable(pipe, 0 / 0) end,
      "bad argument #2 to 'wait_readable' %(seconds is not a number %(NaN%)%)")
  end)
end)

-- tweeter.mpi (built where Open MPI is installed), in a process of its own: MPI_Init, and
-- comm:abort ends the process.
describe('tweeter.mpi ignores extra arguments', function()
  teardown(function()
    file:close()
    spare_http:close()
    helper.rm_rf(dir)
  end)
  local has_module = helper.exists(helper.root .. '/build/tweeter/mpi.so')
  if not has_module then
    pending('tweeter.mpi is not built here (make builds it where Open MPI is installed)')
    return
  end
  it('every function of tweeter.mpi and method of tweeter.Comm', function()
    local script = [[
package.cpath = 'build/?.so'
local core = require('tweeter.core')
local mpi = require('tweeter.mpi')
local m = core.model{ vocab = 'ab', embed = 2, hidden = 2, layers = 1 }
local b = m:encode{ 'ab', 'ba' }:batches(2, 4)
b:next()
m:train_gradients(b)
local slab = m:gradient_buffer()
local extras = { false, 1, 'junk', {}, print, io.stdout, m }
for _, x in ipairs(extras) do
  local comm = mpi.init(x)
  assert(comm:rank(x) == 0 and comm:size(x, x) == 1)
  assert(comm:allreduce(slab, x) == slab)
  collectgarbage()
  assert(#slab == 4 * m:info().params)
  -- sum, min and max reduce every argument: an extra is one more number, or an error
  for _, reduce in ipairs({ comm.sum, comm.min, comm.max }) do
    local ok, a = pcall(reduce, comm, 2, x)
    assert(ok == (math.type(x) ~= nil), tostring(a))
    assert(not ok or a == 2)
  end
  local all = comm:gather_streams(slab, 1, x)
  collectgarbage()
  assert(#all == #slab)
end
local comm = mpi.init()
comm:finalize('junk', 5)
comm:finalize({})
print('ok ' .. mpi.version)
]]
    local doc = assert(helper.read(helper.root .. '/docs/core-api.md'))
    for name in doc:gmatch('comm:([%a_]+)%(') do
      if name ~= 'abort' then
        assert.is_truthy(script:find('comm[:.]' .. name), 'comm:' .. name .. ' is not called here')
      end
    end
    local path = dir .. '/mpi_extras.lua'
    helper.write(path, script)
    local code, out, err = helper.run('cd ' .. helper.quote(helper.root)
      .. ' && OPENBLAS_NUM_THREADS=1 timeout 120 lua5.4 ' .. helper.quote(path))
    assert.are.equal(0, code, err)
    assert.matches('^ok ', out)
  end)

  it('comm:abort(code, extras...) ends the process with the code', function()
    local path = dir .. '/mpi_abort.lua'
    helper.write(path, "package.cpath = 'build/?.so'\n"
      .. "local comm = require('tweeter.mpi').init()\ncomm:abort(7, 'junk', {}, 5)\n")
    local code = helper.run('cd ' .. helper.quote(helper.root)
      .. ' && timeout 120 lua5.4 ' .. helper.quote(path))
    assert.are.equal(7, code)
  end)
end)
