/*
 * cell_gru.c: the GRU cell (tw_gru_cell). Pure C, no allocation. W is (K,3H), K = In + H,
 * input rows Wx first, then the recurrent rows Wh; the recurrent product runs apart from the
 * input's, as r multiplies only its n part. The carried state is every layer's h.
 */
#include "cell.h"

#include "fastmath.h"
#include "optim.h"

#include <math.h>
#include <string.h>

/* the blocks of each layer, in slab order: W, the input-side bias, the recurrent bias */
enum { GRU_W, GRU_B, GRU_BH };

/* Training workspace for one (B,T) shape; every pointer is into the pass's block. */
typedef struct {
  float *xh[TW_MAX_LAYERS];    /* (T,B,K) layer input x and the previous h, side by side */
  float *gx[TW_MAX_LAYERS];    /* (T,B,3H) x Wx, then r z n; backward: their pre-activation
                                  gradients on the input side */
  float *gh[TW_MAX_LAYERS];    /* (T,B,3H) h_prev Wh + bh (only its n part is kept: r
                                  multiplies it); backward: the recurrent side's gradients */
  float *mask[TW_MAX_LAYERS];  /* (T,B,H) dropout mask of the layer's output */
  float *hout;                 /* (T,B,H) top layer output, after dropout; backward reuses
                                  its memory as dy */
  float *probs;                /* (T,B,V) softmax, then dlogits in backward */
  float *dy;                   /* (T,B,max(E,H)) gradient on the current layer's output, then
                                  on its input */
  float *dh;                   /* (B,H) gradient carried to the previous step */
} GruWork;

/* ===== layout and workspace ===== */

/* (T,B,max(E,H)): the top layer's output, then the gradient on each layer's input */
static size_t dy_floats(const ModelConfig *cfg, size_t N) {
  return N * (cfg->E > cfg->H ? cfg->E : cfg->H);
}

static size_t work_floats(const ModelConfig *cfg, size_t B, size_t T, int masked, int bf16) {
  size_t N = B * T, H = cfg->H, l;
  size_t n = N * cfg->V + dy_floats(cfg, N) + B * H;   /* probs, hout/dy, dh */
  /* each layer: xh (K), gx and gh (3H each), the mask (H) */
  for (l = 0; l < cfg->L; l++) n += N * (tw_layer_input(cfg, l) + H + 6 * H + (masked ? H : 0));
  (void)bf16;   /* the element-wise backward reads h_prev in float32: nothing is kept in bf16 */
  return n;
}

/* The workspace of a pass, in work_floats' order. */
static void work_point(GruWork *w, const ModelConfig *cfg, const CellPass *pass) {
  size_t N = pass->B * pass->T, H = cfg->H, l;
  w->probs = pass->work;
  w->hout = w->dy = w->probs + N * cfg->V;
  w->dh = w->dy + dy_floats(cfg, N);
  w->xh[0] = w->dh + pass->B * H;
  for (l = 0; l < cfg->L; l++) {
    w->gx[l] = w->xh[l] + N * (tw_layer_input(cfg, l) + H);
    w->gh[l] = w->gx[l] + N * 3 * H;
    w->mask[l] = pass->masked ? w->gh[l] + N * 3 * H : NULL;
    if (l + 1 < cfg->L) w->xh[l + 1] = w->gh[l] + N * (pass->masked ? 4 : 3) * H;
  }
}

/* Weights U(-1/sqrt(H), 1/sqrt(H)) as PyTorch's; biases 0. */
static void init_layer(const ModelConfig *cfg, const ModelLayout *lay, size_t l, float *params,
                       uint64_t *rng) {
  float k = 1.0f / sqrtf((float)cfg->H);
  size_t i, nw = (tw_layer_input(cfg, l) + cfg->H) * 3 * cfg->H;
  for (i = 0; i < nw; i++)
    params[lay->layer[l][GRU_W] + i] = (2.0f * tw_rng_uniform(rng) - 1.0f) * k;
}

/* ===== element-wise kernels ===== */

/* Cho et al. 2014 as nn.GRU (gates r z n): r = sigmoid(x Wx_r + bx_r + h_prev Wh_r + bh_r),
 * z likewise, n = tanh(x Wx_n + bx_n + r * (h_prev Wh_n + bh_n)), h = (1 - z) * n + z * hp.
 * n units of a row: gx (x Wx) and gh (h_prev Wh) in, gate q of unit j at [q*H + j] (its
 * biases at bx and bh [q*H + j]); gx becomes r z n and gh's n part h_prev Wh_n + bh_n; h =
 * (1-z)*n + z*hp. A row's n is H; a team member's slice is fewer units, whose values are the
 * same as in a whole row's pass. h may alias hp (sampling updates h in place). */
TW_VECTORIZED
static void gru_forward_row(float *restrict gx, float *restrict gh, const float *restrict bx,
                            const float *restrict bh, const float *hp, float *h, size_t n,
                            size_t H) {
  float *restrict r = gx, *restrict z = gx + H, *restrict nn = gx + 2 * H;
  float *restrict hn = gh + 2 * H;
  size_t j;
  for (j = 0; j < n; j++) r[j] = tw_sigmoid(r[j] + bx[j] + gh[j] + bh[j]);
  for (j = 0; j < n; j++) z[j] = tw_sigmoid(z[j] + bx[H + j] + gh[H + j] + bh[H + j]);
  for (j = 0; j < n; j++) hn[j] += bh[2 * H + j];
  for (j = 0; j < n; j++) nn[j] = tw_tanh(nn[j] + bx[2 * H + j] + r[j] * hn[j]);
  for (j = 0; j < n; j++) h[j] = (1.0f - z[j]) * nn[j] + z[j] * hp[j];
}

/* One step of one stream backward: dh (dy + the carried dh) in; the gates' pre-activation
 * gradients written over gx (input side) and gh (recurrent side); dh becomes the direct part
 * of the gradient on h_prev (through z), to which the caller adds the recurrent product's. */
TW_VECTORIZED
static void gru_backward_row(size_t H, float *restrict gx, float *restrict gh,
                             const float *restrict hp, const float *restrict dy,
                             float *restrict dh) {
  size_t j;
  for (j = 0; j < H; j++) {
    float r = gx[j], z = gx[H + j], n = gx[2 * H + j], hn = gh[2 * H + j];
    float dhv = dy[j] + dh[j];
    float dn = dhv * (1.0f - z) * (1.0f - n * n);
    float dr = dn * hn * r * (1.0f - r);
    float dz = dhv * (hp[j] - n) * z * (1.0f - z);
    gx[j] = gh[j] = dr;
    gx[H + j] = gh[H + j] = dz;
    gx[2 * H + j] = dn;
    gh[2 * H + j] = dn * r;
    dh[j] = dhv * z;
  }
}

/* ===== forward ===== */

/* One step's element-wise work for streams first .. last-1 (tw_parallel_rows): each stream's
 * rows are its own. With dropout the masks are drawn from one random stream, in stream order:
 * then every stream is done at once, on one thread. */
typedef struct {
  size_t B, H, K, In, t, T, ldo;
  const float *bx, *bh;
  float *xh_t, *gx_t, *gh_t, *sh, *out, *mask;
  float dropout;
  uint64_t *rng;
} StepRows;

static void forward_rows(void *ctx, size_t first, size_t last) {
  const StepRows *s = (const StepRows *)ctx;
  size_t b, H = s->H, K = s->K, In = s->In, r;
  for (b = first; b < last; b++) {
    /* h goes to the next step's [x h] row, or out as the carried state after the last */
    float *h = s->t + 1 < s->T ? s->xh_t + s->B * K + b * K + In : s->sh + b * H;
    r = s->t * s->B + b;
    gru_forward_row(s->gx_t + b * 3 * H, s->gh_t + b * 3 * H, s->bx, s->bh,
                    s->xh_t + b * K + In, h, H, H);
    tw_layer_output(s->out + r * s->ldo, h, s->mask ? s->mask + r * H : NULL, H, s->dropout,
                    s->rng);
  }
}

static double forward(const ModelConfig *cfg, const ModelLayout *lay, const float *params,
                      GruWork *w, CellPass *pass) {
  size_t B = pass->B, T = pass->T, N = B * T, H = cfg->H, E = cfg->E, l, t, b;
  const int32_t *inputs = pass->inputs;
  TwKernels *k = pass->kernels;
  const uint16_t *p16 = pass->params16;
  tw_embed(cfg, lay, params, inputs, N, w->xh[0], E + H);
  for (l = 0; l < cfg->L; l++) {
    size_t In = tw_layer_input(cfg, l), K = In + H;
    const float *W = params + lay->layer[l][GRU_W], *Wh = W + In * 3 * H;
    const float *bx = params + lay->layer[l][GRU_B], *bh = params + lay->layer[l][GRU_BH];
    float *xh = w->xh[l], *sh = pass->state + l * B * H;
    int top = l + 1 == cfg->L;
    float *out = top ? w->hout : w->xh[l + 1];
    size_t ldo = top ? H : H + H;   /* the next layer's K is 2H */
    for (b = 0; b < B; b++) memcpy(xh + b * K + In, sh + b * H, H * sizeof(float));
    /* input projection of every step at once: (N,In) x (In,3H) */
    tw_gemm(k, &(TwGemm){.M = N, .N = 3 * H, .K = In, .A = xh, .lda = K, .B = W,
                         .ldb = 3 * H, .B16 = tw_bf16_block(p16, params, W), .C = w->gx[l],
                         .ldc = 3 * H});
    for (t = 0; t < T; t++) {
      float *xh_t = xh + t * B * K, *gx_t = w->gx[l] + t * B * 3 * H;
      float *gh_t = w->gh[l] + t * B * 3 * H;
      for (b = 0; b < B; b++)
        if (inputs[t * B + b] == TW_TOKEN_EOS) memset(xh_t + b * K + In, 0, H * sizeof(float));
      tw_gemm(k, &(TwGemm){.M = B, .N = 3 * H, .K = H, .A = xh_t + In, .lda = K, .B = Wh,
                           .ldb = 3 * H, .B16 = tw_bf16_block(p16, params, Wh), .C = gh_t,
                           .ldc = 3 * H});
      StepRows rows = {.B = B, .H = H, .K = K, .In = In, .t = t, .T = T, .ldo = ldo, .bx = bx,
                       .bh = bh, .xh_t = xh_t, .gx_t = gx_t, .gh_t = gh_t, .sh = sh,
                       .out = out, .mask = w->mask[l], .dropout = pass->dropout,
                       .rng = pass->rng};
      /* the streams apart, over the products' threads, as the LSTM's */
      if (w->mask[l]) forward_rows(&rows, 0, B);
      else tw_parallel_rows(k, B, H, forward_rows, &rows);
    }
  }
  tw_readout(cfg, lay, params, k, p16, w->hout, NULL, H, N, w->probs);
  pass->probs = w->probs;
  return tw_readout_loss(cfg->V, w->probs, pass->targets, N, &pass->count);
}

/* ===== backward ===== */

/* One step's element-wise backward for streams first .. last-1 (tw_parallel_rows). */
typedef struct {
  size_t B, H, K, In, t;
  float *dgx, *dgh, *dh;
  const float *xh, *dy;
} BackRows;

static void backward_rows(void *ctx, size_t first, size_t last) {
  const BackRows *s = (const BackRows *)ctx;
  size_t b, H = s->H, r;
  for (b = first; b < last; b++) {
    r = s->t * s->B + b;
    gru_backward_row(H, s->dgx + r * 3 * H, s->dgh + r * 3 * H, s->xh + r * s->K + s->In,
                     s->dy + r * H, s->dh + b * H);
  }
}

static void backward(const ModelConfig *cfg, const ModelLayout *lay, const float *params,
                     float *grads, GruWork *w, const CellPass *pass, size_t divisor) {
  size_t B = pass->B, T = pass->T, N = B * T, H = cfg->H, t, b, n;
  const int32_t *inputs = pass->inputs;
  const uint16_t *p16 = pass->params16;
  TwKernels *k = pass->kernels;
  float *dy = w->dy, *dh = w->dh;
  int l;
  /* dy over hout, which is not needed any more */
  tw_readout_backward(cfg, lay, params, p16, grads, k, w->probs, w->hout, 0, pass->targets,
                      N, divisor, dy);
  for (l = (int)cfg->L - 1; l >= 0; l--) {
    size_t In = tw_layer_input(cfg, (size_t)l), K = In + H;
    const float *W = params + lay->layer[l][GRU_W], *Wh = W + In * 3 * H;
    float *dW = grads + lay->layer[l][GRU_W], *dbx = grads + lay->layer[l][GRU_B];
    float *dbh = grads + lay->layer[l][GRU_BH];
    float *dgx = w->gx[l], *dgh = w->gh[l], *xh = w->xh[l];
    if (w->mask[l])
      for (n = 0; n < N * H; n++) dy[n] *= w->mask[l][n];
    memset(dh, 0, B * H * sizeof(float));
    for (t = T; t-- > 0;) {
      BackRows rows = {.B = B, .H = H, .K = K, .In = In, .t = t, .dgx = dgx, .dgh = dgh,
                       .dh = dh, .xh = xh, .dy = dy};
      tw_parallel_rows(k, B, H, backward_rows, &rows);
      if (t == 0) break;   /* the state entering step 0 is carried in, not learned through */
      /* dh_prev (B,H) += dgh_t (B,3H) . Wh^T */
      tw_gemm(k, &(TwGemm){.tB = 1, .M = B, .N = H, .K = 3 * H, .A = dgh + t * B * 3 * H,
                           .lda = 3 * H, .B = Wh, .ldb = 3 * H,
                           .B16 = tw_bf16_block(p16, params, Wh), .beta = 1.0f, .C = dh,
                           .ldc = H});
      /* a reset made h_prev a constant: nothing flows further back */
      for (b = 0; b < B; b++)
        if (inputs[t * B + b] == TW_TOKEN_EOS) memset(dh + b * H, 0, H * sizeof(float));
    }
    /* dx (N,In) = dgx (N,3H) . Wx^T, over dy (consumed above): the layer below's dy, or the
     * embeddings' gradient */
    tw_gemm(k, &(TwGemm){.tB = 1, .M = N, .N = In, .K = 3 * H, .A = dgx, .lda = 3 * H, .B = W,
                         .ldb = 3 * H, .B16 = tw_bf16_block(p16, params, W), .C = dy,
                         .ldc = In});
    /* dWx (In,3H) = x^T . dgx;  dWh (H,3H) = h_prev^T . dgh: written, not accumulated (as
     * the LSTM's) */
    tw_gemm(k, &(TwGemm){.tA = 1, .M = In, .N = 3 * H, .K = N, .A = xh, .lda = K, .B = dgx,
                         .ldb = 3 * H, .C = dW, .ldc = 3 * H});
    tw_gemm(k, &(TwGemm){.tA = 1, .M = H, .N = 3 * H, .K = N, .A = xh + In, .lda = K,
                         .B = dgh, .ldb = 3 * H, .C = dW + In * 3 * H, .ldc = 3 * H});
    tw_column_sums(k, dbx, dgx, N, 3 * H);
    tw_column_sums(k, dbh, dgh, N, 3 * H);
  }
  tw_embed_backward(cfg, lay, grads, inputs, N, dy);
}

/* ===== sampling step ===== */

/* The sampling scratch: [x h] of every layer (N,K each), then gx and gh (N,3H each). */
static size_t step_floats(const ModelConfig *cfg, size_t N) {
  size_t l, n = 0;
  for (l = 0; l < cfg->L; l++) n += N * (tw_layer_input(cfg, l) + cfg->H);
  return n + 2 * N * 3 * cfg->H;
}

static void step(const ModelConfig *cfg, const ModelLayout *lay, const float *params,
                 TwKernels *k, const uint16_t *p16, size_t N, const int32_t *tokens,
                 float *scratch, float *logits) {
  size_t H = cfg->H, E = cfg->E, l, n;
  float *xl = scratch, *gx = scratch + step_floats(cfg, N) - 2 * N * 3 * H, *gh = gx + N * 3 * H;
  tw_embed(cfg, lay, params, tokens, N, xl, E + H);
  for (l = 0; l < cfg->L; l++) {
    size_t In = tw_layer_input(cfg, l), K = In + H;
    const float *W = params + lay->layer[l][GRU_W], *Wh = W + In * 3 * H;
    const float *bx = params + lay->layer[l][GRU_B], *bh = params + lay->layer[l][GRU_BH];
    int top = l + 1 == cfg->L;
    float *next = top ? NULL : xl + N * K;   /* the next layer's [x h] block */
    for (n = 0; n < N; n++)
      if (tokens[n] == TW_TOKEN_EOS) memset(xl + n * K + In, 0, H * sizeof(float));
    tw_gemm(k, &(TwGemm){.M = N, .N = 3 * H, .K = In, .A = xl, .lda = K, .B = W, .ldb = 3 * H,
                         .B16 = tw_bf16_block(p16, params, W), .C = gx, .ldc = 3 * H});
    tw_gemm(k, &(TwGemm){.M = N, .N = 3 * H, .K = H, .A = xl + In, .lda = K, .B = Wh,
                         .ldb = 3 * H, .B16 = tw_bf16_block(p16, params, Wh), .C = gh,
                         .ldc = 3 * H});
    /* the new h overwrites the h part of [x h] in place, ready for the next step */
    for (n = 0; n < N; n++)
      gru_forward_row(gx + n * 3 * H, gh + n * 3 * H, bx, bh, xl + n * K + In,
                      xl + n * K + In, H, H);
    if (next)
      for (n = 0; n < N; n++) memcpy(next + n * (H + H), xl + n * K + In, H * sizeof(float));
    if (top) tw_readout(cfg, lay, params, k, p16, xl + In, NULL, K, N, logits);
    xl = next;
  }
}

/* ===== single-stream sampling on a team ===== */

#if defined(TW_HAVE_ROWS_BF16)
/* The cell's part of the team's scratch: zeros (H), the h_prev of a reset, and gx and gh
 * (3H each), each member writing its own units' columns. */
static size_t team_floats(const ModelConfig *cfg) { return 7 * cfg->H; }

/* A member's units of layer l (TwTeamLayer): every gate column of its units on both sides,
 * then their update, as the LSTM's (cell_lstm.c). */
static void team_layer(const ModelConfig *cfg, const ModelLayout *lay, const float *params,
                       const uint16_t *params16, size_t l, const float *x, size_t In,
                       const float *hp, float *h, size_t j0, size_t n, float *own) {
  size_t H = cfg->H, q;
  const uint16_t *W = params16 + lay->layer[l][GRU_W], *Wh = W + In * 3 * H;
  float *zeros = own, *gx = own + H, *gh = gx + 3 * H;
  for (q = 0; q < 3; q++) {
    tw_gemv_bf16_cols(gx + q * H + j0, x, In, NULL, 0, W + q * H + j0, 3 * H, n);
    if (!hp) memset(gh + q * H + j0, 0, n * sizeof(float));
    else tw_gemv_bf16_cols(gh + q * H + j0, hp, H, NULL, 0, Wh + q * H + j0, 3 * H, n);
  }
  gru_forward_row(gx + j0, gh + j0, params + lay->layer[l][GRU_B] + j0,
                  params + lay->layer[l][GRU_BH] + j0, (hp ? hp : zeros) + j0, h + j0, n, H);
}
#endif

/* ===== the cell's entry points ===== */

static double pass_forward(const ModelConfig *cfg, const ModelLayout *lay, const float *params,
                           CellPass *pass) {
  GruWork w;
  work_point(&w, cfg, pass);
  return forward(cfg, lay, params, &w, pass);
}

static void pass_backward(const ModelConfig *cfg, const ModelLayout *lay, const float *params,
                          float *grads, CellPass *pass, size_t divisor) {
  GruWork w;
  work_point(&w, cfg, pass);
  backward(cfg, lay, params, grads, &w, pass, divisor);
}

const Cell tw_gru_cell = {
  .name = "gru",
  .state_vectors = 1,
  .nblocks = 3,
  /* w: (K,3H), input rows first; b: (3H) input side; bh: (3H) recurrent side */
  .blocks = {{"w", TW_ROWS_XH, 3}, {"b", TW_ROWS_ONE, 3}, {"bh", TW_ROWS_ONE, 3}},
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
