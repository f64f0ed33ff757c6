/*
 * lsys.c: the process facilities the workflow needs, bound as plain functions on the module
 * table (no Lua logic):
 *
 *   core.isatty(fd | file)        -> boolean
 *   core.monotonic()              -> seconds (float, CLOCK_MONOTONIC)
 *   core.sleep(seconds)           -> true, or false when a signal cut it short
 *   core.catch_interrupt([on])    -> boolean: whether the handler was already installed
 *   core.interrupted()            -> boolean: whether SIGINT/SIGTERM arrived (and clears it)
 *   core.wait_readable(fd | file[, seconds]) -> true when input is ready, false on timeout or
 *                                    when a signal (Ctrl-C) interrupted the wait
 *   core.terminal_width([fd])     -> columns of the terminal on fd (default 1), else 80
 *   core.set_threads(n)           -> OpenBLAS thread count in use after the call
 *   core.get_threads()            -> OpenBLAS thread count
 *   core.blas_core()              -> OpenBLAS kernel set in use, e.g. "Haswell"
 *   core.rss_peak_mb()            -> peak resident set size of the process, in MiB (float)
 *   core.memory_available()       -> bytes this process may still allocate
 *   core.training_bytes(cfg, B, T) -> bytes training takes at B x T
 *
 * Files and locks are lfiles.c's.
 */
#include <errno.h>
#include <math.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/ioctl.h>
#include <sys/resource.h>

#include "model.h"
#include "tweeter.h"

#if !defined(TW_MAX_THREADS)
#define TW_MAX_THREADS 1024
#endif

#define DEFAULT_WIDTH 80

/* The one C global in the module, and it cannot be avoided: a signal handler receives no
 * user data, so the only place it may record that a signal arrived is a static object of
 * type volatile sig_atomic_t (C99 7.14.1.1). Lua polls and clears it through
 * core.interrupted(). */
static volatile sig_atomic_t interrupt_flag = 0;

static void on_interrupt(int sig) {
  (void)sig;
  interrupt_flag = 1;
}

/* fd from an integer argument or a Lua file handle (io.stdout). */
static int check_fd(lua_State *L, int arg) {
  luaL_Stream *s = (luaL_Stream *)luaL_testudata(L, arg, LUA_FILEHANDLE);
  if (s != NULL) {
    luaL_argcheck(L, s->closef != NULL && s->f != NULL, arg, "attempt to use a closed file");
    return fileno(s->f);
  }
  if (!lua_isinteger(L, arg))
    return luaL_typeerror(L, arg, "integer file descriptor or file");
  lua_Integer fd = lua_tointeger(L, arg);
  luaL_argcheck(L, fd >= 0 && fd <= 65535, arg, "file descriptor out of range");
  return (int)fd;
}

static int sys_isatty(lua_State *L) {
  int fd = check_fd(L, 1);
  lua_pushboolean(L, isatty(fd) == 1);
  return 1;
}

static int sys_monotonic(lua_State *L) {
  struct timespec ts;
  if (clock_gettime(CLOCK_MONOTONIC, &ts) != 0)
    return luaL_error(L, "clock_gettime failed: %s", strerror(errno));
  lua_pushnumber(L, (lua_Number)ts.tv_sec + (lua_Number)ts.tv_nsec * 1e-9);
  return 1;
}

/* core.sleep(seconds) -> true, or false when a signal (Ctrl-C) cut the sleep short: the
 * fetcher's waits and backoff. seconds is a non-negative number (fractions ok). */
static int sys_sleep(lua_State *L) {
  lua_Number s = luaL_checknumber(L, 1);
  struct timespec ts, rem;
  luaL_argcheck(L, s >= 0 && s <= 86400.0 * 365, 1, "expected 0 to one year of seconds");
  ts.tv_sec = (time_t)s;
  ts.tv_nsec = (long)((s - (lua_Number)ts.tv_sec) * 1e9);
  if (ts.tv_nsec > 999999999L) ts.tv_nsec = 999999999L;
  if (nanosleep(&ts, &rem) != 0 && errno == EINTR) {
    lua_pushboolean(L, 0);
    return 1;
  }
  lua_pushboolean(L, 1);
  return 1;
}

/* Installs (on = true, the default) or removes (on = false: default disposition) the handler
 * for SIGINT and SIGTERM. Installing twice is harmless. Returns whether the handler was
 * installed before the call, read back from the kernel, so no other state is kept. */
static int sys_catch_interrupt(lua_State *L) {
  int on = 1;
  if (!lua_isnoneornil(L, 1)) {
    luaL_checktype(L, 1, LUA_TBOOLEAN);
    on = lua_toboolean(L, 1);
  }
  static const int sigs[] = { SIGINT, SIGTERM };
  struct sigaction old;
  int was = 0;
  if (sigaction(SIGINT, NULL, &old) == 0)
    was = (old.sa_handler == on_interrupt);
  for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sigemptyset(&sa.sa_mask);
    sa.sa_handler = on ? on_interrupt : SIG_DFL;
    sa.sa_flags = SA_RESTART;
    if (sigaction(sigs[i], &sa, NULL) != 0)
      return luaL_error(L, "sigaction failed: %s", strerror(errno));
  }
  if (!on)
    interrupt_flag = 0;
  lua_pushboolean(L, was);
  return 1;
}

static int sys_interrupted(lua_State *L) {
  int was = interrupt_flag != 0;
  interrupt_flag = 0;
  lua_pushboolean(L, was);
  return 1;
}

static int sys_terminal_width(lua_State *L) {
  int fd = lua_isnoneornil(L, 1) ? STDOUT_FILENO : check_fd(L, 1);
  struct winsize ws;
  memset(&ws, 0, sizeof ws);
  if (ioctl(fd, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
    lua_pushinteger(L, (lua_Integer)ws.ws_col);
  else
    lua_pushinteger(L, DEFAULT_WIDTH);
  return 1;
}

static int sys_set_threads(lua_State *L) {
  lua_Integer n = luaL_checkinteger(L, 1);
  luaL_argcheck(L, n >= 1 && n <= TW_MAX_THREADS, 1, "thread count out of range (1 to 1024)");
  tw_kernels_set_threads((int)n);
  lua_pushinteger(L, (lua_Integer)openblas_get_num_threads());
  return 1;
}

static int sys_get_threads(lua_State *L) {
  lua_pushinteger(L, (lua_Integer)openblas_get_num_threads());
  return 1;
}
/* core.blas_core() -> the kernel set OpenBLAS chose (or was told by OPENBLAS_CORETYPE) */
static int sys_blas_core(lua_State *L) {
  lua_pushstring(L, openblas_get_corename());
  return 1;
}

static int sys_rss_peak_mb(lua_State *L) {
  struct rusage ru;
  if (getrusage(RUSAGE_SELF, &ru) != 0)
    return luaL_error(L, "getrusage failed: %s", strerror(errno));
  /* Linux reports ru_maxrss in KiB. */
  lua_pushnumber(L, (lua_Number)ru.ru_maxrss / 1024.0);
  return 1;
}
/* ===== memory: what the machine can give, what training takes ===== */

/* The number after `key` in a /proc-style file of "key value" lines, or -1. */
static double read_field(const char *file, const char *key) {
  char line[256];
  size_t n = strlen(key);
  double v = -1;
  FILE *f = fopen(file, "re");
  if (f == NULL) return -1;
  while (fgets(line, sizeof line, f) != NULL)
    if (strncmp(line, key, n) == 0) {
      v = strtod(line + n, NULL);
      break;
    }
  fclose(f);
  return v;
}

/* core.memory_available() -> bytes this process may still allocate: the machine's available
 * memory (MemAvailable, else the free physical pages), less where a cgroup (a container's
 * memory.max) or an address-space limit (ulimit -v) ends sooner. */
static int sys_memory_available(lua_State *L) {
  double page = (double)sysconf(_SC_PAGESIZE);
  double avail = read_field("/proc/meminfo", "MemAvailable:") * 1024;
  double cap, used;
  struct rlimit rl;
  if (avail < 0) avail = (double)sysconf(_SC_AVPHYS_PAGES) * page;
  cap = read_field("/sys/fs/cgroup/memory.max", "");
  used = read_field("/sys/fs/cgroup/memory.current", "");
  if (cap > 0 && used >= 0 && cap - used < avail) avail = cap - used;
  if (getrlimit(RLIMIT_AS, &rl) == 0 && rl.rlim_cur != RLIM_INFINITY) {
    double size = read_field("/proc/self/statm", "") * page;   /* first field: pages mapped */
    double left = (double)rl.rlim_cur - (size > 0 ? size : 0);
    if (left < avail) avail = left;
  }
  lua_pushinteger(L, avail > 0 ? (lua_Integer)avail : 0);
  return 1;
}

/* core.training_bytes(config, B, T) -> bytes training a model of `config` (model:config()'s
 * fields cell, embed, hidden, layers, dropout, vocab_size) at B streams of T steps takes
 * (tw_training_floats, and the batches' tokens). Allocates nothing, so that a size is
 * refused before any of it is. */
static int sys_training_bytes(lua_State *L) {
  const Cell *cell = tw_cell_named("lstm", 4);
  ModelConfig cfg;
  ModelLayout lay;
  const char *name;
  size_t len;
  char err[128];
  lua_Integer B, T;
  double floats, tokens;
  int masked;
  luaL_checktype(L, 1, LUA_TTABLE);
  B = luaL_checkinteger(L, 2);
  T = luaL_checkinteger(L, 3);
  luaL_argcheck(L, B >= 1 && B <= ((lua_Integer)1 << 20), 2, "batch size out of range");
  luaL_argcheck(L, T >= 1 && T <= ((lua_Integer)1 << 40) / B, 3, "sequence length out of range");
  name = tw_opt_string(L, 1, "training_bytes", "cell", &len);
  if (name && !(cell = tw_cell_named(name, len)))
    return luaL_error(L, "bad argument #1 to 'training_bytes' (unknown cell '%s')", name);
  memset(&cfg, 0, sizeof cfg);
  cfg.E = (size_t)tw_opt_integer(L, 1, "training_bytes", "embed", 64, 1, 8192);
  cfg.H = (size_t)tw_opt_integer(L, 1, "training_bytes", "hidden", 256, 1, 16384);
  cfg.L = (size_t)tw_opt_integer(L, 1, "training_bytes", "layers", 2, 1, TW_MAX_LAYERS);
  cfg.V = (size_t)tw_opt_integer(L, 1, "training_bytes", "vocab_size", 3, 3, 0x110002);
  masked = tw_opt_number(L, 1, "training_bytes", "dropout", 0, 0, 1) > 0;
  if (!tw_model_config_ok(cell, &cfg, err, sizeof err))
    return luaL_error(L, "bad argument #1 to 'training_bytes' (%s)", err);
  tw_model_layout(cell, &cfg, &lay);
  tokens = (double)B * (double)T;
  floats = tw_training_floats(cell, &cfg, &lay, (size_t)B, tokens, masked);
  lua_pushnumber(L, floats * sizeof(float) + 4.0 * tokens * sizeof(int32_t));
  return 1;
}

/* The REPL's line editor waits here rather than in read(), which SA_RESTART would resume
 * after Ctrl-C: poll() is never restarted, so the prompt hears of the signal at once. */
static int sys_wait_readable(lua_State *L) {
  int fd = check_fd(L, 1);
  lua_Number seconds = luaL_optnumber(L, 2, -1);
  struct pollfd p;
  int ms, r;
  luaL_argcheck(L, !isnan(seconds), 2, "seconds is not a number (NaN)");
  ms = seconds < 0 ? -1 : seconds > 86400 ? 86400000 : (int)(seconds * 1000);
  p.fd = fd;
  p.events = POLLIN;
  p.revents = 0;
  r = poll(&p, 1, ms);
  if (r < 0 && errno != EINTR) return luaL_error(L, "poll failed: %s", strerror(errno));
  lua_pushboolean(L, r > 0);
  return 1;
}

static const luaL_Reg sys_funcs[] = {
  { "isatty", sys_isatty },
  { "monotonic", sys_monotonic },
  { "sleep", sys_sleep },
  { "catch_interrupt", sys_catch_interrupt },
  { "interrupted", sys_interrupted },
  { "wait_readable", sys_wait_readable },
  { "terminal_width", sys_terminal_width },
  { "set_threads", sys_set_threads },
  { "get_threads", sys_get_threads },
  { "blas_core", sys_blas_core },
  { "rss_peak_mb", sys_rss_peak_mb },
  { "memory_available", sys_memory_available },
  { "training_bytes", sys_training_bytes },
  { NULL, NULL }
};

void tw_open_sys(lua_State *L) {
  luaL_setfuncs(L, sys_funcs, 0);
}
