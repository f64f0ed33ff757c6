/*
 * remember.h: the copy guard's set: 32-bit hashes of every window of TW_REMEMBER_WINDOW code
 * points of a model's training posts, ascending and distinct. Pure C; arrays are the caller's.
 */
#ifndef TW_REMEMBER_H
#define TW_REMEMBER_H

#include <stddef.h>
#include <stdint.h>

/* The shortest copied stretch the guard finds, in code points (the file format records it). */
#define TW_REMEMBER_WINDOW 40u
/* The most hashes a set holds (16 MiB): a user's archive fits many times over; the 200,000
 * generic posts of a base model do not. */
#define TW_REMEMBER_MAX ((size_t)1 << 22)

/* Calls fn(ctx, hash) for every window of TW_REMEMBER_WINDOW code points of s, in order,
 * with the window's 64-bit hash (the copy guard's sets keep its top 32 bits; invalid UTF-8
 * decodes as U+FFFD, as everywhere in tweeter); stops at the first nonzero return and
 * returns it; returns 0 when fn never stopped it, or s is shorter than a window. */
typedef int (*TwWindowFn)(void *ctx, uint64_t hash);
int tw_windows_each(const char *s, size_t len, TwWindowFn fn, void *ctx);
/* The number of windows of s (its code points less TW_REMEMBER_WINDOW - 1, or 0). */
size_t tw_window_count(const char *s, size_t len);

/* Whether any window of s hashes into the n ascending hashes of `set`. */
int tw_seen_copies(const uint32_t *set, size_t n, const char *s, size_t len);

/* Builds a new set from an old one and the windows added to it, in memory the caller
 * sizes: `set` of tw_seen_set_cap(old_n, windows) entries, `chunk` and `scratch` of
 * tw_seen_chunk_cap(windows) each. Hashes are gathered a chunk at a time, sorted and merged
 * in, so the work is O(windows) and the memory bounded even for windows far over the cap. */
typedef struct {
  uint32_t *set;               /* (cap) ascending and distinct in [0, n) */
  size_t n;
  uint32_t *chunk, *scratch;   /* (chunk_cap) each */
  size_t k, chunk_cap;         /* hashes waiting in chunk */
  int overflow;                /* the set passed TW_REMEMBER_MAX */
} TwSeenBuilder;

size_t tw_seen_set_cap(size_t old_n, size_t windows);
size_t tw_seen_chunk_cap(size_t windows);
/* Starts from the old set's n ascending hashes (old_n <= TW_REMEMBER_MAX). */
void tw_seen_build_start(TwSeenBuilder *b, const uint32_t *old, size_t old_n, uint32_t *set,
                         uint32_t *chunk, uint32_t *scratch, size_t chunk_cap);
/* A TwWindowFn adding one hash to the builder `ctx`; nonzero once the set overflowed. */
int tw_seen_build_add(void *ctx, uint64_t hash);
/* Merges what waits; returns 1 with the set in b->set[0 .. b->n), or 0 when it holds more
 * than TW_REMEMBER_MAX hashes. */
int tw_seen_build_finish(TwSeenBuilder *b);

#endif
