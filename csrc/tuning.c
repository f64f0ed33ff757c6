/*
 * tuning.c: the threading and waiting policy of the core, and the measurements that carry it
 * out. No count or path is chosen from one machine's tuning: what pays is measured where it
 * runs, on the first calls, and kept in the context.
 *
 * Threads. One count for both pools (OpenBLAS, built on libgomp where Debian's OpenMP build
 * is installed, and oneDNN's OpenMP), set by --threads, core.set_threads or OMP_NUM_THREADS
 * (tw_kernels_set_threads). Training without a count runs on the cores the other processes
 * leave free, read from /proc every few seconds (lua/tweeter/threads.lua). On that count:
 *  - a product's path (kernels.c) is OpenBLAS or oneDNN float32, whichever runs its shape
 *    faster (tw_fastest: a median of a few runs); bf16 products are not timed, so that the
 *    clock never picks a precision and a seed gives the same numbers from one run to the next;
 *  - a step's element-wise work (tw_parallel_rows) runs over the products' pool or on one
 *    thread, whichever its first calls measured faster: the same bits either way;
 *  - single-stream sampling (tw_kernels_sampling_threads) runs on 1, 2, 4, ... threads,
 *    whichever count measured fastest for the model's size: the same posts at any count.
 * Waiting. A thread out of work spins a short while, then sleeps, so that a busy machine's
 * other processes get its core back:
 *  - libgomp's pool spins about 20 us (GOMP_SPINCOUNT=2000), set by bin/tweeter before
 *    libgomp is loaded unless the caller sets OMP_WAIT_POLICY or GOMP_SPINCOUNT; the Makefile
 *    sets the same for the long runs it starts without bin/tweeter (make quality, evaluate),
 *    and OMP_WAIT_POLICY=PASSIVE (sleep at once) for the suite, whose processes share few
 *    cores. libgomp's own default spins for milliseconds: beside one busy process, training
 *    waits for its threads' time slices;
 *  - the sampling team (team.c) meets far more often than the pool, every few tens of
 *    microseconds: its members spin SPINS pauses at a barrier, then yield the CPU between
 *    checks; between runs they sleep on a condition variable.
 * The element-wise work runs on the pool's own threads, which the product before it has left
 * spinning: the team's would have to be woken at every call, and would contend with the
 * pool's for the same cores. It enters libgomp through GOMP_parallel, the entry point that
 * GCC compiles `#pragma omp parallel` to (a versioned symbol every OpenMP program GCC builds
 * calls, so libgomp keeps it): the pragma would need -fopenmp, under which clang (the
 * sanitizer builds) calls another OpenMP runtime, a second pool beside oneDNN's.
 */
#include "kernels.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

/* OpenBLAS's and libgomp's own thread controls (not in every cblas.h; no omp.h needed) */
void openblas_set_num_threads(int num_threads);
int openblas_get_num_threads(void);
#if defined(TW_HAVE_DNNL)
void omp_set_num_threads(int num_threads);
int omp_get_thread_num(void);
int omp_get_num_threads(void);
void GOMP_parallel(void (*fn)(void *), void *data, unsigned num_threads, unsigned flags);
#endif

#define MEASURE_RUNS 5
#define MEASURE_SECONDS 0.05   /* per way: fewer runs for a way slower than this */
#define ROWS_SIZES 16          /* (function, rows, size, threads) whose choice is kept */
#define ROWS_TRIALS 8          /* timed calls each way before choosing */
#define SAMPLING_SIZES 8       /* model sizes whose sampling thread count is kept */
#define SAMPLING_THREADS 6     /* candidates 1, 2, 4, ... 32 */
#define SAMPLING_REPEATS 5
#define SAMPLING_STEPS 8

/* Whether a kind of element-wise work runs over the pool or on one thread: timed on its
 * first calls, each way in turn. A pool whose threads have gone to sleep pays a wake-up per
 * region, which can cost more than the work. */
typedef struct {
  TwRowsFn fn;
  size_t n, size;
  int threads;
  int trials;            /* calls timed so far */
  int parallel;          /* the choice, once trials reaches 2 * ROWS_TRIALS */
  double seconds[2];     /* serial, parallel */
} RowsChoice;

typedef struct {
  size_t params;
  int team;
  TwPrecision precision;
  int max_threads;   /* the candidates measured: a count training lowered for a while is
                        not the machine's */
  int threads;
} SamplingChoice;

struct TwTuning {
  RowsChoice rows[ROWS_SIZES];
  size_t nrows;
  SamplingChoice sampling[SAMPLING_SIZES];
  size_t nsampling;
  int sampling_set;      /* tw_kernels_set_sampling_threads, or 0 */
  TwTeam *team;          /* made on first use */
};

TwTuning *tw_tuning_new(void) { return (TwTuning *)calloc(1, sizeof(TwTuning)); }

void tw_tuning_free(TwTuning *t) {
  if (!t) return;
  tw_team_free(t->team);
  free(t);
}

double tw_kernels_now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

void tw_kernels_set_threads(int n) {
  openblas_set_num_threads(n);
#if defined(TW_HAVE_DNNL)
  omp_set_num_threads(n);
#endif
}

int tw_kernels_threads(void) { return openblas_get_num_threads(); }

/* ===== the products' paths ===== */

static int cmp_double(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

/* Median seconds of a few runs of one way, after one untimed (JIT, caches, pages); -1 when
 * it failed. */
static double time_way(int (*run)(void *ctx, int way), void *ctx, int way) {
  double t[MEASURE_RUNS], t0;
  int runs = 0;
  if (!run(ctx, way)) return -1;
  while (runs < MEASURE_RUNS) {
    t0 = tw_kernels_now();
    if (!run(ctx, way)) return -1;
    t[runs] = tw_kernels_now() - t0;
    runs++;
    if (runs >= 3 && t[0] > MEASURE_SECONDS) break;
  }
  qsort(t, (size_t)runs, sizeof t[0], cmp_double);
  return t[runs / 2];
}

int tw_fastest(int count, int (*run)(void *ctx, int way), void *ctx) {
  double best = -1, t;
  int i, fastest = -1;
  if (count == 1) return 0;
  for (i = 0; i < count; i++) {
    t = time_way(run, ctx, i);
    if (t >= 0 && (best < 0 || t < best)) {
      best = t;
      fastest = i;
    }
  }
  return fastest;
}

/* ===== element-wise work over the pool ===== */

#if defined(TW_HAVE_DNNL)
typedef struct {
  TwRowsFn fn;
  void *ctx;
  size_t n;
} RowsJob;

static void rows_part(void *p) {
  const RowsJob *job = (const RowsJob *)p;
  size_t parts = (size_t)omp_get_num_threads(), part = (size_t)omp_get_thread_num();
  size_t first = job->n * part / parts, last = job->n * (part + 1) / parts;
  if (first < last) job->fn(job->ctx, first, last);
}

static RowsChoice *rows_choice(TwTuning *t, TwRowsFn fn, size_t n, size_t size, int threads) {
  RowsChoice *c;
  size_t i;
  for (i = 0; i < t->nrows; i++) {
    c = &t->rows[i];
    if (c->fn == fn && c->n == n && c->size == size && c->threads == threads) return c;
  }
  i = t->nrows < ROWS_SIZES ? t->nrows++ : (n + size) % ROWS_SIZES;
  c = &t->rows[i];
  memset(c, 0, sizeof *c);
  c->fn = fn;
  c->n = n;
  c->size = size;
  c->threads = threads;
  return c;
}
#endif

void tw_parallel_rows(TwKernels *k, size_t n, size_t size, TwRowsFn fn, void *ctx) {
#if defined(TW_HAVE_DNNL)
  int threads = tw_kernels_threads();
  if (k && n > 1 && threads > 1) {
    RowsChoice *c = rows_choice(tw_kernels_tuning(k), fn, n, size, threads);
    int timing = c->trials < 2 * ROWS_TRIALS, parallel = timing ? c->trials % 2 : c->parallel;
    double t0 = timing ? tw_kernels_now() : 0;
    if (parallel) {
      RowsJob job;
      job.fn = fn;
      job.ctx = ctx;
      job.n = n;
      GOMP_parallel(rows_part, &job, 0, 0);
    } else {
      fn(ctx, 0, n);
    }
    if (timing) {
      c->seconds[parallel] += tw_kernels_now() - t0;
      if (++c->trials == 2 * ROWS_TRIALS) c->parallel = c->seconds[1] < c->seconds[0];
    }
    return;
  }
#else
  (void)k;
  (void)size;
#endif
  fn(ctx, 0, n);
}

/* ===== single-stream sampling ===== */

int tw_kernels_sampling_threads(TwKernels *k, size_t params, int team, int max_threads,
                                double (*steps)(void *ctx, int threads, int count), void *ctx) {
  TwTuning *tu = tw_kernels_tuning(k);
  double best_time[SAMPLING_THREADS];
  TwPrecision precision = tw_kernels_precision(k);
  SamplingChoice *c;
  size_t i, best = 0;
  int t, rep, counts = 0;
  if (tu->sampling_set > 0) return tu->sampling_set;
  for (i = 0; i < tu->nsampling; i++) {
    c = &tu->sampling[i];
    if (c->params == params && c->team == team && c->precision == precision &&
        c->max_threads == max_threads)
      return c->threads;
  }
  /* candidates 1, 2, 4, ...: interleaved repeats, the best time of each */
  for (t = 1; t <= max_threads && counts < SAMPLING_THREADS; t *= 2) best_time[counts++] = -1;
  for (rep = 0; rep < SAMPLING_REPEATS; rep++)
    for (i = 0; i < (size_t)counts; i++) {
      double t0;
      steps(ctx, 1 << i, 1);   /* wakes that many threads */
      t0 = steps(ctx, 1 << i, SAMPLING_STEPS);
      if (best_time[i] < 0 || t0 < best_time[i]) best_time[i] = t0;
    }
  for (i = 1; i < (size_t)counts; i++)
    if (best_time[i] < best_time[best]) best = i;
  i = tu->nsampling < SAMPLING_SIZES ? tu->nsampling++ : params % SAMPLING_SIZES;
  c = &tu->sampling[i];
  c->params = params;
  c->team = team;
  c->precision = precision;
  c->max_threads = max_threads;
  c->threads = 1 << best;
  return c->threads;
}

void tw_kernels_set_sampling_threads(TwKernels *k, int threads) {
  tw_kernels_tuning(k)->sampling_set =
      threads < 0 ? 0 : threads > TW_TEAM_MAX ? TW_TEAM_MAX : threads;
}

TwTeam *tw_kernels_team(TwKernels *k) {
  TwTuning *t = tw_kernels_tuning(k);
  if (!t->team) t->team = tw_team_new();
  return t->team;
}
