/*
 * bench/rows_bench.c: where a training step's element-wise work runs best. Each step is a
 * bf16 product on oneDNN's OpenMP pool (B x H by H x 4H), then a sigmoid over the B x 4H
 * gates split by rows: (0) on this thread, (1) on libgomp's pool through GOMP_parallel, the
 * way the core ran it before tw_parallel_rows took the team, (2) on the core's team
 * (tw_team_run). Blocks of 20 steps each way, interleaved so that a busy machine's drift hits
 * all three; prints the median and 25th percentile microseconds a step. After `make`:
 *   cc -O2 -std=c99 -D_POSIX_C_SOURCE=200809L -DTW_HAVE_DNNL -Icsrc \
 *     $(pkg-config --cflags openblas) bench/rows_bench.c build/obj/kernels.o \
 *     build/obj/bf16.o build/obj/tuning.o build/obj/team.o -o build/rows_bench \
 *     $(pkg-config --libs openblas) -ldnnl -lgomp -lm -pthread
 *   GOMP_SPINCOUNT=2000 build/rows_bench B H BLOCKS
 */
#include "kernels.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

int omp_get_thread_num(void);
int omp_get_num_threads(void);
void GOMP_parallel(void (*fn)(void *), void *data, unsigned num_threads, unsigned flags);

#define STEPS 20

typedef struct {
  float *gates;
  size_t H, rows;
} Work;

static void rows(const Work *w, size_t first, size_t last) {
  size_t r, j;
  for (r = first; r < last; r++) {
    float *x = w->gates + r * 4 * w->H;
    for (j = 0; j < 4 * w->H; j++) x[j] = 1.0f / (1.0f + expf(-x[j] * 0.5f)) - 0.5f;
  }
}

static void pool_part(void *p) {
  const Work *w = (const Work *)p;
  size_t parts = (size_t)omp_get_num_threads(), part = (size_t)omp_get_thread_num();
  rows(w, w->rows * part / parts, w->rows * (part + 1) / parts);
}

static void team_part(void *p, TwTeam *team, int member, int members) {
  const Work *w = (const Work *)p;
  (void)team;
  rows(w, w->rows * (size_t)member / (size_t)members,
       w->rows * (size_t)(member + 1) / (size_t)members);
}

static int cmp_double(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

int main(int argc, char **argv) {
  size_t B = argc > 1 ? (size_t)atoi(argv[1]) : 64, H = argc > 2 ? (size_t)atoi(argv[2]) : 256;
  int blocks = argc > 3 ? atoi(argv[3]) : 200, b, i, way;
  const char *names[3] = {"serial", "pool", "team"};
  TwKernels *k = tw_kernels_new();
  float *A = (float *)calloc(B * H, sizeof(float)), *W = (float *)calloc(H * 4 * H, sizeof(float));
  float *C = (float *)calloc(B * 4 * H, sizeof(float));
  double *t = (double *)malloc(3 * (size_t)blocks * sizeof(double));
  TwTeam *team;
  TwGemm g = {0};
  Work w;
  if (!k || !A || !W || !C || !t || blocks < 4 || !(team = tw_kernels_team(k))) return 1;
  for (i = 0; i < (int)(B * H); i++) A[i] = (float)(i % 7) * 0.1f;
  for (i = 0; i < (int)(H * 4 * H); i++) W[i] = (float)(i % 5) * 0.01f;
  tw_kernels_set_threads(2);
  g.M = B;
  g.N = 4 * H;
  g.K = H;
  g.A = A;
  g.lda = H;
  g.B = W;
  g.ldb = 4 * H;
  g.C = C;
  g.ldc = 4 * H;
  w.gates = C;
  w.H = H;
  w.rows = B;
  for (i = 0; i < 50; i++) tw_gemm(k, &g);
  for (b = 0; b < blocks; b++)
    for (i = 0; i < 3; i++) {
      double t0 = tw_kernels_now();
      int s;
      way = (i + b) % 3;
      for (s = 0; s < STEPS; s++) {
        tw_gemm(k, &g);
        if (way == 0) rows(&w, 0, B);
        else if (way == 1) GOMP_parallel(pool_part, &w, 0, 0);
        else tw_team_run(team, 2, team_part, &w);
      }
      t[way * blocks + b] = (tw_kernels_now() - t0) / STEPS;
    }
  printf("B%zu H%zu %s, us a step:", B, H, tw_kernels_name(k));
  for (way = 0; way < 3; way++) {
    qsort(t + way * blocks, (size_t)blocks, sizeof(double), cmp_double);
    printf(" %s %.1f (p25 %.1f)", names[way], t[way * blocks + blocks / 2] * 1e6,
           t[way * blocks + blocks / 4] * 1e6);
  }
  printf("\n");
  tw_kernels_free(k);
  free(A);
  free(W);
  free(C);
  free(t);
  return 0;
}
