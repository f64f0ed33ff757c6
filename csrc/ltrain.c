/*
 * ltrain.c: the training methods of tweeter.Model: passes and updates (model.c), the carried
 * recurrent state, single weights, the optimizer's settings, and the training record's
 * getters. The model's memory is managed by lmodel.c.
 */
#include <math.h>
#include <string.h>

#include "lmodel.h"

/* ===== training ===== */

/* The workspace is allocated once per (B,T) shape and reused by every step. */
void tw_model_ensure_work(lua_State *L, LuaModel *lm, size_t B, size_t T, int masked,
                          const TwKernels *k) {
  const Model *m = &lm->core;
  int bf16 = tw_kernels_bf16(k);
  size_t n;
  if (lm->work && lm->work_B == B && lm->work_T == T && lm->work_masked >= masked &&
      lm->work_bf16 == bf16)
    return;
  n = m->cell->work_floats(&m->cfg, B, T, masked, bf16);
  if (n > ((size_t)1 << 32))
    luaL_error(L, "batch too large for this model: %I x %I needs %I MB of workspace",
               (lua_Integer)B, (lua_Integer)T, (lua_Integer)(n / (1 << 18)));
  lm->work = NULL;
  tw_model_release(L, 1, UV_WORK);
  lm->work = tw_model_buffer(L, 1, UV_WORK, n);
  lm->work_B = B;
  lm->work_T = T;
  lm->work_masked = masked;
  lm->work_bf16 = bf16;
}

static float *ensure_state(lua_State *L, const Model *m, int slot, float **state,
                           size_t *have_B, size_t B, int reset) {
  size_t n = tw_model_state_floats(m, B);
  if (*state && *have_B == B) {
    if (reset) memset(*state, 0, n * sizeof(float));
    return *state;
  }
  *have_B = B;
  return *state = tw_model_buffer(L, 1, slot, n);
}

/* What train_step, train_gradients, evaluate and gradients share: the checks, then the pass
 * (tw_model_pass) with the state of its kind: training carries its state between batches,
 * evaluation through a pass, a gradient check starts from zero. */
static double run_pass(lua_State *L, PassKind kind, size_t divisor, const char *fn,
                       size_t *count) {
  LuaModel *lm = tw_check_model(L, 1);
  Model *m = &lm->core;
  TwBatch *bt = tw_check_batch(L, 2);
  CellPass pass;
  double loss;
  if (bt->data->max_token >= (int32_t)m->cfg.V)
    luaL_error(L, "bad argument #1 to '%s' (the batch's data was encoded with a larger "
                  "vocabulary than this model's)", fn);
  if (bt->cursor == 0)
    luaL_error(L, "bad argument #1 to '%s' (empty batch: call batch:next() first)", fn);
  if (kind != PASS_EVAL) {
    if (!m->grads) m->grads = tw_model_buffer(L, 1, UV_GRADS, m->lay.total);
    if (!m->m) m->m = tw_model_buffer(L, 1, UV_M, m->lay.total);
    if (!m->v) m->v = tw_model_buffer(L, 1, UV_V, m->lay.total);
  }
  memset(&pass, 0, sizeof pass);
  pass.kernels = tw_kernels_of(L);
  tw_model_ensure_work(L, lm, bt->B, bt->T, kind == PASS_TRAIN && m->dropout > 0,
                       pass.kernels);
  if (kind == PASS_TRAIN)
    pass.state = ensure_state(L, m, UV_TRAIN, &m->carry, &m->carry_B, bt->B, bt->first);
  else
    pass.state = ensure_state(L, m, UV_EVAL, &lm->eval, &lm->eval_B, bt->B,
                              kind == PASS_GRADIENTS || bt->first);
  pass.B = bt->B;
  pass.T = bt->T;
  pass.masked = lm->work_masked;
  pass.bf16 = lm->work_bf16;
  pass.work = lm->work;
  pass.inputs = bt->inputs;
  pass.targets = bt->targets;
  loss = tw_model_pass(m, kind, &pass, divisor);
  *count = pass.count;
  return loss;
}

/* The update, unless a count would pass what the file format holds (TW_MAX_STEPS). */
static void update(lua_State *L, Model *m, const TwBatch *bt) {
  if (m->record.steps >= TW_MAX_STEPS || m->opt_steps >= TW_MAX_STEPS ||
      bt->cursor > TW_MAX_STEPS)
    luaL_error(L, "the model has counted 2^40 steps or batches, the most a model counts");
  tw_model_update(m, bt->wrap, bt->cursor, bt->layout_B, bt->T);
}

/* model:train_step(batch) -> mean loss (nats per character) before the update */
static int model_train_step(lua_State *L) {
  size_t count;
  double loss = run_pass(L, PASS_TRAIN, 0, "train_step", &count);
  update(L, &tw_check_model(L, 1)->core, tw_check_batch(L, 2));
  lua_pushnumber(L, count ? loss / (double)count : 0.0);
  return 1;
}

/* train_step in two halves, so that data-parallel training can sum the gradient slab over
 * the processes in between (each process takes its share of the streams and divides by the
 * whole batch's character count: the sum is then the gradient of the mean over the batch).
 * model:train_gradients(batch[, divisor]) -> summed loss (nats), scored characters.
 * model:gradient_buffer() -> the slab (a tweeter.Buffer of floats, updated in place).
 * model:apply_gradients(batch) -> model: the update train_step would make from the slab.
 * model:evaluate(batch) -> summed loss, scored characters; no update, no dropout. */
static int push_sum(lua_State *L, PassKind kind, size_t divisor, const char *fn) {
  size_t count;
  lua_pushnumber(L, run_pass(L, kind, divisor, fn, &count));
  lua_pushinteger(L, (lua_Integer)count);
  return 2;
}

static int model_train_gradients(lua_State *L) {
  lua_Integer divisor = luaL_optinteger(L, 3, 0);
  luaL_argcheck(L, lua_isnoneornil(L, 3) || divisor >= 1, 3, "divisor must be positive");
  return push_sum(L, PASS_TRAIN, (size_t)divisor, "train_gradients");
}

static int model_evaluate(lua_State *L) {
  return push_sum(L, PASS_EVAL, 0, "evaluate");
}

static int model_gradient_buffer(lua_State *L) {
  Model *m = &tw_check_model(L, 1)->core;
  if (!m->grads) return luaL_error(L, "no gradients yet: call train_gradients(batch) first");
  lua_getiuservalue(L, 1, UV_GRADS);
  return 1;
}

static int model_apply_gradients(lua_State *L) {
  Model *m = &tw_check_model(L, 1)->core;
  TwBatch *bt = tw_check_batch(L, 2);
  if (!m->pending)
    return luaL_error(L, "no gradients to apply: call train_gradients(batch) first");
  update(L, m, bt);
  lua_settop(L, 1);
  return 1;
}

/* model:gradients(batch) -> mean loss; the gradients of the mean loss, without an update.
 * For the numerical gradient check in the specs; with dropout off the result is exact. */
static int model_gradients(lua_State *L) {
  size_t count;
  double loss = run_pass(L, PASS_GRADIENTS, 0, "gradients", &count);
  lua_pushnumber(L, count ? loss / (double)count : 0.0);
  return 1;
}

/* The recurrent state carried between training batches (S*L,B,H). Data-parallel training
 * gathers the processes' shares of it into the checkpoint, so that training resumes exactly
 * on any number of processes.
 * model:carried_state() -> Buffer, B, S*L (the state itself, not a copy) | nothing
 * model:set_carried_state(buffer, B) -> model: a copy of the buffer becomes the state
 * model:keep_streams(first, count) -> model: only streams first .. first+count-1 (from 0)
 *   stay, one process's share of a state saved for the whole batch */
static int model_carried_state(lua_State *L) {
  Model *m = &tw_check_model(L, 1)->core;
  if (!m->carry) return 0;
  lua_getiuservalue(L, 1, UV_TRAIN);
  lua_pushinteger(L, (lua_Integer)m->carry_B);
  lua_pushinteger(L, (lua_Integer)(m->cell->state_vectors * m->cfg.L));
  return 3;
}

static void replace_state(lua_State *L, Model *m, const float *src, size_t B, size_t first,
                          size_t from_B) {
  float *state = tw_model_buffer(L, 1, UV_TRAIN, tw_model_state_floats(m, B));
  tw_model_state_streams(m, state, src, B, first, from_B);
  m->carry = state;
  m->carry_B = B;
}

static int model_set_carried_state(lua_State *L) {
  Model *m = &tw_check_model(L, 1)->core;
  TwBuffer *b = (TwBuffer *)luaL_checkudata(L, 2, TW_BUFFER);
  lua_Integer B = luaL_checkinteger(L, 3);
  luaL_argcheck(L, B >= 1 && B <= 65536, 3, "streams must be between 1 and 65536");
  luaL_argcheck(L, b->bytes == tw_model_state_floats(m, (size_t)B) * sizeof(float), 2,
                "buffer size does not match (state vectors x layers x streams x hidden) floats");
  replace_state(L, m, &b->data[0].f, (size_t)B, 0, (size_t)B);
  lua_settop(L, 1);
  return 1;
}

static int model_keep_streams(lua_State *L) {
  Model *m = &tw_check_model(L, 1)->core;
  lua_Integer first = luaL_checkinteger(L, 2), count = luaL_checkinteger(L, 3);
  luaL_argcheck(L, first >= 0, 2, "first stream must not be negative");
  luaL_argcheck(L, count >= 1, 3, "count must be positive");
  if (!m->carry || (size_t)(first + count) > m->carry_B)
    return luaL_error(L, "no carried state of %I streams to keep streams %I to %I of",
                      first + count, first, first + count - 1);
  lua_getiuservalue(L, 1, UV_TRAIN);   /* keeps the old state alive while it is copied */
  replace_state(L, m, m->carry, (size_t)count, (size_t)first, m->carry_B);
  lua_settop(L, 1);
  return 1;
}

/* model:param(block, i[, value]) -> value; model:grad(block, i) -> gradient;
 * model:block_size(block) -> floats. Blocks as tw_model_block names them. */
static size_t check_block(lua_State *L, const Model *m, size_t *len) {
  const char *name = luaL_checkstring(L, 2);
  size_t off = tw_model_block(m, name, len);
  if (off == SIZE_MAX) luaL_error(L, "bad argument #2 (unknown parameter block '%s')", name);
  return off;
}

static size_t check_param_index(lua_State *L, const Model *m) {
  size_t len, off = check_block(L, m, &len);
  lua_Integer i = luaL_checkinteger(L, 3);
  luaL_argcheck(L, i >= 1 && (size_t)i <= len, 3, "index out of range");
  return off + (size_t)(i - 1);
}

static int model_param(lua_State *L) {
  Model *m = &tw_check_model(L, 1)->core;
  size_t k = check_param_index(L, m);
  lua_pushnumber(L, m->params[k]);
  if (!lua_isnoneornil(L, 4)) m->params[k] = (float)luaL_checknumber(L, 4);
  return 1;
}

static int model_grad(lua_State *L) {
  Model *m = &tw_check_model(L, 1)->core;
  size_t k = check_param_index(L, m);
  if (!m->grads) return luaL_error(L, "no gradients yet: call gradients(batch) first");
  lua_pushnumber(L, m->grads[k]);
  return 1;
}

static int model_block_size(lua_State *L) {
  size_t len;
  check_block(L, &tw_check_model(L, 1)->core, &len);
  lua_pushinteger(L, (lua_Integer)len);
  return 1;
}

static int model_set_optimizer(lua_State *L) {
  static const char *const known[] = {"name", "lr", "beta1", "beta2", "eps", "alpha", "clip",
                                      NULL};
  static const char *const names[] = {"adam", "rmsprop", NULL};
  Model *m = &tw_check_model(L, 1)->core;
  OptimizerConfig o = m->opt;
  const char *problem;
  luaL_checktype(L, 2, LUA_TTABLE);
  tw_check_keys(L, 2, "set_optimizer", known);
  lua_getfield(L, 2, "name");
  if (!lua_isnil(L, -1)) {
    int k = luaL_checkoption(L, -1, NULL, names);
    if (o.kind != (OptimizerKind)k) {
      /* moments of one optimizer mean nothing to the other */
      o.kind = (OptimizerKind)k;
      if (m->m) memset(m->m, 0, m->lay.total * sizeof(float));
      if (m->v) memset(m->v, 0, m->lay.total * sizeof(float));
      m->opt_steps = 0;
    }
  }
  lua_pop(L, 1);
  o.lr = (float)tw_opt_number(L, 2, "set_optimizer", "lr", o.lr, 0.0, 10.0);
  o.beta1 = (float)tw_opt_number(L, 2, "set_optimizer", "beta1", o.beta1, 0.0, 0.999999);
  o.beta2 = (float)tw_opt_number(L, 2, "set_optimizer", "beta2", o.beta2, 0.0, 0.999999);
  o.eps = (float)tw_opt_number(L, 2, "set_optimizer", "eps", o.eps, 1e-12, 1.0);
  o.alpha = (float)tw_opt_number(L, 2, "set_optimizer", "alpha", o.alpha, 0.0, 0.999999);
  o.clip = (float)tw_opt_number(L, 2, "set_optimizer", "clip", o.clip, 0.0, 1e6);
  if ((problem = tw_optimizer_problem(&o)) != NULL)
    return luaL_error(L, "bad argument #1 to 'set_optimizer' (%s)", problem);
  m->opt = o;
  lua_settop(L, 1);
  return 1;
}

static int model_set_lr(lua_State *L) {
  Model *m = &tw_check_model(L, 1)->core;
  lua_Number lr = luaL_checknumber(L, 2);
  luaL_argcheck(L, lr > 0 && lr <= 10, 2, "learning rate must be between 0 and 10, not 0");
  m->opt.lr = (float)lr;
  lua_settop(L, 1);
  return 1;
}

/* model:freeze(n): the updates leave the embedding and the n lowest layers as they are (a
 * fine-tune from few posts adapting only the upper layers; docs/training.md); 0 frees all.
 * A setting of the run, not of the model: neither saved nor copied. */
static int model_freeze(lua_State *L) {
  Model *m = &tw_check_model(L, 1)->core;
  lua_Integer n = luaL_checkinteger(L, 2);
  luaL_argcheck(L, n >= 0 && (size_t)n <= m->cfg.L, 2, "layers to freeze must be from 0 to the model's layers");
  m->frozen_layers = (size_t)n;
  lua_settop(L, 1);
  return 1;
}

static int model_set_seed(lua_State *L) {
  Model *m = &tw_check_model(L, 1)->core;
  m->rng = tw_rng_seed((uint64_t)luaL_checkinteger(L, 2));
  lua_settop(L, 1);
  return 1;
}

static int model_reset_state(lua_State *L) {
  Model *m = &tw_check_model(L, 1)->core;
  if (m->carry) memset(m->carry, 0, tw_model_state_floats(m, m->carry_B) * sizeof(float));
  m->record.cursor = 0;
  lua_settop(L, 1);
  return 1;
}

/* ===== information ===== */

static void set_int(lua_State *L, const char *k, lua_Integer v) {
  lua_pushinteger(L, v);
  lua_setfield(L, -2, k);
}

static void set_num(lua_State *L, const char *k, lua_Number v) {
  lua_pushnumber(L, v);
  lua_setfield(L, -2, k);
}

/* model:config() -> { cell, embed, hidden, layers, dropout, vocab_size, params, seed } */
static int model_config(lua_State *L) {
  Model *m = &tw_check_model(L, 1)->core;
  lua_createtable(L, 0, 16);
  lua_pushstring(L, m->cell->name);
  lua_setfield(L, -2, "cell");
  set_int(L, "embed", (lua_Integer)m->cfg.E);
  set_int(L, "hidden", (lua_Integer)m->cfg.H);
  set_int(L, "layers", (lua_Integer)m->cfg.L);
  set_int(L, "vocab_size", (lua_Integer)m->cfg.V);
  set_int(L, "params", (lua_Integer)m->lay.total);
  set_int(L, "seed", (lua_Integer)m->seed);
  set_num(L, "dropout", m->dropout);
  return 1;
}

/* model:steps() -> training steps; model:cursor() -> batches taken, and the batch shape
 * (B, T) they count in when known; model:lr() -> the learning rate */
static int model_steps(lua_State *L) {
  lua_pushinteger(L, (lua_Integer)tw_check_model(L, 1)->core.record.steps);
  return 1;
}

static int model_cursor(lua_State *L) {
  const TrainingRecord *r = &tw_check_model(L, 1)->core.record;
  lua_pushinteger(L, (lua_Integer)r->cursor);
  if (!r->batch) return 1;
  lua_pushinteger(L, (lua_Integer)r->batch);
  lua_pushinteger(L, (lua_Integer)r->seq);
  return 3;
}

static int model_lr(lua_State *L) {
  lua_pushnumber(L, tw_check_model(L, 1)->core.opt.lr);
  return 1;
}

/* model:history() -> { {step=, train=, valid=}, ... } (valid absent when not measured) */
static int model_history(lua_State *L) {
  const TrainingRecord *r = &tw_check_model(L, 1)->core.record;
  size_t k;
  lua_createtable(L, (int)r->nhistory, 0);
  for (k = 0; k < r->nhistory; k++) {
    lua_createtable(L, 0, 3);
    set_int(L, "step", (lua_Integer)r->history[k].step);
    set_num(L, "train", r->history[k].train);
    if (!isnan(r->history[k].valid)) set_num(L, "valid", r->history[k].valid);
    lua_rawseti(L, -2, (lua_Integer)(k + 1));
  }
  return 1;
}

/* model:info() -> config() with the training record, the optimizer and the copy guard's
 * size (remembered: 0 when it has none) */
static int model_info(lua_State *L) {
  Model *m = &tw_check_model(L, 1)->core;
  lua_settop(L, 1);
  model_config(L);                                     /* stack: model, info */
  set_int(L, "steps", (lua_Integer)m->record.steps);
  set_int(L, "cursor", (lua_Integer)m->record.cursor);
  if (m->record.batch) {
    set_int(L, "batch", (lua_Integer)m->record.batch);
    set_int(L, "seq", (lua_Integer)m->record.seq);
  }
  set_int(L, "optimizer_steps", (lua_Integer)m->opt_steps);
  set_num(L, "lr", m->opt.lr);
  set_num(L, "clip", m->opt.clip);
  lua_pushstring(L, m->opt.kind == TW_OPT_ADAM ? "adam" : "rmsprop");
  lua_setfield(L, -2, "optimizer");
  set_int(L, "remembered", (lua_Integer)m->nseen);
  model_history(L);                                    /* stack: model, info, history */
  lua_setfield(L, 2, "history");
  return 1;
}

static int model_add_history(lua_State *L) {
  Model *m = &tw_check_model(L, 1)->core;
  lua_Integer step = luaL_checkinteger(L, 2);
  lua_Number train = luaL_checknumber(L, 3);
  lua_Number valid = luaL_optnumber(L, 4, NAN);
  luaL_argcheck(L, step >= 0, 2, "step must not be negative");
  luaL_argcheck(L, (uint64_t)step <= TW_MAX_STEPS, 2, "step past 2^40, more than training reaches");
  luaL_argcheck(L, m->record.nhistory < TW_MAX_HISTORY, 2, "history is full");
  tw_model_history_reserve(L, 1, &m->record, m->record.nhistory + 1);
  tw_history_add(&m->record, (uint64_t)step, (float)train, (float)valid);
  lua_settop(L, 1);
  return 1;
}

const luaL_Reg tw_train_methods[] = {
  {"train_step", model_train_step}, {"train_gradients", model_train_gradients},
  {"gradient_buffer", model_gradient_buffer}, {"apply_gradients", model_apply_gradients},
  {"carried_state", model_carried_state}, {"set_carried_state", model_set_carried_state},
  {"keep_streams", model_keep_streams}, {"evaluate", model_evaluate},
  {"gradients", model_gradients}, {"param", model_param}, {"grad", model_grad},
  {"block_size", model_block_size}, {"set_optimizer", model_set_optimizer},
  {"set_lr", model_set_lr}, {"freeze", model_freeze}, {"set_seed", model_set_seed}, {"reset_state", model_reset_state},
  {"info", model_info}, {"config", model_config}, {"steps", model_steps},
  {"cursor", model_cursor}, {"lr", model_lr}, {"history", model_history},
  {"add_history", model_add_history}, {NULL, NULL}
};
