/*
 * team.h: a team of threads that run one function together, each on its own fixed slice of
 * the work, meeting at a spinning barrier: for work that meets far more often than it starts
 * (single-stream sampling; tuning.c says why). Pure C (POSIX threads), no Lua.
 */
#ifndef TW_TEAM_H
#define TW_TEAM_H

#if !defined(TW_TEAM_MAX)
#define TW_TEAM_MAX 32
#endif

typedef struct TwTeam TwTeam;

/* What every member runs: member 0 is the caller's thread, 1 .. members-1 the team's. */
typedef void (*TwTeamFn)(void *ctx, TwTeam *team, int member, int members);

/* An empty team (its threads start on demand), or NULL when memory is short. */
TwTeam *tw_team_new(void);
/* Stops and joins the team's threads, then frees it. NULL is harmless. */
void tw_team_free(TwTeam *team);
/* Runs fn on min(members, TW_TEAM_MAX) members, fewer when threads cannot be started (then
 * as many as there are), and returns once every member has returned from fn. Returns the
 * number of members that ran, at least 1. Not reentrant: one run at a time per team. */
int tw_team_run(TwTeam *team, int members, TwTeamFn fn, void *ctx);
/* Waits until every member of the run has reached it; what each wrote before it is visible
 * to all after. Spins a while, then yields the CPU between checks, so a member that lost its
 * core to another process is waited for without the wait depending on OMP_WAIT_POLICY. */
void tw_team_barrier(TwTeam *team, int member);

#endif
