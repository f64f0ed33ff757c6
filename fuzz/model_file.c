/*
 * fuzz/model_file.c: libFuzzer target for the model file decoder (tw_file_decode) and the
 * checks core.load (csrc/lmodel.c) makes after it: the vocabulary must be V-2 distinct valid
 * characters, then weights, optimizer moments, carried state and history are read, and one
 * sampling step runs on the loaded weights. Pure C against the core files; no Lua.
 *
 * So that mutations get past the checksum, an input that starts with the magic number has its
 * CRC-32 rewritten to match before decoding, and its payload length too unless the length's
 * top byte is set (so that the length checks are fuzzed as well).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../csrc/lstm.h"
#include "../csrc/modelfile.h"
#include "../csrc/sample.h"
#include "../csrc/text.h"

#define CHECK(cond)                                                                         \
  do {                                                                                      \
    if (!(cond)) {                                                                          \
      fprintf(stderr, "fuzz/model_file.c:%d: property failed: %s\n", __LINE__, #cond);     \
      abort();                                                                              \
    }                                                                                       \
  } while (0)

static const uint8_t MAGIC[8] = {0x89, 'T', 'W', 'M', '\r', '\n', 0x1A, '\n'};

static void put_u32(uint8_t *p, uint32_t x) {
  p[0] = (uint8_t)x;
  p[1] = (uint8_t)(x >> 8);
  p[2] = (uint8_t)(x >> 16);
  p[3] = (uint8_t)(x >> 24);
}

/* What core.load does after tw_file_decode accepts the bytes (lmodel.c model_load). */
static void load_checked(const ModelFileView *view) {
  const ModelImage *img = &view->img;
  const LstmConfig *c = &img->cfg;
  LstmLayout lay;
  uint32_t *chars, *keys;
  int32_t *tokens;
  size_t k = 2, pos = 0, invalid = 0;
  float *params;

  CHECK(c->V >= 3 && c->L >= 1 && c->L <= TW_MAX_LAYERS && c->E >= 1 && c->H >= 1);
  chars = calloc(view->chars_len + 2, sizeof *chars);
  CHECK(chars);
  while (pos < view->chars_len && k <= c->V) {
    size_t before = pos;
    chars[k++] = tw_utf8_next((const char *)view->chars_utf8, view->chars_len, &pos, &invalid);
    CHECK(pos > before && pos <= view->chars_len);
  }
  if (invalid || pos != view->chars_len || k != c->V) {
    free(chars);
    return;   /* "the vocabulary does not match the configuration" */
  }
  keys = malloc((c->V - 2) * sizeof *keys);
  tokens = malloc((c->V - 2) * sizeof *tokens);
  CHECK(keys && tokens);
  tw_vocab_index(keys, tokens, chars + 2, c->V - 2, 2);
  for (k = 0; k + 1 < c->V - 2; k++)
    if (keys[k] == keys[k + 1]) goto out;   /* "the vocabulary lists a character twice" */
  for (k = 0; k < c->V - 2; k++) {
    VocabIndex ix = {keys, tokens, c->V - 2};
    int32_t t = tw_vocab_find(&ix, chars[k + 2]);
    CHECK(t == (int32_t)(k + 2));
  }

  tw_lstm_layout(c, &lay);
  params = malloc(lay.total * sizeof *params);
  CHECK(params);
  tw_file_floats(params, view->weights, lay.total, img->half);
  if (view->moments) {
    float *m = malloc(2 * lay.total * sizeof *m);
    CHECK(m);
    tw_file_floats(m, view->moments, 2 * lay.total, 0);
    free(m);
  }
  if (view->carry) {
    size_t n = c->L * img->carry_B * c->H;
    float *h = malloc(2 * n * sizeof *h);
    CHECK(h);
    tw_file_floats(h, view->carry, 2 * n, 0);
    free(h);
  }
  if (img->nhistory) {
    HistoryEntry *hist = malloc(img->nhistory * sizeof *hist);
    CHECK(hist);
    tw_file_history(hist, view->history, img->nhistory);
    free(hist);
  }
  /* generation on whatever weights the file holds (NaN, infinities): a few steps of one
   * stream, each sampled token in range and never the unknown token */
  if (lay.total <= 200000) {
    size_t xh_floats = 0, l, step;
    float *xh, *cst, *gates, *logits;
    int32_t *order, tok = TW_TOKEN_EOS;
    uint64_t rng = tw_rng_seed(img->seed);
    SampleOptions so = {1.0f, 0, 1.0f};
    for (l = 0; l < c->L; l++) xh_floats += (l == 0 ? c->E : c->H) + c->H;
    xh = calloc(xh_floats, sizeof *xh);
    cst = calloc(c->L * c->H, sizeof *cst);
    gates = calloc(4 * c->H, sizeof *gates);
    logits = calloc(c->V, sizeof *logits);
    order = calloc(c->V, sizeof *order);
    CHECK(xh && cst && gates && logits && order);
    for (step = 0; step < 4; step++) {
      tw_lstm_step(c, &lay, params, NULL, NULL, 1, &tok, xh, cst, gates, logits);
      tok = tw_sample_token(logits, c->V, &so, step == 0, &rng, order);
      CHECK(tok >= 0 && (size_t)tok < c->V);
      CHECK(tok != TW_TOKEN_UNK);
      CHECK(!(step == 0 && tok == TW_TOKEN_EOS));
    }
    free(xh);
    free(cst);
    free(gates);
    free(logits);
    free(order);
  }
  free(params);
out:
  free(keys);
  free(tokens);
  free(chars);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  /* an exact-size copy, so ASan sees any read past the end */
  uint8_t *bytes = malloc(size ? size : 1);
  ModelFileView view;
  char err[200];
  int ok;
  if (!bytes) return 0;
  memcpy(bytes, data, size);
  if (size >= TW_FILE_HEADER && memcmp(bytes, MAGIC, 8) == 0) {
    uint64_t payload = size - TW_FILE_HEADER;
    /* the length field is left as it is when its top byte is set, so that the length
     * checks are fuzzed too; the checksum always matches */
    if (bytes[23] == 0) {
      put_u32(bytes + 16, (uint32_t)payload);
      put_u32(bytes + 20, (uint32_t)(payload >> 32));
    }
    put_u32(bytes + 12, tw_crc32(bytes + TW_FILE_HEADER, (size_t)payload));
  }
  err[0] = '\0';
  ok = tw_file_decode(bytes, size, &view, err, sizeof err);
  if (!ok) {
    CHECK(err[0] != '\0');                 /* every refusal says why */
    CHECK(memchr(err, '\0', sizeof err));  /* and the message is terminated */
  } else {
    CHECK(view.chars_utf8 && view.weights && view.history);
    CHECK(view.chars_utf8 >= bytes && view.chars_utf8 + view.chars_len <= bytes + size);
    load_checked(&view);
  }
  free(bytes);
  return 0;
}
