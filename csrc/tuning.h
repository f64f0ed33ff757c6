/*
 * tuning.h: how many threads the core's work runs on, and the clock that decides it; the
 * policy is written once, at the top of tuning.c. Pure C, no Lua.
 */
#ifndef TW_TUNING_H
#define TW_TUNING_H

#include <stddef.h>

#include "team.h"

/* The products' context (kernels.h): it keeps the choices measured here. */
typedef struct TwKernels TwKernels;
/* Those choices, one set a context (tw_kernels_tuning). */
typedef struct TwTuning TwTuning;

TwTuning *tw_tuning_new(void);
void tw_tuning_free(TwTuning *t);

/* Seconds on the monotonic clock that times the choices below (and their callers' steps). */
double tw_kernels_now(void);

/* Threads: the count both pools (OpenBLAS and oneDNN's OpenMP) use. */
void tw_kernels_set_threads(int n);
int tw_kernels_threads(void);

/* The fastest of `count` ways to do one thing: run(ctx, i) does it the i-th way and returns
 * 0 when that way failed. Each runs once untimed, then a few times timed (the median counts).
 * The index of the fastest that never failed, or -1; 0, run by no one, when count is 1. */
int tw_fastest(int count, int (*run)(void *ctx, int way), void *ctx);

/* Runs fn over the rows [0, n): split into one contiguous part (first .. last-1) per thread
 * of the products' pool, or all on this thread, whichever its first calls measured faster
 * for this fn, n and `size` (the caller's measure of a row's work); always on this thread
 * where there is no pool (or no k). The parts must touch disjoint data. */
typedef void (*TwRowsFn)(void *ctx, size_t first, size_t last);
void tw_parallel_rows(TwKernels *k, size_t n, size_t size, TwRowsFn fn, void *ctx);

/* Single-stream sampling: the thread count (1 .. max_threads) found fastest for a model of
 * this many parameters sampled this way (`team`: on the context's team, each thread on its
 * own slice of every product; else one product at a time on the products' thread count) in
 * the precision in force. Measured once for each: `steps` runs `count` sampling steps at a
 * thread count and returns the seconds they took. A count set with
 * tw_kernels_set_sampling_threads is returned instead, unmeasured. */
int tw_kernels_sampling_threads(TwKernels *k, size_t params, int team, int max_threads,
                                double (*steps)(void *ctx, int threads, int count), void *ctx);
/* Sets that count instead of measuring it (0: measured), at most TW_TEAM_MAX. */
void tw_kernels_set_sampling_threads(TwKernels *k, int threads);

/* The context's team of threads (team.h), made on first use; NULL when memory is short. */
TwTeam *tw_kernels_team(TwKernels *k);

#endif
