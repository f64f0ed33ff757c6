-- The plain reference for the specs: the model's forward pass, loss and analytic backward in
-- double precision, written in Lua from the model's definition rather than from the C code
-- (the definition is at the top of spec/kernels_spec.lua).
local M = {}

local function sigmoid(x) return 1 / (1 + math.exp(-x)) end
-- Lua 5.4 has no math.tanh unless built with the 5.2 compatibility library
local function tanh(x) return 2 * sigmoid(2 * x) - 1 end

-- The token stream encode() produces: a leading end-of-post, then each post followed by
-- end-of-post; characters are 2 + their place in model:vocab(), others the unknown token 1.
function M.tokens_of(model, posts)
  local id, k = {}, 2
  for _, cp in utf8.codes(model:vocab()) do
    id[cp] = k
    k = k + 1
  end
  local toks = { [0] = 0 }
  local n = 0
  for _, p in ipairs(posts) do
    for _, cp in utf8.codes(p) do
      n = n + 1
      toks[n] = id[cp] or 1
    end
    n = n + 1
    toks[n] = 0
  end
  return toks, n
end

local function read_block(model, name)
  local out = {}
  for i = 1, model:block_size(name) do out[i] = model:param(name, i) end
  return out
end

function M.read_params(model, L)
  local P = { embedding = read_block(model, 'embedding'), output = read_block(model, 'output'),
              output_bias = read_block(model, 'output_bias') }
  for l = 1, L do
    P['w' .. l] = read_block(model, 'w' .. l)
    P['b' .. l] = read_block(model, 'b' .. l)
  end
  return P
end

local function zeros(n)
  local z = {}
  for i = 1, n do z[i] = 0 end
  return z
end

-- Mean loss and gradients (same block names) of streams[b] = { inputs = {..T}, targets = {..T} }
-- (token ids, 1-based in time), every stream from a zero state.
function M.reference(P, streams, cfg)
  local V, E, H, L = cfg.V, cfg.E, cfg.H, cfg.L
  local G = {}
  for name, block in pairs(P) do G[name] = zeros(#block) end
  local total, count = 0, 0
  for _, s in ipairs(streams) do count = count + #s.inputs end

  for _, s in ipairs(streams) do
    local T = #s.inputs
    local cache = {}   -- cache[t][l] = { x, hprev, cprev, i, f, g, o, c, tc, h }
    local h_state, c_state = {}, {}
    for l = 1, L do h_state[l], c_state[l] = zeros(H), zeros(H) end

    -- forward
    for t = 1, T do
      local tok = s.inputs[t]
      local x = {}
      for e = 1, E do x[e] = P.embedding[tok * E + e] end
      cache[t] = {}
      for l = 1, L do
        local In = l == 1 and E or H
        local W, bias = P['w' .. l], P['b' .. l]
        local hprev, cprev = h_state[l], c_state[l]
        if tok == 0 then hprev, cprev = zeros(H), zeros(H) end
        local a = {}
        for j = 1, 4 * H do
          local sum = bias[j]
          for k = 1, In do sum = sum + x[k] * W[(k - 1) * 4 * H + j] end
          for k = 1, H do sum = sum + hprev[k] * W[(In + k - 1) * 4 * H + j] end
          a[j] = sum
        end
        local gi, gf, gg, go, c, tc, h = {}, {}, {}, {}, {}, {}, {}
        for j = 1, H do
          gi[j] = sigmoid(a[j])
          gf[j] = sigmoid(a[H + j])
          gg[j] = tanh(a[2 * H + j])
          go[j] = sigmoid(a[3 * H + j])
          c[j] = gf[j] * cprev[j] + gi[j] * gg[j]
          tc[j] = tanh(c[j])
          h[j] = go[j] * tc[j]
        end
        cache[t][l] = { x = x, In = In, hprev = hprev, cprev = cprev, i = gi, f = gf, g = gg,
                        o = go, c = c, tc = tc, h = h }
        h_state[l], c_state[l] = h, c
        x = h
      end
      -- output layer and cross-entropy
      local logits, mx = {}, -math.huge
      for v = 1, V do
        local sum = P.output_bias[v]
        for j = 1, H do sum = sum + P.output[(v - 1) * H + j] * x[j] end
        logits[v] = sum
        if sum > mx then mx = sum end
      end
      local z = 0
      for v = 1, V do z = z + math.exp(logits[v] - mx) end
      local lse = mx + math.log(z)
      local target = s.targets[t]
      total = total + lse - logits[target + 1]
      local probs = {}
      for v = 1, V do probs[v] = math.exp(logits[v] - lse) end
      cache[t].probs, cache[t].top = probs, x
    end

    -- backward through time
    local dh_next, dc_next = {}, {}
    for l = 1, L do dh_next[l], dc_next[l] = zeros(H), zeros(H) end
    for t = T, 1, -1 do
      local tok, target = s.inputs[t], s.targets[t]
      local dlog, top = {}, cache[t].top
      for v = 1, V do
        dlog[v] = (cache[t].probs[v] - (v == target + 1 and 1 or 0)) / count
        G.output_bias[v] = G.output_bias[v] + dlog[v]
        for j = 1, H do
          G.output[(v - 1) * H + j] = G.output[(v - 1) * H + j] + dlog[v] * top[j]
        end
      end
      local dy = zeros(H)
      for j = 1, H do
        local sum = 0
        for v = 1, V do sum = sum + dlog[v] * P.output[(v - 1) * H + j] end
        dy[j] = sum
      end
      for l = L, 1, -1 do
        local k = cache[t][l]
        local In, W = k.In, P['w' .. l]
        local da = {}
        local dc_prev = {}
        for j = 1, H do
          local dh = dy[j] + dh_next[l][j]
          local dc = dh * k.o[j] * (1 - k.tc[j] * k.tc[j]) + dc_next[l][j]
          local d_o = dh * k.tc[j]
          local d_i, d_f, d_g = dc * k.g[j], dc * k.cprev[j], dc * k.i[j]
          da[j] = d_i * k.i[j] * (1 - k.i[j])
          da[H + j] = d_f * k.f[j] * (1 - k.f[j])
          da[2 * H + j] = d_g * (1 - k.g[j] * k.g[j])
          da[3 * H + j] = d_o * k.o[j] * (1 - k.o[j])
          dc_prev[j] = dc * k.f[j]
        end
        local Gw, Gb = G['w' .. l], G['b' .. l]
        for j = 1, 4 * H do Gb[j] = Gb[j] + da[j] end
        local dx, dhp = zeros(In), zeros(H)
        for r = 1, In + H do
          local xin = r <= In and k.x[r] or k.hprev[r - In]
          local base, sum = (r - 1) * 4 * H, 0
          for j = 1, 4 * H do
            Gw[base + j] = Gw[base + j] + xin * da[j]
            sum = sum + W[base + j] * da[j]
          end
          if r <= In then dx[r] = sum else dhp[r - In] = sum end
        end
        if tok == 0 then   -- a reset: h_prev and c_prev were constants
          dhp, dc_prev = zeros(H), zeros(H)
        end
        dh_next[l], dc_next[l] = dhp, dc_prev
        dy = dx
      end
      for e = 1, E do
        G.embedding[tok * E + e] = G.embedding[tok * E + e] + dy[e]
      end
    end
  end
  return total / count, G
end

return M
