/*
 * modelsections.c: the model file's sections (docs/model-format.md), one entry each in
 * tw_sections: how long its body is, how it is written, how its head is checked; and
 * tw_file_load, which reads the arrays the bodies hold. Pure C.
 */
#include "modelsections.h"

#include "remember.h"
#include "text.h"

#include <math.h>

#define CONF_SIZE 28u
#define CELL_NAME_MAX 16u
#define OPTM_HEAD 36u
#define STAT_SIZE 32u
#define STAT_SIZE_UNSHAPED 24u   /* a STAT without the batch shape, read too */
#define HIST_ENTRY 16u
#define SEEN_HEAD 8u
#define NGRM_HEAD 12u
#define VARINT_MAX 5u            /* bytes of a LEB128 number below 2^32 */

/* IEEE 754 binary16, round to nearest even; overflow becomes infinity. */
static uint16_t f32_to_f16(float f) {
  uint32_t x, sign, mant;
  int exp;
  memcpy(&x, &f, 4);
  sign = (x >> 16) & 0x8000u;
  exp = (int)((x >> 23) & 0xFF) - 127 + 15;
  mant = x & 0x7FFFFFu;
  if (((x >> 23) & 0xFF) == 0xFF) return (uint16_t)(sign | 0x7C00u | (mant ? 0x200u : 0));
  if (exp >= 31) return (uint16_t)(sign | 0x7C00u);
  if (exp <= 0) {
    uint32_t shift, half, r;
    if (exp < -10) return (uint16_t)sign;
    mant |= 0x800000u;
    shift = (uint32_t)(14 - exp);
    half = 1u << (shift - 1);
    r = mant >> shift;
    if ((mant & ((1u << shift) - 1)) > half || ((mant & ((1u << shift) - 1)) == half && (r & 1)))
      r++;
    return (uint16_t)(sign | r);
  }
  {
    uint32_t r = (uint32_t)exp << 10 | (mant >> 13);
    uint32_t rest = mant & 0x1FFFu;
    if (rest > 0x1000u || (rest == 0x1000u && (r & 1))) r++;   /* may carry into exp: fine */
    return (uint16_t)(sign | r);
  }
}

static float f16_to_f32(uint16_t h) {
  uint32_t sign = (uint32_t)(h & 0x8000u) << 16, exp = (h >> 10) & 0x1F, mant = h & 0x3FFu;
  uint32_t x;
  float f;
  if (exp == 0) {
    f = ldexpf((float)mant, -24);
    return sign ? -f : f;
  }
  if (exp == 31) x = sign | 0x7F800000u | (mant << 13);
  else x = sign | ((exp - 15 + 127) << 23) | (mant << 13);
  memcpy(&f, &x, 4);
  return f;
}

static void put_f32(uint8_t *p, float f) {
  uint32_t x;
  memcpy(&x, &f, 4);
  tw_put_u32(p, x);
}

static float get_f32(const uint8_t *p) {
  uint32_t x = tw_get_u32(p);
  float f;
  memcpy(&f, &x, 4);
  return f;
}

static uint8_t *put_floats(uint8_t *p, const float *x, size_t n) {
  size_t k;
  for (k = 0; k < n; k++, p += 4) put_f32(p, x[k]);
  return p;
}

/* CELL: the cell's name, ASCII */
static size_t cell_size(const Model *m, int half) {
  (void)half;
  return strlen(m->cell->name);
}

static void cell_put(const Model *m, int half, uint8_t *p) {
  (void)half;
  memcpy(p, m->cell->name, strlen(m->cell->name));
}

static int cell_check(ModelFileLayout *f, const uint8_t *head, uint64_t len, uint64_t body,
                      char *err, size_t errlen) {
  char name[CELL_NAME_MAX + 1];
  size_t k;
  (void)body;
  if (len < 1 || len > CELL_NAME_MAX)
    return tw_fail(err, errlen, "section CELL has the wrong size");
  f->model.cell = tw_cell_named((const char *)head, (size_t)len);
  if (f->model.cell) return 1;
  for (k = 0; k < len; k++) name[k] = head[k] >= 0x20 && head[k] < 0x7F ? (char)head[k] : '?';
  name[len] = '\0';
  snprintf(err, errlen, "unknown cell type '%s': upgrade tweeter", name);
  return 0;
}

/* CONF: V, E, H, L, dropout, seed */
static void conf_put(const Model *m, int half, uint8_t *p) {
  (void)half;
  tw_put_u32(p, (uint32_t)m->cfg.V);
  tw_put_u32(p + 4, (uint32_t)m->cfg.E);
  tw_put_u32(p + 8, (uint32_t)m->cfg.H);
  tw_put_u32(p + 12, (uint32_t)m->cfg.L);
  put_f32(p + 16, m->dropout);
  tw_put_u64(p + 20, m->seed);
}

static int conf_check(ModelFileLayout *f, const uint8_t *b, uint64_t len, uint64_t body,
                      char *err, size_t errlen) {
  Model *m = &f->model;
  (void)body;
  if (len != CONF_SIZE) return tw_fail(err, errlen, "section CONF has the wrong size");
  m->cfg.V = tw_get_u32(b);
  m->cfg.E = tw_get_u32(b + 4);
  m->cfg.H = tw_get_u32(b + 8);
  m->cfg.L = tw_get_u32(b + 12);
  m->dropout = get_f32(b + 16);
  m->seed = tw_get_u64(b + 20);
  if (!tw_model_config_ok(m->cell, &m->cfg, err, errlen)) return 0;
  if (!(m->dropout >= 0.0f && m->dropout < 1.0f))
    return tw_fail(err, errlen, "dropout in the file is outside [0, 1)");
  tw_model_layout(m->cell, &m->cfg, &m->lay);
  return 1;
}

/* VOCB: the characters of tokens 2 .. V-1, UTF-8 */
static size_t vocb_size(const Model *m, int half) {
  size_t k, n = 0;
  char buf[4];
  (void)half;
  for (k = 2; k < m->cfg.V; k++) n += tw_utf8_put(m->chars[k], buf);
  return n;
}

static void vocb_put(const Model *m, int half, uint8_t *p) {
  size_t k;
  (void)half;
  for (k = 2; k < m->cfg.V; k++) p += tw_utf8_put(m->chars[k], (char *)p);
}

static int vocb_check(ModelFileLayout *f, const uint8_t *b, uint64_t len, uint64_t body,
                      char *err, size_t errlen) {
  size_t n = f->model.cfg.V - 2;
  (void)b;
  /* n characters of 1 to 4 bytes each; the characters themselves are checked by
   * tw_file_load while decoding them */
  if (len < n || len > 4 * (uint64_t)n)
    return tw_fail(err, errlen, "the vocabulary does not match the configuration");
  f->chars_off = body;
  f->chars_len = len;
  return 1;
}

/* WGHT: u32 storage (0 f32, 1 f16), then the slab */
static size_t wght_size(const Model *m, int half) {
  return 4 + m->lay.total * (half ? 2 : 4);
}

static void wght_put(const Model *m, int half, uint8_t *p) {
  size_t k;
  tw_put_u32(p, half ? 1u : 0u);
  p += 4;
  if (!half) {
    put_floats(p, m->params, m->lay.total);
    return;
  }
  for (k = 0; k < m->lay.total; k++, p += 2) {
    uint16_t h = f32_to_f16(m->params[k]);
    p[0] = (uint8_t)h;
    p[1] = (uint8_t)(h >> 8);
  }
}

static int wght_check(ModelFileLayout *f, const uint8_t *b, uint64_t len, uint64_t body,
                      char *err, size_t errlen) {
  if (len < 4 || tw_get_u32(b) > 1) return tw_fail(err, errlen, "unknown weight storage type");
  f->half = (int)tw_get_u32(b);
  if (len != wght_size(&f->model, f->half))
    return tw_fail(err, errlen, "section WGHT does not match the configuration");
  f->weights_off = body + 4;
  return 1;
}

/* A count past what a run can reach (TW_MAX_STEPS), named in the message. */
static int too_many(char *err, size_t errlen, const char *section, const char *what) {
  snprintf(err, errlen, "section %s holds %s past 2^40, more than training reaches", section,
           what);
  return 0;
}

/* OPTM (optional): the optimizer, its settings and step count, then both moments */
static size_t optm_size(const Model *m, int half) {
  return m->m && !half ? OPTM_HEAD + 8 * m->lay.total : 0;
}

static void optm_put(const Model *m, int half, uint8_t *p) {
  (void)half;
  tw_put_u32(p, (uint32_t)m->opt.kind);
  put_f32(p + 4, m->opt.lr);
  put_f32(p + 8, m->opt.beta1);
  put_f32(p + 12, m->opt.beta2);
  put_f32(p + 16, m->opt.eps);
  put_f32(p + 20, m->opt.alpha);
  put_f32(p + 24, m->opt.clip);
  tw_put_u64(p + 28, m->opt_steps);
  put_floats(put_floats(p + OPTM_HEAD, m->m, m->lay.total), m->v, m->lay.total);
}

static int optm_check(ModelFileLayout *f, const uint8_t *b, uint64_t len, uint64_t body,
                      char *err, size_t errlen) {
  OptimizerConfig *o = &f->model.opt;
  const char *problem;
  if (len != OPTM_HEAD + 8 * (uint64_t)f->model.lay.total)
    return tw_fail(err, errlen, "section OPTM does not match the configuration");
  if (tw_get_u32(b) > TW_OPT_RMSPROP) return tw_fail(err, errlen, "unknown optimizer");
  o->kind = (OptimizerKind)tw_get_u32(b);
  o->lr = get_f32(b + 4);
  o->beta1 = get_f32(b + 8);
  o->beta2 = get_f32(b + 12);
  o->eps = get_f32(b + 16);
  o->alpha = get_f32(b + 20);
  o->clip = get_f32(b + 24);
  f->model.opt_steps = tw_get_u64(b + 28);
  if ((problem = tw_optimizer_problem(o)) != NULL) {
    snprintf(err, errlen, "section OPTM holds impossible optimizer settings: %s", problem);
    return 0;
  }
  if (f->model.opt_steps > TW_MAX_STEPS) return too_many(err, errlen, "OPTM", "optimizer steps");
  f->moments_off = body + OPTM_HEAD;
  return 1;
}

/* STAT: the training record's counters and the RNG */
static void stat_put(const Model *m, int half, uint8_t *p) {
  (void)half;
  tw_put_u64(p, m->record.steps);
  tw_put_u64(p + 8, m->record.cursor);
  tw_put_u64(p + 16, m->rng);
  tw_put_u32(p + 24, (uint32_t)m->record.batch);
  tw_put_u32(p + 28, (uint32_t)m->record.seq);
}

static int stat_check(ModelFileLayout *f, const uint8_t *b, uint64_t len, uint64_t body,
                      char *err, size_t errlen) {
  TrainingRecord *r = &f->model.record;
  (void)body;
  if (len != STAT_SIZE && len != STAT_SIZE_UNSHAPED)
    return tw_fail(err, errlen, "section STAT has the wrong size");
  r->steps = tw_get_u64(b);
  r->cursor = tw_get_u64(b + 8);
  f->model.rng = tw_get_u64(b + 16);
  if (r->steps > TW_MAX_STEPS) return too_many(err, errlen, "STAT", "a step count");
  if (r->cursor > TW_MAX_STEPS) return too_many(err, errlen, "STAT", "a data cursor");
  if (len == STAT_SIZE) {
    r->batch = tw_get_u32(b + 24);
    r->seq = tw_get_u32(b + 28);
    if (r->batch > 65536 || r->seq > 65536 || (!r->batch != !r->seq))
      return tw_fail(err, errlen, "section STAT holds an impossible batch shape");
  }
  return 1;
}

/* CARY (optional): u32 B, then the carried state (S*L,B,H) */
static size_t cary_size(const Model *m, int half) {
  return m->carry && !half ? 4 + 4 * tw_model_state_floats(m, m->carry_B) : 0;
}

static void cary_put(const Model *m, int half, uint8_t *p) {
  (void)half;
  tw_put_u32(p, (uint32_t)m->carry_B);
  put_floats(p + 4, m->carry, tw_model_state_floats(m, m->carry_B));
}

static int cary_check(ModelFileLayout *f, const uint8_t *b, uint64_t len, uint64_t body,
                      char *err, size_t errlen) {
  if (len < 4) return tw_fail(err, errlen, "section CARY is too short");
  f->model.carry_B = tw_get_u32(b);
  if (f->model.carry_B == 0 || f->model.carry_B > 65536 ||
      len != 4 + 4 * (uint64_t)tw_model_state_floats(&f->model, f->model.carry_B))
    return tw_fail(err, errlen, "section CARY does not match the configuration");
  f->carry_off = body + 4;
  return 1;
}

/* HIST: u32 n, then n entries (u64 step, f32 training loss, f32 validation loss) */
static size_t hist_size(const Model *m, int half) {
  (void)half;
  return 4 + HIST_ENTRY * m->record.nhistory;
}

static void hist_put(const Model *m, int half, uint8_t *p) {
  const TrainingRecord *r = &m->record;
  size_t k;
  (void)half;
  tw_put_u32(p, (uint32_t)r->nhistory);
  for (p += 4, k = 0; k < r->nhistory; k++, p += HIST_ENTRY) {
    tw_put_u64(p, r->history[k].step);
    put_f32(p + 8, r->history[k].train);
    put_f32(p + 12, r->history[k].valid);
  }
}

static int hist_check(ModelFileLayout *f, const uint8_t *b, uint64_t len, uint64_t body,
                      char *err, size_t errlen) {
  if (len < 4 || len != 4 + HIST_ENTRY * (uint64_t)tw_get_u32(b))
    return tw_fail(err, errlen, "section HIST has the wrong size");
  if (tw_get_u32(b) > TW_MAX_HISTORY)
    return tw_fail(err, errlen, "section HIST holds more than 2^24 entries, more than a history "
                             "holds");
  f->model.record.nhistory = tw_get_u32(b);
  f->history_off = body + 4;
  return 1;
}

static uint8_t *put_varint(uint8_t *p, uint32_t x) {
  for (; x >= 0x80; x >>= 7) *p++ = (uint8_t)(x | 0x80);
  *p++ = (uint8_t)x;
  return p;
}

/* SEEN (optional): u32 window, u32 n, then the copy guard's n hashes, ascending, as LEB128
 * deltas (the first from 0): a user's few hundred thousand hashes lie a few thousand apart,
 * so most take 2 or 3 bytes instead of 4 */
static size_t varint_size(uint32_t x) {
  size_t n = 1;
  for (; x >= 0x80; x >>= 7) n++;
  return n;
}

static size_t seen_size(const Model *m, int half) {
  size_t n = SEEN_HEAD, k;
  uint32_t prev = 0;
  (void)half;
  if (!m->nseen) return 0;
  for (k = 0; k < m->nseen; prev = m->seen[k++]) n += varint_size(m->seen[k] - prev);
  return n;
}

static void seen_put(const Model *m, int half, uint8_t *p) {
  size_t k;
  uint32_t prev = 0;
  (void)half;
  tw_put_u32(p, TW_REMEMBER_WINDOW);
  tw_put_u32(p + 4, (uint32_t)m->nseen);
  for (p += SEEN_HEAD, k = 0; k < m->nseen; prev = m->seen[k++]) p = put_varint(p, m->seen[k] - prev);
}

static int seen_check(ModelFileLayout *f, const uint8_t *b, uint64_t len, uint64_t body,
                      char *err, size_t errlen) {
  uint32_t n;
  if (len < SEEN_HEAD) return tw_fail(err, errlen, "section SEEN is too short");
  if (tw_get_u32(b) != TW_REMEMBER_WINDOW) {
    snprintf(err, errlen, "section SEEN holds windows of %lu characters; this tweeter's copy "
             "guard takes %u", (unsigned long)tw_get_u32(b), TW_REMEMBER_WINDOW);
    return 0;
  }
  n = tw_get_u32(b + 4);
  if (n > TW_REMEMBER_MAX) {
    snprintf(err, errlen, "section SEEN holds %lu hashes, more than the copy guard's %lu",
             (unsigned long)n, (unsigned long)TW_REMEMBER_MAX);
    return 0;
  }
  /* each hash takes 1 to VARINT_MAX bytes */
  if (len - SEEN_HEAD < n || len - SEEN_HEAD > VARINT_MAX * (uint64_t)n)
    return tw_fail(err, errlen, "section SEEN's length does not match its count of hashes");
  f->model.nseen = n;
  f->seen_off = body + SEEN_HEAD;
  f->seen_len = len - SEEN_HEAD;
  return 1;
}

/* NGRM (optional): u32 order, f32 weight, u32 n, then the phrasing cache's stream of n tokens
 * as LEB128 (posts between end-of-post tokens, ngram.h) */
static size_t ngrm_size(const Model *m, int half) {
  size_t n = NGRM_HEAD, k;
  (void)half;
  if (!m->nngram) return 0;
  for (k = 0; k < m->nngram; k++) n += varint_size((uint32_t)m->ngram_tokens[k]);
  return n;
}

static void ngrm_put(const Model *m, int half, uint8_t *p) {
  size_t k;
  (void)half;
  tw_put_u32(p, (uint32_t)m->ngram_order);
  put_f32(p + 4, m->ngram_weight);
  tw_put_u32(p + 8, (uint32_t)m->nngram);
  for (p += NGRM_HEAD, k = 0; k < m->nngram; k++) p = put_varint(p, (uint32_t)m->ngram_tokens[k]);
}

static int ngrm_check(ModelFileLayout *f, const uint8_t *b, uint64_t len, uint64_t body,
                      char *err, size_t errlen) {
  uint32_t order, n;
  float weight;
  if (len < NGRM_HEAD) return tw_fail(err, errlen, "section NGRM is too short");
  order = tw_get_u32(b);
  weight = get_f32(b + 4);
  n = tw_get_u32(b + 8);
  if (order < 1 || order > TW_NGRAM_MAX_ORDER)
    return tw_fail(err, errlen, "section NGRM's order is not 1 to 8");
  if (!(weight >= 0 && weight <= 1))
    return tw_fail(err, errlen, "section NGRM's weight is not between 0 and 1");
  if (n < 2 || n > TW_NGRAM_MAX_TOKENS)
    return tw_fail(err, errlen, "section NGRM holds too few or too many tokens");
  if (len - NGRM_HEAD < n || len - NGRM_HEAD > VARINT_MAX * (uint64_t)n)
    return tw_fail(err, errlen, "section NGRM's length does not match its count of tokens");
  f->model.ngram_order = (int)order;
  f->model.ngram_weight = weight;
  f->model.nngram = n;
  f->ngram_off = body + NGRM_HEAD;
  f->ngram_len = len - NGRM_HEAD;
  return 1;
}

const TwSection tw_sections[] = {
  {"CELL", 2, 0, CELL_NAME_MAX, cell_size, cell_put, cell_check},
  {"CONF", 1, 0, CONF_SIZE, NULL, conf_put, conf_check},
  {"VOCB", 1, 0, 0, vocb_size, vocb_put, vocb_check},
  {"WGHT", 1, 0, 4, wght_size, wght_put, wght_check},
  {"OPTM", 1, 1, OPTM_HEAD, optm_size, optm_put, optm_check},
  {"STAT", 1, 0, STAT_SIZE, NULL, stat_put, stat_check},
  {"CARY", 1, 1, 4, cary_size, cary_put, cary_check},
  {"HIST", 1, 0, 4, hist_size, hist_put, hist_check},
  {"SEEN", 3, 1, SEEN_HEAD, seen_size, seen_put, seen_check},
  {"NGRM", 4, 1, NGRM_HEAD, ngrm_size, ngrm_put, ngrm_check},
};
const size_t tw_nsections = sizeof tw_sections / sizeof tw_sections[0];

/* ===== load ===== */

static void get_floats(float *dst, const uint8_t *src, size_t n, int half) {
  size_t k;
  if (half)
    for (k = 0; k < n; k++) dst[k] = f16_to_f32((uint16_t)(src[2 * k] | src[2 * k + 1] << 8));
  else
    for (k = 0; k < n; k++) dst[k] = get_f32(src + 4 * k);
}

/* One LEB128 number at p[*pos] (len bytes in all) into *x: 1, 0 when the bytes end first, -1
 * when it runs past VARINT_MAX bytes. */
static int get_varint(const uint8_t *p, uint64_t len, uint64_t *pos, uint64_t *x) {
  unsigned shift = 0;
  uint8_t byte;
  *x = 0;
  do {
    if (*pos == len) return 0;
    if (shift == 7 * VARINT_MAX) return -1;
    byte = p[(*pos)++];
    *x |= (uint64_t)(byte & 0x7F) << shift;
    shift += 7;
  } while (byte & 0x80);
  return 1;
}

/* The copy guard's n hashes from their varints (len bytes at p): strictly ascending (every
 * delta after the first > 0), below 2^32, and exactly filling the bytes. */
static int get_seen(uint32_t *seen, size_t n, const uint8_t *p, uint64_t len, char *err,
                    size_t errlen) {
  uint64_t pos = 0, prev = 0, delta;
  size_t k;
  for (k = 0; k < n; k++) {
    int got = get_varint(p, len, &pos, &delta);
    if (got == 0) return tw_fail(err, errlen, "section SEEN ends before its last hash");
    if (got < 0) return tw_fail(err, errlen, "section SEEN holds a hash past 2^32-1");
    if (k > 0 && delta == 0)
      return tw_fail(err, errlen, "section SEEN lists a hash twice (a delta of 0)");
    if (delta > UINT32_MAX - prev)
      return tw_fail(err, errlen, "section SEEN holds a hash past 2^32-1");
    prev += delta;
    seen[k] = (uint32_t)prev;
  }
  if (pos != len) return tw_fail(err, errlen, "section SEEN has bytes after its last hash");
  return 1;
}

/* The phrasing cache's n tokens from their varints (len bytes at p): each below V, the stream
 * starting and ending with end-of-post, exactly filling the bytes. */
static int get_ngram(int32_t *tokens, size_t n, size_t V, const uint8_t *p, uint64_t len,
                     char *err, size_t errlen) {
  uint64_t pos = 0;
  size_t k;
  for (k = 0; k < n; k++) {
    uint64_t x;
    if (get_varint(p, len, &pos, &x) != 1)
      return tw_fail(err, errlen, "section NGRM ends before its last token");
    if (x >= V) return tw_fail(err, errlen, "section NGRM holds a token outside the vocabulary");
    tokens[k] = (int32_t)x;
  }
  if (pos != len) return tw_fail(err, errlen, "section NGRM has bytes after its last token");
  if (tokens[0] != TW_TOKEN_EOS || tokens[n - 1] != TW_TOKEN_EOS)
    return tw_fail(err, errlen, "section NGRM's posts do not start and end with an end-of-post");
  return 1;
}

int tw_file_load(const uint8_t *bytes, const ModelFileLayout *lay, Model *m, char *err,
                 size_t errlen) {
  const char *chars = (const char *)bytes + lay->chars_off;
  size_t pos = 0, invalid = 0, k = 2, n = m->lay.total;
  const uint8_t *h;
  /* the vocabulary: exactly V-2 distinct valid characters */
  m->chars[0] = m->chars[1] = 0;
  while (pos < lay->chars_len && k < m->cfg.V)
    m->chars[k++] = tw_utf8_next(chars, (size_t)lay->chars_len, &pos, &invalid);
  if (invalid || pos != lay->chars_len || k != m->cfg.V)
    return tw_fail(err, errlen, "the vocabulary does not match the configuration");
  if (!tw_model_index_vocab(m))
    return tw_fail(err, errlen, "the vocabulary lists a character twice");
  get_floats(m->params, bytes + lay->weights_off, n, lay->half);
  if (!tw_all_finite(m->params, n)) return tw_fail(err, errlen, "non-finite weights");
  if (lay->moments_off) {
    get_floats(m->m, bytes + lay->moments_off, n, 0);
    get_floats(m->v, bytes + lay->moments_off + 4 * n, n, 0);
    if (!tw_all_finite(m->m, n) || !tw_all_finite(m->v, n))
      return tw_fail(err, errlen, "non-finite optimizer state");
  } else {
    m->opt_steps = 0;
    if (!(m->opt.lr > 0)) tw_optimizer_defaults(&m->opt);
  }
  if (lay->carry_off) {
    size_t nstate = tw_model_state_floats(m, m->carry_B);
    get_floats(m->carry, bytes + lay->carry_off, nstate, 0);
    if (!tw_all_finite(m->carry, nstate)) return tw_fail(err, errlen, "non-finite recurrent state");
  }
  if (!m->rng) m->rng = tw_rng_seed(m->seed);
  for (h = bytes + lay->history_off, k = 0; k < m->record.nhistory; k++, h += HIST_ENTRY) {
    if (tw_get_u64(h) > TW_MAX_STEPS) return too_many(err, errlen, "HIST", "a step");
    m->record.history[k].step = tw_get_u64(h);
    m->record.history[k].train = get_f32(h + 8);
    m->record.history[k].valid = get_f32(h + 12);
  }
  if (lay->seen_off &&
      !get_seen(m->seen, m->nseen, bytes + lay->seen_off, lay->seen_len, err, errlen))
    return 0;
  return !lay->ngram_off || get_ngram(m->ngram_tokens, m->nngram, m->cfg.V,
                                      bytes + lay->ngram_off, lay->ngram_len, err, errlen);
}
