/*
 * lexicon.c: the set of a person's words and of their beginnings (lexicon.h), and where a
 * post being drawn stands against it.
 */
#include "lexicon.h"

#define PREFIX 1u                  /* flag bits of a slot; the hash fills the rest */
#define COMPLETE 2u
#define FLAGS 3u
#define FNV_OFFSET 0xcbf29ce484222325ull
#define FNV_PRIME 0x100000001b3ull

/* Letters of the alphabets that separate words by spaces (up to U+1FFF), less the signs,
 * digits and marks of punctuation among them (the Devanagari danda ends a sentence). */
static int letter(uint32_t c) {
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) return 1;
  if (c < 0xC0 || c >= 0x2000 || c == 0xD7 || c == 0xF7) return 0;
  return !((c >= 0x964 && c <= 0x970) || (c >= 0x660 && c <= 0x66D) || (c >= 0x6F0 && c <= 0x6F9) ||
           c == 0x60C || c == 0x61B || c == 0x61F || c == 0x6D4 || c == 0x589);
}

static int apostrophe(uint32_t c) { return c == '\'' || c == 0x2019; }

static int in_run(uint32_t c) { return letter(c) || apostrophe(c); }

/* What a handle or a hashtag is made of. */
static int in_name(uint32_t c) { return letter(c) || (c >= '0' && c <= '9') || c == '_'; }

static int sigil(uint32_t c) { return c == '@' || c == '#'; }

/* What may stand before a word: a space or an opening mark. */
static int opens(uint32_t c) {
  switch (c) {
  case ' ': case '"': case '(': case '[': case '{': case '*': case 0xA0: case 0xA1: case 0xAB:
  case 0xBF: case 0x2018: case 0x201C: case 0x202F: case 0x205F: case 0x3000:
    return 1;
  default:
    return c >= 0x2000 && c <= 0x200B;
  }
}

static uint32_t fold(uint32_t c) {
  if ((c >= 'A' && c <= 'Z') || (c >= 0xC0 && c <= 0xDE && c != 0xD7) ||
      (c >= 0x391 && c <= 0x3A9) || (c >= 0x410 && c <= 0x42F))
    return c + 32;
  if (c >= 0x400 && c <= 0x40F) return c + 80;
  return c == 0x2019 ? '\'' : c;
}

static uint64_t step(uint64_t h, uint32_t c) {
  uint32_t f = fold(c);
  int i;
  for (i = 0; i < 4; i++) {
    h ^= (f >> (8 * i)) & 0xFF;
    h *= FNV_PRIME;
  }
  return h;
}

static uint64_t *slot_of(const TwLexicon *lex, uint64_t h) {
  size_t mask = lex->cap - 1, i = (size_t)(h ^ (h >> 29)) & mask;
  while (lex->slots[i] && (lex->slots[i] & ~(uint64_t)FLAGS) != (h & ~(uint64_t)FLAGS))
    i = (i + 1) & mask;
  return &lex->slots[i];
}

static unsigned flags_of(const TwLexicon *lex, uint64_t h) {
  return (unsigned)(*slot_of(lex, h) & FLAGS);
}

size_t tw_lexicon_cap(size_t n) {
  size_t cap = 16;
  while (cap < 2 * n) cap *= 2;
  return cap;
}

/* A name's hash starts from its sigil's: @a, #a and the word a are three entries. */
static uint64_t start_of(uint32_t name_sigil) {
  return name_sigil ? step(FNV_OFFSET, name_sigil) : FNV_OFFSET;
}

/* Adds the word (or, after a sigil, the name) cps[first .. end) and its beginnings. */
static void add_word(TwLexicon *lex, uint32_t name_sigil, const uint32_t *cps, size_t first,
                     size_t end) {
  uint64_t h = start_of(name_sigil), *slot = NULL;
  size_t i;
  for (i = first; i < end; i++) {
    h = step(h, cps[i]);
    slot = slot_of(lex, h);
    if (!*slot) *slot = (h & ~(uint64_t)FLAGS) | PREFIX;
  }
  if (!(*slot & COMPLETE)) lex->words++;
  *slot |= COMPLETE;
}

void tw_lexicon_add(TwLexicon *lex, const uint32_t *cps, size_t n) {
  size_t p = 0, end, first;
  while (p < n) {
    if (sigil(cps[p]) && (p == 0 || !in_name(cps[p - 1])) && p + 1 < n && in_name(cps[p + 1])) {
      for (end = p + 1; end < n && in_name(cps[end]); end++) {}
      add_word(lex, cps[p], cps, p + 1, end);
      p = end;
      continue;
    }
    if (!in_run(cps[p])) {
      p++;
      continue;
    }
    for (end = p; end < n && in_run(cps[end]); end++) {}
    for (first = p; first < end && apostrophe(cps[first]); first++) {}
    if (first < end && (p == 0 || cps[p - 1] == 0 || opens(cps[p - 1])))
      add_word(lex, 0, cps, first, end);
    p = end;
  }
}

/* The place after a sigil at post[at]: the name post[at + 1 .. len) so far. */
static void name_state(const TwLexicon *lex, const uint32_t *post, size_t at, size_t len,
                       TwLexiconState *s) {
  uint64_t h = start_of(post[at]);
  size_t i;
  for (i = at + 1; i < len; i++) h = step(h, post[i]);
  s->name = 1;
  s->hash = h;
  s->place = at + 1 == len ? TW_LEX_START : TW_LEX_WORD;
  s->complete = s->place == TW_LEX_WORD && (flags_of(lex, h) & COMPLETE) != 0;
}

void tw_lexicon_state(const TwLexicon *lex, const uint32_t *post, size_t len, TwLexiconState *s) {
  size_t run = len, first, i, name = len;
  uint64_t h = FNV_OFFSET;
  while (name > 0 && in_name(post[name - 1])) name--;
  if (name > 0 && sigil(post[name - 1]) && (name == 1 || !in_name(post[name - 2]))) {
    name_state(lex, post, name - 1, len, s);
    return;
  }
  s->name = 0;
  while (run > 0 && in_run(post[run - 1])) run--;
  for (first = run; first < len && apostrophe(post[first]); first++) {}
  s->hash = h;
  s->complete = 0;
  if (run > 0 && !opens(post[run - 1])) {
    s->place = TW_LEX_FREE;
    return;
  }
  if (first == len) {
    s->place = TW_LEX_START;
    return;
  }
  for (i = first; i < len; i++) h = step(h, post[i]);
  s->hash = h;
  s->place = TW_LEX_WORD;
  s->complete = (flags_of(lex, h) & COMPLETE) != 0;
}

int tw_lexicon_allows(const TwLexicon *lex, const TwLexiconState *s, uint32_t c) {
  int joins;
  if (s->place == TW_LEX_FREE) return 1;
  joins = s->name ? in_name(c) : letter(c) || (s->place == TW_LEX_WORD && apostrophe(c));
  if (joins)
    return (flags_of(lex, step(s->hash, c)) & PREFIX) != 0;
  return s->place == TW_LEX_START || s->complete;
}
