/*
 * modelsections.h: the section table and little-endian helpers that the model file's framing
 * (modelfile.c) and its sections (modelsections.c) share. Those two files only.
 */
#ifndef TW_MODELSECTIONS_H
#define TW_MODELSECTIONS_H

#include <stdio.h>
#include <string.h>

#include "modelfile.h"

#define TW_SECTION_HEAD 12u   /* tag (4) + length (8) */
#define TW_SECTION_MAX_HEAD 36u   /* the most of a body read before its size is checked */

/* One section: `size` gives its body's length in the file of m (0 leaves an optional section
 * out; NULL: the body is always `head` bytes), `put` writes the body, `check` reads the
 * first `head` bytes (at most TW_SECTION_MAX_HEAD) of a body of `len` bytes at offset `body`
 * into the layout, checking the length against what came before. */
typedef struct {
  char tag[5];
  uint32_t from_version;                 /* the first format version that has it */
  int optional;
  size_t head;
  size_t (*size)(const Model *m, int half);
  void (*put)(const Model *m, int half, uint8_t *p);
  int (*check)(ModelFileLayout *f, const uint8_t *head, uint64_t len, uint64_t body,
               char *err, size_t errlen);
} TwSection;

/* The sections in the order a file holds them. */
extern const TwSection tw_sections[];
extern const size_t tw_nsections;

static inline int tw_fail(char *err, size_t errlen, const char *msg) {
  snprintf(err, errlen, "%s", msg);
  return 0;
}

static inline void tw_put_u32(uint8_t *p, uint32_t x) {
  p[0] = (uint8_t)x;
  p[1] = (uint8_t)(x >> 8);
  p[2] = (uint8_t)(x >> 16);
  p[3] = (uint8_t)(x >> 24);
}

static inline void tw_put_u64(uint8_t *p, uint64_t x) {
  tw_put_u32(p, (uint32_t)x);
  tw_put_u32(p + 4, (uint32_t)(x >> 32));
}

static inline uint32_t tw_get_u32(const uint8_t *p) {
  return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static inline uint64_t tw_get_u64(const uint8_t *p) {
  return (uint64_t)tw_get_u32(p) | (uint64_t)tw_get_u32(p + 4) << 32;
}

#endif
