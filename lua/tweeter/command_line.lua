--- The `tweeter` command line, read and written from the option declarations
-- (`tweeter.options`): the usage line and `--help` of each command and of `tweeter`
-- itself, parsing a command's arguments, the options a command hands to its Lua function,
-- and the arguments that give options again (the command printed to resume training).
--
--     local command_line = require 'tweeter.command_line'
--     local o = command_line.parse('generate', { 'me.twm', '-n', '3' })
--     -- { n = 3, _ = { 'me.twm' } }
-- @module tweeter.command_line
local options = require('tweeter.options')

local M = {}

--- What a usage error raises: the command, and the message (`tostring` gives it).
M.UsageError = { __tostring = function(e) return e.message end }

--- Raises a usage error (exit status 2).
-- @tparam string command
-- @tparam string message
function M.usage_error(command, message)
  error(setmetatable({ command = command, message = message }, M.UsageError), 0)
end
local usage_error = M.usage_error

local function flag_of(o) return '--' .. o[1]:gsub('_', '-') end

-- the flag the usage line shows: the short one when there is one
local function shown_flag(o) return o.short and ('-' .. o.short) or flag_of(o) end

local function parse_int(s)
  if not s:match('^[+-]?%d+$') then return nil end
  return math.tointeger(tonumber(s))
end

local function parse_num(s)
  if not s:match('^[+-]?[%d.]+[eE]?[+-]?%d*$') then return nil end
  local x = tonumber(s)
  if x == nil or x ~= x or x == math.huge or x == -math.huge then return nil end
  return x
end

-- A command-line string as the declared value, or nil.
local function from_string(o, s)
  local kind = o[2]
  if kind == 'string' or kind == 'posts' then return s end
  if kind == 'url' then return options.is_url(s) and s or nil end
  if kind == 'choice' then
    for _, c in ipairs(options.choices(o)) do if c == s then return s end end
    return nil
  end
  if kind == 'temperatures' then
    local list = {}
    for part in (s .. ','):gmatch('([^,]*),') do
      local v = parse_num(part)
      if not v or not options.in_range(o, v) then return nil end
      list[#list + 1] = v
    end
    return list
  end
  local v = kind == 'integer' and parse_int(s) or kind == 'number' and parse_num(s) or nil
  if v and options.in_range(o, v) then return v end
  return nil
end

--- The usage line of a command, from its declarations.
-- @tparam string command
-- @treturn string
function M.usage(command)
  local c = options.COMMANDS[command]
  local parts = { 'tweeter', command }
  for _, p in ipairs(c.positionals) do parts[#parts + 1] = p end
  for _, o in ipairs(c.options) do
    if o.cli ~= false then
      local flag = shown_flag(o)
      local value = o[2] == 'choice' and table.concat(options.choices(o), '|') or o.arg
      local word = value and (flag .. ' ' .. value) or flag
      local required = false
      for _, r in ipairs(c.required or {}) do required = required or r == o[1] end
      parts[#parts + 1] = required and word or ('[' .. word .. ']')
    end
  end
  return table.concat(parts, ' ')
end

--- A command's --help text, from its declarations.
-- @tparam string command
-- @treturn string
function M.help(command)
  local c = options.COMMANDS[command]
  local lines = { 'usage: ' .. M.usage(command), '', c.summary:sub(1, 1):upper() .. c.summary:sub(2) .. '.', '',
    'options:' }
  local sorted = {}
  for _, o in ipairs(c.options) do if o.cli ~= false then sorted[#sorted + 1] = o end end
  table.sort(sorted, function(a, b) return flag_of(a) < flag_of(b) end)
  for _, o in ipairs(sorted) do
    local flag = (o.short and ('-' .. o.short .. ', ') or '') .. flag_of(o) .. (o.arg and (' ' .. o.arg) or '')
    local notes = {}
    if o.min and o.max and o[2] ~= 'number' then notes[#notes + 1] = ('%g to %g'):format(o.min, o.max) end
    if o.default_help or (o.default ~= nil and o[2] ~= 'flag') then
      notes[#notes + 1] = 'default ' .. (o.default_help or tostring(o.default))
    end
    local help = (o.help or '') .. (#notes > 0 and (' (' .. table.concat(notes, '; ') .. ')') or '')
    lines[#lines + 1] = ('  %-28s %s'):format(flag, help)
  end
  lines[#lines + 1] = ('  %-28s %s'):format('-h, --help', 'show this help')
  if c.help then lines[#lines + 1] = '' lines[#lines + 1] = c.help end
  return table.concat(lines, '\n') .. '\n'
end

--- `tweeter --help`: the commands with their summaries, the exit statuses.
-- @treturn string
function M.top_help()
  local lines = {
    'usage: tweeter COMMAND [options]', '',
    'Learn how a person writes from their posts and generate new posts in their voice.', '',
    'commands:',
  }
  for _, name in ipairs(options.ORDER) do
    lines[#lines + 1] = ('  %-10s %s'):format(name, options.COMMANDS[name].summary)
  end
  lines[#lines + 1] = ''
  lines[#lines + 1] = 'options: -h, --help (on each command too), --version'
  lines[#lines + 1] = 'Exit status: 0 success, 1 failure, 2 usage error, 130 interrupted (Ctrl-C; training '
    .. 'saves a checkpoint first).'
  return table.concat(lines, '\n') .. '\n'
end

--- Parses a command's arguments against its declarations; raises a `UsageError` on an
-- unknown option (with "did you mean"), a missing or malformed value, a missing positional
-- or required option.
-- @tparam string command
-- @tparam table args the arguments after the command name
-- @treturn table options by Lua name, with `_` the positionals, or `{ help = true }`
function M.parse(command, args)
  local c = options.COMMANDS[command]
  local opts, pos, by_flag, by_short, flags = {}, {}, {}, {}, {}
  for _, o in ipairs(c.options) do
    if o.cli ~= false then
      local name = o[1]:gsub('_', '-')
      by_flag[name] = o
      flags[#flags + 1] = name
      if o.short then by_short[o.short] = o end
    end
  end
  local function unknown(a)
    local hint = a:match('^%-%-') and options.suggest(a:match('^%-%-([^=]+)'), flags)
    usage_error(command, ("unknown option '%s'"):format(a) .. (hint and ("; did you mean '--%s'?"):format(hint) or ''))
  end
  local i, only_pos = 1, false
  while i <= #args do
    local a = args[i]
    if only_pos or a == '-' or a:sub(1, 1) ~= '-' then
      pos[#pos + 1] = a
    elseif a == '--' then
      only_pos = true
    elseif a == '-h' or a == '--help' then
      return { help = true }
    else
      local long, value = a:match('^%-%-([^=]+)=(.*)$')
      if not long then long = a:match('^%-%-(.+)$') end
      local o
      if long then o = by_flag[long] else o = by_short[a:match('^%-(.)$') or ''] end
      if not o then unknown(a) end
      if o[2] == 'flag' then
        if value ~= nil then usage_error(command, ("option '%s' takes no value"):format(flag_of(o))) end
        opts[o[1]] = true
      else
        if value == nil then
          i = i + 1
          value = args[i]
          if value == nil then usage_error(command, ("option '%s' needs a value (%s)"):format(a, o.arg)) end
        end
        local v = from_string(o, value)
        if v == nil then
          usage_error(command, ("option '%s' expects %s, got '%s'"):format(a:match('^[^=]+'),
            options.expectation(o), value))
        end
        opts[o[1]] = v
      end
    end
    i = i + 1
  end
  if #pos > #c.positionals then
    usage_error(command, ("unexpected argument '%s'"):format(pos[#c.positionals + 1]))
  end
  if #pos < #c.positionals then
    usage_error(command, ('missing %s'):format(c.positionals[#pos + 1]))
  end
  for _, r in ipairs(c.required or {}) do
    if opts[r] == nil then usage_error(command, ("option '--%s' is required"):format(r)) end
  end
  opts._ = pos
  return opts
end

--- The parsed options that the command's Lua function takes too (those declared for both,
-- with neither `cli = false` nor `lua = false`), by Lua name: a new option reaches the
-- function without the command naming it.
-- @tparam string command
-- @tparam table parsed what `parse` returned
-- @treturn table
function M.function_options(command, parsed)
  local out = {}
  for _, o in ipairs(options.COMMANDS[command].options) do
    if o.cli ~= false and o.lua ~= false then out[o[1]] = parsed[o[1]] end
  end
  return out
end

-- A word quoted for a POSIX shell, so that a printed command can be pasted as it is.
local function shell_word(s)
  if s:match('^[%w%./_,%-]+$') then return s end
  return "'" .. s:gsub("'", "'\\''") .. "'"
end

--- The arguments that give `values` again (what `parse` reads back as them): each option
-- of the command that `values` holds, in the order of the declarations, quoted for a
-- POSIX shell.
-- @tparam string command
-- @tparam table values options by Lua name
-- @treturn string
function M.unparse(command, values)
  local words = {}
  for _, o in ipairs(options.COMMANDS[command].options) do
    local v = values[o[1]]
    if o.cli ~= false and v ~= nil and v ~= false then
      words[#words + 1] = shown_flag(o)
      if o[2] ~= 'flag' then
        words[#words + 1] = shell_word(type(v) == 'table' and table.concat(v, ',') or tostring(v))
      end
    end
  end
  return table.concat(words, ' ')
end

return M
