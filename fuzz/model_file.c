/*
 * fuzz/model_file.c: libFuzzer target for reading a model file the way core.load does:
 * tw_file_decode (header, checksum, every section against the configuration), then
 * tw_file_load (vocabulary, weights, optimizer moments, carried state, history, the copy
 * guard's hashes) into arrays
 * sized from the decoded model, then generation (tw_generate) on the loaded weights. Pure C
 * against the core files; no Lua.
 *
 * So that mutations get past the checksum, an input that starts with the magic number has its
 * CRC-32 rewritten to match before decoding, and its payload length too unless the length's
 * top byte is set (so that the length checks are fuzzed as well).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "../csrc/generate.h"
#include "../csrc/modelfile.h"
#include "../csrc/remember.h"

static void *zeroed(size_t n, size_t size) {
  void *p = calloc(n ? n : 1, size);
  CHECK(p);
  return p;
}

/* little-endian, `bytes` bytes of x */
static void put_le(uint8_t *p, uint64_t x, int bytes) {
  int k;
  for (k = 0; k < bytes; k++) p[k] = (uint8_t)(x >> (8 * k));
}

/* Two posts of at most 6 characters: each character is one of the vocabulary's, never a
 * control character, and each post is not empty. */
static void generate_checked(const Model *m) {
  GenerateOptions o = {2, 6, 1, {1.0f, 0, 1.0f}, 0};
  Generation g;
  void *scratch = zeroed(tw_generate_bytes(m, o.n, o.max_length, 0), 1);
  size_t n, k, j;
  o.rng = tw_rng_seed(m->seed);
  tw_generate_point(&g, m, o.n, o.max_length, 0, scratch);
  tw_generate(&g, m, NULL, &o);
  for (n = 0; n < o.n; n++) {
    CHECK(g.lens[n] <= o.max_length);
    for (k = 0; k < g.lens[n]; k++) {
      uint32_t cp = g.posts[n * o.max_length + k];
      CHECK(!tw_is_control(cp));
      for (j = 2; j < m->cfg.V && m->chars[j] != cp; j++) continue;
      CHECK(j < m->cfg.V);
    }
  }
  free(scratch);
}

/* The arrays core.load allocates (lmodel.c alloc_arrays), then tw_file_load. */
static void load_checked(const uint8_t *bytes, const ModelFileLayout *lay) {
  Model m = lay->model;
  size_t n = m.lay.total, V = m.cfg.V;
  char err[200];
  CHECK(m.cell && V >= 3 && m.cfg.L >= 1 && m.cfg.L <= TW_MAX_LAYERS);
  m.chars = zeroed(V, sizeof *m.chars);
  m.keys = zeroed(V, sizeof *m.keys);
  m.key_tokens = zeroed(V, sizeof *m.key_tokens);
  m.params = zeroed(n, sizeof *m.params);
  if (lay->moments_off) {
    m.m = zeroed(n, sizeof *m.m);
    m.v = zeroed(n, sizeof *m.v);
  }
  if (m.carry_B) m.carry = zeroed(tw_model_state_floats(&m, m.carry_B), sizeof *m.carry);
  m.record.history = zeroed(m.record.nhistory, sizeof *m.record.history);
  m.record.history_cap = m.record.nhistory;
  m.seen = zeroed(m.nseen, sizeof *m.seen);
  err[0] = '\0';
  if (tw_file_load(bytes, lay, &m, err, sizeof err)) {
    size_t k;
    for (k = 2; k < V; k++) CHECK(tw_model_token(&m, m.chars[k]) == (int32_t)k);
    /* the guard's binary search needs its hashes strictly ascending */
    for (k = 1; k < m.nseen; k++) CHECK(m.seen[k - 1] < m.seen[k]);
    if (n <= 200000) generate_checked(&m);
  } else {
    CHECK(err[0] != '\0');
  }
  free(m.chars);
  free(m.keys);
  free(m.key_tokens);
  free(m.params);
  free(m.m);
  free(m.v);
  free(m.carry);
  free(m.record.history);
  free(m.seen);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  /* an exact-size copy, so ASan sees any read past the end */
  uint8_t *bytes = malloc(size ? size : 1);
  ModelFileLayout lay;
  char err[200];
  if (!bytes) return 0;
  memcpy(bytes, data, size);
  if (size >= TW_FILE_HEADER && memcmp(bytes, "\x89TWM\r\n\x1a\n", 8) == 0) {
    uint64_t payload = size - TW_FILE_HEADER;
    /* the length field is left as it is when its top byte is set, so that the length
     * checks are fuzzed too; the checksum always matches */
    if (bytes[23] == 0) put_le(bytes + 16, payload, 8);
    put_le(bytes + 12, tw_crc32(bytes + TW_FILE_HEADER, (size_t)payload), 4);
  }
  err[0] = '\0';
  if (!tw_file_decode(bytes, size, &lay, err, sizeof err)) {
    CHECK(err[0] != '\0');                 /* every refusal says why */
    CHECK(memchr(err, '\0', sizeof err));  /* and the message is terminated */
  } else {
    CHECK(lay.chars_off >= TW_FILE_HEADER && lay.chars_off + lay.chars_len <= size);
    CHECK(lay.weights_off < size && lay.history_off <= size);
    CHECK(lay.seen_off + lay.seen_len <= size && lay.model.nseen <= TW_REMEMBER_MAX);
    load_checked(bytes, &lay);
  }
  free(bytes);
  return 0;
}
