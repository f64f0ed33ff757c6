/*
 * fuzz/embed.h: what the fuzz targets that embed Lua 5.4 share (lua_parsers.c, bindings.c):
 * a state whose allocator has a ceiling, a scratch folder, and the Lua driver that does the
 * work, loaded once from fuzz/<name>.lua and kept in the registry. Header-only: each target
 * is one translation unit.
 */
#ifndef TW_FUZZ_EMBED_H
#define TW_FUZZ_EMBED_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <lauxlib.h>
#include <lua.h>
#include <lualib.h>

#define EMBED_MEMORY_LIMIT ((size_t)512 << 20)
#define EMBED_DRIVER "tweeter.fuzz.run"

static size_t embed_in_use;

/* Lua's allocator with a ceiling: past it allocation fails, which Lua raises as a string
 * ("not enough memory"), so a call asked to build something huge fails cleanly. */
static void *embed_alloc(void *ud, void *ptr, size_t osize, size_t nsize) {
  (void)ud;
  if (ptr == NULL) osize = 0;
  if (nsize == 0) {
    free(ptr);
    embed_in_use -= osize;
    return NULL;
  }
  if (nsize > osize && embed_in_use + (nsize - osize) > EMBED_MEMORY_LIMIT) return NULL;
  ptr = realloc(ptr, nsize);
  if (ptr) embed_in_use = embed_in_use - osize + nsize;
  return ptr;
}

static void embed_die(const char *what, const char *msg) {
  fprintf(stderr, "fuzz: %s: %s\n", what, msg ? msg : "(no message)");
  abort();
}

/* Makes the folder `dir` (cap bytes: /tmp/tweeter-fuzz-PID) and `sub` inside it (none when
 * NULL). */
static void embed_scratch(char *dir, size_t cap, const char *sub) {
  char path[160];
  snprintf(dir, cap, "/tmp/tweeter-fuzz-%ld", (long)getpid());
  if (mkdir(dir, 0700) != 0 && access(dir, W_OK) != 0)
    embed_die("cannot make a scratch folder", dir);
  if (!sub) return;
  snprintf(path, sizeof path, "%s/%s", dir, sub);
  if (mkdir(path, 0700) != 0 && access(path, W_OK) != 0)
    embed_die("cannot make a scratch folder", path);
}

/* A new state with the standard libraries and package.path on `root`/lua. */
static lua_State *embed_open(const char *root) {
  lua_State *L = lua_newstate(embed_alloc, NULL);
  if (!L) embed_die("lua_newstate", "failed");
  luaL_openlibs(L);
  lua_getglobal(L, "package");                                   /* stack: package */
  lua_pushfstring(L, "%s/lua/?.lua;%s/lua/?/init.lua", root, root);
  lua_setfield(L, -2, "path");
  lua_pop(L, 1);
  return L;
}

/* Runs `root`/fuzz/`name`.lua, which must return a function: the driver, kept in the registry
 * under EMBED_DRIVER. */
static void embed_driver(lua_State *L, const char *root, const char *name) {
  lua_pushfstring(L, "%s/fuzz/%s.lua", root, name);
  if (luaL_dofile(L, lua_tostring(L, -1)) != LUA_OK) embed_die("loading the driver", lua_tostring(L, -1));
  if (!lua_isfunction(L, -1)) embed_die("the driver", "did not return a function");
  lua_setfield(L, LUA_REGISTRYINDEX, EMBED_DRIVER);
  lua_settop(L, 0);
}

/* Calls the driver with the `nargs` values on the stack above it (pushed by the caller after
 * embed_push_driver): a raised error or a non-nil result (the broken property) aborts. */
static void embed_push_driver(lua_State *L) {
  lua_settop(L, 0);
  lua_getfield(L, LUA_REGISTRYINDEX, EMBED_DRIVER);
}

static void embed_run(lua_State *L, int nargs) {
  if (lua_pcall(L, nargs, 1, 0) != LUA_OK) {
    if (lua_type(L, -1) != LUA_TSTRING) embed_die("the driver raised", "a value that is not a string");
    embed_die("the driver raised", lua_tostring(L, -1));
  }
  if (!lua_isnil(L, -1)) embed_die("property failed", lua_tostring(L, -1));
  lua_settop(L, 0);
}

#endif
