/*
 * sample.h: drawing the next token from logits with temperature, top-k and top-p (nucleus,
 * Holtzman et al. 2020). Pure C; randomness is explicit state.
 */
#ifndef TW_SAMPLE_H
#define TW_SAMPLE_H

#include <stddef.h>
#include <stdint.h>

typedef struct {
  float temperature;   /* 0 means greedy */
  size_t top_k;        /* 0 means no limit */
  float top_p;         /* 1 means no limit */
  float min_p;         /* tokens below min_p x the likeliest's probability are dropped; 0: none */
} SampleOptions;

/* Draws a token from `logits` (V), which it overwrites. The unknown token is never drawn;
 * the end-of-post token is not drawn when ban_eos is set, and is never truncated away
 * otherwise (cutting it would make posts run longer than the model's). `order` is scratch
 * of V ints. */
int32_t tw_sample_token(float *logits, size_t V, const SampleOptions *opt, int ban_eos,
                        uint64_t *rng, int32_t *order);

/* softmax(x) in place (n >= 1), numerically stable: the training pass's and the probes' one;
 * returns log(sum exp(x)), so that -log softmax(x)[t] is the return value less x[t]. */
double tw_softmax(float *x, size_t n);

#endif
