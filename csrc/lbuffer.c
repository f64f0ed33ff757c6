/*
 * lbuffer.c: tweeter.Buffer, a block of memory inside a full userdata, so that Lua's
 * garbage collector counts every byte of weights, optimizer state and workspaces.
 */
#include <stdint.h>
#include <string.h>

#include "tweeter.h"

void *tw_new_bytes(lua_State *L, size_t bytes) {
  TwBuffer *b;
  if (bytes > ((size_t)1 << 40))
    luaL_error(L, "cannot allocate %I bytes", (lua_Integer)bytes);
  b = (TwBuffer *)lua_newuserdatauv(L, offsetof(TwBuffer, data) + (bytes ? bytes : 1), 0);
  b->bytes = bytes;
  memset(b->data, 0, bytes);
  luaL_setmetatable(L, TW_BUFFER);
  return b->data;
}

float *tw_new_buffer(lua_State *L, size_t count) {
  if (count > ((size_t)1 << 38))
    luaL_error(L, "cannot allocate %I floats", (lua_Integer)count);
  return (float *)tw_new_bytes(L, count * sizeof(float));
}

static int buffer_tostring(lua_State *L) {
  TwBuffer *b = (TwBuffer *)luaL_checkudata(L, 1, TW_BUFFER);
  lua_pushfstring(L, "tweeter.Buffer(%I bytes)", (lua_Integer)b->bytes);
  return 1;
}

static int buffer_len(lua_State *L) {
  TwBuffer *b = (TwBuffer *)luaL_checkudata(L, 1, TW_BUFFER);
  lua_pushinteger(L, (lua_Integer)b->bytes);
  return 1;
}

void tw_open_buffer(lua_State *L) {
  static const luaL_Reg meta[] = {
    {"__tostring", buffer_tostring},
    {"__len", buffer_len},
    {NULL, NULL}
  };
  luaL_newmetatable(L, TW_BUFFER);   /* stack: core, mt */
  luaL_setfuncs(L, meta, 0);
  lua_pop(L, 1);                     /* stack: core */
}

void tw_new_type(lua_State *L, const char *name, const luaL_Reg *methods,
                 const luaL_Reg *meta) {
  luaL_newmetatable(L, name);          /* stack: core, mt */
  luaL_setfuncs(L, meta, 0);
  lua_newtable(L);                     /* stack: core, mt, methods */
  luaL_setfuncs(L, methods, 0);
  lua_setfield(L, -2, "__index");      /* stack: core, mt */
  lua_pop(L, 1);                       /* stack: core */
}
