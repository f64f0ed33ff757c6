/*
 * kernels.h: the matrix products of the cells, routed at run time to OpenBLAS or, built with
 * oneDNN (TW_HAVE_DNNL), to oneDNN's matmul in float32 or bf16 and the bf16 kernels of
 * bf16.h; what they run on is tuning.h's. bf16 products read bf16 inputs and write float32;
 * weights, gradients and optimizer state stay float32. Pure C, no Lua.
 */
#ifndef TW_KERNELS_H
#define TW_KERNELS_H

#include <stddef.h>
#include <stdint.h>

#include "bf16.h"
#include "tuning.h"

typedef enum { TW_PRECISION_AUTO = 0, TW_PRECISION_BF16, TW_PRECISION_FP32 } TwPrecision;

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
/* The choices tuning.c keeps for this context. */
TwTuning *tw_kernels_tuning(TwKernels *k);
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
/* bf16 buffers the context keeps for callers, grown on demand: one for a copy of the
 * parameters, one for the gate gradients of one backward step. NULL when memory is short. */
enum { TW_BF16_PARAMS = 0, TW_BF16_GATES, TW_BF16_BUFFERS };
uint16_t *tw_kernels_buffer16(TwKernels *k, int which, size_t n);
/* A bf16 copy of n parameters in the TW_BF16_PARAMS buffer, or NULL. */
uint16_t *tw_kernels_shadow(TwKernels *k, const float *src, size_t n);

#endif
