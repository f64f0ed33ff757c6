--- Every option of the `tweeter` command and of the functions behind it, declared once:
-- name, kind, range, default and help. The command line (`tweeter.command_line`: parsing,
-- usage, `--help`, the command printed to resume training) and the option checks of the
-- Lua functions (`check`) all read the declarations; the C core keeps only its hard limits.
--
-- A declaration is `{ name, kind, min =, max =, open = { min = bool, max = bool },
-- choices =, default =, default_help =, arg =, short =, help =, cli = false | lua = false,
-- resume = false }`: `name` is the Lua key (`lr_decay`; on the command line `--lr-decay`);
-- `kind` is one of `integer`, `number`, `string`, `url`, `choice`, `temperatures` (a number
-- or, on the command line, a comma-separated list), `flag` (a boolean), or, for Lua only,
-- `function`, `table`, `posts` (posts array or path), `progress` (boolean, function or
-- reporter), `comm` (an MPI communicator); `cli = false` marks an option of the function
-- only, `lua = false` one of the command only; `resume = false` a train option the command
-- printed to resume training leaves out (the checkpoint holds what it set).
--
-- A new option of `tweeter train` is its declaration in `COMMANDS.train` and its use in
-- `tweeter.train`: the parser, `--help`, the check of `train.run`, the command's call and
-- the resume command follow.
--
-- Unknown option names raise in Lua as on the command line, with "did you mean" for near
-- misses:
--
--     options.check_known(opts, { 'n', 'temperature' }, 'posts', 2)
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

-- the core's bounds on generation (lgenerate.c's MAX_GENERATE and MAX_LENGTH), said in
-- --help and in the usage errors
local MAX_POSTS, MAX_LENGTH = 10000, 100000

-- list a with the declarations of list b after its own
local function join(a, b)
  for _, o in ipairs(b) do a[#a + 1] = o end
  return a
end

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
  options = join({
    { 'source', 'choice', choices = 'network sources', arg = 'NAME',
      help = 'the service (default: mastodon for @user@instance, bluesky for a name with a dot, '
        .. 'twitter otherwise)' },
    { 'limit', 'integer', min = 1, arg = 'N', help = 'fetch at most N posts' },
    { 'api_base', 'url', arg = 'URL', help = 'base URL of the service\'s API' },
    { 'out', 'string', arg = 'FILE', help = 'posts file (default posts/HANDLE.jsonl); new posts are merged into it' },
    { 'quiet', 'flag', help = 'no progress messages' },
  }, clean_options()),
  help = 'Twitter needs TWITTER_BEARER_TOKEN in the environment; Mastodon and Bluesky need no '
    .. 'token. A later fetch asks only for posts newer than the newest one saved.',
}

M.COMMANDS.import = {
  summary = 'read posts from a Twitter archive or a file into a posts file',
  positionals = { 'PATH' },
  options = join({
    { 'out', 'string', arg = 'FILE', help = 'posts file (default posts/NAME.jsonl); posts are merged into it' },
  }, clean_options()),
  help = 'PATH: a Twitter archive (its .zip, read without unpacking, its folder, or data/tweets.js '
    .. 'and its parts), plain text (one post per line), JSON Lines (a "text" field), CSV (a "text" '
    .. 'column) or a JSON array. UTF-8, or UTF-16 with its byte-order mark.',
}

M.COMMANDS.train = {
  summary = 'train a model on a posts file (new, continued or fine-tuned)',
  positionals = {},
  required = { 'data', 'model' },
  options = {
    { 'data', 'string', arg = 'FILE', help = 'the posts: anything import reads, cleaned as import cleans '
        .. 'them (an archive .zip or folder, tweets.js, CSV, JSON, JSON Lines or text; required)' },
    { 'model', 'string', arg = 'MODEL', help = 'model file; created when missing, else trained further (required)' },
    { 'from', 'string', arg = 'BASE', resume = false, help = 'start from a copy of this base model (fine-tuning); '
        .. '"base": the base model shipped with tweeter (./base for a file of that name)' },
    { 'epochs', 'number', min = 0, open = { min = true }, default = 10, arg = 'N', resume = false,
      help = 'passes over the training posts' },
    { 'steps', 'integer', min = 1, arg = 'N', help = 'training steps in this run (instead of --epochs)' },
    { 'cell', 'choice', choices = 'cells', default = 'lstm', arg = 'CELL', resume = false,
      help = 'recurrent cell, new models only' },
    { 'embed', 'integer', min = 1, default = 64, arg = 'E', resume = false, help = 'embedding size, new models only' },
    { 'hidden', 'integer', min = 1, default = 256, arg = 'H', resume = false,
      help = 'units per recurrent layer, new models only' },
    { 'layers', 'integer', min = 1, default = 2, arg = 'L', resume = false, help = 'recurrent layers, new models only' },
    { 'batch', 'integer', min = 1, default = 32, arg = 'B', help = 'streams per batch' },
    { 'seq', 'integer', min = 1, default = 128, arg = 'T', help = 'characters per stream per step' },
    { 'lr', 'number', min = 0, open = { min = true }, default = 2e-3, arg = 'X', resume = false,
      default_help = '2e-3 new, 1e-3 fine-tuning (less on under 200k characters), else the model\'s', help = 'learning rate' },
    { 'schedule', 'choice', choices = { 'plateau', 'cosine' }, default = 'plateau', arg = 'S',
      help = 'learning rate: plateau halves it after a validation without improvement '
        .. '(--lr-decay); cosine lowers it to 1e-5 along a half cosine over the run' },
    { 'mix', 'string', arg = 'FILE', help = 'generic posts to mix into the training posts '
        .. '(anything import reads); validation stays on --data' },
    { 'mix_share', 'number', min = 0, max = 1, open = { max = true }, default = 0.2, arg = 'F',
      help = 'share of the training text (in bytes) taken from --mix' },
    { 'freeze', 'integer', min = 0, max = 8, default = 0, arg = 'N',
      help = 'leave the embedding and the N lowest layers as they are (train the layers above)' },
    { 'dropout', 'number', min = 0, max = 1, open = { max = true }, default = 0, arg = 'P', resume = false,
      help = 'dropout between layers, new models only' },
    { 'seed', 'integer', min = 0, default = 1, arg = 'S', resume = false,
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
    { 'distributed', 'flag', lua = false, resume = false, help = 'data-parallel over MPI ranks (implied under mpirun); --batch is the whole batch' },
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
    { 'word_min_p', 'number', min = 0, max = 1, arg = 'P',
      help = 'inside a word (after a letter) drop characters less likely than P times the '
        .. 'likeliest one (default 0 where the model writes only the person\'s words, else 0.1, '
        .. 'which keeps words spelt; 0 turns it off)' },
    { 'ngram', 'number', min = 0, max = 1, arg = 'W',
      help = 'the phrasing cache\'s share: each character drawn from the model\'s distribution '
        .. 'times the person\'s own character 5-gram counts to the power W (default: the '
        .. 'model\'s, set in training; 0 turns it off)' },
    { 'any_words', 'flag',
      help = 'let the model write words, handles and hashtags the person never wrote (by '
        .. 'default, a model with a phrasing cache writes only those of its training posts)' },
    { 'candidates', 'integer', min = 1, max = 16, arg = 'K',
      help = 'draw K posts for each one written and keep the one the model prefers most over '
        .. 'a generic model (default 2 for a model trained on fewer than 1000 posts, else 1; 1 turns '
        .. 'it off)' },
    { 'resample', 'integer', min = 1, max = 16, arg = 'R',
      help = 'draw R posts for each one written (at least 300 in all) and keep them in '
        .. 'proportion to how much more a classifier takes them for the person\'s own posts than '
        .. 'for the model\'s (default 3 for a model trained on 800 posts or more, else 1; 1 turns it off)' },
    { 'contrast', 'string', arg = 'FILE',
      help = 'the generic model of --candidates (default: the shipped base model)' },
    { 'plain', 'flag',
      help = 'sample the model\'s distribution as it is: no truncation inside words, no '
        .. 'phrasing cache, any words and lengths, one candidate, no resampling (--word-min-p 0 '
        .. '--ngram 0 --any-words --candidates 1 --resample 1)' },
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
    { 'on_drawn', 'function', cli = false },
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

-- The options of the Lua functions that no command takes as they are: the cleaning's
-- (`tweeter.clean.post`, `posts`), the readers' (`tweeter.import.read`), the HTTP client's
-- (`tweeter.http.new`) and the fetchers' (`tweeter.fetch.fetch`, `update`, `twitter`,
-- `mastodon`, `bluesky`).
M.FUNCTIONS = {}

M.FUNCTIONS['tweeter.clean'] = { options = join(clean_options(), {
  { 'html', 'flag', help = 'the text is HTML (a Mastodon post\'s content)' },
}) }

-- the posts besides the person's own that a reader or a fetcher keeps when asked (each
-- source says its default)
local function kept_options()
  return {
    { 'include_retweets', 'flag', help = 'keep retweets' },
    { 'include_replies', 'flag', help = 'keep replies to others' },
  }
end

M.FUNCTIONS['tweeter.import'] = { options = kept_options() }

local HTTP_OPTIONS = {
  { 'timeout', 'number', min = 0, default = 30, help = 'seconds a request may take' },
  { 'connect_timeout', 'number', min = 0, default = 10, help = 'seconds a connection may take' },
  { 'retries', 'number', min = 0, default = 3, help = 'attempts more after a timeout, a dropped connection or a 5xx' },
  { 'backoff', 'number', min = 0, default = 1, help = 'seconds before the first retry, doubled each time' },
  { 'max_backoff', 'number', min = 0, default = 60, help = 'longest wait between two attempts' },
  { 'max_wait', 'number', min = 0, default = 15 * 60, help = 'longest wait for a rate limit (429)' },
  { 'max_rate_waits', 'number', min = 0, default = 5, help = 'rate-limit waits a request may make' },
  { 'max_body', 'number', min = 0, default = 64 * 1024 * 1024, help = 'bytes a response body may hold' },
  { 'user_agent', 'string' },
  { 'sleep', 'function', help = 'sleep(seconds) (specs give one that does not wait)' },
  { 'now', 'function', help = 'now(): epoch seconds' },
  { 'progress', 'function', help = 'progress(event), called before each wait' },
}
M.FUNCTIONS['tweeter.http'] = { options = HTTP_OPTIONS }

-- the HTTP client's options a fetcher passes on
local function http_options(names)
  local out = {}
  for _, o in ipairs(HTTP_OPTIONS) do
    for _, name in ipairs(names) do if o[1] == name then out[#out + 1] = o end end
  end
  return out
end

M.FUNCTIONS['tweeter.fetch'] = { options = join({
  { 'source', 'string', help = "'twitter', 'mastodon' or 'bluesky' (default: from the handle's shape)" },
  { 'api_base', 'url', help = "base URL of the service's API" },
  { 'limit', 'integer', min = 1, help = 'fetch at most this many posts' },
  { 'since_id', 'string', help = 'only posts newer than this one' },
  { 'until_id', 'string', help = 'only posts older than this one' },
  { 'max_pages', 'number', help = "page budget (default: the source's)" },
  { 'on_page', 'function', help = "on_page(posts), called with each page's posts" },
  { 'clean', 'table', help = 'the options of tweeter.clean.posts (fetch.update)' },
}, join(kept_options(), http_options({ 'timeout', 'max_wait', 'retries', 'backoff', 'sleep', 'now', 'progress' }))) }

---------------------------------------------------------------------------------------------
-- Reading the declarations

-- A command's or a function's declarations.
local function declared(name)
  local d = M.COMMANDS[name] or M.FUNCTIONS[name]
  if not d then error(("no options declared for '%s'"):format(tostring(name)), 3) end
  return d.options
end

--- The choices of a declaration (the network sources come from their registry, the cells
-- from the core's cell table).
-- @tparam table o a declaration
-- @treturn table array of strings
function M.choices(o)
  if o.choices == 'network sources' then return require('tweeter.sources').NETWORK end
  if o.choices == 'cells' then return require('tweeter.core').cells() end
  return o.choices
end

--- The defaults of a command's or a function's options, by Lua name.
-- @tparam string name a command (`'train'`) or a key of `FUNCTIONS` (`'tweeter.http'`)
-- @treturn table
function M.defaults(name)
  local out = {}
  for _, o in ipairs(declared(name)) do out[o[1]] = o.default end
  return out
end

--- What a value must be, in words: `lua` true for the function's messages ("positive
-- integer"), else the command line's ("a positive integer").
-- @tparam table o a declaration
-- @tparam boolean lua
-- @treturn string
function M.expectation(o, lua)
  local kind, lo, hi, open = o[2], o.min, o.max, o.open or {}
  if kind == 'choice' then
    local list = M.choices(o)
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
    elseif lo == 0 then what = 'a non-negative number'
    else what = 'a number' end
    if kind == 'temperatures' and not lua then what = what .. ', or a comma-separated list of them' end
    return lua and what:gsub('^an? ', '') or what
  elseif kind == 'url' then
    return 'an http:// or https:// URL'
  end
  return (lua and '' or 'a ') .. kind
end

--- Whether a number lies in a declaration's range.
-- @tparam table o a declaration
-- @tparam number v
-- @treturn boolean
function M.in_range(o, v)
  local open = o.open or {}
  if o.min and (v < o.min or (open.min and v == o.min)) then return false end
  if o.max and (v > o.max or (open.max and v == o.max)) then return false end
  return true
end

--- Whether a string is a URL of the kind `url` declares.
-- @tparam string s
-- @treturn boolean
function M.is_url(s)
  return s:match('^https?://[^/]') ~= nil
end

-- Whether a Lua value is of the declared kind (and in range).
local function is_valid(o, v)
  local kind = o[2]
  if kind == 'integer' then return math.type(v) == 'integer' and M.in_range(o, v) end
  if kind == 'number' or kind == 'temperatures' then
    return type(v) == 'number' and v == v and M.in_range(o, v)
  end
  if kind == 'choice' then
    for _, c in ipairs(M.choices(o)) do if c == v then return true end end
    return false
  end
  if kind == 'flag' then return type(v) == 'boolean' end
  if kind == 'posts' then return type(v) == 'string' or type(v) == 'table' end
  if kind == 'progress' then return type(v) == 'boolean' or type(v) == 'function' or type(v) == 'table' end
  if kind == 'comm' then return type(v) == 'userdata' or type(v) == 'table' end
  if kind == 'url' then return type(v) == 'string' and M.is_url(v) end
  return type(v) == kind
end

local LUA_EXPECTED = { flag = 'boolean', posts = 'posts array or path',
  progress = 'boolean, function or reporter', comm = 'communicator from tweeter.mpi' }

--- Checks a function's options against their declarations: unknown names (with "did you
-- mean"), kinds and ranges. Raises `bad option 'x' to 'fname' (… expected)`.
-- @tparam string name the declarations: a command (`'train'`, `'generate'`) or a key of
--  `FUNCTIONS` (`'tweeter.http'`)
-- @tparam table opts
-- @tparam string fname the function's name for the messages
-- @tparam integer argn the options table's argument position
-- @tparam integer level the error level, counted from the function calling `check`
function M.check(name, opts, fname, argn, level)
  local known, by_name = {}, {}
  for _, o in ipairs(declared(name)) do
    if o.lua ~= false then known[#known + 1] = o[1]; by_name[o[1]] = o end
  end
  M.check_known(opts, known, fname, argn, level + 2)
  for key, v in pairs(opts) do
    local o = by_name[key]
    if not is_valid(o, v) then
      -- a choice's message lists every choice, the refused value aside
      local got = o[2] == 'choice' and '' or (', got %s'):format(tostring(v))
      error(("bad option '%s' to '%s' (%s expected%s)"):format(key, fname,
        LUA_EXPECTED[o[2]] or M.expectation(o, true), got), level + 1)
    end
  end
end

return M
