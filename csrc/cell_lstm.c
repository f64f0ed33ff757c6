/*
 * cell_lstm.c: the LSTM cell (tw_lstm_cell). Pure C, no allocation. One product covers the
 * input side of all T steps, one per step the recurrent side, one per layer each weight
 * gradient. K = In + H is the fused [x h] width; the carried state is every layer's h, then c.
 */
#include "cell.h"

#include "fastmath.h"
#include "optim.h"

#include <math.h>
#include <string.h>

/* the blocks of each layer, in slab order */
enum { LSTM_W, LSTM_B };

/* Training workspace for one (B,T) shape; every pointer is into the pass's block. */
typedef struct {
  size_t B, T;
  int bf16;                    /* bf16 products run: xh and hout are kept in bf16 only */
  float *xh[TW_MAX_LAYERS];    /* (T,B,K) layer input x and the previous h, side by side */
  /* xh under bf16, where only products read it: in bf16 only, half the memory (xh is then
   * NULL), as x (T,B,In) and h (T,B,H) apart: oneDNN's AMX kernels take dense inputs only */
  uint16_t *x16[TW_MAX_LAYERS], *h16[TW_MAX_LAYERS];
  float *gates[TW_MAX_LAYERS]; /* (T,B,4H) gate activations i f g o; backward overwrites
                                  them with the gate gradients, step by step (then, under
                                  bf16, bf16 in place) */
  float *c[TW_MAX_LAYERS];     /* (T,B,H) cell state after step t */
  float *c0[TW_MAX_LAYERS];    /* (B,H) cell state carried into step 0 */
  float *mask[TW_MAX_LAYERS];  /* (T,B,H) dropout mask of the layer's output, 0 or 1/(1-p) */
  float *hout;                 /* (T,B,H) top layer output, after dropout (bf16 under bf16);
                                  backward reuses its memory as dy */
  float *probs;                /* (T,B,V) softmax, then dlogits in backward */
  float *zeros;                /* (H) the cell state after a reset */
  float *dy;                   /* (T,B,max(E,H)) gradient on the current layer's output, then
                                  on its input (the layer below's output) */
  float *dh, *dc;              /* (B,H) gradient carried to the previous step; under bf16,
                                  forward keeps in them what h16 cannot hold: h_{t-1} in
                                  float32 for the recurrent product (dh), and a layer's output
                                  row before its conversion (dc) */
  TwKernels *kernels;          /* the products' router (NULL: OpenBLAS float32) */
  const uint16_t *params16;    /* the pass's bf16 copy of the parameters */
} LstmWork;

/* h and c of every layer, carried between batches */
typedef struct {
  float *h;  /* (L,B,H) */
  float *c;  /* (L,B,H) */
} LstmState;

/* ===== layout and workspace ===== */

static size_t max_size(size_t a, size_t b) { return a > b ? a : b; }

/* xh of a layer, in floats: (N,K) floats, or as many bf16 values (x16 and h16) */
static size_t xh_floats(size_t N, size_t K, int bf16) {
  return bf16 ? (N * K + 1) / 2 : N * K;
}

static size_t work_floats(const ModelConfig *cfg, size_t B, size_t T, int dropout, int bf16) {
  size_t N = B * T, H = cfg->H, l, n = 0;
  for (l = 0; l < cfg->L; l++) {
    n += xh_floats(N, tw_layer_input(cfg, l) + H, bf16);
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

static void work_point(LstmWork *w, const ModelConfig *cfg, size_t B, size_t T, int dropout,
                       int bf16, float *base) {
  size_t N = B * T, H = cfg->H, l;
  float *p = base;
  memset(w, 0, sizeof *w);
  w->B = B;
  w->T = T;
  w->bf16 = bf16;
  for (l = 0; l < cfg->L; l++) {
    if (bf16) {
      w->x16[l] = (uint16_t *)(void *)p;
      w->h16[l] = w->x16[l] + N * tw_layer_input(cfg, l);
    } else {
      w->xh[l] = p;
    }
    p += xh_floats(N, tw_layer_input(cfg, l) + H, bf16);
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

/* LSTM weights U(-1/sqrt(H), 1/sqrt(H)); biases 0 except the forget gate's, which starts
 * at 1 (Jozefowicz et al. 2015). */
static void init_layer(const ModelConfig *cfg, const ModelLayout *lay, size_t l, float *params,
                       uint64_t *rng) {
  float k = 1.0f / sqrtf((float)cfg->H);
  size_t i, H = cfg->H, nw = (tw_layer_input(cfg, l) + H) * 4 * H;
  for (i = 0; i < nw; i++)
    params[lay->layer[l][LSTM_W] + i] = (2.0f * tw_rng_uniform(rng) - 1.0f) * k;
  for (i = 0; i < 4 * H; i++)
    params[lay->layer[l][LSTM_B] + i] = (i >= H && i < 2 * H) ? 1.0f : 0.0f;
}

/* ===== fused element-wise kernels ===== */

/* Hochreiter & Schmidhuber's cell with a forget gate (Gers et al. 2000), gates in nn.LSTM's
 * order: [i f g o] = [x h_prev] W + b; i, f, o = sigmoid, g = tanh; c = f*cp + i*g,
 * h = o*tanh(c). Gate activations of n units in place (pre-activations in; gate q of unit j
 * at g[q*H + j], its bias at bias[q*H + j]), then the cell update. A row's n is H; a team member's slice is fewer units, whose values are the
 * same as in a whole row's pass. cp may alias c (sampling updates c in place). Each loop is a
 * plain pass over contiguous floats so that it vectorises. */
TW_VECTORIZED
static void gates_forward(float *restrict g, const float *restrict bias, const float *cp,
                          float *c, float *restrict h, size_t n, size_t H) {
  float *restrict gi = g, *restrict gf = g + H, *restrict gg = g + 2 * H;
  float *restrict go = g + 3 * H;
  size_t j;
  for (j = 0; j < n; j++) gi[j] = tw_sigmoid(gi[j] + bias[j]);
  for (j = 0; j < n; j++) gf[j] = tw_sigmoid(gf[j] + bias[H + j]);
  for (j = 0; j < n; j++) gg[j] = tw_tanh(gg[j] + bias[2 * H + j]);
  for (j = 0; j < n; j++) go[j] = tw_sigmoid(go[j] + bias[3 * H + j]);
  for (j = 0; j < n; j++) c[j] = gf[j] * cp[j] + gi[j] * gg[j];
  for (j = 0; j < n; j++) h[j] = go[j] * tw_tanh(c[j]);
}

/* The cell state entering step t of stream b: zero after a reset, the carried state at
 * t = 0, else the previous step's. Recomputed in backward instead of being stored. */
static const float *cell_prev(const LstmWork *w, size_t l, const int32_t *inputs, size_t t,
                              size_t b, size_t H) {
  if (inputs[t * w->B + b] == TW_TOKEN_EOS) return w->zeros;
  if (t == 0) return w->c0[l] + b * H;
  return w->c[l] + ((t - 1) * w->B + b) * H;
}

/* The bf16 copy of the parameter block at p, when forward made one. */
static const uint16_t *shadow(const LstmWork *w, const float *params, const float *p) {
  return tw_bf16_block(w->params16, params, p);
}

/* ===== forward ===== */

/* One step's element-wise work for streams first .. last-1 (tw_parallel_rows): each stream's
 * rows are its own. With dropout the masks are drawn from one random stream, in stream order:
 * then every stream is done at once, on one thread. */
typedef struct {
  const LstmWork *w;
  size_t l, t, H, K, ldo;
  const int32_t *inputs;
  const float *bias;
  float *g_t, *c_t, *hp, *sh, *out;
  uint16_t *out16, *h16;
  float dropout;
  uint64_t *rng;
} StepRows;

static void forward_rows(void *ctx, size_t first, size_t last) {
  const StepRows *s = (const StepRows *)ctx;
  const LstmWork *w = s->w;
  size_t b, H = s->H, B = w->B, t = s->t;
  for (b = first; b < last; b++) {
    /* h goes to the next step's [x h] row (under bf16: to dh, which the product has read,
     * and in bf16 to h16), or out as the carried state after the last */
    float *h = w->bf16 ? s->hp + b * H : t + 1 < w->T ? s->hp + B * s->K + b * s->K : s->sh + b * H;
    float *mask = w->mask[s->l] ? w->mask[s->l] + (t * B + b) * H : NULL;
    gates_forward(s->g_t + b * 4 * H, s->bias, cell_prev(w, s->l, s->inputs, t, b, H),
                  s->c_t + b * H, h, H, H);
    if (w->bf16) {
      /* the layer's output: h itself, or under dropout h masked (in this stream's dc row) */
      const float *y = h;
      if (mask) {
        tw_layer_output(w->dc + b * H, h, mask, H, s->dropout, s->rng);
        y = w->dc + b * H;
      }
      tw_to_bf16(s->out16 + (t * B + b) * H, y, H);
      if (t + 1 < w->T) tw_to_bf16(s->h16 + ((t + 1) * B + b) * H, h, H);
    } else {
      tw_layer_output(s->out + (t * B + b) * s->ldo, h, mask, H, s->dropout, s->rng);
    }
  }
}

static double forward(const ModelConfig *cfg, const ModelLayout *lay, const float *params,
                      LstmWork *w, const int32_t *inputs, const int32_t *targets,
                      LstmState *state, float dropout, uint64_t *rng, size_t *count) {
  size_t B = w->B, T = w->T, N = B * T, H = cfg->H, E = cfg->E;
  size_t l, t, b;
  TwKernels *k = w->kernels;

  /* layer 0's x is the embedding of the input token */
  if (w->bf16) tw_embed16(cfg, lay, params, inputs, N, w->x16[0], E);
  else tw_embed(cfg, lay, params, inputs, N, w->xh[0], E + H);

  for (l = 0; l < cfg->L; l++) {
    size_t In = tw_layer_input(cfg, l), K = In + H;
    const float *W = params + lay->layer[l][LSTM_W], *bias = params + lay->layer[l][LSTM_B];
    float *xh = w->xh[l], *gates = w->gates[l];
    uint16_t *x16 = w->x16[l], *h16 = w->h16[l];
    float *sh = state->h + l * B * H, *sc = state->c + l * B * H;
    int top = l + 1 == cfg->L;
    float *out = top ? w->hout : w->xh[l + 1];
    uint16_t *out16 = top ? (uint16_t *)(void *)w->hout : w->x16[l + 1];   /* (N,H) */
    size_t ldo = top ? H : H + H;   /* the next layer's K is 2H */
    /* h_{t-1} as the recurrent product reads it: in [x h] itself, or under bf16 in dh */
    size_t ldh = w->bf16 ? H : K;

    for (b = 0; b < B; b++) {
      if (w->bf16) {
        memcpy(w->dh + b * H, sh + b * H, H * sizeof(float));
        tw_to_bf16(h16 + b * H, sh + b * H, H);
      } else {
        memcpy(xh + b * K + In, sh + b * H, H * sizeof(float));
      }
    }
    memcpy(w->c0[l], sc, B * H * sizeof(float));
    /* input projection of every step at once: (N,In) x (In,4H) */
    tw_gemm(k, &(TwGemm){.M = N, .N = 4 * H, .K = In, .A = xh, .lda = w->bf16 ? In : K,
                         .A16 = x16, .B = W, .ldb = 4 * H, .B16 = shadow(w, params, W),
                         .C = gates, .ldc = 4 * H});
    for (t = 0; t < T; t++) {
      float *g_t = gates + t * B * 4 * H, *c_t = w->c[l] + t * B * H;
      float *hp = w->bf16 ? w->dh : xh + t * B * K + In;
      for (b = 0; b < B; b++)
        if (inputs[t * B + b] == TW_TOKEN_EOS) {
          memset(hp + b * ldh, 0, H * sizeof(float));
          if (h16) memset(h16 + (t * B + b) * H, 0, H * sizeof(uint16_t));
        }
      tw_gemm(k, &(TwGemm){.M = B, .N = 4 * H, .K = H, .A = hp, .lda = ldh,
                           .B = W + In * 4 * H, .ldb = 4 * H,
                           .B16 = shadow(w, params, W + In * 4 * H), .beta = 1.0f,
                           .C = g_t, .ldc = 4 * H});
      StepRows rows = {.w = w, .l = l, .t = t, .H = H, .K = K, .ldo = ldo, .inputs = inputs,
                       .bias = bias, .g_t = g_t, .c_t = c_t, .hp = hp, .sh = sh, .out = out,
                       .out16 = out16, .h16 = h16, .dropout = dropout, .rng = rng};
      /* the streams apart, over the products' threads: a step's element-wise work would
       * otherwise leave all but one core idle between two products */
      if (w->mask[l]) forward_rows(&rows, 0, B);
      else tw_parallel_rows(k, B, H, forward_rows, &rows);
    }
    if (w->bf16) memcpy(sh, w->dh, B * H * sizeof(float));
    memcpy(sc, w->c[l] + (T - 1) * B * H, B * H * sizeof(float));
  }

  tw_readout(cfg, lay, params, k, w->params16, w->bf16 ? NULL : w->hout,
             w->bf16 ? (const uint16_t *)(void *)w->hout : NULL, H, N, w->probs);
  return tw_readout_loss(cfg->V, w->probs, targets, N, count);
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

/* One step's cell backward for streams first .. last-1 (tw_parallel_rows), and the step's
 * gate gradients in bf16 for the recurrent product (dG16, when it runs in bf16). */
typedef struct {
  const LstmWork *w;
  size_t l, t, H;
  const int32_t *inputs;
  float *dG, *dy, *dh, *dc;
  const float *cs;
  uint16_t *dG16;
} BackRows;

static void backward_rows(void *ctx, size_t first, size_t last) {
  const BackRows *s = (const BackRows *)ctx;
  size_t b, H = s->H, r;
  for (b = first; b < last; b++) {
    r = s->t * s->w->B + b;
    cell_backward(H, s->dG + r * 4 * H, s->cs + r * H, cell_prev(s->w, s->l, s->inputs, s->t, b, H),
                  s->dy + r * H, s->dh + b * H, s->dc + b * H);
    if (s->dG16) tw_to_bf16(s->dG16 + b * 4 * H, s->dG + r * 4 * H, 4 * H);
  }
}

static void backward(const ModelConfig *cfg, const ModelLayout *lay, const float *params,
                     float *grads, LstmWork *w, const int32_t *inputs,
                     const int32_t *targets, size_t count) {
  size_t B = w->B, T = w->T, N = B * T, H = cfg->H;
  size_t t, b, n;
  int l;
  float *dy = w->dy;
  TwKernels *k = w->kernels;
  int bf16 = w->bf16;
  /* one step's bf16 gate gradients for the recurrent product; the weight and input gradients
   * read the whole block in bf16, converted in place once the bias gradient has summed the
   * floats */
  uint16_t *dG16 = w->params16 ? tw_kernels_buffer16(k, TW_BF16_GATES, B * 4 * H) : NULL;

  /* dy over hout, which is not needed any more */
  tw_readout_backward(cfg, lay, params, w->params16, grads, k, w->probs, w->hout, bf16,
                      targets, N, count, dy);

  for (l = (int)cfg->L - 1; l >= 0; l--) {
    size_t In = tw_layer_input(cfg, (size_t)l), K = In + H;
    const float *W = params + lay->layer[l][LSTM_W];
    float *dW = grads + lay->layer[l][LSTM_W], *db = grads + lay->layer[l][LSTM_B];
    float *dG = w->gates[l];   /* activations in, gate gradients out, step by step */
    const float *cs = w->c[l];
    float *dh = w->dh, *dc = w->dc;
    const uint16_t *dG16all;

    if (w->mask[l])
      for (n = 0; n < N * H; n++) dy[n] *= w->mask[l][n];
    memset(dh, 0, B * H * sizeof(float));
    memset(dc, 0, B * H * sizeof(float));
    for (t = T; t-- > 0;) {
      /* the state entering step 0 is carried in, not learned through: no product after it */
      BackRows rows = {.w = w, .l = (size_t)l, .t = t, .H = H, .inputs = inputs, .dG = dG,
                       .dy = dy, .dh = dh, .dc = dc, .cs = cs, .dG16 = t > 0 ? dG16 : NULL};
      tw_parallel_rows(k, B, H, backward_rows, &rows);
      if (t == 0) break;
      /* dh_prev (B,H) = dgates_t (B,4H) . Wh^T */
      tw_gemm(k, &(TwGemm){.tB = 1, .M = B, .N = H, .K = 4 * H, .A = dG + t * B * 4 * H,
                           .lda = 4 * H, .A16 = dG16,
                           .B = W + In * 4 * H, .ldb = 4 * H,
                           .B16 = shadow(w, params, W + In * 4 * H), .C = dh, .ldc = H});
      /* a reset made h_prev and c_prev constants: nothing flows further back */
      for (b = 0; b < B; b++)
        if (inputs[t * B + b] == TW_TOKEN_EOS) {
          memset(dh + b * H, 0, H * sizeof(float));
          memset(dc + b * H, 0, H * sizeof(float));
        }
    }
    tw_column_sums(k, db, dG, N, 4 * H);
    /* under bf16 the rest of backward reads the gate gradients only through bf16 products:
     * they are converted in place, the same values the products would make */
    dG16all = bf16 ? tw_bf16_in_place(k, dG, N * 4 * H) : NULL;
    /* dx (N,In) = dgates (N,4H) . Wx^T, written over dy (consumed by the loop above): it is
     * the dy of the layer below, or the embeddings' gradient */
    tw_gemm(k, &(TwGemm){.tB = 1, .M = N, .N = In, .K = 4 * H, .A = dG16all ? NULL : dG,
                         .lda = 4 * H, .A16 = dG16all, .B = W,
                         .ldb = 4 * H, .B16 = shadow(w, params, W), .C = dy, .ldc = In});
    /* dW (K,4H) = [x h_prev]^T (K,N) . dgates (N,4H); under bf16 the x and h_prev rows
     * apart, as they are kept. Written, not accumulated: an accumulating product's first
     * call is timed into a scratch copy of its output, the largest buffer of a float32 run */
    if (bf16) {
      tw_gemm(k, &(TwGemm){.tA = 1, .M = In, .N = 4 * H, .K = N, .lda = In, .A16 = w->x16[l],
                           .ldb = 4 * H, .B16 = dG16all, .C = dW, .ldc = 4 * H});
      tw_gemm(k, &(TwGemm){.tA = 1, .M = H, .N = 4 * H, .K = N, .lda = H, .A16 = w->h16[l],
                           .ldb = 4 * H, .B16 = dG16all, .C = dW + In * 4 * H, .ldc = 4 * H});
    } else {
      tw_gemm(k, &(TwGemm){.tA = 1, .M = K, .N = 4 * H, .K = N, .A = w->xh[l], .lda = K,
                           .B = dG, .ldb = 4 * H, .C = dW, .ldc = 4 * H});
    }
  }
  tw_embed_backward(cfg, lay, grads, inputs, N, dy);
}

/* ===== sampling step ===== */

static void step_streams(const ModelConfig *cfg, const ModelLayout *lay, const float *params,
                         TwKernels *k, const uint16_t *params16, size_t N,
                         const int32_t *tokens, float *xh, float *c, float *gates,
                         float *logits) {
  size_t H = cfg->H, E = cfg->E, l, n;
  float *xl = xh;
  tw_embed(cfg, lay, params, tokens, N, xl, E + H);
  for (l = 0; l < cfg->L; l++) {
    size_t In = tw_layer_input(cfg, l), K = In + H;
    float *cl = c + l * N * H;
    int top = l + 1 == cfg->L;
    float *next = top ? NULL : xl + N * K;   /* the next layer's [x h] block */
    for (n = 0; n < N; n++)
      if (tokens[n] == TW_TOKEN_EOS) {
        memset(xl + n * K + In, 0, H * sizeof(float));
        memset(cl + n * H, 0, H * sizeof(float));
      }
    tw_gemm(k, &(TwGemm){.M = N, .N = 4 * H, .K = K, .A = xl, .lda = K,
                         .B = params + lay->layer[l][LSTM_W], .ldb = 4 * H,
                         .B16 = params16 ? params16 + lay->layer[l][LSTM_W] : NULL,
                         .C = gates, .ldc = 4 * H});
    /* the new h overwrites the h part of [x h] in place, ready for the next step */
    for (n = 0; n < N; n++)
      gates_forward(gates + n * 4 * H, params + lay->layer[l][LSTM_B], cl + n * H, cl + n * H,
                    xl + n * K + In, H, H);
    if (next)
      for (n = 0; n < N; n++)
        memcpy(next + n * (H + H), xl + n * K + In, H * sizeof(float));
    if (top) tw_readout(cfg, lay, params, k, params16, xl + In, NULL, K, N, logits);
    xl = next;
  }
}

/* ===== single-stream sampling on a team ===== */

#if defined(TW_HAVE_ROWS_BF16)
/* The cell's part of the team's scratch: c (L,H), and the gates (4H), each member writing
 * its own units' columns. */
static size_t team_floats(const ModelConfig *cfg) { return cfg->L * cfg->H + 4 * cfg->H; }

/* A member's units of layer l (TwTeamLayer): every gate column of its units, over the whole
 * [x h] input, then their cell update, so a layer needs one meeting. Each member streams the
 * same slice of the weights every step, which stays in its core's caches where they hold it. */
static void team_layer(const ModelConfig *cfg, const ModelLayout *lay, const float *params,
                       const uint16_t *params16, size_t l, const float *x, size_t In,
                       const float *hp, float *h, size_t j0, size_t n, float *own) {
  size_t H = cfg->H, q;
  const uint16_t *W = params16 + lay->layer[l][LSTM_W];
  float *cl = own + l * H + j0, *gates = own + cfg->L * H;
  for (q = 0; q < 4; q++)
    tw_gemv_bf16_cols(gates + q * H + j0, x, In, hp, H, W + q * H + j0, 4 * H, n);
  if (!hp) memset(cl, 0, n * sizeof(float));
  gates_forward(gates + j0, params + lay->layer[l][LSTM_B] + j0, cl, cl, h + j0, n, H);
}
#endif

/* ===== the cell's entry points ===== */

static double pass_forward(const ModelConfig *cfg, const ModelLayout *lay, const float *params,
                           CellPass *pass) {
  LstmWork w;
  LstmState st;
  double loss;
  work_point(&w, cfg, pass->B, pass->T, pass->masked, pass->bf16, pass->work);
  w.kernels = pass->kernels;
  w.params16 = pass->params16;
  st.h = pass->state;
  st.c = pass->state + cfg->L * pass->B * cfg->H;
  loss = forward(cfg, lay, params, &w, pass->inputs, pass->targets, &st, pass->dropout,
                 pass->rng, &pass->count);
  pass->probs = w.probs;
  return loss;
}

static void pass_backward(const ModelConfig *cfg, const ModelLayout *lay, const float *params,
                          float *grads, CellPass *pass, size_t divisor) {
  LstmWork w;
  work_point(&w, cfg, pass->B, pass->T, pass->masked, pass->bf16, pass->work);
  w.kernels = pass->kernels;
  w.params16 = pass->params16;
  backward(cfg, lay, params, grads, &w, pass->inputs, pass->targets, divisor);
}

/* The sampling scratch: [x h] of every layer (N,K each), c (L,N,H), gates (N,4H). */
static size_t step_floats(const ModelConfig *cfg, size_t N) {
  size_t l, n = 0;
  for (l = 0; l < cfg->L; l++) n += N * (tw_layer_input(cfg, l) + cfg->H);
  return n + cfg->L * N * cfg->H + N * 4 * cfg->H;
}

static void step(const ModelConfig *cfg, const ModelLayout *lay, const float *params,
                 TwKernels *k, const uint16_t *params16, size_t N, const int32_t *tokens,
                 float *scratch, float *logits) {
  size_t xh_floats = step_floats(cfg, N) - cfg->L * N * cfg->H - N * 4 * cfg->H;
  float *c = scratch + xh_floats;
  step_streams(cfg, lay, params, k, params16, N, tokens, scratch, c, c + cfg->L * N * cfg->H,
               logits);
}

const Cell tw_lstm_cell = {
  .name = "lstm",
  .state_vectors = 2,
  .nblocks = 2,
  /* w: (K,4H), input rows first; b: (4H) */
  .blocks = {{"w", TW_ROWS_XH, 4}, {"b", TW_ROWS_ONE, 4}},
  .init_layer = init_layer,
  .work_floats = work_floats,
  .forward = pass_forward,
  .backward = pass_backward,
  .step_floats = step_floats,
  .step = step,
#if defined(TW_HAVE_ROWS_BF16)
  .team_floats = team_floats,
  .team_layer = team_layer,
#endif
};
