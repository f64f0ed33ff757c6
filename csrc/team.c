/*
 * team.c: the team of threads of team.h. A run wakes the members it needs through a condition
 * variable, once; inside it they meet at a sense-reversing barrier (one shared counter, one
 * shared sense, each member's own sense on its own cache line) built on GCC's __atomic
 * builtins. Pure C (POSIX threads), no Lua.
 */
#include "team.h"

#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <unistd.h>

#define LINE 64          /* bytes of a cache line: what two members writing must not share */
/* pauses a waiting member spins before it yields (tuning.c's waiting policy): a few
 * microseconds, about a meeting's usual wait on cores of their own; no more, since members
 * that a busy machine has put on one core meet only when the waiter yields */
#define SPINS 256

#if defined(__GNUC__) && (defined(__x86_64__) || defined(__i386__))
#define relax() __builtin_ia32_pause()
#elif defined(__GNUC__) && defined(__aarch64__)
#define relax() __asm__ __volatile__("yield")
#else
#define relax() ((void)0)
#endif

typedef struct {
  int sense;             /* the sense this member waits for at its next barrier */
  char pad[LINE - sizeof(int)];
} MemberLine;

typedef struct {
  TwTeam *team;
  int member;
  unsigned long seen;    /* the last run this thread has looked at */
} ThreadArg;

struct TwTeam {
  /* the barrier, each field on its own line: members arrive on one, wait on the other */
  int arrived;
  char pad0[LINE - sizeof(int)];
  int sense;
  char pad1[LINE - sizeof(int)];
  MemberLine line[TW_TEAM_MAX];
  /* the run, written under lock before the members are woken */
  int members;
  TwTeamFn fn;
  void *ctx;
  unsigned long run;     /* runs started; a thread takes part in each new one it is needed in */
  int busy;              /* threads of the current run still in fn */
  int quit;
  int threads;           /* threads started: members 1 .. threads */
  pid_t owner;           /* the process they were started in */
  pthread_t thread[TW_TEAM_MAX];
  ThreadArg arg[TW_TEAM_MAX];
  pthread_mutex_t lock;
  pthread_cond_t wake;   /* a run started, or quit */
  pthread_cond_t idle;   /* the run's last thread left fn */
};

static void *member_thread(void *p) {
  ThreadArg *a = (ThreadArg *)p;
  TwTeam *t = a->team;
  pthread_mutex_lock(&t->lock);
  for (;;) {
    while (t->run == a->seen && !t->quit) pthread_cond_wait(&t->wake, &t->lock);
    if (t->quit) break;
    a->seen = t->run;
    if (a->member < t->members) {
      TwTeamFn fn = t->fn;
      void *ctx = t->ctx;
      int members = t->members;
      pthread_mutex_unlock(&t->lock);
      fn(ctx, t, a->member, members);
      pthread_mutex_lock(&t->lock);
      if (--t->busy == 0) pthread_cond_signal(&t->idle);
    }
  }
  pthread_mutex_unlock(&t->lock);
  return NULL;
}

TwTeam *tw_team_new(void) {
  void *p;
  TwTeam *t;
  if (posix_memalign(&p, LINE, sizeof(TwTeam)) != 0) return NULL;
  t = (TwTeam *)p;
  memset(t, 0, sizeof *t);
  if (pthread_mutex_init(&t->lock, NULL) != 0) {
    free(t);
    return NULL;
  }
  if (pthread_cond_init(&t->wake, NULL) != 0) {
    pthread_mutex_destroy(&t->lock);
    free(t);
    return NULL;
  }
  if (pthread_cond_init(&t->idle, NULL) != 0) {
    pthread_cond_destroy(&t->wake);
    pthread_mutex_destroy(&t->lock);
    free(t);
    return NULL;
  }
  return t;
}

/* A child of fork() has none of its parent's team threads, and its copy of the lock may have
 * been taken by one of them: it starts the team afresh instead of waiting for them forever. */
static void adopt_after_fork(TwTeam *t) {
  if (t->threads == 0 || t->owner == getpid()) return;
  pthread_mutex_init(&t->lock, NULL);
  pthread_cond_init(&t->wake, NULL);
  pthread_cond_init(&t->idle, NULL);
  t->threads = 0;
  t->busy = 0;
  t->quit = 0;
}

void tw_team_free(TwTeam *t) {
  int i;
  if (!t) return;
  adopt_after_fork(t);
  pthread_mutex_lock(&t->lock);
  t->quit = 1;
  pthread_cond_broadcast(&t->wake);
  pthread_mutex_unlock(&t->lock);
  for (i = 1; i <= t->threads; i++) pthread_join(t->thread[i], NULL);
  pthread_cond_destroy(&t->idle);
  pthread_cond_destroy(&t->wake);
  pthread_mutex_destroy(&t->lock);
  free(t);
}

/* Starts the thread of member `member` (threads + 1), with every signal blocked: a signal
 * for the process (Ctrl-C) is then handled by the thread that was running Lua. 0 when it
 * started. */
static int start_thread(TwTeam *t, int member) {
  sigset_t all, old;
  int err;
  t->arg[member].team = t;
  t->arg[member].member = member;
  t->arg[member].seen = t->run;   /* so it takes part in the run about to start */
  sigfillset(&all);
  pthread_sigmask(SIG_SETMASK, &all, &old);
  err = pthread_create(&t->thread[member], NULL, member_thread, &t->arg[member]);
  pthread_sigmask(SIG_SETMASK, &old, NULL);
  return err;
}

int tw_team_run(TwTeam *t, int members, TwTeamFn fn, void *ctx) {
  int i;
  if (members > TW_TEAM_MAX) members = TW_TEAM_MAX;
  adopt_after_fork(t);
  if (t->threads == 0) t->owner = getpid();
  while (t->threads < members - 1 && start_thread(t, t->threads + 1) == 0) t->threads++;
  if (members > t->threads + 1) members = t->threads + 1;
  if (members < 1) members = 1;
  pthread_mutex_lock(&t->lock);
  t->members = members;
  t->fn = fn;
  t->ctx = ctx;
  /* a run starts the barrier afresh, so one that left early (a team of one never flips its
   * sense) leaves nothing behind */
  t->arrived = 0;
  t->sense = 0;
  for (i = 0; i < members; i++) t->line[i].sense = 0;
  t->busy = members - 1;
  if (members > 1) {
    t->run++;
    pthread_cond_broadcast(&t->wake);
  }
  pthread_mutex_unlock(&t->lock);
  fn(ctx, t, 0, members);
  pthread_mutex_lock(&t->lock);
  while (t->busy > 0) pthread_cond_wait(&t->idle, &t->lock);
  pthread_mutex_unlock(&t->lock);
  return members;
}

void tw_team_barrier(TwTeam *t, int member) {
  int sense, spins = 0;
  if (t->members == 1) return;
  sense = !t->line[member].sense;
  t->line[member].sense = sense;
  /* the last to arrive resets the count, then releases the others: they add to the count
   * only after they have seen the new sense, so they see it reset */
  if (__atomic_add_fetch(&t->arrived, 1, __ATOMIC_ACQ_REL) == t->members) {
    __atomic_store_n(&t->arrived, 0, __ATOMIC_RELAXED);
    __atomic_store_n(&t->sense, sense, __ATOMIC_RELEASE);
    return;
  }
  while (__atomic_load_n(&t->sense, __ATOMIC_ACQUIRE) != sense) {
    if (spins < SPINS) {
      spins++;
      relax();
    } else {
      sched_yield();
    }
  }
}
