/*
 * ngram.h: the phrasing cache, an interpolated Witten-Bell n-gram over a model's tokens,
 * counted from the person's training posts and mixed into the model's next-token
 * distribution. Pure C, no Lua; the arrays belong to the caller.
 */
#ifndef TW_NGRAM_H
#define TW_NGRAM_H

#include <stddef.h>
#include <stdint.h>

/* The longest context, in tokens, and the most tokens a cache counts (the file records them). */
#define TW_NGRAM_MAX_ORDER 8
#define TW_NGRAM_MAX_TOKENS ((size_t)1 << 22)

/* A context seen in the posts: its successors are next[first .. first + types), by token. */
typedef struct {
  uint64_t key;                /* the context's hash, its length folded in; 0: an empty slot */
  uint32_t total, types, first;
} TwNgramContext;

typedef struct {
  int32_t token;
  uint32_t count;
} TwNgramNext;

typedef struct {
  int order;                   /* context length */
  TwNgramContext *contexts;    /* (cap) open addressing, cap a power of two */
  size_t cap;
  TwNgramNext *next;           /* (nnext) */
} TwNgram;

/* One counted (context, token) pair: the build's scratch. */
typedef struct {
  uint64_t key;
  int32_t token;
} TwNgramPair;

/* The pairs a stream of n tokens yields (the stream starts with end-of-post, and each post
 * ends with one): order + 1 per predicted token. */
size_t tw_ngram_pair_count(size_t n, int order);
/* Fills pairs with the stream's pairs, sorts them, and counts the distinct contexts and
 * (context, token) pairs, for the caller to size the tables: contexts of
 * tw_ngram_table_cap(*ncontexts) slots (zeroed) and next of *nnext. */
void tw_ngram_count(const int32_t *tokens, size_t n, int order, TwNgramPair *pairs,
                    size_t *ncontexts, size_t *nnext);
size_t tw_ngram_table_cap(size_t ncontexts);
/* Fills the tables from the sorted pairs of tw_ngram_count. */
void tw_ngram_fill(TwNgram *ng, const TwNgramPair *pairs, size_t npairs);

/* The next-token distribution over V tokens after a context of nctx tokens, the latest last
 * (what lies before the context counts as end-of-post: a post starts after one). */
void tw_ngram_distribution(const TwNgram *ng, size_t V, const int32_t *ctx, size_t nctx,
                           float *out);
/* Mixes the cache's distribution (of tw_ngram_distribution) into a model's next-token
 * distribution q (V): out (which may be cache) gets q^(1-w) cache^w, renormalised over the
 * tokens other than end-of-post, which keeps q's probability (post lengths stay the model's:
 * a product of two distributions is sharper than either, and an end it sharpened away would
 * make posts run long). */
void tw_ngram_mix(size_t V, float w, const float *q, const float *cache, float *out);

#endif
