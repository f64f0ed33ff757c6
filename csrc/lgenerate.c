/*
 * lgenerate.c: the methods of tweeter.Model that run the model forward for a caller:
 * generation (generate.c) and the probes the specs and the evaluation use (the training
 * pass's or the sampling step's distribution over one post).
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "generate.h"
#include "lmodel.h"

#define MAX_GENERATE 10000
#define MAX_LENGTH 100000
#define MAX_PRIME 1000
#define MAX_PROBE 4096
/* model:score: posts at most, and side by side */
#define MAX_SCORE ((lua_Integer)1 << 20)
#define SCORE_STREAMS 64

/* ===== generation and probes ===== */

/* model:generate{ n=1, temperature=1, top_k=0, top_p=1, min_p=0, word_min_p=0, prime='',
 * max_length=280, min_length=1, seed=nil, ngram=the model's weight, lexicon=false } -> posts
 * (generate.c) */
static int model_generate(lua_State *L) {
  static const char *const known[] = {"n", "temperature", "top_k", "top_p", "min_p",
                                      "word_min_p", "prime", "max_length", "min_length",
                                      "seed", "ngram", "lexicon", NULL};
  Model *m = &tw_check_model(L, 1)->core;
  GenerateOptions o;
  Generation g;
  size_t plen = 0, n;
  const char *prime;
  uint32_t control = 0;
  int status;
  if (!lua_isnoneornil(L, 2)) luaL_checktype(L, 2, LUA_TTABLE);
  lua_settop(L, 2);
  if (lua_isnil(L, 2)) {
    lua_newtable(L);
    lua_replace(L, 2);
  }
  tw_check_keys(L, 2, "generate", known);
  o.n = (size_t)tw_opt_integer(L, 2, "generate", "n", 1, 1, MAX_GENERATE);
  o.sample.temperature = (float)tw_opt_number(L, 2, "generate", "temperature", 1, 0, 100);
  o.sample.top_k = (size_t)tw_opt_integer(L, 2, "generate", "top_k", 0, 0,
                                          (lua_Integer)m->cfg.V);
  o.sample.top_p = (float)tw_opt_number(L, 2, "generate", "top_p", 1.0, 1e-6, 1.0);
  o.sample.min_p = (float)tw_opt_number(L, 2, "generate", "min_p", 0.0, 0.0, 1.0);
  o.word_min_p = (float)tw_opt_number(L, 2, "generate", "word_min_p", 0.0, 0.0, 1.0);
  o.ngram_weight = (float)tw_opt_number(L, 2, "generate", "ngram", m->ngram_weight, 0.0, 1.0);
  if (o.ngram_weight > 0 && !tw_model_ngram_ready(L, 1, m))
    return luaL_error(L, "bad argument #1 to 'generate' (ngram: the model has no phrasing "
                         "cache)");
  o.lexicon = NULL;
  if (tw_opt_boolean(L, 2, "generate", "lexicon", 0) && !(o.lexicon = tw_model_lexicon_ready(L, 1, m)))
    return luaL_error(L, "bad argument #1 to 'generate' (lexicon: the model has no phrasing "
                         "cache, whose posts give the words)");
  o.max_length = (size_t)tw_opt_integer(L, 2, "generate", "max_length", 280, 1, MAX_LENGTH);
  o.min_length = (size_t)tw_opt_integer(L, 2, "generate", "min_length", 1, 1,
                                        (lua_Integer)o.max_length);
  prime = tw_opt_string(L, 2, "generate", "prime", &plen);
  if (o.n * o.max_length > ((size_t)1 << 26))
    return luaL_error(L, "bad argument #1 to 'generate' (n x max_length is too large: at "
                         "most %d characters in one call)", 1 << 26);
  lua_getfield(L, 2, "seed");
  if (lua_isnil(L, -1)) {
    o.rng = tw_rng_seed(tw_rng_next(&m->rng));
  } else {
    int isnum;
    lua_Integer s = lua_tointegerx(L, -1, &isnum);
    if (!isnum)
      return luaL_error(L, "bad argument #1 to 'generate' (seed must be an integer, got %s)",
                        luaL_typename(L, -1));
    o.rng = tw_rng_seed((uint64_t)s);
  }
  lua_pop(L, 1);
  if (!prime) plen = 0;
  if (plen > 4 * MAX_PRIME)
    return luaL_error(L, "bad argument #1 to 'generate' (prime is longer than %d characters)",
                      MAX_PRIME);
  tw_generate_point(&g, m, o.n, o.max_length, plen,
                    tw_new_bytes(L, tw_generate_bytes(m, o.n, o.max_length, plen)));
  status = tw_generate_prime(&g, m, prime, plen, &control);
  if (status == TW_PRIME_CONTROL) {
    char name[16];
    snprintf(name, sizeof name, "U+%04X", (unsigned)control);
    return luaL_error(L, "bad argument #1 to 'generate' (prime holds control character %s)",
                      name);
  }
  if (status == TW_PRIME_INVALID)
    return luaL_error(L, "bad argument #1 to 'generate' (prime is not valid UTF-8)");
  if (g.nprime > MAX_PRIME)
    return luaL_error(L, "bad argument #1 to 'generate' (prime is longer than %d characters)",
                      MAX_PRIME);
  if (g.nprime >= o.max_length)
    return luaL_error(L, "bad argument #1 to 'generate' (prime has %I characters, which "
                         "leaves no room under max_length %I)", (lua_Integer)g.nprime,
                      (lua_Integer)o.max_length);
  tw_generate(&g, m, tw_kernels_of(L), &o);
  lua_createtable(L, (int)o.n, 0);
  for (n = 0; n < o.n; n++) {
    tw_push_chars(L, g.posts + n * o.max_length, g.lens[n]);
    lua_rawseti(L, -2, (lua_Integer)(n + 1));
  }
  return 1;
}

/* The tokens of one post for a probe, from a reset state: EOS, its characters, EOS (the
 * inputs are tokens[0..T-1], the targets tokens[1..T]). Pushes the token array. */
static int32_t *probe_tokens(lua_State *L, const Model *m, int arg, size_t *T) {
  size_t len, invalid = 0, n = 1;
  const char *text = luaL_checklstring(L, arg, &len);
  int32_t *tokens;
  if (len > 4 * MAX_PROBE) luaL_argerror(L, arg, "longer than 4096 characters");
  tokens = (int32_t *)tw_new_bytes(L, (len + 2) * sizeof(int32_t));
  tokens[0] = TW_TOKEN_EOS;
  n += tw_post_tokens(m, text, len, tokens + 1, &invalid);
  if (invalid) luaL_argerror(L, arg, "not valid UTF-8");
  if (n > MAX_PROBE) luaL_argerror(L, arg, "longer than 4096 characters");
  tokens[n] = TW_TOKEN_EOS;
  *T = n;
  return tokens;
}

/* The training pass's softmax over one post (tw_model_probe), T rows of V, which live in
 * the model's workspace until the next pass. */
static const float *probe_forward(lua_State *L, LuaModel *lm, const int32_t *tokens,
                                  size_t T) {
  CellPass pass;
  const float *probs;
  memset(&pass, 0, sizeof pass);
  pass.kernels = tw_kernels_of(L);
  tw_model_ensure_work(L, lm, 1, tw_probe_steps(T), 0, pass.kernels);
  pass.masked = lm->work_masked;
  pass.bf16 = lm->work_bf16;
  pass.work = lm->work;
  probs = tw_model_probe(&lm->core, &pass, tokens, T,
                         tw_new_bytes(L, tw_probe_bytes(&lm->core, T)));
  lua_pop(L, 1);
  return probs;
}

/* model:probabilities(post, 'forward'|'step') -> { {p_1..p_V}, ... }: the next-token
 * distribution after the end-of-post token and after each character of `post`, from a reset
 * state, computed by the training pass (the post's products batched over its steps) or by
 * the sampling step (one step at a time, on a team of threads where generation uses one);
 * the specs compare the two. */
static int model_probabilities(lua_State *L) {
  static const char *const paths[] = {"forward", "step", NULL};
  LuaModel *lm = tw_check_model(L, 1);
  const Model *m = &lm->core;
  size_t T, t, v, V = m->cfg.V;
  int use_step = luaL_checkoption(L, 3, NULL, paths);
  int32_t *tokens = probe_tokens(L, m, 2, &T);
  const float *probs;
  if (use_step) {
    size_t scratch = tw_step_probabilities_floats(m);
    float *mem = tw_new_buffer(L, scratch + T * V);
    tw_step_probabilities(m, tw_kernels_of(L), tokens, T, mem, mem + scratch);
    probs = mem + scratch;
  } else {
    probs = probe_forward(L, lm, tokens, T);
  }
  lua_createtable(L, (int)T, 0);
  for (t = 0; t < T; t++) {
    lua_createtable(L, (int)V, 0);
    for (v = 0; v < V; v++) {
      lua_pushnumber(L, probs[t * V + v]);
      lua_rawseti(L, -2, (lua_Integer)(v + 1));
    }
    lua_rawseti(L, -2, (lua_Integer)(t + 1));
  }
  return 1;
}

/* A probability's loss in nats (a probability that underflowed counts as 1e-30). */
static double nats_of(double p) {
  return -log(p > 1e-30 ? p : 1e-30);
}

/* The probability of tokens[t + 1] under the model's distribution q after tokens[0 .. t],
 * mixed with the phrasing cache at weight w when w > 0; cache: the cache's distribution there
 * (tw_ngram_distribution), mixed: V floats of scratch. */
static double target_probability(const Model *m, const int32_t *tokens, size_t t,
                                  const float *q, double w, const float *cache, float *mixed) {
  if (w <= 0) return q[tokens[t + 1]];
  tw_ngram_mix(m->cfg.V, (float)w, q, cache, mixed);
  return mixed[tokens[t + 1]];
}

/* Pushes the phrasing cache's scratch for a probe of the model at index 1: its distribution
 * and the mixture's, V floats each; raises when the model has none. */
static float *push_cache_scratch(lua_State *L, Model *m, int arg) {
  if (!tw_model_ngram_ready(L, 1, m)) luaL_argerror(L, arg, "the model has no phrasing cache");
  return tw_new_buffer(L, 2 * m->cfg.V);
}

/* model:losses(post[, ngram]) -> { nats, ... }: the loss of each prediction of `post` scored
 * from a reset state (each of its characters, then its end), by the training pass; with an
 * `ngram` weight above 0, of its distribution mixed with the phrasing cache as generation
 * mixes it. Lets a caller leave out spans (URLs) when it sums bits per character. */
static int model_losses(lua_State *L) {
  LuaModel *lm = tw_check_model(L, 1);
  Model *m = &lm->core;
  size_t T, t, V = m->cfg.V;
  double w = luaL_optnumber(L, 3, 0);
  float *cache = NULL;
  int32_t *tokens;
  const float *probs;
  luaL_argcheck(L, w >= 0 && w <= 1, 3, "the ngram weight must be between 0 and 1");
  lua_settop(L, 2);
  if (w > 0) cache = push_cache_scratch(L, m, 3);
  tokens = probe_tokens(L, m, 2, &T);
  probs = probe_forward(L, lm, tokens, T);
  lua_createtable(L, (int)T, 0);
  for (t = 0; t < T; t++) {
    if (cache) tw_ngram_distribution(&m->ngram, V, tokens, t + 1, cache);
    lua_pushnumber(L, nats_of(target_probability(m, tokens, t, probs + t * V, w, cache,
                                                 cache + V)));
    lua_rawseti(L, -2, (lua_Integer)(t + 1));
  }
  return 1;
}

/* model:ngram_losses(post) -> { nats, ... }: the phrasing cache's loss of each prediction of
 * `post`, aligned as model:losses aligns them. */
static int model_ngram_losses(lua_State *L) {
  Model *m = &tw_check_model(L, 1)->core;
  size_t T, t;
  float *cache;
  int32_t *tokens;
  lua_settop(L, 2);
  cache = push_cache_scratch(L, m, 1);
  tokens = probe_tokens(L, m, 2, &T);
  lua_createtable(L, (int)T, 0);
  for (t = 0; t < T; t++) {
    tw_ngram_distribution(&m->ngram, m->cfg.V, tokens, t + 1, cache);
    lua_pushnumber(L, nats_of(cache[tokens[t + 1]]));
    lua_rawseti(L, -2, (lua_Integer)(t + 1));
  }
  return 1;
}

/* model:mixture_nats(posts, weights) -> { nats, ... }, characters: the summed loss of every
 * prediction of the posts (each from a reset state, its end counted) under the model mixed
 * with its phrasing cache at each weight (0: the model alone), one forward pass a post. */
static int model_mixture_nats(lua_State *L) {
  LuaModel *lm = tw_check_model(L, 1);
  Model *m = &lm->core;
  size_t V = m->cfg.V, nw, k, t, chars = 0;
  lua_Integer i, n;
  double *nats, *weights;
  float *cache;
  luaL_checktype(L, 2, LUA_TTABLE);
  luaL_checktype(L, 3, LUA_TTABLE);
  lua_settop(L, 3);
  nw = (size_t)luaL_len(L, 3);
  luaL_argcheck(L, nw >= 1 && nw <= 64, 3, "give 1 to 64 weights");
  cache = push_cache_scratch(L, m, 1);                              /* 4 */
  nats = (double *)tw_new_bytes(L, 2 * nw * sizeof(double));       /* 5 */
  weights = nats + nw;
  for (k = 0; k < nw; k++) {
    lua_geti(L, 3, (lua_Integer)k + 1);
    weights[k] = lua_tonumber(L, -1);
    if (!lua_isnumber(L, -1) || !(weights[k] >= 0 && weights[k] <= 1))
      luaL_argerror(L, 3, "weights must be numbers between 0 and 1");
    lua_pop(L, 1);
    nats[k] = 0;
  }
  n = luaL_len(L, 2);
  for (i = 1; i <= n; i++) {
    size_t T;
    const int32_t *tokens;
    const float *probs;
    if (lua_geti(L, 2, i) != LUA_TSTRING)                           /* 6: the post */
      luaL_argerror(L, 2, "posts must be strings");
    tokens = probe_tokens(L, m, 6, &T);                             /* 7 */
    probs = probe_forward(L, lm, tokens, T);
    for (t = 0; t < T; t++) {
      /* the cache's distribution once, mixed at every weight */
      tw_ngram_distribution(&m->ngram, V, tokens, t + 1, cache);
      for (k = 0; k < nw; k++)
        nats[k] += nats_of(target_probability(m, tokens, t, probs + t * V, weights[k], cache,
                                              cache + V));
    }
    chars += T;
    lua_pop(L, 2);
  }
  lua_createtable(L, (int)nw, 0);
  for (k = 0; k < nw; k++) {
    lua_pushnumber(L, nats[k]);
    lua_rawseti(L, -2, (lua_Integer)k + 1);
  }
  lua_pushinteger(L, (lua_Integer)chars);
  return 2;
}

/* model:score(posts) -> { nats, ... }: the nats of each post (its characters and its end,
 * from a reset state) under the distribution generation draws from at temperature 1 without
 * the phrasing cache, SCORE_STREAMS posts side by side (tw_score). */
static int model_score(lua_State *L) {
  Model *m = &tw_check_model(L, 1)->core;
  lua_Integer n, i;
  size_t total = 0, len, invalid, *starts;
  const char *text;
  int32_t *tokens;
  double *nats;
  luaL_checktype(L, 2, LUA_TTABLE);
  n = luaL_len(L, 2);
  if (n < 0 || n > MAX_SCORE) return luaL_argerror(L, 2, "more than 1048576 posts");
  starts = (size_t *)tw_new_bytes(L, ((size_t)n + 1) * sizeof(size_t));   /* 3 */
  for (i = 1; i <= n; i++) {
    text = tw_check_post(L, 2, i, "score", &len);
    invalid = 0;
    total += tw_post_tokens(m, text, len, NULL, &invalid);
    if (invalid) return luaL_error(L, "bad argument #1 to 'score' (post %I is not valid UTF-8)", i);
    if (total - starts[i - 1] > MAX_PROBE)
      return luaL_error(L, "bad argument #1 to 'score' (post %I is longer than 4096 characters)", i);
    starts[i] = total;
    lua_pop(L, 1);
  }
  tokens = (int32_t *)tw_new_bytes(L, total * sizeof(int32_t));           /* 4 */
  for (i = 1; i <= n; i++) {
    text = tw_check_post(L, 2, i, "score", &len);
    tw_post_tokens(m, text, len, tokens + starts[i - 1], &invalid);
    lua_pop(L, 1);
  }
  nats = (double *)tw_new_bytes(L, (size_t)n * sizeof(double));           /* 5 */
  tw_score(m, tw_kernels_of(L), tokens, starts, (size_t)n, SCORE_STREAMS,
           tw_new_bytes(L, tw_score_bytes(m, SCORE_STREAMS)), nats);
  lua_createtable(L, (int)n, 0);
  for (i = 1; i <= n; i++) {
    lua_pushnumber(L, nats[i - 1]);
    lua_rawseti(L, -2, i);
  }
  return 1;
}

const luaL_Reg tw_generate_methods[] = {
  {"generate", model_generate}, {"probabilities", model_probabilities},
  {"losses", model_losses}, {"ngram_losses", model_ngram_losses},
  {"mixture_nats", model_mixture_nats}, {"score", model_score}, {NULL, NULL}
};
