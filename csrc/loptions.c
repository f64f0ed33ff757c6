/*
 * loptions.c: reading a Lua option table (`core.model{...}`, `model:generate{...}`) in the
 * binding: each field checked for its type and range, unknown keys refused, and errors
 * raised naming the function and the field.
 */
#include <string.h>

#include "tweeter.h"

/* Pushes field `name` of table t; whether it is there (nil counts as absent, and is popped). */
static int opt_field(lua_State *L, int t, const char *name) {
  lua_getfield(L, t, name);
  if (!lua_isnil(L, -1)) return 1;
  lua_pop(L, 1);
  return 0;
}

lua_Integer tw_opt_integer(lua_State *L, int t, const char *fn, const char *name,
                           lua_Integer def, lua_Integer lo, lua_Integer hi) {
  lua_Integer v;
  int isnum;
  if (!opt_field(L, t, name)) return def;
  v = lua_tointegerx(L, -1, &isnum);
  if (!isnum)
    luaL_error(L, "bad argument #1 to '%s' (%s must be an integer, got %s)", fn, name,
               lua_isnumber(L, -1) ? "a fraction" : luaL_typename(L, -1));
  if (v < lo || v > hi)
    luaL_error(L, "bad argument #1 to '%s' (%s must be between %I and %I, got %I)", fn, name,
               lo, hi, v);
  lua_pop(L, 1);
  return v;
}

double tw_opt_number(lua_State *L, int t, const char *fn, const char *name, double def,
                     double lo, double hi) {
  double v;
  int isnum;
  if (!opt_field(L, t, name)) return def;
  v = lua_tonumberx(L, -1, &isnum);
  if (!isnum)
    luaL_error(L, "bad argument #1 to '%s' (%s must be a number, got %s)", fn, name,
               luaL_typename(L, -1));
  if (!(v >= lo && v <= hi))
    luaL_error(L, "bad argument #1 to '%s' (%s must be between %f and %f, got %f)", fn, name,
               lo, hi, v);
  lua_pop(L, 1);
  return v;
}

const char *tw_opt_string(lua_State *L, int t, const char *fn, const char *name,
                          size_t *len) {
  const char *s;
  if (!opt_field(L, t, name)) return NULL;
  if (lua_type(L, -1) != LUA_TSTRING)
    luaL_error(L, "bad argument #1 to '%s' (%s must be a string, got %s)", fn, name,
               luaL_typename(L, -1));
  s = lua_tolstring(L, -1, len);
  lua_pop(L, 1);   /* the string stays alive: the caller's table holds it */
  return s;
}

void tw_check_keys(lua_State *L, int t, const char *fn, const char *const known[]) {
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
