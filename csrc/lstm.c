/*
 * lstm.c: character LSTM language model, pure C (no Lua, no allocation); the matrix
 * products go through kernels.c.
 *
 * Gates follow Hochreiter & Schmidhuber with a forget gate (Gers et al. 2000), in the order
 * i f g o as in PyTorch's nn.LSTM:
 *   [i f g o] = [x h_prev] W + b;  i,f,o = sigmoid, g = tanh
 *   c = f*c_prev + i*g;  h = o*tanh(c)
 * The input projection of all T steps is one GEMM (inner dimension In, rows T*B); only the
 * recurrent part runs step by step. Weight gradients are one GEMM per layer over all T*B rows.
 * Adam: Kingma & Ba 2015 (bias-corrected); RMSprop: Tieleman & Hinton 2012.
 */
#include "lstm.h"

#include "fastmath.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#define MAX_PARAMS ((size_t)1 << 28)   /* 1 GiB per slab; four slabs when training */

/* ===== random numbers ===== */

uint64_t tw_rng_next(uint64_t *state) {
  uint64_t x = *state;
  x ^= x >> 12;
  x ^= x << 25;
  x ^= x >> 27;
  *state = x;
  return x * UINT64_C(0x2545F4914F6CDD1D);
}

float tw_rng_uniform(uint64_t *state) {
  return (float)(tw_rng_next(state) >> 40) * (1.0f / 16777216.0f);
}

uint64_t tw_rng_seed(uint64_t seed) {
  /* splitmix64 scrambles small seeds into well-mixed non-zero states */
  uint64_t z = seed + UINT64_C(0x9E3779B97F4A7C15);
  z = (z ^ (z >> 30)) * UINT64_C(0xBF58476D1CE4E5B9);
  z = (z ^ (z >> 27)) * UINT64_C(0x94D049BB133111EB);
  z ^= z >> 31;
  return z ? z : UINT64_C(0x853C49E6748FEA9B);
}

static float rng_normal(uint64_t *state) {
  float u1 = tw_rng_uniform(state), u2 = tw_rng_uniform(state);
  if (u1 < 1e-7f) u1 = 1e-7f;
  return sqrtf(-2.0f * logf(u1)) * cosf(6.2831853f * u2);
}

/* ===== configuration and layout ===== */

static size_t layer_input(const LstmConfig *cfg, size_t l) {
  return l == 0 ? cfg->E : cfg->H;
}

int tw_lstm_config_ok(const LstmConfig *cfg, char *err, size_t errlen) {
  double total = 0;
  size_t l;
  if (cfg->E < 1 || cfg->E > 8192) {
    snprintf(err, errlen, "embed must be between 1 and 8192, got %zu", cfg->E);
    return 0;
  }
  if (cfg->H < 1 || cfg->H > 16384) {
    snprintf(err, errlen, "hidden must be between 1 and 16384, got %zu", cfg->H);
    return 0;
  }
  if (cfg->L < 1 || cfg->L > TW_MAX_LAYERS) {
    snprintf(err, errlen, "layers must be between 1 and %d, got %zu", TW_MAX_LAYERS, cfg->L);
    return 0;
  }
  if (cfg->V < 3 || cfg->V > 0x110002) {
    snprintf(err, errlen, "vocabulary size must be between 3 and %d, got %zu", 0x110002,
             cfg->V);
    return 0;
  }
  /* in double, so absurd sizes cannot overflow before they are refused */
  for (l = 0; l < cfg->L; l++)
    total += ((double)layer_input(cfg, l) + cfg->H + 1) * 4.0 * cfg->H;
  total += (double)cfg->V * (cfg->E + cfg->H + 1);
  if (total > (double)MAX_PARAMS) {
    snprintf(err, errlen, "model too large: %.0f parameters (at most %zu)", total, MAX_PARAMS);
    return 0;
  }
  return 1;
}

void tw_lstm_layout(const LstmConfig *cfg, LstmLayout *lay) {
  size_t off = 0, l, H = cfg->H;
  memset(lay, 0, sizeof *lay);
  for (l = 0; l < cfg->L; l++) {
    lay->w[l] = off;
    off += (layer_input(cfg, l) + H) * 4 * H;
    lay->b[l] = off;
    off += 4 * H;
  }
  lay->emb = off;
  off += cfg->V * cfg->E;
  lay->wy = off;
  off += cfg->V * H;
  lay->by = off;
  off += cfg->V;
  lay->total = off;
}

static size_t max_size(size_t a, size_t b) { return a > b ? a : b; }

size_t tw_lstm_work_floats(const LstmConfig *cfg, size_t B, size_t T, int dropout) {
  size_t N = B * T, H = cfg->H, l, n = 0;
  for (l = 0; l < cfg->L; l++) {
    n += N * (layer_input(cfg, l) + H);    /* xh */
    n += N * 4 * H;                        /* gates */
    n += N * H + B * H;                    /* c, c0 */
    if (dropout) n += N * H;               /* mask */
  }
  n += N * cfg->V;                         /* probs */
  n += H;                                  /* zeros */
  n += N * max_size(cfg->E, H);            /* hout, then dy */
  n += 2 * B * H;                          /* dh, dc */
  return n;
}

void tw_lstm_work_point(LstmWork *w, const LstmConfig *cfg, size_t B, size_t T, int dropout,
                        float *base) {
  size_t N = B * T, H = cfg->H, l;
  float *p = base;
  memset(w, 0, sizeof *w);
  w->B = B;
  w->T = T;
  for (l = 0; l < cfg->L; l++) {
    w->xh[l] = p;    p += N * (layer_input(cfg, l) + H);
    w->gates[l] = p; p += N * 4 * H;
    w->c[l] = p;     p += N * H;
    w->c0[l] = p;    p += B * H;
    if (dropout) { w->mask[l] = p; p += N * H; }
  }
  w->probs = p;  p += N * cfg->V;
  w->zeros = p;  p += H;
  w->hout = w->dy = p;   p += N * max_size(cfg->E, H);
  w->dh = p;     p += B * H;
  w->dc = p;
}

void tw_lstm_init_token_rows(const LstmConfig *cfg, float *params, size_t first, size_t count,
                             uint64_t *rng) {
  LstmLayout lay;
  float k = 1.0f / sqrtf((float)cfg->H);
  size_t i;
  tw_lstm_layout(cfg, &lay);
  for (i = first * cfg->E; i < (first + count) * cfg->E; i++)
    params[lay.emb + i] = rng_normal(rng);
  for (i = first * cfg->H; i < (first + count) * cfg->H; i++)
    params[lay.wy + i] = (2.0f * tw_rng_uniform(rng) - 1.0f) * k;
  for (i = first; i < first + count; i++)
    params[lay.by + i] = 0.0f;
}

void tw_lstm_init(const LstmConfig *cfg, float *params, uint64_t *rng) {
  LstmLayout lay;
  float k = 1.0f / sqrtf((float)cfg->H);
  size_t l, i, H = cfg->H;
  tw_lstm_layout(cfg, &lay);
  for (l = 0; l < cfg->L; l++) {
    size_t nw = (layer_input(cfg, l) + H) * 4 * H;
    for (i = 0; i < nw; i++)
      params[lay.w[l] + i] = (2.0f * tw_rng_uniform(rng) - 1.0f) * k;
    for (i = 0; i < 4 * H; i++)
      params[lay.b[l] + i] = (i >= H && i < 2 * H) ? 1.0f : 0.0f;
  }
  tw_lstm_init_token_rows(cfg, params, 0, cfg->V, rng);
}

/* ===== fused element-wise kernels ===== */

/* Gate activations of one row in place (pre-activations plus bias in, i f g o out), then
 * the cell update: c = f*cp + i*g, h = o*tanh(c). cp may alias c (sampling updates c in
 * place). Each loop is a plain pass over contiguous floats so that it vectorises. */
TW_VECTORIZED
static void gates_forward(float *restrict g, const float *restrict bias, const float *cp,
                          float *c, float *restrict h, size_t H) {
  float *restrict gi = g, *restrict gf = g + H, *restrict gg = g + 2 * H;
  float *restrict go = g + 3 * H;
  size_t j;
  for (j = 0; j < 2 * H; j++) g[j] = tw_sigmoid(g[j] + bias[j]);
  for (j = 0; j < H; j++) gg[j] = tw_tanh(gg[j] + bias[2 * H + j]);
  for (j = 0; j < H; j++) go[j] = tw_sigmoid(go[j] + bias[3 * H + j]);
  for (j = 0; j < H; j++) c[j] = gf[j] * cp[j] + gi[j] * gg[j];
  for (j = 0; j < H; j++) h[j] = go[j] * tw_tanh(c[j]);
}

/* The cell state entering step t of stream b: zero after a reset, the carried state at
 * t = 0, else the previous step's. Recomputed in backward instead of being stored. */
static const float *cell_prev(const LstmWork *w, size_t l, const int32_t *inputs, size_t t,
                              size_t b, size_t H) {
  if (inputs[t * w->B + b] == TW_TOKEN_EOS) return w->zeros;
  if (t == 0) return w->c0[l] + b * H;
  return w->c[l] + ((t - 1) * w->B + b) * H;
}

/* Numerically stable softmax of one row in place; returns log(sum exp(x - max)) + max. */
TW_VECTORIZED
static double softmax_row(float *x, size_t n) {
  float mx = x[0];
  double sum = 0;
  size_t k;
  for (k = 1; k < n; k++)
    if (x[k] > mx) mx = x[k];
  for (k = 0; k < n; k++) x[k] = tw_exp(x[k] - mx);
  for (k = 0; k < n; k++) sum += x[k];
  for (k = 0; k < n; k++) x[k] = (float)(x[k] / sum);
  return log(sum) + mx;
}

/* The bf16 copy of the parameter block at p, when forward made one. */
static const uint16_t *shadow(const LstmWork *w, const float *params, const float *p) {
  return w->params16 ? w->params16 + (p - params) : NULL;
}

/* ===== forward ===== */

double tw_lstm_forward(const LstmConfig *cfg, const LstmLayout *lay, const float *params,
                       LstmWork *w, const int32_t *inputs, const int32_t *targets,
                       LstmState *state, float dropout, uint64_t *rng, size_t *count) {
  size_t B = w->B, T = w->T, N = B * T, H = cfg->H, V = cfg->V, E = cfg->E;
  size_t l, t, b, j, n;
  double loss = 0;
  float keep_scale = dropout > 0 ? 1.0f / (1.0f - dropout) : 1.0f;
  TwKernels *k = w->kernels;

  /* bf16 products read the weights in bf16: one conversion per pass, not one per product */
  w->params16 = tw_kernels_bf16(k) ? tw_kernels_shadow(k, params, lay->total) : NULL;

  /* layer 0's x is the embedding of the input token */
  for (n = 0; n < N; n++)
    memcpy(w->xh[0] + n * (E + H), params + lay->emb + (size_t)inputs[n] * E,
           E * sizeof(float));

  for (l = 0; l < cfg->L; l++) {
    size_t In = layer_input(cfg, l), K = In + H;
    const float *W = params + lay->w[l], *bias = params + lay->b[l];
    float *xh = w->xh[l], *gates = w->gates[l];
    float *sh = state->h + l * B * H, *sc = state->c + l * B * H;
    int top = l + 1 == cfg->L;
    float *out = top ? w->hout : w->xh[l + 1];
    size_t ldo = top ? H : H + H;   /* the next layer's K is 2H */

    for (b = 0; b < B; b++) memcpy(xh + b * K + In, sh + b * H, H * sizeof(float));
    memcpy(w->c0[l], sc, B * H * sizeof(float));
    /* input projection of every step at once: (N,In) x (In,4H) */
    tw_gemm(k, &(TwGemm){.M = N, .N = 4 * H, .K = In, .A = xh, .lda = K, .B = W,
                         .ldb = 4 * H, .B16 = shadow(w, params, W), .C = gates,
                         .ldc = 4 * H});
    for (t = 0; t < T; t++) {
      float *xh_t = xh + t * B * K, *g_t = gates + t * B * 4 * H, *c_t = w->c[l] + t * B * H;
      for (b = 0; b < B; b++)
        if (inputs[t * B + b] == TW_TOKEN_EOS) memset(xh_t + b * K + In, 0, H * sizeof(float));
      tw_gemm(k, &(TwGemm){.M = B, .N = 4 * H, .K = H, .A = xh_t + In, .lda = K,
                           .B = W + In * 4 * H, .ldb = 4 * H,
                           .B16 = shadow(w, params, W + In * 4 * H), .beta = 1.0f,
                           .C = g_t, .ldc = 4 * H});
      for (b = 0; b < B; b++) {
        /* h goes to the next step's [x h] row, or out as the carried state after the last */
        float *h = t + 1 < T ? xh_t + B * K + b * K + In : sh + b * H;
        float *o = out + (t * B + b) * ldo;
        gates_forward(g_t + b * 4 * H, bias, cell_prev(w, l, inputs, t, b, H), c_t + b * H, h,
                      H);
        if (dropout > 0) {
          float *m = w->mask[l] + (t * B + b) * H;
          for (j = 0; j < H; j++) {
            m[j] = tw_rng_uniform(rng) < dropout ? 0.0f : keep_scale;
            o[j] = h[j] * m[j];
          }
        } else {
          memcpy(o, h, H * sizeof(float));
        }
      }
    }
    memcpy(sc, w->c[l] + (T - 1) * B * H, B * H * sizeof(float));
  }

  /* output layer: (N,H) x (H,V) with Wy stored (V,H) */
  tw_gemm(k, &(TwGemm){.tB = 1, .M = N, .N = V, .K = H, .A = w->hout, .lda = H,
                       .B = params + lay->wy, .ldb = H,
                       .B16 = shadow(w, params, params + lay->wy), .C = w->probs, .ldc = V});
  *count = 0;
  for (n = 0; n < N; n++) {
    float *row = w->probs + n * V;
    const float *by = params + lay->by;
    for (j = 0; j < V; j++) row[j] += by[j];
    if (targets[n] != TW_IGNORE) {
      float logit = row[targets[n]];
      loss += softmax_row(row, V) - logit;   /* -log softmax(logits)[target] */
      (*count)++;
    } else {
      softmax_row(row, V);
    }
  }
  return loss;
}

/* ===== backward ===== */

/* One step of one stream: gate pre-activation gradients from dh (dy + carried dh) and the
 * carried dc, written over the activations g; dc becomes the gradient on c_prev. Every
 * iteration reads and writes only its own four gate entries, so the in-place update is safe
 * and restrict lets the compiler vectorise. */
TW_VECTORIZED
static void cell_backward(size_t H, float *restrict g, const float *restrict c,
                          const float *restrict cp, const float *restrict dy,
                          const float *restrict dh, float *restrict dc) {
  float *dg = g;
  size_t j;
  for (j = 0; j < H; j++) {
    float i = g[j], f = g[H + j], gg = g[2 * H + j], o = g[3 * H + j];
    float tc = tw_tanh(c[j]);
    float dhv = dy[j] + dh[j];
    float dcv = dc[j] + dhv * o * (1.0f - tc * tc);
    dg[j] = dcv * gg * i * (1.0f - i);
    dg[H + j] = dcv * cp[j] * f * (1.0f - f);
    dg[2 * H + j] = dcv * i * (1.0f - gg * gg);
    dg[3 * H + j] = dhv * tc * o * (1.0f - o);
    dc[j] = dcv * f;
  }
}

void tw_lstm_backward(const LstmConfig *cfg, const LstmLayout *lay, const float *params,
                      float *grads, LstmWork *w, const int32_t *inputs,
                      const int32_t *targets, size_t count) {
  size_t B = w->B, T = w->T, N = B * T, H = cfg->H, V = cfg->V, E = cfg->E;
  size_t t, b, j, n;
  int l;
  float scale = count ? 1.0f / (float)count : 0.0f;
  float *dy = w->dy, *dby = grads + lay->by;
  TwKernels *k = w->kernels;
  /* bf16 gate gradients, converted step by step for the recurrent product and then read
   * again by the weight gradient and the input gradient */
  uint16_t *dG16 = w->params16 ? tw_kernels_buffer16(k, TW_BF16_GATES, N * 4 * H) : NULL;

  /* dlogits = (softmax - onehot) / count, zero for unscored rows */
  for (n = 0; n < N; n++) {
    float *row = w->probs + n * V;
    if (targets[n] == TW_IGNORE) {
      memset(row, 0, V * sizeof(float));
      continue;
    }
    row[targets[n]] -= 1.0f;
    for (j = 0; j < V; j++) {
      row[j] *= scale;
      dby[j] += row[j];
    }
  }
  /* dWy (V,H) += dlogits^T (V,N) . hout (N,H);  then dy (N,H) = dlogits (N,V) . Wy (V,H)
   * over hout, which is not needed any more */
  tw_gemm(k, &(TwGemm){.tA = 1, .M = V, .N = H, .K = N, .A = w->probs, .lda = V,
                       .B = w->hout, .ldb = H, .beta = 1.0f, .C = grads + lay->wy, .ldc = H});
  tw_gemm(k, &(TwGemm){.M = N, .N = H, .K = V, .A = w->probs, .lda = V, .B = params + lay->wy,
                       .ldb = H, .B16 = shadow(w, params, params + lay->wy), .C = dy,
                       .ldc = H});

  for (l = (int)cfg->L - 1; l >= 0; l--) {
    size_t In = layer_input(cfg, (size_t)l), K = In + H;
    const float *W = params + lay->w[l];
    float *dW = grads + lay->w[l], *db = grads + lay->b[l];
    float *dG = w->gates[l];   /* activations in, gate gradients out, step by step */
    const float *cs = w->c[l];
    float *dh = w->dh, *dc = w->dc;

    if (w->mask[l])
      for (n = 0; n < N * H; n++) dy[n] *= w->mask[l][n];
    memset(dh, 0, B * H * sizeof(float));
    memset(dc, 0, B * H * sizeof(float));
    for (t = T; t-- > 0;) {
      for (b = 0; b < B; b++) {
        size_t r = t * B + b;
        cell_backward(H, dG + r * 4 * H, cs + r * H, cell_prev(w, (size_t)l, inputs, t, b, H),
                      dy + r * H, dh + b * H, dc + b * H);
      }
      if (dG16) tw_to_bf16(dG16 + t * B * 4 * H, dG + t * B * 4 * H, B * 4 * H);
      if (t == 0) break;   /* the state entering step 0 is carried in, not learned through */
      /* dh_prev (B,H) = dgates_t (B,4H) . Wh^T */
      tw_gemm(k, &(TwGemm){.tB = 1, .M = B, .N = H, .K = 4 * H, .A = dG + t * B * 4 * H,
                           .lda = 4 * H, .A16 = dG16 ? dG16 + t * B * 4 * H : NULL,
                           .B = W + In * 4 * H, .ldb = 4 * H,
                           .B16 = shadow(w, params, W + In * 4 * H), .C = dh, .ldc = H});
      /* a reset made h_prev and c_prev constants: nothing flows further back */
      for (b = 0; b < B; b++)
        if (inputs[t * B + b] == TW_TOKEN_EOS) {
          memset(dh + b * H, 0, H * sizeof(float));
          memset(dc + b * H, 0, H * sizeof(float));
        }
    }
    /* dW (K,4H) += [x h_prev]^T (K,N) . dgates (N,4H) */
    tw_gemm(k, &(TwGemm){.tA = 1, .M = K, .N = 4 * H, .K = N, .A = w->xh[l], .lda = K,
                         .B = dG, .ldb = 4 * H, .B16 = dG16, .beta = 1.0f, .C = dW,
                         .ldc = 4 * H});
    for (n = 0; n < N; n++) {
      const float *dg = dG + n * 4 * H;
      for (j = 0; j < 4 * H; j++) db[j] += dg[j];
    }
    /* dx (N,In) = dgates (N,4H) . Wx^T, written over dy (consumed by the loop above): it is
     * the dy of the layer below, or the embeddings' gradient */
    tw_gemm(k, &(TwGemm){.tB = 1, .M = N, .N = In, .K = 4 * H, .A = dG, .lda = 4 * H,
                         .A16 = dG16, .B = W,
                         .ldb = 4 * H, .B16 = shadow(w, params, W), .C = dy, .ldc = In});
  }
  for (n = 0; n < N; n++) {
    float *de = grads + lay->emb + (size_t)inputs[n] * E;
    const float *d = dy + n * E;
    for (j = 0; j < E; j++) de[j] += d[j];
  }
}

/* ===== sampling step ===== */

void tw_lstm_step(const LstmConfig *cfg, const LstmLayout *lay, const float *params,
                  TwKernels *k, const uint16_t *params16, size_t N, const int32_t *tokens,
                  float *xh, float *c, float *gates, float *logits) {
  size_t H = cfg->H, E = cfg->E, V = cfg->V, l, n, j;
  float *xl = xh;
  for (n = 0; n < N; n++)
    memcpy(xl + n * (E + H), params + lay->emb + (size_t)tokens[n] * E, E * sizeof(float));
  for (l = 0; l < cfg->L; l++) {
    size_t In = layer_input(cfg, l), K = In + H;
    float *cl = c + l * N * H;
    int top = l + 1 == cfg->L;
    float *next = top ? NULL : xl + N * K;   /* the next layer's [x h] block */
    for (n = 0; n < N; n++)
      if (tokens[n] == TW_TOKEN_EOS) {
        memset(xl + n * K + In, 0, H * sizeof(float));
        memset(cl + n * H, 0, H * sizeof(float));
      }
    tw_gemm(k, &(TwGemm){.M = N, .N = 4 * H, .K = K, .A = xl, .lda = K, .B = params + lay->w[l],
                         .ldb = 4 * H, .B16 = params16 ? params16 + lay->w[l] : NULL,
                         .C = gates, .ldc = 4 * H});
    /* the new h overwrites the h part of [x h] in place, ready for the next step */
    for (n = 0; n < N; n++)
      gates_forward(gates + n * 4 * H, params + lay->b[l], cl + n * H, cl + n * H,
                    xl + n * K + In, H);
    if (next)
      for (n = 0; n < N; n++)
        memcpy(next + n * (H + H), xl + n * K + In, H * sizeof(float));
    if (top) {
      tw_gemm(k, &(TwGemm){.tB = 1, .M = N, .N = V, .K = H, .A = xl + In, .lda = K,
                           .B = params + lay->wy, .ldb = H,
                           .B16 = params16 ? params16 + lay->wy : NULL, .C = logits,
                           .ldc = V});
      for (n = 0; n < N; n++)
        for (j = 0; j < V; j++) logits[n * V + j] += params[lay->by + j];
    }
    xl = next;
  }
}

/* ===== optimizers ===== */

double tw_clip_grad_norm(float *grads, size_t n, float clip) {
  double sum = 0;
  size_t k;
  for (k = 0; k < n; k++) sum += (double)grads[k] * grads[k];
  sum = sqrt(sum);
  if (clip > 0 && sum > clip) {
    float s = (float)(clip / sum);
    for (k = 0; k < n; k++) grads[k] *= s;
  }
  return sum;
}

TW_VECTORIZED
static void adam_update(float *restrict params, const float *restrict grads,
                        float *restrict m, float *restrict v, size_t n, float b1, float b2,
                        float step, float eps) {
  size_t k;
  for (k = 0; k < n; k++) {
    float g = grads[k];
    m[k] = b1 * m[k] + (1.0f - b1) * g;
    v[k] = b2 * v[k] + (1.0f - b2) * g * g;
    params[k] -= step * m[k] / (sqrtf(v[k]) + eps);
  }
}

TW_VECTORIZED
static void rmsprop_update(float *restrict params, const float *restrict grads,
                           float *restrict v, size_t n, float a, float lr, float eps) {
  size_t k;
  for (k = 0; k < n; k++) {
    float g = grads[k];
    v[k] = a * v[k] + (1.0f - a) * g * g;
    params[k] -= lr * g / (sqrtf(v[k]) + eps);
  }
}

void tw_optimizer_step(const OptimizerConfig *opt, float *params, const float *grads,
                       float *m, float *v, size_t n, uint64_t t) {
  if (opt->kind == TW_OPT_ADAM) {
    float b1 = opt->beta1, b2 = opt->beta2;
    float c1 = 1.0f - powf(b1, (float)t), c2 = 1.0f - powf(b2, (float)t);
    float step = opt->lr * sqrtf(c2) / c1;   /* bias corrections folded into the step */
    float eps = opt->eps * sqrtf(c2);
    adam_update(params, grads, m, v, n, b1, b2, step, eps);
  } else {
    rmsprop_update(params, grads, v, n, opt->alpha, opt->lr, opt->eps);
  }
}
