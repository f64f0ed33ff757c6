/*
 * bf16.h: bfloat16 numbers (the upper half of a float32) for the products of kernels.h:
 * conversion, widening, and the single-row products over bf16 weights. Pure C, no Lua.
 */
#ifndef TW_BF16_H
#define TW_BF16_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "tuning.h"

/* The single-row kernels below are built with oneDNN (without which bf16 never runs) on
 * x86-64 with GCC or clang; they run where tw_kernels_rows_bf16 says so. */
#if defined(TW_HAVE_DNNL) && defined(__x86_64__) && defined(__GNUC__)
#define TW_HAVE_ROWS_BF16 1
#endif

/* A bf16 value as a float32: a shift, exact. */
static inline float tw_bf16_float(uint16_t b) {
  uint32_t u = (uint32_t)b << 16;
  float f;
  memcpy(&f, &u, sizeof f);
  return f;
}

/* Round-to-nearest-even bf16 copy of n floats. */
void tw_to_bf16(uint16_t *dst, const float *src, size_t n);
/* The same, a long one over the pool of k (tw_parallel_rows; k may be NULL). */
void tw_to_bf16_pool(TwKernels *k, uint16_t *dst, const float *src, size_t n);
/* The same bf16 values written over the first half of x, which no longer holds floats: an
 * operand that only bf16 products read needs no second buffer. Returns x as bf16. A long
 * one runs mostly over the pool of k (k may be NULL). */
uint16_t *tw_bf16_in_place(TwKernels *k, float *x, size_t n);

/* Whether tw_gemv_bf16_cols and tw_dot_rows_bf16 run here: bf16 is in force, they are built,
 * and the CPU has AVX-512F and FMA. */
int tw_kernels_rows_bf16(const TwKernels *k);

#if defined(TW_HAVE_ROWS_BF16)
/* Whether the CPU runs the kernels below, whatever the precision. */
int tw_rows_bf16_cpu(void);

/* Single rows over bf16 weights (x float32), a slice of the outputs at a time; an output's
 * value does not depend on the slice it is in (the same operations in the same order).
 * y (n) = x0 (K0) . W[0:K0, 0:n] + x1 (K1) . W[K0:K0+K1, 0:n] (rows of W ldw apart): per
 * output one fused multiply-add per input row, in row order, from zero. x1 may be NULL for
 * an input known to be zero (its rows are not read). */
void tw_gemv_bf16_cols(float *y, const float *x0, size_t K0, const float *x1, size_t K1,
                       const uint16_t *W, size_t ldw, size_t n);
/* The same with each output's sum starting from y's value instead of zero (y += ...). */
void tw_gemv_bf16_cols_add(float *y, const float *x0, size_t K0, const float *x1, size_t K1,
                           const uint16_t *W, size_t ldw, size_t n);
/* y (n) = W[0:n, 0:K] . x (K): n rows of W (ldw apart), each a dot product with x. */
void tw_dot_rows_bf16(float *y, const float *x, const uint16_t *W, size_t ldw, size_t K,
                      size_t n);
#endif

#endif
