--- `tweeter repl`: a Lua 5.4 prompt with tweeter loaded.
--
-- **A growing session.** Each complete statement runs in the session's environment, and the
-- top-level locals it leaves are kept there when it returns (read with `debug.getlocal` in a
-- return hook), so `local posts = …` on one line is still `posts` on the next, as `lua -i`
-- users expect. Error positions give the line of the input (`stdin:7:`).
--
-- **The line.** On a terminal with Debian's `lua-readline`: line editing, history (in
-- `~/.tweeter_history`) and Tab completion of names (`tweeter.tr<Tab>`); otherwise plain
-- lines from standard input.
--
-- **Ctrl-C** cancels the line being typed, or the call running (a training run stops as it
-- does on the command line: checkpointed, with `interrupted = true` in its summary), and
-- comes back to the prompt. Ctrl-D (end of input) leaves.
--
-- **Results** print readably: a list of posts one per line, other tables as Lua
-- constructors, strings as they are. `help(f)` prints the documentation of a tweeter
-- function (`help(tweeter.train)`), `help()` what the prompt offers.
-- @module tweeter.repl
local core = require('tweeter.core')
local interrupt = require('tweeter.interrupt')

local M = {}

--- Entries shown of a long table before `…`.
M.MAX_ITEMS = 30

local HISTORY_LINES = 1000

---------------------------------------------------------------------------------------------
-- Showing values

local function is_identifier(k)
  return type(k) == 'string' and k:match('^[%a_][%w_]*$') ~= nil
end

local function sorted_keys(t)
  local keys = {}
  for k in pairs(t) do keys[#keys + 1] = k end
  table.sort(keys, function(a, b)
    local ta, tb = type(a), type(b)
    if ta ~= tb then return ta < tb end
    if ta == 'number' or ta == 'string' then return a < b end
    return tostring(a) < tostring(b)
  end)
  return keys
end

-- A table as a Lua constructor, nested tables to `depth` levels, at most MAX_ITEMS entries.
local function constructor(t, depth, seen)
  if seen[t] then return '{ <cycle> }' end
  if depth <= 0 then return '{ … }' end
  seen[t] = true
  local parts, shown = {}, 0
  local n = #t
  local function add(s)
    shown = shown + 1
    if shown <= M.MAX_ITEMS then parts[#parts + 1] = s end
  end
  local function value(v)
    if type(v) == 'string' then return ('%q'):format(v):gsub('\\\n', '\\n') end
    if type(v) == 'table' and getmetatable(v) == nil then return constructor(v, depth - 1, seen) end
    return tostring(v)
  end
  for k = 1, n do add(value(t[k])) end
  for _, k in ipairs(sorted_keys(t)) do
    if not (math.type(k) == 'integer' and k >= 1 and k <= n) then
      local key = is_identifier(k) and k or ('[' .. value(k) .. ']')
      add(key .. ' = ' .. value(t[k]))
    end
  end
  seen[t] = nil
  if shown > M.MAX_ITEMS then parts[#parts + 1] = ('… %d more'):format(shown - M.MAX_ITEMS) end
  if #parts == 0 then return '{}' end
  return '{ ' .. table.concat(parts, ', ') .. ' }'
end

local function is_list_of_strings(t)
  if getmetatable(t) ~= nil or #t == 0 then return false end
  for k, v in pairs(t) do
    if math.type(k) ~= 'integer' or type(v) ~= 'string' then return false end
  end
  return true
end

--- How the prompt shows a value: a list of strings (posts) one per line, numbered; another
-- table as a constructor; anything else as `tostring` gives it.
-- @param v any value
-- @treturn string
function M.show(v)
  if type(v) == 'table' and getmetatable(v) == nil then
    if is_list_of_strings(v) then
      local lines = {}
      for k, s in ipairs(v) do
        if k > M.MAX_ITEMS then
          lines[#lines + 1] = ('… %d more'):format(#v - M.MAX_ITEMS)
          break
        end
        lines[#lines + 1] = ('%d: %s'):format(k, s)
      end
      return table.concat(lines, '\n')
    end
    return constructor(v, 3, {})
  end
  return tostring(v)
end

---------------------------------------------------------------------------------------------
-- help()

local function read_lines(path)
  local f = io.open(path, 'rb')
  if not f then return nil end
  local lines = {}
  for line in f:lines() do lines[#lines + 1] = line end
  f:close()
  return lines
end

-- The comment block right above line `at` of a file, without the comment dashes.
local function doc_above(path, at)
  local lines = read_lines(path)
  if not lines then return nil end
  local first = at
  while first > 1 and lines[first - 1]:match('^%s*%-%-') do first = first - 1 end
  if first == at then return nil end
  local out = {}
  for k = first, at - 1 do out[#out + 1] = (lines[k]:gsub('^%s*%-%-%-?%s?', '')) end
  return table.concat(out, '\n')
end

-- The documentation comment of a Lua function, from its source file.
local function function_doc(f)
  local info = debug.getinfo(f, 'S')
  local path = info.source:match('^@(.*)$')
  if not path then return nil end
  return doc_above(path, info.linedefined), path
end

-- The tweeter module whose table holds function f (nil when none loaded does).
local function module_of(f)
  for name, t in pairs(package.loaded) do
    if type(name) == 'string' and name:match('^tweeter') and type(t) == 'table' then
      for _, v in pairs(t) do
        if rawequal(v, f) then return t end
      end
    end
  end
  return nil
end

-- A documentation comment with the constants it names (`TEMPERATURE`) shown as the values
-- its module gives them.
local function with_values(doc, module)
  if not module then return doc end
  return (doc:gsub('`(%u[%u%d_]*)`', function(name)
    local v = rawget(module, name)
    if type(v) == 'number' or type(v) == 'string' then return tostring(v) end
  end))
end

-- The value a dotted name such as `tweeter.train.run` stands for.
local function resolve(name)
  local module, rest = name:match('^(tweeter[%w_.]-)%.([%w_]+)$')
  if module then
    local ok, t = pcall(require, module)
    if ok and type(t) == 'table' and t[rest] ~= nil then return t[rest] end
  end
  local ok, t = pcall(require, name)
  return ok and t or nil
end

local GENERAL_HELP = [[
A Lua 5.4 prompt with `tweeter` loaded. Locals are kept from line to line.
  help(tweeter)        the module and its functions     help(tweeter.train)  one function
  tweeter.base_model() the shipped base model           Tab                  complete a name
  Ctrl-C               cancel the line or the call       Ctrl-D               leave]]

--- The help text for a value: the documentation of a tweeter function (and of the function
-- its documentation refers to with "see `…`"), a module's functions, or what the prompt does.
-- @param v a function, a module table, or nil
-- @treturn string
function M.help_text(v)
  if v == nil then return GENERAL_HELP end
  if type(v) == 'function' then
    local doc, path = function_doc(v)
    if not doc then return 'no documentation found for this function (C functions: docs/core-api.md)' end
    local parts = { with_values(doc, module_of(v)) }
    local see = doc:match('see `([%w_.]+)`')
    local target = see and resolve(see)
    if type(target) == 'function' and target ~= v then
      local more = function_doc(target)
      if more then parts[#parts + 1] = '\n' .. see .. ':\n' .. with_values(more, module_of(target)) end
    end
    parts[#parts + 1] = ('\n(%s:%d)'):format(path, debug.getinfo(v, 'S').linedefined)
    return table.concat(parts, '\n')
  end
  if type(v) == 'table' then
    local names = {}
    for _, k in ipairs(sorted_keys(v)) do
      if type(k) == 'string' and not k:match('^_') then
        names[#names + 1] = type(v[k]) == 'function' and (k .. '()') or k
      end
    end
    return 'fields: ' .. table.concat(names, ', ') .. '\nhelp(t.name) for one of them'
  end
  return ('no help for a %s'):format(type(v))
end

---------------------------------------------------------------------------------------------
-- Tab completion

--- Completions of the name being typed (`tweeter.tr` → `tweeter.train`, `tweeter.trim`…).
-- @tparam table env the session's environment
-- @tparam string word the text being completed (a dotted or colon name)
-- @treturn table sorted array of whole words
function M.complete(env, word)
  local prefix, sep, partial = word:match('^(.-)([.:])([%w_]*)$')
  local t
  if prefix then
    t = env
    for part in prefix:gmatch('[^.:]+') do
      local ok, v = pcall(function() return t[part] end)
      if not ok or (type(v) ~= 'table' and type(v) ~= 'userdata') then return {} end
      t = v
    end
    if type(t) == 'userdata' then
      local mt = getmetatable(t)
      t = mt and type(mt.__index) == 'table' and mt.__index or {}
    end
  else
    partial, prefix, sep = word, '', ''
  end
  local seen, out = {}, {}
  local function add_keys(tab)
    for k, v in pairs(tab) do
      if type(k) == 'string' and k:sub(1, #partial) == partial and is_identifier(k) and not seen[k] then
        seen[k] = true
        out[#out + 1] = prefix .. sep .. k .. (type(v) == 'function' and '(' or '')
      end
    end
  end
  if prefix == '' then
    add_keys(env)
    add_keys(_G)
  else
    add_keys(t)
  end
  table.sort(out)
  return out
end

---------------------------------------------------------------------------------------------
-- Reading lines

local function history_path()
  local home = os.getenv('HOME')
  return home and home ~= '' and (home .. '/.tweeter_history') or nil
end

-- A line reader on a terminal with lua-readline: readline's callback interface driven by
-- poll(), which Ctrl-C interrupts, so the line being typed can be thrown away.
local function readline_reader(env)
  local ok, RL = pcall(require, 'readline')
  if not ok then return nil end
  RL.set_options{ histfile = history_path() or '', keeplines = HISTORY_LINES, completion = true,
                  auto_add = false }
  RL.set_readline_name('tweeter')
  RL.set_complete_function(function(text, from, to)
    RL.set_completion_append_character('')
    return M.complete(env, text:sub(from, to))
  end)
  local reader = {}
  function reader.read(prompt)
    local line, done = nil, false
    io.stdout:flush()
    RL.handler_install(prompt, function(l)
      -- removed here, before readline would draw the next prompt
      RL.handler_remove()
      line, done = l, true
    end)
    while not done do
      -- a timeout too: a Ctrl-C that readline itself caught (inside read_char) came before
      -- the wait and would not end it
      local ready = core.wait_readable(0, 0.2)
      if core.interrupted() then
        -- the handler stays: removing it after readline has handled the signal itself
        -- frees readline's state twice; the next handler_install starts a fresh line
        io.stdout:write('^C\n')
        io.stdout:flush()
        return false
      end
      if ready then RL.read_char() end
    end
    if line and line:find('%S') then RL.add_history(line) end
    return line
  end
  function reader.close()
    if history_path() then RL.save_history() end
  end
  return reader
end

local function plain_reader(interactive)
  local reader = {}
  function reader.read(prompt)
    if interactive then
      io.stdout:write(prompt)
      io.stdout:flush()
    end
    local line = io.stdin:read('l')
    if interactive and core.interrupted() then return false end
    return line
  end
  function reader.close() end
  return reader
end

---------------------------------------------------------------------------------------------
-- Running a statement

-- Runs a compiled chunk: its results, and the top-level locals it had when it returned
-- stored in the session. Ctrl-C raises `interrupt.INTERRUPTED` inside it.
local function run_chunk(chunk, env)
  return interrupt.run(chunk, function()
    -- level 3: the function returning (under this function and interrupt's hook)
    local info = debug.getinfo(3, 'f')
    if info and info.func == chunk then
      local k = 1
      while true do
        local name, value = debug.getlocal(3, k)
        if not name then break end
        if name:sub(1, 1) ~= '(' then rawset(env, name, value) end
        k = k + 1
      end
    end
  end)
end

--- Runs the prompt until the end of input.
-- @tparam[opt] table opts `version` (shown in the greeting), `stdout`, `stderr`
-- @treturn integer exit code: 0, or 1 when input that is not a terminal had an error
function M.run(opts)
  opts = opts or {}
  local out, err = opts.stdout or io.stdout, opts.stderr or io.stderr
  local tweeter = require('tweeter')
  local interactive = core.isatty(0)
  local env = setmetatable({ tweeter = tweeter }, { __index = _G })
  env.help = function(v) out:write(M.help_text(v), '\n') end
  local was_catching = core.catch_interrupt()
  local guard <close> = setmetatable({}, { __close = function()
    if not was_catching then core.catch_interrupt(false) end
  end })
  local reader = interactive and readline_reader(env) or plain_reader(interactive)
  if interactive then
    out:write(('tweeter %s (%s); `tweeter` is loaded; help() for help; Ctrl-D exits\n'):format(
      opts.version or '', _VERSION))
  end
  local failures, buffer, buffer_line, lineno = 0, nil, 1, 0
  while true do
    local line = reader.read(buffer and '>> ' or '> ')
    if line == nil then break end
    if line == false then
      buffer = nil -- Ctrl-C: the line (and an unfinished statement) is dropped
    else
      lineno = lineno + 1
      if not buffer then buffer_line = lineno end
      local src = buffer and (buffer .. '\n' .. line) or line
      -- padding, so that positions count lines of the input
      local pad = ('\n'):rep(buffer_line - 1)
      local chunk, msg = load(pad .. 'return ' .. src, '=stdin', 't', env)
      if not chunk then chunk, msg = load(pad .. src, '=stdin', 't', env) end
      if not chunk then
        if msg:find('<eof>$') then
          buffer = src
        else
          buffer = nil
          failures = failures + 1
          err:write(msg, '\n')
        end
      else
        buffer = nil
        local res = run_chunk(chunk, env)
        if res[1] then
          local parts = {}
          for k = 2, res.n do parts[#parts + 1] = M.show(res[k]) end
          -- several results side by side, as lua -i does, unless one takes several lines
          local multiline = table.concat(parts):find('\n', 1, true)
          if #parts > 0 then out:write(table.concat(parts, multiline and '\n' or '\t'), '\n') end
        elseif res[2] == interrupt.INTERRUPTED then
          out:flush()
          err:write('\ninterrupted\n')
        else
          failures = failures + 1
          err:write(tostring(res[2]), '\n')
        end
        out:flush()
      end
    end
  end
  reader.close()
  if buffer then
    failures = failures + 1
    err:write('stdin: unfinished statement at end of input\n')
  end
  if interactive then out:write('\n') end
  return (failures > 0 and not interactive) and 1 or 0
end

return M
