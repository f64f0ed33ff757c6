/*
 * tweeter.h: what the binding files (l*.c) share: registry names of the userdata types
 * and the tw_open_* functions that luaopen_tweeter_core calls. Binding files only.
 */
#ifndef TWEETER_H
#define TWEETER_H

#include <lua.h>
#include <lauxlib.h>

#define TW_MODEL   "tweeter.Model"
#define TW_BUFFER  "tweeter.Buffer"
#define TW_DATA    "tweeter.Data"
#define TW_BATCH   "tweeter.Batch"
#define TW_HTTP    "tweeter.Http"

/* Each tw_open_* adds its constructors and functions to the module table at the top of the
 * stack and registers its metatables; the stack is left as it was. */
void tw_open_buffer(lua_State *L);
void tw_open_model(lua_State *L);
void tw_open_data(lua_State *L);
void tw_open_http(lua_State *L);
void tw_open_sys(lua_State *L);

/* A float buffer owned by a full userdata, so the garbage collector counts every byte.
 * Returns the data pointer and leaves the userdata on the stack. Raises on a size that does
 * not fit in memory. */
float *tw_new_buffer(lua_State *L, size_t count);
/* The same, for raw bytes (int32 tokens, etc.). */
void *tw_new_bytes(lua_State *L, size_t bytes);

#endif
