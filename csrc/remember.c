/*
 * remember.c: the copy guard's set of window hashes (remember.h). Pure C, no Lua.
 *
 * A window's hash is a polynomial over its code points modulo 2^64, updated as the window
 * rolls forward one character (so hashing a text is O(its length)), then mixed down to 32
 * bits by MurmurHash3's 64-bit finaliser: the polynomial's low bits depend only on the
 * code points' low bits, the finaliser spreads every bit of it over the 32 kept. Two
 * different windows share a hash with probability about 2^-32, so a window looked up in a
 * set of n hashes is a false positive with probability about n / 2^32 (0.1 % at n = 2^22).
 * The finaliser is a bijection: its 64 bits (core.window_hashes, --novel-against's set)
 * collide only where the polynomials do.
 */
#include "remember.h"

#include <string.h>

#include "text.h"

/* an odd multiplier (2^64 / the golden ratio), so that every power of it is odd too */
#define BASE UINT64_C(0x9E3779B97F4A7C15)
/* hashes gathered before they are sorted and merged into the set */
#define CHUNK ((size_t)1 << 20)

static uint64_t mix(uint64_t h) {
  h ^= h >> 33;
  h *= UINT64_C(0xFF51AFD7ED558CCD);
  h ^= h >> 33;
  h *= UINT64_C(0xC4CEB9FE1A85EC53);
  h ^= h >> 33;
  return h;
}

/* The part of a window's hash the copy guard's sets keep. */
static uint32_t kept_bits(uint64_t hash) {
  return (uint32_t)(hash >> 32);
}

int tw_windows_each(const char *s, size_t len, TwWindowFn fn, void *ctx) {
  uint32_t ring[TW_REMEMBER_WINDOW];   /* the window's code points, oldest at `count % W` */
  uint64_t h = 0, top = 1;             /* top: BASE^(W-1), the oldest character's weight */
  size_t pos = 0, invalid = 0, count = 0, k;
  int stop;
  for (k = 1; k < TW_REMEMBER_WINDOW; k++) top *= BASE;
  while (pos < len) {
    uint32_t cp = tw_utf8_next(s, len, &pos, &invalid);
    size_t at = count % TW_REMEMBER_WINDOW;
    /* +1 so that U+0000 still weighs in: a leading run of them would hash as nothing */
    if (count >= TW_REMEMBER_WINDOW) h -= ((uint64_t)ring[at] + 1) * top;
    h = h * BASE + (uint64_t)cp + 1;
    ring[at] = cp;
    if (++count >= TW_REMEMBER_WINDOW && (stop = fn(ctx, mix(h))) != 0) return stop;
  }
  return 0;
}

size_t tw_window_count(const char *s, size_t len) {
  size_t pos = 0, invalid = 0, count = 0;
  while (pos < len) {
    tw_utf8_next(s, len, &pos, &invalid);
    count++;
  }
  return count >= TW_REMEMBER_WINDOW ? count - (TW_REMEMBER_WINDOW - 1) : 0;
}

/* ===== looking up ===== */

typedef struct {
  const uint32_t *set;
  size_t n;
} Lookup;

static int in_set(void *ctx, uint64_t hash64) {
  const Lookup *q = (const Lookup *)ctx;
  uint32_t hash = kept_bits(hash64);
  size_t lo = 0, hi = q->n;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if (q->set[mid] < hash) lo = mid + 1;
    else hi = mid;
  }
  return lo < q->n && q->set[lo] == hash;
}

int tw_seen_copies(const uint32_t *set, size_t n, const char *s, size_t len) {
  Lookup q;
  if (n == 0) return 0;
  q.set = set;
  q.n = n;
  return tw_windows_each(s, len, in_set, &q);
}

/* ===== building ===== */

size_t tw_seen_chunk_cap(size_t windows) {
  return windows < CHUNK ? (windows ? windows : 1) : CHUNK;
}

/* Room for the old set and every window, but no more than a set at the cap and one chunk:
 * a flush only merges a chunk into a set that has not overflowed. */
size_t tw_seen_set_cap(size_t old_n, size_t windows) {
  size_t most = TW_REMEMBER_MAX + tw_seen_chunk_cap(windows);
  return windows < most - old_n ? old_n + windows : most;
}

void tw_seen_build_start(TwSeenBuilder *b, const uint32_t *old, size_t old_n, uint32_t *set,
                         uint32_t *chunk, uint32_t *scratch, size_t chunk_cap) {
  if (old_n) memcpy(set, old, old_n * sizeof *set);
  b->set = set;
  b->n = old_n;
  b->chunk = chunk;
  b->scratch = scratch;
  b->k = 0;
  b->chunk_cap = chunk_cap;
  b->overflow = 0;
}

/* LSD radix sort of x (n entries) by bytes, through tmp; an even number of passes leaves
 * the result in x. */
static void radix_sort(uint32_t *x, uint32_t *tmp, size_t n) {
  int shift;
  for (shift = 0; shift < 32; shift += 8) {
    size_t count[257] = {0}, k;
    uint32_t *t;
    for (k = 0; k < n; k++) count[((x[k] >> shift) & 0xFF) + 1]++;
    for (k = 1; k < 257; k++) count[k] += count[k - 1];
    for (k = 0; k < n; k++) tmp[count[(x[k] >> shift) & 0xFF]++] = x[k];
    t = x;
    x = tmp;
    tmp = t;
  }
}

/* Drops repeats from the ascending x; returns how many distinct values are left. */
static size_t unique(uint32_t *x, size_t n) {
  size_t k, w = 0;
  for (k = 0; k < n; k++)
    if (w == 0 || x[k] != x[w - 1]) x[w++] = x[k];
  return w;
}

/* Sorts the waiting chunk and merges it into the set from the back, in place. */
static void flush(TwSeenBuilder *b) {
  size_t k, i, j, w;
  radix_sort(b->chunk, b->scratch, b->k);
  k = unique(b->chunk, b->k);
  i = b->n;
  j = k;
  w = b->n + k;
  while (j > 0) {
    if (i > 0 && b->set[i - 1] > b->chunk[j - 1]) b->set[--w] = b->set[--i];
    else b->set[--w] = b->chunk[--j];
  }
  b->n = unique(b->set, b->n + k);
  b->k = 0;
  if (b->n > TW_REMEMBER_MAX) b->overflow = 1;
}

int tw_seen_build_add(void *ctx, uint64_t hash) {
  TwSeenBuilder *b = (TwSeenBuilder *)ctx;
  b->chunk[b->k++] = kept_bits(hash);
  if (b->k == b->chunk_cap) flush(b);
  return b->overflow;
}

int tw_seen_build_finish(TwSeenBuilder *b) {
  if (b->k && !b->overflow) flush(b);
  return !b->overflow;
}
