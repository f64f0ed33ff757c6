/*
 * cell.h: the recurrent cells (cell_<name>.c, listed in cell.c) and what they share: sizes,
 * the parameter slab's layout, one training pass, the layers around the recurrence. Pure C.
 * Letters: B streams, T steps, V vocabulary, E embedding, H hidden, L layers, S state
 * vectors per layer, In = E for layer 0 and H above it.
 */
#ifndef TW_CELL_H
#define TW_CELL_H

#include <stddef.h>
#include <stdint.h>

#include "kernels.h"

#if !defined(TW_MAX_LAYERS)
#define TW_MAX_LAYERS 8
#endif
#define TW_MAX_CELL_BLOCKS 4

#define TW_TOKEN_EOS 0       /* end of post; as an input it also starts a post */
#define TW_TOKEN_UNK 1       /* a character the vocabulary lacks */
#define TW_IGNORE (-1)       /* a target that is not scored (padding) */

typedef struct {
  size_t V, E, H, L;
} ModelConfig;

/* Offsets (in floats) of the parameter blocks in the slab, which gradients and optimizer
 * moments share: each layer's cell blocks in the cell's order, then the token-indexed blocks
 * every cell shares, last so that growing the vocabulary appends rows. */
typedef struct {
  size_t layer[TW_MAX_LAYERS][TW_MAX_CELL_BLOCKS];   /* the cell's blocks of each layer */
  size_t emb;                /* (V,E) */
  size_t wy;                 /* (V,H) output layer, one row per token */
  size_t by;                 /* (V) */
  size_t total;
} ModelLayout;

/* One training pass (forward, then optionally backward) over a (T,B) batch. The caller
 * fills the inputs; forward fills the outputs and leaves in `work` what backward needs. */
typedef struct {
  size_t B, T;
  int masked;                  /* the workspace has room for dropout masks */
  int bf16;                    /* bf16 products run: what only they read is kept in bf16 */
  float *work;                 /* work_floats(cfg, B, T, masked, bf16) floats, the caller's */
  TwKernels *kernels;          /* the products' router (NULL: OpenBLAS float32) */
  const int32_t *inputs;       /* (T,B) */
  const int32_t *targets;      /* (T,B), TW_IGNORE where nothing is scored */
  float *state;                /* (S*L,B,H) carried in, and the last step's state out */
  float dropout;               /* on each layer's output; 0 when masked is 0 */
  uint64_t *rng;               /* dropout masks */
  const uint16_t *params16;    /* the bf16 copy of the parameters the products read, or NULL */
  /* outputs of forward */
  const float *probs;          /* (T,B,V) softmax of the logits */
  size_t count;                /* targets scored */
} CellPass;

/* A named block of each layer ('w' is w1 .. wL in model:param): `rows` rows of gates*H
 * columns, the rows being the layer's fused [x h] input (K) or one (a bias). */
typedef enum { TW_ROWS_XH, TW_ROWS_ONE } CellRows;

typedef struct {
  const char *name;
  CellRows rows;
  size_t gates;
} CellBlock;

/* A member's part of layer l of a single-stream step on a team of threads: the new h of
 * hidden units j0 .. j0+n-1 (into h) from the layer's input x (In) and h_prev (hp; NULL
 * after a reset: zero, its recurrent rows skipped). `own` is the cell's part of the scratch.
 * Each value is computed the same way whatever the slice. */
typedef void (*TwTeamLayer)(const ModelConfig *cfg, const ModelLayout *lay,
                            const float *params, const uint16_t *params16, size_t l,
                            const float *x, size_t In, const float *hp, float *h, size_t j0,
                            size_t n, float *own);

/* A recurrent cell: one file (cell_<name>.c) defines one, and tw_cells (cell.c) lists it. */
typedef struct {
  const char *name;            /* in the model file (CELL) and model:info().cell */
  size_t state_vectors;        /* S: (B,H) vectors per layer carried between batches */
  size_t nblocks;
  CellBlock blocks[TW_MAX_CELL_BLOCKS];
  /* random initial weights of layer l's blocks, drawn from rng */
  void (*init_layer)(const ModelConfig *cfg, const ModelLayout *lay, size_t l, float *params,
                     uint64_t *rng);
  /* floats of the training workspace for one (B,T) shape; bf16 as the pass's */
  size_t (*work_floats)(const ModelConfig *cfg, size_t B, size_t T, int masked, int bf16);
  /* forward over the pass: resets a stream's state wherever its input is EOS, reads and then
   * updates pass->state; returns the summed loss (nats) and fills the pass's outputs */
  double (*forward)(const ModelConfig *cfg, const ModelLayout *lay, const float *params,
                    CellPass *pass);
  /* backward for the forward just run: the gradients of the summed loss divided by
   * `divisor`, written (not accumulated) into grads */
  void (*backward)(const ModelConfig *cfg, const ModelLayout *lay, const float *params,
                   float *grads, CellPass *pass, size_t divisor);
  /* sampling: floats of the scratch for N streams, which holds their state (zeroed by the
   * caller once; a stream whose token is EOS starts afresh) */
  size_t (*step_floats)(const ModelConfig *cfg, size_t N);
  /* one step of N streams: embeds `tokens`, runs every layer, writes logits (N,V); the
   * products go through k (may be NULL) with params16 (a bf16 copy, or NULL) */
  void (*step)(const ModelConfig *cfg, const ModelLayout *lay, const float *params,
               TwKernels *k, const uint16_t *params16, size_t N, const int32_t *tokens,
               float *scratch, float *logits);
  /* single-stream sampling on a team (tw_team_step), where the build has the bf16 row
   * kernels and the cell a layer for it (else both NULL): the floats of the cell's own part
   * of the scratch (its state, its gate columns), and its layer */
  size_t (*team_floats)(const ModelConfig *cfg);
  TwTeamLayer team_layer;
} Cell;

/* Every cell, NULL-terminated; the first is the default (cell.c). */
extern const Cell *const tw_cells[];

/* ===== what every cell shares around its recurrence (shared_layers.c) ===== */

/* x (N,E), rows ldx apart: the embedding of each token. */
void tw_embed(const ModelConfig *cfg, const ModelLayout *lay, const float *params,
              const int32_t *tokens, size_t N, float *x, size_t ldx);
/* The same in bf16. */
void tw_embed16(const ModelConfig *cfg, const ModelLayout *lay, const float *params,
                const int32_t *tokens, size_t N, uint16_t *x16, size_t ldx);
/* The embedding's gradient: the rows of dx (N,E) summed by token. */
void tw_embed_backward(const ModelConfig *cfg, const ModelLayout *lay, float *grads,
                       const int32_t *tokens, size_t N, const float *dx);
/* sums (G) = the column sums of x (N,G), over the products' threads where that is faster
 * (tw_parallel_rows): a bias's gradient from its gates' gradients. */
void tw_column_sums(TwKernels *k, float *sums, const float *x, size_t N, size_t G);
/* The bf16 copy of a parameter block, when params16 (a copy of the slab) is not NULL. */
const uint16_t *tw_bf16_block(const uint16_t *params16, const float *params,
                              const float *block);
/* A layer's output row out (H) from its h: with dropout > 0, a new mask (H, 0 or 1/(1-p),
 * drawn from rng) applied; else a copy. */
void tw_layer_output(float *out, const float *h, float *mask, size_t H, float dropout,
                     uint64_t *rng);
/* logits (N,V) = h (N,H; rows ldh apart) Wy^T + by; params16 (a bf16 copy) may be NULL.
 * h16, when not NULL, holds h in bf16 only (h is then NULL). */
void tw_readout(const ModelConfig *cfg, const ModelLayout *lay, const float *params,
                TwKernels *k, const uint16_t *params16, const float *h, const uint16_t *h16,
                size_t ldh, size_t N, float *logits);
/* Floats of the scratch of cell's team step (the cell has a team_layer): h of every layer
 * twice (L,2,H), then the cell's own part. The caller zeroes it once; an EOS token starts
 * afresh. */
size_t tw_team_floats(const Cell *cell, const ModelConfig *cfg);
#if defined(TW_HAVE_ROWS_BF16)
/* Member `member`'s part of step t (0, 1, 2, ... from the run's start) with input `token`:
 * each layer's slice of units (cell->team_layer), then a meeting; then the member's rows of
 * the logits (h in float32, Wy in bf16), and a last meeting, after which logits (V) are
 * whole. The logits do not depend on the number of members. */
void tw_team_step(const Cell *cell, const ModelConfig *cfg, const ModelLayout *lay,
                  const float *params, const uint16_t *params16, int32_t token, size_t t,
                  float *scratch, float *logits, TwTeam *team, int member, int members);
#endif
/* Softmax of each row of probs (N,V) in place; returns the summed cross-entropy of the
 * scored targets, and their number in *count. */
double tw_readout_loss(size_t V, float *probs, const int32_t *targets, size_t N,
                       size_t *count);
/* The readout's backward for a loss divided by `divisor`: probs become dlogits, dWy and dby
 * are written, and dy (N,H) gets the gradient on h (dy may be h's memory). h holds floats,
 * or only bf16 values where bf16 products run and the caller kept it so (h16). Neither
 * probs nor h holds floats afterwards (bf16 products convert them in place). */
void tw_readout_backward(const ModelConfig *cfg, const ModelLayout *lay, const float *params,
                         const uint16_t *params16, float *grads, TwKernels *k, float *probs,
                         float *h, int h16, const int32_t *targets, size_t N, size_t divisor,
                         float *dy);

/* The cell called name (len bytes), or NULL. */
const Cell *tw_cell_named(const char *name, size_t len);
/* In = E for layer 0, H above. */
size_t tw_layer_input(const ModelConfig *cfg, size_t l);
/* Floats of a block of layer l. */
size_t tw_block_floats(const ModelConfig *cfg, const CellBlock *b, size_t l);

#endif
