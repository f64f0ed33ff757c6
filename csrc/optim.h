/*
 * optim.h: optimizers over a flat parameter slab (gradients and moments share its layout)
 * and explicit-state random numbers. Pure C, no Lua.
 */
#ifndef TW_OPTIM_H
#define TW_OPTIM_H

#include <stddef.h>
#include <stdint.h>

typedef enum { TW_OPT_ADAM = 0, TW_OPT_RMSPROP = 1 } OptimizerKind;

typedef struct {
  OptimizerKind kind;
  float lr, beta1, beta2, eps, alpha, clip;
} OptimizerConfig;

/* Adam, lr 2e-3, betas 0.9 and 0.999, eps 1e-8, alpha 0.99, clipping at norm 5. */
void tw_optimizer_defaults(OptimizerConfig *o);
/* Whether an update can be made with the settings: finite, lr > 0, beta1, beta2 and alpha in
 * [0, 1), eps > 0, clip >= 0 (0: no clipping). NULL when it can, else what is wrong. */
const char *tw_optimizer_problem(const OptimizerConfig *o);
/* The gradients' global norm. */
double tw_grad_norm(const float *grads, size_t n);
/* One update from the gradients times `scale` (global-norm clipping: clip / norm, else 1),
 * which are written back scaled; t is the 1-based update count (Adam's bias correction). */
void tw_optimizer_step(const OptimizerConfig *opt, float *params, float *grads, float scale,
                       float *m, float *v, size_t n, uint64_t t);

/* ===== random numbers (explicit state, xorshift64*) ===== */
uint64_t tw_rng_next(uint64_t *state);
float tw_rng_uniform(uint64_t *state);   /* [0,1) */
uint64_t tw_rng_seed(uint64_t seed);     /* a non-zero state from any seed */

#endif
