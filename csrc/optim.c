/*
 * optim.c: the optimizers over a flat parameter slab and the explicit-state random numbers
 * every part of the model draws from. Pure C, no Lua, no allocation.
 * Adam: Kingma & Ba 2015 (bias-corrected); RMSprop: Tieleman & Hinton 2012;
 * xorshift64*: Vigna 2016; splitmix64 seeding: Steele et al. 2014.
 */
#include "optim.h"

#include "fastmath.h"

#include <float.h>
#include <math.h>

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


/* ===== optimizers ===== */

/* The squares summed in 8 interleaved lanes, then the lanes in order: one running sum is a
 * chain of dependent additions that cannot be vectorised; the lanes' order is fixed, so the
 * norm does not depend on the machine. */
#define NORM_LANES 8

TW_VECTORIZED
static double sum_squares(const float *x, size_t n) {
  double lane[NORM_LANES] = {0}, sum = 0;
  size_t k, j, body = n - n % NORM_LANES;
  for (k = 0; k < body; k += NORM_LANES)
    for (j = 0; j < NORM_LANES; j++) lane[j] += (double)x[k + j] * x[k + j];
  for (j = 0; j < NORM_LANES; j++) sum += lane[j];
  for (k = body; k < n; k++) sum += (double)x[k] * x[k];
  return sum;
}

double tw_grad_norm(const float *grads, size_t n) { return sqrt(sum_squares(grads, n)); }

TW_VECTORIZED
static void adam_update(float *restrict params, float *restrict grads, float scale,
                        float *restrict m, float *restrict v, size_t n, float b1, float b2,
                        float step, float eps) {
  size_t k;
  for (k = 0; k < n; k++) {
    float g = grads[k] * scale;
    grads[k] = g;
    m[k] = b1 * m[k] + (1.0f - b1) * g;
    v[k] = b2 * v[k] + (1.0f - b2) * g * g;
    params[k] -= step * m[k] / (sqrtf(v[k]) + eps);
  }
}

TW_VECTORIZED
static void rmsprop_update(float *restrict params, float *restrict grads, float scale,
                           float *restrict v, size_t n, float a, float lr, float eps) {
  size_t k;
  for (k = 0; k < n; k++) {
    float g = grads[k] * scale;
    grads[k] = g;
    v[k] = a * v[k] + (1.0f - a) * g * g;
    params[k] -= lr * g / (sqrtf(v[k]) + eps);
  }
}

void tw_optimizer_step(const OptimizerConfig *opt, float *params, float *grads, float scale,
                       float *m, float *v, size_t n, uint64_t t) {
  if (opt->kind == TW_OPT_ADAM) {
    float b1 = opt->beta1, b2 = opt->beta2;
    float c1 = 1.0f - powf(b1, (float)t), c2 = 1.0f - powf(b2, (float)t);
    float step = opt->lr * sqrtf(c2) / c1;   /* bias corrections folded into the step */
    float eps = opt->eps * sqrtf(c2);
    adam_update(params, grads, scale, m, v, n, b1, b2, step, eps);
  } else {
    rmsprop_update(params, grads, scale, v, n, opt->alpha, opt->lr, opt->eps);
  }
}

const char *tw_optimizer_problem(const OptimizerConfig *o) {
  /* each test is written so that NaN fails it */
  return !(o->lr > 0 && o->lr <= FLT_MAX) ? "lr must be a positive number"
       : !(o->beta1 >= 0 && o->beta1 < 1) ? "beta1 must be in [0, 1)"
       : !(o->beta2 >= 0 && o->beta2 < 1) ? "beta2 must be in [0, 1)"
       : !(o->eps > 0 && o->eps <= FLT_MAX) ? "eps must be a positive number"
       : !(o->alpha >= 0 && o->alpha < 1) ? "alpha must be in [0, 1)"
       : !(o->clip >= 0 && o->clip <= FLT_MAX) ? "clip must be a number, 0 or more"
       : NULL;
}

void tw_optimizer_defaults(OptimizerConfig *o) {
  o->kind = TW_OPT_ADAM;
  o->lr = 2e-3f;
  o->beta1 = 0.9f;
  o->beta2 = 0.999f;
  o->eps = 1e-8f;
  o->alpha = 0.99f;
  o->clip = 5.0f;
}
