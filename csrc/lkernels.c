/*
 * lkernels.c: the product router (kernels.c) as seen from Lua. One tweeter.Kernels userdata
 * per Lua state, anchored in the registry, owns the router's caches and scratch; every
 * model of the state uses it.
 *
 *   core.kernels()          -> the path in use, e.g. "onednn-amx-bf16" or "openblas-fp32";
 *                              second value: why bf16 cannot run here, or nil
 *   core.set_precision(p)   -> 'bf16' | 'fp32' in force; second value: why bf16 is not, when
 *                              p ('auto' | 'bf16' | 'fp32') asked for it or for auto
 *   core.precision()        -> 'bf16' | 'fp32' in force, and the requested one
 *   core.set_sampling_threads(n) single-stream sampling on n threads instead of the count
 *                              measured once per model size (0: the measured count), for
 *                              tests and measurements
 */
#include "kernels.h"
#include "tweeter.h"

typedef struct {
  TwKernels *k;
} KernelsBox;

static const char *const PRECISIONS[] = {"auto", "bf16", "fp32", NULL};

static int kernels_gc(lua_State *L) {
  KernelsBox *b = (KernelsBox *)luaL_checkudata(L, 1, TW_KERNELS);
  tw_kernels_free(b->k);
  b->k = NULL;
  return 0;
}

static int kernels_tostring(lua_State *L) {
  KernelsBox *b = (KernelsBox *)luaL_checkudata(L, 1, TW_KERNELS);
  lua_pushfstring(L, "tweeter.Kernels(%s)", b->k ? tw_kernels_name(b->k) : "closed");
  return 1;
}

TwKernels *tw_kernels_of(lua_State *L) {
  KernelsBox *b;
  lua_getfield(L, LUA_REGISTRYINDEX, TW_KERNELS "#instance");
  b = (KernelsBox *)luaL_testudata(L, -1, TW_KERNELS);
  lua_pop(L, 1);
  if (!b || !b->k) luaL_error(L, "tweeter.core: the kernels are not available");
  return b->k;
}

static int push_precision(lua_State *L, TwPrecision p) {
  lua_pushstring(L, p == TW_PRECISION_BF16 ? "bf16" : "fp32");
  return 1;
}

static int core_kernels(lua_State *L) {
  TwKernels *k = tw_kernels_of(L);
  const char *why = tw_kernels_bf16_unavailable(k);
  lua_pushstring(L, tw_kernels_name(k));
  if (why) lua_pushstring(L, why);
  else lua_pushnil(L);
  return 2;
}

static int core_set_precision(lua_State *L) {
  TwKernels *k = tw_kernels_of(L);
  int p = luaL_checkoption(L, 1, NULL, PRECISIONS);
  const char *why;
  push_precision(L, tw_kernels_set_precision(k, (TwPrecision)p, &why));
  if (why) lua_pushstring(L, why);
  else lua_pushnil(L);
  return 2;
}

static int core_precision(lua_State *L) {
  TwKernels *k = tw_kernels_of(L);
  push_precision(L, tw_kernels_precision(k));
  lua_pushstring(L, PRECISIONS[tw_kernels_requested(k)]);
  return 2;
}

static int core_set_sampling_threads(lua_State *L) {
  TwKernels *k = tw_kernels_of(L);
  lua_Integer n = luaL_checkinteger(L, 1);
  if (n < 0 || n > TW_TEAM_MAX)
    return luaL_argerror(L, 1, lua_pushfstring(L, "expected 0 to %d", TW_TEAM_MAX));
  tw_kernels_set_sampling_threads(k, (int)n);
  return 0;
}

void tw_open_kernels(lua_State *L) {
  static const luaL_Reg meta[] = {{"__gc", kernels_gc}, {"__tostring", kernels_tostring},
                                  {NULL, NULL}};
  static const luaL_Reg none[] = {{NULL, NULL}};
  static const luaL_Reg funcs[] = {{"kernels", core_kernels},
                                   {"set_precision", core_set_precision},
                                   {"precision", core_precision},
                                   {"set_sampling_threads", core_set_sampling_threads},
                                   {NULL, NULL}};
  KernelsBox *b;
  tw_new_type(L, TW_KERNELS, none, meta);
  luaL_setfuncs(L, funcs, 0);   /* stack: core */
  lua_getfield(L, LUA_REGISTRYINDEX, TW_KERNELS "#instance");
  if (luaL_testudata(L, -1, TW_KERNELS)) {   /* a second require in the same state */
    lua_pop(L, 1);
    return;
  }
  lua_pop(L, 1);
  b = (KernelsBox *)lua_newuserdatauv(L, sizeof *b, 0);
  b->k = NULL;
  luaL_setmetatable(L, TW_KERNELS);
  b->k = tw_kernels_new();
  if (!b->k) luaL_error(L, "tweeter.core: not enough memory for the kernels");
  lua_setfield(L, LUA_REGISTRYINDEX, TW_KERNELS "#instance");
}
