/*
 * sample.c: temperature, top-k and nucleus sampling over one row of logits, and the softmax
 * the training pass and the probes share. Pure C.
 * Truncation pops a max-heap of token indices, so it costs O(V + m log V) for m kept tokens
 * instead of sorting the whole vocabulary for every character.
 */
#include "sample.h"

#include <math.h>

#include "cell.h"
#include "fastmath.h"
#include "optim.h"

static void heap_sift(int32_t *h, size_t root, size_t n, const float *p) {
  for (;;) {
    size_t child = 2 * root + 1, top = root;
    if (child < n && p[h[child]] > p[h[top]]) top = child;
    if (child + 1 < n && p[h[child + 1]] > p[h[top]]) top = child + 1;
    if (top == root) return;
    {
      int32_t t = h[root];
      h[root] = h[top];
      h[top] = t;
    }
    root = top;
  }
}

/* Moves the most probable tokens to the end of `order`, largest first from the back,
 * until k are taken, their mass reaches top_p or only tokens of probability 0 are left;
 * returns how many were kept. */
static size_t truncate_tokens(const float *p, size_t V, size_t k, float top_p,
                              int32_t *order) {
  size_t n = V, kept = 0, i;
  double mass = 0;
  for (i = 0; i < V; i++) order[i] = (int32_t)i;
  for (i = V / 2; i-- > 0;) heap_sift(order, i, n, p);
  while (n > 0 && p[order[0]] > 0 && (k == 0 || kept < k) && mass < top_p) {
    int32_t best = order[0];
    order[0] = order[n - 1];
    order[n - 1] = best;
    n--;
    heap_sift(order, 0, n, p);
    mass += p[best];
    kept++;
  }
  return kept;
}

/* With order[V-kept..V-1] the kept tokens, adds EOS to them when it was left out. */
static size_t keep_eos(const float *p, size_t V, size_t kept, int32_t *order) {
  size_t i;
  if (p[TW_TOKEN_EOS] <= 0) return kept;
  for (i = 0; i < V - kept; i++)
    if (order[i] == TW_TOKEN_EOS) {
      order[i] = order[V - kept - 1];
      order[V - kept - 1] = TW_TOKEN_EOS;
      return kept + 1;
    }
  return kept;
}

int32_t tw_sample_token(float *logits, size_t V, const SampleOptions *opt, int ban_eos,
                        uint64_t *rng, int32_t *order) {
  /* the fallback when no logit is above -inf is the first token that may be drawn */
  size_t i, best = ban_eos ? TW_TOKEN_UNK + 1 : TW_TOKEN_EOS;
  float mx = -INFINITY;
  double sum = 0, u, acc = 0;
  logits[TW_TOKEN_UNK] = -INFINITY;
  if (ban_eos) logits[TW_TOKEN_EOS] = -INFINITY;
  /* a NaN logit (a model file may hold any floats) is never drawn: it would turn every
   * probability into NaN, and the draw into whatever token came last, even UNK */
  for (i = 0; i < V; i++)
    if (isnan(logits[i])) logits[i] = -INFINITY;
  for (i = 0; i < V; i++)
    if (logits[i] > mx) {
      mx = logits[i];
      best = i;
    }
  if (opt->temperature <= 0 || !isfinite(mx)) return (int32_t)best;
  for (i = 0; i < V; i++) {
    logits[i] = expf((logits[i] - mx) / opt->temperature);
    sum += logits[i];
  }
  for (i = 0; i < V; i++) logits[i] = (float)(logits[i] / sum);
  if (opt->min_p > 0) {
    /* the likeliest token's probability is logits[best] */
    float floor_p = opt->min_p * logits[best];
    for (i = 0; i < V; i++)
      if (logits[i] < floor_p && i != TW_TOKEN_EOS) logits[i] = 0;
  }
  if ((opt->top_k > 0 && opt->top_k < V) || opt->top_p < 1.0f || opt->min_p > 0) {
    size_t kept = truncate_tokens(logits, V, opt->top_k, opt->top_p, order);
    double total = 0;
    if (opt->top_k == 0 || kept < opt->top_k) kept = keep_eos(logits, V, kept, order);
    for (i = V - kept; i < V; i++) total += logits[order[i]];
    u = tw_rng_uniform(rng) * total;
    for (i = V; i-- > V - kept;) {
      acc += logits[order[i]];
      if (u < acc) return order[i];
    }
    return order[V - 1];
  }
  u = tw_rng_uniform(rng);
  for (i = 0; i < V; i++) {
    acc += logits[i];
    if (u < acc && logits[i] > 0) return (int32_t)i;
  }
  return (int32_t)best;
}

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

double tw_softmax(float *x, size_t n) {
  return softmax_row(x, n);
}
