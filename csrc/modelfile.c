/*
 * modelfile.c: the model file's framing, little-endian, with a CRC-32 (IEEE) over the
 * payload: the header, then the sections of tw_sections (modelsections.c) in order, each a
 * tag and a length before its body, then END!. Pure C. The layout is documented in
 * docs/model-format.md; every length in a file is checked against the configuration before
 * anything is read through it.
 */
#include "modelsections.h"

static const uint8_t MAGIC[8] = {0x89, 'T', 'W', 'M', '\r', '\n', 0x1A, '\n'};

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

/* ===== encode ===== */

static size_t body_size(const TwSection *s, const Model *m, int half) {
  return s->size ? s->size(m, half) : s->head;
}

size_t tw_file_size(const Model *m, int half) {
  size_t n = TW_FILE_HEADER + TW_SECTION_HEAD, k, len;   /* END! */
  for (k = 0; k < tw_nsections; k++)
    if ((len = body_size(&tw_sections[k], m, half)) > 0 || !tw_sections[k].optional)
      n += TW_SECTION_HEAD + len;
  return n;
}

static uint8_t *section(uint8_t *p, const char *tag, size_t len) {
  memcpy(p, tag, 4);
  tw_put_u64(p + 4, len);
  return p + TW_SECTION_HEAD;
}

void tw_file_encode(const Model *m, int half, uint8_t *out) {
  size_t total = tw_file_size(m, half), k, len;
  uint8_t *p = out + TW_FILE_HEADER;
  for (k = 0; k < tw_nsections; k++)
    if ((len = body_size(&tw_sections[k], m, half)) > 0 || !tw_sections[k].optional) {
      p = section(p, tw_sections[k].tag, len);
      tw_sections[k].put(m, half, p);
      p += len;
    }
  section(p, "END!", 0);
  memcpy(out, MAGIC, 8);
  tw_put_u32(out + 8, TW_FILE_VERSION);
  tw_put_u32(out + 12, tw_crc32(out + TW_FILE_HEADER, total - TW_FILE_HEADER));
  tw_put_u64(out + 16, (uint64_t)(total - TW_FILE_HEADER));
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
  if (n > cur->end || off > cur->end - n) return tw_fail(cur->err, cur->errlen, "truncated file");
  if (!cur->read(cur->ctx, off, dst, n)) return tw_fail(cur->err, cur->errlen, "read error");
  return 1;
}

/* Opens the next section, which must carry `tag`. Returns the body's offset (> 0) or 0 with
 * a message. The first `want` bytes of the body (at most TW_SECTION_MAX_HEAD) are read into
 * `head`. */
static uint64_t open_section(Cursor *cur, const char *tag, uint64_t *len, uint8_t *head,
                             size_t want) {
  uint8_t sh[TW_SECTION_HEAD];
  uint64_t body;
  if (cur->end - cur->p < TW_SECTION_HEAD) {
    snprintf(cur->err, cur->errlen, "truncated before section %s", tag);
    return 0;
  }
  if (!read_at(cur, cur->p, sh, TW_SECTION_HEAD)) return 0;
  if (memcmp(sh, tag, 4) != 0) {
    snprintf(cur->err, cur->errlen, "expected section %s, found '%.4s'", tag,
             (const char *)sh);
    return 0;
  }
  *len = tw_get_u64(sh + 4);
  body = cur->p + TW_SECTION_HEAD;
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
  if (size == 0) return tw_fail(err, errlen, "empty file");
  if (n < 8 || size < 8 || memcmp(head, MAGIC, 8) != 0)
    return tw_fail(err, errlen, "not a tweeter model file (bad magic number)");
  if (n < TW_FILE_HEADER || size < TW_FILE_HEADER) return tw_fail(err, errlen, "truncated header");
  version = tw_get_u32(head + 8);
  if (version > TW_FILE_VERSION) {
    snprintf(err, errlen,
             "model file format version %u is newer than this tweeter reads (%u): upgrade "
             "tweeter", version, TW_FILE_VERSION);
    return 0;
  }
  if (version == 0) return tw_fail(err, errlen, "invalid model file format version 0");
  payload = tw_get_u64(head + 16);
  if (payload > size - TW_FILE_HEADER) {
    snprintf(err, errlen, "truncated file: %llu of %llu payload bytes present",
             (unsigned long long)(size - TW_FILE_HEADER), (unsigned long long)payload);
    return 0;
  }
  if (payload < size - TW_FILE_HEADER)
    return tw_fail(err, errlen, "unexpected bytes after the end of the model");
  return 1;
}

int tw_file_layout(TwReadAt read, void *ctx, uint64_t size, ModelFileLayout *out, char *err,
                   size_t errlen) {
  Cursor cur;
  uint8_t b[TW_SECTION_MAX_HEAD];
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
  if (size < TW_FILE_HEADER) return tw_fail(err, errlen, "truncated header");
  if (!read_at(&cur, 0, b, TW_FILE_HEADER)) return 0;
  if (!tw_file_check_header(b, TW_FILE_HEADER, size, err, errlen)) return 0;
  out->version = tw_get_u32(b + 8);

  for (k = 0; k < tw_nsections; k++) {
    const TwSection *s = &tw_sections[k];
    if (s->from_version > out->version || (s->optional && !peek(&cur, s->tag))) continue;
    if (!(off = open_section(&cur, s->tag, &len, b, s->head))) return 0;
    if (!s->check(out, b, len, off, err, errlen)) return 0;
  }
  if (!open_section(&cur, "END!", &len, b, 0)) return 0;
  if (len != 0 || cur.p != cur.end) return tw_fail(err, errlen, "unexpected data after END!");
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
  if (tw_crc32(bytes + TW_FILE_HEADER, n - TW_FILE_HEADER) != tw_get_u32(bytes + 12))
    return tw_fail(err, errlen, "checksum mismatch: the file is corrupted");
  src.bytes = bytes;
  return tw_file_layout(read_memory, &src, n, out, err, errlen);
}
