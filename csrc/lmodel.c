/*
 * lmodel.c: tweeter.Model, the model of model.h as a Lua userdata: its memory, construction,
 * vocabulary, copies and files. Its arrays are Buffers held in the userdata's user values,
 * so the garbage collector sees every byte and no __gc is needed. The training methods are
 * bound in ltrain.c, generation in lgenerate.c, the copy guard in lremember.c, the phrasing
 * cache in lngram.c; the work is
 * done by the core (model.c, modelfile.c, modelio.c, remember.c).
 */
#include <limits.h>
#include <string.h>

#include "lmodel.h"
#include "modelio.h"

/* ===== memory: each array is a Buffer in a user value ===== */

LuaModel *tw_check_model(lua_State *L, int arg) {
  return (LuaModel *)luaL_checkudata(L, arg, TW_MODEL);
}

float *tw_model_buffer(lua_State *L, int idx, int slot, size_t n) {
  float *p = tw_new_buffer(L, n);   /* stack: .., buf */
  lua_setiuservalue(L, idx, slot);
  return p;
}

void tw_model_release(lua_State *L, int idx, int slot) {
  lua_pushnil(L);
  lua_setiuservalue(L, idx, slot);
}

uint32_t *tw_model_seen(lua_State *L, int idx, Model *m, size_t n) {
  m->seen = NULL;
  m->nseen = 0;
  if (n == 0) {
    tw_model_release(L, idx, UV_SEEN);
    return NULL;
  }
  m->seen = (uint32_t *)tw_new_bytes(L, n * sizeof(uint32_t));   /* stack: .., buf */
  lua_setiuservalue(L, idx, UV_SEEN);
  m->nseen = n;
  return m->seen;
}

/* Creates the userdata with its metatable before any array exists, so a memory error while
 * allocating the arrays leaves nothing half-owned. */
static LuaModel *push_model(lua_State *L) {
  LuaModel *lm = (LuaModel *)lua_newuserdatauv(L, sizeof(LuaModel), UV_COUNT);
  memset(lm, 0, sizeof *lm);
  luaL_setmetatable(L, TW_MODEL);
  return lm;
}

/* chars (V), keys (V-2) and their tokens (V-2), one Buffer */
static size_t vocab_bytes(size_t V) {
  return V * sizeof(uint32_t) * 2 + V * sizeof(int32_t);
}

static void alloc_vocab(lua_State *L, int idx, Model *m) {
  char *mem = (char *)tw_new_bytes(L, vocab_bytes(m->cfg.V));
  lua_setiuservalue(L, idx, UV_VOCAB);
  m->chars = (uint32_t *)(void *)mem;
  m->keys = m->chars + m->cfg.V;
  m->key_tokens = (int32_t *)(void *)(m->keys + m->cfg.V);
}

void tw_model_history_reserve(lua_State *L, int idx, TrainingRecord *r, size_t need) {
  size_t cap = tw_history_capacity(r, need);
  HistoryEntry *h;
  if (cap == 0) return;
  h = (HistoryEntry *)tw_new_bytes(L, cap * sizeof(HistoryEntry));
  if (r->nhistory) memcpy(h, r->history, r->nhistory * sizeof(HistoryEntry));
  lua_setiuservalue(L, idx, UV_HIST);
  r->history = h;
  r->history_cap = cap;
}

/* The distinct characters of s not in `have` (tw_distinct_chars), after `first` free slots,
 * in a Buffer left on the stack; *n gets how many there are. */
static uint32_t *distinct_chars(lua_State *L, const char *s, size_t len, size_t first,
                                const VocabIndex *have, size_t *n, size_t *invalid) {
  uint32_t *out;
  if (len > (size_t)INT32_MAX) luaL_error(L, "text too long: %I bytes", (lua_Integer)len);
  out = (uint32_t *)tw_new_bytes(L, (first + len + 1) * sizeof(uint32_t));   /* .., out */
  *n = tw_distinct_chars(s, len, out + first, have, invalid,
                         tw_new_bytes(L, tw_distinct_scratch(len) + 1));   /* .., out, tmp */
  lua_pop(L, 1);
  return out;
}

/* ===== construction ===== */

/* core.model{ cell='lstm', embed=64, hidden=256, layers=2, dropout=0, seed=1, vocab='...' } */
static int model_new(lua_State *L) {
  static const char *const known[] = {"cell", "embed", "hidden", "layers", "dropout", "seed",
                                      "vocab", NULL};
  ModelConfig cfg;
  const Cell *cell = tw_cells[0];
  char err[160];
  size_t vlen = 0, clen = 0, nchars, invalid = 0;
  const char *vocab, *cell_name;
  uint32_t *chars;
  Model *m;
  float dropout;
  lua_Integer seed;
  luaL_checktype(L, 1, LUA_TTABLE);
  lua_settop(L, 1);   /* the slots below are counted from here, whatever else was passed */
  tw_check_keys(L, 1, "model", known);
  cell_name = tw_opt_string(L, 1, "model", "cell", &clen);
  if (cell_name && !(cell = tw_cell_named(cell_name, clen)))
    return luaL_error(L, "bad argument #1 to 'model' (unknown cell '%s')", cell_name);
  cfg.E = (size_t)tw_opt_integer(L, 1, "model", "embed", 64, 1, 8192);
  cfg.H = (size_t)tw_opt_integer(L, 1, "model", "hidden", 256, 1, 16384);
  cfg.L = (size_t)tw_opt_integer(L, 1, "model", "layers", 2, 1, TW_MAX_LAYERS);
  dropout = (float)tw_opt_number(L, 1, "model", "dropout", 0.0, 0.0, 0.95);
  seed = tw_opt_integer(L, 1, "model", "seed", 1, 0, LUA_MAXINTEGER);
  vocab = tw_opt_string(L, 1, "model", "vocab", &vlen);
  if (!vocab) return luaL_error(L, "bad argument #1 to 'model' (vocab is required: a string "
                                   "of the model's characters)");
  if (vlen > 4 * 0x110000) return luaL_error(L, "bad argument #1 to 'model' (vocab too long)");
  chars = distinct_chars(L, vocab, vlen, 2, NULL, &nchars, &invalid);   /* stack: cfg, chars */
  if (invalid)
    return luaL_error(L, "bad argument #1 to 'model' (vocab is not valid UTF-8)");
  cfg.V = nchars + 2;
  if (nchars == 0) return luaL_error(L, "bad argument #1 to 'model' (vocab is empty)");
  if (!tw_model_config_ok(cell, &cfg, err, sizeof err))
    return luaL_error(L, "bad argument #1 to 'model' (%s)", err);
  m = &push_model(L)->core;                /* stack: cfg, chars, model */
  tw_model_setup(m, cell, &cfg, dropout, (uint64_t)seed);
  alloc_vocab(L, 3, m);
  memcpy(m->chars + 2, chars + 2, nchars * sizeof(uint32_t));
  tw_model_index_vocab(m);
  m->params = tw_model_buffer(L, 3, UV_PARAMS, m->lay.total);
  tw_model_init(m);
  return 1;
}

/* ===== text ===== */

const char *tw_check_post(lua_State *L, int t, lua_Integer i, const char *fn, size_t *len) {
  if (lua_geti(L, t, i) != LUA_TSTRING)
    luaL_error(L, "bad argument #1 to '%s' (post %I is a %s, expected a string)", fn, i,
               luaL_typename(L, -1));
  return lua_tolstring(L, -1, len);
}

size_t tw_post_tokens(const Model *m, const char *s, size_t len, int32_t *out, size_t *invalid) {
  size_t pos = 0, n = 0;
  while (pos < len) {
    int32_t t = tw_model_token(m, tw_utf8_next(s, len, &pos, invalid));
    if (out) out[n] = t;
    n++;
  }
  return n;
}

/* model:encode(posts) -> data. Empty posts are skipped; unknown characters become UNK. */
static int model_encode(lua_State *L) {
  Model *m = &tw_check_model(L, 1)->core;
  lua_Integer n, i;
  size_t cap = 1;
  TwData *d;
  luaL_checktype(L, 2, LUA_TTABLE);
  n = luaL_len(L, 2);
  for (i = 1; i <= n; i++) {
    size_t len;
    tw_check_post(L, 2, i, "encode", &len);
    cap += len + 1;
    lua_pop(L, 1);
  }
  d = tw_push_data(L, cap);                  /* stack: model, posts, data */
  d->tokens[d->ntokens++] = TW_TOKEN_EOS;
  for (i = 1; i <= n; i++) {
    size_t len, pos = 0;
    const char *s;
    lua_geti(L, 2, i);
    s = lua_tolstring(L, -1, &len);
    if (len > 0) {
      while (pos < len) {
        int32_t t = tw_model_token(m, tw_utf8_next(s, len, &pos, &d->invalid));
        if (t == TW_TOKEN_UNK) d->unknown++;
        if (t > d->max_token) d->max_token = t;
        d->tokens[d->ntokens++] = t;
      }
      d->tokens[d->ntokens++] = TW_TOKEN_EOS;
      d->nposts++;
    }
    lua_pop(L, 1);
  }
  return 1;
}

void tw_push_chars(lua_State *L, const uint32_t *cps, size_t n) {
  luaL_Buffer b;
  size_t k;
  luaL_buffinit(L, &b);
  for (k = 0; k < n; k++) {
    char *p = luaL_prepbuffsize(&b, 4);
    luaL_addsize(&b, tw_utf8_put(cps[k], p));
  }
  luaL_pushresult(&b);
}

static int model_vocab(lua_State *L) {
  Model *m = &tw_check_model(L, 1)->core;
  tw_push_chars(L, m->chars + 2, m->cfg.V - 2);
  return 1;
}

static int model_missing_chars(lua_State *L) {
  Model *m = &tw_check_model(L, 1)->core;
  size_t len, invalid = 0, n;
  const char *s = luaL_checklstring(L, 2, &len);
  VocabIndex ix = tw_model_vocab_index(m);
  uint32_t *chars = distinct_chars(L, s, len, 0, &ix, &n, &invalid);
  tw_push_chars(L, chars, n);
  return 1;
}

/* model:extend_vocab(chars) -> number added. New embedding and output rows start like fresh
 * ones; every other weight, and the optimizer moments of old rows, are kept. */
static int model_extend_vocab(lua_State *L) {
  Model *m = &tw_check_model(L, 1)->core;
  size_t len, invalid = 0, added, oldV = m->cfg.V;
  const char *s = luaL_checklstring(L, 2, &len);
  VocabIndex ix = tw_model_vocab_index(m);
  uint32_t *chars = distinct_chars(L, s, len, oldV, &ix, &added, &invalid);   /* m, s, tmp */
  ModelConfig cfg = m->cfg;
  ModelLayout lay;
  char err[160];
  float *p;
  if (invalid) return luaL_argerror(L, 2, "not valid UTF-8");
  if (added == 0) {
    lua_pushinteger(L, 0);
    return 1;
  }
  memcpy(chars, m->chars, oldV * sizeof(uint32_t));
  cfg.V = oldV + added;
  if (!tw_model_config_ok(m->cell, &cfg, err, sizeof err)) return luaL_error(L, "%s", err);
  tw_model_layout(m->cell, &cfg, &lay);
  p = tw_new_buffer(L, lay.total);                                    /* stack: .., params */
  tw_model_regrow(m, &lay, m->params, p);
  if (m->m) {
    float *nm = tw_new_buffer(L, lay.total), *nv = tw_new_buffer(L, lay.total);
    tw_model_regrow(m, &lay, m->m, nm);
    tw_model_regrow(m, &lay, m->v, nv);
    lua_setiuservalue(L, 1, UV_V);
    lua_setiuservalue(L, 1, UV_M);
    m->m = nm;
    m->v = nv;
  }
  lua_setiuservalue(L, 1, UV_PARAMS);
  m->params = p;
  m->grads = NULL;
  m->pending = 0;
  tw_model_release(L, 1, UV_GRADS);
  tw_check_model(L, 1)->work = NULL;
  tw_model_release(L, 1, UV_WORK);
  m->cfg = cfg;
  m->lay = lay;
  alloc_vocab(L, 1, m);
  memcpy(m->chars, chars, cfg.V * sizeof(uint32_t));
  tw_model_index_vocab(m);
  tw_model_init_token_rows(&m->cfg, &m->lay, m->params, oldV, added, &m->rng);
  lua_pushinteger(L, (lua_Integer)added);
  return 1;
}

static int model_tostring(lua_State *L) {
  Model *m = &tw_check_model(L, 1)->core;
  lua_pushfstring(L, "tweeter.Model(V=%I E=%I H=%I L=%I, %I params, %I steps",
                  (lua_Integer)m->cfg.V, (lua_Integer)m->cfg.E, (lua_Integer)m->cfg.H,
                  (lua_Integer)m->cfg.L, (lua_Integer)m->lay.total,
                  (lua_Integer)m->record.steps);
  if (m->nseen) lua_pushfstring(L, ", %I remembered windows)", (lua_Integer)m->nseen);
  else lua_pushliteral(L, ")");
  lua_concat(L, 2);
  return 1;
}

/* ===== copies, files ===== */

/* The arrays of a model whose scalars are set, at stack index idx: vocabulary, parameters,
 * history, the copy guard's set (nseen); moments when `moments`, the carried state when
 * carry_B. */
static void alloc_arrays(lua_State *L, int idx, Model *m, int moments) {
  size_t n = m->lay.total, nhistory = m->record.nhistory;
  m->grads = m->m = m->v = m->carry = NULL;
  m->record.history = NULL;
  m->record.history_cap = m->record.nhistory = 0;
  alloc_vocab(L, idx, m);
  m->params = tw_model_buffer(L, idx, UV_PARAMS, n);
  if (moments) {
    m->m = tw_model_buffer(L, idx, UV_M, n);
    m->v = tw_model_buffer(L, idx, UV_V, n);
  }
  if (m->carry_B)
    m->carry = tw_model_buffer(L, idx, UV_TRAIN, tw_model_state_floats(m, m->carry_B));
  tw_model_history_reserve(L, idx, &m->record, nhistory);
  m->record.nhistory = nhistory;
  tw_model_seen(L, idx, m, m->nseen);
  tw_model_ngram_stream(L, idx, m, m->nngram);
}

/* model:copy() -> an independent deep copy (weights, optimizer state, carried state,
 * history, the copy guard's set); no gradients or workspace */
static int model_copy(lua_State *L) {
  const Model *src = &tw_check_model(L, 1)->core;
  Model *m;
  lua_settop(L, 1);
  m = &push_model(L)->core;                            /* stack: model, copy */
  *m = *src;
  m->pending = 0;
  m->frozen_layers = 0;
  alloc_arrays(L, 2, m, src->m != NULL);
  memcpy(m->chars, src->chars, vocab_bytes(m->cfg.V));
  memcpy(m->params, src->params, m->lay.total * sizeof(float));
  if (src->m) {
    memcpy(m->m, src->m, m->lay.total * sizeof(float));
    memcpy(m->v, src->v, m->lay.total * sizeof(float));
  }
  if (src->carry)
    memcpy(m->carry, src->carry, tw_model_state_floats(m, m->carry_B) * sizeof(float));
  if (m->record.nhistory)
    memcpy(m->record.history, src->record.history, m->record.nhistory * sizeof(HistoryEntry));
  if (m->nseen) memcpy(m->seen, src->seen, m->nseen * sizeof(uint32_t));
  if (m->nngram) memcpy(m->ngram_tokens, src->ngram_tokens, m->nngram * sizeof(int32_t));
  return 1;
}

static int push_fail(lua_State *L, const char *path, const char *what) {
  luaL_pushfail(L);
  lua_pushfstring(L, "%s: %s", path, what);
  return 2;
}

/* core.load(path) -> model | nil, message. Never raises on a bad file (only on memory that
 * a file of a valid size needs and the system lacks), never blocks on a FIFO, and its
 * descriptor is closed on every path. */
static int model_load(lua_State *L) {
  const char *path = luaL_checkstring(L, 1);
  ModelFileLayout lay;
  char err[200];
  uint8_t *bytes;
  size_t size;
  int *fd;
  Model *m;
  lua_settop(L, 1);
  fd = tw_push_descriptor(L);                          /* stack: path, fd */
  if (!tw_model_file_open(path, fd, &size, err, sizeof err)) return push_fail(L, path, err);
  bytes = (uint8_t *)tw_new_bytes(L, size);            /* stack: path, fd, bytes */
  if (!tw_model_file_read(*fd, bytes, size, &lay, err, sizeof err))
    return push_fail(L, path, err);
  m = &push_model(L)->core;                            /* stack: path, fd, bytes, model */
  *m = lay.model;
  alloc_arrays(L, 4, m, lay.moments_off != 0);
  if (!tw_file_load(bytes, &lay, m, err, sizeof err)) return push_fail(L, path, err);
  return 1;
}

/* model:save(path[, { half = false, resumable = true }]) -> true | nil, message. Through
 * the one atomic writer (lfiles.c): a crash or a full disk never leaves a half-written model
 * where a good one was. Weights that are not finite (a diverged training) are refused, not
 * saved. half (float16 weights) and resumable = false leave out what only an exact resume
 * needs: the optimizer state and the carried recurrent state. */
static int model_save(lua_State *L) {
  Model *m = &tw_check_model(L, 1)->core;
  const char *path = luaL_checkstring(L, 2);
  uint8_t *bytes;
  size_t size;
  char err[PATH_MAX + 100];
  char *target;
  int half = 0;
  Model weights_only;
  if (!lua_isnoneornil(L, 3)) {
    luaL_checktype(L, 3, LUA_TTABLE);
    lua_getfield(L, 3, "half");
    half = lua_toboolean(L, -1);
    lua_getfield(L, 3, "resumable");
    if (!lua_isnil(L, -1) && !lua_toboolean(L, -1)) {
      /* the encoder writes the sections whose arrays it is given */
      weights_only = *m;
      weights_only.m = weights_only.v = weights_only.carry = NULL;
      m = &weights_only;
    }
    lua_pop(L, 2);
  }
  /* the path is checked before the (possibly large) file is encoded */
  target = (char *)tw_new_bytes(L, PATH_MAX);
  if (!tw_check_output(path, target, PATH_MAX, err, sizeof err)) {
    luaL_pushfail(L);
    lua_pushstring(L, err);
    return 2;
  }
  if (!tw_all_finite(m->params, m->lay.total)) return push_fail(L, path, "non-finite weights");
  size = tw_file_size(m, half);
  bytes = (uint8_t *)tw_new_bytes(L, size);
  tw_file_encode(m, half, bytes);
  return tw_write_file(L, path, bytes, size);
}

/* core.cells() -> { 'lstm', 'gru', ... }: the cell table's names, the default first */
static int model_cells(lua_State *L) {
  int k;
  lua_newtable(L);
  for (k = 0; tw_cells[k]; k++) {
    lua_pushstring(L, tw_cells[k]->name);
    lua_rawseti(L, -2, k + 1);
  }
  return 1;
}

void tw_open_model(lua_State *L) {
  static const luaL_Reg methods[] = {
    {"encode", model_encode}, {"vocab", model_vocab}, {"missing_chars", model_missing_chars},
    {"extend_vocab", model_extend_vocab}, {"copy", model_copy}, {"save", model_save},
    {NULL, NULL}
  };
  static const luaL_Reg meta[] = {{"__tostring", model_tostring}, {NULL, NULL}};
  static const luaL_Reg funcs[] = {{"model", model_new}, {"load", model_load},
                                   {"cells", model_cells}, {NULL, NULL}};
  tw_new_type(L, TW_MODEL, methods, meta);
  luaL_getmetatable(L, TW_MODEL);
  lua_getfield(L, -1, "__index");       /* stack: core, mt, methods */
  luaL_setfuncs(L, tw_train_methods, 0);
  luaL_setfuncs(L, tw_generate_methods, 0);
  luaL_setfuncs(L, tw_remember_methods, 0);
  luaL_setfuncs(L, tw_ngram_methods, 0);
  lua_pop(L, 2);
  luaL_setfuncs(L, funcs, 0);           /* stack: core */
  luaL_setfuncs(L, tw_remember_funcs, 0);
}
