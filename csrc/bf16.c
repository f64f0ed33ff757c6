/*
 * bf16.c: the bf16 numbers of bf16.h. Conversions round to nearest even in a branch-free loop
 * (each clone vectorises it); the single-row kernels widen bf16 by shifts, AVX-512F only.
 */
#include "kernels.h"

#include "fastmath.h"

#include <math.h>

/* Round to nearest even; a NaN stays a (quiet) NaN instead of rounding into infinity. */
TW_VECTORIZED
static void to_bf16(uint16_t *restrict dst, const float *restrict src, size_t n) {
  size_t i;
  for (i = 0; i < n; i++) {
    uint32_t u;
    memcpy(&u, src + i, sizeof u);
    {
      uint32_t rounded = (u + 0x7FFFu + ((u >> 16) & 1u)) >> 16;
      uint32_t nan = (u & 0x7FFFFFFFu) > 0x7F800000u;
      dst[i] = (uint16_t)(nan ? (u >> 16) | 0x40u : rounded);
    }
  }
}

void tw_to_bf16(uint16_t *dst, const float *src, size_t n) { to_bf16(dst, src, n); }

/* A conversion shared out over the pool: elements from .. from+n-1, of which each part
 * converts its own. */
typedef struct {
  uint16_t *dst;
  const float *src;
  size_t from;
} Conversion;

static void conversion_part(void *ctx, size_t first, size_t last) {
  const Conversion *c = (const Conversion *)ctx;
  to_bf16(c->dst + c->from + first, c->src + c->from + first, last - first);
}

/* Conversions this long go over the pool (where that measures faster): they stream memory,
 * and two cores draw more bandwidth than one. */
#define POOL_CONVERSION 65536

void tw_to_bf16_pool(TwKernels *k, uint16_t *dst, const float *src, size_t n) {
  Conversion c = {.dst = dst, .src = src, .from = 0};
  if (n < POOL_CONVERSION) to_bf16(dst, src, n);
  else tw_parallel_rows(k, n, 1, conversion_part, &c);
}

#define IN_PLACE_HEAD 64

uint16_t *tw_bf16_in_place(TwKernels *k, float *x, size_t n) {
  uint16_t *dst = (uint16_t *)(void *)x, head[IN_PLACE_HEAD];
  /* a long run converts its first quarter (rounded up) as below, then the second quarter and
   * the rest each in one go over the pool: each stage writes only floats an earlier one has
   * converted (the rest's n - 2s values land in bytes [4s, 2n), below 8s) */
  size_t serial = n >= 4 * POOL_CONVERSION ? (n + 3) / 4 : n;
  size_t done = serial < IN_PLACE_HEAD ? serial : IN_PLACE_HEAD, m;
  Conversion c = {.dst = dst, .src = x, .from = serial};
  /* the first floats overlap their own bf16, so they go through a copy; after that, floats
   * [done, 2 done) lie past the bf16 written so far (bytes below 2 done), so each doubling
   * converts between disjoint ranges, as to_bf16's restrict requires */
  to_bf16(head, x, done);
  memcpy(dst, head, done * sizeof *head);
  while (done < serial) {
    m = done < serial - done ? done : serial - done;
    to_bf16(dst + done, x + done, m);
    done += m;
  }
  if (serial < n) {
    tw_parallel_rows(k, serial, 1, conversion_part, &c);
    c.from = 2 * serial;
    tw_parallel_rows(k, n - 2 * serial, 1, conversion_part, &c);
  }
  return dst;
}

int tw_kernels_rows_bf16(const TwKernels *k) {
#if defined(TW_HAVE_ROWS_BF16)
  return tw_kernels_bf16(k) && tw_rows_bf16_cpu();
#else
  (void)k;
  return 0;
#endif
}

/* ===== single rows over bf16 weights ===== */

#if defined(TW_HAVE_ROWS_BF16)
#include <immintrin.h>

#define ROWS_TARGET __attribute__((target("avx512f,fma")))
#define COLUMNS 128   /* a pass's columns: 8 accumulators of 16 floats hide the FMA latency */

int tw_rows_bf16_cpu(void) {
  return __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("fma");
}

/* 16 bf16 values widened to float32 */
ROWS_TARGET static inline __m512 load16_bf16(const uint16_t *p) {
  __m256i h = _mm256_loadu_si256((const __m256i *)(const void *)p);
  return _mm512_castsi512_ps(_mm512_slli_epi32(_mm512_cvtepu16_epi32(h), 16));
}

/* The 16 outputs from y, or zeros. */
ROWS_TARGET static inline __m512 start16(const float *y, int add) {
  return add ? _mm512_loadu_ps(y) : _mm512_setzero_ps();
}

/* One pass of the column kernel over every row for ng groups of 32 columns (ng constant
 * where it is inlined, so the accumulators stay in registers). A 64-byte load holds a group's
 * 32 bf16 values: shifted left they are its even columns in float32, masked its odd ones,
 * two cheap operations where widening 16 values takes a shuffle each; the halves are split
 * from y at the start and interleaved back when stored. */
ROWS_TARGET __attribute__((always_inline)) static inline void cols_pass(
    float *y, const float *x0, size_t K0, const float *x1, size_t K1, const uint16_t *W,
    size_t ldw, const int ng, const int add) {
  const __m512i odd = _mm512_set1_epi32((int)0xFFFF0000u);
  const __m512i first = _mm512_setr_epi32(0, 16, 1, 17, 2, 18, 3, 19, 4, 20, 5, 21, 6, 22,
                                          7, 23);
  const __m512i second = _mm512_setr_epi32(8, 24, 9, 25, 10, 26, 11, 27, 12, 28, 13, 29, 14,
                                           30, 15, 31);
  const __m512i evens = _mm512_setr_epi32(0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26,
                                          28, 30);
  const __m512i odds = _mm512_setr_epi32(1, 3, 5, 7, 9, 11, 13, 15, 17, 19, 21, 23, 25, 27,
                                         29, 31);
  __m512 even_acc[COLUMNS / 32], odd_acc[COLUMNS / 32];
  size_t k, rows = x1 ? K0 + K1 : K0;
  int j;
  for (j = 0; j < ng; j++) {
    __m512 lo = start16(y + 32 * j, add), hi = start16(y + 32 * j + 16, add);
    even_acc[j] = _mm512_permutex2var_ps(lo, evens, hi);
    odd_acc[j] = _mm512_permutex2var_ps(lo, odds, hi);
  }
  for (k = 0; k < rows; k++) {
    __m512 xk = _mm512_set1_ps(k < K0 ? x0[k] : x1[k - K0]);
    const uint16_t *w = W + k * ldw;
    for (j = 0; j < ng; j++) {
      __m512i v = _mm512_loadu_si512((const void *)(w + 32 * j));
      even_acc[j] = _mm512_fmadd_ps(xk, _mm512_castsi512_ps(_mm512_slli_epi32(v, 16)),
                                    even_acc[j]);
      odd_acc[j] = _mm512_fmadd_ps(xk, _mm512_castsi512_ps(_mm512_and_si512(v, odd)),
                                   odd_acc[j]);
    }
  }
  for (j = 0; j < ng; j++) {
    _mm512_storeu_ps(y + 32 * j, _mm512_permutex2var_ps(even_acc[j], first, odd_acc[j]));
    _mm512_storeu_ps(y + 32 * j + 16, _mm512_permutex2var_ps(even_acc[j], second, odd_acc[j]));
  }
}

/* The column kernel: as many columns a pass as there are accumulators, then the rest's whole
 * groups of 32 in one pass, 16 more widened 16 at a time, and the last few columns (n % 16)
 * one at a time: the same fused steps in every case. */
ROWS_TARGET __attribute__((always_inline)) static inline void cols(
    float *y, const float *x0, size_t K0, const float *x1, size_t K1, const uint16_t *W,
    size_t ldw, size_t n, const int add) {
  size_t c = 0, k, rows = x1 ? K0 + K1 : K0;
  for (; c + COLUMNS <= n; c += COLUMNS)
    cols_pass(y + c, x0, K0, x1, K1, W + c, ldw, COLUMNS / 32, add);
  switch ((n - c) / 32) {
    case 3: cols_pass(y + c, x0, K0, x1, K1, W + c, ldw, 3, add); break;
    case 2: cols_pass(y + c, x0, K0, x1, K1, W + c, ldw, 2, add); break;
    case 1: cols_pass(y + c, x0, K0, x1, K1, W + c, ldw, 1, add); break;
    default: break;
  }
  c += (n - c) / 32 * 32;
  if (n - c >= 16) {
    __m512 acc = start16(y + c, add);
    for (k = 0; k < rows; k++)
      acc = _mm512_fmadd_ps(_mm512_set1_ps(k < K0 ? x0[k] : x1[k - K0]),
                            load16_bf16(W + k * ldw + c), acc);
    _mm512_storeu_ps(y + c, acc);
    c += 16;
  }
  for (; c < n; c++) {
    float sum = add ? y[c] : 0.0f;
    for (k = 0; k < rows; k++)
      sum = fmaf(k < K0 ? x0[k] : x1[k - K0], tw_bf16_float(W[k * ldw + c]), sum);
    y[c] = sum;
  }
}

ROWS_TARGET
void tw_gemv_bf16_cols(float *y, const float *x0, size_t K0, const float *x1, size_t K1,
                       const uint16_t *W, size_t ldw, size_t n) {
  cols(y, x0, K0, x1, K1, W, ldw, n, 0);
}

ROWS_TARGET
void tw_gemv_bf16_cols_add(float *y, const float *x0, size_t K0, const float *x1, size_t K1,
                           const uint16_t *W, size_t ldw, size_t n) {
  cols(y, x0, K0, x1, K1, W, ldw, n, 1);
}

/* The dot products of tw_dot_rows_bf16 for R rows at once (R constant where inlined, for
 * independent chains): per row 16 partial sums over whole groups of 16 inputs, added up in
 * _mm512_reduce_add_ps's fixed order, then the last K % 16 inputs one at a time. */
ROWS_TARGET __attribute__((always_inline)) static inline void dot_rows(
    float *y, const float *x, const uint16_t *W, size_t ldw, size_t K, const int R) {
  __m512 acc[4];
  size_t k, K16 = K / 16 * 16;
  int r;
  for (r = 0; r < R; r++) acc[r] = _mm512_setzero_ps();
  for (k = 0; k < K16; k += 16) {
    __m512 xv = _mm512_loadu_ps(x + k);
    for (r = 0; r < R; r++)
      acc[r] = _mm512_fmadd_ps(xv, load16_bf16(W + (size_t)r * ldw + k), acc[r]);
  }
  for (r = 0; r < R; r++) {
    float sum = _mm512_reduce_add_ps(acc[r]);
    for (k = K16; k < K; k++) sum = fmaf(x[k], tw_bf16_float(W[(size_t)r * ldw + k]), sum);
    y[r] = sum;
  }
}

ROWS_TARGET
void tw_dot_rows_bf16(float *y, const float *x, const uint16_t *W, size_t ldw, size_t K,
                      size_t n) {
  size_t r = 0;
  for (; r + 4 <= n; r += 4) dot_rows(y + r, x, W + r * ldw, ldw, K, 4);
  for (; r < n; r++) dot_rows(y + r, x, W + r * ldw, ldw, K, 1);
}

#endif
