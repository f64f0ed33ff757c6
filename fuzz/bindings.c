/*
 * fuzz/bindings.c: libFuzzer target for the Lua C bindings of tweeter.core (csrc/l*.c,
 * tweeter.c, built into the target with the core, instrumented). It embeds Lua 5.4 with the
 * core as `tweeter.core` and runs fuzz/bindings.lua, which calls the core's functions and
 * methods with argument lists read from the input, any count of arguments of any type, a
 * full collection after each call, and then uses every object it holds. A crash, an ASan or
 * UBSan report (a binding that wrote to the wrong stack slot, memory left unanchored and
 * read after it was freed), a hang (libFuzzer's -timeout) or a raised value that is not a
 * string aborts. Environment: TWEETER_ROOT (default .) is the checkout holding fuzz/.
 */
#include <stdint.h>

#include "embed.h"

int luaopen_tweeter_core(lua_State *L);
int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static lua_State *LS;
static char dir[64];

/* Opens Lua once, with the core in package.preload and the driver loaded. */
int LLVMFuzzerInitialize(int *argc, char ***argv) {
  const char *root = getenv("TWEETER_ROOT");
  (void)argc;
  (void)argv;
  if (!root) root = ".";
  embed_scratch(dir, sizeof dir, NULL);
  LS = embed_open(root);
  luaL_getsubtable(LS, LUA_REGISTRYINDEX, LUA_PRELOAD_TABLE);     /* stack: preload */
  lua_pushcfunction(LS, luaopen_tweeter_core);
  lua_setfield(LS, -2, "tweeter.core");
  lua_pop(LS, 1);
  embed_driver(LS, root, "bindings");
  return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  embed_push_driver(LS);                                          /* stack: run */
  lua_pushlstring(LS, (const char *)data, size);                  /* stack: run, input */
  lua_pushstring(LS, dir);                                        /* stack: run, input, dir */
  embed_run(LS, 2);
  lua_gc(LS, LUA_GCCOLLECT, 0);
  return 0;
}
