/*
 * lfiles.c: every file tweeter writes or reads whole, and the writers' locks, bound as plain
 * functions on the module table:
 *
 *   core.file_kind(path)          -> 'file' | 'directory' | 'fifo' | ... | nil, message
 *   core.mkdir(path)              -> true | nil, message
 *   core.check_output(path)       -> true | nil, message: may a file be written there?
 *   core.write_file(path, data)   -> true | nil, message: atomic replace (temp, fsync, rename)
 *   core.read_file(path, max)     -> contents | nil, message: a regular file of <= max bytes
 *   core.lock(path)               -> tweeter.Lock | nil, message: the one writer's lock
 *
 * Every file tweeter writes goes through tw_check_output and tw_write_file (model:save
 * included): a FIFO, a device, a directory, or a link to one of them is refused before
 * anything is written; a link to a regular file is followed (the file it names is replaced,
 * the link kept). The temporary file is created beside the target with
 * O_CREAT|O_EXCL|O_NOFOLLOW and mode 0666 less the umask, and a failed write removes it,
 * leaving the previous file as it was; the temporary files of writers that died before their
 * rename are removed by the next writer of the target.
 */
/* realpath() is an XSI function; flock() a BSD one (glibc: _DEFAULT_SOURCE) */
#define _XOPEN_SOURCE 700
#define _DEFAULT_SOURCE

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/file.h>
#include <sys/stat.h>

#include "tweeter.h"

/* core.file_kind(path) -> 'file' | 'directory' | 'fifo' | 'device' | 'socket' | 'other',
 * following links; nil, message, errno when the path cannot be examined (e.g. missing).
 * Lets Lua look before it opens: opening a FIFO blocks, and renaming over a device
 * replaces it. */
static int fs_file_kind(lua_State *L) {
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
static int fs_mkdir(lua_State *L) {
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

const char *tw_not_regular(unsigned mode) {
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
               tw_not_regular(st.st_mode));
      return 0;
    }
    if (cap < PATH_MAX || realpath(path, target) == NULL) {
      snprintf(err, errlen, "%s: %s", path, strerror(cap < PATH_MAX ? ENAMETOOLONG : errno));
      return 0;
    }
    return 1;
  }
  if (!S_ISREG(st.st_mode)) {
    snprintf(err, errlen, "%s: %s", path, tw_not_regular(st.st_mode));
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
static int fs_check_output(lua_State *L) {
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

/* Whether `path` (not followed if a link) still names the file open as `fd`: a file another
 * process removed or replaced after it was opened no longer does. */
static int names_file(const char *path, int fd) {
  struct stat held, named;
  return fstat(fd, &held) == 0 && lstat(path, &named) == 0 && held.st_dev == named.st_dev &&
         held.st_ino == named.st_ino;
}

#define TEMP_SUFFIX ".tmp-"
#define TEMP_RANDOM 6

/* A temporary file beside `target`, created (never opened through a link, never an existing
 * file) with mode 0666 less the umask, as any new file, and flock()ed until it is renamed:
 * the lock is what tells the next writer that it belongs to a live one (remove_dead_temps).
 * Returns the descriptor, or -1. */
static int create_temp(char *tmp, size_t cap, const char *target) {
  static const char digits[] = "abcdefghijklmnopqrstuvwxyz0123456789";
  struct timespec ts;
  uint64_t x;
  int attempt;
  clock_gettime(CLOCK_REALTIME, &ts);
  x = (uint64_t)ts.tv_nsec * 0x9E3779B97F4A7C15u ^ (uint64_t)ts.tv_sec ^
      (uint64_t)getpid() << 32 ^ (uint64_t)(uintptr_t)tmp;
  for (attempt = 0; attempt < 100; attempt++) {
    char suffix[TEMP_RANDOM + 1];
    int k, fd;
    for (k = 0; k < TEMP_RANDOM; k++) {
      x ^= x << 13;
      x ^= x >> 7;
      x ^= x << 17;
      suffix[k] = digits[x % 36];
    }
    suffix[TEMP_RANDOM] = '\0';
    if ((size_t)snprintf(tmp, cap, "%s" TEMP_SUFFIX "%s", target, suffix) >= cap) {
      errno = ENAMETOOLONG;
      return -1;
    }
    fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0666);
    if (fd < 0) {
      if (errno == EEXIST) continue;
      return -1;
    }
    /* another writer may have found it unlocked between open and flock and removed it: then
     * the name is no longer this file's, and another name is tried */
    if (flock(fd, LOCK_EX | LOCK_NB) == 0 && names_file(tmp, fd)) return fd;
    close(fd);
  }
  errno = EEXIST;
  return -1;
}

/* The folder part of `path` into buf ("." when it has none). 0 when it does not fit. */
static int folder_of(const char *path, char *buf, size_t cap) {
  const char *slash = strrchr(path, '/');
  size_t n;
  if (slash == NULL) {
    snprintf(buf, cap, ".");
    return 1;
  }
  n = (size_t)(slash - path);
  if (n == 0) n = 1;
  if (n >= cap) return 0;
  memcpy(buf, path, n);
  buf[n] = '\0';
  return 1;
}

/* Whether `name` is `base` followed by create_temp's suffix. */
static int is_temp_of(const char *name, const char *base) {
  size_t n = strlen(base), k;
  if (strncmp(name, base, n) != 0 || strncmp(name + n, TEMP_SUFFIX, strlen(TEMP_SUFFIX)) != 0)
    return 0;
  name += n + strlen(TEMP_SUFFIX);
  for (k = 0; k < TEMP_RANDOM; k++)
    if (!((name[k] >= 'a' && name[k] <= 'z') || (name[k] >= '0' && name[k] <= '9'))) return 0;
  return name[TEMP_RANDOM] == '\0';
}

/* Removes the temporary files of `target` that writers killed before their rename left
 * behind (a model's are as large as the model): those no live process holds locked. Best
 * effort: a file that cannot be examined is left alone. `buf` is scratch of `cap` bytes. */
static void remove_dead_temps(const char *target, char *buf, size_t cap) {
  const char *slash = strrchr(target, '/');
  const char *base = slash ? slash + 1 : target;
  size_t dirlen;
  DIR *dir;
  struct dirent *e;
  if (!folder_of(target, buf, cap) || (dir = opendir(buf)) == NULL) return;
  dirlen = strlen(buf);
  while ((e = readdir(dir)) != NULL) {
    struct stat held;
    int fd;
    if (!is_temp_of(e->d_name, base) ||
        (size_t)snprintf(buf + dirlen, cap - dirlen, "/%s", e->d_name) >= cap - dirlen)
      continue;
    fd = open(buf, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
    if (fd < 0) continue;
    /* locked here, the file is no live writer's; still the same file under that name, it is
     * no one's to rename either (a writer renames only while it holds the lock) */
    if (fstat(fd, &held) == 0 && S_ISREG(held.st_mode) && flock(fd, LOCK_EX | LOCK_NB) == 0 &&
        names_file(buf, fd))
      unlink(buf);
    close(fd);
  }
  closedir(dir);
}

/* The folder of `path` is synced so the rename itself survives a crash; best effort. */
static void sync_folder(const char *path, char *buf, size_t cap) {
  int fd;
  if (!folder_of(path, buf, cap)) return;
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
  remove_dead_temps(target, tmp, PATH_MAX + 16);
  *fd = create_temp(tmp, PATH_MAX + 16, target);
  if (*fd < 0) {
    e = errno;
    luaL_pushfail(L);
    lua_pushfstring(L, "%s: %s", path, strerror(e));
    return 2;
  }
  /* renamed before it is closed (the descriptor closes it on return), so that the lock on it
   * lasts until the name is gone: the data is synced, so the close has nothing left to fail */
  if (!write_all(*fd, (const uint8_t *)data, n) || fsync(*fd) != 0 || rename(tmp, target) != 0)
    goto fail;
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
static int fs_write_file(lua_State *L) {
  const char *path = luaL_checkstring(L, 1);
  size_t n;
  const char *data = luaL_checklstring(L, 2, &n);
  return tw_write_file(L, path, data, n);
}

/* core.read_file(path, max_bytes) -> contents | nil, message: a regular file only (a FIFO
 * would block, a device never ends), refused when larger than max_bytes. */
static int fs_read_file(lua_State *L) {
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
    lua_pushfstring(L, "%s: %s", path, tw_not_regular(st.st_mode));
    return 2;
  }
  fd = tw_push_descriptor(L);
  *fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
  if (*fd < 0 || fstat(*fd, &st) != 0) return luaL_fileresult(L, 0, path);
  if (!S_ISREG(st.st_mode)) {   /* replaced since it was looked at */
    luaL_pushfail(L);
    lua_pushfstring(L, "%s: %s", path, tw_not_regular(st.st_mode));
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

/* ===== locks: one writer per model or posts store ===== */

/* An flock() on PATH.lock, held while the userdata lives. The kernel drops it when its
 * holder dies, so a killed writer leaves nothing that stops the next one; the holder's pid is
 * written into the file so that the writer refused can name it. */
typedef struct {
  int fd;
  char path[1];   /* the lock file's name, allocated with the userdata */
} Lock;

static void release(Lock *k) {
  if (k->fd >= 0) {
    /* removed while still held: a writer that opened it meanwhile finds, once it holds the
     * lock, that the name is no longer this file, and makes a new one (fs_lock) */
    unlink(k->path);
    close(k->fd);
    k->fd = -1;
  }
}

static int lock_release(lua_State *L) {
  release((Lock *)luaL_checkudata(L, 1, TW_LOCK));
  return 0;
}

static int lock_tostring(lua_State *L) {
  Lock *k = (Lock *)luaL_checkudata(L, 1, TW_LOCK);
  lua_pushfstring(L, "tweeter.Lock(%s%s)", k->path, k->fd >= 0 ? "" : ", released");
  return 1;
}

/* The pid written in a lock file, or 0 when it holds none (its holder may not have written
 * it yet). */
static long lock_holder(int fd) {
  char buf[32];
  ssize_t n = pread(fd, buf, sizeof buf - 1, 0);
  char *end;
  long pid;
  if (n <= 0) return 0;
  buf[n] = '\0';
  pid = strtol(buf, &end, 10);
  return end != buf && pid > 0 ? pid : 0;
}

/* core.lock(path) -> lock | nil, message: the writer's lock on `path` (a model, a posts
 * store), through the file path .. ".lock"; refused at once when another holds it. */
static int fs_lock(lua_State *L) {
  size_t n;
  const char *path = luaL_checklstring(L, 1, &n);
  Lock *k = (Lock *)lua_newuserdatauv(L, sizeof(Lock) + n + 5, 0);
  int attempt;
  k->fd = -1;
  memcpy(k->path, path, n);
  memcpy(k->path + n, ".lock", 6);
  luaL_setmetatable(L, TW_LOCK);
  for (attempt = 0; attempt < 100; attempt++) {
    char pid[32];
    int e;
    k->fd = open(k->path, O_RDWR | O_CREAT | O_NOFOLLOW | O_NOCTTY | O_CLOEXEC, 0666);
    if (k->fd < 0) {
      e = errno;
      luaL_pushfail(L);
      lua_pushfstring(L, "cannot lock %s: %s: %s", path, k->path, strerror(e));
      return 2;
    }
    if (flock(k->fd, LOCK_EX | LOCK_NB) != 0) {
      long holder;
      e = errno;
      holder = lock_holder(k->fd);
      close(k->fd);
      k->fd = -1;
      luaL_pushfail(L);
      if (e != EWOULDBLOCK)
        lua_pushfstring(L, "cannot lock %s: %s: %s", path, k->path, strerror(e));
      else if (holder > 0)
        lua_pushfstring(L, "%s is in use: process %I is writing it (it holds %s)", path,
                        (lua_Integer)holder, k->path);
      else
        lua_pushfstring(L, "%s is in use: another process is writing it (it holds %s)", path,
                        k->path);
      return 2;
    }
    if (names_file(k->path, k->fd)) {
      int len = snprintf(pid, sizeof pid, "%ld\n", (long)getpid());
      if (ftruncate(k->fd, 0) != 0 || pwrite(k->fd, pid, (size_t)len, 0) != len) {
        e = errno;
        release(k);
        luaL_pushfail(L);
        lua_pushfstring(L, "cannot lock %s: %s: %s", path, k->path, strerror(e));
        return 2;
      }
      return 1;
    }
    /* the holder before removed it as it let go: this file is no one's lock any more */
    close(k->fd);
    k->fd = -1;
  }
  luaL_pushfail(L);
  lua_pushfstring(L, "cannot lock %s: %s keeps being replaced", path, k->path);
  return 2;
}

static const luaL_Reg file_funcs[] = {
  { "file_kind", fs_file_kind },
  { "mkdir", fs_mkdir },
  { "check_output", fs_check_output },
  { "write_file", fs_write_file },
  { "read_file", fs_read_file },
  { "lock", fs_lock },
  { NULL, NULL }
};

void tw_open_files(lua_State *L) {
  static const luaL_Reg descriptor_meta[] = {
    { "__close", descriptor_close }, { "__gc", descriptor_close },
    { "__tostring", descriptor_tostring }, { NULL, NULL }
  };
  static const luaL_Reg lock_meta[] = {
    { "__close", lock_release }, { "__gc", lock_release },
    { "__tostring", lock_tostring }, { NULL, NULL }
  };
  static const luaL_Reg no_methods[] = { { NULL, NULL } };
  tw_new_type(L, TW_DESCRIPTOR, no_methods, descriptor_meta);
  tw_new_type(L, TW_LOCK, no_methods, lock_meta);
  luaL_setfuncs(L, file_funcs, 0);
}
