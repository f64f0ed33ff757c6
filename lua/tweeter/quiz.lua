--- A game of "which is real?": the person's own posts and a model's, shuffled, shown one at
-- a time; the player answers `r` (real) or `f` (fake) to each, then sees the score and which
-- posts were real. What no measure says as directly: whether a reader can tell.
--
--     local quiz = require 'tweeter.quiz'
--     local result = assert(quiz.run(assert(tweeter.load('me.twm')), { real = 'posts/me.jsonl', n = 5 }))
--     print(result.right, result.answered)
--
-- **The real posts** come from a posts file (`real`). A model file does not record the file it
-- was trained on, so it cannot be the default; but when `real` is that file (the copy guard
-- remembers the training side of the model's split of it: `tweeter.corpus.split` with the
-- model's seed and training's `valid_percent_for`), only its validation posts are shown, which
-- the model never trained on. Of any other file, every post is a candidate. Either way a post
-- the copy guard remembers (40 or more characters of a training post) is never shown. A model
-- without a copy guard cannot tell the files apart: the validation side is used.
-- @module tweeter.quiz
local corpus = require 'tweeter.corpus'
local options = require 'tweeter.options'
local escape = require('tweeter.terminal').escape

local M = {}

--- Posts of each kind in a game unless told otherwise.
M.N = options.defaults('quiz').n

-- Whether the model's copy guard remembers most of these posts (those long enough to be in
-- it): then they are the training side of its data file.
local function trained_on(model, posts)
  local long, known = 0, 0
  for _, p in ipairs(posts) do
    if (utf8.len(p) or #p) >= 40 then
      long = long + 1
      if model:copies(p) then known = known + 1 end
    end
  end
  return long > 0 and known * 2 > long
end

--- The posts of a file that a model never trained on (see the module's description).
-- @param model a tweeter.Model
-- @tparam table posts the posts of the file
-- @treturn table posts, in file order
-- @treturn boolean whether `posts` was found to be the model's training file (only its
-- validation posts are returned)
function M.real_posts(model, posts)
  local info = model:info()
  local train_side, valid_side = corpus.split(posts, { seed = info.seed,
    valid_percent = require('tweeter.train').valid_percent_for(#posts) })
  local own_file = info.remembered == 0 or trained_on(model, train_side)
  local out = {}
  for _, p in ipairs(own_file and valid_side or posts) do
    if not model:copies(p) then out[#out + 1] = p end
  end
  return out, own_file
end

-- A seeded stream of integers (splitmix64): the game's draws, leaving math.random alone.
local function draws(seed)
  local state = seed
  return function(k)
    state = state + 0x9E3779B97F4A7C15
    local z = state
    z = (z ~ (z >> 30)) * 0xBF58476D1CE4E5B9
    z = (z ~ (z >> 27)) * 0x94D049BB133111EB
    z = z ~ (z >> 31)
    return (z >> 11) % k + 1
  end
end

local function shuffle(list, draw)
  for i = #list, 2, -1 do
    local j = draw(i)
    list[i], list[j] = list[j], list[i]
  end
  return list
end

local ANSWERS = { r = true, real = true, f = false, fake = false }

--- Plays a game.
-- @param model a tweeter.Model
-- @tparam table opts `real` (required: a posts file's path, or an array of posts), `n`
-- (posts of each kind, default 5; fewer real ones when fewer are left), `seed` (the draw of
-- real posts, the generated posts and their order; default: from the clock, and printed),
-- `input` (a function returning the player's next line, nil at the end; default reads
-- standard input), `output` (a function given each piece of text; default writes standard
-- output). Input that ends before the last answer ends the game there: the score counts the
-- posts answered.
-- @treturn table `{ right =, answered =, total =, seed =, posts = { { text =, real =,
-- answer = } … } }` (`answer` true for "real", nil when not answered), or `nil, message`
-- (the file cannot be read, no post is left to show, no post could be generated)
function M.run(model, opts)
  if type(model) ~= 'userdata' and type(model) ~= 'table' then
    error(("bad argument #1 to 'quiz' (tweeter.Model expected, got %s)"):format(type(model)), 2)
  end
  options.check_arg(opts, 'table', 2, 'quiz')
  options.check('quiz', opts, 'quiz', 2, 2)
  if opts.real == nil then
    return nil, 'a model does not record the posts file it was trained on: give the real posts '
      .. '(--real FILE; the training file itself shows only its validation posts)'
  end
  local input = opts.input or function() return io.read('l') end
  local output = opts.output or function(s) io.stdout:write(s) io.stdout:flush() end
  local seed = opts.seed or os.time()
  local posts = opts.real
  if type(posts) == 'string' then
    local why
    posts, why = corpus.read(posts)
    if not posts then return nil, why end
  end
  if #posts == 0 then return nil, 'no real posts given' end
  local draw = draws(seed)
  local real = shuffle(M.real_posts(model, posts), draw)
  if #real == 0 then return nil, 'no real post to show: the model trained on all of them' end
  local n = math.min(opts.n or M.N, #real)
  local generated, stats = require('tweeter.generate').posts(model, { n = n, seed = seed })
  if not generated then return nil, stats end
  if #generated == 0 then return nil, 'the model generated no post that does not copy its training posts' end
  local game = {}
  for k = 1, n do game[k] = { text = real[k], real = true } end
  for _, text in ipairs(generated) do game[#game + 1] = { text = text, real = false } end
  shuffle(game, draw)

  output(('Which is real? %d posts: %d by the person, %d by the model, in random order (seed %d).\n'
    .. 'Answer r (real) or f (fake) to each.\n'):format(#game, n, #generated, seed))
  local right, answered = 0, 0
  for k, post in ipairs(game) do
    output(('\n%d/%d: %s\nreal or fake? '):format(k, #game, escape(post.text)))
    local answer
    while answer == nil do
      local line = input()
      if line == nil then break end
      answer = ANSWERS[line:match('^%s*(.-)%s*$'):lower()]
      if answer == nil then output('answer r (real) or f (fake): ') end
    end
    if answer == nil then
      output(('\n(input ended: stopped after %d of %d)\n'):format(answered, #game))
      break
    end
    post.answer = answer
    answered = answered + 1
    if answer == post.real then right = right + 1 end
  end
  output(('\n%d/%d right, %.0f %%\n'):format(right, answered, answered > 0 and 100 * right / answered or 0))
  output('The real posts:\n')
  for k, post in ipairs(game) do
    if post.real then
      local said = post.answer == nil and 'not answered' or post.answer and 'you said real' or 'you said fake'
      output(('  %d (%s): %s\n'):format(k, said, escape(post.text)))
    end
  end
  return { right = right, answered = answered, total = #game, seed = seed, posts = game }
end

return M
