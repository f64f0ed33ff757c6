/*
 * lsys.c: the few process facilities the training workflow needs, bound as plain functions
 * on the module table (no userdata type, no Lua logic):
 *
 *   core.isatty(fd | file)        -> boolean
 *   core.monotonic()              -> seconds (float, CLOCK_MONOTONIC)
 *   core.catch_interrupt([on])    -> boolean: whether the handler was already installed
 *   core.interrupted()            -> boolean: whether SIGINT/SIGTERM arrived (and clears it)
 *   core.terminal_width([fd])     -> columns of the terminal on fd (default 1), else 80
 *   core.set_threads(n)           -> OpenBLAS thread count now in use
 *   core.get_threads()            -> OpenBLAS thread count
 *   core.blas_core()              -> OpenBLAS kernel set in use, e.g. "Haswell"
 *   core.file_kind(path)          -> 'file' | 'directory' | 'fifo' | ... | nil, message
 *   core.mkdir(path)              -> true | nil, message
 *   core.rss_peak_mb()            -> peak resident set size of the process, in MiB (float)
 *   core.wait_readable(fd | file[, seconds]) -> true when input is ready, false on timeout or
 *                                    when a signal (Ctrl-C) interrupted the wait
 */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/resource.h>

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
  openblas_set_num_threads((int)n);
  lua_pushinteger(L, (lua_Integer)openblas_get_num_threads());
  return 1;
}

static int sys_get_threads(lua_State *L) {
  lua_pushinteger(L, (lua_Integer)openblas_get_num_threads());
  return 1;
}

/* core.file_kind(path) -> 'file' | 'directory' | 'fifo' | 'device' | 'socket' | 'other',
 * following links; nil, message, errno when the path cannot be examined (e.g. missing).
 * Lets Lua look before it opens: opening a FIFO blocks, and renaming over a device
 * replaces it. */
static int sys_file_kind(lua_State *L) {
  const char *path = luaL_checkstring(L, 1);
  struct stat st;
  const char *kind = "other";
  if (stat(path, &st) != 0) return luaL_fileresult(L, 0, path);
  if (S_ISREG(st.st_mode)) kind = "file";
  else if (S_ISDIR(st.st_mode)) kind = "directory";
  else if (S_ISFIFO(st.st_mode)) kind = "fifo";
  else if (S_ISCHR(st.st_mode) || S_ISBLK(st.st_mode)) kind = "device";
  else if (S_ISSOCK(st.st_mode)) kind = "socket";
  lua_pushstring(L, kind);
  return 1;
}

/* core.mkdir(path) -> true | nil, message, errno. One level; an existing folder is fine. */
static int sys_mkdir(lua_State *L) {
  const char *path = luaL_checkstring(L, 1);
  struct stat st;
  if (mkdir(path, 0777) == 0) {
    lua_pushboolean(L, 1);
    return 1;
  }
  if (errno == EEXIST && stat(path, &st) == 0) {
    if (S_ISDIR(st.st_mode)) {
      lua_pushboolean(L, 1);
      return 1;
    }
    errno = ENOTDIR;   /* "File exists" would not say what is wrong */
  }
  return luaL_fileresult(L, 0, path);
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

/* The REPL's line editor waits here rather than in read(), which SA_RESTART would resume
 * after Ctrl-C: poll() is never restarted, so the prompt hears of the signal at once. */
static int sys_wait_readable(lua_State *L) {
  int fd = check_fd(L, 1);
  lua_Number seconds = luaL_optnumber(L, 2, -1);
  int ms = seconds < 0 ? -1 : seconds > 86400 ? 86400000 : (int)(seconds * 1000);
  struct pollfd p;
  int r;
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
  { "catch_interrupt", sys_catch_interrupt },
  { "interrupted", sys_interrupted },
  { "terminal_width", sys_terminal_width },
  { "set_threads", sys_set_threads },
  { "get_threads", sys_get_threads },
  { "blas_core", sys_blas_core },
  { "file_kind", sys_file_kind },
  { "mkdir", sys_mkdir },
  { "rss_peak_mb", sys_rss_peak_mb },
  { "wait_readable", sys_wait_readable },
  { NULL, NULL }
};

void tw_open_sys(lua_State *L) {
  luaL_setfuncs(L, sys_funcs, 0);
}
