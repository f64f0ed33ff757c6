/*
 * modelio.h: reading a model file from disk (POSIX) in two steps: its bytes are allocated
 * only once its size has passed every check that can be made without them.
 */
#ifndef TW_MODELIO_H
#define TW_MODELIO_H

#include <stddef.h>
#include <stdint.h>

#include "modelfile.h"

/* Opens `path` for reading: *fd gets the descriptor (-1 or open; the caller closes it on
 * every path) and *size the file's size. Refuses a folder, a FIFO or a device before
 * opening, a header that does not match the file's size, and (for a large file) sections
 * whose sizes do not match the configuration. Returns 1, or 0 with a message. */
int tw_model_file_open(const char *path, int *fd, size_t *size, char *err, size_t errlen);
/* Reads the whole file into bytes (size bytes) and decodes it (tw_file_decode). */
int tw_model_file_read(int fd, uint8_t *bytes, size_t size, ModelFileLayout *lay, char *err,
                       size_t errlen);

#endif
