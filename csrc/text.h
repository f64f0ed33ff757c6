/*
 * text.h: UTF-8 decoding and encoding, and the vocabulary's code point lookup. Pure C.
 * Tokens are Unicode code points; the vocabulary maps each to a token index.
 */
#ifndef TW_TEXT_H
#define TW_TEXT_H

#include <stddef.h>
#include <stdint.h>

#define TW_REPLACEMENT 0xFFFDu

/* Decodes the code point at s[*pos] and advances *pos. Invalid or truncated sequences,
 * overlong forms, surrogates and values above U+10FFFF decode as U+FFFD, consume one byte,
 * and increment *invalid. */
uint32_t tw_utf8_next(const char *s, size_t len, size_t *pos, size_t *invalid);
/* Writes the UTF-8 form of cp (which must be a valid scalar value) to out; returns 1 to 4. */
size_t tw_utf8_put(uint32_t cp, char *out);

/* A code point to token map: `keys` sorted ascending, `tokens` the matching token ids. */
typedef struct {
  const uint32_t *keys;
  const int32_t *tokens;
  size_t n;
} VocabIndex;

/* The token of cp, or -1 when the vocabulary lacks it. */
int32_t tw_vocab_find(const VocabIndex *ix, uint32_t cp);
/* Fills keys/tokens (n entries each) from chars[i] = code point of token first + i, sorted. */
void tw_vocab_index(uint32_t *keys, int32_t *tokens, const uint32_t *chars, size_t n,
                    int32_t first);

/* Bytes of scratch tw_distinct_chars needs for a text of len bytes. */
size_t tw_distinct_scratch(size_t len);
/* Decodes s into its distinct code points, in order of first appearance, leaving out the
 * ones `have` (may be NULL) lists. `out` has room for len entries; scratch is
 * tw_distinct_scratch(len) bytes, zeroed. Sorting keeps it O(n log n) for any text. Returns
 * how many there are. */
size_t tw_distinct_chars(const char *s, size_t len, uint32_t *out, const VocabIndex *have,
                         size_t *invalid, void *scratch);

#endif
