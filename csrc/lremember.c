/*
 * lremember.c: the copy guard's methods of tweeter.Model, and core.window_hashes, the same
 * hashes for a set kept in Lua (--novel-against). The model's set of window hashes
 * (remember.c) is a Buffer in the model's user value UV_SEEN, built anew beside the old one
 * and swapped in only when it fits, so a refused remember leaves the set as it was.
 */
#include <string.h>

#include "lmodel.h"
#include "remember.h"

/* Pushes post i of the table at index 2; raises when it is not a string. */
static const char *push_post(lua_State *L, lua_Integer i, size_t *len) {
  if (lua_geti(L, 2, i) != LUA_TSTRING)
    luaL_error(L, "bad argument #1 to 'remember' (post %I is a %s, expected a string)", i,
               luaL_typename(L, -1));
  return lua_tolstring(L, -1, len);
}

/* model:remember(posts) -> the set's new count | nil, message. Adds the hash of every
 * window of TW_REMEMBER_WINDOW code points of each post (invalid UTF-8 reads as U+FFFD, as
 * model:encode reads it); a post shorter than a window adds nothing. When the set would
 * pass TW_REMEMBER_MAX hashes it is left as it was. */
static int model_remember(lua_State *L) {
  Model *m = &tw_check_model(L, 1)->core;
  lua_Integer n, i;
  size_t windows = 0, len, chunk_cap;
  uint32_t *set, *chunk, *scratch;
  TwSeenBuilder b;
  luaL_checktype(L, 2, LUA_TTABLE);
  lua_settop(L, 2);
  n = luaL_len(L, 2);
  for (i = 1; i <= n; i++) {
    const char *s = push_post(L, i, &len);
    windows += tw_window_count(s, len);   /* at most the posts' bytes: no overflow */
    lua_pop(L, 1);
  }
  chunk_cap = tw_seen_chunk_cap(windows);
  set = (uint32_t *)tw_new_bytes(L, tw_seen_set_cap(m->nseen, windows) * sizeof(uint32_t));
  chunk = (uint32_t *)tw_new_bytes(L, chunk_cap * sizeof(uint32_t));
  scratch = (uint32_t *)tw_new_bytes(L, chunk_cap * sizeof(uint32_t));
  /* stack: model, posts, set, chunk, scratch */
  tw_seen_build_start(&b, m->seen, m->nseen, set, chunk, scratch, chunk_cap);
  for (i = 1; i <= n && !b.overflow; i++) {
    const char *s = push_post(L, i, &len);
    tw_windows_each(s, len, tw_seen_build_add, &b);
    lua_pop(L, 1);
  }
  if (!tw_seen_build_finish(&b)) {
    luaL_pushfail(L);
    lua_pushfstring(L, "more than %I distinct windows of %d characters, the most the copy "
                    "guard holds", (lua_Integer)TW_REMEMBER_MAX, (int)TW_REMEMBER_WINDOW);
    return 2;
  }
  if (b.n) memcpy(tw_model_seen(L, 1, m, b.n), set, b.n * sizeof(uint32_t));
  lua_pushinteger(L, (lua_Integer)b.n);
  return 1;
}

/* model:copies(text) -> whether a window of TW_REMEMBER_WINDOW code points of text hashes
 * into the set (false when it is empty). A window the training posts lack passes for a copy
 * with probability about remembered / 2^32 (remember.c). */
static int model_copies(lua_State *L) {
  const Model *m = &tw_check_model(L, 1)->core;
  size_t len;
  const char *s = luaL_checklstring(L, 2, &len);
  lua_pushboolean(L, tw_seen_copies(m->seen, m->nseen, s, len));
  return 1;
}

/* model:forget() -> model, its set empty */
static int model_forget(lua_State *L) {
  tw_model_seen(L, 1, &tw_check_model(L, 1)->core, 0);
  lua_settop(L, 1);
  return 1;
}

/* The array on top of L's stack, filled with window hashes. */
typedef struct {
  lua_State *L;
  lua_Integer n;
} HashArray;

static int push_hash(void *ctx, uint64_t hash) {
  HashArray *a = (HashArray *)ctx;
  lua_pushinteger(a->L, (lua_Integer)hash);
  lua_rawseti(a->L, -2, ++a->n);
  return 0;
}

/* core.window_hashes(text) -> the 64-bit hashes (integers) of text's windows of
 * TW_REMEMBER_WINDOW code points, in order; those of the copy guard, all 64 bits kept, so
 * that a set of them (--novel-against) finds what the guard finds, with no false positive
 * to speak of. */
static int window_hashes(lua_State *L) {
  size_t len;
  const char *s = luaL_checklstring(L, 1, &len);
  HashArray a;
  a.L = L;
  a.n = 0;
  lua_newtable(L);
  tw_windows_each(s, len, push_hash, &a);
  return 1;
}

const luaL_Reg tw_remember_funcs[] = {{"window_hashes", window_hashes}, {NULL, NULL}};

const luaL_Reg tw_remember_methods[] = {
  {"remember", model_remember}, {"copies", model_copies}, {"forget", model_forget},
  {NULL, NULL}
};
