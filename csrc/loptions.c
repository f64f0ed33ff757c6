/*
 * loptions.c: reading a Lua option table (`core.model{...}`, `model:generate{...}`,
 * `core.http{...}`, `data:batches(B, T, {...})`) in the binding: each field checked for its
 * type and range, unknown keys refused, and errors raised naming the function and the field.
 */
#include <stdarg.h>
#include <string.h>

#include "tweeter.h"

/* Raises "bad argument #n to 'fn' (message)", n the position of the table t counted as
 * luaL_argerror counts it: a method's self is not an argument. */
static int opt_error(lua_State *L, int t, const char *fn, const char *fmt, ...) {
  lua_Debug ar;
  va_list ap;
  if (lua_getstack(L, 0, &ar) && lua_getinfo(L, "n", &ar) && ar.namewhat != NULL &&
      strcmp(ar.namewhat, "method") == 0)
    t--;
  va_start(ap, fmt);
  lua_pushvfstring(L, fmt, ap);
  va_end(ap);
  return luaL_error(L, "bad argument #%d to '%s' (%s)", t, fn, lua_tostring(L, -1));
}

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
    opt_error(L, t, fn, "%s must be an integer, got %s", name,
              lua_isnumber(L, -1) ? "a fraction" : luaL_typename(L, -1));
  if (v < lo || v > hi)
    opt_error(L, t, fn, "%s must be between %I and %I, got %I", name, lo, hi, v);
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
    opt_error(L, t, fn, "%s must be a number, got %s", name, luaL_typename(L, -1));
  if (!(v >= lo && v <= hi))
    opt_error(L, t, fn, "%s must be between %f and %f, got %f", name, lo, hi, v);
  lua_pop(L, 1);
  return v;
}

const char *tw_opt_string(lua_State *L, int t, const char *fn, const char *name,
                          size_t *len) {
  const char *s;
  if (!opt_field(L, t, name)) return NULL;
  if (lua_type(L, -1) != LUA_TSTRING)
    opt_error(L, t, fn, "%s must be a string, got %s", name, luaL_typename(L, -1));
  s = lua_tolstring(L, -1, len);
  lua_pop(L, 1);   /* the string stays alive: the caller's table holds it */
  return s;
}

int tw_opt_boolean(lua_State *L, int t, const char *fn, const char *name, int def) {
  int v;
  if (!opt_field(L, t, name)) return def;
  if (!lua_isboolean(L, -1))
    opt_error(L, t, fn, "%s must be a boolean, got %s", name, luaL_typename(L, -1));
  v = lua_toboolean(L, -1);
  lua_pop(L, 1);
  return v;
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
      opt_error(L, t, fn, "unknown option '%s'", luaL_tolstring(L, -1, NULL));
    }
    lua_pop(L, 1);
  }
}
