/*
 * tweeter.h: what the binding files (l*.c) share: registry names of the userdata types
 * and the tw_open_* functions that luaopen_tweeter_core calls. Binding files only.
 */
#ifndef TWEETER_H
#define TWEETER_H

#include <stddef.h>
#include <stdint.h>

#include <lua.h>
#include <lauxlib.h>

#include "kernels.h"

/* The core's version (core._VERSION, the HTTP user agent); the Lua modules say theirs in
 * tweeter._VERSION, and the specs check that the two agree. */
#define TW_VERSION "0.1.0"

#define TW_MODEL   "tweeter.Model"
#define TW_BUFFER  "tweeter.Buffer"
#define TW_DATA    "tweeter.Data"
#define TW_BATCH   "tweeter.Batch"
#define TW_HTTP    "tweeter.Http"
#define TW_DESCRIPTOR "tweeter.Descriptor"
#define TW_LOCK    "tweeter.Lock"
#define TW_KERNELS "tweeter.Kernels"
#define TW_ZIP     "tweeter.Zip"
#define TW_ZIPFILE "tweeter.ZipFile"

/* Each tw_open_* adds its constructors and functions to the module table at the top of the
 * stack and registers its metatables; the stack is left as it was. */
void tw_open_buffer(lua_State *L);
void tw_open_model(lua_State *L);
void tw_open_data(lua_State *L);
void tw_open_http(lua_State *L);
void tw_open_sys(lua_State *L);
void tw_open_files(lua_State *L);
void tw_open_kernels(lua_State *L);
void tw_open_zip(lua_State *L);

/* The state's product router (lkernels.c); raises if it could not be made. */
TwKernels *tw_kernels_of(lua_State *L);

/* A float buffer owned by a full userdata, so the garbage collector counts every byte.
 * Returns the data pointer and leaves the userdata on the stack. Raises on a size that does
 * not fit in memory. */
float *tw_new_buffer(lua_State *L, size_t count);
/* The same, for raw bytes (int32 tokens, etc.). */
void *tw_new_bytes(lua_State *L, size_t bytes);

/* ===== files (lfiles.c) ===== */
/* Pushes a Descriptor (fd -1) marked to-be-closed: the fd stored in the returned slot is
 * closed when the calling C function returns or raises. */
int *tw_push_descriptor(lua_State *L);
/* Whether a file may be written at `path`: missing, a regular file, or a link to one (then
 * `target` gets the file it names; else the path itself). 0 with a message otherwise. */
int tw_check_output(const char *path, char *target, size_t cap, char *err, size_t errlen);
/* What a path that is not a regular file is, for a message: "is a directory", "is a FIFO, not
 * a regular file", ... (from its st_mode). */
const char *tw_not_regular(unsigned mode);
/* Replaces the file at `path` with n bytes, atomically. Pushes true, or nil and a message
 * naming the path; returns the number of values pushed (a C function's return value). */
int tw_write_file(lua_State *L, const char *path, const void *data, size_t n);

/* The layout of a tweeter.Buffer userdata, so that a separate module (tweeter.mpi) can reach
 * a Buffer's memory with luaL_checkudata(L, arg, TW_BUFFER). */
typedef struct {
  size_t bytes;
  /* the data follows, aligned for floats and doubles */
  union {
    double d;
    float f;
    uint64_t u;
  } data[1];
} TwBuffer;

/* OpenBLAS's own thread control (not in cblas.h); setting goes through
 * tw_kernels_set_threads, which sets oneDNN's pool too. */
int openblas_get_num_threads(void);
char *openblas_get_corename(void);

/* Registers a userdata type: metatable `name` with the metamethods in `meta` and the
 * methods as __index. Expects the module table on top; leaves the stack as it was. */
void tw_new_type(lua_State *L, const char *name, const luaL_Reg *methods,
                 const luaL_Reg *meta);

/* ===== option tables (loptions.c) ===== */
/* Field `name` of the table at index t, or `def` when absent; raises naming the function
 * `fn` and the field when it is not an integer (a number) in [lo, hi]. */
lua_Integer tw_opt_integer(lua_State *L, int t, const char *fn, const char *name,
                           lua_Integer def, lua_Integer lo, lua_Integer hi);
double tw_opt_number(lua_State *L, int t, const char *fn, const char *name, double def,
                     double lo, double hi);
/* A string field (borrowed from the table), or NULL when absent; raises on another type. */
const char *tw_opt_string(lua_State *L, int t, const char *fn, const char *name,
                          size_t *len);
/* A boolean field, or `def` when absent; raises on another type. */
int tw_opt_boolean(lua_State *L, int t, const char *fn, const char *name, int def);
/* Raises if the table at t has a key that is not in `known` (catches typos). */
void tw_check_keys(lua_State *L, int t, const char *fn, const char *const known[]);

/* ===== shared between lmodel.c and ldata.c ===== */

/* Encoded posts: a leading EOS, then each post's tokens followed by EOS. */
typedef struct {
  size_t ntokens, nposts, invalid, unknown;
  int32_t max_token;
  int32_t *tokens;      /* (ntokens), owned by user value 1 */
} TwData;

/* B streams of T steps over a TwData (user value 1 anchors it): all layout_B streams of the
 * layout, or one process's share of them in data-parallel training. */
typedef struct {
  size_t B, T;
  size_t layout_B;      /* streams in the whole layout (B when the batch is not shared) */
  int wrap;
  int first;            /* the batch now filled is the first of a pass (or of training) */
  uint64_t cursor;      /* batches taken since the start (or since the pass began) */
  const TwData *data;
  int32_t *inputs;      /* (T,B) */
  int32_t *targets;     /* (T,B), TW_IGNORE where nothing is scored */
  size_t *start, *len;  /* (B) stream start and length in tokens */
} TwBatch;

/* Pushes a new Data able to hold `capacity` tokens; fill tokens and counts, then set ntokens. */
TwData *tw_push_data(lua_State *L, size_t capacity);
TwBatch *tw_check_batch(lua_State *L, int arg);

#endif
