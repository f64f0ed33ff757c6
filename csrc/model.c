/*
 * model.c: the model over any cell (cell.h): sizes, layout, initialisation, training passes
 * and updates, vocabulary lookup and growth, probes. Pure C, no allocation.
 */
#include "model.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#define MAX_PARAMS ((size_t)1 << 28)   /* 1 GiB per slab; four slabs when training */

/* ===== sizes and layout ===== */

int tw_model_config_ok(const Cell *cell, const ModelConfig *cfg, char *err, size_t errlen) {
  double total = 0;
  size_t l, k;
  if (cfg->E < 1 || cfg->E > 8192) {
    snprintf(err, errlen, "embed must be between 1 and 8192, got %zu", cfg->E);
    return 0;
  }
  if (cfg->H < 1 || cfg->H > 16384) {
    snprintf(err, errlen, "hidden must be between 1 and 16384, got %zu", cfg->H);
    return 0;
  }
  if (cfg->L < 1 || cfg->L > TW_MAX_LAYERS) {
    snprintf(err, errlen, "layers must be between 1 and %d, got %zu", TW_MAX_LAYERS, cfg->L);
    return 0;
  }
  if (cfg->V < 3 || cfg->V > 0x110002) {
    snprintf(err, errlen, "vocabulary size must be between 3 and %d, got %zu", 0x110002,
             cfg->V);
    return 0;
  }
  /* in double, so absurd sizes cannot overflow before they are refused (the bounds above
   * keep each block's size_t exact) */
  for (l = 0; l < cfg->L; l++)
    for (k = 0; k < cell->nblocks; k++) total += (double)tw_block_floats(cfg, &cell->blocks[k], l);
  total += (double)cfg->V * (cfg->E + cfg->H + 1);
  if (total > (double)MAX_PARAMS) {
    snprintf(err, errlen, "model too large: %.0f parameters (at most %zu)", total, MAX_PARAMS);
    return 0;
  }
  return 1;
}

void tw_model_layout(const Cell *cell, const ModelConfig *cfg, ModelLayout *lay) {
  size_t off = 0, l, k;
  memset(lay, 0, sizeof *lay);
  for (l = 0; l < cfg->L; l++)
    for (k = 0; k < cell->nblocks; k++) {
      lay->layer[l][k] = off;
      off += tw_block_floats(cfg, &cell->blocks[k], l);
    }
  lay->emb = off;
  off += cfg->V * cfg->E;
  lay->wy = off;
  off += cfg->V * cfg->H;
  lay->by = off;
  off += cfg->V;
  lay->total = off;
}

void tw_model_setup(Model *m, const Cell *cell, const ModelConfig *cfg, float dropout,
                    uint64_t seed) {
  m->cell = cell;
  m->cfg = *cfg;
  tw_model_layout(cell, cfg, &m->lay);
  m->dropout = dropout;
  m->seed = seed;
  m->rng = tw_rng_seed(seed);
  tw_optimizer_defaults(&m->opt);
}

/* The workspace is linear in B·T (and in B): taken at T = 1 and grown by the floats of one
 * more step. */
static double workspace_floats(const Cell *cell, const ModelConfig *cfg, size_t B,
                               double tokens, int masked, int bf16) {
  return (double)cell->work_floats(cfg, B, 1, masked, bf16) +
         (double)(cell->work_floats(cfg, 1, 2, masked, bf16) -
                  cell->work_floats(cfg, 1, 1, masked, bf16)) * (tokens - (double)B);
}

double tw_training_floats(const Cell *cell, const ModelConfig *cfg, const ModelLayout *lay,
                          size_t B, double tokens, int masked) {
  double fp32 = workspace_floats(cell, cfg, B, tokens, masked, 0);
  double bf16 = workspace_floats(cell, cfg, B, tokens, masked, 1) + (double)lay->total / 2;
  return 4.0 * (double)lay->total + (fp32 > bf16 ? fp32 : bf16) +
         2.0 * (double)cell->state_vectors * (double)cfg->L * (double)B * (double)cfg->H;
}

size_t tw_model_state_floats(const Model *m, size_t B) {
  return m->cell->state_vectors * m->cfg.L * B * m->cfg.H;
}

void tw_model_state_streams(const Model *m, float *dst, const float *src, size_t B,
                            size_t first, size_t from_B) {
  size_t rows = m->cell->state_vectors * m->cfg.L, H = m->cfg.H, r;
  for (r = 0; r < rows; r++)
    memcpy(dst + r * B * H, src + (r * from_B + first) * H, B * H * sizeof(float));
}

/* ===== initialisation ===== */

static float rng_normal(uint64_t *state) {
  float u1 = tw_rng_uniform(state), u2 = tw_rng_uniform(state);
  if (u1 < 1e-7f) u1 = 1e-7f;
  return sqrtf(-2.0f * logf(u1)) * cosf(6.2831853f * u2);
}

void tw_model_init_token_rows(const ModelConfig *cfg, const ModelLayout *lay, float *params,
                              size_t first, size_t count, uint64_t *rng) {
  float k = 1.0f / sqrtf((float)cfg->H);
  size_t i;
  for (i = first * cfg->E; i < (first + count) * cfg->E; i++)
    params[lay->emb + i] = rng_normal(rng);
  for (i = first * cfg->H; i < (first + count) * cfg->H; i++)
    params[lay->wy + i] = (2.0f * tw_rng_uniform(rng) - 1.0f) * k;
  for (i = first; i < first + count; i++)
    params[lay->by + i] = 0.0f;
}

void tw_model_init(Model *m) {
  size_t l;
  for (l = 0; l < m->cfg.L; l++) m->cell->init_layer(&m->cfg, &m->lay, l, m->params, &m->rng);
  tw_model_init_token_rows(&m->cfg, &m->lay, m->params, 0, m->cfg.V, &m->rng);
}

void tw_model_regrow(const Model *m, const ModelLayout *to, const float *src, float *dst) {
  const ModelConfig *c = &m->cfg;
  memcpy(dst, src, m->lay.emb * sizeof(float));
  memcpy(dst + to->emb, src + m->lay.emb, c->V * c->E * sizeof(float));
  memcpy(dst + to->wy, src + m->lay.wy, c->V * c->H * sizeof(float));
  memcpy(dst + to->by, src + m->lay.by, c->V * sizeof(float));
}

/* ===== vocabulary and blocks ===== */

int tw_model_index_vocab(Model *m) {
  size_t k, n = m->cfg.V - 2;
  tw_vocab_index(m->keys, m->key_tokens, m->chars + 2, n, 2);
  for (k = 0; k + 1 < n; k++)
    if (m->keys[k] == m->keys[k + 1]) return 0;
  return 1;
}

VocabIndex tw_model_vocab_index(const Model *m) {
  VocabIndex ix;
  ix.keys = m->keys;
  ix.tokens = m->key_tokens;
  ix.n = m->cfg.V - 2;
  return ix;
}

int32_t tw_model_token(const Model *m, uint32_t cp) {
  VocabIndex ix = tw_model_vocab_index(m);
  int32_t t = tw_vocab_find(&ix, cp);
  return t < 0 ? TW_TOKEN_UNK : t;
}

size_t tw_model_block(const Model *m, const char *name, size_t *len) {
  const ModelConfig *c = &m->cfg;
  size_t k, n;
  *len = 0;
  if (strcmp(name, "embedding") == 0) { *len = c->V * c->E; return m->lay.emb; }
  if (strcmp(name, "output") == 0) { *len = c->V * c->H; return m->lay.wy; }
  if (strcmp(name, "output_bias") == 0) { *len = c->V; return m->lay.by; }
  for (k = 0; k < m->cell->nblocks; k++) {
    const CellBlock *b = &m->cell->blocks[k];
    unsigned l;
    n = strlen(b->name);
    if (strncmp(name, b->name, n) == 0 && sscanf(name + n, "%u", &l) == 1 &&
        l >= 1 && l <= c->L) {
      *len = tw_block_floats(c, b, l - 1);
      return m->lay.layer[l - 1][k];
    }
  }
  return SIZE_MAX;
}

int tw_all_finite(const float *x, size_t n) {
  size_t k;
  for (k = 0; k < n; k++)
    if (!isfinite(x[k])) return 0;
  return 1;
}

/* ===== training ===== */

double tw_model_pass(Model *m, PassKind kind, CellPass *pass, size_t divisor) {
  double loss;
  pass->dropout = kind == PASS_TRAIN ? m->dropout : 0.0f;
  pass->rng = &m->rng;
  /* bf16 products read the weights in bf16: one conversion per pass into the kernels' own
   * copy, not one per product (without the copy, each product converts its own) */
  pass->params16 = NULL;
  if (tw_kernels_bf16(pass->kernels)) {
    uint16_t *p16 = tw_kernels_buffer16(pass->kernels, TW_BF16_PARAMS, m->lay.total);
    if (p16) tw_to_bf16_pool(pass->kernels, p16, m->params, m->lay.total);
    pass->params16 = p16;
  }
  loss = m->cell->forward(&m->cfg, &m->lay, m->params, pass);
  if (kind != PASS_EVAL) {
    if (divisor == 0) divisor = pass->count;
    if (pass->count > 0)
      m->cell->backward(&m->cfg, &m->lay, m->params, m->grads, pass, divisor);
    else
      memset(m->grads, 0, m->lay.total * sizeof(float));
    m->pending = kind == PASS_TRAIN;
    m->pending_divisor = divisor;
  }
  return loss;
}

void tw_model_update(Model *m, int wrap, uint64_t cursor, size_t batch, size_t seq) {
  if (m->pending && m->pending_divisor > 0) {
    double norm;
    if (m->frozen_layers > 0) {
      size_t end = m->frozen_layers < m->cfg.L ? m->lay.layer[m->frozen_layers][0] : m->lay.emb;
      memset(m->grads, 0, end * sizeof(float));
      memset(m->grads + m->lay.emb, 0, (m->lay.wy - m->lay.emb) * sizeof(float));
    }
    norm = tw_grad_norm(m->grads, m->lay.total);
    float clip = m->opt.clip, scale = clip > 0 && norm > clip ? (float)(clip / norm) : 1.0f;
    m->opt_steps++;
    tw_optimizer_step(&m->opt, m->params, m->grads, scale, m->m, m->v, m->lay.total,
                      m->opt_steps);
  }
  m->pending = 0;
  m->record.steps++;
  if (wrap) {
    m->record.cursor = cursor;
    m->record.batch = batch;
    m->record.seq = seq;
  }
}

size_t tw_probe_steps(size_t T) {
  return (T + 63) / 64 * 64;
}

size_t tw_probe_bytes(const Model *m, size_t T) {
  return tw_model_state_floats(m, 1) * sizeof(float) + 2 * tw_probe_steps(T) * sizeof(int32_t);
}

const float *tw_model_probe(Model *m, CellPass *pass, const int32_t *tokens, size_t T,
                            void *scratch) {
  size_t Tp = tw_probe_steps(T), t, nstate = tw_model_state_floats(m, 1);
  int32_t *inputs, *targets;
  pass->state = (float *)scratch;
  memset(pass->state, 0, nstate * sizeof(float));   /* a reset state */
  inputs = (int32_t *)(void *)(pass->state + nstate);
  targets = inputs + Tp;
  for (t = 0; t < Tp; t++) {
    inputs[t] = t < T ? tokens[t] : TW_TOKEN_EOS;
    targets[t] = t < T ? tokens[t + 1] : TW_IGNORE;
  }
  pass->B = 1;
  pass->T = Tp;
  pass->inputs = inputs;
  pass->targets = targets;
  tw_model_pass(m, PASS_EVAL, pass, 0);
  return pass->probs;
}

/* ===== history ===== */

size_t tw_history_capacity(const TrainingRecord *r, size_t need) {
  size_t cap;
  if (need <= r->history_cap) return 0;
  cap = r->history_cap ? r->history_cap * 2 : 64;
  while (cap < need) cap *= 2;
  return cap;
}

void tw_history_add(TrainingRecord *r, uint64_t step, float train, float valid) {
  r->history[r->nhistory].step = step;
  r->history[r->nhistory].train = train;
  r->history[r->nhistory].valid = valid;
  r->nhistory++;
}
