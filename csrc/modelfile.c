/*
 * modelfile.c: encoder and decoder of the model file, little-endian, with a CRC-32 (IEEE)
 * over the payload. Pure C. The layout is documented in docs/model-format.md; every length
 * in a file is checked against the configuration before anything is read through it.
 */
#include "modelfile.h"

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

/* ===== sizes ===== */

#define SECTION_HEAD 12u   /* tag (4) + length (8) */
#define CONF_SIZE 28u
#define OPTM_HEAD 36u
#define STAT_SIZE 32u
#define STAT_SIZE_UNSHAPED 24u   /* files written before the batch shape was kept */
#define HIST_ENTRY 16u

static size_t n_params(const LstmConfig *cfg) {
  LstmLayout lay;
  tw_lstm_layout(cfg, &lay);
  return lay.total;
}

static size_t chars_utf8_len(const ModelImage *img) {
  size_t k, n = 0;
  char buf[4];
  for (k = 0; k + 2 < img->cfg.V; k++) n += tw_utf8_put(img->chars[k], buf);
  return n;
}

static size_t weights_bytes(const LstmConfig *cfg, int half) {
  return 4 + n_params(cfg) * (half ? 2 : 4);
}

static size_t carry_floats(const ModelImage *img) {
  return img->cfg.L * img->carry_B * img->cfg.H;
}

size_t tw_file_size(const ModelImage *img) {
  size_t np = n_params(&img->cfg);
  size_t n = TW_FILE_HEADER;
  n += SECTION_HEAD + CONF_SIZE;
  n += SECTION_HEAD + chars_utf8_len(img);
  n += SECTION_HEAD + weights_bytes(&img->cfg, img->half);
  if (img->m && !img->half) n += SECTION_HEAD + OPTM_HEAD + 8 * np;
  n += SECTION_HEAD + STAT_SIZE;
  if (img->carry_B && !img->half) n += SECTION_HEAD + 4 + 8 * carry_floats(img);
  n += SECTION_HEAD + 4 + HIST_ENTRY * img->nhistory;
  n += SECTION_HEAD;   /* END! */
  return n;
}

/* ===== encode ===== */

static uint8_t *section(uint8_t *p, const char *tag, size_t len) {
  memcpy(p, tag, 4);
  put_u64(p + 4, len);
  return p + SECTION_HEAD;
}

static uint8_t *put_floats(uint8_t *p, const float *x, size_t n) {
  size_t k;
  for (k = 0; k < n; k++, p += 4) put_f32(p, x[k]);
  return p;
}

void tw_file_encode(const ModelImage *img, uint8_t *out) {
  const LstmConfig *c = &img->cfg;
  size_t np = n_params(c), total = tw_file_size(img), k, len;
  uint8_t *p = out + TW_FILE_HEADER;

  p = section(p, "CONF", CONF_SIZE);
  put_u32(p, (uint32_t)c->V);
  put_u32(p + 4, (uint32_t)c->E);
  put_u32(p + 8, (uint32_t)c->H);
  put_u32(p + 12, (uint32_t)c->L);
  put_f32(p + 16, img->dropout);
  put_u64(p + 20, img->seed);
  p += CONF_SIZE;

  len = chars_utf8_len(img);
  p = section(p, "VOCB", len);
  for (k = 0; k + 2 < c->V; k++) p += tw_utf8_put(img->chars[k], (char *)p);

  p = section(p, "WGHT", weights_bytes(c, img->half));
  put_u32(p, img->half ? 1u : 0u);
  p += 4;
  if (img->half)
    for (k = 0; k < np; k++, p += 2) {
      uint16_t h = f32_to_f16(img->params[k]);
      p[0] = (uint8_t)h;
      p[1] = (uint8_t)(h >> 8);
    }
  else
    p = put_floats(p, img->params, np);

  if (img->m && !img->half) {
    p = section(p, "OPTM", OPTM_HEAD + 8 * np);
    put_u32(p, (uint32_t)img->opt.kind);
    put_f32(p + 4, img->opt.lr);
    put_f32(p + 8, img->opt.beta1);
    put_f32(p + 12, img->opt.beta2);
    put_f32(p + 16, img->opt.eps);
    put_f32(p + 20, img->opt.alpha);
    put_f32(p + 24, img->opt.clip);
    put_u64(p + 28, img->opt_steps);
    p = put_floats(p + OPTM_HEAD, img->m, np);
    p = put_floats(p, img->v, np);
  }

  p = section(p, "STAT", STAT_SIZE);
  put_u64(p, img->steps);
  put_u64(p + 8, img->cursor);
  put_u64(p + 16, img->rng);
  put_u32(p + 24, (uint32_t)img->cursor_B);
  put_u32(p + 28, (uint32_t)img->cursor_T);
  p += STAT_SIZE;

  if (img->carry_B && !img->half) {
    p = section(p, "CARY", 4 + 8 * carry_floats(img));
    put_u32(p, (uint32_t)img->carry_B);
    p = put_floats(p + 4, img->carry_h, carry_floats(img));
    p = put_floats(p, img->carry_c, carry_floats(img));
  }

  p = section(p, "HIST", 4 + HIST_ENTRY * img->nhistory);
  put_u32(p, (uint32_t)img->nhistory);
  p += 4;
  for (k = 0; k < img->nhistory; k++, p += HIST_ENTRY) {
    put_u64(p, img->history[k].step);
    put_f32(p + 8, img->history[k].train);
    put_f32(p + 12, img->history[k].valid);
  }
  p = section(p, "END!", 0);

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

static int fail(char *err, size_t errlen, const char *msg) {
  snprintf(err, errlen, "%s", msg);
  return 0;
}

static int read_at(Cursor *cur, uint64_t off, uint8_t *dst, size_t n) {
  if (n > cur->end || off > cur->end - n) return fail(cur->err, cur->errlen, "truncated file");
  if (!cur->read(cur->ctx, off, dst, n)) return fail(cur->err, cur->errlen, "read error");
  return 1;
}

/* Opens the next section, which must carry `tag`; optional sections are skipped when absent
 * by the caller peeking first. Returns the body's offset (> 0) or 0 with a message. The
 * first `want` bytes of the body (at most 36) are read into `head`. */
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
  ModelImage *img = &out->img;
  uint8_t b[OPTM_HEAD];
  uint64_t len, off;
  size_t np;

  memset(out, 0, sizeof *out);
  cur.read = read;
  cur.ctx = ctx;
  cur.p = TW_FILE_HEADER;
  cur.end = size;
  cur.err = err;
  cur.errlen = errlen;
  if (size < TW_FILE_HEADER) return fail(err, errlen, "truncated header");

  if (!open_section(&cur, "CONF", &len, b, CONF_SIZE)) return 0;
  if (len != CONF_SIZE) return fail(err, errlen, "section CONF has the wrong size");
  img->cfg.V = get_u32(b);
  img->cfg.E = get_u32(b + 4);
  img->cfg.H = get_u32(b + 8);
  img->cfg.L = get_u32(b + 12);
  img->dropout = get_f32(b + 16);
  img->seed = get_u64(b + 20);
  if (!tw_lstm_config_ok(&img->cfg, err, errlen)) return 0;
  if (!(img->dropout >= 0.0f && img->dropout < 1.0f))
    return fail(err, errlen, "dropout in the file is outside [0, 1)");
  np = n_params(&img->cfg);

  if (!(off = open_section(&cur, "VOCB", &len, b, 0))) return 0;
  /* V-2 characters of 1 to 4 bytes each; the characters themselves are checked by the
   * caller while decoding them */
  if (len < img->cfg.V - 2 || len > 4 * (uint64_t)(img->cfg.V - 2))
    return fail(err, errlen, "the vocabulary does not match the configuration");
  out->chars_off = off;
  out->chars_len = len;

  if (!(off = open_section(&cur, "WGHT", &len, b, 4))) return 0;
  if (len < 4 || get_u32(b) > 1) return fail(err, errlen, "unknown weight storage type");
  img->half = (int)get_u32(b);
  if (len != weights_bytes(&img->cfg, img->half))
    return fail(err, errlen, "section WGHT does not match the configuration");
  out->weights_off = off + 4;

  if (peek(&cur, "OPTM")) {
    if (!(off = open_section(&cur, "OPTM", &len, b, OPTM_HEAD))) return 0;
    if (len != OPTM_HEAD + 8 * (uint64_t)np)
      return fail(err, errlen, "section OPTM does not match the configuration");
    if (get_u32(b) > TW_OPT_RMSPROP) return fail(err, errlen, "unknown optimizer");
    img->opt.kind = (OptimizerKind)get_u32(b);
    img->opt.lr = get_f32(b + 4);
    img->opt.beta1 = get_f32(b + 8);
    img->opt.beta2 = get_f32(b + 12);
    img->opt.eps = get_f32(b + 16);
    img->opt.alpha = get_f32(b + 20);
    img->opt.clip = get_f32(b + 24);
    img->opt_steps = get_u64(b + 28);
    out->moments_off = off + OPTM_HEAD;
  }

  if (!open_section(&cur, "STAT", &len, b, STAT_SIZE)) return 0;
  if (len != STAT_SIZE && len != STAT_SIZE_UNSHAPED)
    return fail(err, errlen, "section STAT has the wrong size");
  img->steps = get_u64(b);
  img->cursor = get_u64(b + 8);
  img->rng = get_u64(b + 16);
  if (len == STAT_SIZE) {
    img->cursor_B = get_u32(b + 24);
    img->cursor_T = get_u32(b + 28);
    if (img->cursor_B > 65536 || img->cursor_T > 65536 || (!img->cursor_B != !img->cursor_T))
      return fail(err, errlen, "section STAT holds an impossible batch shape");
  }

  if (peek(&cur, "CARY")) {
    if (!(off = open_section(&cur, "CARY", &len, b, 4))) return 0;
    if (len < 4) return fail(err, errlen, "section CARY is too short");
    img->carry_B = get_u32(b);
    if (img->carry_B == 0 || img->carry_B > 65536 ||
        len != 4 + 8 * (uint64_t)img->cfg.L * img->carry_B * img->cfg.H)
      return fail(err, errlen, "section CARY does not match the configuration");
    out->carry_off = off + 4;
  }

  if (!(off = open_section(&cur, "HIST", &len, b, 4))) return 0;
  if (len < 4 || len != 4 + HIST_ENTRY * (uint64_t)get_u32(b))
    return fail(err, errlen, "section HIST has the wrong size");
  img->nhistory = get_u32(b);
  out->history_off = off + 4;

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

int tw_file_decode(const uint8_t *bytes, size_t n, ModelFileView *view, char *err,
                   size_t errlen) {
  ModelFileLayout lay;
  MemorySource src;
  memset(view, 0, sizeof *view);
  if (!tw_file_check_header(bytes, n, n, err, errlen)) return 0;
  if (tw_crc32(bytes + TW_FILE_HEADER, n - TW_FILE_HEADER) != get_u32(bytes + 12))
    return fail(err, errlen, "checksum mismatch: the file is corrupted");
  src.bytes = bytes;
  if (!tw_file_layout(read_memory, &src, n, &lay, err, errlen)) return 0;
  view->img = lay.img;
  view->chars_utf8 = bytes + lay.chars_off;
  view->chars_len = (size_t)lay.chars_len;
  view->weights = bytes + lay.weights_off;
  view->moments = lay.moments_off ? bytes + lay.moments_off : NULL;
  view->carry = lay.carry_off ? bytes + lay.carry_off : NULL;
  view->history = bytes + lay.history_off;
  return 1;
}

void tw_file_floats(float *dst, const uint8_t *src, size_t n, int half) {
  size_t k;
  if (half)
    for (k = 0; k < n; k++) dst[k] = f16_to_f32((uint16_t)(src[2 * k] | src[2 * k + 1] << 8));
  else
    for (k = 0; k < n; k++) dst[k] = get_f32(src + 4 * k);
}

void tw_file_history(HistoryEntry *dst, const uint8_t *src, size_t n) {
  size_t k;
  for (k = 0; k < n; k++) {
    dst[k].step = get_u64(src + HIST_ENTRY * k);
    dst[k].train = get_f32(src + HIST_ENTRY * k + 8);
    dst[k].valid = get_f32(src + HIST_ENTRY * k + 12);
  }
}
