/*
 * fuzz/lua_parsers.c: libFuzzer target for the Lua parsers of other people's bytes: the
 * Twitter archive reader (tweeter.archive), the X, Mastodon and Bluesky response parsers
 * (tweeter.fetch, behind the retry wrapper tweeter.http), the import formats, the posts
 * store and the HTTP header parsers. It embeds Lua 5.4 with lua-cjson and runs
 * fuzz/lua_parsers.lua, which picks the parser from the first input byte and feeds it the
 * rest split at NUL bytes; a raised string is a clean error, but a crash, a hang (libFuzzer's
 * -timeout), a non-string error or a result of the wrong shape aborts.
 *
 * libFuzzer cannot see coverage inside the (uninstrumented) Lua interpreter, so a line hook
 * feeds it Lua-level coverage instead: each (previous line, line) edge of the Lua code bumps
 * one of the extra counters libFuzzer reads from the __libfuzzer_extra_counters section.
 * Environment: TWEETER_ROOT (default .) is the checkout holding lua/ and fuzz/.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <lauxlib.h>
#include <lua.h>
#include <lualib.h>

#define EDGES (1u << 16)
#define MEMORY_LIMIT ((size_t)512 << 20)

__attribute__((used, section("__libfuzzer_extra_counters"))) static uint8_t edges[EDGES];

static lua_State *LS;
static uintptr_t prev_loc;
static size_t in_use;
static char dir[64];

/* Lua's allocator with a ceiling: past it allocation fails, which Lua raises as a string
 * ("not enough memory"), so a parser asked to build something huge fails cleanly. */
static void *limited_alloc(void *ud, void *ptr, size_t osize, size_t nsize) {
  (void)ud;
  if (ptr == NULL) osize = 0;
  if (nsize == 0) {
    free(ptr);
    in_use -= osize;
    return NULL;
  }
  if (nsize > osize && in_use + (nsize - osize) > MEMORY_LIMIT) return NULL;
  ptr = realloc(ptr, nsize);
  if (ptr) in_use = in_use - osize + nsize;
  return ptr;
}

static void line_hook(lua_State *L, lua_Debug *ar) {
  uintptr_t loc;
  if (!lua_getinfo(L, "S", ar)) return;
  loc = ((uintptr_t)ar->source * 31u) ^ ((uintptr_t)ar->currentline * 2654435761u);
  edges[(loc ^ prev_loc) % EDGES]++;
  prev_loc = loc >> 1;
}

static void die(const char *what, const char *msg) {
  fprintf(stderr, "fuzz/lua_parsers.c: %s: %s\n", what, msg ? msg : "(no message)");
  abort();
}

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Opens Lua once: paths to lua/ and to lua-cjson, the driver loaded as registry value "run". */
int LLVMFuzzerInitialize(int *argc, char ***argv) {
  const char *root = getenv("TWEETER_ROOT");
  char data_dir[96];
  (void)argc;
  (void)argv;
  if (!root) root = ".";
  snprintf(dir, sizeof dir, "/tmp/tweeter-fuzz-%ld", (long)getpid());
  snprintf(data_dir, sizeof data_dir, "%s/data", dir);
  if ((mkdir(dir, 0700) != 0 && access(dir, W_OK) != 0) ||
      (mkdir(data_dir, 0700) != 0 && access(data_dir, W_OK) != 0))
    die("cannot make a scratch folder", dir);
  LS = lua_newstate(limited_alloc, NULL);
  if (!LS) die("lua_newstate", "failed");
  luaL_openlibs(LS);
  lua_getglobal(LS, "package");                                   /* stack: package */
  lua_pushfstring(LS, "%s/lua/?.lua;%s/lua/?/init.lua", root, root);
  lua_setfield(LS, -2, "path");
  lua_pushstring(LS, "/usr/lib/x86_64-linux-gnu/lua/5.4/?.so;/usr/local/lib/lua/5.4/?.so;"
                     "/usr/lib/lua/5.4/?.so");
  lua_setfield(LS, -2, "cpath");
  lua_pop(LS, 1);                                                 /* stack: (empty) */
  lua_pushfstring(LS, "%s/fuzz/lua_parsers.lua", root);
  if (luaL_dofile(LS, lua_tostring(LS, -1)) != LUA_OK) die("loading the driver", lua_tostring(LS, -1));
  if (!lua_isfunction(LS, -1)) die("the driver", "did not return a function");
  lua_setfield(LS, LUA_REGISTRYINDEX, "tweeter.fuzz.run");        /* stack: path */
  lua_settop(LS, 0);
  lua_sethook(LS, line_hook, LUA_MASKLINE, 0);
  return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  size_t start = 1, k, n = 0;
  int status;
  if (size == 0) return 0;
  prev_loc = 0;
  lua_settop(LS, 0);
  lua_getfield(LS, LUA_REGISTRYINDEX, "tweeter.fuzz.run");        /* stack: run */
  lua_pushinteger(LS, data[0]);                                   /* stack: run, which */
  lua_newtable(LS);                                               /* stack: run, which, chunks */
  for (k = 1; k <= size; k++)
    if (k == size || data[k] == 0) {
      lua_pushlstring(LS, (const char *)data + start, k - start);
      lua_rawseti(LS, -2, (lua_Integer)++n);
      start = k + 1;
    }
  lua_pushstring(LS, dir);                                        /* stack: run, which, chunks, dir */
  status = lua_pcall(LS, 3, 1, 0);                                /* stack: result */
  if (status != LUA_OK) {
    if (lua_type(LS, -1) != LUA_TSTRING) die("the driver raised", "a value that is not a string");
    die("the driver raised", lua_tostring(LS, -1));
  }
  if (!lua_isnil(LS, -1)) die("property failed", lua_tostring(LS, -1));
  lua_settop(LS, 0);
  lua_gc(LS, LUA_GCSTEP, 0);
  return 0;
}
