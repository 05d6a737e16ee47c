/*
 * periodic_job.h - a database job the server runs in the background, off
 * the request path: every interval, one run at a time, on the primary
 * pool, and at once again while a run reports a full batch (more work is
 * waiting).  Nothing blocks: each run is one more asynchronous job.
 *
 * The kind says what to run; its callbacks are called from the event loop
 * only, with the server's current settings (so a reloaded interval or
 * limit applies from the next run).
 */
#ifndef SK_PERIODIC_JOB_H
#define SK_PERIODIC_JOB_H

#include <stdbool.h>
#include <stdint.h>

#include "db.h"

struct server;
struct settings;
struct periodic_job;

struct periodic_job_kind {
	const char *name; /* for logs, e.g. "search index" */
	/* Milliseconds between runs. */
	int64_t (*interval_ms)(const struct settings *set);
	/* Append the run's statements to job; false when out of memory (the
	 * run is skipped until the next interval). */
	bool (*build)(struct db_job *job, const struct settings *set);
	/* A run that succeeded (out->status == DB_OK): count and log what it
	 * did; true when a batch came back full, to run again at once.  A
	 * failed run is logged here and waits for the next interval. */
	bool (*done)(struct server *srv, const struct db_outcome *out);
};

/* Start on srv's loop and pool; kind is not copied and must outlive the
 * job (a static table).  NULL when out of memory. */
struct periodic_job *periodic_job_start(struct server *srv, const struct periodic_job_kind *kind);
/* Stop.  A run still in the pool ends with its DB_SHUTDOWN callback later,
 * which then frees what is left.  NULL is fine. */
void periodic_job_free(struct periodic_job *pj);

/* The count a statement returned as its one row and column (0 when it is
 * not one such row): what most runs report. */
long periodic_job_count(const PGresult *r);

#endif
