/*
 * modelfile.h: the model file format (docs/model-format.md), encoded to and decoded from a
 * byte array. Pure C: no I/O here; the binding reads and writes the bytes.
 */
#ifndef TW_MODELFILE_H
#define TW_MODELFILE_H

#include <stddef.h>
#include <stdint.h>

#include "lstm.h"

#define TW_FILE_VERSION 1u
#define TW_FILE_HEADER 24u

typedef struct {
  uint64_t step;
  float train, valid;   /* nats per character; valid is NaN when not measured */
} HistoryEntry;

/* Everything a model file holds, as C arrays (encode) or as views into the file (decode). */
typedef struct {
  LstmConfig cfg;
  float dropout;
  uint64_t seed;
  OptimizerConfig opt;
  uint64_t steps, opt_steps, cursor, rng;
  size_t cursor_B, cursor_T;             /* the batch shape the cursor counts in; 0: unknown */
  /* encode: chars are the V-2 code points of tokens 2..V-1 */
  const uint32_t *chars;
  const float *params, *m, *v;           /* m and v may be NULL: no optimizer state */
  size_t carry_B;                        /* 0: no carried recurrent state */
  const float *carry_h, *carry_c;        /* (L,carry_B,H) */
  const HistoryEntry *history;
  size_t nhistory;
  int half;                              /* store weights as float16 */
} ModelImage;

typedef struct {
  ModelImage img;                        /* scalars filled; array pointers NULL */
  const uint8_t *chars_utf8;
  size_t chars_len;
  const uint8_t *weights;                /* nparams f32 or f16 (img.half) */
  const uint8_t *moments;                /* m then v, f32; NULL when absent */
  const uint8_t *carry;                  /* h then c, f32; NULL when absent */
  const uint8_t *history;                /* nhistory entries of 16 bytes */
} ModelFileView;

/* Where each part lies in a file of `size` bytes (offsets from its start). */
typedef struct {
  ModelImage img;                        /* scalars filled; array pointers NULL */
  uint64_t chars_off, chars_len;
  uint64_t weights_off;
  uint64_t moments_off, carry_off;       /* 0 when absent */
  uint64_t history_off;
} ModelFileLayout;

/* Reads n bytes at offset off (always inside the file) into dst; returns 0 on a read error. */
typedef int (*TwReadAt)(void *ctx, uint64_t off, uint8_t *dst, size_t n);

size_t tw_file_size(const ModelImage *img);
void tw_file_encode(const ModelImage *img, uint8_t *out);
/* Checks everything (header, checksum, every section against the configuration); returns 1,
 * or 0 with a message in err. Code points are checked by the caller while decoding them. */
int tw_file_decode(const uint8_t *bytes, size_t n, ModelFileView *view, char *err,
                   size_t errlen);
/* Checks the first n bytes of a file of `size` bytes: magic number, version, and the payload
 * length against the real size. Returns 1, or 0 with a message. */
int tw_file_check_header(const uint8_t *head, size_t n, uint64_t size, char *err,
                         size_t errlen);
/* Checks every section's size against the configuration and the file's size, reading only
 * section heads and the fields sizes depend on (a few dozen bytes), so a loader can refuse a
 * file before it allocates anything. The header and the checksum are not checked here. */
int tw_file_layout(TwReadAt read, void *ctx, uint64_t size, ModelFileLayout *out, char *err,
                   size_t errlen);
void tw_file_floats(float *dst, const uint8_t *src, size_t n, int half);
void tw_file_history(HistoryEntry *dst, const uint8_t *src, size_t n);
uint32_t tw_crc32(const uint8_t *p, size_t n);

#endif
