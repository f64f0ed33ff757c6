/*
 * fastmath.h: exp, sigmoid and tanh that the compiler vectorises in the loops calling them
 * (no libm calls, no branches); exp's relative error is below 2e-7. Pure C.
 */
#ifndef TW_FASTMATH_H
#define TW_FASTMATH_H

#include <stdint.h>

/* TW_VECTORIZED: compiled for AVX-512, AVX2+FMA and plain x86-64, at -O3 (GCC vectorises
 * these loops only there), and the loader picks what the CPU has: no -march needed. Only on
 * a static function with a name no other file's has: clang resolves clones within their
 * file, and names the resolver (a global symbol) after the function. */
#if defined(__x86_64__) && defined(__clang__) && __clang_major__ >= 14
#define TW_VECTORIZED __attribute__((target_clones("avx512f", "avx2", "default")))
#elif defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__) && __GNUC__ >= 12
#define TW_VECTORIZED \
  __attribute__((target_clones("arch=x86-64-v4", "arch=x86-64-v3", "default"), \
                 optimize("O3")))
#else
#define TW_VECTORIZED
#endif

/* 2^n * e^r with |r| <= ln2/2, e^r by a degree-6 Taylor polynomial; x clamped to [-87, 88] */
static inline float tw_exp(float x) {
  float t, n, r, p;
  union {
    int32_t i;
    float f;
  } scale;
  x = x < -87.0f ? -87.0f : x;
  x = x > 88.0f ? 88.0f : x;
  t = x * 1.44269504f;
  n = (t + 12582912.0f) - 12582912.0f;   /* round to nearest: 1.5 * 2^23 drops the fraction */
  r = x - n * 0.693145752f - n * 1.42860677e-6f;        /* x - n ln2, in two parts */
  p = 1.0f + r * (1.0f + r * (0.5f + r * (1.0f / 6 + r * (1.0f / 24 + r * (1.0f / 120 +
      r * (1.0f / 720))))));
  n = n == n ? n : 0.0f;   /* NaN in (a corrupt model's weights): no UB in the cast, p is NaN */
  scale.i = ((int32_t)n + 127) * (1 << 23);   /* 2^n as a float's exponent field */
  return p * scale.f;
}

static inline float tw_sigmoid(float x) { return 1.0f / (1.0f + tw_exp(-x)); }

static inline float tw_tanh(float x) { return 2.0f / (1.0f + tw_exp(-2.0f * x)) - 1.0f; }

#endif
