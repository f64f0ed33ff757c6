/*
 * kernels.h: the matrix products of the LSTM, routed at run time to OpenBLAS sgemm or, when
 * tweeter is built with oneDNN (TW_HAVE_DNNL), to oneDNN's matmul in float32 or bfloat16.
 * Each distinct product shape is measured once, on its first call, against every path the
 * precision allows; the fastest is kept with its oneDNN primitive. Pure C, no Lua.
 *
 * bf16 products take bf16 inputs (converted here, or a caller's bf16 copy of a weight block)
 * and accumulate and write float32; weights, gradients and optimizer state stay float32.
 */
#ifndef TW_KERNELS_H
#define TW_KERNELS_H

#include <stddef.h>
#include <stdint.h>

#include "team.h"

/* The single-row bf16 kernels below (tw_gemv_bf16_cols, tw_dot_rows_bf16) are built: oneDNN
 * (without which bf16 never runs) on x86-64 with GCC or clang; they run where
 * tw_kernels_rows_bf16 says so. */
#if defined(TW_HAVE_DNNL) && defined(__x86_64__) && defined(__GNUC__)
#define TW_HAVE_ROWS_BF16 1
#endif

typedef enum { TW_PRECISION_AUTO = 0, TW_PRECISION_BF16, TW_PRECISION_FP32 } TwPrecision;

typedef struct TwKernels TwKernels;

/* C (M,N) = op(A) (M,K) . op(B) (K,N) + beta C, row-major; op(X) = X^T where tX is set.
 * A16/B16, when not NULL, are bf16 copies of A/B in the same layout (same leading
 * dimension); the bf16 path uses them instead of converting. A (B) may be NULL when A16
 * (B16) is given: the operand exists only in bf16 (tw_bf16_in_place), and a float32 path
 * reads its bf16 values. beta is 0 or 1. */
typedef struct {
  int tA, tB;
  size_t M, N, K;
  const float *A;
  size_t lda;
  const uint16_t *A16;
  const float *B;
  size_t ldb;
  const uint16_t *B16;
  float beta;
  float *C;
  size_t ldc;
} TwGemm;

/* A context, or NULL when memory is short. It owns its caches and scratch until freed. */
TwKernels *tw_kernels_new(void);
void tw_kernels_free(TwKernels *k);

/* Sets the precision and returns the one in force: bf16 is refused (fp32 runs) when the CPU
 * or the build lacks it, and auto means bf16 exactly when it is available and the bf16
 * self-check passed. *why, when not NULL, gets the reason bf16 is not in force, or NULL. */
TwPrecision tw_kernels_set_precision(TwKernels *k, TwPrecision p, const char **why);
TwPrecision tw_kernels_precision(const TwKernels *k);
TwPrecision tw_kernels_requested(const TwKernels *k);
/* The path in use, e.g. "onednn-amx-bf16", "onednn-avx512-fp32", "openblas-fp32". */
const char *tw_kernels_name(const TwKernels *k);
/* Why bf16 cannot run here (no oneDNN in this build, no bf16 units), or NULL. */
const char *tw_kernels_bf16_unavailable(const TwKernels *k);

/* Runs one product (k may be NULL: OpenBLAS float32). */
void tw_gemm(TwKernels *k, const TwGemm *g);
/* Whether bf16 products run now, i.e. whether callers should keep bf16 weight copies. */
int tw_kernels_bf16(const TwKernels *k);
/* Whether g (with its float A) would read A in bf16: bf16 runs, and g is not a single row
 * over bf16 weights, which the matrix-vector product takes with A in float32. */
int tw_gemm_reads_a16(const TwKernels *k, const TwGemm *g);
/* Round-to-nearest-even bf16 copy of n floats. */
void tw_to_bf16(uint16_t *dst, const float *src, size_t n);
/* The same, a long one over the pool of k (tw_parallel_rows; k may be NULL). */
void tw_to_bf16_pool(TwKernels *k, uint16_t *dst, const float *src, size_t n);
/* The same bf16 values written over the first half of x, which no longer holds floats: an
 * operand that only bf16 products read needs no second buffer. Returns x as bf16. A long
 * one runs mostly over the pool of k (k may be NULL). */
uint16_t *tw_bf16_in_place(TwKernels *k, float *x, size_t n);
/* bf16 buffers the context keeps for callers, grown on demand: one for a copy of the
 * parameters, one for the gate gradients of one backward step. NULL when memory is short. */
enum { TW_BF16_PARAMS = 0, TW_BF16_GATES, TW_BF16_BUFFERS };
uint16_t *tw_kernels_buffer16(TwKernels *k, int which, size_t n);
/* A bf16 copy of n parameters in the TW_BF16_PARAMS buffer, or NULL. */
uint16_t *tw_kernels_shadow(TwKernels *k, const float *src, size_t n);

/* Threads: the count both pools (OpenBLAS and oneDNN's OpenMP) use. */
void tw_kernels_set_threads(int n);
int tw_kernels_threads(void);
/* Runs fn over the rows [0, n): split into one contiguous part (first .. last-1) per thread
 * of the products' pool (oneDNN's OpenMP threads), or all on this thread, whichever its first
 * calls measured faster for this fn, n and `size` (the caller's measure of a row's work), and
 * always on this thread where there is no pool (or no k). The parts must touch disjoint
 * data. */
typedef void (*TwRowsFn)(void *ctx, size_t first, size_t last);
void tw_parallel_rows(TwKernels *k, size_t n, size_t size, TwRowsFn fn, void *ctx);

/* Seconds on the monotonic clock that times the choices below (and their callers' steps). */
double tw_kernels_now(void);

/* Single-stream sampling: the thread count (1 .. max_threads) found fastest for a model of
 * this many parameters sampled this way (`team`: on the context's team of threads, each on
 * its own slice of every product; else one product at a time on the products' thread count)
 * in the precision in force. Measured on the first call for each, and for each max_threads:
 * `steps` runs `count` sampling steps at a thread count and returns the seconds they took.
 * A count set with tw_kernels_set_sampling_threads is returned instead, unmeasured. */
int tw_kernels_sampling_threads(TwKernels *k, size_t params, int team, int max_threads,
                                double (*steps)(void *ctx, int threads, int count), void *ctx);
/* Sets the count single-stream sampling runs on, instead of the one measured (0: measured),
 * for tests and measurements; at most TW_TEAM_MAX. */
void tw_kernels_set_sampling_threads(TwKernels *k, int threads);

/* The context's team of threads (team.h), made on first use; NULL when memory is short. */
TwTeam *tw_kernels_team(TwKernels *k);

/* Whether tw_gemv_bf16_cols and tw_dot_rows_bf16 run here: bf16 is in force, they are built,
 * and the CPU has AVX-512F. */
int tw_kernels_rows_bf16(const TwKernels *k);

#if defined(TW_HAVE_ROWS_BF16)
/* Single rows over bf16 weights (x float32), a slice of the outputs at a time: each output
 * is computed by the same operations in the same order whatever slice it is in, so its value
 * does not depend on how the outputs are shared out between threads.
 *
 * y (n) = x0 (K0) . W[0:K0, 0:n] + x1 (K1) . W[K0:K0+K1, 0:n]: n columns of W (rows ldw
 * apart), from its first. Each output is one fused multiply-add per input row, in row order,
 * from zero. x1 may be NULL, for an input known to be zero (its rows are not read). */
void tw_gemv_bf16_cols(float *y, const float *x0, size_t K0, const float *x1, size_t K1,
                       const uint16_t *W, size_t ldw, size_t n);
/* y (n) = W[0:n, 0:K] . x (K): n rows of W (ldw apart), each a dot product with x. */
void tw_dot_rows_bf16(float *y, const float *x, const uint16_t *W, size_t ldw, size_t K,
                      size_t n);
#endif

#endif
