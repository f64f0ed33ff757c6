/*
 * modelfile.c: encoder and decoder of the model file, little-endian, with a CRC-32 (IEEE)
 * over the payload. Pure C. The layout is documented in docs/model-format.md; every length
 * in a file is checked against the configuration before anything is read through it.
 *
 * The sections are one table (SECTIONS): each entry sizes, writes and checks its own body,
 * and the encoder and the decoder walk the table in order.
 */
#include "modelfile.h"

#include "remember.h"
#include "text.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

static const uint8_t MAGIC[8] = {0x89, 'T', 'W', 'M', '\r', '\n', 0x1A, '\n'};

/* ===== little-endian helpers ===== */

static void put_u32(uint8_t *p, uint32_t x) {
  p[0] = (uint8_t)x;
  p[1] = (uint8_t)(x >> 8);
  p[2] = (uint8_t)(x >> 16);
  p[3] = (uint8_t)(x >> 24);
}

static void put_u64(uint8_t *p, uint64_t x) {
  put_u32(p, (uint32_t)x);
  put_u32(p + 4, (uint32_t)(x >> 32));
}

static void put_f32(uint8_t *p, float f) {
  uint32_t x;
  memcpy(&x, &f, 4);
  put_u32(p, x);
}

static uint32_t get_u32(const uint8_t *p) {
  return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static uint64_t get_u64(const uint8_t *p) {
  return (uint64_t)get_u32(p) | (uint64_t)get_u32(p + 4) << 32;
}

static float get_f32(const uint8_t *p) {
  uint32_t x = get_u32(p);
  float f;
  memcpy(&f, &x, 4);
  return f;
}

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

uint32_t tw_crc32(const uint8_t *p, size_t n) {
  uint32_t table[256], crc = 0xFFFFFFFFu;
  uint32_t i;
  size_t k;
  for (i = 0; i < 256; i++) {
    uint32_t c = i;
    int j;
    for (j = 0; j < 8; j++) c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
    table[i] = c;
  }
  for (k = 0; k < n; k++) crc = table[(crc ^ p[k]) & 0xFF] ^ (crc >> 8);
  return crc ^ 0xFFFFFFFFu;
}

/* ===== sections ===== */

#define SECTION_HEAD 12u   /* tag (4) + length (8) */
#define MAX_HEAD 36u       /* the most of a body read before its size is checked */
#define CONF_SIZE 28u
#define CELL_NAME_MAX 16u
#define OPTM_HEAD 36u
#define STAT_SIZE 32u
#define STAT_SIZE_UNSHAPED 24u   /* files written before the batch shape was kept */
#define HIST_ENTRY 16u
#define SEEN_HEAD 8u
#define NGRM_HEAD 12u
#define VARINT_MAX 5u            /* bytes of a LEB128 number below 2^32 */

static int fail(char *err, size_t errlen, const char *msg) {
  snprintf(err, errlen, "%s", msg);
  return 0;
}

static uint8_t *put_floats(uint8_t *p, const float *x, size_t n) {
  size_t k;
  for (k = 0; k < n; k++, p += 4) put_f32(p, x[k]);
  return p;
}

/* One section: `size` gives its body's length in the file of m (0 leaves an optional section
 * out; NULL: the body is always `head` bytes), `put` writes the body, `check` reads the
 * first `head` bytes of a body of `len` bytes at offset `body` into the layout, checking the
 * length against what came before. */
typedef struct {
  char tag[5];
  uint32_t since;                        /* the first format version that has it */
  int optional;
  size_t head;
  size_t (*size)(const Model *m, int half);
  void (*put)(const Model *m, int half, uint8_t *p);
  int (*check)(ModelFileLayout *f, const uint8_t *head, uint64_t len, uint64_t body,
               char *err, size_t errlen);
} Section;

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
  if (len < 1 || len > CELL_NAME_MAX) return fail(err, errlen, "section CELL has the wrong size");
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
  put_u32(p, (uint32_t)m->cfg.V);
  put_u32(p + 4, (uint32_t)m->cfg.E);
  put_u32(p + 8, (uint32_t)m->cfg.H);
  put_u32(p + 12, (uint32_t)m->cfg.L);
  put_f32(p + 16, m->dropout);
  put_u64(p + 20, m->seed);
}

static int conf_check(ModelFileLayout *f, const uint8_t *b, uint64_t len, uint64_t body,
                      char *err, size_t errlen) {
  Model *m = &f->model;
  (void)body;
  if (len != CONF_SIZE) return fail(err, errlen, "section CONF has the wrong size");
  m->cfg.V = get_u32(b);
  m->cfg.E = get_u32(b + 4);
  m->cfg.H = get_u32(b + 8);
  m->cfg.L = get_u32(b + 12);
  m->dropout = get_f32(b + 16);
  m->seed = get_u64(b + 20);
  if (!tw_model_config_ok(m->cell, &m->cfg, err, errlen)) return 0;
  if (!(m->dropout >= 0.0f && m->dropout < 1.0f))
    return fail(err, errlen, "dropout in the file is outside [0, 1)");
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
    return fail(err, errlen, "the vocabulary does not match the configuration");
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
  put_u32(p, half ? 1u : 0u);
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
  if (len < 4 || get_u32(b) > 1) return fail(err, errlen, "unknown weight storage type");
  f->half = (int)get_u32(b);
  if (len != wght_size(&f->model, f->half))
    return fail(err, errlen, "section WGHT does not match the configuration");
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
  put_u32(p, (uint32_t)m->opt.kind);
  put_f32(p + 4, m->opt.lr);
  put_f32(p + 8, m->opt.beta1);
  put_f32(p + 12, m->opt.beta2);
  put_f32(p + 16, m->opt.eps);
  put_f32(p + 20, m->opt.alpha);
  put_f32(p + 24, m->opt.clip);
  put_u64(p + 28, m->opt_steps);
  put_floats(put_floats(p + OPTM_HEAD, m->m, m->lay.total), m->v, m->lay.total);
}

static int optm_check(ModelFileLayout *f, const uint8_t *b, uint64_t len, uint64_t body,
                      char *err, size_t errlen) {
  OptimizerConfig *o = &f->model.opt;
  const char *problem;
  if (len != OPTM_HEAD + 8 * (uint64_t)f->model.lay.total)
    return fail(err, errlen, "section OPTM does not match the configuration");
  if (get_u32(b) > TW_OPT_RMSPROP) return fail(err, errlen, "unknown optimizer");
  o->kind = (OptimizerKind)get_u32(b);
  o->lr = get_f32(b + 4);
  o->beta1 = get_f32(b + 8);
  o->beta2 = get_f32(b + 12);
  o->eps = get_f32(b + 16);
  o->alpha = get_f32(b + 20);
  o->clip = get_f32(b + 24);
  f->model.opt_steps = get_u64(b + 28);
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
  put_u64(p, m->record.steps);
  put_u64(p + 8, m->record.cursor);
  put_u64(p + 16, m->rng);
  put_u32(p + 24, (uint32_t)m->record.batch);
  put_u32(p + 28, (uint32_t)m->record.seq);
}

static int stat_check(ModelFileLayout *f, const uint8_t *b, uint64_t len, uint64_t body,
                      char *err, size_t errlen) {
  TrainingRecord *r = &f->model.record;
  (void)body;
  if (len != STAT_SIZE && len != STAT_SIZE_UNSHAPED)
    return fail(err, errlen, "section STAT has the wrong size");
  r->steps = get_u64(b);
  r->cursor = get_u64(b + 8);
  f->model.rng = get_u64(b + 16);
  if (r->steps > TW_MAX_STEPS) return too_many(err, errlen, "STAT", "a step count");
  if (r->cursor > TW_MAX_STEPS) return too_many(err, errlen, "STAT", "a data cursor");
  if (len == STAT_SIZE) {
    r->batch = get_u32(b + 24);
    r->seq = get_u32(b + 28);
    if (r->batch > 65536 || r->seq > 65536 || (!r->batch != !r->seq))
      return fail(err, errlen, "section STAT holds an impossible batch shape");
  }
  return 1;
}

/* CARY (optional): u32 B, then the carried state (S*L,B,H) */
static size_t cary_size(const Model *m, int half) {
  return m->carry && !half ? 4 + 4 * tw_model_state_floats(m, m->carry_B) : 0;
}

static void cary_put(const Model *m, int half, uint8_t *p) {
  (void)half;
  put_u32(p, (uint32_t)m->carry_B);
  put_floats(p + 4, m->carry, tw_model_state_floats(m, m->carry_B));
}

static int cary_check(ModelFileLayout *f, const uint8_t *b, uint64_t len, uint64_t body,
                      char *err, size_t errlen) {
  if (len < 4) return fail(err, errlen, "section CARY is too short");
  f->model.carry_B = get_u32(b);
  if (f->model.carry_B == 0 || f->model.carry_B > 65536 ||
      len != 4 + 4 * (uint64_t)tw_model_state_floats(&f->model, f->model.carry_B))
    return fail(err, errlen, "section CARY does not match the configuration");
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
  put_u32(p, (uint32_t)r->nhistory);
  for (p += 4, k = 0; k < r->nhistory; k++, p += HIST_ENTRY) {
    put_u64(p, r->history[k].step);
    put_f32(p + 8, r->history[k].train);
    put_f32(p + 12, r->history[k].valid);
  }
}

static int hist_check(ModelFileLayout *f, const uint8_t *b, uint64_t len, uint64_t body,
                      char *err, size_t errlen) {
  if (len < 4 || len != 4 + HIST_ENTRY * (uint64_t)get_u32(b))
    return fail(err, errlen, "section HIST has the wrong size");
  if (get_u32(b) > TW_MAX_HISTORY)
    return fail(err, errlen, "section HIST holds more than 2^24 entries, more than a history "
                             "holds");
  f->model.record.nhistory = get_u32(b);
  f->history_off = body + 4;
  return 1;
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
  put_u32(p, TW_REMEMBER_WINDOW);
  put_u32(p + 4, (uint32_t)m->nseen);
  for (p += SEEN_HEAD, k = 0; k < m->nseen; prev = m->seen[k++]) {
    uint32_t x = m->seen[k] - prev;
    for (; x >= 0x80; x >>= 7) *p++ = (uint8_t)(x | 0x80);
    *p++ = (uint8_t)x;
  }
}

static int seen_check(ModelFileLayout *f, const uint8_t *b, uint64_t len, uint64_t body,
                      char *err, size_t errlen) {
  uint32_t n;
  if (len < SEEN_HEAD) return fail(err, errlen, "section SEEN is too short");
  if (get_u32(b) != TW_REMEMBER_WINDOW) {
    snprintf(err, errlen, "section SEEN holds windows of %lu characters; this tweeter's copy "
             "guard takes %u", (unsigned long)get_u32(b), TW_REMEMBER_WINDOW);
    return 0;
  }
  n = get_u32(b + 4);
  if (n > TW_REMEMBER_MAX) {
    snprintf(err, errlen, "section SEEN holds %lu hashes, more than the copy guard's %lu",
             (unsigned long)n, (unsigned long)TW_REMEMBER_MAX);
    return 0;
  }
  /* each hash takes 1 to VARINT_MAX bytes */
  if (len - SEEN_HEAD < n || len - SEEN_HEAD > VARINT_MAX * (uint64_t)n)
    return fail(err, errlen, "section SEEN's length does not match its count of hashes");
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
  put_u32(p, (uint32_t)m->ngram_order);
  put_f32(p + 4, m->ngram_weight);
  put_u32(p + 8, (uint32_t)m->nngram);
  for (p += NGRM_HEAD, k = 0; k < m->nngram; k++) {
    uint32_t x = (uint32_t)m->ngram_tokens[k];
    for (; x >= 0x80; x >>= 7) *p++ = (uint8_t)(x | 0x80);
    *p++ = (uint8_t)x;
  }
}

static int ngrm_check(ModelFileLayout *f, const uint8_t *b, uint64_t len, uint64_t body,
                      char *err, size_t errlen) {
  uint32_t order, n;
  float weight;
  if (len < NGRM_HEAD) return fail(err, errlen, "section NGRM is too short");
  order = get_u32(b);
  weight = get_f32(b + 4);
  n = get_u32(b + 8);
  if (order < 1 || order > TW_NGRAM_MAX_ORDER)
    return fail(err, errlen, "section NGRM's order is not 1 to 8");
  if (!(weight >= 0 && weight <= 1))
    return fail(err, errlen, "section NGRM's weight is not between 0 and 1");
  if (n < 2 || n > TW_NGRAM_MAX_TOKENS)
    return fail(err, errlen, "section NGRM holds too few or too many tokens");
  if (len - NGRM_HEAD < n || len - NGRM_HEAD > VARINT_MAX * (uint64_t)n)
    return fail(err, errlen, "section NGRM's length does not match its count of tokens");
  f->model.ngram_order = (int)order;
  f->model.ngram_weight = weight;
  f->model.nngram = n;
  f->ngram_off = body + NGRM_HEAD;
  f->ngram_len = len - NGRM_HEAD;
  return 1;
}

static const Section SECTIONS[] = {
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
#define NSECTIONS (sizeof SECTIONS / sizeof SECTIONS[0])

/* ===== encode ===== */

static size_t body_size(const Section *s, const Model *m, int half) {
  return s->size ? s->size(m, half) : s->head;
}

size_t tw_file_size(const Model *m, int half) {
  size_t n = TW_FILE_HEADER + SECTION_HEAD, k, len;   /* END! */
  for (k = 0; k < NSECTIONS; k++)
    if ((len = body_size(&SECTIONS[k], m, half)) > 0 || !SECTIONS[k].optional)
      n += SECTION_HEAD + len;
  return n;
}

static uint8_t *section(uint8_t *p, const char *tag, size_t len) {
  memcpy(p, tag, 4);
  put_u64(p + 4, len);
  return p + SECTION_HEAD;
}

void tw_file_encode(const Model *m, int half, uint8_t *out) {
  size_t total = tw_file_size(m, half), k, len;
  uint8_t *p = out + TW_FILE_HEADER;
  for (k = 0; k < NSECTIONS; k++)
    if ((len = body_size(&SECTIONS[k], m, half)) > 0 || !SECTIONS[k].optional) {
      p = section(p, SECTIONS[k].tag, len);
      SECTIONS[k].put(m, half, p);
      p += len;
    }
  section(p, "END!", 0);
  memcpy(out, MAGIC, 8);
  put_u32(out + 8, TW_FILE_VERSION);
  put_u32(out + 12, tw_crc32(out + TW_FILE_HEADER, total - TW_FILE_HEADER));
  put_u64(out + 16, (uint64_t)(total - TW_FILE_HEADER));
}

/* ===== decode ===== */

/* The sections are walked through a reader, so that the same checks serve a file in memory
 * (tw_file_decode) and one still on disk (tw_file_layout, which reads only the section heads
 * and the few fields their sizes are checked against, before anything is allocated). */
typedef struct {
  TwReadAt read;
  void *ctx;
  uint64_t p, end;   /* offsets into the file */
  char *err;
  size_t errlen;
} Cursor;

static int read_at(Cursor *cur, uint64_t off, uint8_t *dst, size_t n) {
  if (n > cur->end || off > cur->end - n) return fail(cur->err, cur->errlen, "truncated file");
  if (!cur->read(cur->ctx, off, dst, n)) return fail(cur->err, cur->errlen, "read error");
  return 1;
}

/* Opens the next section, which must carry `tag`. Returns the body's offset (> 0) or 0 with
 * a message. The first `want` bytes of the body (at most MAX_HEAD) are read into `head`. */
static uint64_t open_section(Cursor *cur, const char *tag, uint64_t *len, uint8_t *head,
                             size_t want) {
  uint8_t sh[SECTION_HEAD];
  uint64_t body;
  if (cur->end - cur->p < SECTION_HEAD) {
    snprintf(cur->err, cur->errlen, "truncated before section %s", tag);
    return 0;
  }
  if (!read_at(cur, cur->p, sh, SECTION_HEAD)) return 0;
  if (memcmp(sh, tag, 4) != 0) {
    snprintf(cur->err, cur->errlen, "expected section %s, found '%.4s'", tag,
             (const char *)sh);
    return 0;
  }
  *len = get_u64(sh + 4);
  body = cur->p + SECTION_HEAD;
  if (*len > cur->end - body) {
    snprintf(cur->err, cur->errlen, "section %s is truncated", tag);
    return 0;
  }
  if (want > *len) want = (size_t)*len;
  if (want && !read_at(cur, body, head, want)) return 0;
  cur->p = body + *len;
  return body;
}

static int peek(Cursor *cur, const char *tag) {
  uint8_t t[4];
  return cur->end - cur->p >= 4 && cur->read(cur->ctx, cur->p, t, 4) && memcmp(t, tag, 4) == 0;
}

int tw_file_check_header(const uint8_t *head, size_t n, uint64_t size, char *err,
                         size_t errlen) {
  uint32_t version;
  uint64_t payload;
  if (size == 0) return fail(err, errlen, "empty file");
  if (n < 8 || size < 8 || memcmp(head, MAGIC, 8) != 0)
    return fail(err, errlen, "not a tweeter model file (bad magic number)");
  if (n < TW_FILE_HEADER || size < TW_FILE_HEADER) return fail(err, errlen, "truncated header");
  version = get_u32(head + 8);
  if (version > TW_FILE_VERSION) {
    snprintf(err, errlen,
             "model file format version %u is newer than this tweeter reads (%u): upgrade "
             "tweeter", version, TW_FILE_VERSION);
    return 0;
  }
  if (version == 0) return fail(err, errlen, "invalid model file format version 0");
  payload = get_u64(head + 16);
  if (payload > size - TW_FILE_HEADER) {
    snprintf(err, errlen, "truncated file: %llu of %llu payload bytes present",
             (unsigned long long)(size - TW_FILE_HEADER), (unsigned long long)payload);
    return 0;
  }
  if (payload < size - TW_FILE_HEADER)
    return fail(err, errlen, "unexpected bytes after the end of the model");
  return 1;
}

int tw_file_layout(TwReadAt read, void *ctx, uint64_t size, ModelFileLayout *out, char *err,
                   size_t errlen) {
  Cursor cur;
  uint8_t b[MAX_HEAD];
  uint64_t len, off;
  size_t k;

  memset(out, 0, sizeof *out);
  out->model.cell = tw_cells[0];   /* version 1 files hold no CELL: the LSTM */
  cur.read = read;
  cur.ctx = ctx;
  cur.p = TW_FILE_HEADER;
  cur.end = size;
  cur.err = err;
  cur.errlen = errlen;
  if (size < TW_FILE_HEADER) return fail(err, errlen, "truncated header");
  if (!read_at(&cur, 0, b, TW_FILE_HEADER)) return 0;
  if (!tw_file_check_header(b, TW_FILE_HEADER, size, err, errlen)) return 0;
  out->version = get_u32(b + 8);

  for (k = 0; k < NSECTIONS; k++) {
    const Section *s = &SECTIONS[k];
    if (s->since > out->version || (s->optional && !peek(&cur, s->tag))) continue;
    if (!(off = open_section(&cur, s->tag, &len, b, s->head))) return 0;
    if (!s->check(out, b, len, off, err, errlen)) return 0;
  }
  if (!open_section(&cur, "END!", &len, b, 0)) return 0;
  if (len != 0 || cur.p != cur.end) return fail(err, errlen, "unexpected data after END!");
  return 1;
}

typedef struct {
  const uint8_t *bytes;
} MemorySource;

static int read_memory(void *ctx, uint64_t off, uint8_t *dst, size_t n) {
  memcpy(dst, ((const MemorySource *)ctx)->bytes + off, n);
  return 1;
}

int tw_file_decode(const uint8_t *bytes, size_t n, ModelFileLayout *out, char *err,
                   size_t errlen) {
  MemorySource src;
  memset(out, 0, sizeof *out);
  if (!tw_file_check_header(bytes, n, n, err, errlen)) return 0;
  if (tw_crc32(bytes + TW_FILE_HEADER, n - TW_FILE_HEADER) != get_u32(bytes + 12))
    return fail(err, errlen, "checksum mismatch: the file is corrupted");
  src.bytes = bytes;
  return tw_file_layout(read_memory, &src, n, out, err, errlen);
}

/* ===== load ===== */

static void get_floats(float *dst, const uint8_t *src, size_t n, int half) {
  size_t k;
  if (half)
    for (k = 0; k < n; k++) dst[k] = f16_to_f32((uint16_t)(src[2 * k] | src[2 * k + 1] << 8));
  else
    for (k = 0; k < n; k++) dst[k] = get_f32(src + 4 * k);
}

/* The copy guard's n hashes from their varints (len bytes at p): strictly ascending (every
 * delta after the first > 0), below 2^32, and exactly filling the bytes. */
static int get_seen(uint32_t *seen, size_t n, const uint8_t *p, uint64_t len, char *err,
                    size_t errlen) {
  uint64_t pos = 0, prev = 0;
  size_t k;
  for (k = 0; k < n; k++) {
    uint64_t delta = 0;
    unsigned shift = 0;
    uint8_t byte;
    do {
      if (pos == len) return fail(err, errlen, "section SEEN ends before its last hash");
      if (shift == 7 * VARINT_MAX)
        return fail(err, errlen, "section SEEN holds a hash past 2^32-1");
      byte = p[pos++];
      delta |= (uint64_t)(byte & 0x7F) << shift;
      shift += 7;
    } while (byte & 0x80);
    if (k > 0 && delta == 0)
      return fail(err, errlen, "section SEEN lists a hash twice (a delta of 0)");
    if (delta > UINT32_MAX - prev)
      return fail(err, errlen, "section SEEN holds a hash past 2^32-1");
    prev += delta;
    seen[k] = (uint32_t)prev;
  }
  if (pos != len) return fail(err, errlen, "section SEEN has bytes after its last hash");
  return 1;
}

/* The phrasing cache's n tokens from their varints (len bytes at p): each below V, the stream
 * starting and ending with end-of-post, exactly filling the bytes. */
static int get_ngram(int32_t *tokens, size_t n, size_t V, const uint8_t *p, uint64_t len,
                     char *err, size_t errlen) {
  uint64_t pos = 0;
  size_t k;
  for (k = 0; k < n; k++) {
    uint64_t x = 0;
    unsigned shift = 0;
    uint8_t byte;
    do {
      if (pos == len || shift == 7 * VARINT_MAX)
        return fail(err, errlen, "section NGRM ends before its last token");
      byte = p[pos++];
      x |= (uint64_t)(byte & 0x7F) << shift;
      shift += 7;
    } while (byte & 0x80);
    if (x >= V) return fail(err, errlen, "section NGRM holds a token outside the vocabulary");
    tokens[k] = (int32_t)x;
  }
  if (pos != len) return fail(err, errlen, "section NGRM has bytes after its last token");
  if (tokens[0] != TW_TOKEN_EOS || tokens[n - 1] != TW_TOKEN_EOS)
    return fail(err, errlen, "section NGRM's posts do not start and end with an end-of-post");
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
    return fail(err, errlen, "the vocabulary does not match the configuration");
  if (!tw_model_index_vocab(m)) return fail(err, errlen, "the vocabulary lists a character twice");
  get_floats(m->params, bytes + lay->weights_off, n, lay->half);
  if (!tw_all_finite(m->params, n)) return fail(err, errlen, "non-finite weights");
  if (lay->moments_off) {
    get_floats(m->m, bytes + lay->moments_off, n, 0);
    get_floats(m->v, bytes + lay->moments_off + 4 * n, n, 0);
    if (!tw_all_finite(m->m, n) || !tw_all_finite(m->v, n))
      return fail(err, errlen, "non-finite optimizer state");
  } else {
    m->opt_steps = 0;
    if (!(m->opt.lr > 0)) tw_optimizer_defaults(&m->opt);
  }
  if (lay->carry_off) {
    size_t nstate = tw_model_state_floats(m, m->carry_B);
    get_floats(m->carry, bytes + lay->carry_off, nstate, 0);
    if (!tw_all_finite(m->carry, nstate)) return fail(err, errlen, "non-finite recurrent state");
  }
  if (!m->rng) m->rng = tw_rng_seed(m->seed);
  for (h = bytes + lay->history_off, k = 0; k < m->record.nhistory; k++, h += HIST_ENTRY) {
    if (get_u64(h) > TW_MAX_STEPS) return too_many(err, errlen, "HIST", "a step");
    m->record.history[k].step = get_u64(h);
    m->record.history[k].train = get_f32(h + 8);
    m->record.history[k].valid = get_f32(h + 12);
  }
  if (lay->seen_off &&
      !get_seen(m->seen, m->nseen, bytes + lay->seen_off, lay->seen_len, err, errlen))
    return 0;
  return !lay->ngram_off || get_ngram(m->ngram_tokens, m->nngram, m->cfg.V,
                                      bytes + lay->ngram_off, lay->ngram_len, err, errlen);
}
