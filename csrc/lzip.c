/*
 * lzip.c: binding for tweeter.Zip, a zip archive opened for reading with libzip (boxed
 * pointer): its entries listed, one entry read whole into a Lua string, under a size limit.
 * Nothing is ever extracted to disk. Which entries to read, and which sizes and names to
 * accept, is the caller's (lua/tweeter/sources/archive.lua). Depends on Lua 5.4 and libzip.
 *
 *   core.zip_open(path)      -> Zip | nil, message: a regular file that is a zip archive
 *   z:entries()              -> array of { name =, size =, compressed_size = }, archive order
 *                               (sizes as the archive declares them)
 *   z:read(name, max_bytes)  -> contents | nil, message: refused when the entry declares, or
 *                               inflates to, more than max_bytes
 *   z:close()                   (also __close and __gc)
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <zip.h>

#include "tweeter.h"

typedef struct {
  zip_t *za;                   /* NULL once closed */
} Zip;

/* An entry being read: closed when the reading function returns or raises (to-be-closed). */
typedef struct {
  zip_file_t *zf;
} ZipFile;

static Zip *check_open(lua_State *L) {
  Zip *z = (Zip *)luaL_checkudata(L, 1, TW_ZIP);
  if (z->za == NULL) luaL_error(L, "attempt to use a closed tweeter.Zip");
  return z;
}

/* libzip's words for an error code. */
static void push_zip_error(lua_State *L, const char *path, int code) {
  zip_error_t e;
  if (code == ZIP_ER_NOZIP) {
    lua_pushfstring(L, "%s: not a zip archive", path);
    return;
  }
  zip_error_init_with_code(&e, code);
  lua_pushfstring(L, "%s: %s", path, zip_error_strerror(&e));
  zip_error_fini(&e);
}

/* core.zip_open(path) -> Zip | nil, message. The file is opened and checked here (a FIFO
 * would block, a device never ends) and its descriptor handed to libzip. */
static int zip_open_path(lua_State *L) {
  const char *path = luaL_checkstring(L, 1);
  struct stat st;
  int code = 0;
  int *fd;
  Zip *z = (Zip *)lua_newuserdatauv(L, sizeof(Zip), 0);
  z->za = NULL;
  luaL_setmetatable(L, TW_ZIP);
  fd = tw_push_descriptor(L);
  *fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
  if (*fd < 0 || fstat(*fd, &st) != 0) return luaL_fileresult(L, 0, path);
  if (!S_ISREG(st.st_mode)) {
    luaL_pushfail(L);
    lua_pushfstring(L, "%s: %s", path, tw_not_regular(st.st_mode));
    return 2;
  }
  z->za = zip_fdopen(*fd, ZIP_RDONLY, &code);
  if (z->za == NULL) {
    luaL_pushfail(L);
    push_zip_error(L, path, code);
    return 2;
  }
  *fd = -1;                    /* libzip owns it now */
  lua_pushvalue(L, -2);
  return 1;
}

/* z:entries() -> { { name =, size =, compressed_size = }, ... } */
static int zip_entries(lua_State *L) {
  Zip *z = check_open(L);
  zip_int64_t n = zip_get_num_entries(z->za, 0), i;
  lua_createtable(L, n > 0 && n < 1000000 ? (int)n : 0, 0);
  for (i = 0; i < n; i++) {
    zip_stat_t st;
    zip_stat_init(&st);
    if (zip_stat_index(z->za, (zip_uint64_t)i, 0, &st) != 0 || !(st.valid & ZIP_STAT_NAME)) {
      luaL_pushfail(L);
      lua_pushfstring(L, "entry %I: %s", (lua_Integer)i, zip_strerror(z->za));
      return 2;
    }
    lua_createtable(L, 0, 3);
    lua_pushstring(L, st.name);
    lua_setfield(L, -2, "name");
    lua_pushinteger(L, (st.valid & ZIP_STAT_SIZE) ? (lua_Integer)st.size : -1);
    lua_setfield(L, -2, "size");
    lua_pushinteger(L, (st.valid & ZIP_STAT_COMP_SIZE) ? (lua_Integer)st.comp_size : -1);
    lua_setfield(L, -2, "compressed_size");
    lua_rawseti(L, -2, (lua_Integer)i + 1);
  }
  return 1;
}

static int zipfile_close(lua_State *L) {
  ZipFile *f = (ZipFile *)luaL_checkudata(L, 1, TW_ZIPFILE);
  if (f->zf != NULL) zip_fclose(f->zf);
  f->zf = NULL;
  return 0;
}

static int zipfile_tostring(lua_State *L) {
  ZipFile *f = (ZipFile *)luaL_checkudata(L, 1, TW_ZIPFILE);
  lua_pushstring(L, f->zf != NULL ? "tweeter.ZipFile (open)" : "tweeter.ZipFile (closed)");
  return 1;
}

/* z:read(name, max_bytes) -> contents | nil, message. The declared size is checked first,
 * then the bytes actually inflated, so an entry that lies about its size stops at the
 * limit. */
static int zip_read(lua_State *L) {
  Zip *z = check_open(L);
  const char *name = luaL_checkstring(L, 2);
  lua_Integer max = luaL_checkinteger(L, 3);
  zip_int64_t idx;
  zip_stat_t st;
  ZipFile *f;
  luaL_Buffer b;
  size_t total = 0;
  luaL_argcheck(L, max >= 0 && max <= ((lua_Integer)1 << 40), 3, "size limit out of range");
  idx = zip_name_locate(z->za, name, 0);
  if (idx < 0) {
    luaL_pushfail(L);
    lua_pushfstring(L, "%s: no such entry in the archive", name);
    return 2;
  }
  zip_stat_init(&st);
  if (zip_stat_index(z->za, (zip_uint64_t)idx, 0, &st) != 0) {
    luaL_pushfail(L);
    lua_pushfstring(L, "%s: %s", name, zip_strerror(z->za));
    return 2;
  }
  if ((st.valid & ZIP_STAT_SIZE) && st.size > (zip_uint64_t)max) {
    luaL_pushfail(L);
    lua_pushfstring(L, "%s: declares %I bytes uncompressed (at most %I)", name,
                    (lua_Integer)(st.size > (zip_uint64_t)LUA_MAXINTEGER ? LUA_MAXINTEGER
                                                                         : (lua_Integer)st.size),
                    max);
    return 2;
  }
  f = (ZipFile *)lua_newuserdatauv(L, sizeof(ZipFile), 0);
  f->zf = NULL;
  luaL_setmetatable(L, TW_ZIPFILE);
  lua_toclose(L, -1);
  f->zf = zip_fopen_index(z->za, (zip_uint64_t)idx, 0);
  if (f->zf == NULL) {
    luaL_pushfail(L);
    lua_pushfstring(L, "%s: %s", name, zip_strerror(z->za));
    return 2;
  }
  luaL_buffinit(L, &b);
  for (;;) {
    char *p = luaL_prepbuffsize(&b, 65536);
    zip_int64_t got = zip_fread(f->zf, p, 65536);
    if (got < 0) {
      luaL_pushfail(L);
      lua_pushfstring(L, "%s: %s", name, zip_file_strerror(f->zf));
      return 2;
    }
    if (got == 0) break;
    luaL_addsize(&b, (size_t)got);
    total += (size_t)got;
    if (total > (size_t)max) {
      luaL_pushfail(L);
      lua_pushfstring(L, "%s: inflates to more than %I bytes", name, max);
      return 2;
    }
  }
  luaL_pushresult(&b);
  return 1;
}

static int zip_close_box(lua_State *L) {
  Zip *z = (Zip *)luaL_checkudata(L, 1, TW_ZIP);
  if (z->za != NULL) zip_discard(z->za);   /* read-only: nothing to write back */
  z->za = NULL;
  return 0;
}

static int zip_tostring(lua_State *L) {
  Zip *z = (Zip *)luaL_checkudata(L, 1, TW_ZIP);
  if (z->za == NULL) lua_pushliteral(L, "tweeter.Zip (closed)");
  else lua_pushfstring(L, "tweeter.Zip (%I entries)", (lua_Integer)zip_get_num_entries(z->za, 0));
  return 1;
}

void tw_open_zip(lua_State *L) {
  static const luaL_Reg methods[] = {
    { "entries", zip_entries }, { "read", zip_read }, { "close", zip_close_box }, { NULL, NULL }
  };
  static const luaL_Reg meta[] = {
    { "__gc", zip_close_box }, { "__close", zip_close_box }, { "__tostring", zip_tostring },
    { NULL, NULL }
  };
  static const luaL_Reg file_meta[] = {
    { "__gc", zipfile_close }, { "__close", zipfile_close }, { "__tostring", zipfile_tostring },
    { NULL, NULL }
  };
  static const luaL_Reg no_methods[] = { { NULL, NULL } };
  tw_new_type(L, TW_ZIP, methods, meta);
  tw_new_type(L, TW_ZIPFILE, no_methods, file_meta);
  lua_pushcfunction(L, zip_open_path);
  lua_setfield(L, -2, "zip_open");
}
