/*
 * ldata.c: tweeter.Data (posts encoded as tokens) and tweeter.Batch (B streams of T steps
 * over a Data, for training or for one evaluation pass). Memory lives in user values.
 */
#include <string.h>

#include "cell.h"
#include "model.h"
#include "tweeter.h"

/* ===== Data ===== */

TwData *tw_push_data(lua_State *L, size_t capacity) {
  TwData *d = (TwData *)lua_newuserdatauv(L, sizeof(TwData), 1);   /* stack: data */
  memset(d, 0, sizeof *d);
  luaL_setmetatable(L, TW_DATA);
  if (capacity > ((size_t)1 << 34)) luaL_error(L, "too much text: %I tokens", (lua_Integer)capacity);
  d->tokens = (int32_t *)tw_new_bytes(L, capacity * sizeof(int32_t));  /* stack: data, buf */
  lua_setiuservalue(L, -2, 1);                                         /* stack: data */
  return d;
}

static TwData *check_data(lua_State *L, int arg) {
  return (TwData *)luaL_checkudata(L, arg, TW_DATA);
}

/* data:tokens(), data:posts(), data:invalid(), data:unknown(): the counts encoding made */
#define DATA_COUNT(fname, field)                                 \
  static int fname(lua_State *L) {                               \
    lua_pushinteger(L, (lua_Integer)check_data(L, 1)->field);    \
    return 1;                                                    \
  }
DATA_COUNT(data_tokens, ntokens)
DATA_COUNT(data_posts, nposts)
DATA_COUNT(data_invalid, invalid)
DATA_COUNT(data_unknown, unknown)

static int data_tostring(lua_State *L) {
  TwData *d = check_data(L, 1);
  lua_pushfstring(L, "tweeter.Data(%I posts, %I tokens)", (lua_Integer)d->nposts,
                  (lua_Integer)d->ntokens);
  return 1;
}

/* ===== Batch ===== */

TwBatch *tw_check_batch(lua_State *L, int arg) {
  return (TwBatch *)luaL_checkudata(L, arg, TW_BATCH);
}

static size_t check_size(lua_State *L, int arg, const char *name, lua_Integer max) {
  lua_Integer v = luaL_checkinteger(L, arg);
  if (v < 1 || v > max)
    luaL_error(L, "bad argument #%d to 'batches' (%s must be between 1 and %I, got %I)",
               arg - 1, name, max, v);
  return (size_t)v;
}

/* Streams start at post boundaries (an EOS input) spread evenly over the data. Streams that
 * would start at the same boundary (fewer posts than streams) cover the whole data when
 * training and nothing in an evaluation pass, so every character is scored exactly once.
 * Fills start and len, (B) each, for the whole layout of B streams. */
static void place_streams(const TwData *d, size_t B, int wrap, size_t *start, size_t *len) {
  size_t last = d->ntokens - 1, b, p = 0;
  for (b = 0; b < B; b++) {
    size_t want = (size_t)((double)last * (double)b / (double)B);
    if (p < want) p = want;
    while (p < last && d->tokens[p] != TW_TOKEN_EOS) p++;
    if (p >= last) {   /* no boundary left: back to the last one */
      p = last;
      while (p > 0 && d->tokens[p - 1] != TW_TOKEN_EOS) p--;
      if (p > 0) p--;
    }
    start[b] = p;
  }
  for (b = 0; b < B; b++) {
    size_t end = last, k;
    for (k = b + 1; k < B; k++)
      if (start[k] > start[b]) {
        end = start[k];
        break;
      }
    if (b > 0 && start[b - 1] == start[b]) {
      if (wrap) {
        start[b] = 0;
        len[b] = last;
      } else {
        len[b] = 0;
      }
    } else {
      len[b] = end - start[b];
    }
  }
}

/* data:batches(B, T[, opts]) -> batch. opts.wrap (default true); opts.parts (default 1) and
 * opts.part (0 .. parts-1, default 0): the batch holds only streams part*B/parts ..
 * (part+1)*B/parts - 1 of the B-stream layout, the share of one of `parts` processes that
 * together take the whole batch. */
static int data_batches(lua_State *L) {
  static const char *const known[] = {"wrap", "parts", "part", NULL};
  TwData *d = check_data(L, 1);
  size_t B = check_size(L, 2, "batch size", 65536), T = check_size(L, 3, "steps", 65536);
  size_t first = 0, Bp;
  lua_Integer part = 0, parts = 1;
  int wrap = 1;
  TwBatch *bt;
  char *mem;
  if (!lua_isnoneornil(L, 4)) {
    luaL_checktype(L, 4, LUA_TTABLE);
    tw_check_keys(L, 4, "batches", known);
    wrap = tw_opt_boolean(L, 4, "batches", "wrap", 1);
    /* the ranges depend on B and parts: checked below */
    parts = tw_opt_integer(L, 4, "batches", "parts", 1, LUA_MININTEGER, LUA_MAXINTEGER);
    part = tw_opt_integer(L, 4, "batches", "part", 0, LUA_MININTEGER, LUA_MAXINTEGER);
    luaL_argcheck(L, parts >= 1 && parts <= (lua_Integer)B, 4,
                  "parts must be between 1 and the batch size");
    luaL_argcheck(L, part >= 0 && part < parts, 4, "part must be between 0 and parts - 1");
    if (B % (size_t)parts != 0)
      return luaL_error(L, "bad argument #1 to 'batches' (batch size %I is not divisible by %I "
                           "parts)", (lua_Integer)B, parts);
  }
  Bp = B / (size_t)parts;
  first = (size_t)part * Bp;
  if (d->nposts == 0) return luaL_error(L, "cannot make batches: the data has no posts");
  if (B * T > ((size_t)1 << 26))
    return luaL_error(L, "batch too large: %I x %I steps", (lua_Integer)B, (lua_Integer)T);
  bt = (TwBatch *)lua_newuserdatauv(L, sizeof(TwBatch), 2);   /* stack: data.., batch */
  memset(bt, 0, sizeof *bt);
  luaL_setmetatable(L, TW_BATCH);
  lua_pushvalue(L, 1);
  lua_setiuservalue(L, -2, 1);
  /* the whole layout's starts and lengths, then this part's inputs and targets */
  mem = (char *)tw_new_bytes(L, 2 * Bp * T * sizeof(int32_t) + 2 * B * sizeof(size_t));
  lua_setiuservalue(L, -2, 2);                                /* stack: data.., batch */
  bt->B = Bp;
  bt->layout_B = B;
  bt->T = T;
  bt->wrap = wrap;
  bt->data = d;
  place_streams(d, B, wrap, (size_t *)(void *)mem, (size_t *)(void *)mem + B);
  bt->start = (size_t *)(void *)mem + first;
  bt->len = (size_t *)(void *)mem + B + first;
  bt->inputs = (int32_t *)(void *)((size_t *)(void *)mem + 2 * B);
  bt->targets = bt->inputs + Bp * T;
  return 1;
}

static void fill_wrapping(TwBatch *bt) {
  const int32_t *tok = bt->data->tokens;
  size_t B = bt->B, T = bt->T, b, t;
  for (b = 0; b < B; b++) {
    size_t len = bt->len[b];
    size_t off = (size_t)((bt->cursor % len) * (T % len) % len);
    for (t = 0; t < T; t++) {
      size_t pos = bt->start[b] + (off + t) % len;
      bt->inputs[t * B + b] = tok[pos];
      bt->targets[t * B + b] = tok[pos + 1];
    }
  }
}

/* Fills the k-th batch of an evaluation pass; returns 0 when every stream is exhausted. */
static int fill_pass(TwBatch *bt, uint64_t k) {
  const int32_t *tok = bt->data->tokens;
  size_t B = bt->B, T = bt->T, b, t;
  int any = 0;
  for (b = 0; b < B; b++)
    for (t = 0; t < T; t++) {
      uint64_t rel = k * T + t;
      if (rel < bt->len[b]) {
        size_t pos = bt->start[b] + (size_t)rel;
        bt->inputs[t * B + b] = tok[pos];
        bt->targets[t * B + b] = tok[pos + 1];
        any = 1;
      } else {
        bt->inputs[t * B + b] = TW_TOKEN_EOS;
        bt->targets[t * B + b] = TW_IGNORE;
      }
    }
  return any;
}

static int batch_next(lua_State *L) {
  TwBatch *bt = tw_check_batch(L, 1);
  if (bt->wrap) {
    fill_wrapping(bt);
    bt->first = bt->cursor == 0;
    bt->cursor++;
    lua_pushboolean(L, 1);
    return 1;
  }
  if (!fill_pass(bt, bt->cursor)) {
    bt->cursor = 0;
    lua_pushboolean(L, 0);
    return 1;
  }
  bt->first = bt->cursor == 0;
  bt->cursor++;
  lua_pushboolean(L, 1);
  return 1;
}

static int batch_cursor(lua_State *L) {
  lua_pushinteger(L, (lua_Integer)tw_check_batch(L, 1)->cursor);
  return 1;
}

static int batch_seek(lua_State *L) {
  TwBatch *bt = tw_check_batch(L, 1);
  lua_Integer n = luaL_checkinteger(L, 2);
  luaL_argcheck(L, n >= 0, 2, "cursor must not be negative");
  luaL_argcheck(L, (uint64_t)n <= TW_MAX_STEPS, 2, "cursor past 2^40, more than training reaches");
  bt->cursor = (uint64_t)n;
  lua_settop(L, 1);
  return 1;
}

static int batch_epoch(lua_State *L) {
  TwBatch *bt = tw_check_batch(L, 1);
  double chars = (double)(bt->data->ntokens - 1);
  lua_pushnumber(L, (double)bt->cursor * (double)bt->layout_B * (double)bt->T / chars);
  return 1;
}

static int batch_size(lua_State *L) {
  TwBatch *bt = tw_check_batch(L, 1);
  lua_pushinteger(L, (lua_Integer)bt->B);
  lua_pushinteger(L, (lua_Integer)bt->T);
  return 2;
}

static int batch_tostring(lua_State *L) {
  TwBatch *bt = tw_check_batch(L, 1);
  if (bt->B < bt->layout_B)
    lua_pushfstring(L, "tweeter.Batch(%Ix%I of %I streams, %s)", (lua_Integer)bt->B,
                    (lua_Integer)bt->T, (lua_Integer)bt->layout_B,
                    bt->wrap ? "training" : "evaluation");
  else
    lua_pushfstring(L, "tweeter.Batch(%Ix%I, %s)", (lua_Integer)bt->B, (lua_Integer)bt->T,
                    bt->wrap ? "training" : "evaluation");
  return 1;
}

void tw_open_data(lua_State *L) {
  static const luaL_Reg data_methods[] = {
    {"tokens", data_tokens}, {"posts", data_posts}, {"invalid", data_invalid},
    {"unknown", data_unknown}, {"batches", data_batches}, {NULL, NULL}
  };
  static const luaL_Reg data_meta[] = {{"__tostring", data_tostring}, {NULL, NULL}};
  static const luaL_Reg batch_methods[] = {
    {"next", batch_next}, {"cursor", batch_cursor}, {"seek", batch_seek},
    {"epoch", batch_epoch}, {"size", batch_size}, {NULL, NULL}
  };
  static const luaL_Reg batch_meta[] = {{"__tostring", batch_tostring}, {NULL, NULL}};
  tw_new_type(L, TW_DATA, data_methods, data_meta);
  tw_new_type(L, TW_BATCH, batch_methods, batch_meta);
}
