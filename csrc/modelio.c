/*
 * modelio.c: reading a model file from disk (POSIX), so that nothing is allocated from an
 * unchecked length and nothing blocks: only regular files are opened, the header is checked
 * against the file's real size, and a large file's sections are checked from a few dozen
 * bytes read before it is read whole. Pure C, no Lua; the caller owns the descriptor.
 */
#include "modelio.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Files up to this size are read whole before their sizes are checked, so that the checksum,
 * which names corruption best, is checked first; a larger one must first pass the section
 * checks made from a few dozen bytes read from the disk, so that a huge or sparse file is
 * refused without being read or allocated. */
#define LOAD_READ_WHOLE ((uint64_t)64 << 20)

static int fail(char *err, size_t errlen, const char *msg) {
  snprintf(err, errlen, "%s", msg);
  return 0;
}

static int pread_all(int fd, uint64_t off, uint8_t *dst, size_t n) {
  while (n > 0) {
    ssize_t got = pread(fd, dst, n, (off_t)off);
    if (got < 0 && errno == EINTR) continue;
    if (got <= 0) return 0;
    dst += got;
    off += (uint64_t)got;
    n -= (size_t)got;
  }
  return 1;
}

static int read_fd_at(void *ctx, uint64_t off, uint8_t *dst, size_t n) {
  return pread_all(*(const int *)ctx, off, dst, n);
}

int tw_model_file_open(const char *path, int *fd, size_t *size, char *err, size_t errlen) {
  struct stat st;
  uint8_t head[TW_FILE_HEADER];
  size_t n;
  ModelFileLayout lay;
  if (stat(path, &st) != 0) return fail(err, errlen, strerror(errno));
  if (S_ISDIR(st.st_mode)) return fail(err, errlen, "is a directory, not a model file");
  if (!S_ISREG(st.st_mode)) return fail(err, errlen, "is not a regular file");
  *fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
  if (*fd < 0 || fstat(*fd, &st) != 0) return fail(err, errlen, strerror(errno));
  if (!S_ISREG(st.st_mode)) return fail(err, errlen, "is not a regular file");
  if ((uint64_t)st.st_size > (uint64_t)SIZE_MAX / 2)
    return fail(err, errlen, "file too large to be a model");
  *size = (size_t)st.st_size;
  n = *size < TW_FILE_HEADER ? *size : TW_FILE_HEADER;
  if (!pread_all(*fd, 0, head, n)) return fail(err, errlen, "read error");
  if (!tw_file_check_header(head, n, *size, err, errlen)) return 0;
  return *size <= LOAD_READ_WHOLE || tw_file_layout(read_fd_at, fd, *size, &lay, err, errlen);
}

int tw_model_file_read(int fd, uint8_t *bytes, size_t size, ModelFileLayout *lay, char *err,
                       size_t errlen) {
  if (!pread_all(fd, 0, bytes, size)) return fail(err, errlen, "file changed while reading");
  return tw_file_decode(bytes, size, lay, err, errlen);
}
