/*
 * generate.h: drawing posts from a model, N streams at once, and the sampling step's
 * probabilities for a probe. Pure C; the caller owns the scratch and reads the posts there.
 */
#ifndef TW_GENERATE_H
#define TW_GENERATE_H

#include <stddef.h>
#include <stdint.h>

#include "model.h"
#include "sample.h"

typedef struct {
  size_t n;                    /* posts, drawn side by side */
  size_t max_length;           /* characters of a post at most, prime included */
  size_t min_length;           /* no end-of-post before this many characters */
  SampleOptions sample;
  float word_min_p;            /* sample.min_p inside a word (after a letter), when larger */
  float ngram_weight;          /* the phrasing cache's share (m->ngram counted), or 0 */
  const TwLexicon *lexicon;    /* words are drawn from it alone; NULL: any */
  uint64_t rng;
} GenerateOptions;

/* Views into one scratch block (tw_generate_bytes, zeroed). */
typedef struct {
  size_t *lens;                /* (n) characters of each post */
  uint32_t *posts;             /* (n,max_length) code points; post k at k*max_length */
  uint32_t *prime;             /* (prime bytes + 1) the prime's code points */
  int32_t *prime_tokens;       /* (prime bytes + 1) */
  size_t nprime;
  float *state;                /* the cell's sampling scratch for n streams */
  float *logits;               /* (n,V) */
  float *mix;                  /* (V) the phrasing cache's distribution */
  int32_t *tokens;             /* (n) the last token of each stream */
  int32_t *order;              /* (V) sampling scratch */
  int32_t *banned;             /* (V) control-character tokens */
  unsigned char *done;         /* (n) */
} Generation;

enum { TW_PRIME_OK = 0, TW_PRIME_CONTROL, TW_PRIME_INVALID };

/* C0 controls, DEL and C1 controls: never drawn, and refused in a prime. */
int tw_is_control(uint32_t cp);
size_t tw_generate_bytes(const Model *m, size_t n, size_t max_length, size_t prime_bytes);
void tw_generate_point(Generation *g, const Model *m, size_t n, size_t max_length,
                       size_t prime_bytes, void *scratch);
/* Decodes the prime into g. TW_PRIME_CONTROL (with the character in *control) at the first
 * control character, TW_PRIME_INVALID when it is not valid UTF-8, else TW_PRIME_OK. */
int tw_generate_prime(Generation *g, const Model *m, const char *prime, size_t len,
                      uint32_t *control);
/* Draws o->n posts from a reset state, each starting with the prime (which must leave room
 * under max_length). The posts do not depend on how many threads the steps run on. */
void tw_generate(Generation *g, const Model *m, TwKernels *k, const GenerateOptions *o);

/* Scoring: the nats the sampling step's distribution (temperature 1, no phrasing cache) gives
 * each of n posts, its characters and its end, from a reset state, `streams` posts side by
 * side. Post i is tokens[starts[i] .. starts[i + 1]); posts of like lengths side by side
 * waste the fewest steps. scratch is tw_score_bytes(m, streams) bytes, zeroed. */
size_t tw_score_bytes(const Model *m, size_t streams);
void tw_score(const Model *m, TwKernels *k, const int32_t *tokens, const size_t *starts, size_t n,
              size_t streams, void *scratch, double *nats);

/* The sampling step's next-token distribution after each of T tokens, from a reset state
 * (tokens[0] is the end-of-post token), by the step tw_generate runs for one stream: out gets
 * T rows of V. scratch is tw_step_probabilities_floats(m) floats, zeroed. */
size_t tw_step_probabilities_floats(const Model *m);
void tw_step_probabilities(const Model *m, TwKernels *k, const int32_t *tokens, size_t T,
                           float *scratch, float *out);

#endif
