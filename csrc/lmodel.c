/*
 * lmodel.c: tweeter.Model, the character LSTM as a Lua userdata. The model's arrays are
 * Buffers held in its user values (parameters, gradients, Adam moments, vocabulary,
 * workspace, recurrent states, history), so the garbage collector sees every byte and no
 * __gc is needed. The math is in lstm.c, sampling in sample.c, the file format in
 * modelfile.c; this file checks arguments, owns memory and does the file I/O.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lstm.h"
#include "modelfile.h"
#include "sample.h"
#include "text.h"
#include "tweeter.h"

/* user value slots */
enum { UV_PARAMS = 1, UV_GRADS, UV_M, UV_V, UV_VOCAB, UV_WORK, UV_TRAIN, UV_EVAL, UV_HIST,
       UV_COUNT = UV_HIST };

#define MAX_GENERATE 10000
#define MAX_LENGTH 100000
#define MAX_PRIME 1000

typedef struct {
  LstmConfig cfg;
  LstmLayout lay;
  float dropout;
  uint64_t seed;
  OptimizerConfig opt;
  uint64_t steps, opt_steps, cursor, rng;
  size_t cursor_B, cursor_T;   /* the batch shape the data cursor counts in */
  float *params;               /* (lay.total) */
  float *grads, *m, *v;        /* (lay.total) each, NULL until training needs them */
  int pending;                 /* training gradients in the slab await their update */
  size_t pending_divisor;      /* what they were divided by; 0: nothing was scored */
  uint32_t *chars;             /* (V) code point of each token; 0 for EOS and UNK */
  uint32_t *keys;              /* (V-2) sorted code points */
  int32_t *key_tokens;         /* (V-2) their tokens */
  float *work;                 /* training workspace for (work_B, work_T) */
  size_t work_B, work_T;
  int work_dropout;
  float *train_h, *train_c;    /* (L,train_B,H) state carried between training batches */
  size_t train_B;
  float *eval_h, *eval_c;      /* (L,eval_B,H) state carried within an evaluation pass */
  size_t eval_B;
  HistoryEntry *history;       /* (history_cap) */
  size_t nhistory, history_cap;
} Model;

static Model *check_model(lua_State *L, int arg) {
  return (Model *)luaL_checkudata(L, arg, TW_MODEL);
}

/* ===== allocation helpers: each array is a Buffer in a user value ===== */

static float *alloc_floats(lua_State *L, int model_idx, int slot, size_t n) {
  float *p = tw_new_buffer(L, n);   /* stack: .., buf */
  lua_setiuservalue(L, model_idx, slot);
  return p;
}

static void release(lua_State *L, int model_idx, int slot) {
  lua_pushnil(L);
  lua_setiuservalue(L, model_idx, slot);
}

/* Creates the userdata with its metatable before any array exists, so a memory error while
 * allocating the arrays leaves nothing half-owned. */
static Model *push_model(lua_State *L) {
  Model *m = (Model *)lua_newuserdatauv(L, sizeof(Model), UV_COUNT);
  memset(m, 0, sizeof *m);
  luaL_setmetatable(L, TW_MODEL);
  return m;
}

static void set_vocab(lua_State *L, int idx, Model *m, const uint32_t *chars, size_t V) {
  size_t bytes = V * sizeof(uint32_t) * 2 + V * sizeof(int32_t);
  char *mem = (char *)tw_new_bytes(L, bytes);
  lua_setiuservalue(L, idx, UV_VOCAB);
  m->chars = (uint32_t *)(void *)mem;
  m->keys = m->chars + V;
  m->key_tokens = (int32_t *)(void *)(m->keys + V);
  memcpy(m->chars, chars, V * sizeof(uint32_t));
  tw_vocab_index(m->keys, m->key_tokens, m->chars + 2, V - 2, 2);
}

static VocabIndex vocab_index(const Model *m) {
  VocabIndex ix;
  ix.keys = m->keys;
  ix.tokens = m->key_tokens;
  ix.n = m->cfg.V - 2;
  return ix;
}

static void history_reserve(lua_State *L, int idx, Model *m, size_t need) {
  HistoryEntry *h;
  size_t cap;
  if (need <= m->history_cap) return;
  cap = m->history_cap ? m->history_cap * 2 : 64;
  while (cap < need) cap *= 2;
  h = (HistoryEntry *)tw_new_bytes(L, cap * sizeof(HistoryEntry));
  if (m->nhistory) memcpy(h, m->history, m->nhistory * sizeof(HistoryEntry));
  lua_setiuservalue(L, idx, UV_HIST);
  m->history = h;
  m->history_cap = cap;
}

static void default_optimizer(OptimizerConfig *o) {
  o->kind = TW_OPT_ADAM;
  o->lr = 2e-3f;
  o->beta1 = 0.9f;
  o->beta2 = 0.999f;
  o->eps = 1e-8f;
  o->alpha = 0.99f;
  o->clip = 5.0f;
}

/* ===== reading option tables ===== */

/* Reads integer field `name` of the table at `t`, or `def` when absent; raises naming the
 * field when it is not an integer in [lo, hi]. */
static lua_Integer opt_integer(lua_State *L, int t, const char *fn, const char *name,
                               lua_Integer def, lua_Integer lo, lua_Integer hi) {
  lua_Integer v = def;
  int isnum;
  lua_getfield(L, t, name);
  if (!lua_isnil(L, -1)) {
    v = lua_tointegerx(L, -1, &isnum);
    if (!isnum)
      luaL_error(L, "bad argument #1 to '%s' (%s must be an integer, got %s)", fn, name,
                 lua_isnumber(L, -1) ? "a fraction" : luaL_typename(L, -1));
    if (v < lo || v > hi)
      luaL_error(L, "bad argument #1 to '%s' (%s must be between %I and %I, got %I)", fn, name,
                 lo, hi, v);
  }
  lua_pop(L, 1);
  return v;
}

static double opt_number(lua_State *L, int t, const char *fn, const char *name, double def,
                         double lo, double hi) {
  double v = def;
  int isnum;
  lua_getfield(L, t, name);
  if (!lua_isnil(L, -1)) {
    v = lua_tonumberx(L, -1, &isnum);
    if (!isnum)
      luaL_error(L, "bad argument #1 to '%s' (%s must be a number, got %s)", fn, name,
                 luaL_typename(L, -1));
    if (!(v >= lo && v <= hi))
      luaL_error(L, "bad argument #1 to '%s' (%s must be between %f and %f, got %f)", fn,
                 name, lo, hi, v);
  }
  lua_pop(L, 1);
  return v;
}

static const char *opt_string(lua_State *L, int t, const char *fn, const char *name,
                              size_t *len) {
  const char *s = NULL;
  lua_getfield(L, t, name);
  if (!lua_isnil(L, -1)) {
    if (lua_type(L, -1) != LUA_TSTRING)
      luaL_error(L, "bad argument #1 to '%s' (%s must be a string, got %s)", fn, name,
                 luaL_typename(L, -1));
    s = lua_tolstring(L, -1, len);
  }
  lua_pop(L, 1);   /* the string stays alive: the caller's table holds it */
  return s;
}

/* Raises if the table at `t` has a key that is not in `known` (catches typos). */
static void check_keys(lua_State *L, int t, const char *fn, const char *const known[]) {
  lua_pushnil(L);
  while (lua_next(L, t)) {
    int ok = 0, k;
    if (lua_type(L, -2) == LUA_TSTRING)
      for (k = 0; known[k]; k++)
        if (strcmp(lua_tostring(L, -2), known[k]) == 0) ok = 1;
    if (!ok) {
      lua_pushvalue(L, -2);
      luaL_error(L, "bad argument #1 to '%s' (unknown option '%s')", fn,
                 luaL_tolstring(L, -1, NULL));
    }
    lua_pop(L, 1);
  }
}

/* Decodes `s` into its distinct code points, in order of first appearance, leaving out the
 * ones `have` lists. `out` has room for len entries. Returns how many there are. Sorting
 * keeps it O(n log n) for any text; the scratch is a Buffer popped before returning. */
static size_t distinct_chars(lua_State *L, const char *s, size_t len, uint32_t *out,
                             const VocabIndex *have, size_t *invalid) {
  size_t pos = 0, n = 0, a, b, k, kept = 0;
  uint32_t *keys;
  int32_t *where;
  unsigned char *keep;
  while (pos < len) out[n++] = tw_utf8_next(s, len, &pos, invalid);
  if (n > (size_t)INT32_MAX) luaL_error(L, "text too long: %I characters", (lua_Integer)n);
  keys = (uint32_t *)tw_new_bytes(L, n * (2 * sizeof(uint32_t) + 1));   /* stack: .., tmp */
  where = (int32_t *)(void *)(keys + n);
  keep = (unsigned char *)(where + n);
  tw_vocab_index(keys, where, out, n, 0);   /* sorted code points with their positions */
  for (a = 0; a < n; a = b) {
    int32_t first = where[a];
    for (b = a + 1; b < n && keys[b] == keys[a]; b++)
      if (where[b] < first) first = where[b];
    if (!(have && tw_vocab_find(have, keys[a]) >= 0)) keep[first] = 1;
  }
  for (k = 0; k < n; k++)
    if (keep[k]) out[kept++] = out[k];
  lua_pop(L, 1);
  return kept;
}

/* ===== construction ===== */

static void point_model(Model *m) {
  tw_lstm_layout(&m->cfg, &m->lay);
}

/* core.model{ embed=64, hidden=256, layers=2, dropout=0, seed=1, vocab='...' } */
static int model_new(lua_State *L) {
  static const char *const known[] = {"embed", "hidden", "layers", "dropout", "seed", "vocab",
                                      NULL};
  LstmConfig cfg;
  char err[160];
  size_t vlen = 0, nchars, invalid = 0;
  const char *vocab;
  uint32_t *chars;
  Model *m;
  float dropout;
  lua_Integer seed;
  luaL_checktype(L, 1, LUA_TTABLE);
  check_keys(L, 1, "model", known);
  cfg.E = (size_t)opt_integer(L, 1, "model", "embed", 64, 1, 8192);
  cfg.H = (size_t)opt_integer(L, 1, "model", "hidden", 256, 1, 16384);
  cfg.L = (size_t)opt_integer(L, 1, "model", "layers", 2, 1, TW_MAX_LAYERS);
  dropout = (float)opt_number(L, 1, "model", "dropout", 0.0, 0.0, 0.95);
  seed = opt_integer(L, 1, "model", "seed", 1, 0, LUA_MAXINTEGER);
  vocab = opt_string(L, 1, "model", "vocab", &vlen);
  if (!vocab) return luaL_error(L, "bad argument #1 to 'model' (vocab is required: a string "
                                   "of the model's characters)");
  if (vlen > 4 * 0x110000) return luaL_error(L, "bad argument #1 to 'model' (vocab too long)");
  /* scratch for the decoded characters: a Buffer, so it is freed by the collector even if a
   * later check raises */
  chars = (uint32_t *)tw_new_bytes(L, (vlen + 2) * sizeof(uint32_t));
  nchars = distinct_chars(L, vocab, vlen, chars + 2, NULL, &invalid);
  if (invalid)
    return luaL_error(L, "bad argument #1 to 'model' (vocab is not valid UTF-8)");
  cfg.V = nchars + 2;
  if (nchars == 0) return luaL_error(L, "bad argument #1 to 'model' (vocab is empty)");
  if (!tw_lstm_config_ok(&cfg, err, sizeof err))
    return luaL_error(L, "bad argument #1 to 'model' (%s)", err);
  m = push_model(L);                       /* stack: cfg, scratch, model */
  m->cfg = cfg;
  point_model(m);
  m->dropout = dropout;
  m->seed = (uint64_t)seed;
  m->rng = tw_rng_seed((uint64_t)seed);
  default_optimizer(&m->opt);
  chars[0] = chars[1] = 0;
  set_vocab(L, 3, m, chars, cfg.V);
  m->params = alloc_floats(L, 3, UV_PARAMS, m->lay.total);
  tw_lstm_init(&m->cfg, m->params, &m->rng);
  return 1;
}

/* ===== training ===== */

static void ensure_training(lua_State *L, int idx, Model *m) {
  if (!m->grads) m->grads = alloc_floats(L, idx, UV_GRADS, m->lay.total);
  if (!m->m) m->m = alloc_floats(L, idx, UV_M, m->lay.total);
  if (!m->v) m->v = alloc_floats(L, idx, UV_V, m->lay.total);
}

/* The workspace is allocated once per (B,T) shape and reused by every step. */
static void ensure_work(lua_State *L, int idx, Model *m, size_t B, size_t T, int dropout) {
  size_t n;
  if (m->work && m->work_B == B && m->work_T == T && m->work_dropout >= dropout) return;
  n = tw_lstm_work_floats(&m->cfg, B, T, dropout);
  if (n > ((size_t)1 << 32))
    luaL_error(L, "batch too large for this model: %I x %I needs %I MB of workspace",
               (lua_Integer)B, (lua_Integer)T, (lua_Integer)(n / (1 << 18)));
  m->work = NULL;
  release(L, idx, UV_WORK);
  m->work = alloc_floats(L, idx, UV_WORK, n);
  m->work_B = B;
  m->work_T = T;
  m->work_dropout = dropout;
}

static void ensure_state(lua_State *L, int idx, Model *m, int slot, float **h, float **c,
                         size_t *have_B, size_t B, int reset) {
  size_t n = m->cfg.L * B * m->cfg.H;
  if (*h && *have_B == B) {
    if (reset) {
      memset(*h, 0, n * sizeof(float));
      memset(*c, 0, n * sizeof(float));
    }
    return;
  }
  *h = alloc_floats(L, idx, slot, 2 * n);
  *c = *h + n;
  *have_B = B;
}

static void check_batch_fits(lua_State *L, const Model *m, const TwBatch *bt, const char *fn) {
  if (bt->data->max_token >= (int32_t)m->cfg.V)
    luaL_error(L, "bad argument #1 to '%s' (the batch's data was encoded with a larger "
                  "vocabulary than this model's)", fn);
  if (bt->cursor == 0)
    luaL_error(L, "bad argument #1 to '%s' (empty batch: call batch:next() first)", fn);
}

typedef enum { PASS_TRAIN, PASS_EVAL, PASS_GRADIENTS } PassKind;

/* Forward over the batch with the recurrent state and dropout of the kind of pass, then
 * (except for evaluation) the gradients of the summed loss divided by `divisor` (0: by the
 * scored characters, the mean loss) into m->grads. Returns the summed loss; *count gets the
 * number of scored characters. */
static double run_pass(lua_State *L, Model *m, const TwBatch *bt, PassKind kind, size_t divisor,
                       LstmWork *w, size_t *count) {
  LstmState st;
  float dropout = kind == PASS_TRAIN ? m->dropout : 0.0f;
  double loss;
  if (kind != PASS_EVAL) ensure_training(L, 1, m);
  ensure_work(L, 1, m, bt->B, bt->T, dropout > 0);
  if (kind == PASS_TRAIN) {
    ensure_state(L, 1, m, UV_TRAIN, &m->train_h, &m->train_c, &m->train_B, bt->B, bt->first);
    st.h = m->train_h;
    st.c = m->train_c;
  } else {
    /* evaluation carries its state through a pass; a gradient check starts from zero */
    ensure_state(L, 1, m, UV_EVAL, &m->eval_h, &m->eval_c, &m->eval_B, bt->B,
                 kind == PASS_GRADIENTS || bt->first);
    st.h = m->eval_h;
    st.c = m->eval_c;
  }
  tw_lstm_work_point(w, &m->cfg, bt->B, bt->T, m->work_dropout, m->work);
  w->kernels = tw_kernels_of(L);
  loss = tw_lstm_forward(&m->cfg, &m->lay, m->params, w, bt->inputs, bt->targets, &st,
                         dropout, &m->rng, count);
  if (kind != PASS_EVAL) {
    if (divisor == 0) divisor = *count;
    memset(m->grads, 0, m->lay.total * sizeof(float));
    if (*count > 0)
      tw_lstm_backward(&m->cfg, &m->lay, m->params, m->grads, w, bt->inputs, bt->targets,
                       divisor);
    m->pending = kind == PASS_TRAIN;
    m->pending_divisor = divisor;
  }
  return loss;
}

/* The update from the gradients in the slab (clipped to the global norm), counted as a
 * step; a wrapping batch records where the data stands. */
static void apply_update(Model *m, const TwBatch *bt) {
  if (m->pending && m->pending_divisor > 0) {
    tw_clip_grad_norm(m->grads, m->lay.total, m->opt.clip);
    m->opt_steps++;
    tw_optimizer_step(&m->opt, m->params, m->grads, m->m, m->v, m->lay.total, m->opt_steps);
  }
  m->pending = 0;
  m->steps++;
  if (bt->wrap) {
    m->cursor = bt->cursor;
    m->cursor_B = bt->layout_B;
    m->cursor_T = bt->T;
  }
}

/* model:train_step(batch) -> mean loss (nats per character) before the update */
static int model_train_step(lua_State *L) {
  Model *m = check_model(L, 1);
  TwBatch *bt = tw_check_batch(L, 2);
  LstmWork w;
  size_t count;
  double loss;
  check_batch_fits(L, m, bt, "train_step");
  loss = run_pass(L, m, bt, PASS_TRAIN, 0, &w, &count);
  apply_update(m, bt);
  lua_pushnumber(L, count ? loss / (double)count : 0.0);
  return 1;
}

/* train_step in two halves, so that data-parallel training can sum the gradient slab over
 * the processes in between (each process takes its share of the streams and divides by the
 * whole batch's character count: the sum is then the gradient of the mean over the batch).
 * model:train_gradients(batch[, divisor]) -> summed loss (nats), scored characters; the
 * gradients of the summed loss / divisor (default: the scored characters) in the slab.
 * model:gradient_buffer() -> the slab (a tweeter.Buffer of floats, updated in place).
 * model:apply_gradients(batch) -> model: the update train_step would make from the slab. */
static int model_train_gradients(lua_State *L) {
  Model *m = check_model(L, 1);
  TwBatch *bt = tw_check_batch(L, 2);
  lua_Integer divisor = luaL_optinteger(L, 3, 0);
  LstmWork w;
  size_t count;
  double loss;
  luaL_argcheck(L, lua_isnoneornil(L, 3) || divisor >= 1, 3, "divisor must be positive");
  check_batch_fits(L, m, bt, "train_gradients");
  loss = run_pass(L, m, bt, PASS_TRAIN, (size_t)divisor, &w, &count);
  lua_pushnumber(L, loss);
  lua_pushinteger(L, (lua_Integer)count);
  return 2;
}

static int model_gradient_buffer(lua_State *L) {
  Model *m = check_model(L, 1);
  if (!m->grads) return luaL_error(L, "no gradients yet: call train_gradients(batch) first");
  lua_getiuservalue(L, 1, UV_GRADS);
  return 1;
}

static int model_apply_gradients(lua_State *L) {
  Model *m = check_model(L, 1);
  TwBatch *bt = tw_check_batch(L, 2);
  if (!m->pending)
    return luaL_error(L, "no gradients to apply: call train_gradients(batch) first");
  apply_update(m, bt);
  lua_settop(L, 1);
  return 1;
}

/* The recurrent state carried between training batches, h of every layer then c: (2L,B,H).
 * Data-parallel training gathers the processes' shares of it into the checkpoint, so that
 * training resumes exactly on any number of processes.
 * model:carried_state() -> Buffer, B (the state itself, not a copy) | nil
 * model:set_carried_state(buffer, B) -> model: a copy of a (2L,B,H) buffer becomes the state
 * model:keep_streams(first, count) -> model: only streams first .. first+count-1 (from 0)
 *   stay, one process's share of a state saved for the whole batch */
static int model_carried_state(lua_State *L) {
  Model *m = check_model(L, 1);
  if (!m->train_h) return 0;
  lua_getiuservalue(L, 1, UV_TRAIN);
  lua_pushinteger(L, (lua_Integer)m->train_B);
  return 2;
}

static void replace_state(lua_State *L, Model *m, const float *src, size_t B, size_t first,
                          size_t from_B) {
  size_t rows = 2 * m->cfg.L, H = m->cfg.H, r;
  float *h = alloc_floats(L, 1, UV_TRAIN, rows * B * H);
  for (r = 0; r < rows; r++)
    memcpy(h + r * B * H, src + (r * from_B + first) * H, B * H * sizeof(float));
  m->train_h = h;
  m->train_c = h + m->cfg.L * B * H;
  m->train_B = B;
}

static int model_set_carried_state(lua_State *L) {
  Model *m = check_model(L, 1);
  TwBuffer *b = (TwBuffer *)luaL_checkudata(L, 2, TW_BUFFER);
  lua_Integer B = luaL_checkinteger(L, 3);
  luaL_argcheck(L, B >= 1 && B <= 65536, 3, "streams must be between 1 and 65536");
  luaL_argcheck(L, b->bytes == 2 * m->cfg.L * (size_t)B * m->cfg.H * sizeof(float), 2,
                "buffer size does not match (2 x layers x streams x hidden) floats");
  replace_state(L, m, &b->data[0].f, (size_t)B, 0, (size_t)B);
  lua_settop(L, 1);
  return 1;
}

static int model_keep_streams(lua_State *L) {
  Model *m = check_model(L, 1);
  lua_Integer first = luaL_checkinteger(L, 2), count = luaL_checkinteger(L, 3);
  luaL_argcheck(L, first >= 0, 2, "first stream must not be negative");
  luaL_argcheck(L, count >= 1, 3, "count must be positive");
  if (!m->train_h || (size_t)(first + count) > m->train_B)
    return luaL_error(L, "no carried state of %I streams to keep streams %I to %I of",
                      first + count, first, first + count - 1);
  lua_getiuservalue(L, 1, UV_TRAIN);   /* keeps the old state alive while it is copied */
  replace_state(L, m, m->train_h, (size_t)count, (size_t)first, m->train_B);
  lua_settop(L, 1);
  return 1;
}

/* model:evaluate(batch) -> summed loss (nats), scored characters; no update, no dropout */
static int model_evaluate(lua_State *L) {
  Model *m = check_model(L, 1);
  TwBatch *bt = tw_check_batch(L, 2);
  LstmWork w;
  size_t count;
  double loss;
  check_batch_fits(L, m, bt, "evaluate");
  loss = run_pass(L, m, bt, PASS_EVAL, 0, &w, &count);
  lua_pushnumber(L, loss);
  lua_pushinteger(L, (lua_Integer)count);
  return 2;
}

/* model:gradients(batch) -> mean loss; the gradients of the mean loss, without an update.
 * For the numerical gradient check in the specs; with dropout off the result is exact. */
static int model_gradients(lua_State *L) {
  Model *m = check_model(L, 1);
  TwBatch *bt = tw_check_batch(L, 2);
  LstmWork w;
  size_t count;
  double loss;
  check_batch_fits(L, m, bt, "gradients");
  loss = run_pass(L, m, bt, PASS_GRADIENTS, 0, &w, &count);
  lua_pushnumber(L, count ? loss / (double)count : 0.0);
  return 1;
}

/* Names each parameter block so that Lua can read or nudge single weights:
 * 'embedding', 'output', 'output_bias', 'w1'..'wL' (input and recurrent rows), 'b1'..'bL'. */
static size_t block_range(lua_State *L, const Model *m, const char *name, size_t *len) {
  const LstmConfig *c = &m->cfg;
  unsigned l;
  *len = 0;
  if (strcmp(name, "embedding") == 0) { *len = c->V * c->E; return m->lay.emb; }
  if (strcmp(name, "output") == 0) { *len = c->V * c->H; return m->lay.wy; }
  if (strcmp(name, "output_bias") == 0) { *len = c->V; return m->lay.by; }
  if (sscanf(name, "w%u", &l) == 1 && l >= 1 && l <= c->L) {
    *len = m->lay.b[l - 1] - m->lay.w[l - 1];
    return m->lay.w[l - 1];
  }
  if (sscanf(name, "b%u", &l) == 1 && l >= 1 && l <= c->L) {
    *len = 4 * c->H;
    return m->lay.b[l - 1];
  }
  return (size_t)luaL_error(L, "bad argument #2 (unknown parameter block '%s')", name);
}

static size_t check_param_index(lua_State *L, const Model *m, size_t *len) {
  size_t off = block_range(L, m, luaL_checkstring(L, 2), len);
  lua_Integer i = luaL_checkinteger(L, 3);
  luaL_argcheck(L, i >= 1 && (size_t)i <= *len, 3, "index out of range");
  return off + (size_t)(i - 1);
}

/* model:param(block, i[, value]) -> value; model:grad(block, i) -> gradient */
static int model_param(lua_State *L) {
  Model *m = check_model(L, 1);
  size_t len, k = check_param_index(L, m, &len);
  lua_pushnumber(L, m->params[k]);
  if (!lua_isnoneornil(L, 4)) m->params[k] = (float)luaL_checknumber(L, 4);
  return 1;
}

static int model_grad(lua_State *L) {
  Model *m = check_model(L, 1);
  size_t len, k = check_param_index(L, m, &len);
  if (!m->grads) return luaL_error(L, "no gradients yet: call gradients(batch) first");
  lua_pushnumber(L, m->grads[k]);
  return 1;
}

static int model_block_size(lua_State *L) {
  Model *m = check_model(L, 1);
  size_t len;
  block_range(L, m, luaL_checkstring(L, 2), &len);
  lua_pushinteger(L, (lua_Integer)len);
  return 1;
}

static int model_set_optimizer(lua_State *L) {
  static const char *const known[] = {"name", "lr", "beta1", "beta2", "eps", "alpha", "clip",
                                      NULL};
  static const char *const names[] = {"adam", "rmsprop", NULL};
  Model *m = check_model(L, 1);
  OptimizerConfig o = m->opt;
  luaL_checktype(L, 2, LUA_TTABLE);
  check_keys(L, 2, "set_optimizer", known);
  lua_getfield(L, 2, "name");
  if (!lua_isnil(L, -1)) {
    int k = luaL_checkoption(L, -1, NULL, names);
    if (o.kind != (OptimizerKind)k) {
      /* moments of one optimizer mean nothing to the other */
      o.kind = (OptimizerKind)k;
      if (m->m) memset(m->m, 0, m->lay.total * sizeof(float));
      if (m->v) memset(m->v, 0, m->lay.total * sizeof(float));
      m->opt_steps = 0;
    }
  }
  lua_pop(L, 1);
  o.lr = (float)opt_number(L, 2, "set_optimizer", "lr", o.lr, 0.0, 10.0);
  o.beta1 = (float)opt_number(L, 2, "set_optimizer", "beta1", o.beta1, 0.0, 0.999999);
  o.beta2 = (float)opt_number(L, 2, "set_optimizer", "beta2", o.beta2, 0.0, 0.999999);
  o.eps = (float)opt_number(L, 2, "set_optimizer", "eps", o.eps, 1e-12, 1.0);
  o.alpha = (float)opt_number(L, 2, "set_optimizer", "alpha", o.alpha, 0.0, 0.999999);
  o.clip = (float)opt_number(L, 2, "set_optimizer", "clip", o.clip, 0.0, 1e6);
  m->opt = o;
  lua_settop(L, 1);
  return 1;
}

static int model_set_lr(lua_State *L) {
  Model *m = check_model(L, 1);
  lua_Number lr = luaL_checknumber(L, 2);
  luaL_argcheck(L, lr >= 0 && lr <= 10, 2, "learning rate must be between 0 and 10");
  m->opt.lr = (float)lr;
  lua_settop(L, 1);
  return 1;
}

static int model_set_seed(lua_State *L) {
  Model *m = check_model(L, 1);
  lua_Integer s = luaL_checkinteger(L, 2);
  m->rng = tw_rng_seed((uint64_t)s);
  lua_settop(L, 1);
  return 1;
}

static int model_reset_state(lua_State *L) {
  Model *m = check_model(L, 1);
  if (m->train_h) memset(m->train_h, 0, 2 * m->cfg.L * m->train_B * m->cfg.H * sizeof(float));
  m->cursor = 0;
  lua_settop(L, 1);
  return 1;
}

/* ===== text ===== */

static int32_t token_of(const VocabIndex *ix, uint32_t cp) {
  int32_t t = tw_vocab_find(ix, cp);
  return t < 0 ? TW_TOKEN_UNK : t;
}

/* model:encode(posts) -> data. Empty posts are skipped; unknown characters become UNK. */
static int model_encode(lua_State *L) {
  Model *m = check_model(L, 1);
  VocabIndex ix = vocab_index(m);
  lua_Integer n, i;
  size_t cap = 1;
  TwData *d;
  luaL_checktype(L, 2, LUA_TTABLE);
  n = luaL_len(L, 2);
  for (i = 1; i <= n; i++) {
    size_t len;
    if (lua_geti(L, 2, i) != LUA_TSTRING)
      return luaL_error(L, "bad argument #1 to 'encode' (post %I is a %s, expected a string)",
                        i, luaL_typename(L, -1));
    lua_tolstring(L, -1, &len);
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
        int32_t t = token_of(&ix, tw_utf8_next(s, len, &pos, &d->invalid));
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

static void push_chars(lua_State *L, const uint32_t *cps, size_t n) {
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
  Model *m = check_model(L, 1);
  push_chars(L, m->chars + 2, m->cfg.V - 2);
  return 1;
}

static int model_missing_chars(lua_State *L) {
  Model *m = check_model(L, 1);
  size_t len, invalid = 0, n;
  const char *s = luaL_checklstring(L, 2, &len);
  VocabIndex ix = vocab_index(m);
  uint32_t *out = (uint32_t *)tw_new_bytes(L, (len + 1) * sizeof(uint32_t));
  n = distinct_chars(L, s, len, out, &ix, &invalid);
  push_chars(L, out, n);
  return 1;
}

/* Copies one slab into the layout of a larger vocabulary: the layer blocks come first and
 * keep their offsets; the token-indexed blocks keep their old rows. New rows stay zero. */
static void regrow_slab(const Model *m, const LstmLayout *to, const float *src, float *dst) {
  const LstmConfig *c = &m->cfg;
  memcpy(dst, src, m->lay.emb * sizeof(float));
  memcpy(dst + to->emb, src + m->lay.emb, c->V * c->E * sizeof(float));
  memcpy(dst + to->wy, src + m->lay.wy, c->V * c->H * sizeof(float));
  memcpy(dst + to->by, src + m->lay.by, c->V * sizeof(float));
}

/* model:extend_vocab(chars) -> number added. New embedding and output rows start like fresh
 * ones; every other weight, and the optimizer moments of old rows, are kept. */
static int model_extend_vocab(lua_State *L) {
  Model *m = check_model(L, 1);
  size_t len, invalid = 0, added, oldV = m->cfg.V;
  const char *s = luaL_checklstring(L, 2, &len);
  VocabIndex ix = vocab_index(m);
  uint32_t *chars;
  LstmConfig cfg = m->cfg;
  LstmLayout lay;
  char err[160];
  float *p;
  chars = (uint32_t *)tw_new_bytes(L, (oldV + len) * sizeof(uint32_t));   /* stack: m, s, tmp */
  memcpy(chars, m->chars, oldV * sizeof(uint32_t));
  added = distinct_chars(L, s, len, chars + oldV, &ix, &invalid);
  if (invalid) return luaL_argerror(L, 2, "not valid UTF-8");
  if (added == 0) {
    lua_pushinteger(L, 0);
    return 1;
  }
  cfg.V = oldV + added;
  if (!tw_lstm_config_ok(&cfg, err, sizeof err)) return luaL_error(L, "%s", err);
  tw_lstm_layout(&cfg, &lay);
  p = tw_new_buffer(L, lay.total);                                    /* stack: .., params */
  regrow_slab(m, &lay, m->params, p);
  if (m->m) {
    float *nm = tw_new_buffer(L, lay.total), *nv = tw_new_buffer(L, lay.total);
    regrow_slab(m, &lay, m->m, nm);
    regrow_slab(m, &lay, m->v, nv);
    lua_setiuservalue(L, 1, UV_V);
    lua_setiuservalue(L, 1, UV_M);
    m->m = nm;
    m->v = nv;
  }
  lua_setiuservalue(L, 1, UV_PARAMS);
  m->params = p;
  m->grads = NULL;
  m->pending = 0;
  release(L, 1, UV_GRADS);
  m->work = NULL;
  release(L, 1, UV_WORK);
  set_vocab(L, 1, m, chars, cfg.V);
  m->cfg = cfg;
  m->lay = lay;
  tw_lstm_init_token_rows(&m->cfg, m->params, oldV, added, &m->rng);
  lua_pushinteger(L, (lua_Integer)added);
  return 1;
}

/* ===== generation ===== */

/* C0 controls, DEL and C1 controls: printed, they would drive the terminal (ESC, BEL, CSI),
 * and a newline or tab would break the one-post-per-line output. A vocabulary may hold them
 * (a model is trained on whatever text it is given); generation never draws them. */
static int is_control(uint32_t cp) {
  return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F);
}

/* One sampling step's arguments, for timing steps at a thread count. */
typedef struct {
  const Model *m;
  TwKernels *k;
  const uint16_t *params16;
  size_t N;
  const int32_t *tokens;
  float *xh, *cst, *gates, *logits;
} StepArgs;

static void sampling_steps(void *ctx, int threads, int steps) {
  const StepArgs *a = (const StepArgs *)ctx;
  int i;
  tw_kernels_set_threads(threads);
  for (i = 0; i < steps; i++)
    tw_lstm_step(&a->m->cfg, &a->m->lay, a->m->params, a->k, a->params16, a->N, a->tokens,
                 a->xh, a->cst, a->gates, a->logits);
}

/* model:generate{ n=1, temperature=1, top_k=0, top_p=1, prime='', max_length=280,
 * min_length=1, seed=nil } -> posts. Each post stops at the end-of-post token (never before
 * min_length characters) or at max_length characters, prime included. */
static int model_generate(lua_State *L) {
  static const char *const known[] = {"n", "temperature", "top_k", "top_p", "prime",
                                      "max_length", "min_length", "seed", NULL};
  Model *m = check_model(L, 1);
  const LstmConfig *c = &m->cfg;
  VocabIndex ix = vocab_index(m);
  SampleOptions so;
  size_t N, maxlen, minlen, plen = 0, nprime = 0, invalid = 0, pos = 0, k, n, l, xh_floats = 0;
  size_t active, bytes, nbanned = 0;
  const char *prime;
  uint64_t rng;
  char *mem;
  float *xh, *cst, *gates, *logits;
  int32_t *tokens, *order, *banned, *prime_tokens;
  uint32_t *prime_cps, *out;
  size_t *lens;
  unsigned char *done;
  int threads;
  StepArgs step;
  if (lua_isnoneornil(L, 2)) lua_newtable(L);
  luaL_checktype(L, 2, LUA_TTABLE);
  lua_settop(L, 2);
  check_keys(L, 2, "generate", known);
  N = (size_t)opt_integer(L, 2, "generate", "n", 1, 1, MAX_GENERATE);
  so.temperature = (float)opt_number(L, 2, "generate", "temperature", 1.0, 0.0, 100.0);
  so.top_k = (size_t)opt_integer(L, 2, "generate", "top_k", 0, 0, (lua_Integer)c->V);
  so.top_p = (float)opt_number(L, 2, "generate", "top_p", 1.0, 1e-6, 1.0);
  maxlen = (size_t)opt_integer(L, 2, "generate", "max_length", 280, 1, MAX_LENGTH);
  minlen = (size_t)opt_integer(L, 2, "generate", "min_length", 1, 1, (lua_Integer)maxlen);
  prime = opt_string(L, 2, "generate", "prime", &plen);
  if (N * maxlen > ((size_t)1 << 26))
    return luaL_error(L, "bad argument #1 to 'generate' (n x max_length is too large: at "
                         "most %d characters in one call)", 1 << 26);
  lua_getfield(L, 2, "seed");
  if (lua_isnil(L, -1)) {
    rng = tw_rng_seed(tw_rng_next(&m->rng));
  } else {
    int isnum;
    lua_Integer s = lua_tointegerx(L, -1, &isnum);
    if (!isnum)
      return luaL_error(L, "bad argument #1 to 'generate' (seed must be an integer, got %s)",
                        luaL_typename(L, -1));
    rng = tw_rng_seed((uint64_t)s);
  }
  lua_pop(L, 1);
  if (!prime) plen = 0;
  if (plen > 4 * MAX_PRIME)
    return luaL_error(L, "bad argument #1 to 'generate' (prime is longer than %d characters)",
                      MAX_PRIME);

  for (l = 0; l < c->L; l++) xh_floats += N * ((l == 0 ? c->E : c->H) + c->H);
  bytes = (xh_floats + c->L * N * c->H + N * 4 * c->H + N * c->V) * sizeof(float) +
          (N + 2 * c->V + plen + 1) * sizeof(int32_t) + (plen + 1 + N * maxlen) * sizeof(uint32_t) +
          N * sizeof(size_t) + N;
  mem = (char *)tw_new_bytes(L, bytes);                  /* stack: model, opts, scratch */
  /* lens first: the block is aligned for size_t, the 4-byte arrays after it need less */
  lens = (size_t *)(void *)mem;
  xh = (float *)(void *)(lens + N);
  cst = xh + xh_floats;
  gates = cst + c->L * N * c->H;
  logits = gates + N * 4 * c->H;
  tokens = (int32_t *)(void *)(logits + N * c->V);
  order = tokens + N;
  banned = order + c->V;
  prime_tokens = banned + c->V;
  prime_cps = (uint32_t *)(void *)(prime_tokens + plen + 1);
  out = prime_cps + plen + 1;
  done = (unsigned char *)(out + N * maxlen);

  while (pos < plen) {
    uint32_t cp = tw_utf8_next(prime, plen, &pos, &invalid);
    if (is_control(cp)) {
      char name[16];
      snprintf(name, sizeof name, "U+%04X", (unsigned)cp);
      return luaL_error(L, "bad argument #1 to 'generate' (prime holds control character %s)",
                        name);
    }
    prime_cps[nprime] = cp;
    prime_tokens[nprime++] = token_of(&ix, cp);
  }
  if (invalid) return luaL_error(L, "bad argument #1 to 'generate' (prime is not valid UTF-8)");
  for (k = 2; k < c->V; k++)
    if (is_control(m->chars[k])) banned[nbanned++] = (int32_t)k;
  if (nprime > MAX_PRIME)
    return luaL_error(L, "bad argument #1 to 'generate' (prime is longer than %d characters)",
                      MAX_PRIME);
  if (nprime >= maxlen)
    return luaL_error(L, "bad argument #1 to 'generate' (prime has %I characters, which "
                         "leaves no room under max_length %I)", (lua_Integer)nprime,
                      (lua_Integer)maxlen);

  /* every post starts from a reset state: the end-of-post token, then the prime */
  for (n = 0; n < N; n++) {
    tokens[n] = TW_TOKEN_EOS;
    memcpy(out + n * maxlen, prime_cps, nprime * sizeof(uint32_t));
    lens[n] = nprime;
  }
  step.m = m;
  step.k = tw_kernels_of(L);
  step.params16 = tw_kernels_bf16(step.k)
                      ? tw_kernels_shadow(step.k, m->params, m->lay.total) : NULL;
  step.N = N;
  step.tokens = tokens;
  step.xh = xh;
  step.cst = cst;
  step.gates = gates;
  step.logits = logits;
  /* one stream is a chain of matrix-vector products that stream the weights: whether a
   * second thread's bandwidth pays for waking it depends on the model's size and the
   * machine, so it is measured, once per model size (the steps from end-of-post tokens
   * leave nothing behind: the first real step resets the state) */
  threads = openblas_get_num_threads();
  if (N == 1)
    tw_kernels_set_threads(tw_kernels_sampling_threads(step.k, m->lay.total, threads,
                                                       sampling_steps, &step));
  sampling_steps(&step, openblas_get_num_threads(), 1);
  for (k = 0; k < nprime; k++) {
    for (n = 0; n < N; n++) tokens[n] = prime_tokens[k];
    sampling_steps(&step, openblas_get_num_threads(), 1);
  }
  active = N;
  while (active > 0) {
    for (n = 0; n < N; n++) {
      int32_t t;
      if (done[n]) continue;
      for (k = 0; k < nbanned; k++) logits[n * c->V + (size_t)banned[k]] = -INFINITY;
      /* no empty posts, and none shorter than min_length */
      t = tw_sample_token(logits + n * c->V, c->V, &so,
                          lens[n] == nprime || lens[n] < minlen, &rng, order);
      /* a control character comes back only as the fallback when nothing else may be
       * drawn: the post ends there */
      if (t == TW_TOKEN_EOS || is_control(m->chars[t])) {
        done[n] = 1;
        active--;
        continue;
      }
      out[n * maxlen + lens[n]++] = m->chars[t];
      tokens[n] = t;
      if (lens[n] >= maxlen) {
        done[n] = 1;
        active--;
      }
    }
    if (active > 0)
      tw_lstm_step(c, &m->lay, m->params, step.k, step.params16, N, tokens, xh, cst, gates,
                   logits);
  }
  tw_kernels_set_threads(threads);
  lua_createtable(L, (int)N, 0);
  for (n = 0; n < N; n++) {
    push_chars(L, out + n * maxlen, lens[n]);
    lua_rawseti(L, -2, (lua_Integer)(n + 1));
  }
  return 1;
}

/* The tokens of one post for a probe, from a reset state: EOS, its characters, EOS (the
 * inputs are tokens[0..T-1], the targets tokens[1..T]). Pushes the token array. */
#define MAX_PROBE 4096
static int32_t *probe_tokens(lua_State *L, const Model *m, size_t *T) {
  VocabIndex ix = vocab_index(m);
  size_t len, pos = 0, invalid = 0, n = 1;
  const char *text = luaL_checklstring(L, 2, &len);
  int32_t *tokens;
  if (len > 4 * MAX_PROBE) luaL_argerror(L, 2, "longer than 4096 characters");
  tokens = (int32_t *)tw_new_bytes(L, (len + 2) * sizeof(int32_t));
  tokens[0] = TW_TOKEN_EOS;
  while (pos < len) tokens[n++] = token_of(&ix, tw_utf8_next(text, len, &pos, &invalid));
  if (invalid) luaL_argerror(L, 2, "not valid UTF-8");
  if (n > MAX_PROBE) luaL_argerror(L, 2, "longer than 4096 characters");
  tokens[n] = TW_TOKEN_EOS;
  *T = n;
  return tokens;
}

/* The training pass over one post (B=1) from a reset state; returns its softmax, T rows of
 * V, which live in the model's workspace until the next pass. The pass runs over T rounded
 * up to a multiple of 64 (end-of-post inputs, unscored targets): posts of every length then
 * share a few shapes, and the kernels timed for a shape are reused. */
static const float *probe_forward(lua_State *L, Model *m, const int32_t *tokens, size_t T) {
  const LstmConfig *c = &m->cfg;
  size_t Tp = (T + 63) / 64 * 64, t, count;
  LstmWork w;
  LstmState st;
  int32_t *inputs, *targets;
  ensure_work(L, 1, m, 1, Tp, 0);
  st.h = (float *)tw_new_bytes(L, 2 * c->L * c->H * sizeof(float) + 2 * Tp * sizeof(int32_t));
  memset(st.h, 0, 2 * c->L * c->H * sizeof(float));   /* a reset state */
  st.c = st.h + c->L * c->H;
  inputs = (int32_t *)(void *)(st.c + c->L * c->H);
  targets = inputs + Tp;
  for (t = 0; t < Tp; t++) {
    inputs[t] = t < T ? tokens[t] : TW_TOKEN_EOS;
    targets[t] = t < T ? tokens[t + 1] : TW_IGNORE;
  }
  tw_lstm_work_point(&w, c, 1, Tp, m->work_dropout, m->work);
  w.kernels = tw_kernels_of(L);
  tw_lstm_forward(c, &m->lay, m->params, &w, inputs, targets, &st, 0.0f, &m->rng, &count);
  lua_pop(L, 1);
  return w.probs;
}

/* model:probabilities(post, 'forward'|'step') -> { {p_1..p_V}, ... }: the next-token
 * distribution after the end-of-post token and after each character of `post`, from a reset
 * state, computed by the training pass (tw_lstm_forward) or by the sampling step
 * (tw_lstm_step). The two paths share no kernel code; the specs compare them. */
static int model_probabilities(lua_State *L) {
  static const char *const paths[] = {"forward", "step", NULL};
  Model *m = check_model(L, 1);
  const LstmConfig *c = &m->cfg;
  size_t T, t, v, l, xh_floats = 0;
  int use_step = luaL_checkoption(L, 3, NULL, paths);
  int32_t *tokens = probe_tokens(L, m, &T);
  const float *probs;
  if (use_step) {
    TwKernels *k = tw_kernels_of(L);
    const uint16_t *params16 =
        tw_kernels_bf16(k) ? tw_kernels_shadow(k, m->params, m->lay.total) : NULL;
    float *xh, *cst, *gates, *logits, *out;
    for (l = 0; l < c->L; l++) xh_floats += (l == 0 ? c->E : c->H) + c->H;
    xh = (float *)tw_new_bytes(L, (xh_floats + c->L * c->H + 4 * c->H + c->V + T * c->V) *
                                  sizeof(float));
    memset(xh, 0, xh_floats * sizeof(float));
    cst = xh + xh_floats;
    memset(cst, 0, c->L * c->H * sizeof(float));
    gates = cst + c->L * c->H;
    logits = gates + 4 * c->H;
    out = logits + c->V;
    for (t = 0; t < T; t++) {
      double mx = -HUGE_VAL, z = 0;
      tw_lstm_step(c, &m->lay, m->params, k, params16, 1, tokens + t, xh, cst, gates, logits);
      for (v = 0; v < c->V; v++) mx = logits[v] > mx ? logits[v] : mx;
      for (v = 0; v < c->V; v++) z += exp(logits[v] - mx);
      for (v = 0; v < c->V; v++) out[t * c->V + v] = (float)(exp(logits[v] - mx) / z);
    }
    probs = out;
  } else {
    probs = probe_forward(L, m, tokens, T);
  }
  lua_createtable(L, (int)T, 0);
  for (t = 0; t < T; t++) {
    lua_createtable(L, (int)c->V, 0);
    for (v = 0; v < c->V; v++) {
      lua_pushnumber(L, probs[t * c->V + v]);
      lua_rawseti(L, -2, (lua_Integer)(v + 1));
    }
    lua_rawseti(L, -2, (lua_Integer)(t + 1));
  }
  return 1;
}

/* model:losses(post) -> { nats, ... }: the loss of each prediction of `post` scored from a
 * reset state (each of its characters, then its end), by the training pass. Lets a caller
 * leave out spans (URLs) when it sums bits per character. */
static int model_losses(lua_State *L) {
  Model *m = check_model(L, 1);
  size_t T, t, V = m->cfg.V;
  int32_t *tokens = probe_tokens(L, m, &T);
  const float *probs = probe_forward(L, m, tokens, T);
  lua_createtable(L, (int)T, 0);
  for (t = 0; t < T; t++) {
    double p = probs[t * V + (size_t)tokens[t + 1]];
    lua_pushnumber(L, -log(p > 1e-30 ? p : 1e-30));
    lua_rawseti(L, -2, (lua_Integer)(t + 1));
  }
  return 1;
}

/* ===== information ===== */

static void set_int(lua_State *L, const char *k, lua_Integer v) {
  lua_pushinteger(L, v);
  lua_setfield(L, -2, k);
}

static void set_num(lua_State *L, const char *k, lua_Number v) {
  lua_pushnumber(L, v);
  lua_setfield(L, -2, k);
}

static int model_info(lua_State *L) {
  Model *m = check_model(L, 1);
  size_t k;
  lua_createtable(L, 0, 16);
  set_int(L, "embed", (lua_Integer)m->cfg.E);
  set_int(L, "hidden", (lua_Integer)m->cfg.H);
  set_int(L, "layers", (lua_Integer)m->cfg.L);
  set_int(L, "vocab_size", (lua_Integer)m->cfg.V);
  set_int(L, "params", (lua_Integer)m->lay.total);
  set_int(L, "steps", (lua_Integer)m->steps);
  set_int(L, "seed", (lua_Integer)m->seed);
  set_int(L, "cursor", (lua_Integer)m->cursor);
  if (m->cursor_B) {
    set_int(L, "batch", (lua_Integer)m->cursor_B);
    set_int(L, "seq", (lua_Integer)m->cursor_T);
  }
  set_int(L, "optimizer_steps", (lua_Integer)m->opt_steps);
  set_num(L, "dropout", m->dropout);
  set_num(L, "lr", m->opt.lr);
  set_num(L, "clip", m->opt.clip);
  lua_pushstring(L, m->opt.kind == TW_OPT_ADAM ? "adam" : "rmsprop");
  lua_setfield(L, -2, "optimizer");
  lua_createtable(L, (int)m->nhistory, 0);
  for (k = 0; k < m->nhistory; k++) {
    lua_createtable(L, 0, 3);
    set_int(L, "step", (lua_Integer)m->history[k].step);
    set_num(L, "train", m->history[k].train);
    if (!isnan(m->history[k].valid)) set_num(L, "valid", m->history[k].valid);
    lua_rawseti(L, -2, (lua_Integer)(k + 1));
  }
  lua_setfield(L, -2, "history");
  return 1;
}

static int model_add_history(lua_State *L) {
  Model *m = check_model(L, 1);
  lua_Integer step = luaL_checkinteger(L, 2);
  lua_Number train = luaL_checknumber(L, 3);
  lua_Number valid = luaL_optnumber(L, 4, NAN);
  luaL_argcheck(L, step >= 0, 2, "step must not be negative");
  luaL_argcheck(L, m->nhistory < ((size_t)1 << 24), 2, "history is full");
  history_reserve(L, 1, m, m->nhistory + 1);
  m->history[m->nhistory].step = (uint64_t)step;
  m->history[m->nhistory].train = (float)train;
  m->history[m->nhistory].valid = (float)valid;
  m->nhistory++;
  lua_settop(L, 1);
  return 1;
}

static int model_tostring(lua_State *L) {
  Model *m = check_model(L, 1);
  lua_pushfstring(L, "tweeter.Model(V=%I E=%I H=%I L=%I, %I params, %I steps)",
                  (lua_Integer)m->cfg.V, (lua_Integer)m->cfg.E, (lua_Integer)m->cfg.H,
                  (lua_Integer)m->cfg.L, (lua_Integer)m->lay.total, (lua_Integer)m->steps);
  return 1;
}

/* ===== copies, files ===== */

static float *copy_floats(lua_State *L, int idx, int slot, const float *src, size_t n) {
  float *p = alloc_floats(L, idx, slot, n);
  memcpy(p, src, n * sizeof(float));
  return p;
}

/* A model from an image: scalars copied, arrays allocated; the caller fills the arrays. */
static Model *model_from_image(lua_State *L, const ModelImage *img, const uint32_t *chars) {
  Model *m = push_model(L);
  int idx = lua_gettop(L);
  m->cfg = img->cfg;
  point_model(m);
  m->dropout = img->dropout;
  m->seed = img->seed;
  m->opt = img->opt;
  m->steps = img->steps;
  m->opt_steps = img->opt_steps;
  m->cursor = img->cursor;
  m->cursor_B = img->cursor_B;
  m->cursor_T = img->cursor_T;
  m->rng = img->rng ? img->rng : tw_rng_seed(img->seed);
  set_vocab(L, idx, m, chars, m->cfg.V);
  m->params = alloc_floats(L, idx, UV_PARAMS, m->lay.total);
  history_reserve(L, idx, m, img->nhistory);
  m->nhistory = img->nhistory;
  return m;
}

/* Everything a model file holds, pointing into the model's own arrays (not copied). */
static void image_of(const Model *m, ModelImage *img) {
  memset(img, 0, sizeof *img);
  img->cfg = m->cfg;
  img->dropout = m->dropout;
  img->seed = m->seed;
  img->opt = m->opt;
  img->steps = m->steps;
  img->opt_steps = m->opt_steps;
  img->cursor = m->cursor;
  img->cursor_B = m->cursor_B;
  img->cursor_T = m->cursor_T;
  img->rng = m->rng;
  img->chars = m->chars + 2;
  img->params = m->params;
  img->m = m->m;
  img->v = m->v;
  img->carry_B = m->train_h ? m->train_B : 0;
  img->carry_h = m->train_h;
  img->carry_c = m->train_c;
  img->history = m->history;
  img->nhistory = m->nhistory;
}

static int model_copy(lua_State *L) {
  Model *src = check_model(L, 1);
  ModelImage img;
  Model *m;
  image_of(src, &img);
  m = model_from_image(L, &img, src->chars);
  memcpy(m->params, src->params, m->lay.total * sizeof(float));
  if (src->nhistory) memcpy(m->history, src->history, src->nhistory * sizeof(HistoryEntry));
  if (src->m) {
    m->m = copy_floats(L, 2, UV_M, src->m, m->lay.total);
    m->v = copy_floats(L, 2, UV_V, src->v, m->lay.total);
  }
  if (src->train_h) {
    size_t n = src->cfg.L * src->train_B * src->cfg.H;
    m->train_h = copy_floats(L, 2, UV_TRAIN, src->train_h, 2 * n);
    m->train_c = m->train_h + n;
    m->train_B = src->train_B;
  }
  return 1;
}

static int push_fail(lua_State *L, const char *path, const char *what) {
  luaL_pushfail(L);
  lua_pushfstring(L, "%s: %s", path, what);
  return 2;
}

/* Files up to this size are read whole before their sizes are checked, so that the checksum,
 * which names corruption best, is checked first; a larger one must first pass the section
 * checks made from a few dozen bytes read from the disk, so that a huge or sparse file is
 * refused without being read or allocated. */
#define LOAD_READ_WHOLE ((uint64_t)64 << 20)

typedef struct {
  int fd;
} FileSource;

static int pread_all(int fd, uint64_t off, uint8_t *dst, size_t n) {
  while (n > 0) {
    ssize_t got = pread(fd, dst, n, (off_t)off);
    if (got < 0 && errno == EINTR) continue;
    if (got <= 0) return 0;
    dst += got;
    off += (uint64_t)got;
    n -= (size_t)got;
  }
  return 1;
}

static int read_file_at(void *ctx, uint64_t off, uint8_t *dst, size_t n) {
  return pread_all(((const FileSource *)ctx)->fd, off, dst, n);
}

static int all_finite(const float *x, size_t n) {
  size_t k;
  for (k = 0; k < n; k++)
    if (!isfinite(x[k])) return 0;
  return 1;
}

/* core.load(path) -> model | nil, message. Never raises on a bad file (only on memory that
 * a file of a valid size needs and the system lacks), never blocks on a FIFO, and its
 * descriptor is closed on every path. */
static int model_load(lua_State *L) {
  const char *path = luaL_checkstring(L, 1);
  ModelFileView view;
  ModelFileLayout lay;
  FileSource src;
  char err[200];
  struct stat st;
  uint8_t head[TW_FILE_HEADER], *bytes;
  uint32_t *chars;
  size_t size, pos = 0, invalid = 0, k;
  int *fd;
  Model *m;
  int idx;
  if (stat(path, &st) != 0) return push_fail(L, path, strerror(errno));
  if (S_ISDIR(st.st_mode)) return push_fail(L, path, "is a directory, not a model file");
  if (!S_ISREG(st.st_mode)) return push_fail(L, path, "is not a regular file");
  fd = tw_push_descriptor(L);                               /* stack: path, fd */
  *fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
  if (*fd < 0 || fstat(*fd, &st) != 0) return push_fail(L, path, strerror(errno));
  if (!S_ISREG(st.st_mode)) return push_fail(L, path, "is not a regular file");
  if ((uint64_t)st.st_size > (uint64_t)SIZE_MAX / 2)
    return push_fail(L, path, "file too large to be a model");
  size = (size_t)st.st_size;
  if (!pread_all(*fd, 0, head, size < TW_FILE_HEADER ? size : TW_FILE_HEADER))
    return push_fail(L, path, "read error");
  if (!tw_file_check_header(head, size < TW_FILE_HEADER ? size : TW_FILE_HEADER, size, err,
                            sizeof err))
    return push_fail(L, path, err);
  src.fd = *fd;
  if (size > LOAD_READ_WHOLE && !tw_file_layout(read_file_at, &src, size, &lay, err, sizeof err))
    return push_fail(L, path, err);
  bytes = (uint8_t *)tw_new_bytes(L, size);                 /* stack: path, fd, bytes */
  if (!pread_all(*fd, 0, bytes, size)) return push_fail(L, path, "file changed while reading");
  if (!tw_file_decode(bytes, size, &view, err, sizeof err)) return push_fail(L, path, err);
  /* the vocabulary: exactly V-2 distinct valid characters */
  chars = (uint32_t *)tw_new_bytes(L, (view.chars_len + 2) * sizeof(uint32_t));
  k = 2;
  while (pos < view.chars_len && k <= view.img.cfg.V) {
    chars[k++] = tw_utf8_next((const char *)view.chars_utf8, view.chars_len, &pos, &invalid);
  }
  if (invalid || pos != view.chars_len || k != view.img.cfg.V)
    return push_fail(L, path, "the vocabulary does not match the configuration");
  m = model_from_image(L, &view.img, chars);
  idx = lua_gettop(L);
  for (k = 0; k + 1 < m->cfg.V - 2; k++)
    if (m->keys[k] == m->keys[k + 1])
      return push_fail(L, path, "the vocabulary lists a character twice");
  tw_file_floats(m->params, view.weights, m->lay.total, view.img.half);
  if (!all_finite(m->params, m->lay.total)) return push_fail(L, path, "non-finite weights");
  if (view.moments) {
    m->m = alloc_floats(L, idx, UV_M, m->lay.total);
    m->v = alloc_floats(L, idx, UV_V, m->lay.total);
    tw_file_floats(m->m, view.moments, m->lay.total, 0);
    tw_file_floats(m->v, view.moments + 4 * m->lay.total, m->lay.total, 0);
    if (!all_finite(m->m, m->lay.total) || !all_finite(m->v, m->lay.total))
      return push_fail(L, path, "non-finite optimizer state");
  } else {
    m->opt_steps = 0;
    if (!(m->opt.lr > 0)) default_optimizer(&m->opt);
  }
  if (view.carry) {
    size_t n = m->cfg.L * view.img.carry_B * m->cfg.H;
    m->train_h = alloc_floats(L, idx, UV_TRAIN, 2 * n);
    m->train_c = m->train_h + n;
    m->train_B = view.img.carry_B;
    tw_file_floats(m->train_h, view.carry, 2 * n, 0);
    if (!all_finite(m->train_h, 2 * n)) return push_fail(L, path, "non-finite recurrent state");
  }
  tw_file_history(m->history, view.history, m->nhistory);
  return 1;
}

/* model:save(path[, { half = false }]) -> true | nil, message. Through the one atomic
 * writer (lsys.c): a crash or a full disk never leaves a half-written model where a good one
 * was. Weights that are not finite (a diverged training) are refused, not saved. */
static int model_save(lua_State *L) {
  Model *m = check_model(L, 1);
  const char *path = luaL_checkstring(L, 2);
  ModelImage img;
  uint8_t *bytes;
  size_t size;
  char err[PATH_MAX + 100];
  char *target;
  image_of(m, &img);
  if (!lua_isnoneornil(L, 3)) {
    luaL_checktype(L, 3, LUA_TTABLE);
    lua_getfield(L, 3, "half");
    img.half = lua_toboolean(L, -1);
    lua_pop(L, 1);
  }
  /* the path is checked before the (possibly large) image is made */
  target = (char *)tw_new_bytes(L, PATH_MAX);
  if (!tw_check_output(path, target, PATH_MAX, err, sizeof err)) {
    luaL_pushfail(L);
    lua_pushstring(L, err);
    return 2;
  }
  if (!all_finite(m->params, m->lay.total)) return push_fail(L, path, "non-finite weights");
  size = tw_file_size(&img);
  bytes = (uint8_t *)tw_new_bytes(L, size);
  tw_file_encode(&img, bytes);
  return tw_write_file(L, path, bytes, size);
}

void tw_open_model(lua_State *L) {
  static const luaL_Reg methods[] = {
    {"train_step", model_train_step}, {"train_gradients", model_train_gradients},
    {"gradient_buffer", model_gradient_buffer}, {"apply_gradients", model_apply_gradients},
    {"carried_state", model_carried_state}, {"set_carried_state", model_set_carried_state},
    {"keep_streams", model_keep_streams}, {"evaluate", model_evaluate},
    {"gradients", model_gradients}, {"param", model_param}, {"grad", model_grad},
    {"block_size", model_block_size}, {"set_optimizer", model_set_optimizer},
    {"set_lr", model_set_lr}, {"set_seed", model_set_seed}, {"reset_state", model_reset_state},
    {"encode", model_encode}, {"vocab", model_vocab}, {"missing_chars", model_missing_chars},
    {"extend_vocab", model_extend_vocab}, {"generate", model_generate},
    {"probabilities", model_probabilities}, {"losses", model_losses}, {"info", model_info},
    {"add_history", model_add_history}, {"copy", model_copy}, {"save", model_save},
    {NULL, NULL}
  };
  static const luaL_Reg meta[] = {{"__tostring", model_tostring}, {NULL, NULL}};
  static const luaL_Reg funcs[] = {{"model", model_new}, {"load", model_load}, {NULL, NULL}};
  tw_new_type(L, TW_MODEL, methods, meta);
  luaL_setfuncs(L, funcs, 0);   /* stack: core */
}
