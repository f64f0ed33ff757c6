/*
 * fuzz/sample.c: libFuzzer target for tw_sample_token (csrc/sample.c). The input gives the
 * vocabulary size, the options within the bounds model:generate accepts (temperature 0 to
 * 100, top_k 0 to V, top_p 1e-6 to 1), the end-of-post ban, the RNG state and the raw bits
 * of the logits, which come from a model's weights and so may be NaN or infinite (a model
 * file can hold any floats). The drawn token must be in range, never the unknown token, and
 * never the end-of-post token when that is banned. Pure C; no Lua.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "../csrc/cell.h"
#include "../csrc/optim.h"
#include "../csrc/sample.h"

typedef struct {
  const uint8_t *p;
  size_t n;
} Input;

static uint32_t take(Input *in, size_t bytes) {
  uint32_t x = 0;
  size_t k;
  for (k = 0; k < bytes; k++) {
    x = x << 8 | (in->n ? in->p[0] : 0);
    if (in->n) {
      in->p++;
      in->n--;
    }
  }
  return x;
}

/* A float in [lo, hi]: a few special values or a fraction of the range. */
static float option(Input *in, float lo, float hi) {
  uint32_t sel = take(in, 1), frac = take(in, 2);
  switch (sel % 8) {
    case 0: return lo;
    case 1: return hi;
    case 2: return lo + (hi - lo) * 1e-6f;
    default: return lo + (hi - lo) * (float)frac / 65535.0f;
  }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  Input in = {data, size};
  size_t V = 3 + take(&in, 2) % 600, k;
  SampleOptions so;
  int ban_eos;
  uint64_t rng;
  float *logits;
  int32_t *order, t;
  so.temperature = take(&in, 1) % 4 == 0 ? 0.0f : option(&in, 0.0f, 100.0f);
  so.top_k = take(&in, 1) % 2 ? 0 : take(&in, 2) % (V + 1);
  so.top_p = take(&in, 1) % 2 ? 1.0f : option(&in, 1e-6f, 1.0f);
  ban_eos = (int)(take(&in, 1) & 1);
  rng = tw_rng_seed((uint64_t)take(&in, 4) << 32 | take(&in, 4));
  logits = malloc(V * sizeof *logits);
  order = malloc(V * sizeof *order);
  if (!logits || !order) abort();
  /* logits: raw float bits while the input lasts, then a repeating small pattern */
  for (k = 0; k < V; k++) {
    if (in.n >= 4) {
      uint32_t bits = take(&in, 4);
      memcpy(&logits[k], &bits, 4);
    } else {
      logits[k] = (float)(k % 7) - 3.0f;
    }
  }
  t = tw_sample_token(logits, V, &so, ban_eos, &rng, order);
  CHECK(t >= 0 && (size_t)t < V);
  CHECK(t != TW_TOKEN_UNK);
  CHECK(!(ban_eos && t == TW_TOKEN_EOS));
  free(logits);
  free(order);
  return 0;
}
