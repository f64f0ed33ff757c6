/*
 * kernels.c: the product router of kernels.h. Four paths: OpenBLAS sgemm, oneDNN float32
 * matmul, oneDNN bf16 matmul (bf16 inputs, float32 accumulation and output) and the bf16
 * matrix-vector kernel of bf16.c. The first call of each shape chooses its path (tuning.c
 * times the float32 ones) and keeps it, with its oneDNN primitive, in a small cache.
 */
#include "kernels.h"

#include <cblas.h>
#include <stdlib.h>
#include <string.h>
#if defined(TW_HAVE_DNNL)
#include <oneapi/dnnl/dnnl.h>
#endif

#define CACHE_SIZE 64
/* PATH_GEMV_BF16: the project's own matrix-vector product over bf16 weights (bf16.c), for
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
  TwTuning *tuning;
#if defined(TW_HAVE_DNNL)
  dnnl_engine_t engine;
  dnnl_stream_t stream;
  /* one scratchpad for every primitive (they run one at a time), the largest any needs: left
   * to oneDNN, each primitive keeps its own or allocates one per call */
  void *scratchpad;
  size_t scratchpad_n;
#endif
};

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
  return x ? x[i] : tw_bf16_float(x16[i]);
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

/* ===== oneDNN ===== */

#if defined(TW_HAVE_DNNL)

/* Whether the bf16 matrix-vector kernel can run g: one row, W not transposed and in bf16,
 * a CPU that runs it. */
static int gemv_bf16_fits(const TwGemm *g) {
#if defined(TW_HAVE_ROWS_BF16)
  return g->M == 1 && !g->tA && !g->tB && g->A && g->B16 && tw_rows_bf16_cpu();
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
#if defined(TW_HAVE_ROWS_BF16)
  if (path == PATH_GEMV_BF16) {
    if (!gemv_bf16_fits(g)) return 0;
    if (g->beta != 0) tw_gemv_bf16_cols_add(C, g->A, g->K, NULL, 0, g->B16, g->ldb, g->N);
    else tw_gemv_bf16_cols(C, g->A, g->K, NULL, 0, g->B16, g->ldb, g->N);
    return 1;
  }
#endif
  {
    const uint16_t *A16, *B16;
    if (!bf16_inputs(k, g, &A16, &B16)) return 0;
    return run_dnnl(k, e, path, A16, B16, C);
  }
}

/* A timed run of choose_path: the path is the way (PATH_BLAS 0, PATH_DNNL_F32 1). */
typedef struct {
  TwKernels *k;
  Entry *e;
  const TwGemm *g;
  float *out;
} Trial;

static int trial_run(void *ctx, int path) {
  const Trial *t = (const Trial *)ctx;
  return run_path(t->k, t->e, path, t->g, t->out);
}

/* Chooses the path of a product. Under bf16, and under auto where bf16 is allowed, every
 * product runs bf16 where it can, unmeasured (a single row with bf16 weights through the
 * matrix-vector kernel, the rest through oneDNN). Otherwise OpenBLAS and oneDNN's float32
 * (whose results differ in the last bits at most) are timed and the fastest kept; oneDNN
 * drops out where it cannot build or run the product. The timed runs write into C itself
 * when the product overwrites it (the real run follows), else into scratch; without memory
 * for that, or without float operands (held in bf16 only), OpenBLAS is kept untimed. */
static void choose_path(TwKernels *k, Entry *e, const TwGemm *g) {
  size_t n = (e->M - 1) * e->ldc + e->N;
  float *scratch = NULL, *out = g->C;
  int bf16 = e->mode != TW_PRECISION_FP32;
  e->path = PATH_BLAS;
  if (bf16 && gemv_bf16_fits(g)) {
    e->path = PATH_GEMV_BF16;
  } else if (bf16 && make_primitive(k, e, PATH_DNNL_BF16)) {
    e->path = PATH_DNNL_BF16;
  } else if (g->A && g->B &&
             (!e->beta || (out = scratch = (float *)calloc(n, sizeof(float))) != NULL)) {
    Trial t;
    int fastest;
    t.k = k;
    t.e = e;
    t.g = g;
    t.out = out;
    fastest = tw_fastest(make_primitive(k, e, PATH_DNNL_F32) ? 2 : 1, trial_run, &t);
    if (fastest >= 0) e->path = fastest;
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
  k->tuning = tw_tuning_new();
  if (!k->tuning) {
    free(k);
    return NULL;
  }
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
  tw_tuning_free(k->tuning);
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
TwTuning *tw_kernels_tuning(TwKernels *k) { return k->tuning; }
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

