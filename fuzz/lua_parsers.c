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

#include "embed.h"

#define EDGES (1u << 16)

__attribute__((used, section("__libfuzzer_extra_counters"))) static uint8_t edges[EDGES];

static lua_State *LS;
static uintptr_t prev_loc;
static char dir[64];

static void line_hook(lua_State *L, lua_Debug *ar) {
  uintptr_t loc;
  if (!lua_getinfo(L, "S", ar)) return;
  loc = ((uintptr_t)ar->source * 31u) ^ ((uintptr_t)ar->currentline * 2654435761u);
  edges[(loc ^ prev_loc) % EDGES]++;
  prev_loc = loc >> 1;
}

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Opens Lua once: paths to lua/ and to lua-cjson, the driver loaded. */
int LLVMFuzzerInitialize(int *argc, char ***argv) {
  const char *root = getenv("TWEETER_ROOT");
  (void)argc;
  (void)argv;
  if (!root) root = ".";
  embed_scratch(dir, sizeof dir, "data");
  LS = embed_open(root);
  lua_getglobal(LS, "package");                                   /* stack: package */
  lua_pushstring(LS, "/usr/lib/x86_64-linux-gnu/lua/5.4/?.so;/usr/local/lib/lua/5.4/?.so;"
                     "/usr/lib/lua/5.4/?.so");
  lua_setfield(LS, -2, "cpath");
  lua_pop(LS, 1);                                                 /* stack: (empty) */
  embed_driver(LS, root, "lua_parsers");
  lua_sethook(LS, line_hook, LUA_MASKLINE, 0);
  return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  size_t start = 1, k, n = 0;
  if (size == 0) return 0;
  prev_loc = 0;
  embed_push_driver(LS);                                          /* stack: run */
  lua_pushinteger(LS, data[0]);                                   /* stack: run, which */
  lua_newtable(LS);                                               /* stack: run, which, chunks */
  for (k = 1; k <= size; k++)
    if (k == size || data[k] == 0) {
      lua_pushlstring(LS, (const char *)data + start, k - start);
      lua_rawseti(LS, -2, (lua_Integer)++n);
      start = k + 1;
    }
  lua_pushstring(LS, dir);                                        /* stack: run, which, chunks, dir */
  embed_run(LS, 3);
  lua_gc(LS, LUA_GCSTEP, 0);
  return 0;
}
