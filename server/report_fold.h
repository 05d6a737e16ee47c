/*
 * report_fold.h - folds the national report's waiting counter changes
 * into its counters, off the insert path.
 *
 * Every change of initiatives queues its difference in report_deltas (a
 * statement trigger, sql/014); every report_fold_ms (10 s) the server adds
 * what is queued to the national unit's counters in one statement
 * (sk_report_fold, periodic_job.h).  Reports add what is still queued, so
 * nothing waits for this to be counted.  Seldom, so that a run finds many
 * changes per counter: each counter a run changes is WAL.
 */
#ifndef SK_REPORT_FOLD_H
#define SK_REPORT_FOLD_H

#include "periodic_job.h"

/* Start on srv's loop and pool; stop with periodic_job_free.  NULL when
 * out of memory. */
struct periodic_job *report_fold_start(struct server *srv);

#endif
