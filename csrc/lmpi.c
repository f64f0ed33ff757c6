/*
 * lmpi.c: tweeter.mpi, the optional Open MPI binding for data-parallel training. Built only
 * where Open MPI is installed (the Makefile finds mpicc or `pkg-config ompi-c`); the rest of
 * tweeter works without it. It holds no training logic: tweeter.train decides what to reduce.
 *
 *   mpi.version                   -> the MPI library's name and version, e.g. "Open MPI v4.1.4"
 *   mpi.init()                    -> comm: MPI_COMM_WORLD (MPI_Init on the first call)
 *   comm:rank(), comm:size()      -> integers
 *   comm:allreduce(buffer)        -> buffer: in-place sum of a float tweeter.Buffer over ranks
 *   comm:sum(x...), comm:min(x...), comm:max(x...) -> the reduced numbers (doubles, all ranks)
 *   comm:gather_streams(buffer, rows) -> on rank 0 a Buffer (rows, size*S) of every rank's
 *                                    (rows, S) buffer, rank r's columns at r*S; nil elsewhere
 *   comm:abort([code])            -> never returns: MPI_Abort ends every rank of the job
 *   comm:finalize()               -> MPI_Finalize (idempotent; also __close and __gc)
 *
 * MPI errors come back as Lua errors (MPI_ERRORS_RETURN) instead of killing the process.
 */
#include <limits.h>
#include <string.h>

#include <mpi.h>

#include "tweeter.h"

#define TW_COMM "tweeter.Comm"
#define MAX_NUMBERS 16

int luaopen_tweeter_mpi(lua_State *L);

typedef struct {
  int rank, size;
  int finalized;
} Comm;

static Comm *check_comm(lua_State *L, int arg) {
  Comm *c = (Comm *)luaL_checkudata(L, arg, TW_COMM);
  if (c->finalized) luaL_error(L, "MPI is finalized: no more communication in this process");
  return c;
}

static int check_mpi(lua_State *L, int rc, const char *what) {
  char msg[MPI_MAX_ERROR_STRING];
  int len = 0;
  if (rc == MPI_SUCCESS) return 0;
  if (MPI_Error_string(rc, msg, &len) != MPI_SUCCESS) len = 0;
  msg[len] = '\0';
  return luaL_error(L, "%s failed: %s", what, len ? msg : "unknown MPI error");
}

static TwBuffer *check_floats(lua_State *L, int arg, int *count) {
  TwBuffer *b = (TwBuffer *)luaL_checkudata(L, arg, TW_BUFFER);
  luaL_argcheck(L, b->bytes % sizeof(float) == 0, arg, "buffer does not hold floats");
  luaL_argcheck(L, b->bytes / sizeof(float) <= (size_t)INT_MAX, arg,
                "buffer too large for one MPI call");
  *count = (int)(b->bytes / sizeof(float));
  return b;
}

/* A float Buffer of tweeter.core's type (its metatable is registered when tweeter.mpi loads
 * tweeter.core); the functions of core.so are not visible from this library. */
static float *new_floats(lua_State *L, size_t count) {
  size_t bytes = count * sizeof(float);
  TwBuffer *b = (TwBuffer *)lua_newuserdatauv(L, offsetof(TwBuffer, data) + bytes, 0);
  b->bytes = bytes;
  luaL_setmetatable(L, TW_BUFFER);
  return &b->data[0].f;
}

static int mpi_init(lua_State *L) {
  Comm *c;
  int inited = 0, finalized = 0;
  if (lua_getfield(L, LUA_REGISTRYINDEX, TW_COMM ".world") != LUA_TNIL) return 1;
  lua_pop(L, 1);
  MPI_Finalized(&finalized);
  if (finalized) return luaL_error(L, "MPI was finalized in this process: it cannot start again");
  c = (Comm *)lua_newuserdatauv(L, sizeof(Comm), 0);   /* stack: comm */
  memset(c, 0, sizeof *c);
  c->finalized = 1;   /* nothing to finalize until MPI_Init succeeds */
  luaL_setmetatable(L, TW_COMM);
  MPI_Initialized(&inited);
  if (!inited) {
    if (MPI_Init(NULL, NULL) != MPI_SUCCESS) return luaL_error(L, "MPI_Init failed");
  }
  c->finalized = 0;
  MPI_Comm_set_errhandler(MPI_COMM_WORLD, MPI_ERRORS_RETURN);
  check_mpi(L, MPI_Comm_rank(MPI_COMM_WORLD, &c->rank), "MPI_Comm_rank");
  check_mpi(L, MPI_Comm_size(MPI_COMM_WORLD, &c->size), "MPI_Comm_size");
  lua_pushvalue(L, -1);
  lua_setfield(L, LUA_REGISTRYINDEX, TW_COMM ".world");
  return 1;
}

static int comm_rank(lua_State *L) {
  lua_pushinteger(L, check_comm(L, 1)->rank);
  return 1;
}

static int comm_size(lua_State *L) {
  lua_pushinteger(L, check_comm(L, 1)->size);
  return 1;
}

static int comm_allreduce(lua_State *L) {
  int count;
  TwBuffer *b;
  check_comm(L, 1);
  b = check_floats(L, 2, &count);
  check_mpi(L, MPI_Allreduce(MPI_IN_PLACE, b->data, count, MPI_FLOAT, MPI_SUM, MPI_COMM_WORLD),
            "MPI_Allreduce");
  lua_settop(L, 2);
  return 1;
}

static int reduce_numbers(lua_State *L, MPI_Op op) {
  double x[MAX_NUMBERS];
  int n = lua_gettop(L) - 1, k;
  check_comm(L, 1);
  luaL_argcheck(L, n >= 1 && n <= MAX_NUMBERS, 2, "1 to 16 numbers expected");
  for (k = 0; k < n; k++) x[k] = luaL_checknumber(L, k + 2);
  check_mpi(L, MPI_Allreduce(MPI_IN_PLACE, x, n, MPI_DOUBLE, op, MPI_COMM_WORLD),
            "MPI_Allreduce");
  for (k = 0; k < n; k++) lua_pushnumber(L, x[k]);
  return n;
}

static int comm_sum(lua_State *L) { return reduce_numbers(L, MPI_SUM); }
static int comm_min(lua_State *L) { return reduce_numbers(L, MPI_MIN); }
static int comm_max(lua_State *L) { return reduce_numbers(L, MPI_MAX); }

/* Every rank's (rows, S) buffer side by side in rank 0's (rows, size*S): a strided receive
 * type places rank r's rows at column r*S, so no copy is needed to interleave them. */
static int comm_gather_streams(lua_State *L) {
  Comm *c = check_comm(L, 1);
  int count, rc;
  TwBuffer *b = check_floats(L, 2, &count);
  lua_Integer rows = luaL_checkinteger(L, 3);
  MPI_Datatype strided, column;
  float *all = NULL;
  int width;
  luaL_argcheck(L, rows >= 1 && rows <= count && count % rows == 0, 3,
                "rows must divide the buffer's length");
  width = (int)(count / rows);
  luaL_argcheck(L, (lua_Integer)count * c->size <= INT_MAX, 2, "buffers too large to gather");
  if (c->rank == 0) all = new_floats(L, (size_t)count * (size_t)c->size);
  check_mpi(L, MPI_Type_vector((int)rows, width, width * c->size, MPI_FLOAT, &strided),
            "MPI_Type_vector");
  rc = MPI_Type_create_resized(strided, 0, (MPI_Aint)(width * (int)sizeof(float)), &column);
  MPI_Type_free(&strided);
  check_mpi(L, rc, "MPI_Type_create_resized");
  rc = MPI_Type_commit(&column);
  if (rc == MPI_SUCCESS)
    rc = MPI_Gather(b->data, count, MPI_FLOAT, all, 1, column, 0, MPI_COMM_WORLD);
  MPI_Type_free(&column);
  check_mpi(L, rc, "MPI_Gather");
  if (c->rank != 0) lua_pushnil(L);
  return 1;
}

static int comm_abort(lua_State *L) {
  Comm *c = check_comm(L, 1);
  int code = (int)luaL_optinteger(L, 2, 1);
  (void)c;
  MPI_Abort(MPI_COMM_WORLD, code);
  return luaL_error(L, "MPI_Abort returned");   /* it does not */
}

static int comm_finalize(lua_State *L) {
  Comm *c = (Comm *)luaL_checkudata(L, 1, TW_COMM);
  int finalized = 0;
  if (!c->finalized) {
    c->finalized = 1;
    MPI_Finalized(&finalized);
    if (!finalized) MPI_Finalize();
  }
  return 0;
}

static int comm_tostring(lua_State *L) {
  Comm *c = (Comm *)luaL_checkudata(L, 1, TW_COMM);
  if (c->finalized) lua_pushliteral(L, "tweeter.Comm(finalized)");
  else lua_pushfstring(L, "tweeter.Comm(rank %d of %d)", c->rank, c->size);
  return 1;
}

static void push_version(lua_State *L) {
  char v[MPI_MAX_LIBRARY_VERSION_STRING];
  int len = 0, k;
  MPI_Get_library_version(v, &len);
  for (k = 0; k < len && v[k] != ',' && v[k] != '\n'; k++) {}
  lua_pushlstring(L, v, (size_t)k);
}

int luaopen_tweeter_mpi(lua_State *L) {
  static const luaL_Reg methods[] = {
    {"rank", comm_rank}, {"size", comm_size}, {"allreduce", comm_allreduce},
    {"sum", comm_sum}, {"min", comm_min}, {"max", comm_max},
    {"gather_streams", comm_gather_streams}, {"abort", comm_abort},
    {"finalize", comm_finalize}, {NULL, NULL}
  };
  static const luaL_Reg meta[] = {
    {"__gc", comm_finalize}, {"__close", comm_finalize}, {"__tostring", comm_tostring},
    {NULL, NULL}
  };
  luaL_checkversion(L);
  lua_getglobal(L, "require");            /* the Buffer type comes from tweeter.core */
  lua_pushliteral(L, "tweeter.core");
  lua_call(L, 1, 0);
  lua_newtable(L);                        /* stack: mpi */
  luaL_newmetatable(L, TW_COMM);          /* stack: mpi, mt */
  luaL_setfuncs(L, meta, 0);
  luaL_newlib(L, methods);
  lua_setfield(L, -2, "__index");
  lua_pop(L, 1);                          /* stack: mpi */
  lua_pushcfunction(L, mpi_init);
  lua_setfield(L, -2, "init");
  push_version(L);
  lua_setfield(L, -2, "version");
  return 1;
}
