/*
 * lmodel.h: what the files binding tweeter.Model share: lmodel.c, ltrain.c, lgenerate.c and
 * lremember.c, lngram.c. Binding only.
 */
#ifndef TW_LMODEL_H
#define TW_LMODEL_H

#include "model.h"
#include "tweeter.h"

/* user value slots */
enum { UV_PARAMS = 1, UV_GRADS, UV_M, UV_V, UV_VOCAB, UV_WORK, UV_TRAIN, UV_EVAL, UV_HIST,
       UV_SEEN, UV_NGRAM, UV_NGRAM_TABLES, UV_LEXICON, UV_COUNT = UV_LEXICON };

/* The userdata: the core's model, and what only the binding keeps. */
typedef struct {
  Model core;
  float *work;                 /* training workspace for (work_B, work_T) */
  size_t work_B, work_T;
  int work_masked;             /* the workspace has room for dropout masks */
  int work_bf16;               /* it is laid out for bf16 products (CellPass.bf16) */
  float *eval;                 /* (S*L,eval_B,H) state carried within an evaluation pass */
  size_t eval_B;
} LuaModel;

LuaModel *tw_check_model(lua_State *L, int arg);
/* A Buffer of n floats in user value `slot` of the model at stack index idx. */
float *tw_model_buffer(lua_State *L, int idx, int slot, size_t n);
void tw_model_release(lua_State *L, int idx, int slot);
/* Gives the model at idx a new copy guard set of n hashes (a Buffer in UV_SEEN; none when n
 * is 0) for the caller to fill; m->seen and m->nseen are set. Returns m->seen. */
uint32_t *tw_model_seen(lua_State *L, int idx, Model *m, size_t n);
/* Gives the model at idx a phrasing cache stream of n tokens (a Buffer in UV_NGRAM; none when
 * n is 0) for the caller to fill, its tables dropped; returns m->ngram_tokens. */
int32_t *tw_model_ngram_stream(lua_State *L, int idx, Model *m, size_t n);
/* Counts the phrasing cache's tables of the model at idx when it has a stream and they are
 * not counted yet; returns whether it has a cache. */
int tw_model_ngram_ready(lua_State *L, int idx, Model *m);
/* Gathers the words of the phrasing cache's stream of the model at idx when it has one and
 * they are not gathered yet; returns the lexicon, or NULL when the model has no cache. */
const TwLexicon *tw_model_lexicon_ready(lua_State *L, int idx, Model *m);
/* Grows the history's Buffer (a user value of the model at idx) to hold `need` entries. */
void tw_model_history_reserve(lua_State *L, int idx, TrainingRecord *r, size_t need);
/* The workspace of the model at index 1 for a (B,T) pass with the kernels k, allocated once
 * per shape (and precision: bf16 products keep part of it in bf16). */
void tw_model_ensure_work(lua_State *L, LuaModel *lm, size_t B, size_t T, int masked,
                          const TwKernels *k);
/* Pushes post i of the table at index t and returns it, raising (as `fn`'s argument #1) when
 * it is not a string. */
const char *tw_check_post(lua_State *L, int t, lua_Integer i, const char *fn, size_t *len);
/* The tokens of a post into out (when not NULL), and their count: code points the vocabulary
 * lacks read as the unknown token, invalid UTF-8 as U+FFFD, counted in *invalid. */
size_t tw_post_tokens(const Model *m, const char *s, size_t len, int32_t *out, size_t *invalid);
/* Pushes n code points as a UTF-8 string. */
void tw_push_chars(lua_State *L, const uint32_t *cps, size_t n);

/* The methods ltrain.c, lgenerate.c and lremember.c add to tweeter.Model. */
extern const luaL_Reg tw_train_methods[];
extern const luaL_Reg tw_generate_methods[];
extern const luaL_Reg tw_remember_methods[];
extern const luaL_Reg tw_ngram_methods[];
/* The copy guard's window hashes, on the module table (lremember.c). */
extern const luaL_Reg tw_remember_funcs[];

#endif
