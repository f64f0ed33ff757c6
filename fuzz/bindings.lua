-- Driver of fuzz/bindings.c: calls tweeter.core's functions and methods with argument lists
-- read from the fuzz input. `run(input, dir)` makes fresh subjects (a model, its data, a
-- batch, a saved file, an HTTP handle...), then, while input lasts, up to MAX_CALLS calls:
-- one byte picks the callee (a module function, a method or a metamethod of one of the
-- core's types), one the argument count (0 to 6), then each argument is read from the input
-- (a value of the pool, which grows with what the calls return, or a number, string or
-- table made from the next bytes). After each call a full collection, then every object of
-- the pool is used (tostring, a model's vocabulary and sizes), so that memory a binding left
-- unanchored is read after it was freed. Returns nil, or a message naming the broken
-- property: a raised value that is not a string. A crash or an ASan report is libFuzzer's.
--
-- What could wait or spin up threads is bounded: core.sleep's and core.wait_readable's
-- seconds become 0 when they are a number (NaN aside, which they refuse) or missing, and
-- thread counts above 2 become 2. Input strings hold no '/', and a path without one (a
-- string or a number) given to a writer (core.write_file, core.mkdir, core.lock, model:save) is taken
-- in the scratch folder, so nothing is written outside it; the one URL is a closed port of
-- the loopback.
local core = require('tweeter.core')

local MAX_CALLS = 48
local MAX_ARGS = 6
local POOL_CAP = 40

local DEFAULT_THREADS = core.get_threads()
local DEFAULT_PRECISION = select(2, core.precision())

-- the subjects' callees: module functions, then each type's methods and metamethods
local function callees(model, data, batch, http)
  local out = {}
  local names = {}
  for name, fn in pairs(core) do
    if type(fn) == 'function' then names[#names + 1] = { 'core.' .. name, fn } end
  end
  for _, subject in ipairs({ model, data, batch, http, model:gradient_buffer() }) do
    local mt = getmetatable(subject)
    for name, fn in pairs(mt.__index or {}) do names[#names + 1] = { mt.__name .. ':' .. name, fn } end
    for name, fn in pairs(mt) do
      if type(fn) == 'function' then names[#names + 1] = { mt.__name .. '.' .. name, fn } end
    end
  end
  -- the kernels' and descriptors' metamethods take objects no caller holds
  for _, type_name in ipairs({ 'tweeter.Kernels', 'tweeter.Descriptor' }) do
    names[#names + 1] = { type_name .. '.__tostring', debug.getregistry()[type_name].__tostring }
  end
  table.sort(names, function(a, b) return a[1] < b[1] end)   -- the input's bytes mean the same each run
  for k, v in ipairs(names) do out[k] = v end
  return out
end

-- Numbers for the callees that would wait, or start many threads.
local function no_wait(s)
  local n = tonumber(s)
  if s == nil or (n and n == n) then return 0 end
  return s
end

local function few_threads(n)
  if math.type(n) == 'integer' and n > 2 then return 2 end
  return n
end

local scratch

-- a string, or a number (which the core takes as its string)
local function in_scratch(path)
  local t = type(path)
  if (t == 'string' or t == 'number') and not tostring(path):find('/', 1, true) then
    return scratch .. '/' .. tostring(path)
  end
  return path
end

local BOUNDED = {
  ['core.sleep'] = function(args) args[1] = no_wait(args[1]) end,
  ['core.wait_readable'] = function(args) args[2] = no_wait(args[2]) end,
  ['core.set_threads'] = function(args) args[1] = few_threads(args[1]) end,
  ['core.set_sampling_threads'] = function(args) args[1] = few_threads(args[1]) end,
  ['core.write_file'] = function(args) args[1] = in_scratch(args[1]) end,
  ['core.mkdir'] = function(args) args[1] = in_scratch(args[1]) end,
  ['core.lock'] = function(args) args[1] = in_scratch(args[1]) end,
  ['tweeter.Model:save'] = function(args) args[2] = in_scratch(args[2]) end,
}

local INTEGERS = { 0, 1, 2, 3, 4, -1, 16, 65536, 65537, 1 << 24, 1 << 31, 1 << 40, 1 << 53,
  math.maxinteger, math.mininteger }
local FLOATS = { 0.5, -0.0, 1e-12, 1e300, 0 / 0, math.huge, -math.huge }
local STRINGS = { '', 'junk', 'lstm', 'gru', 'adam', 'rmsprop', 'auto', 'bf16', 'fp32',
  'forward', 'step', 'embedding', 'output', 'output_bias', 'w1', 'b1', 'bh1', 'half',
  'the quick brown fox', 'ab\0cd', '\xff\xfe', 'é☃😀', 'http://127.0.0.1:1/' }

-- Reads the input a byte at a time; past its end every read is 0.
local function reader(input)
  local pos = 0
  local r = {}
  function r.byte()
    pos = pos + 1
    return input:byte(pos) or 0
  end
  function r.bytes(n)
    local s = input:sub(pos + 1, pos + n)
    pos = pos + n
    return s
  end
  function r.left() return pos < #input end
  return r
end

local value

-- A table from the input: up to 7 fields, each a key (an option name, an index or another
-- value) and a value, one level deep.
local OPTION_NAMES = { 'cell', 'embed', 'hidden', 'layers', 'dropout', 'seed', 'vocab', 'n',
  'temperature', 'top_k', 'top_p', 'prime', 'max_length', 'min_length', 'name', 'lr', 'beta1',
  'beta2', 'eps', 'alpha', 'clip', 'wrap', 'part', 'parts', 'half', 'timeout',
  'connect_timeout', 'max_body', 'user_agent', 'resumable', 'min_p' }

local function table_from(r, pool, depth)
  local t = {}
  for _ = 1, r.byte() % 8 do
    local k = r.byte()
    local key
    if k % 3 == 0 then key = OPTION_NAMES[k // 3 % #OPTION_NAMES + 1]
    elseif k % 3 == 1 then key = k // 3 % 4 + 1
    else key = value(r, pool, depth + 1) end
    local v = value(r, pool, depth + 1)
    if key ~= nil and key == key then t[key] = v end
  end
  return t
end

-- One argument: the kind from one byte, then what that kind reads.
function value(r, pool, depth)
  local b = r.byte()
  local kind = b % 12
  if kind == 0 then return nil
  elseif kind == 1 then return b & 16 ~= 0
  elseif kind == 2 then return INTEGERS[b // 12 % #INTEGERS + 1]
  elseif kind == 3 then return r.byte() - 128
  elseif kind == 4 then return FLOATS[b // 12 % #FLOATS + 1]
  elseif kind == 5 then
    local bits = r.bytes(8)
    return #bits == 8 and string.unpack('<d', bits) or 0.25
  elseif kind == 6 then return STRINGS[b // 12 % #STRINGS + 1]
  elseif kind == 7 then return (r.bytes(r.byte() % 64):gsub('/', '_'))
  elseif kind == 8 and depth < 2 then return table_from(r, pool, depth)
  elseif kind == 9 then return print
  end
  -- a value of the pool: subjects, paths, option tables, and what calls returned
  return pool[r.byte() % #pool + 1]
end

-- Every object of the pool is used, reading what it points to.
local function use_all(pool)
  for _, v in ipairs(pool) do
    if type(v) == 'userdata' then
      local s = tostring(v)
      if s:match('^tweeter.Model%(') then
        local info = v:info()
        assert(utf8.len(v:vocab()) == info.vocab_size - 2, 'vocabulary and size disagree')
        v:history()
      elseif s:match('^tweeter.Data%(') then
        v:tokens()
      elseif s:match('^tweeter.Batch%(') then
        v:size()
      end
    end
  end
end

-- One call, its arguments read from r; what it returns (userdata and tables) joins the pool,
-- past the `fixed` first entries. Returns a message when it raised something not a string.
local function call_one(callee, r, pool, fixed)
  local args = { n = r.byte() % (MAX_ARGS + 1) }
  for k = 1, args.n do args[k] = value(r, pool, 0) end
  if BOUNDED[callee[1]] then BOUNDED[callee[1]](args) end
  local result = table.pack(pcall(callee[2], table.unpack(args, 1, args.n)))
  if not result[1] and type(result[2]) ~= 'string' then
    return callee[1] .. ' raised a ' .. type(result[2]) .. ', not a message'
  end
  for k = 2, math.min(result.n, 4) do
    local v = result[k]
    if type(v) == 'userdata' or type(v) == 'table' then
      if #pool >= POOL_CAP then table.remove(pool, fixed + 1) end
      pool[#pool + 1] = v
    end
  end
end

return function(input, dir)
  scratch = dir
  core.set_precision(DEFAULT_PRECISION)
  core.set_threads(DEFAULT_THREADS)
  core.set_sampling_threads(0)
  local model = core.model{ embed = 2, hidden = 4, layers = 2, vocab = 'abc é' }
  local data = model:encode{ 'abc', 'cab é', 'b' }
  local batch = data:batches(2, 4)
  batch:next()
  model:train_step(batch)   -- gradients, moments and a carried state to reach
  local http <close> = core.http{ timeout = 2000, connect_timeout = 2000 }
  local path = dir .. '/model.twm'
  assert(model:save(path))
  local file <close> = assert(io.open(path, 'rb'))
  local pool = { model, data, batch, data:batches(1, 3, { wrap = false }), http, file,
    model:gradient_buffer(), model:copy(), path, dir .. '/other.twm', dir, dir .. '/sub',
    { 'abc', 'b' }, { vocab = 'ab', embed = 2, hidden = 2, layers = 1 },
    { vocab = 'xy', cell = 'gru', embed = 1, hidden = 3, layers = 2, dropout = 0.5 },
    { n = 2, max_length = 6, seed = 1 }, { wrap = false }, { parts = 2, part = 1 },
    { name = 'rmsprop', lr = 0.01 }, { half = true }, {} }
  local fixed = #pool   -- what calls return replaces only what calls returned
  local list = callees(model, data, batch, http)
  local r = reader(input)
  for _ = 1, MAX_CALLS do
    if not r.left() then break end
    local broken = call_one(list[r.byte() % #list + 1], r, pool, fixed)
    if broken then return broken end
    collectgarbage()   -- what the call made and did not return is garbage now
    use_all(pool)
  end
  core.catch_interrupt(false)
  return nil
end
