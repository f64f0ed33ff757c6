--- Every option of the `tweeter` command and of the functions behind it, declared once:
-- name, kind, range, default and help. The command line parser (`parse`), `--help`
-- (`help`) and the option checks of `tweeter.train.run` and `tweeter.generate.posts`
-- (`check`) all read the declarations; the C core keeps only its hard limits.
--
-- A declaration is `{ name, kind, min =, max =, open = { min = bool, max = bool },
-- choices =, default =, default_help =, arg =, short =, help =, cli = false | lua = false }`:
-- `name` is the Lua key (`lr_decay`; on the command line `--lr-decay`); `kind` is one of
-- `integer`, `number`, `string`, `choice`, `temperatures` (a number or, on the command line,
-- a comma-separated list), `flag` (a boolean), or, for Lua only, `function`, `table`,
-- `posts` (posts array or path), `progress` (boolean, function or reporter), `comm` (an MPI
-- communicator); `cli = false` marks an option of the function only, `lua = false` one of
-- the command only.
--
-- Unknown option names raise in Lua as on the command line, with "did you mean" for near
-- misses:
--
--     options.check_known(opts, { 'n', 'temperature' }, 'posts')
--     -- bad argument #2 to 'posts' (unknown option 'temprature'; did you mean 'temperature'?)
-- @module tweeter.options
local M = {}

-- Edit distance (insertions, deletions, substitutions) between two short strings.
local function distance(a, b)
  local prev = {}
  for j = 0, #b do prev[j] = j end
  for i = 1, #a do
    local cur = { [0] = i }
    for j = 1, #b do
      local cost = a:byte(i) == b:byte(j) and 0 or 1
      cur[j] = math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
    end
    prev = cur
  end
  return prev[#b]
end

--- The known name closest to `name` when it is a near miss (a typo, or a dash for an
-- underscore), else nil.
-- @tparam string name
-- @tparam table known array of names
-- @treturn string|nil
function M.suggest(name, known)
  local best, best_d
  local normal = name:gsub('%-', '_'):lower()
  for _, k in ipairs(known) do
    local d = distance(normal, k)
    if not best_d or d < best_d then best, best_d = k, d end
  end
  if best and best_d <= math.max(1, #name // 3) then return best end
  return nil
end

--- Raises "bad argument #argn to 'fname' (kind expected, got …)" in the caller's caller
-- when `value` is not of Lua type `kind`.
-- @param value the argument
-- @tparam string kind a Lua type name
-- @tparam integer argn
-- @tparam string fname
function M.check_arg(value, kind, argn, fname)
  if type(value) ~= kind then
    error(("bad argument #%d to '%s' (%s expected, got %s)"):format(argn, fname, kind, type(value)), 3)
  end
end

--- Raises when `opts` has a key `known` does not list, naming every such key (sorted) and,
-- for a near miss, the name that was probably meant.
-- @tparam table opts the caller's options table (already known to be a table)
-- @tparam table known array of the accepted names
-- @tparam string fname the function's name for the message
-- @tparam[opt] integer argn the options table's argument position (default 1)
-- @tparam[opt] integer level error level (default 3: the caller of the function checking)
function M.check_known(opts, known, fname, argn, level)
  local set = {}
  for _, k in ipairs(known) do set[k] = true end
  local unknown = {}
  for k in pairs(opts) do
    if not set[k] then unknown[#unknown + 1] = tostring(k) end
  end
  if #unknown == 0 then return end
  table.sort(unknown)
  local parts = {}
  for i, name in ipairs(unknown) do
    local hint = M.suggest(name, known)
    parts[i] = ("'%s'"):format(name) .. (hint and ("; did you mean '%s'?"):format(hint) or '')
  end
  error(("bad argument #%d to '%s' (unknown option%s %s)"):format(argn or 1, fname,
    #unknown > 1 and 's' or '', table.concat(parts, ', ')), level or 3)
end

---------------------------------------------------------------------------------------------
-- The declarations

-- the core's bounds on generation (lmodel.c), said in --help and in the usage errors
local MAX_POSTS, MAX_LENGTH = 10000, 100000

--- The commands, in the order `tweeter --help` lists them; each names its summary, usage,
-- positionals, required options, closing help and its option declarations.
M.ORDER = { 'fetch', 'import', 'train', 'generate', 'quiz', 'eval', 'info', 'repl' }

local function clean_options()
  return {
    { 'keep_urls', 'flag', help = 'keep URLs in the posts' },
    { 'mask_mentions', 'flag', help = 'replace @handles with @user' },
  }
end

M.COMMANDS = {}

-- what the commands that take a MODEL say about the name `base`, as train's --from does
local BASE_HELP = 'MODEL "base": the base model shipped with tweeter (./base for a file of that name).'

M.COMMANDS.fetch = {
  summary = 'download an account\'s posts into a posts file',
  positionals = { 'HANDLE' },
  options = {
    { 'source', 'choice', choices = 'network sources', arg = 'NAME',
      help = 'the service (default: mastodon for @user@instance, bluesky for a name with a dot, '
        .. 'twitter otherwise)' },
    { 'limit', 'integer', min = 1, arg = 'N', help = 'fetch at most N posts' },
    { 'api_base', 'url', arg = 'URL', help = 'base URL of the service\'s API' },
    { 'out', 'string', arg = 'FILE', help = 'posts file (default posts/HANDLE.jsonl); new posts are merged into it' },
    { 'quiet', 'flag', help = 'no progress messages' },
  },
  help = 'Twitter needs TWITTER_BEARER_TOKEN in the environment; Mastodon and Bluesky need no '
    .. 'token. A later fetch asks only for posts newer than the newest one saved.',
}
for _, o in ipairs(clean_options()) do table.insert(M.COMMANDS.fetch.options, o) end

M.COMMANDS.import = {
  summary = 'read posts from a Twitter archive or a file into a posts file',
  positionals = { 'PATH' },
  options = {
    { 'out', 'string', arg = 'FILE', help = 'posts file (default posts/NAME.jsonl); posts are merged into it' },
  },
  help = 'PATH: a Twitter archive (its .zip, read without unpacking, its folder, or data/tweets.js '
    .. 'and its parts), plain text (one post per line), JSON Lines (a "text" field), CSV (a "text" '
    .. 'column) or a JSON array. UTF-8, or UTF-16 with its byte-order mark.',
}
for _, o in ipairs(clean_options()) do table.insert(M.COMMANDS.import.options, o) end

M.COMMANDS.train = {
  summary = 'train a model on a posts file (new, continued or fine-tuned)',
  positionals = {},
  required = { 'data', 'model' },
  options = {
    { 'data', 'string', arg = 'FILE', help = 'the posts: anything import reads, cleaned as import cleans '
        .. 'them (an archive .zip or folder, tweets.js, CSV, JSON, JSON Lines or text; required)' },
    { 'model', 'string', arg = 'MODEL', help = 'model file; created when missing, else trained further (required)' },
    { 'from', 'string', arg = 'BASE', help = 'start from a copy of this base model (fine-tuning); '
        .. '"base": the base model shipped with tweeter (./base for a file of that name)' },
    { 'epochs', 'number', min = 0, open = { min = true }, default = 10, arg = 'N',
      help = 'passes over the training posts' },
    { 'steps', 'integer', min = 1, arg = 'N', help = 'training steps in this run (instead of --epochs)' },
    { 'cell', 'choice', choices = 'cells', default = 'lstm', arg = 'CELL',
      help = 'recurrent cell, new models only' },
    { 'embed', 'integer', min = 1, default = 64, arg = 'E', help = 'embedding size, new models only' },
    { 'hidden', 'integer', min = 1, default = 256, arg = 'H', help = 'units per recurrent layer, new models only' },
    { 'layers', 'integer', min = 1, default = 2, arg = 'L', help = 'recurrent layers, new models only' },
    { 'batch', 'integer', min = 1, default = 32, arg = 'B', help = 'streams per batch' },
    { 'seq', 'integer', min = 1, default = 128, arg = 'T', help = 'characters per stream per step' },
    { 'lr', 'number', min = 0, open = { min = true }, default = 2e-3, arg = 'X',
      default_help = '2e-3 new, 1e-3 fine-tuning (less on under 200k characters), else the model\'s', help = 'learning rate' },
    { 'schedule', 'choice', choices = { 'plateau', 'cosine' }, default = 'plateau', arg = 'S',
      help = 'learning rate: plateau halves it after a validation without improvement '
        .. '(--lr-decay); cosine lowers it to 1e-5 along a half cosine over the run' },
    { 'mix', 'string', arg = 'FILE', help = 'generic posts to mix into the training posts '
        .. '(anything import reads); validation stays on --data' },
    { 'mix_share', 'number', min = 0, max = 1, open = { max = true }, default = 0.2, arg = 'F',
      help = 'share of the training text (in bytes) taken from --mix' },
    { 'dropout', 'number', min = 0, max = 1, open = { max = true }, default = 0, arg = 'P',
      help = 'dropout between layers, new models only' },
    { 'seed', 'integer', min = 0, default = 1, arg = 'S',
      help = 'seed of a new model (weights, dropout, validation split)' },
    { 'precision', 'choice', choices = { 'auto', 'bf16', 'fp32' }, default = 'auto', arg = 'P',
      help = 'matrix products in bf16 (float32 weights and sums) or float32; auto: '
        .. 'bf16 where the CPU has bf16 units' },
    { 'half', 'flag', help = 'save MODEL with float16 weights (half the size); MODEL.ckpt keeps '
        .. 'float32 and the optimizer state, everything needed to resume' },
    { 'samples', 'integer', min = 0, max = 100, default = 2, arg = 'N',
      help = 'sample posts printed at each validation' },
    { 'quiet', 'flag', help = 'no progress and no samples: one summary line on standard output' },
    { 'lr_decay', 'number', min = 0, max = 1, open = { min = true }, default = 0.5, arg = 'F',
      help = 'multiply the learning rate by F after a validation without improvement' },
    { 'min_lr', 'number', min = 0, open = { min = true }, default = 1e-5, cli = false },
    { 'patience', 'integer', min = 0, default = 5, arg = 'N',
      help = 'stop after N validations without improvement, 0: never' },
    { 'valid_every', 'integer', min = 1, arg = 'N', help = 'validate every N steps (default: about 3 % of the time)' },
    { 'valid_percent', 'number', min = 0, max = 100, default = 5, arg = 'P',
      help = 'per cent of posts held out for validation' },
    { 'max_valid_chars', 'integer', min = 1, default = 262144, cli = false },
    { 'checkpoint_every', 'integer', min = 1, default = 1000, arg = 'N', help = 'write MODEL.ckpt every N steps' },
    { 'threads', 'integer', min = 1, arg = 'N', help = 'OpenBLAS and oneDNN threads (under mpirun: cores / ranks per machine)' },
    { 'distributed', 'flag', lua = false, help = 'data-parallel over MPI ranks (implied under mpirun); --batch is the whole batch' },
    { 'progress', 'progress', cli = false },
    { 'comm', 'comm', cli = false },
  },
  help = 'The model file ends up holding the best model by validation loss (its weights only); MODEL.ckpt '
    .. 'the latest state with the optimizer\'s (Ctrl-C saves it; run the same command again to resume; '
    .. 'without it training goes on from the model file with a fresh optimizer); MODEL.svg the loss curve. '
    .. 'mpirun -np N tweeter train ... trains one model on N processes (on one or several machines).',
}

M.COMMANDS.generate = {
  summary = 'write generated posts, one per line',
  positionals = { 'MODEL' },
  options = {
    { 'n', 'integer', min = 1, max = MAX_POSTS, default = 1, arg = 'N', short = 'n', help = 'number of posts' },
    { 'temperature', 'temperatures', min = 0, max = 100, default = 1, arg = 'X[,X...]',
      help = 'sampling temperature; 0: greedy, the likeliest character every time; a list such '
        .. 'as 0.2,0.5,1.0 writes N posts at each, in that order' },
    { 'top_k', 'integer', min = 0, default = 0, arg = 'K', help = 'sample among the K likeliest characters, 0: all' },
    { 'top_p', 'number', min = 0, max = 1, open = { min = true }, default = 1, arg = 'P',
      help = 'nucleus sampling threshold (1 turns it off; the end of a post is never cut)' },
    { 'min_p', 'number', min = 0, max = 1, default = 0, arg = 'P',
      help = 'drop characters less likely than P times the likeliest one (0 turns it off; '
        .. 'the end of a post is never cut)' },
    { 'word_min_p', 'number', min = 0, max = 1, default = 0.1, arg = 'P',
      help = 'inside a word (after a letter) drop characters less likely than P times the '
        .. 'likeliest one: keeps words spelt while the rest follows the person (0 turns it off)' },
    { 'plain', 'flag',
      help = 'sample the model\'s distribution as it is: no truncation inside words (--word-min-p 0)' },
    { 'prime', 'string', arg = 'TEXT', help = 'text every post starts with' },
    { 'min_length', 'integer', min = 1, default = 1, arg = 'N',
      help = 'no post ends before N characters (at most --max-length)' },
    { 'max_length', 'integer', min = 1, max = MAX_LENGTH, default = 280, arg = 'N',
      help = 'maximum characters per post; a post cut there ends at its last word boundary when it has one' },
    { 'seed', 'integer', arg = 'S', help = 'seed: the same seed gives the same posts (without --seed, '
        .. 'fresh posts every run)' },
    { 'allow_copies', 'flag',
      help = 'keep posts copying 40+ characters of the model\'s training posts (dropped by default)' },
    { 'novel_against', 'posts', arg = 'FILE',
      help = 'drop posts copying 40+ characters of a post in FILE, generating more' },
    { 'max_rounds', 'integer', min = 1, default = 10, cli = false },
    { 'on_post', 'function', cli = false },
  },
  help = BASE_HELP,
}

M.COMMANDS.quiz = {
  summary = 'a game: tell the person\'s real posts from the model\'s',
  positionals = { 'MODEL' },
  required = { 'real' },
  options = {
    { 'real', 'posts', arg = 'FILE', help = 'the person\'s posts (required: a model does not record '
        .. 'its posts file); given the training file, only the posts held out for validation' },
    { 'n', 'integer', min = 1, max = MAX_POSTS, default = 5, arg = 'N', short = 'n',
      help = 'real posts and generated posts shown, N of each' },
    { 'seed', 'integer', arg = 'S', help = 'the same seed gives the same game (default: from the clock)' },
    { 'input', 'function', cli = false },
    { 'output', 'function', cli = false },
  },
  help = 'Shows the posts one at a time; answer r (real) or f (fake), a line each, on standard '
    .. 'input (so a script can play too). At the end: the score and which posts were real.',
}

M.COMMANDS.eval = {
  summary = 'bits per character of a model on a posts file',
  positionals = { 'MODEL', 'FILE' },
  options = { { 'json', 'flag', help = 'print one JSON object (bpc, posts, chars, nats, unknown)' } },
  help = BASE_HELP,
}
M.COMMANDS.info = {
  summary = 'a model\'s configuration, size, vocabulary and training history',
  positionals = { 'MODEL' },
  options = { { 'json', 'flag', help = 'print one JSON object' } },
  help = BASE_HELP,
}
M.COMMANDS.repl = {
  summary = 'a Lua 5.4 prompt with tweeter loaded',
  positionals = {},
  options = {},
  help = 'Reads Lua from standard input (a statement or an expression per line; incomplete '
    .. 'statements continue on the next line) and prints the results. `tweeter` is loaded and '
    .. 'locals are kept from line to line. On a terminal: line editing, history and Tab completion '
    .. '(with lua-readline), help(tweeter.train) for a function\'s documentation, Ctrl-C to cancel '
    .. 'the line or the call.',
}

-- The choices of a declaration (the network sources come from their registry, the cells
-- from the core's cell table).
local function choices_of(o)
  if o.choices == 'network sources' then return require('tweeter.sources').NETWORK end
  if o.choices == 'cells' then return require('tweeter.core').cells() end
  return o.choices
end

--- The defaults of a command's options, by Lua name.
-- @tparam string command
-- @treturn table
function M.defaults(command)
  local out = {}
  for _, o in ipairs(M.COMMANDS[command].options) do out[o[1]] = o.default end
  return out
end

local function flag_of(o) return '--' .. o[1]:gsub('_', '-') end

-- What a value must be, in words: `lua` true for the function's messages ("positive
-- integer"), else the command line's ("a positive integer").
local function expectation(o, lua)
  local kind, lo, hi, open = o[2], o.min, o.max, o.open or {}
  if kind == 'choice' then
    local list = choices_of(o)
    if lua then
      local quoted = {}
      for k, c in ipairs(list) do quoted[k] = ("'%s'"):format(c) end
      return table.concat(quoted, ', ', 1, #quoted - 1) .. ' or ' .. quoted[#quoted]
    end
    return 'one of ' .. table.concat(list, ', ')
  elseif kind == 'integer' then
    local what
    if lo and hi then what = ('an integer from %d to %d'):format(lo, hi)
    elseif lo == 1 then what = 'a positive integer'
    elseif lo == 0 then what = lua and 'a non-negative integer' or 'an integer >= 0'
    else what = 'an integer' end
    return lua and what:gsub('^an? ', '') or what
  elseif kind == 'number' or kind == 'temperatures' then
    local what
    if lo and hi and (open.min or open.max) then
      what = ('a number in %s%g, %g%s'):format(open.min and '(' or '[', lo, hi, open.max and ')' or ']')
    elseif lo and hi then what = ('a number from %g to %g'):format(lo, hi)
    elseif lo == 0 and open.min then what = 'a positive number'
    else what = 'a number' end
    if kind == 'temperatures' and not lua then what = what .. ', or a comma-separated list of them' end
    return lua and what:gsub('^an? ', '') or what
  elseif kind == 'url' then
    return 'an http:// or https:// URL'
  end
  return (lua and '' or 'a ') .. kind
end

local function in_range(o, v)
  local open = o.open or {}
  if o.min and (v < o.min or (open.min and v == o.min)) then return false end
  if o.max and (v > o.max or (open.max and v == o.max)) then return false end
  return true
end

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
  if kind == 'string' then return s end
  if kind == 'url' then return s:match('^https?://[^/]') and s or nil end
  if kind == 'posts' then return s end
  if kind == 'choice' then
    for _, c in ipairs(choices_of(o)) do if c == s then return s end end
    return nil
  end
  if kind == 'temperatures' then
    local list = {}
    for part in (s .. ','):gmatch('([^,]*),') do
      local v = parse_num(part)
      if not v or not in_range(o, v) then return nil end
      list[#list + 1] = v
    end
    return list
  end
  local v = kind == 'integer' and parse_int(s) or kind == 'number' and parse_num(s) or nil
  if v and in_range(o, v) then return v end
  return nil
end

-- Whether a Lua value is of the declared kind (and in range).
local function is_valid(o, v)
  local kind = o[2]
  if kind == 'integer' then return math.type(v) == 'integer' and in_range(o, v) end
  if kind == 'number' or kind == 'temperatures' then
    return type(v) == 'number' and v == v and in_range(o, v)
  end
  if kind == 'choice' then return from_string(o, tostring(v)) ~= nil and type(v) == 'string' end
  if kind == 'flag' then return type(v) == 'boolean' end
  if kind == 'posts' then return type(v) == 'string' or type(v) == 'table' end
  if kind == 'progress' then return type(v) == 'boolean' or type(v) == 'function' or type(v) == 'table' end
  if kind == 'comm' then return type(v) == 'userdata' or type(v) == 'table' end
  if kind == 'url' then return type(v) == 'string' and v:match('^https?://[^/]') ~= nil end
  return type(v) == kind
end

local LUA_EXPECTED = { flag = 'boolean', posts = 'posts array or path',
  progress = 'boolean, function or reporter', comm = 'communicator from tweeter.mpi' }

--- Checks a function's options against a command's declarations: unknown names (with "did
-- you mean"), kinds and ranges. Raises `bad option 'x' to 'fname' (… expected)`.
-- @tparam string command the declarations (`'train'`, `'generate'`)
-- @tparam table opts
-- @tparam string fname the function's name for the messages
-- @tparam integer argn the options table's argument position
-- @tparam integer level the error level, counted from the function calling `check`
function M.check(command, opts, fname, argn, level)
  local known, by_name = {}, {}
  for _, o in ipairs(M.COMMANDS[command].options) do
    if o.lua ~= false then known[#known + 1] = o[1]; by_name[o[1]] = o end
  end
  M.check_known(opts, known, fname, argn, level + 2)
  for name, v in pairs(opts) do
    local o = by_name[name]
    if not is_valid(o, v) then
      -- a choice's message lists every choice, the refused value aside
      local got = o[2] == 'choice' and '' or (', got %s'):format(tostring(v))
      error(("bad option '%s' to '%s' (%s expected%s)"):format(name, fname,
        LUA_EXPECTED[o[2]] or expectation(o, true), got), level + 1)
    end
  end
end

---------------------------------------------------------------------------------------------
-- The command line

--- What a usage error raises: the command, and the message (`tostring` gives it).
M.UsageError = { __tostring = function(e) return e.message end }

local function usage_error(command, message)
  error(setmetatable({ command = command, message = message }, M.UsageError), 0)
end
M.usage_error = usage_error

--- The usage line of a command, from its declarations.
-- @tparam string command
-- @treturn string
function M.usage(command)
  local c = M.COMMANDS[command]
  local parts = { 'tweeter', command }
  for _, p in ipairs(c.positionals) do parts[#parts + 1] = p end
  for _, o in ipairs(c.options) do
    if o.cli ~= false then
      local flag = o.short and ('-' .. o.short) or flag_of(o)
      local value = o[2] == 'choice' and table.concat(choices_of(o), '|') or o.arg
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
  local c = M.COMMANDS[command]
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

--- Parses a command's arguments against its declarations; raises a `UsageError` on an
-- unknown option (with "did you mean"), a missing or malformed value, a missing positional
-- or required option.
-- @tparam string command
-- @tparam table args the arguments after the command name
-- @treturn table options by Lua name, with `_` the positionals, or `{ help = true }`
function M.parse(command, args)
  local c = M.COMMANDS[command]
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
    local hint = a:match('^%-%-') and M.suggest(a:match('^%-%-([^=]+)'), flags)
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
          usage_error(command, ("option '%s' expects %s, got '%s'"):format(a:match('^[^=]+'), expectation(o), value))
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

return M
