/*
 * model.h: the one Model struct and what is done to it in pure C: sizes, initialisation,
 * training passes and updates, vocabulary. Its arrays are the caller's (Lua Buffers).
 */
#ifndef TW_MODEL_H
#define TW_MODEL_H

#include <stddef.h>
#include <stdint.h>

#include "cell.h"
#include "lexicon.h"
#include "ngram.h"
#include "optim.h"
#include "text.h"

/* The most a model counts: training steps, optimizer updates, batches taken, and the step of
 * a history entry: 2^40, some 35 years of training at a thousand steps a second. The loader
 * refuses a file past it, and training refuses to count past it: a larger count (2^52 and
 * up) is a number a double cannot step through one at a time. */
#define TW_MAX_STEPS ((uint64_t)1 << 40)
/* The most entries a loss history holds. */
#define TW_MAX_HISTORY ((size_t)1 << 24)

typedef struct {
  uint64_t step;
  float train, valid;   /* nats per character; valid is NaN when not measured */
} HistoryEntry;

/* The training bookkeeping: where a resumed run carries on, and the loss history. */
typedef struct {
  uint64_t steps;              /* updates made */
  uint64_t cursor;             /* batches taken from the training data */
  size_t batch, seq;           /* the batch shape the cursor counts in; 0 when unknown */
  HistoryEntry *history;       /* (history_cap) */
  size_t nhistory, history_cap;
} TrainingRecord;

typedef struct {
  const Cell *cell;
  ModelConfig cfg;
  ModelLayout lay;
  float dropout;
  size_t frozen_layers;        /* the embedding and this many lowest layers are not updated */
  uint64_t seed;
  uint64_t rng;                /* dropout masks, new vocabulary rows, generation seeds */
  OptimizerConfig opt;
  uint64_t opt_steps;          /* updates the optimizer moments have seen */
  float *params;               /* (lay.total) */
  float *grads, *m, *v;        /* (lay.total) each, NULL until training needs them */
  int pending;                 /* training gradients in the slab await their update */
  size_t pending_divisor;      /* what they were divided by; 0: nothing was scored */
  uint32_t *chars;             /* (V) code point of each token; 0 for EOS and UNK */
  uint32_t *keys;              /* (V-2) sorted code points */
  int32_t *key_tokens;         /* (V-2) their tokens */
  float *carry;                /* (S*L,carry_B,H) state carried between training batches,
                                  NULL before training */
  size_t carry_B;
  TrainingRecord record;
  uint32_t *seen;              /* (nseen) the copy guard: hashes of the training posts'
                                  windows, ascending (remember.h); NULL when none */
  size_t nseen;
  int32_t *ngram_tokens;       /* (nngram) the phrasing cache's stream of the training posts'
                                  tokens (ngram.h); NULL when none */
  size_t nngram;
  int ngram_order;
  float ngram_weight;          /* its share of the next-token distribution in generation */
  TwNgram ngram;               /* counted from the stream when first used; contexts NULL before */
  TwLexicon lexicon;           /* the stream's words, gathered when first used; slots NULL before */
} Model;

typedef enum { PASS_TRAIN, PASS_EVAL, PASS_GRADIENTS } PassKind;

/* Sizes within the limits (a message in err otherwise): E, H, L, V, and at most 2^28
 * parameters, computed so that absurd sizes cannot overflow before they are refused. */
int tw_model_config_ok(const Cell *cell, const ModelConfig *cfg, char *err, size_t errlen);
void tw_model_layout(const Cell *cell, const ModelConfig *cfg, ModelLayout *lay);
/* Scalars of a new model: cell, sizes, layout, dropout, seed (and the RNG from it), the
 * default optimizer. Arrays NULL. */
void tw_model_setup(Model *m, const Cell *cell, const ModelConfig *cfg, float dropout,
                    uint64_t seed);
/* Random weights: each layer's by the cell, then the token rows. */
void tw_model_init(Model *m);
/* Embedding rows N(0,1), output rows U(-1/sqrt(H), 1/sqrt(H)), output bias 0, for tokens
 * first .. first+count-1 of a slab laid out as lay. */
void tw_model_init_token_rows(const ModelConfig *cfg, const ModelLayout *lay, float *params,
                              size_t first, size_t count, uint64_t *rng);
/* Copies a slab of m's layout into the layout `to` of a larger vocabulary: the layer blocks
 * keep their offsets, the token-indexed blocks their rows; new rows are left as they are. */
void tw_model_regrow(const Model *m, const ModelLayout *to, const float *src, float *dst);
/* Floats training takes at B streams of B·T `tokens` a step, in double so that nothing
 * overflows: the weights, gradients and moments, the larger of the float32 workspace and the
 * bf16 one with the kernels' bf16 copy of the weights, and the carried states. */
double tw_training_floats(const Cell *cell, const ModelConfig *cfg, const ModelLayout *lay,
                          size_t B, double tokens, int masked);
/* Floats of the recurrent state of B streams: (S*L,B,H). */
size_t tw_model_state_floats(const Model *m, size_t B);
/* Copies streams first .. first+B-1 of a state of from_B streams into dst (B streams). */
void tw_model_state_streams(const Model *m, float *dst, const float *src, size_t B,
                            size_t first, size_t from_B);

/* Sorts the vocabulary (chars[2..V-1]) into keys/key_tokens; 0 when it lists a character
 * twice. */
int tw_model_index_vocab(Model *m);
/* The code point to token map of the vocabulary. */
VocabIndex tw_model_vocab_index(const Model *m);
/* The token of a code point (TW_TOKEN_UNK when the vocabulary lacks it). */
int32_t tw_model_token(const Model *m, uint32_t cp);
/* The named parameter block ('embedding', 'output', 'output_bias', or a cell block and a
 * layer number: 'w1', 'b2'): its offset, and its length in *len; SIZE_MAX when unknown. */
size_t tw_model_block(const Model *m, const char *name, size_t *len);
int tw_all_finite(const float *x, size_t n);

/* Forward over a pass (the caller fills B, T, masked, bf16, work, kernels, inputs, targets,
 * state), then, unless it evaluates, the gradients of the summed loss / divisor (0: the
 * scored characters) into m->grads, which must exist. Returns the summed loss; pass->count
 * is the number of scored characters. */
double tw_model_pass(Model *m, PassKind kind, CellPass *pass, size_t divisor);
/* The update from the gradients in the slab (clipped to the global norm), counted as a
 * step; a wrapping batch records where the data stands (cursor, batch shape). */
void tw_model_update(Model *m, int wrap, uint64_t cursor, size_t batch, size_t seq);

/* A probe: the training pass over one post from a reset state, over tw_probe_steps(T) steps
 * (a few shapes for every length). `tokens`: T+1 tokens (EOS, the characters, EOS); scratch:
 * tw_probe_bytes(m, T) bytes; the caller fills the pass's work, masked and kernels. Returns
 * the softmax, T rows of V. */
size_t tw_probe_steps(size_t T);
size_t tw_probe_bytes(const Model *m, size_t T);
const float *tw_model_probe(Model *m, CellPass *pass, const int32_t *tokens, size_t T,
                            void *scratch);

/* The history capacity to allocate for `need` entries (0 when the current one holds them). */
size_t tw_history_capacity(const TrainingRecord *r, size_t need);
/* Appends an entry; the capacity must hold it. */
void tw_history_add(TrainingRecord *r, uint64_t step, float train, float valid);

#endif
