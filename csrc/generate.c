/*
 * generate.c: generation, N streams side by side through the cell's sampling step or one on
 * a team of threads (tw_team_step), each token drawn by sample.c; and the sampling step's
 * probabilities for a probe. Pure C; it allocates nothing (the kernels make their team).
 */
#include "generate.h"

#include "text.h"

#include <math.h>
#include <string.h>

int tw_is_control(uint32_t cp) {
  /* printed, they would drive the terminal (ESC, BEL, CSI), and a newline or tab would
   * break the one-post-per-line output; a vocabulary may hold them (a model is trained on
   * whatever text it is given) */
  return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F);
}

/* The cell's sampling scratch for n streams: its step's, and for one stream room for its
 * team step's too. */
static size_t state_floats(const Model *m, size_t n) {
  size_t f = m->cell->step_floats(&m->cfg, n), team;
  if (n == 1 && m->cell->team_layer) {
    team = tw_team_floats(m->cell, &m->cfg);
    f = team > f ? team : f;
  }
  return f;
}

size_t tw_generate_bytes(const Model *m, size_t n, size_t max_length, size_t prime_bytes) {
  const ModelConfig *c = &m->cfg;
  return (state_floats(m, n) + (n + 1) * c->V) * sizeof(float) +
         (n + 2 * c->V + prime_bytes + 1) * sizeof(int32_t) +
         (prime_bytes + 1 + n * max_length) * sizeof(uint32_t) + n * sizeof(size_t) + n;
}

void tw_generate_point(Generation *g, const Model *m, size_t n, size_t max_length,
                       size_t prime_bytes, void *scratch) {
  const ModelConfig *c = &m->cfg;
  /* lens first: the block is aligned for size_t, the 4-byte arrays after it need less */
  g->lens = (size_t *)scratch;
  g->state = (float *)(void *)(g->lens + n);
  g->logits = g->state + state_floats(m, n);
  g->mix = g->logits + n * c->V;
  g->tokens = (int32_t *)(void *)(g->mix + c->V);
  g->order = g->tokens + n;
  g->banned = g->order + c->V;
  g->prime_tokens = g->banned + c->V;
  g->prime = (uint32_t *)(void *)(g->prime_tokens + prime_bytes + 1);
  g->posts = g->prime + prime_bytes + 1;
  g->done = (unsigned char *)(g->posts + n * max_length);
  g->nprime = 0;
}

int tw_generate_prime(Generation *g, const Model *m, const char *prime, size_t len,
                      uint32_t *control) {
  size_t pos = 0, invalid = 0;
  while (pos < len) {
    uint32_t cp = tw_utf8_next(prime, len, &pos, &invalid);
    if (tw_is_control(cp)) {
      *control = cp;
      return TW_PRIME_CONTROL;
    }
    g->prime[g->nprime] = cp;
    g->prime_tokens[g->nprime++] = tw_model_token(m, cp);
  }
  return invalid ? TW_PRIME_INVALID : TW_PRIME_OK;
}

/* One sampling step's arguments, for timing steps at a thread count. */
typedef struct {
  const Model *m;
  TwKernels *k;
  const uint16_t *params16;
  Generation *g;
  size_t n;
} StepArgs;

static double sampling_steps(void *ctx, int threads, int steps) {
  const StepArgs *a = (const StepArgs *)ctx;
  const Model *m = a->m;
  double t0;
  int i;
  tw_kernels_set_threads(threads);
  t0 = tw_kernels_now();
  for (i = 0; i < steps; i++)
    m->cell->step(&m->cfg, &m->lay, m->params, a->k, a->params16, a->n, a->g->tokens,
                  a->g->state, a->g->logits);
  return tw_kernels_now() - t0;
}

/* Whether the character after c continues a word: c is a letter (of the alphabets up to
 * U+1FFF, kana, CJK, Hangul) or an apostrophe. Misspellings are drawn inside words; the
 * start of a word, punctuation and the end of a post are the person's choices, so
 * word_min_p truncates only here. */
static int in_word(uint32_t c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '\'' || c == 0x2019 ||
         (c >= 0xC0 && c < 0x2000 && c != 0xD7 && c != 0xF7) || (c >= 0x3040 && c < 0xD800) ||
         (c >= 0xF900 && c < 0xFB00);
}

/* Mixes the phrasing cache into stream n's logits (tw_ngram_mix with their distribution at
 * the temperature), which then stand at temperature 1; greedy stays greedy. */
static void mix_ngram(Generation *g, const Model *m, const GenerateOptions *o, size_t n,
                      float *logits, SampleOptions *so) {
  size_t V = m->cfg.V, len = g->lens[n], order = (size_t)m->ngram.order, nctx, j;
  const uint32_t *post = g->posts + n * o->max_length;
  int32_t ctx[TW_NGRAM_MAX_ORDER];
  nctx = len < order ? len : order;
  for (j = 0; j < nctx; j++) ctx[j] = tw_model_token(m, post[len - nctx + j]);
  if (so->temperature > 0)
    for (j = 0; j < V; j++) logits[j] /= so->temperature;
  tw_softmax(logits, V);
  tw_ngram_distribution(&m->ngram, V, ctx, nctx, g->mix);
  tw_ngram_mix(V, o->ngram_weight, logits, g->mix, g->mix);
  for (j = 0; j < V; j++) logits[j] = g->mix[j] > 0 ? logf(g->mix[j]) : -INFINITY;
  if (so->temperature > 0) so->temperature = 1;
}

/* Leaves stream n only the characters that keep its words the lexicon's: a letter that
 * continues none of them, or a word's end where the word is none of them, is dropped. Where
 * that would leave nothing (a prime may end inside a word of no lexicon), nothing is. The end
 * of the post keeps its probability at temperature t, as in tw_ngram_mix: what is dropped goes
 * to the other characters, else the posts would end early whenever a word could. */
static void keep_words(Generation *g, const Model *m, const GenerateOptions *o, size_t n,
                       float *logits, float t) {
  size_t V = m->cfg.V, j, kept = 0;
  double top = -INFINITY, all = 0, rest = 0, end;
  TwLexiconState s;
  tw_lexicon_state(o->lexicon, g->posts + n * o->max_length, g->lens[n], &s);
  if (s.place == TW_LEX_FREE) return;
  for (j = 0; j < V; j++) {
    g->order[j] = logits[j] > -INFINITY && tw_lexicon_allows(o->lexicon, &s, m->chars[j]);
    kept += (size_t)g->order[j];
    if (logits[j] > top) top = logits[j];
  }
  if (kept == 0) return;
  for (j = 1; t > 0 && j < V; j++) {
    double e = exp((logits[j] - top) / t);
    all += e;
    if (g->order[j]) rest += e;
  }
  if (g->order[TW_TOKEN_EOS] && rest > 0) {
    end = exp((logits[TW_TOKEN_EOS] - top) / t);
    /* its share of everything, kept beside what is left of the rest */
    logits[TW_TOKEN_EOS] = (float)(top + t * log(end / all * rest));
  }
  for (j = 0; j < V; j++)
    if (!g->order[j]) logits[j] = -INFINITY;
}

/* Draws stream n's next character from its logits (which it overwrites) into its post and
 * g->tokens[n]; 0 when the post ends instead. */
static int draw(Generation *g, const Model *m, const GenerateOptions *o, size_t nbanned,
                size_t n, uint64_t *rng) {
  size_t V = m->cfg.V, maxlen = o->max_length, j;
  float *logits = g->logits + n * V;
  int32_t t;
  for (j = 0; j < nbanned; j++) logits[g->banned[j]] = -INFINITY;
  SampleOptions so = o->sample;
  if (o->word_min_p > so.min_p && g->lens[n] > 0 && in_word(g->posts[n * maxlen + g->lens[n] - 1]))
    so.min_p = o->word_min_p;
  if (o->ngram_weight > 0) mix_ngram(g, m, o, n, logits, &so);
  if (o->lexicon) keep_words(g, m, o, n, logits, so.temperature);
  /* no empty posts, and none shorter than min_length */
  t = tw_sample_token(logits, V, &so,
                      g->lens[n] == g->nprime || g->lens[n] < o->min_length, rng, g->order);
  /* a control character comes back only as the fallback when nothing else may be drawn:
   * the post ends there */
  if (t == TW_TOKEN_EOS || tw_is_control(m->chars[t])) return 0;
  g->posts[n * maxlen + g->lens[n]++] = m->chars[t];
  g->tokens[n] = t;
  return g->lens[n] < maxlen;
}

/* The next-token distribution softmax(logits) (V) into out. */
static void distribution(const float *logits, size_t V, float *out) {
  memcpy(out, logits, V * sizeof *out);
  tw_softmax(out, V);
}

/* ===== one stream on a team of threads ===== */

/* A run of the cell's team step. Member 0 alone, between steps, reads the logits and sets the
 * next step's input; what the run does with them is one of three. */
typedef enum { RUN_GENERATE, RUN_PROBE, RUN_TIME } RunKind;

typedef struct {
  RunKind kind;
  const Model *m;
  TwKernels *k;
  const uint16_t *params16;
  float *state, *logits;
  int32_t token;               /* the next step's input */
  int over;                    /* set by member 0 when the run ends after this step */
  /* RUN_GENERATE */
  Generation *g;
  const GenerateOptions *o;
  size_t nbanned;
  uint64_t rng;
  /* RUN_PROBE: the distribution after each of T tokens into out (T,V) */
  const int32_t *tokens;
  size_t T;
  float *out;
  /* RUN_TIME: the first step and `steps` more warm the team up (its threads' cores wake,
   * and a scheduler may first put two of them on one core), the next `steps` are timed */
  size_t steps;
  double seconds;
} TeamRun;

#if defined(TW_HAVE_ROWS_BF16)
/* Member 0 after step t: the input of step t + 1, or 1 when the run is over. */
static int next_input(TeamRun *r, size_t t) {
  if (r->kind == RUN_TIME) {
    if (t == r->steps) r->seconds = tw_kernels_now();
    if (t < 2 * r->steps) return 0;
    r->seconds = tw_kernels_now() - r->seconds;
    return 1;
  }
  if (r->kind == RUN_PROBE) {
    distribution(r->logits, r->m->cfg.V, r->out + t * r->m->cfg.V);
    if (t + 1 >= r->T) return 1;
    r->token = r->tokens[t + 1];
    return 0;
  }
  /* the steps of the reset and the prime, then a draw after each step */
  if (t < r->g->nprime) {
    r->token = r->g->prime_tokens[t];
    return 0;
  }
  if (!draw(r->g, r->m, r->o, r->nbanned, 0, &r->rng)) return 1;
  r->token = r->g->tokens[0];
  return 0;
}

static void team_member(void *ctx, TwTeam *team, int member, int members) {
  TeamRun *r = (TeamRun *)ctx;
  const Model *m = r->m;
  size_t t;
  for (t = 0;; t++) {
    tw_team_step(m->cell, &m->cfg, &m->lay, m->params, r->params16, r->token, t, r->state,
                 r->logits, team, member, members);
    if (member == 0) r->over = next_input(r, t);
    /* every member reads token and over only after it, and member 0 writes them again only
     * after the next step's meetings */
    tw_team_barrier(team, member);
    if (r->over) return;
  }
}

/* Times `count` steps on `members` threads for tw_kernels_sampling_threads. The steps run
 * from the unknown token, a character's step (a reset's skips the recurrent rows); the state
 * they leave is reset by the first step of what follows. */
static double team_steps(void *ctx, int members, int count) {
  TeamRun *r = (TeamRun *)ctx;
  r->kind = RUN_TIME;
  r->token = TW_TOKEN_UNK;
  r->steps = (size_t)count;
  tw_team_run(tw_kernels_team(r->k), members, team_member, r);
  return r->seconds;
}

/* Runs r on the team, first setting up and measuring (once per model size) how many members
 * pay; 0 when one stream cannot run on a team here (the caller steps it itself). */
static int run_on_team(TeamRun *r, const Model *m, TwKernels *k) {
  TeamRun timing;
  TwTeam *team;
  int members;
  if (!m->cell->team_layer || !tw_kernels_rows_bf16(k) || !(team = tw_kernels_team(k)))
    return 0;
  r->m = m;
  r->k = k;
  r->params16 = tw_kernels_shadow(k, m->params, m->lay.total);
  if (!r->params16) return 0;
  timing = *r;
  members = tw_kernels_sampling_threads(k, m->lay.total, 1, tw_kernels_threads(), team_steps,
                                        &timing);
  /* every run starts from a reset state (a probe's tokens start with end-of-post) */
  r->token = TW_TOKEN_EOS;
  tw_team_run(team, members, team_member, r);
  return 1;
}
#else
/* Without the bf16 row kernels one stream runs through the cell's sampling step. */
static int run_on_team(TeamRun *r, const Model *m, TwKernels *k) {
  (void)r;
  (void)m;
  (void)k;
  return 0;
}
#endif

void tw_generate(Generation *g, const Model *m, TwKernels *k, const GenerateOptions *o) {
  const ModelConfig *c = &m->cfg;
  size_t N = o->n, maxlen = o->max_length, nprime = g->nprime, nbanned = 0, active, n, j;
  uint64_t rng = o->rng;
  int threads = tw_kernels_threads();
  StepArgs step;
  for (j = 2; j < c->V; j++)
    if (tw_is_control(m->chars[j])) g->banned[nbanned++] = (int32_t)j;
  /* every post starts from a reset state: the end-of-post token, then the prime */
  for (n = 0; n < N; n++) {
    g->tokens[n] = TW_TOKEN_EOS;
    memcpy(g->posts + n * maxlen, g->prime, nprime * sizeof(uint32_t));
    g->lens[n] = nprime;
  }
  /* one stream is a chain of matrix-vector products that stream the weights: on a team of
   * threads each streams its own slice (where the cell and the machine allow), else one
   * product at a time on the products' threads */
  if (N == 1) {
    TeamRun r;
    memset(&r, 0, sizeof r);
    r.kind = RUN_GENERATE;
    r.state = g->state;
    r.logits = g->logits;
    r.g = g;
    r.o = o;
    r.nbanned = nbanned;
    r.rng = rng;
    if (run_on_team(&r, m, k)) return;
  }
  step.m = m;
  step.k = k;
  step.params16 = tw_kernels_bf16(k) ? tw_kernels_shadow(k, m->params, m->lay.total) : NULL;
  step.g = g;
  step.n = N;
  /* whether a second thread's bandwidth pays for waking it depends on the model's size and
   * the machine, so it is measured, once per model size (the steps from end-of-post tokens
   * leave nothing behind: the first real step resets the state) */
  if (N == 1)
    tw_kernels_set_threads(tw_kernels_sampling_threads(k, m->lay.total, 0, threads,
                                                       sampling_steps, &step));
  sampling_steps(&step, tw_kernels_threads(), 1);
  for (j = 0; j < nprime; j++) {
    for (n = 0; n < N; n++) g->tokens[n] = g->prime_tokens[j];
    sampling_steps(&step, tw_kernels_threads(), 1);
  }
  active = N;
  while (active > 0) {
    for (n = 0; n < N; n++) {
      if (g->done[n]) continue;
      if (!draw(g, m, o, nbanned, n, &rng)) {
        g->done[n] = 1;
        active--;
      }
    }
    if (active > 0)
      m->cell->step(c, &m->lay, m->params, k, step.params16, N, g->tokens, g->state,
                    g->logits);
  }
  tw_kernels_set_threads(threads);
}

size_t tw_score_bytes(const Model *m, size_t streams) {
  return (state_floats(m, streams) + streams * m->cfg.V) * sizeof(float) +
         streams * sizeof(int32_t);
}

void tw_score(const Model *m, TwKernels *k, const int32_t *tokens, const size_t *starts, size_t n,
              size_t streams, void *scratch, double *nats) {
  size_t V = m->cfg.V, first, N, i, t, longest, len;
  double target;
  float *state = (float *)scratch, *logits = state + state_floats(m, streams);
  int32_t *input = (int32_t *)(void *)(logits + streams * V);
  const uint16_t *params16 =
      tw_kernels_bf16(k) ? tw_kernels_shadow(k, m->params, m->lay.total) : NULL;
  for (first = 0; first < n; first += N) {
    N = n - first < streams ? n - first : streams;
    longest = 0;
    for (i = 0; i < N; i++) {
      len = starts[first + i + 1] - starts[first + i];
      longest = len > longest ? len : longest;
      input[i] = TW_TOKEN_EOS;   /* a reset: every post starts after one */
      nats[first + i] = 0;
    }
    for (t = 0; t <= longest; t++) {
      m->cell->step(&m->cfg, &m->lay, m->params, k, params16, N, input, state, logits);
      for (i = 0; i < N; i++) {
        len = starts[first + i + 1] - starts[first + i];
        if (t > len) continue;   /* scored: its stream idles on its end */
        input[i] = t < len ? tokens[starts[first + i] + t] : TW_TOKEN_EOS;
        /* -log softmax: the log of the normaliser (tw_softmax's value) less the target's logit */
        target = logits[i * V + (size_t)input[i]];
        nats[first + i] += tw_softmax(logits + i * V, V) - target;
      }
    }
  }
}

size_t tw_step_probabilities_floats(const Model *m) {
  return state_floats(m, 1) + m->cfg.V;
}

void tw_step_probabilities(const Model *m, TwKernels *k, const int32_t *tokens, size_t T,
                           float *scratch, float *out) {
  const uint16_t *params16;
  float *logits = scratch + state_floats(m, 1);
  size_t V = m->cfg.V, t;
  TeamRun r;
  if (T == 0) return;
  /* the step that samples: on a team where generation runs on one */
  memset(&r, 0, sizeof r);
  r.kind = RUN_PROBE;
  r.state = scratch;
  r.logits = logits;
  r.tokens = tokens;
  r.T = T;
  r.out = out;
  if (tokens[0] == TW_TOKEN_EOS && run_on_team(&r, m, k)) return;
  params16 = tw_kernels_bf16(k) ? tw_kernels_shadow(k, m->params, m->lay.total) : NULL;
  for (t = 0; t < T; t++) {
    m->cell->step(&m->cfg, &m->lay, m->params, k, params16, 1, tokens + t, scratch, logits);
    distribution(logits, V, out + t * V);
  }
}
