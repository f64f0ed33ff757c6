/*
 * modelfile.h: the model file format (docs/model-format.md): encoding, decoding and every
 * check the loader makes. Pure C, no I/O (modelio.c reads files, lfiles.c writes them).
 */
#ifndef TW_MODELFILE_H
#define TW_MODELFILE_H

#include <stddef.h>
#include <stdint.h>

#include "model.h"

#define TW_FILE_VERSION 4u
#define TW_FILE_HEADER 24u

/* What a file holds, from its section heads: the model's scalars (its arrays NULL), and
 * where the arrays lie (offsets from the start of the file). */
typedef struct {
  Model model;
  uint32_t version;
  int half;                              /* weights stored as float16 */
  uint64_t chars_off, chars_len;         /* the vocabulary, UTF-8 */
  uint64_t weights_off;
  uint64_t moments_off, carry_off;       /* 0 when absent */
  uint64_t history_off;
  uint64_t seen_off, seen_len;           /* the copy guard's varints; 0 when absent */
  uint64_t ngram_off, ngram_len;         /* the phrasing cache's varints; 0 when absent */
} ModelFileLayout;

/* Reads n bytes at offset off (always inside the file) into dst; returns 0 on a read error. */
typedef int (*TwReadAt)(void *ctx, uint64_t off, uint8_t *dst, size_t n);

/* The file of m, its weights in float16 (and no optimizer state or carried state) when half
 * is set: its size, and the bytes. */
size_t tw_file_size(const Model *m, int half);
void tw_file_encode(const Model *m, int half, uint8_t *out);

/* Checks the first n bytes of a file of `size` bytes: magic number, version, and the payload
 * length against the real size. Returns 1, or 0 with a message. */
int tw_file_check_header(const uint8_t *head, size_t n, uint64_t size, char *err,
                         size_t errlen);
/* Checks every section's size against the configuration and the file's size, reading only
 * the header, section heads and the fields sizes depend on (a few dozen bytes), so a loader
 * can refuse a file before it allocates anything. The checksum is not checked here. */
int tw_file_layout(TwReadAt read, void *ctx, uint64_t size, ModelFileLayout *out, char *err,
                   size_t errlen);
/* The header, the checksum, then tw_file_layout, on a file in memory. */
int tw_file_decode(const uint8_t *bytes, size_t n, ModelFileLayout *out, char *err,
                   size_t errlen);
/* Fills m (lay->model with arrays the caller allocated: chars V, keys and key_tokens V-2,
 * params; m, v when moments_off; carry when carry_B; history nhistory; seen nseen; ngram_tokens nngram) from the
 * file's bytes, checking what sizes cannot: distinct valid characters, finite numbers,
 * ascending hashes, tokens in the vocabulary. Returns 1, or 0 with a message. */
int tw_file_load(const uint8_t *bytes, const ModelFileLayout *lay, Model *m, char *err,
                 size_t errlen);
uint32_t tw_crc32(const uint8_t *p, size_t n);

#endif
