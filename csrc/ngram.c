/*
 * ngram.c: the phrasing cache (ngram.h). Contexts are hashed to 64 bits, each order's hash
 * extending the shorter one's, so a lookup of every order of a context costs one pass over
 * it; two contexts share a hash with probability about 2^-64 per pair.
 */
#include <math.h>
#include <stdlib.h>

#include "cell.h"
#include "ngram.h"

static uint64_t extend(uint64_t h, int32_t token) {
  h ^= (uint64_t)(uint32_t)token + 0x9E3779B97F4A7C15u;
  h *= 0xBF58476D1CE4E5B9u;
  return h ^ (h >> 31);
}

static uint64_t context_key(uint64_t h, int k) {
  uint64_t key = (h ^ ((uint64_t)k * 0x94D049BB133111EBu)) * 0xD6E8FEB86659FD93u;
  key ^= key >> 32;
  return key ? key : 1;
}

/* The keys of the contexts of lengths 0 .. order before position `at` of `toks` (from 0),
 * scanning back: past the first end-of-post or the start, every token is end-of-post. */
static void context_keys(const int32_t *toks, size_t at, int order, uint64_t *keys) {
  uint64_t h = 0;
  int k, ended = 0;
  keys[0] = context_key(h, 0);
  for (k = 1; k <= order; k++) {
    int32_t t = TW_TOKEN_EOS;
    if (!ended && (size_t)k <= at) t = toks[at - (size_t)k];
    if (t == TW_TOKEN_EOS) ended = 1;
    h = extend(h, t);
    keys[k] = context_key(h, k);
  }
}

size_t tw_ngram_pair_count(size_t n, int order) {
  return n > 1 ? (n - 1) * (size_t)(order + 1) : 0;
}

static int pair_cmp(const void *a, const void *b) {
  const TwNgramPair *x = (const TwNgramPair *)a, *y = (const TwNgramPair *)b;
  if (x->key != y->key) return x->key < y->key ? -1 : 1;
  return (x->token > y->token) - (x->token < y->token);
}

void tw_ngram_count(const int32_t *tokens, size_t n, int order, TwNgramPair *pairs,
                    size_t *ncontexts, size_t *nnext) {
  uint64_t keys[TW_NGRAM_MAX_ORDER + 1];
  size_t i, p = 0, np = tw_ngram_pair_count(n, order);
  int k;
  for (i = 1; i < n; i++) {
    context_keys(tokens, i, order, keys);
    for (k = 0; k <= order; k++) {
      pairs[p].key = keys[k];
      pairs[p++].token = tokens[i];
    }
  }
  qsort(pairs, np, sizeof *pairs, pair_cmp);
  *ncontexts = *nnext = 0;
  for (i = 0; i < np; i++) {
    if (i == 0 || pairs[i].key != pairs[i - 1].key) ++*ncontexts;
    if (i == 0 || pair_cmp(pairs + i, pairs + i - 1)) ++*nnext;
  }
}

size_t tw_ngram_table_cap(size_t ncontexts) {
  size_t cap = 16;
  while (cap < 2 * ncontexts) cap <<= 1;
  return cap;
}

static TwNgramContext *slot(const TwNgram *ng, uint64_t key) {
  size_t mask = ng->cap - 1, i = (size_t)(key ^ (key >> 29)) & mask;
  while (ng->contexts[i].key && ng->contexts[i].key != key) i = (i + 1) & mask;
  return ng->contexts + i;
}

void tw_ngram_fill(TwNgram *ng, const TwNgramPair *pairs, size_t npairs) {
  size_t i = 0, nnext = 0;
  while (i < npairs) {
    TwNgramContext *c = slot(ng, pairs[i].key);
    c->key = pairs[i].key;
    c->first = (uint32_t)nnext;
    c->total = c->types = 0;
    while (i < npairs && pairs[i].key == c->key) {
      size_t j = i;
      while (j < npairs && pairs[j].key == c->key && pairs[j].token == pairs[i].token) j++;
      ng->next[nnext].token = pairs[i].token;
      ng->next[nnext++].count = (uint32_t)(j - i);
      c->total += (uint32_t)(j - i);
      c->types++;
      i = j;
    }
  }
}

static const TwNgramContext *find(const TwNgram *ng, uint64_t key) {
  const TwNgramContext *c = slot(ng, key);
  return c->key ? c : NULL;
}

void tw_ngram_distribution(const TwNgram *ng, size_t V, const int32_t *ctx, size_t nctx,
                           float *out) {
  uint64_t keys[TW_NGRAM_MAX_ORDER + 1];
  size_t v;
  uint32_t j;
  int k;
  context_keys(ctx, nctx, ng->order, keys);
  for (v = 0; v < V; v++) out[v] = 1.0f / (float)V;
  for (k = 0; k <= ng->order; k++) {
    const TwNgramContext *c = find(ng, keys[k]);
    float lam, keep;
    /* a longer context is only ever seen where this one was */
    if (!c) break;
    lam = (float)c->total / (float)(c->total + c->types);
    keep = 1 - lam;
    for (v = 0; v < V; v++) out[v] *= keep;
    for (j = 0; j < c->types; j++) {
      const TwNgramNext *s = ng->next + c->first + j;
      if ((size_t)s->token < V) out[s->token] += lam * (float)s->count / (float)c->total;
    }
  }
}

void tw_ngram_mix(size_t V, float w, const float *q, const float *cache, float *out) {
  double mx = -HUGE_VAL, z = 0, eos = q[TW_TOKEN_EOS];
  size_t v;
  /* in logs, from the largest, so that no product underflows before it is normalised */
  for (v = 1; v < V; v++) {
    double l = q[v] > 0 ? (1 - w) * log(q[v]) + w * log(cache[v]) : -HUGE_VAL;
    out[v] = (float)l;
    mx = l > mx ? l : mx;
  }
  for (v = 1; v < V; v++) z += exp(out[v] - mx);
  for (v = 1; v < V; v++) out[v] = (float)(exp(out[v] - mx) / z * (1 - eos));
  out[TW_TOKEN_EOS] = (float)eos;
}
