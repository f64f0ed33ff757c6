/*
 * kernels.c: the product router of kernels.h. Three paths: OpenBLAS sgemm, oneDNN float32
 * matmul and oneDNN bf16 matmul (bf16 inputs, float32 accumulation and output). No path is
 * chosen from one machine's tuning: the first call of each shape times every path the
 * precision allows (median of a few runs into a scratch output, bf16 conversions included)
 * and keeps the fastest, with its oneDNN primitive, in a small cache.
 */
#include "kernels.h"

#include "fastmath.h"

#include <cblas.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#if defined(TW_HAVE_DNNL)
#include <oneapi/dnnl/dnnl.h>
#endif

/* OpenBLAS's and libgomp's own thread controls (not in cblas.h; no omp.h needed) */
void openblas_set_num_threads(int num_threads);
#if defined(TW_HAVE_DNNL)
void omp_set_num_threads(int num_threads);
int omp_get_thread_num(void);
int omp_get_num_threads(void);
/* libgomp's entry point for a parallel region (what `#pragma omp parallel` compiles to), so
 * that the core shares oneDNN's pool without being built with -fopenmp (which the clang of
 * the sanitizer builds would link to another runtime) */
void GOMP_parallel(void (*fn)(void *), void *data, unsigned num_threads, unsigned flags);
#endif

#define CACHE_SIZE 64
#define MEASURE_RUNS 5
#define MEASURE_SECONDS 0.05   /* per path: fewer runs for a product slower than this */
#define SAMPLING_SIZES 8     /* model sizes whose sampling thread count is kept */
#define SAMPLING_THREADS 6   /* candidates 1, 2, 4, ... 32 */
#define SAMPLING_REPEATS 5
#define SAMPLING_STEPS 8
#define ROWS_SIZES 16        /* (function, rows, size, threads) whose choice is kept */
#define ROWS_TRIALS 8        /* timed calls each way before choosing */

/* PATH_GEMV_BF16: the project's own matrix-vector product over bf16 weights (below), for
 * the single rows of one-stream sampling, where oneDNN's per-call cost is larger than the
 * product and sgemv streams twice the bytes */
enum { PATH_BLAS = 0, PATH_DNNL_F32, PATH_DNNL_BF16, PATH_GEMV_BF16, PATH_COUNT };

typedef struct {
  int used;
  /* the key: everything the primitive depends on */
  int tA, tB, beta;
  TwPrecision mode;   /* fp32 (OpenBLAS or oneDNN f32, timed); bf16 and auto with bf16 allowed
                          (every product in bf16, untimed) */
  int threads;        /* the thread count: a primitive keeps the one it was made under, and
                         the fastest path can change with it */
  size_t M, N, K, lda, ldb, ldc, lda16, ldb16;
  int path;
#if defined(TW_HAVE_DNNL)
  dnnl_primitive_t prim[PATH_COUNT];
  dnnl_memory_t mem[PATH_COUNT][4];   /* src, weights, dst, scratchpad; data handles set per
                                         call */
#endif
} Entry;

typedef struct {
  size_t params;
  int team;
  TwPrecision mode;
  int max_threads;   /* the candidates measured: a count training lowered for a while is
                        not the machine's */
  int threads;
} SamplingChoice;

/* Whether a kind of element-wise work runs over the pool or on one thread: timed on its
 * first calls, each way in turn. A pool that sleeps between regions (OMP_WAIT_POLICY=PASSIVE,
 * as bin/tweeter sets it) pays a wake-up per region, which can cost more than the work;
 * either way the results are the same, bit for bit. */
typedef struct {
  TwRowsFn fn;
  size_t n, size;
  int threads;
  int trials;            /* calls timed so far */
  int parallel;          /* the choice, once trials reaches 2 * ROWS_TRIALS */
  double seconds[2];     /* serial, parallel */
} RowsChoice;

struct TwKernels {
  TwPrecision requested, active;
  const char *unavailable;     /* why bf16 cannot run, or NULL */
  const char *isa;             /* "amx", "avx512", "avx2", ... for the name */
  int bf16_checked, bf16_ok;   /* the self-check of auto, run once */
  char name[48];
  Entry cache[CACHE_SIZE];
  size_t next_evict;
  uint16_t *scratch16[2];      /* bf16 conversions of A and B */
  size_t scratch16_n[2];
  uint16_t *buffer16[TW_BF16_BUFFERS];
  size_t buffer16_n[TW_BF16_BUFFERS];
  SamplingChoice sampling[SAMPLING_SIZES];
  RowsChoice rows[ROWS_SIZES];
  size_t nrows;
  size_t nsampling;
  int sampling_set;            /* tw_kernels_set_sampling_threads, or 0 */
  TwTeam *team;                /* made on first use */
#if defined(TW_HAVE_DNNL)
  dnnl_engine_t engine;
  dnnl_stream_t stream;
  /* one scratchpad for every primitive (they run one at a time), the largest any needs: left
   * to oneDNN, each primitive keeps its own or allocates one per call */
  void *scratchpad;
  size_t scratchpad_n;
#endif
};

double tw_kernels_now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static TwPrecision current_mode(const TwKernels *k) {
  return k->active == TW_PRECISION_FP32 ? TW_PRECISION_FP32 : k->requested;
}

/* From the products measured in the current mode: bf16 is named when one of them runs bf16
 * (or, before any, when bf16 is in force); oneDNN when it runs anything, else the project's
 * own bf16 matrix-vector product when that runs. */
static void update_name(TwKernels *k) {
  TwPrecision mode = current_mode(k);
  int bf16 = 0, dnnl = 0, own = 0, any = 0;
  size_t i;
  const char *isa;
  for (i = 0; i < CACHE_SIZE; i++) {
    const Entry *e = &k->cache[i];
    if (!e->used || e->mode != mode) continue;
    any = 1;
    if (e->path == PATH_DNNL_BF16 || e->path == PATH_GEMV_BF16) bf16 = 1;
    if (e->path == PATH_DNNL_F32 || e->path == PATH_DNNL_BF16) dnnl = 1;
    if (e->path == PATH_GEMV_BF16) own = 1;
  }
  if (!any) bf16 = dnnl = k->active == TW_PRECISION_BF16;
  /* the matrix units run bf16 only */
  isa = !bf16 && strcmp(k->isa, "amx") == 0 ? "avx512" : k->isa;
  strcpy(k->name, dnnl ? "onednn-" : own ? "tweeter-avx512" : "openblas");
  if (dnnl) strcat(k->name, isa);
  strcat(k->name, bf16 ? "-bf16" : "-fp32");
}

/* ===== bf16 conversion ===== */

/* Round to nearest even; a NaN stays a (quiet) NaN instead of rounding into infinity. The
 * loop is branch-free so that each clone vectorises it for its instruction set. */
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

/* Aligned to cache lines: the single-row kernels load 64 bytes at a time, and a load that
 * straddles two lines costs two. */
static uint16_t *grow16(uint16_t **p, size_t *have, size_t n) {
  if (n > *have) {
    void *m;
    uint16_t *q;
    if (posix_memalign(&m, 64, n * sizeof(uint16_t)) != 0) return NULL;
    q = (uint16_t *)m;
    free(*p);
    *p = q;
    *have = n;
  }
  return *p;
}

uint16_t *tw_kernels_buffer16(TwKernels *k, int which, size_t n) {
  return grow16(&k->buffer16[which], &k->buffer16_n[which], n);
}

uint16_t *tw_kernels_shadow(TwKernels *k, const float *src, size_t n) {
  uint16_t *s = tw_kernels_buffer16(k, TW_BF16_PARAMS, n);
  if (s) tw_to_bf16(s, src, n);
  return s;
}

/* ===== OpenBLAS ===== */

/* Element (r,c) of op(X), from the floats or, where there are none, the bf16 values. */
static float operand(const float *x, const uint16_t *x16, size_t ld, int t, size_t r,
                     size_t c) {
  size_t i = t ? c * ld + r : r * ld + c;
  uint32_t u;
  float f;
  if (x) return x[i];
  u = (uint32_t)x16[i] << 16;
  memcpy(&f, &u, sizeof f);
  return f;
}

/* An operand held only in bf16 (converted in place) on a float32 path: that happens only
 * when oneDNN could not build or run a bf16 product, so a plain loop that needs no memory
 * serves. */
static void gemm_widened(const TwGemm *g) {
  size_t m, n, i;
  for (m = 0; m < g->M; m++)
    for (n = 0; n < g->N; n++) {
      float sum = g->beta != 0 ? g->C[m * g->ldc + n] : 0.0f;
      for (i = 0; i < g->K; i++)
        sum += operand(g->A, g->A16, g->lda, g->tA, m, i) *
               operand(g->B, g->B16, g->ldb, g->tB, i, n);
      g->C[m * g->ldc + n] = sum;
    }
}

/* A single row is a matrix-vector product: sgemv streams the weights once, where sgemm would
 * pack them first. */
static void gemm_blas(const TwGemm *g) {
  if (!g->A || !g->B) {
    gemm_widened(g);
    return;
  }
  if (g->M == 1 && !g->tA) {
    if (g->tB)
      cblas_sgemv(CblasRowMajor, CblasNoTrans, (int)g->N, (int)g->K, 1.0f, g->B, (int)g->ldb,
                  g->A, 1, g->beta, g->C, 1);
    else
      cblas_sgemv(CblasRowMajor, CblasTrans, (int)g->K, (int)g->N, 1.0f, g->B, (int)g->ldb,
                  g->A, 1, g->beta, g->C, 1);
    return;
  }
  cblas_sgemm(CblasRowMajor, g->tA ? CblasTrans : CblasNoTrans,
              g->tB ? CblasTrans : CblasNoTrans, (int)g->M, (int)g->N, (int)g->K, 1.0f, g->A,
              (int)g->lda, g->B, (int)g->ldb, g->beta, g->C, (int)g->ldc);
}

/* ===== the bf16 matrix-vector product ===== */

#if defined(TW_HAVE_ROWS_BF16)
#include <immintrin.h>
#define HAVE_GEMV_BF16 1
#define GEMV_COLUMNS 128   /* 8 accumulators of 16 floats: enough to hide the FMA latency */

/* y (N) = x (K) . W (K,N) + beta y, W in bf16 with leading dimension ldw; x and y float32.
 * A bf16 value is the upper half of a float32, so widening is a shift: AVX-512F suffices. */
__attribute__((target("avx512f")))
static void gemv_bf16(const float *x, const uint16_t *W, size_t ldw, size_t K, size_t N,
                      float beta, float *y) {
  size_t n0 = 0, k, j;
  for (; n0 + GEMV_COLUMNS <= N; n0 += GEMV_COLUMNS) {
    __m512 acc[GEMV_COLUMNS / 16];
    for (j = 0; j < GEMV_COLUMNS / 16; j++)
      acc[j] = beta != 0 ? _mm512_loadu_ps(y + n0 + 16 * j) : _mm512_setzero_ps();
    for (k = 0; k < K; k++) {
      __m512 xk = _mm512_set1_ps(x[k]);
      const uint16_t *w = W + k * ldw + n0;
      for (j = 0; j < GEMV_COLUMNS / 16; j++) {
        __m256i h = _mm256_loadu_si256((const __m256i *)(const void *)(w + 16 * j));
        __m512 wf = _mm512_castsi512_ps(_mm512_slli_epi32(_mm512_cvtepu16_epi32(h), 16));
        acc[j] = _mm512_fmadd_ps(xk, wf, acc[j]);
      }
    }
    for (j = 0; j < GEMV_COLUMNS / 16; j++) _mm512_storeu_ps(y + n0 + 16 * j, acc[j]);
  }
  for (; n0 < N; n0++) {
    float sum = beta != 0 ? y[n0] : 0.0f;
    for (k = 0; k < K; k++) {
      uint32_t u = (uint32_t)W[k * ldw + n0] << 16;
      float w;
      memcpy(&w, &u, sizeof w);
      sum += x[k] * w;
    }
    y[n0] = sum;
  }
}

#endif

/* ===== single rows over bf16 weights, a slice at a time ===== */

#if defined(TW_HAVE_ROWS_BF16)

#define ROWS_TARGET __attribute__((target("avx512f,fma")))

static inline float bf16_value(uint16_t b) {
  uint32_t u = (uint32_t)b << 16;
  float f;
  memcpy(&f, &u, sizeof f);
  return f;
}

/* 16 bf16 values widened to float32: a bf16 value is the upper half of a float32 */
ROWS_TARGET static inline __m512 load16_bf16(const uint16_t *p) {
  __m256i h = _mm256_loadu_si256((const __m256i *)(const void *)p);
  return _mm512_castsi512_ps(_mm512_slli_epi32(_mm512_cvtepu16_epi32(h), 16));
}

/* One pass of tw_gemv_bf16_cols over every row for ng groups of 32 columns (ng constant
 * where it is inlined, so the accumulators stay in registers). A 64-byte load holds a group's
 * 32 bf16 values: shifted left they are its even columns in float32, masked its odd ones,
 * two cheap operations where widening 16 values takes a shuffle each; the two halves are
 * interleaved back when stored. */
ROWS_TARGET __attribute__((always_inline)) static inline void cols_pass(
    float *y, const float *x0, size_t K0, const float *x1, size_t K1, const uint16_t *W,
    size_t ldw, const int ng) {
  const __m512i odd = _mm512_set1_epi32((int)0xFFFF0000u);
  const __m512i first = _mm512_setr_epi32(0, 16, 1, 17, 2, 18, 3, 19, 4, 20, 5, 21, 6, 22,
                                          7, 23);
  const __m512i second = _mm512_setr_epi32(8, 24, 9, 25, 10, 26, 11, 27, 12, 28, 13, 29, 14,
                                           30, 15, 31);
  __m512 even_acc[GEMV_COLUMNS / 32], odd_acc[GEMV_COLUMNS / 32];
  size_t k, rows = x1 ? K0 + K1 : K0;
  int j;
  for (j = 0; j < ng; j++) even_acc[j] = odd_acc[j] = _mm512_setzero_ps();
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

ROWS_TARGET
void tw_gemv_bf16_cols(float *y, const float *x0, size_t K0, const float *x1, size_t K1,
                       const uint16_t *W, size_t ldw, size_t n) {
  size_t c = 0, k, rows = x1 ? K0 + K1 : K0;
  /* as many columns a pass as there are accumulators (gemv_bf16's 128), then the rest's
   * whole groups of 32 in one pass, 16 more widened 16 at a time, and the last few columns
   * (n % 16) one at a time: the same fused steps in every case */
  for (; c + GEMV_COLUMNS <= n; c += GEMV_COLUMNS)
    cols_pass(y + c, x0, K0, x1, K1, W + c, ldw, GEMV_COLUMNS / 32);
  switch ((n - c) / 32) {
    case 3: cols_pass(y + c, x0, K0, x1, K1, W + c, ldw, 3); break;
    case 2: cols_pass(y + c, x0, K0, x1, K1, W + c, ldw, 2); break;
    case 1: cols_pass(y + c, x0, K0, x1, K1, W + c, ldw, 1); break;
    default: break;
  }
  c += (n - c) / 32 * 32;
  if (n - c >= 16) {
    __m512 acc = _mm512_setzero_ps();
    for (k = 0; k < rows; k++)
      acc = _mm512_fmadd_ps(_mm512_set1_ps(k < K0 ? x0[k] : x1[k - K0]),
                            load16_bf16(W + k * ldw + c), acc);
    _mm512_storeu_ps(y + c, acc);
    c += 16;
  }
  for (; c < n; c++) {
    float sum = 0.0f;
    for (k = 0; k < rows; k++)
      sum = fmaf(k < K0 ? x0[k] : x1[k - K0], bf16_value(W[k * ldw + c]), sum);
    y[c] = sum;
  }
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
    for (k = K16; k < K; k++) sum = fmaf(x[k], bf16_value(W[(size_t)r * ldw + k]), sum);
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

/* ===== oneDNN ===== */

#if defined(TW_HAVE_DNNL)

/* Whether gemv_bf16 can run g: one row, W not transposed and in bf16, an AVX-512 CPU. */
static int gemv_bf16_fits(const TwGemm *g) {
#if defined(HAVE_GEMV_BF16)
  return g->M == 1 && !g->tA && !g->tB && g->A && g->B16 && __builtin_cpu_supports("avx512f");
#else
  (void)g;
  return 0;
#endif
}

/* bf16 copy of a rows x cols block with leading dimension ld into a packed buffer */
static void to_bf16_block(uint16_t *dst, const float *src, size_t rows, size_t cols,
                          size_t ld) {
  size_t r;
  if (ld == cols) {
    tw_to_bf16(dst, src, rows * cols);
    return;
  }
  for (r = 0; r < rows; r++) tw_to_bf16(dst + r * cols, src + r * ld, cols);
}

/* Memory descriptor of op(X) (rows, cols) stored row-major with leading dimension ld,
 * transposed in storage when t: no copy, the strides say it. */
static int operand_desc(dnnl_memory_desc_t *d, size_t rows, size_t cols, size_t ld, int t,
                        dnnl_data_type_t dt) {
  dnnl_dims_t dims = {(dnnl_dim_t)rows, (dnnl_dim_t)cols};
  dnnl_dims_t strides;
  strides[0] = t ? 1 : (dnnl_dim_t)ld;
  strides[1] = t ? (dnnl_dim_t)ld : 1;
  return dnnl_memory_desc_init_by_strides(d, 2, dims, dt, strides) == dnnl_success;
}

/* The shared scratchpad, grown to hold n bytes; 0 when memory is short. */
static int grow_scratchpad(TwKernels *k, size_t n) {
  void *p;
  if (n <= k->scratchpad_n) return 1;
  p = malloc(n);
  if (!p) return 0;
  free(k->scratchpad);
  k->scratchpad = p;
  k->scratchpad_n = n;
  return 1;
}

static int make_primitive(TwKernels *k, Entry *e, int path) {
  dnnl_data_type_t dt = path == PATH_DNNL_BF16 ? dnnl_bf16 : dnnl_f32;
  size_t lda = path == PATH_DNNL_BF16 ? e->lda16 : e->lda;
  size_t ldb = path == PATH_DNNL_BF16 ? e->ldb16 : e->ldb;
  dnnl_memory_desc_t a, b, c;
  const dnnl_memory_desc_t *sp;
  dnnl_matmul_desc_t md;
  dnnl_primitive_attr_t attr = NULL;
  dnnl_post_ops_t post = NULL;
  dnnl_primitive_desc_t pd = NULL;
  int ok = 0, i;
  if (!operand_desc(&a, e->M, e->K, lda, e->tA, dt) ||
      !operand_desc(&b, e->K, e->N, ldb, e->tB, dt) ||
      !operand_desc(&c, e->M, e->N, e->ldc, 0, dnnl_f32))
    return 0;
  if (dnnl_matmul_desc_init(&md, &a, &b, NULL, &c) != dnnl_success) return 0;
  if (dnnl_primitive_attr_create(&attr) != dnnl_success) return 0;
  if (dnnl_primitive_attr_set_scratchpad_mode(attr, dnnl_scratchpad_mode_user) != dnnl_success)
    goto done;
  if (e->beta) {
    /* C += product: the sum post-op reads the old C */
    if (dnnl_post_ops_create(&post) != dnnl_success ||
        dnnl_post_ops_append_sum(post, 1.0f) != dnnl_success ||
        dnnl_primitive_attr_set_post_ops(attr, post) != dnnl_success)
      goto done;
  }
  if (dnnl_primitive_desc_create(&pd, &md, attr, k->engine, NULL) != dnnl_success) goto done;
  sp = dnnl_primitive_desc_query_md(pd, dnnl_query_scratchpad_md, 0);
  if (!sp || !grow_scratchpad(k, dnnl_memory_desc_get_size(sp))) goto done;
  if (dnnl_primitive_create(&e->prim[path], pd) != dnnl_success) {
    e->prim[path] = NULL;
    goto done;
  }
  ok = dnnl_memory_create(&e->mem[path][0], &a, k->engine, DNNL_MEMORY_NONE) == dnnl_success &&
       dnnl_memory_create(&e->mem[path][1], &b, k->engine, DNNL_MEMORY_NONE) == dnnl_success &&
       dnnl_memory_create(&e->mem[path][2], &c, k->engine, DNNL_MEMORY_NONE) == dnnl_success &&
       dnnl_memory_create(&e->mem[path][3], sp, k->engine, DNNL_MEMORY_NONE) == dnnl_success;
  if (!ok) {
    for (i = 0; i < 4; i++)
      if (e->mem[path][i]) dnnl_memory_destroy(e->mem[path][i]);
    memset(e->mem[path], 0, sizeof e->mem[path]);
    dnnl_primitive_destroy(e->prim[path]);
    e->prim[path] = NULL;
  }
done:
  if (pd) dnnl_primitive_desc_destroy(pd);
  if (post) dnnl_post_ops_destroy(post);
  dnnl_primitive_attr_destroy(attr);
  return ok;
}

static void entry_clear(Entry *e) {
  int p, i;
  for (p = 0; p < PATH_COUNT; p++) {
    for (i = 0; i < 4; i++)
      if (e->mem[p][i]) dnnl_memory_destroy(e->mem[p][i]);
    if (e->prim[p]) dnnl_primitive_destroy(e->prim[p]);
  }
  memset(e, 0, sizeof *e);
}

static int run_dnnl(TwKernels *k, Entry *e, int path, const void *A, const void *B,
                    float *C) {
  dnnl_exec_arg_t args[4];
  dnnl_memory_t *m = e->mem[path];
  if (dnnl_memory_set_data_handle(m[0], (void *)(uintptr_t)A) != dnnl_success ||
      dnnl_memory_set_data_handle(m[1], (void *)(uintptr_t)B) != dnnl_success ||
      dnnl_memory_set_data_handle(m[2], C) != dnnl_success ||
      dnnl_memory_set_data_handle(m[3], k->scratchpad) != dnnl_success)
    return 0;
  args[0].arg = DNNL_ARG_SRC;
  args[0].memory = m[0];
  args[1].arg = DNNL_ARG_WEIGHTS;
  args[1].memory = m[1];
  args[2].arg = DNNL_ARG_DST;
  args[2].memory = m[2];
  args[3].arg = DNNL_ARG_SCRATCHPAD;
  args[3].memory = m[3];
  if (dnnl_primitive_execute(e->prim[path], k->stream, 4, args) != dnnl_success) return 0;
  return dnnl_stream_wait(k->stream) == dnnl_success;
}

/* The bf16 inputs of a product: the caller's copies, or conversions into scratch. NULL when
 * scratch cannot be had. */
static int bf16_inputs(TwKernels *k, const TwGemm *g, const uint16_t **A16,
                       const uint16_t **B16) {
  size_t ar = g->tA ? g->K : g->M, ac = g->tA ? g->M : g->K;
  size_t br = g->tB ? g->N : g->K, bc = g->tB ? g->K : g->N;
  *A16 = g->A16;
  *B16 = g->B16;
  if (!*A16) {
    uint16_t *s = grow16(&k->scratch16[0], &k->scratch16_n[0], ar * ac);
    if (!s) return 0;
    to_bf16_block(s, g->A, ar, ac, g->lda);
    *A16 = s;
  }
  if (!*B16) {
    uint16_t *s = grow16(&k->scratch16[1], &k->scratch16_n[1], br * bc);
    if (!s) return 0;
    to_bf16_block(s, g->B, br, bc, g->ldb);
    *B16 = s;
  }
  return 1;
}

/* Runs g through `path`; 0 when oneDNN failed (the caller falls back to OpenBLAS). */
static int run_path(TwKernels *k, Entry *e, int path, const TwGemm *g, float *C) {
  if (path == PATH_BLAS) {
    TwGemm h = *g;
    h.C = C;
    gemm_blas(&h);
    return 1;
  }
  if (path == PATH_DNNL_F32) return g->A && g->B && run_dnnl(k, e, path, g->A, g->B, C);
#if defined(HAVE_GEMV_BF16)
  if (path == PATH_GEMV_BF16) {
    if (!gemv_bf16_fits(g)) return 0;
    gemv_bf16(g->A, g->B16, g->ldb, g->K, g->N, g->beta, C);
    return 1;
  }
#endif
  {
    const uint16_t *A16, *B16;
    if (!bf16_inputs(k, g, &A16, &B16)) return 0;
    return run_dnnl(k, e, path, A16, B16, C);
  }
}

static int cmp_double(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

/* Median seconds of a few runs of g through `path` into scratch, or -1 when it failed. */
static double time_path(TwKernels *k, Entry *e, int path, const TwGemm *g, float *scratch) {
  double t[MEASURE_RUNS], t0;
  int runs = 0;
  if (!run_path(k, e, path, g, scratch)) return -1;   /* warm-up: JIT, caches, pages */
  while (runs < MEASURE_RUNS) {
    t0 = tw_kernels_now();
    if (!run_path(k, e, path, g, scratch)) return -1;
    t[runs] = tw_kernels_now() - t0;
    runs++;
    if (runs >= 3 && t[0] > MEASURE_SECONDS) break;
  }
  qsort(t, (size_t)runs, sizeof t[0], cmp_double);
  return t[runs / 2];
}

/* Chooses the path of a product. Under bf16, and under auto where bf16 is allowed, every
 * product runs bf16 where it can, unmeasured (a single row with bf16 weights through
 * gemv_bf16, the rest through oneDNN): the clock must not pick a product's precision, or the
 * same seed would give other numbers from one run to the next. Otherwise OpenBLAS and
 * oneDNN's float32 (whose results differ in the last bits at most) are timed and the fastest
 * kept; a path oneDNN cannot build or run drops out. The timed runs write into C itself when
 * the product overwrites it (the real run follows), else into scratch; without memory for
 * that, or without float operands (held in bf16 only), OpenBLAS is kept untimed. */
static void choose_path(TwKernels *k, Entry *e, const TwGemm *g) {
  size_t n = (e->M - 1) * e->ldc + e->N;
  float *scratch = NULL, *out = g->C;
  double best = -1, t;
  int p, bf16 = e->mode != TW_PRECISION_FP32;
  e->path = PATH_BLAS;
  if (bf16 && gemv_bf16_fits(g)) {
    e->path = PATH_GEMV_BF16;
  } else if (bf16 && make_primitive(k, e, PATH_DNNL_BF16)) {
    e->path = PATH_DNNL_BF16;
  } else if (g->A && g->B &&
             (!e->beta || (out = scratch = (float *)calloc(n, sizeof(float))) != NULL)) {
    for (p = 0; p < PATH_COUNT; p++) {
      if (p >= PATH_DNNL_BF16) continue;
      if (p == PATH_GEMV_BF16 && !gemv_bf16_fits(g)) continue;
      if ((p == PATH_DNNL_F32 || p == PATH_DNNL_BF16) && !make_primitive(k, e, p)) continue;
      t = time_path(k, e, p, g, out);
      if (t >= 0 && (best < 0 || t < best)) {
        best = t;
        e->path = p;
      }
    }
    free(scratch);
  }
  update_name(k);
}

static Entry *find_entry(TwKernels *k, const TwGemm *g, TwPrecision mode) {
  size_t lda16 = g->A16 ? g->lda : (g->tA ? g->M : g->K);
  size_t ldb16 = g->B16 ? g->ldb : (g->tB ? g->K : g->N);
  int threads = tw_kernels_threads();
  size_t i;
  Entry *e;
  for (i = 0; i < CACHE_SIZE; i++) {
    e = &k->cache[i];
    if (e->used && e->tA == g->tA && e->tB == g->tB && e->beta == (g->beta != 0) &&
        e->mode == mode && e->threads == threads && e->M == g->M && e->N == g->N &&
        e->K == g->K && e->lda == g->lda && e->ldb == g->ldb && e->ldc == g->ldc &&
        e->lda16 == lda16 && e->ldb16 == ldb16)
      return e;
  }
  e = &k->cache[k->next_evict];
  k->next_evict = (k->next_evict + 1) % CACHE_SIZE;
  entry_clear(e);
  e->used = 1;
  e->tA = g->tA;
  e->tB = g->tB;
  e->beta = g->beta != 0;
  e->mode = mode;
  e->threads = threads;
  e->M = g->M;
  e->N = g->N;
  e->K = g->K;
  e->lda = g->lda;
  e->ldb = g->ldb;
  e->ldc = g->ldc;
  e->lda16 = lda16;
  e->ldb16 = ldb16;
  choose_path(k, e, g);
  return e;
}

/* The bf16 self-check of auto: one product of data with a known scale through the bf16
 * path against OpenBLAS; bf16 keeps 8 mantissa bits, so a relative error near 1e-2 at
 * worst. A library that computes something else fails it and auto stays fp32. */
static int bf16_self_check(TwKernels *k) {
  enum { M = 32, N = 48, KK = 64 };
  float *A = (float *)malloc(sizeof(float) * (M * KK + KK * N + 2 * M * N));
  float *B, *C, *R;
  TwGemm g;
  Entry e;
  size_t i;
  double err = 0, ref = 0;
  int ok = 0;
  if (!A) return 0;
  B = A + M * KK;
  C = B + KK * N;
  R = C + M * N;
  for (i = 0; i < (size_t)(M * KK + KK * N); i++)
    A[i] = (float)((int)((i * 2654435761u) % 2001u) - 1000) / 1000.0f;
  memset(&g, 0, sizeof g);
  g.M = M;
  g.N = N;
  g.K = KK;
  g.A = A;
  g.lda = KK;
  g.B = B;
  g.ldb = N;
  g.C = R;
  g.ldc = N;
  gemm_blas(&g);
  memset(&e, 0, sizeof e);
  e.mode = TW_PRECISION_BF16;
  e.M = M;
  e.N = N;
  e.K = KK;
  e.lda = e.lda16 = KK;
  e.ldb = e.ldb16 = N;
  e.ldc = N;
  if (make_primitive(k, &e, PATH_DNNL_BF16) && run_path(k, &e, PATH_DNNL_BF16, &g, C)) {
    for (i = 0; i < (size_t)(M * N); i++) {
      err += (double)(C[i] - R[i]) * (C[i] - R[i]);
      ref += (double)R[i] * R[i];
    }
    ok = ref > 0 && err <= 1e-4 * ref;
  }
  entry_clear(&e);
  free(A);
  return ok;
}

static const char *dnnl_isa_name(void) {
  dnnl_cpu_isa_t isa = dnnl_get_effective_cpu_isa();
  if ((isa & dnnl_cpu_isa_avx512_core_amx) == dnnl_cpu_isa_avx512_core_amx) return "amx";
  if ((isa & dnnl_cpu_isa_avx512_core) == dnnl_cpu_isa_avx512_core) return "avx512";
  if ((isa & dnnl_cpu_isa_avx2) == dnnl_cpu_isa_avx2) return "avx2";
  return "sse";
}

static int dnnl_has_bf16(void) {
  dnnl_cpu_isa_t isa = dnnl_get_effective_cpu_isa();
  return (isa & dnnl_cpu_isa_avx512_core_bf16) == dnnl_cpu_isa_avx512_core_bf16;
}

#endif /* TW_HAVE_DNNL */

/* ===== the context ===== */

TwKernels *tw_kernels_new(void) {
  TwKernels *k = (TwKernels *)calloc(1, sizeof *k);
  if (!k) return NULL;
  k->isa = "";
#if defined(TW_HAVE_DNNL)
  if (dnnl_engine_create(&k->engine, dnnl_cpu, 0) != dnnl_success) {
    k->engine = NULL;
    k->unavailable = "oneDNN could not start";
  } else if (dnnl_stream_create(&k->stream, k->engine, dnnl_stream_default_flags) !=
             dnnl_success) {
    dnnl_engine_destroy(k->engine);
    k->engine = NULL;
    k->unavailable = "oneDNN could not start";
  } else {
    k->isa = dnnl_isa_name();
    if (!dnnl_has_bf16()) k->unavailable = "this CPU has no bf16 instructions";
  }
#else
  k->unavailable = "this build has no oneDNN";
#endif
  tw_kernels_set_precision(k, TW_PRECISION_AUTO, NULL);
  return k;
}

void tw_kernels_free(TwKernels *k) {
  if (!k) return;
#if defined(TW_HAVE_DNNL)
  {
    size_t i;
    for (i = 0; i < CACHE_SIZE; i++) entry_clear(&k->cache[i]);
    if (k->stream) dnnl_stream_destroy(k->stream);
    if (k->engine) dnnl_engine_destroy(k->engine);
    free(k->scratchpad);
  }
#endif
  free(k->scratch16[0]);
  free(k->scratch16[1]);
  free(k->buffer16[TW_BF16_PARAMS]);
  free(k->buffer16[TW_BF16_GATES]);
  tw_team_free(k->team);
  free(k);
}

TwPrecision tw_kernels_set_precision(TwKernels *k, TwPrecision p, const char **why) {
  const char *reason = k->unavailable;
  k->requested = p;
  k->active = TW_PRECISION_FP32;
#if defined(TW_HAVE_DNNL)
  if (p != TW_PRECISION_FP32 && !reason) {
    if (!k->bf16_checked) {
      k->bf16_ok = bf16_self_check(k);
      k->bf16_checked = 1;
    }
    if (p == TW_PRECISION_BF16 || k->bf16_ok) k->active = TW_PRECISION_BF16;
    else reason = "the bf16 self-check failed";
  }
#endif
  if (p == TW_PRECISION_FP32) reason = NULL;
  if (why) *why = reason;
  update_name(k);
  return k->active;
}

TwPrecision tw_kernels_precision(const TwKernels *k) { return k->active; }
TwPrecision tw_kernels_requested(const TwKernels *k) { return k->requested; }
const char *tw_kernels_name(const TwKernels *k) { return k->name; }
const char *tw_kernels_bf16_unavailable(const TwKernels *k) { return k->unavailable; }
int tw_kernels_bf16(const TwKernels *k) { return k && k->active == TW_PRECISION_BF16; }

int tw_gemm_reads_a16(const TwKernels *k, const TwGemm *g) {
#if defined(TW_HAVE_DNNL)
  return tw_kernels_bf16(k) && !gemv_bf16_fits(g);
#else
  (void)g;
  return tw_kernels_bf16(k);
#endif
}

void tw_gemm(TwKernels *k, const TwGemm *g) {
#if defined(TW_HAVE_DNNL)
  if (k && k->engine && g->M > 0 && g->N > 0 && g->K > 0) {
    Entry *e = find_entry(k, g, current_mode(k));
    if (e->path != PATH_BLAS && run_path(k, e, e->path, g, g->C)) return;
    if (e->path != PATH_BLAS) {
      e->path = PATH_BLAS;   /* oneDNN failed once: not again */
      update_name(k);
    }
  }
#else
  (void)k;
#endif
  gemm_blas(g);
}

void tw_kernels_set_threads(int n) {
  openblas_set_num_threads(n);
#if defined(TW_HAVE_DNNL)
  omp_set_num_threads(n);
#endif
}

int tw_kernels_threads(void) {
  return openblas_get_num_threads();
}

typedef struct {
  TwRowsFn fn;
  void *ctx;
  size_t n;
} RowsJob;

#if defined(TW_HAVE_DNNL)
static void rows_part(void *p) {
  const RowsJob *job = (const RowsJob *)p;
  size_t parts = (size_t)omp_get_num_threads(), part = (size_t)omp_get_thread_num();
  size_t first = job->n * part / parts, last = job->n * (part + 1) / parts;
  if (first < last) job->fn(job->ctx, first, last);
}

static RowsChoice *rows_choice(TwKernels *k, TwRowsFn fn, size_t n, size_t size, int threads) {
  RowsChoice *c;
  size_t i;
  for (i = 0; i < k->nrows; i++) {
    c = &k->rows[i];
    if (c->fn == fn && c->n == n && c->size == size && c->threads == threads) return c;
  }
  i = k->nrows < ROWS_SIZES ? k->nrows++ : (n + size) % ROWS_SIZES;
  c = &k->rows[i];
  memset(c, 0, sizeof *c);
  c->fn = fn;
  c->n = n;
  c->size = size;
  c->threads = threads;
  return c;
}
#endif

void tw_parallel_rows(TwKernels *k, size_t n, size_t size, TwRowsFn fn, void *ctx) {
#if defined(TW_HAVE_DNNL)
  int threads = tw_kernels_threads();
  if (k && n > 1 && threads > 1) {
    RowsChoice *c = rows_choice(k, fn, n, size, threads);
    int timing = c->trials < 2 * ROWS_TRIALS, parallel = timing ? c->trials % 2 : c->parallel;
    double t0 = timing ? tw_kernels_now() : 0;
    if (parallel) {
      RowsJob job;
      job.fn = fn;
      job.ctx = ctx;
      job.n = n;
      GOMP_parallel(rows_part, &job, 0, 0);
    } else {
      fn(ctx, 0, n);
    }
    if (timing) {
      c->seconds[parallel] += tw_kernels_now() - t0;
      if (++c->trials == 2 * ROWS_TRIALS) c->parallel = c->seconds[1] < c->seconds[0];
    }
    return;
  }
#else
  (void)k;
  (void)size;
#endif
  fn(ctx, 0, n);
}

int tw_kernels_sampling_threads(TwKernels *k, size_t params, int team, int max_threads,
                                double (*steps)(void *ctx, int threads, int count), void *ctx) {
  double best_time[SAMPLING_THREADS];
  TwPrecision mode = current_mode(k);
  size_t i, best = 0;
  int t, rep, counts = 0;
  if (k->sampling_set > 0) return k->sampling_set;
  for (i = 0; i < k->nsampling; i++)
    if (k->sampling[i].params == params && k->sampling[i].team == team &&
        k->sampling[i].mode == mode && k->sampling[i].max_threads == max_threads)
      return k->sampling[i].threads;
  /* candidates 1, 2, 4, ...: interleaved repeats, the best time of each */
  for (t = 1; t <= max_threads && counts < SAMPLING_THREADS; t *= 2) best_time[counts++] = -1;
  for (rep = 0; rep < SAMPLING_REPEATS; rep++)
    for (i = 0; i < (size_t)counts; i++) {
      double t0;
      steps(ctx, 1 << i, 1);   /* wakes that many threads */
      t0 = steps(ctx, 1 << i, SAMPLING_STEPS);
      if (best_time[i] < 0 || t0 < best_time[i]) best_time[i] = t0;
    }
  for (i = 1; i < (size_t)counts; i++)
    if (best_time[i] < best_time[best]) best = i;
  i = k->nsampling < SAMPLING_SIZES ? k->nsampling++ : params % SAMPLING_SIZES;
  k->sampling[i].params = params;
  k->sampling[i].team = team;
  k->sampling[i].mode = mode;
  k->sampling[i].max_threads = max_threads;
  k->sampling[i].threads = 1 << best;
  return 1 << best;
}

void tw_kernels_set_sampling_threads(TwKernels *k, int threads) {
  k->sampling_set = threads < 0 ? 0 : threads > TW_TEAM_MAX ? TW_TEAM_MAX : threads;
}

TwTeam *tw_kernels_team(TwKernels *k) {
  if (!k->team) k->team = tw_team_new();
  return k->team;
}

int tw_kernels_rows_bf16(const TwKernels *k) {
#if defined(TW_HAVE_ROWS_BF16)
  return tw_kernels_bf16(k) && __builtin_cpu_supports("avx512f") &&
         __builtin_cpu_supports("fma");
#else
  (void)k;
  return 0;
#endif
}
