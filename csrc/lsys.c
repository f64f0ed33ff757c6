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
 *   core.check_output(path)       -> true | nil, message: may a file be written there?
 *   core.write_file(path, data)   -> true | nil, message: atomic replace (temp, fsync, rename)
 *   core.read_file(path, max)     -> contents | nil, message: a regular file of <= max bytes
 *
 * Every file tweeter writes goes through tw_check_output and tw_write_file (model:save
 * included): a FIFO, a device, a directory, or a link to one of them is refused before
 * anything is written; a link to a regular file is followed (the file it names is replaced,
 * the link kept). The temporary file is created beside the target with
 * O_CREAT|O_EXCL|O_NOFOLLOW and mode 0666 less the umask, and a failed write removes it,
 * leaving the previous file as it was.
 *   core.wait_readable(fd | file[, seconds]) -> true when input is ready, false on timeout or
 *                                    when a signal (Ctrl-C) interrupted the wait
 */
/* realpath() is an XSI function */
#define _XOPEN_SOURCE 700

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
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
  tw_kernels_set_threads((int)n);
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

/* ===== files: one check for every output, one atomic writer, one bounded reader ===== */

/* A file descriptor owned by a userdata, so that it is closed on every path out of a C
 * function, raised errors included: tw_push_descriptor marks it to-be-closed. */
typedef struct {
  int fd;
} Descriptor;

static int descriptor_close(lua_State *L) {
  Descriptor *d = (Descriptor *)luaL_checkudata(L, 1, TW_DESCRIPTOR);
  if (d->fd >= 0) close(d->fd);
  d->fd = -1;
  return 0;
}

static int descriptor_tostring(lua_State *L) {
  Descriptor *d = (Descriptor *)luaL_checkudata(L, 1, TW_DESCRIPTOR);
  lua_pushfstring(L, "tweeter.Descriptor(%d)", d->fd);
  return 1;
}

int *tw_push_descriptor(lua_State *L) {
  Descriptor *d = (Descriptor *)lua_newuserdatauv(L, sizeof(Descriptor), 0);
  d->fd = -1;
  luaL_setmetatable(L, TW_DESCRIPTOR);
  lua_toclose(L, -1);
  return &d->fd;
}

static const char *not_regular(mode_t mode) {
  if (S_ISDIR(mode)) return "is a directory";
  if (S_ISFIFO(mode)) return "is a FIFO, not a regular file";
  if (S_ISCHR(mode) || S_ISBLK(mode)) return "is a device, not a regular file";
  if (S_ISSOCK(mode)) return "is a socket, not a regular file";
  return "is not a regular file";
}

int tw_check_output(const char *path, char *target, size_t cap, char *err, size_t errlen) {
  struct stat st;
  size_t n = strlen(path);
  if (n == 0) {
    snprintf(err, errlen, "empty file name");
    return 0;
  }
  if (lstat(path, &st) != 0) {
    /* missing (to be created); any other problem (a parent that is a file...) is named by
     * the step that meets it */
    if (n >= cap) {
      snprintf(err, errlen, "%s: %s", path, strerror(ENAMETOOLONG));
      return 0;
    }
    memcpy(target, path, n + 1);
    return 1;
  }
  if (S_ISLNK(st.st_mode)) {
    if (stat(path, &st) != 0) {
      snprintf(err, errlen, "%s: is a symbolic link to a missing file", path);
      return 0;
    }
    if (!S_ISREG(st.st_mode)) {
      snprintf(err, errlen, "%s: is a symbolic link, and its target %s", path,
               not_regular(st.st_mode));
      return 0;
    }
    if (cap < PATH_MAX || realpath(path, target) == NULL) {
      snprintf(err, errlen, "%s: %s", path, strerror(cap < PATH_MAX ? ENAMETOOLONG : errno));
      return 0;
    }
    return 1;
  }
  if (!S_ISREG(st.st_mode)) {
    snprintf(err, errlen, "%s: %s", path, not_regular(st.st_mode));
    return 0;
  }
  if (n >= cap) {
    snprintf(err, errlen, "%s: %s", path, strerror(ENAMETOOLONG));
    return 0;
  }
  memcpy(target, path, n + 1);
  return 1;
}

/* core.check_output(path) -> true | nil, message */
static int sys_check_output(lua_State *L) {
  const char *path = luaL_checkstring(L, 1);
  char err[PATH_MAX + 100];
  char *target = (char *)tw_new_bytes(L, PATH_MAX);
  if (!tw_check_output(path, target, PATH_MAX, err, sizeof err)) {
    luaL_pushfail(L);
    lua_pushstring(L, err);
    return 2;
  }
  lua_pushboolean(L, 1);
  return 1;
}

static int write_all(int fd, const uint8_t *p, size_t n) {
  while (n > 0) {
    ssize_t w = write(fd, p, n);
    if (w < 0) {
      if (errno == EINTR) continue;
      return 0;
    }
    p += w;
    n -= (size_t)w;
  }
  return 1;
}

/* A temporary file beside `target`, created (never opened through a link, never an existing
 * file) with mode 0666 less the umask, as any new file. Returns the descriptor, or -1. */
static int create_temp(char *tmp, size_t cap, const char *target) {
  static const char digits[] = "abcdefghijklmnopqrstuvwxyz0123456789";
  struct timespec ts;
  uint64_t x;
  int attempt;
  clock_gettime(CLOCK_REALTIME, &ts);
  x = (uint64_t)ts.tv_nsec * 0x9E3779B97F4A7C15u ^ (uint64_t)ts.tv_sec ^
      (uint64_t)getpid() << 32 ^ (uint64_t)(uintptr_t)tmp;
  for (attempt = 0; attempt < 100; attempt++) {
    char suffix[7];
    int k, fd;
    for (k = 0; k < 6; k++) {
      x ^= x << 13;
      x ^= x >> 7;
      x ^= x << 17;
      suffix[k] = digits[x % 36];
    }
    suffix[6] = '\0';
    if ((size_t)snprintf(tmp, cap, "%s.tmp-%s", target, suffix) >= cap) {
      errno = ENAMETOOLONG;
      return -1;
    }
    fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0666);
    if (fd >= 0 || errno != EEXIST) return fd;
  }
  return -1;
}

/* The folder of `path` is synced so the rename itself survives a crash; best effort. */
static void sync_folder(const char *path, char *buf, size_t cap) {
  const char *slash = strrchr(path, '/');
  int fd;
  if (slash == NULL) {
    snprintf(buf, cap, ".");
  } else {
    size_t n = (size_t)(slash - path);
    if (n == 0) n = 1;
    if (n >= cap) return;
    memcpy(buf, path, n);
    buf[n] = '\0';
  }
  fd = open(buf, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd >= 0) {
    fsync(fd);
    close(fd);
  }
}

int tw_write_file(lua_State *L, const char *path, const void *data, size_t n) {
  char err[PATH_MAX + 100];
  char *target = (char *)tw_new_bytes(L, PATH_MAX);
  char *tmp = (char *)tw_new_bytes(L, PATH_MAX + 16);
  int *fd = tw_push_descriptor(L);
  int e;
  if (!tw_check_output(path, target, PATH_MAX, err, sizeof err)) {
    luaL_pushfail(L);
    lua_pushstring(L, err);
    return 2;
  }
  *fd = create_temp(tmp, PATH_MAX + 16, target);
  if (*fd < 0) {
    e = errno;
    luaL_pushfail(L);
    lua_pushfstring(L, "%s: %s", path, strerror(e));
    return 2;
  }
  if (!write_all(*fd, (const uint8_t *)data, n) || fsync(*fd) != 0) goto fail;
  e = close(*fd);
  *fd = -1;
  if (e != 0 || rename(tmp, target) != 0) goto fail;
  sync_folder(target, tmp, PATH_MAX + 16);
  lua_pushboolean(L, 1);
  return 1;
fail:
  e = errno;
  unlink(tmp);
  luaL_pushfail(L);
  lua_pushfstring(L, "%s: %s", path, strerror(e));
  return 2;
}

/* core.write_file(path, data) -> true | nil, message: the one writer of every file. */
static int sys_write_file(lua_State *L) {
  const char *path = luaL_checkstring(L, 1);
  size_t n;
  const char *data = luaL_checklstring(L, 2, &n);
  return tw_write_file(L, path, data, n);
}

/* core.read_file(path, max_bytes) -> contents | nil, message: a regular file only (a FIFO
 * would block, a device never ends), refused when larger than max_bytes. */
static int sys_read_file(lua_State *L) {
  const char *path = luaL_checkstring(L, 1);
  lua_Integer max = luaL_checkinteger(L, 2);
  struct stat st;
  luaL_Buffer b;
  size_t total = 0;
  int *fd;
  luaL_argcheck(L, max >= 0 && max <= ((lua_Integer)1 << 40), 2, "size limit out of range");
  if (stat(path, &st) != 0) return luaL_fileresult(L, 0, path);
  if (!S_ISREG(st.st_mode)) {
    luaL_pushfail(L);
    lua_pushfstring(L, "%s: %s", path, not_regular(st.st_mode));
    return 2;
  }
  fd = tw_push_descriptor(L);
  *fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
  if (*fd < 0 || fstat(*fd, &st) != 0) return luaL_fileresult(L, 0, path);
  if (!S_ISREG(st.st_mode)) {   /* replaced since it was looked at */
    luaL_pushfail(L);
    lua_pushfstring(L, "%s: %s", path, not_regular(st.st_mode));
    return 2;
  }
  if ((uint64_t)st.st_size > (uint64_t)max) {
    luaL_pushfail(L);
    lua_pushfstring(L, "%s: file too large (%I bytes; at most %I)", path,
                    (lua_Integer)st.st_size, max);
    return 2;
  }
  luaL_buffinit(L, &b);
  for (;;) {
    char *p = luaL_prepbuffsize(&b, 65536);
    ssize_t got = read(*fd, p, 65536);
    if (got < 0) {
      if (errno == EINTR) continue;
      return luaL_fileresult(L, 0, path);
    }
    if (got == 0) break;
    luaL_addsize(&b, (size_t)got);
    total += (size_t)got;
    if (total > (size_t)max) {
      luaL_pushfail(L);
      lua_pushfstring(L, "%s: file too large (more than %I bytes)", path, max);
      return 2;
    }
  }
  luaL_pushresult(&b);
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
  { "catch_interrupt", sys_catch_interrupt },
  { "interrupted", sys_interrupted },
  { "terminal_width", sys_terminal_width },
  { "set_threads", sys_set_threads },
  { "get_threads", sys_get_threads },
  { "blas_core", sys_blas_core },
  { "file_kind", sys_file_kind },
  { "mkdir", sys_mkdir },
  { "rss_peak_mb", sys_rss_peak_mb },
  { "check_output", sys_check_output },
  { "write_file", sys_write_file },
  { "read_file", sys_read_file },
  { "wait_readable", sys_wait_readable },
  { NULL, NULL }
};

void tw_open_sys(lua_State *L) {
  static const luaL_Reg descriptor_meta[] = {
    { "__close", descriptor_close }, { "__gc", descriptor_close },
    { "__tostring", descriptor_tostring }, { NULL, NULL }
  };
  static const luaL_Reg no_methods[] = { { NULL, NULL } };
  tw_new_type(L, TW_DESCRIPTOR, no_methods, descriptor_meta);
  luaL_setfuncs(L, sys_funcs, 0);
}
