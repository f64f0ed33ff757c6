/*
 * lngram.c: the phrasing cache's methods of tweeter.Model. The stream of the training posts'
 * tokens is a Buffer in the model's user value UV_NGRAM (kept in the file); its tables, in
 * UV_NGRAM_TABLES, are counted from it when first used, since loading or copying a model
 * need not pay for them.
 */
#include <math.h>
#include <string.h>

#include "lmodel.h"

int32_t *tw_model_ngram_stream(lua_State *L, int idx, Model *m, size_t n) {
  m->ngram_tokens = NULL;
  m->nngram = 0;
  memset(&m->ngram, 0, sizeof m->ngram);
  memset(&m->lexicon, 0, sizeof m->lexicon);
  tw_model_release(L, idx, UV_NGRAM_TABLES);
  tw_model_release(L, idx, UV_LEXICON);
  if (n == 0) {
    tw_model_release(L, idx, UV_NGRAM);
    return NULL;
  }
  m->ngram_tokens = (int32_t *)tw_new_bytes(L, n * sizeof(int32_t));   /* stack: .., buf */
  lua_setiuservalue(L, idx, UV_NGRAM);
  m->nngram = n;
  return m->ngram_tokens;
}

/* idx is an absolute index */
int tw_model_ngram_ready(lua_State *L, int idx, Model *m) {
  size_t npairs, ncontexts, nnext, cap;
  TwNgramPair *pairs;
  char *tables;
  if (!m->nngram) return 0;
  if (m->ngram.contexts) return 1;
  npairs = tw_ngram_pair_count(m->nngram, m->ngram_order);
  pairs = (TwNgramPair *)tw_new_bytes(L, npairs * sizeof *pairs);   /* stack: .., pairs */
  tw_ngram_count(m->ngram_tokens, m->nngram, m->ngram_order, pairs, &ncontexts, &nnext);
  cap = tw_ngram_table_cap(ncontexts);
  tables = (char *)tw_new_bytes(L, cap * sizeof(TwNgramContext) + nnext * sizeof(TwNgramNext));
  memset(tables, 0, cap * sizeof(TwNgramContext));
  lua_setiuservalue(L, idx, UV_NGRAM_TABLES);
  m->ngram.order = m->ngram_order;
  m->ngram.contexts = (TwNgramContext *)tables;
  m->ngram.cap = cap;
  m->ngram.next = (TwNgramNext *)(tables + cap * sizeof(TwNgramContext));
  tw_ngram_fill(&m->ngram, pairs, npairs);
  lua_pop(L, 1);                                                    /* pairs */
  return 1;
}

const TwLexicon *tw_model_lexicon_ready(lua_State *L, int idx, Model *m) {
  size_t i;
  uint32_t *cps;
  if (!m->nngram) return NULL;
  if (m->lexicon.slots) return &m->lexicon;
  cps = (uint32_t *)tw_new_bytes(L, m->nngram * sizeof *cps);       /* stack: .., cps */
  /* end-of-post and the unknown token are code point 0: both end a word */
  for (i = 0; i < m->nngram; i++) cps[i] = m->chars[m->ngram_tokens[i]];
  m->lexicon.cap = tw_lexicon_cap(m->nngram);
  m->lexicon.words = 0;
  m->lexicon.slots = (uint64_t *)tw_new_bytes(L, m->lexicon.cap * sizeof(uint64_t));   /* zeroed */
  lua_setiuservalue(L, idx, UV_LEXICON);
  tw_lexicon_add(&m->lexicon, cps, m->nngram);
  lua_pop(L, 1);                                                    /* cps */
  return &m->lexicon;
}

/* model:set_ngram(posts, order[, weight]) -> tokens counted | nil, message. The phrasing
 * cache becomes an order-`order` n-gram of `posts` (an array of strings; an empty one
 * removes it), mixed in with `weight` (default 0: counted, not yet used). */
static int model_set_ngram(lua_State *L) {
  Model *m = &tw_check_model(L, 1)->core;
  lua_Integer order, n, i;
  lua_Number weight;
  size_t total = 1, len, invalid = 0;   /* invalid UTF-8 is counted as U+FFFD */
  int32_t *stream;
  luaL_checktype(L, 2, LUA_TTABLE);
  order = luaL_checkinteger(L, 3);
  weight = luaL_optnumber(L, 4, 0);
  luaL_argcheck(L, order >= 1 && order <= TW_NGRAM_MAX_ORDER, 3, "order must be 1 to 8");
  luaL_argcheck(L, weight >= 0 && weight <= 1, 4, "weight must be between 0 and 1");
  lua_settop(L, 4);
  n = luaL_len(L, 2);
  for (i = 1; i <= n; i++) {
    const char *s = tw_check_post(L, 2, i, "set_ngram", &len);
    total += tw_post_tokens(m, s, len, NULL, &invalid) + 1;
    lua_pop(L, 1);
    if (total > TW_NGRAM_MAX_TOKENS) {
      luaL_pushfail(L);
      lua_pushfstring(L, "more than %I characters of posts, the most the phrasing cache counts",
                      (lua_Integer)TW_NGRAM_MAX_TOKENS);
      return 2;
    }
  }
  if (n == 0) {
    tw_model_ngram_stream(L, 1, m, 0);
    m->ngram_order = 0;
    m->ngram_weight = 0;
    lua_pushinteger(L, 0);
    return 1;
  }
  stream = tw_model_ngram_stream(L, 1, m, total);
  stream[0] = TW_TOKEN_EOS;
  for (total = 1, i = 1; i <= n; i++) {
    const char *s = tw_check_post(L, 2, i, "set_ngram", &len);
    total += tw_post_tokens(m, s, len, stream + total, &invalid);
    stream[total++] = TW_TOKEN_EOS;
    lua_pop(L, 1);
  }
  m->ngram_order = (int)order;
  m->ngram_weight = (float)weight;
  lua_pushinteger(L, (lua_Integer)total);
  return 1;
}

/* model:set_ngram_weight(weight) -> model */
static int model_set_ngram_weight(lua_State *L) {
  Model *m = &tw_check_model(L, 1)->core;
  lua_Number weight = luaL_checknumber(L, 2);
  luaL_argcheck(L, weight >= 0 && weight <= 1, 2, "weight must be between 0 and 1");
  if (!m->nngram && weight > 0) return luaL_error(L, "the model has no phrasing cache");
  m->ngram_weight = (float)weight;
  lua_settop(L, 1);
  return 1;
}

/* model:ngram() -> { order =, weight =, tokens =, longest =, lengths = } | nil when the model
 * has no cache; lengths: each post it counted, in characters, in order; longest: the most */
static int model_ngram(lua_State *L) {
  const Model *m = &tw_check_model(L, 1)->core;
  size_t k, run = 0, longest = 0;
  lua_Integer posts = 0;
  if (!m->nngram) {
    lua_pushnil(L);
    return 1;
  }
  lua_createtable(L, 0, 5);
  lua_newtable(L);
  for (k = 1; k < m->nngram; k++) {
    if (m->ngram_tokens[k] == TW_TOKEN_EOS) {
      lua_pushinteger(L, (lua_Integer)run);
      lua_rawseti(L, -2, ++posts);
      run = 0;
    } else {
      run++;
    }
    longest = run > longest ? run : longest;
  }
  lua_setfield(L, -2, "lengths");
  lua_pushinteger(L, (lua_Integer)longest);
  lua_setfield(L, -2, "longest");
  lua_pushinteger(L, m->ngram_order);
  lua_setfield(L, -2, "order");
  lua_pushnumber(L, floor(m->ngram_weight * 1e6 + 0.5) / 1e6);   /* as set, not float32's digits */
  lua_setfield(L, -2, "weight");
  lua_pushinteger(L, (lua_Integer)m->nngram);
  lua_setfield(L, -2, "tokens");
  return 1;
}

/* model:ngram_posts([max]) -> the posts of the phrasing cache, in order: all of them, or at
 * most `max` spread evenly over the stream (every (count / max)-th) | nil when it has none */
static int model_ngram_posts(lua_State *L) {
  const Model *m = &tw_check_model(L, 1)->core;
  lua_Integer max = luaL_optinteger(L, 2, LUA_MAXINTEGER), count = 0, kept = 0, post = 0;
  size_t k, j, start = 1, longest = 0;
  uint32_t *cps;
  luaL_argcheck(L, max >= 1, 2, "the most posts must be at least 1");
  if (!m->nngram) {
    lua_pushnil(L);
    return 1;
  }
  for (k = 1; k < m->nngram; k++) {
    if (m->ngram_tokens[k] != TW_TOKEN_EOS) continue;
    count++;
    longest = k - start > longest ? k - start : longest;
    start = k + 1;
  }
  cps = (uint32_t *)tw_new_bytes(L, (longest + 1) * sizeof *cps);   /* stack: .., cps */
  lua_createtable(L, (int)(count < max ? count : max), 0);
  for (start = 1, k = 1; k < m->nngram; k++) {
    if (m->ngram_tokens[k] != TW_TOKEN_EOS) continue;
    /* post p (0-based) is kept where it starts a new share of count / max: floor(p max / count) rises */
    if (count <= max || (post * max) / count != ((post + 1) * max) / count) {
      /* end-of-post and the unknown token are code point 0 */
      for (j = start; j < k; j++) {
        uint32_t cp = m->chars[m->ngram_tokens[j]];
        cps[j - start] = cp ? cp : 0xFFFD;
      }
      tw_push_chars(L, cps, k - start);
      lua_rawseti(L, -2, ++kept);
    }
    post++;
    start = k + 1;
  }
  return 1;
}

const luaL_Reg tw_ngram_methods[] = {
  {"set_ngram", model_set_ngram}, {"set_ngram_weight", model_set_ngram_weight},
  {"ngram", model_ngram}, {"ngram_posts", model_ngram_posts}, {NULL, NULL}
};
