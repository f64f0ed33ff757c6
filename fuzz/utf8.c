/*
 * fuzz/utf8.c: libFuzzer target for the UTF-8 decoder and encoder (csrc/text.c) and the
 * vocabulary index built from decoded text. Properties checked on arbitrary bytes:
 *  - tw_utf8_next always advances by 1 to 4 bytes and never past the end;
 *  - it returns a Unicode scalar value (at most U+10FFFF, not a surrogate);
 *  - a sequence it accepts is exactly the bytes tw_utf8_put writes for that code point
 *    (so overlong forms are refused), and a refused one consumes one byte and counts once;
 *  - the decoded text, encoded again, decodes to the same code points with nothing invalid;
 *  - tw_vocab_index/tw_vocab_find map every distinct code point to its token.
 * Pure C; no Lua.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "../csrc/text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  char *s = malloc(size ? size : 1);   /* exact size: ASan catches any over-read */
  uint32_t *cps = malloc((size + 1) * sizeof *cps);
  char *again = malloc(4 * size + 1);
  size_t pos = 0, n = 0, invalid = 0, out = 0, k;
  CHECK(s && cps && again);
  memcpy(s, data, size);
  while (pos < size) {
    size_t before = pos, inv_before = invalid, used;
    char enc[4];
    uint32_t cp = tw_utf8_next(s, size, &pos, &invalid);
    used = pos - before;
    CHECK(used >= 1 && used <= 4 && pos <= size);
    CHECK(cp <= 0x10FFFF && !(cp >= 0xD800 && cp <= 0xDFFF));
    if (invalid != inv_before) {
      CHECK(invalid == inv_before + 1);
      CHECK(cp == TW_REPLACEMENT && used == 1);
    } else {
      CHECK(tw_utf8_put(cp, enc) == used);
      CHECK(memcmp(enc, s + before, used) == 0);
    }
    cps[n++] = cp;
  }
  CHECK(invalid <= size);

  /* round trip: encode every decoded code point, decode again */
  for (k = 0; k < n; k++) out += tw_utf8_put(cps[k], again + out);
  CHECK(out <= 4 * size);
  {
    size_t p2 = 0, inv2 = 0, m = 0;
    while (p2 < out) {
      uint32_t cp = tw_utf8_next(again, out, &p2, &inv2);
      CHECK(m < n && cp == cps[m]);
      m++;
    }
    CHECK(inv2 == 0 && m == n);
  }

  /* the vocabulary index over the distinct code points (first occurrence order) */
  if (n > 0 && n <= 4096) {
    uint32_t *distinct = malloc(n * sizeof *distinct), *keys = malloc(n * sizeof *keys);
    int32_t *tokens = malloc(n * sizeof *tokens);
    size_t nd = 0, j;
    VocabIndex ix;
    CHECK(distinct && keys && tokens);
    for (k = 0; k < n; k++) {
      for (j = 0; j < nd && distinct[j] != cps[k]; j++) {}
      if (j == nd) distinct[nd++] = cps[k];
    }
    tw_vocab_index(keys, tokens, distinct, nd, 2);
    ix.keys = keys;
    ix.tokens = tokens;
    ix.n = nd;
    for (j = 0; j + 1 < nd; j++) CHECK(keys[j] < keys[j + 1]);
    for (j = 0; j < nd; j++) CHECK(tw_vocab_find(&ix, distinct[j]) == (int32_t)(j + 2));
    /* a code point outside the text is not found */
    {
      uint32_t probe = size >= 4 ? ((uint32_t)data[0] << 16 | (uint32_t)data[1] << 8 | data[2])
                                 : 0x10FFFF;
      for (j = 0; j < nd && distinct[j] != probe; j++) {}
      if (j == nd) CHECK(tw_vocab_find(&ix, probe) == -1);
    }
    free(distinct);
    free(keys);
    free(tokens);
  }
  free(s);
  free(cps);
  free(again);
  return 0;
}
