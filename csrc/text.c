/*
 * text.c: UTF-8 (RFC 3629) and the vocabulary lookup. Pure C, no Lua.
 */
#include "text.h"


uint32_t tw_utf8_next(const char *s, size_t len, size_t *pos, size_t *invalid) {
  const unsigned char *u = (const unsigned char *)s + *pos;
  size_t left = len - *pos, need, k;
  uint32_t cp, min;
  if (u[0] < 0x80) {
    (*pos)++;
    return u[0];
  }
  if ((u[0] & 0xE0) == 0xC0) { need = 1; cp = u[0] & 0x1F; min = 0x80; }
  else if ((u[0] & 0xF0) == 0xE0) { need = 2; cp = u[0] & 0x0F; min = 0x800; }
  else if ((u[0] & 0xF8) == 0xF0) { need = 3; cp = u[0] & 0x07; min = 0x10000; }
  else goto bad;
  if (left <= need) goto bad;
  for (k = 1; k <= need; k++) {
    if ((u[k] & 0xC0) != 0x80) goto bad;
    cp = (cp << 6) | (u[k] & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) goto bad;
  *pos += need + 1;
  return cp;
bad:
  (*pos)++;
  (*invalid)++;
  return TW_REPLACEMENT;
}

size_t tw_utf8_put(uint32_t cp, char *out) {
  if (cp < 0x80) {
    out[0] = (char)cp;
    return 1;
  }
  if (cp < 0x800) {
    out[0] = (char)(0xC0 | (cp >> 6));
    out[1] = (char)(0x80 | (cp & 0x3F));
    return 2;
  }
  if (cp < 0x10000) {
    out[0] = (char)(0xE0 | (cp >> 12));
    out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[2] = (char)(0x80 | (cp & 0x3F));
    return 3;
  }
  out[0] = (char)(0xF0 | (cp >> 18));
  out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
  out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
  out[3] = (char)(0x80 | (cp & 0x3F));
  return 4;
}

int32_t tw_vocab_find(const VocabIndex *ix, uint32_t cp) {
  size_t lo = 0, hi = ix->n;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if (ix->keys[mid] < cp) lo = mid + 1;
    else hi = mid;
  }
  return lo < ix->n && ix->keys[lo] == cp ? ix->tokens[lo] : -1;
}

static void sift_down(uint32_t *keys, int32_t *tokens, size_t root, size_t n) {
  for (;;) {
    size_t child = 2 * root + 1, top = root;
    if (child < n && keys[child] > keys[top]) top = child;
    if (child + 1 < n && keys[child + 1] > keys[top]) top = child + 1;
    if (top == root) return;
    {
      uint32_t k = keys[root];
      int32_t t = tokens[root];
      keys[root] = keys[top];
      tokens[root] = tokens[top];
      keys[top] = k;
      tokens[top] = t;
    }
    root = top;
  }
}

/* Heapsort of the parallel arrays: O(n log n) with no scratch memory, so even a hostile
 * model file with a million-character vocabulary loads in bounded time. */
void tw_vocab_index(uint32_t *keys, int32_t *tokens, const uint32_t *chars, size_t n,
                    int32_t first) {
  size_t i;
  for (i = 0; i < n; i++) {
    keys[i] = chars[i];
    tokens[i] = first + (int32_t)i;
  }
  for (i = n / 2; i-- > 0;) sift_down(keys, tokens, i, n);
  for (i = n; i-- > 1;) {
    uint32_t k = keys[0];
    int32_t t = tokens[0];
    keys[0] = keys[i];
    tokens[0] = tokens[i];
    keys[i] = k;
    tokens[i] = t;
    sift_down(keys, tokens, 0, i);
  }
}

size_t tw_distinct_scratch(size_t len) {
  return len * (2 * sizeof(uint32_t) + 1);
}

size_t tw_distinct_chars(const char *s, size_t len, uint32_t *out, const VocabIndex *have,
                         size_t *invalid, void *scratch) {
  size_t pos = 0, n = 0, a, b, k, kept = 0;
  uint32_t *keys = (uint32_t *)scratch;
  int32_t *where;
  unsigned char *keep;
  while (pos < len) out[n++] = tw_utf8_next(s, len, &pos, invalid);
  where = (int32_t *)(void *)(keys + n);
  keep = (unsigned char *)(where + n);
  tw_vocab_index(keys, where, out, n, 0);   /* sorted code points with their positions */
  for (a = 0; a < n; a = b) {
    int32_t first = where[a];
    for (b = a + 1; b < n && keys[b] == keys[a]; b++)
      if (where[b] < first) first = where[b];
    if (!(have && tw_vocab_find(have, keys[a]) >= 0)) keep[first] = 1;
  }
  for (k = 0; k < n; k++)
    if (keep[k]) out[kept++] = out[k];
  return kept;
}
