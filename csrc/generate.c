/*
 * generate.c: generation, N streams stepped side by side through the cell's sampling step,
 * each token drawn by sample.c; and the sampling step's probabilities for a probe (the specs
 * compare them with the training pass's). Pure C, no Lua, no allocation.
 */
#include "generate.h"

#include "text.h"

#include <math.h>
#include <string.h>

int tw_is_control(uint32_t cp) {
  /* printed, they would drive the terminal (ESC, BEL, CSI), and a newline or tab would
   * break the one-post-per-line output; a vocabulary may hold them (a model is trained on
   * whatever text it is given) */
  return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F);
}

size_t tw_generate_bytes(const Model *m, size_t n, size_t max_length, size_t prime_bytes) {
  const ModelConfig *c = &m->cfg;
  return (m->cell->step_floats(c, n) + n * c->V) * sizeof(float) +
         (n + 2 * c->V + prime_bytes + 1) * sizeof(int32_t) +
         (prime_bytes + 1 + n * max_length) * sizeof(uint32_t) + n * sizeof(size_t) + n;
}

void tw_generate_point(Generation *g, const Model *m, size_t n, size_t max_length,
                       size_t prime_bytes, void *scratch) {
  const ModelConfig *c = &m->cfg;
  /* lens first: the block is aligned for size_t, the 4-byte arrays after it need less */
  g->lens = (size_t *)scratch;
  g->state = (float *)(void *)(g->lens + n);
  g->logits = g->state + m->cell->step_floats(c, n);
  g->tokens = (int32_t *)(void *)(g->logits + n * c->V);
  g->order = g->tokens + n;
  g->banned = g->order + c->V;
  g->prime_tokens = g->banned + c->V;
  g->prime = (uint32_t *)(void *)(g->prime_tokens + prime_bytes + 1);
  g->posts = g->prime + prime_bytes + 1;
  g->done = (unsigned char *)(g->posts + n * max_length);
  g->nprime = 0;
}

int tw_generate_prime(Generation *g, const Model *m, const char *prime, size_t len,
                      uint32_t *control) {
  size_t pos = 0, invalid = 0;
  while (pos < len) {
    uint32_t cp = tw_utf8_next(prime, len, &pos, &invalid);
    if (tw_is_control(cp)) {
      *control = cp;
      return TW_PRIME_CONTROL;
    }
    g->prime[g->nprime] = cp;
    g->prime_tokens[g->nprime++] = tw_model_token(m, cp);
  }
  return invalid ? TW_PRIME_INVALID : TW_PRIME_OK;
}

/* One sampling step's arguments, for timing steps at a thread count. */
typedef struct {
  const Model *m;
  TwKernels *k;
  const uint16_t *params16;
  Generation *g;
  size_t n;
} StepArgs;

static void sampling_steps(void *ctx, int threads, int steps) {
  const StepArgs *a = (const StepArgs *)ctx;
  const Model *m = a->m;
  int i;
  tw_kernels_set_threads(threads);
  for (i = 0; i < steps; i++)
    m->cell->step(&m->cfg, &m->lay, m->params, a->k, a->params16, a->n, a->g->tokens,
                  a->g->state, a->g->logits);
}

void tw_generate(Generation *g, const Model *m, TwKernels *k, const GenerateOptions *o) {
  const ModelConfig *c = &m->cfg;
  size_t N = o->n, maxlen = o->max_length, nprime = g->nprime, nbanned = 0, active, n, j;
  uint64_t rng = o->rng;
  int threads = tw_kernels_threads();
  StepArgs step;
  for (j = 2; j < c->V; j++)
    if (tw_is_control(m->chars[j])) g->banned[nbanned++] = (int32_t)j;
  /* every post starts from a reset state: the end-of-post token, then the prime */
  for (n = 0; n < N; n++) {
    g->tokens[n] = TW_TOKEN_EOS;
    memcpy(g->posts + n * maxlen, g->prime, nprime * sizeof(uint32_t));
    g->lens[n] = nprime;
  }
  step.m = m;
  step.k = k;
  step.params16 = tw_kernels_bf16(k) ? tw_kernels_shadow(k, m->params, m->lay.total) : NULL;
  step.g = g;
  step.n = N;
  /* one stream is a chain of matrix-vector products that stream the weights: whether a
   * second thread's bandwidth pays for waking it depends on the model's size and the
   * machine, so it is measured, once per model size (the steps from end-of-post tokens
   * leave nothing behind: the first real step resets the state) */
  if (N == 1)
    tw_kernels_set_threads(tw_kernels_sampling_threads(k, m->lay.total, threads,
                                                       sampling_steps, &step));
  sampling_steps(&step, tw_kernels_threads(), 1);
  for (j = 0; j < nprime; j++) {
    for (n = 0; n < N; n++) g->tokens[n] = g->prime_tokens[j];
    sampling_steps(&step, tw_kernels_threads(), 1);
  }
  active = N;
  while (active > 0) {
    for (n = 0; n < N; n++) {
      float *logits = g->logits + n * c->V;
      int32_t t;
      if (g->done[n]) continue;
      for (j = 0; j < nbanned; j++) logits[g->banned[j]] = -INFINITY;
      /* no empty posts, and none shorter than min_length */
      t = tw_sample_token(logits, c->V, &o->sample,
                          g->lens[n] == nprime || g->lens[n] < o->min_length, &rng, g->order);
      /* a control character comes back only as the fallback when nothing else may be
       * drawn: the post ends there */
      if (t == TW_TOKEN_EOS || tw_is_control(m->chars[t])) {
        g->done[n] = 1;
        active--;
        continue;
      }
      g->posts[n * maxlen + g->lens[n]++] = m->chars[t];
      g->tokens[n] = t;
      if (g->lens[n] >= maxlen) {
        g->done[n] = 1;
        active--;
      }
    }
    if (active > 0)
      m->cell->step(c, &m->lay, m->params, k, step.params16, N, g->tokens, g->state,
                    g->logits);
  }
  tw_kernels_set_threads(threads);
}

size_t tw_step_probabilities_floats(const Model *m) {
  return m->cell->step_floats(&m->cfg, 1) + m->cfg.V;
}

void tw_step_probabilities(const Model *m, TwKernels *k, const int32_t *tokens, size_t T,
                           float *scratch, float *out) {
  const uint16_t *params16 =
      tw_kernels_bf16(k) ? tw_kernels_shadow(k, m->params, m->lay.total) : NULL;
  float *logits = scratch + m->cell->step_floats(&m->cfg, 1);
  size_t V = m->cfg.V, t, v;
  for (t = 0; t < T; t++) {
    double mx = -HUGE_VAL, z = 0;
    m->cell->step(&m->cfg, &m->lay, m->params, k, params16, 1, tokens + t, scratch, logits);
    for (v = 0; v < V; v++) mx = logits[v] > mx ? logits[v] : mx;
    for (v = 0; v < V; v++) z += exp(logits[v] - mx);
    for (v = 0; v < V; v++) out[t * V + v] = (float)(exp(logits[v] - mx) / z);
  }
}
