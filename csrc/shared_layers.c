/*
 * shared_layers.c: what every cell shares around its recurrence: the embedding, dropout on a
 * layer's output, the readout (output layer, softmax, loss) with their gradients, and the
 * team step. Pure C, no allocation; the products go through kernels.h.
 */
#include "cell.h"

#include "optim.h"
#include "sample.h"

#include <string.h>

void tw_embed(const ModelConfig *cfg, const ModelLayout *lay, const float *params,
              const int32_t *tokens, size_t N, float *x, size_t ldx) {
  size_t n, E = cfg->E;
  for (n = 0; n < N; n++)
    memcpy(x + n * ldx, params + lay->emb + (size_t)tokens[n] * E, E * sizeof(float));
}

void tw_embed16(const ModelConfig *cfg, const ModelLayout *lay, const float *params,
                const int32_t *tokens, size_t N, uint16_t *x16, size_t ldx) {
  size_t n, E = cfg->E;
  for (n = 0; n < N; n++) tw_to_bf16(x16 + n * ldx, params + lay->emb + (size_t)tokens[n] * E, E);
}

void tw_embed_backward(const ModelConfig *cfg, const ModelLayout *lay, float *grads,
                       const int32_t *tokens, size_t N, const float *dx) {
  size_t n, j, E = cfg->E;
  memset(grads + lay->emb, 0, cfg->V * E * sizeof(float));
  for (n = 0; n < N; n++) {
    float *de = grads + lay->emb + (size_t)tokens[n] * E;
    const float *d = dx + n * E;
    for (j = 0; j < E; j++) de[j] += d[j];
  }
}

/* Columns first .. last-1 of the sums: each column summed over the rows in order, so the
 * sums do not depend on how the columns are shared out. */
typedef struct {
  const float *x;
  float *sums;
  size_t N, G;
} ColumnSums;

static void column_sums_part(void *ctx, size_t first, size_t last) {
  const ColumnSums *s = (const ColumnSums *)ctx;
  size_t n, j;
  memset(s->sums + first, 0, (last - first) * sizeof(float));
  for (n = 0; n < s->N; n++) {
    const float *row = s->x + n * s->G;
    for (j = first; j < last; j++) s->sums[j] += row[j];
  }
}

void tw_column_sums(TwKernels *k, float *sums, const float *x, size_t N, size_t G) {
  ColumnSums s = {.x = x, .sums = sums, .N = N, .G = G};
  tw_parallel_rows(k, G, N, column_sums_part, &s);
}

const uint16_t *tw_bf16_block(const uint16_t *params16, const float *params,
                              const float *block) {
  return params16 ? params16 + (block - params) : NULL;
}

void tw_layer_output(float *out, const float *h, float *mask, size_t H, float dropout,
                     uint64_t *rng) {
  float keep_scale;
  size_t j;
  if (!(dropout > 0)) {
    memcpy(out, h, H * sizeof(float));
    return;
  }
  keep_scale = 1.0f / (1.0f - dropout);
  for (j = 0; j < H; j++) {
    mask[j] = tw_rng_uniform(rng) < dropout ? 0.0f : keep_scale;
    out[j] = h[j] * mask[j];
  }
}

void tw_readout(const ModelConfig *cfg, const ModelLayout *lay, const float *params,
                TwKernels *k, const uint16_t *params16, const float *h, const uint16_t *h16,
                size_t ldh, size_t N, float *logits) {
  size_t V = cfg->V, n, j;
  /* (N,H) x (H,V) with Wy stored (V,H) */
  tw_gemm(k, &(TwGemm){.tB = 1, .M = N, .N = V, .K = cfg->H, .A = h, .lda = ldh, .A16 = h16,
                       .B = params + lay->wy, .ldb = cfg->H,
                       .B16 = params16 ? params16 + lay->wy : NULL, .C = logits, .ldc = V});
  for (n = 0; n < N; n++)
    for (j = 0; j < V; j++) logits[n * V + j] += params[lay->by + j];
}

size_t tw_team_floats(const Cell *cell, const ModelConfig *cfg) {
  return 2 * cfg->L * cfg->H + cell->team_floats(cfg);
}

#if defined(TW_HAVE_ROWS_BF16)
/* The first hidden unit of member m's slice (m = members: H): whole groups of 32 units, a
 * cache line of a bf16 weight row, so that a member's 64-byte loads stay on line boundaries
 * where the rows start on one (tw_kernels_shadow's copy does), and members write their floats
 * apart. */
static size_t unit_slice(size_t H, int m, int members) {
  size_t groups = (H + 31) / 32, j = groups * (size_t)m / (size_t)members * 32;
  return j < H ? j : H;
}

void tw_team_step(const Cell *cell, const ModelConfig *cfg, const ModelLayout *lay,
                  const float *params, const uint16_t *params16, int32_t token, size_t t,
                  float *scratch, float *logits, TwTeam *team, int member, int members) {
  size_t H = cfg->H, V = cfg->V, In = cfg->E, l;
  size_t j0 = unit_slice(H, member, members), n = unit_slice(H, member + 1, members) - j0;
  size_t v0 = V * (size_t)member / (size_t)members, v1 = V * (size_t)(member + 1) / (size_t)members;
  /* the layer's input: the token's embedding, then the layer below's new h */
  const float *x = params + lay->emb + (size_t)token * In;
  for (l = 0; l < cfg->L; l++) {
    /* step t writes copy t % 2 of h while other members may still be reading copy
     * (t-1) % 2, h_{t-1}, for their recurrent products */
    float *h = scratch + (2 * l + (t & 1)) * H;
    const float *hp = token == TW_TOKEN_EOS ? NULL : scratch + (2 * l + (~t & 1)) * H;
    cell->team_layer(cfg, lay, params, params16, l, x, In, hp, h, j0, n,
                     scratch + 2 * cfg->L * H);
    tw_team_barrier(team, member);
    x = h;
    In = H;
  }
  /* each logit is computed the same way whatever the range (tw_dot_rows_bf16) */
  tw_dot_rows_bf16(logits + v0, x, params16 + lay->wy + v0 * H, H, H, v1 - v0);
  for (; v0 < v1; v0++) logits[v0] += params[lay->by + v0];
  tw_team_barrier(team, member);
}
#endif

double tw_readout_loss(size_t V, float *probs, const int32_t *targets, size_t N,
                       size_t *count) {
  double loss = 0;
  size_t n;
  *count = 0;
  for (n = 0; n < N; n++) {
    float *row = probs + n * V;
    if (targets[n] != TW_IGNORE) {
      float logit = row[targets[n]];
      loss += tw_softmax(row, V) - logit;   /* -log softmax(logits)[target] */
      (*count)++;
    } else {
      tw_softmax(row, V);
    }
  }
  return loss;
}

void tw_readout_backward(const ModelConfig *cfg, const ModelLayout *lay, const float *params,
                         const uint16_t *params16, float *grads, TwKernels *k, float *probs,
                         float *h, int h16, const int32_t *targets, size_t N, size_t divisor,
                         float *dy) {
  size_t V = cfg->V, H = cfg->H, n, j;
  float scale = divisor ? 1.0f / (float)divisor : 0.0f, *dby = grads + lay->by;
  const uint16_t *d16, *hb;
  TwGemm dyg;
  memset(dby, 0, V * sizeof(float));
  /* dlogits = (softmax - onehot) / divisor, zero for unscored rows */
  for (n = 0; n < N; n++) {
    float *row = probs + n * V;
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
  dyg = (TwGemm){.M = N, .N = H, .K = V, .A = probs, .lda = V, .B = params + lay->wy,
                 .ldb = H, .B16 = tw_bf16_block(params16, params, params + lay->wy), .C = dy,
                 .ldc = H};
  /* where only bf16 products read dlogits and h from here, each is converted in place: the
   * same values the products would make, without a scratch copy of (N,V) */
  d16 = tw_gemm_reads_a16(k, &dyg) ? tw_bf16_in_place(k, probs, N * V) : NULL;
  hb = h16 ? (const uint16_t *)(void *)h
           : tw_kernels_bf16(k) ? tw_bf16_in_place(k, h, N * H) : NULL;
  /* dWy (V,H) = dlogits^T (V,N) . h (N,H), written, not accumulated (see the cells' dW);
   * then dy (N,H) = dlogits (N,V) . Wy (V,H), which may be h's memory: h is not read after
   * dWy */
  tw_gemm(k, &(TwGemm){.tA = 1, .M = V, .N = H, .K = N, .A = d16 ? NULL : probs, .lda = V,
                       .A16 = d16, .B = hb ? NULL : h, .ldb = H, .B16 = hb,
                       .C = grads + lay->wy, .ldc = H});
  if (d16) {
    dyg.A = NULL;
    dyg.A16 = d16;
  }
  tw_gemm(k, &dyg);
}
