/*
 * lstm.h: the character LSTM language model, pure C (no Lua): parameter-slab layout,
 * workspace layout, forward and backward passes over a (T,B) batch, one sampling step,
 * and the optimizers. All memory is owned by the caller; these functions only point into it.
 *
 * Dimension letters: B batch streams, T time steps, V vocabulary, E embedding, H hidden,
 * L layers, In = E for layer 0 and H above it, K = In + H (the fused [x h] input width).
 */
#ifndef TW_LSTM_H
#define TW_LSTM_H

#include <stddef.h>
#include <stdint.h>

#include "kernels.h"

#if !defined(TW_MAX_LAYERS)
#define TW_MAX_LAYERS 8
#endif

#define TW_TOKEN_EOS 0       /* end of post; as an input it also starts a post */
#define TW_TOKEN_UNK 1       /* a character the vocabulary lacks */
#define TW_IGNORE (-1)       /* a target that is not scored (padding) */

typedef struct {
  size_t V, E, H, L;
} LstmConfig;

/* Offsets (in floats) of each parameter block inside the slab. The slab of gradients and
 * of optimizer moments uses the same layout. */
typedef struct {
  size_t w[TW_MAX_LAYERS];   /* (K,4H): rows 0..In-1 multiply x, rows In..K-1 multiply h */
  size_t b[TW_MAX_LAYERS];   /* (4H) gate order i f g o */
  size_t emb;                /* (V,E) */
  size_t wy;                 /* (V,H) output layer, one row per token */
  size_t by;                 /* (V) */
  size_t total;
} LstmLayout;

/* Training workspace for one (B,T) shape; every pointer is into one caller-owned block. */
typedef struct {
  size_t B, T;
  float *xh[TW_MAX_LAYERS];    /* (T,B,K) layer input x and the previous h, side by side */
  float *gates[TW_MAX_LAYERS]; /* (T,B,4H) gate activations i f g o; backward overwrites
                                  them with the gate gradients, step by step */
  float *c[TW_MAX_LAYERS];     /* (T,B,H) cell state after step t */
  float *c0[TW_MAX_LAYERS];    /* (B,H) cell state carried into step 0 */
  float *mask[TW_MAX_LAYERS];  /* (T,B,H) dropout mask of the layer's output, 0 or 1/(1-p) */
  float *hout;                 /* (T,B,H) top layer output, after dropout; backward reuses
                                  its memory as dy */
  float *probs;                /* (T,B,V) softmax, then dlogits in backward */
  float *zeros;                /* (H) the cell state after a reset */
  float *dy;                   /* (T,B,max(E,H)) gradient on the current layer's output, then
                                  on its input (the layer below's output) */
  float *dh, *dc;              /* (B,H) gradient carried to the previous step */
  TwKernels *kernels;          /* the products' router (NULL: OpenBLAS float32); the caller
                                  sets it after tw_lstm_work_point */
  const uint16_t *params16;    /* forward's bf16 copy of the parameters, for backward */
} LstmWork;

/* Recurrent state carried between batches: h and c for each layer. */
typedef struct {
  float *h;  /* (L,B,H) */
  float *c;  /* (L,B,H) */
} LstmState;

int tw_lstm_config_ok(const LstmConfig *cfg, char *err, size_t errlen);
void tw_lstm_layout(const LstmConfig *cfg, LstmLayout *lay);
size_t tw_lstm_work_floats(const LstmConfig *cfg, size_t B, size_t T, int dropout);
void tw_lstm_work_point(LstmWork *w, const LstmConfig *cfg, size_t B, size_t T, int dropout,
                        float *base);

/* Random initialisation: LSTM and output weights U(-1/sqrt(H), 1/sqrt(H)), embedding N(0,1),
 * biases 0 except the forget gate's, which starts at 1. */
void tw_lstm_init(const LstmConfig *cfg, float *params, uint64_t *rng);
void tw_lstm_init_token_rows(const LstmConfig *cfg, float *params, size_t first, size_t count,
                             uint64_t *rng);

/* Forward over inputs/targets (T,B). Resets h and c of a stream wherever its input token is
 * EOS. Reads and then updates `state` with the last step's h and c. With dropout > 0 the
 * masks are drawn from rng. Returns the summed loss (nats) and stores the number of scored
 * targets in *count. Leaves what backward needs in the workspace. */
double tw_lstm_forward(const LstmConfig *cfg, const LstmLayout *lay, const float *params,
                       LstmWork *w, const int32_t *inputs, const int32_t *targets,
                       LstmState *state, float dropout, uint64_t *rng, size_t *count);

/* Backward for the forward just run; accumulates (+=) into grads, which the caller zeroes.
 * The loss it differentiates is the summed loss divided by `count`. */
void tw_lstm_backward(const LstmConfig *cfg, const LstmLayout *lay, const float *params,
                      float *grads, LstmWork *w, const int32_t *inputs,
                      const int32_t *targets, size_t count);

/* Sampling: one step of N streams. xh holds (L,N,K) with the previous h already in place of
 * each layer's h part; c is (L,N,H); gates (N,4H); logits (N,V). The step embeds `tokens`,
 * runs every layer (resetting streams whose token is EOS) and writes logits. The products go
 * through `k` (may be NULL), with params16 (a bf16 copy of params, or NULL) when k runs
 * bf16. */
void tw_lstm_step(const LstmConfig *cfg, const LstmLayout *lay, const float *params,
                  TwKernels *k, const uint16_t *params16, size_t N, const int32_t *tokens,
                  float *xh, float *c, float *gates, float *logits);

/* ===== optimizers ===== */
typedef enum { TW_OPT_ADAM = 0, TW_OPT_RMSPROP = 1 } OptimizerKind;

typedef struct {
  OptimizerKind kind;
  float lr, beta1, beta2, eps, alpha, clip;
} OptimizerConfig;

/* Global-norm clipping; returns the norm before clipping. */
double tw_clip_grad_norm(float *grads, size_t n, float clip);
/* One update; t is the 1-based update count (Adam's bias correction). */
void tw_optimizer_step(const OptimizerConfig *opt, float *params, const float *grads,
                       float *m, float *v, size_t n, uint64_t t);

/* ===== random numbers (explicit state, xorshift64*) ===== */
uint64_t tw_rng_next(uint64_t *state);
float tw_rng_uniform(uint64_t *state);   /* [0,1) */
uint64_t tw_rng_seed(uint64_t seed);     /* a non-zero state from any seed */

#endif
