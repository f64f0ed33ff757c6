--- A classifier that tells a person's posts from a model's: a logistic regression over each
-- post's character 1-4-grams, words, word pairs and length tenth, trained by AdaGrad with
-- both sides weighted alike. Its score is the log-odds that a post is the person's, which
-- for a calibrated classifier is the log of the ratio of the person's density to the model's:
-- `tweeter.generate` keeps posts in proportion to that ratio (docs/sweeps.md).
-- @module tweeter.discriminator
local M = {}

--- Passes over the posts, the AdaGrad step and the L2 penalty (docs/sweeps.md).
M.EPOCHS, M.RATE, M.L2 = 8, 0.5, 1e-4
--- The longest character n-gram counted.
M.ORDER = 4

-- The post's features, each a string key with its weight: counts under a square root, the
-- whole scaled to unit length so that long posts do not outweigh short ones.
local function features(post)
  local counts = {}
  local function add(key, n)
    counts[key] = (counts[key] or 0) + n
  end
  local chars = { ' ' }
  for _, c in utf8.codes(post, true) do chars[#chars + 1] = utf8.char(c) end
  chars[#chars + 1] = ' '
  for order = 1, M.ORDER do
    for i = 1, #chars - order + 1 do add(table.concat(chars, '', i, i + order - 1), 1) end
  end
  local previous
  for word in post:lower():gmatch('%S+') do
    add('\0w' .. word, 1)
    if previous then add('\0p' .. previous .. ' ' .. word, 1) end
    previous = word
  end
  add(('\0l%d'):format((#chars - 2) // 10), 3)
  local total = 0
  for _, n in pairs(counts) do total = total + n end
  local scale = 1 / math.sqrt(total)
  for key, n in pairs(counts) do counts[key] = math.sqrt(n) * scale end
  return counts
end

--- The features of each post, for `train`.
-- @tparam table posts
-- @treturn table
function M.examples(posts)
  local out = {}
  for i, post in ipairs(posts) do out[i] = features(post) end
  return out
end

local Classifier = {}
Classifier.__index = Classifier

--- The log-odds that `post` is the person's.
-- @tparam string post
-- @treturn number
function Classifier:score(post)
  local weights, s = self.weights, self.bias
  for key, x in pairs(features(post)) do s = s + (weights[key] or 0) * x end
  return s
end

--- Trains a classifier on the person's posts against a model's.
-- @tparam table real `examples` of the person's posts
-- @tparam table fake `examples` of the model's posts
-- @tparam function random numbers in [0, 1), which order the passes
-- @return a classifier (`score`)
function M.train(real, fake, random)
  local data = {}
  for _, side in ipairs({ { examples = real, label = 1 }, { examples = fake, label = 0 } }) do
    local weight = 0.5 * (#real + #fake) / math.max(#side.examples, 1)
    for _, x in ipairs(side.examples) do
      data[#data + 1] = { x = x, y = side.label, weight = weight }
    end
  end
  local c = setmetatable({ weights = {}, bias = 0 }, Classifier)
  local weights, squares = c.weights, {}
  for _ = 1, M.EPOCHS do
    for i = #data, 2, -1 do
      local j = 1 + math.floor(random() * i)
      data[i], data[j] = data[j], data[i]
    end
    for _, d in ipairs(data) do
      local s = c.bias
      for key, x in pairs(d.x) do s = s + (weights[key] or 0) * x end
      local g = (1 / (1 + math.exp(-s)) - d.y) * d.weight
      for key, x in pairs(d.x) do
        local w = weights[key] or 0
        local gk = g * x + M.L2 * w
        local sq = (squares[key] or 1e-8) + gk * gk
        squares[key] = sq
        weights[key] = w - M.RATE * gk / math.sqrt(sq)
      end
      c.bias = c.bias - 0.01 * g
    end
  end
  return c
end

return M
