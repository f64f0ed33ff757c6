/*
 * lexicon.h: the words a person has written, for drawing only those. A set of the hashes of
 * every word of their posts and of every beginning of one, letters folded to lower case, so
 * that a draw can refuse the letter that would leave every word behind. Pure C, no Lua; the
 * table belongs to the caller.
 *
 * A word is a run of letters (apostrophes joining them) that starts a post or follows a
 * space or an opening mark ( " ( [ { “ ‘ « ¿ ¡ * ). Runs after anything else (a hashtag's #,
 * an @, a digit, a URL's / or .) are names, numbers and addresses, not words: free.
 */
#ifndef TW_LEXICON_H
#define TW_LEXICON_H

#include <stddef.h>
#include <stdint.h>

typedef struct {
  uint64_t *slots;             /* (cap) open addressing, cap a power of two; 0: an empty slot */
  size_t cap;
  size_t words;                /* distinct words */
} TwLexicon;

/* Slots for the lexicon of n code points (a bound: one per letter), zeroed by the caller. */
size_t tw_lexicon_cap(size_t n);
/* Adds the words of a stream of n code points, in which 0 ends a post. */
void tw_lexicon_add(TwLexicon *lex, const uint32_t *cps, size_t n);

/* Where a post of len code points stands for the next character. */
typedef enum {
  TW_LEX_FREE,                 /* no word is being written: anything may follow */
  TW_LEX_START,                /* a word may start (or a name, after its sigil): only the
                                  letters that start one */
  TW_LEX_WORD                  /* inside a word or a name: what continues one, or its end */
} TwLexiconPlace;

typedef struct {
  TwLexiconPlace place;
  uint64_t hash;               /* the word so far (TW_LEX_START: the empty word's) */
  int complete;                /* TW_LEX_WORD: the word so far is a word of the lexicon */
  int name;                    /* a handle's or a hashtag's (the places count from its sigil) */
} TwLexiconState;

void tw_lexicon_state(const TwLexicon *lex, const uint32_t *post, size_t len, TwLexiconState *s);
/* Whether the code point c (0: the end of the post) may follow in state s. */
int tw_lexicon_allows(const TwLexicon *lex, const TwLexiconState *s, uint32_t c);

#endif
