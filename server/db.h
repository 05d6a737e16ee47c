/*
 * db.h - the asynchronous PostgreSQL pool used from the event loop.
 *
 * A job is a list of statements (SQL with text parameters) sent in pipeline
 * mode and closed by one sync point, so they run as ONE implicit transaction:
 * all of them commit or none does.  The job's callback runs once the sync
 * result has arrived, i.e. after the commit, never before.
 *
 * Every distinct SQL text is prepared once per connection (named
 * statements, up to DB_PREPARED_MAX per connection; beyond that they run
 * unnamed), so a statement is parsed and planned at its first use only.
 *
 * Nothing here blocks: connections are opened with PQconnectStartParams /
 * PQconnectPoll, run non-blocking, and are watched by libevent.  A lost
 * connection is reopened with exponential backoff.  Each connection carries
 * statement_timeout = query_timeout_ms, and a job still running a second
 * after that is abandoned by dropping its connection.
 */
#ifndef SK_DB_H
#define SK_DB_H

#include <event2/event.h>
#include <libpq-fe.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct db_pool;
struct db_job;

enum db_status {
	DB_OK = 0,	 /* every statement ran and the transaction committed */
	DB_UNAVAILABLE,	 /* no usable connection, queue full, connection lost or
			  * deadline passed.  When the connection was lost after
			  * the sync was sent the commit may or may not have
			  * happened: callers rely on idempotent statements. */
	DB_QUERY_FAILED, /* a statement failed: everything was rolled back */
	DB_SHUTDOWN,	 /* the pool is being freed */
};

struct db_outcome {
	enum db_status status;
	int nresults;		  /* statements in the job */
	PGresult *const *results; /* DB_OK: one per statement, never NULL */
	const char *sqlstate;	  /* DB_QUERY_FAILED: e.g. "23505", else "" */
	int failed_stmt;	  /* DB_QUERY_FAILED: index of the statement that
				   * failed first, -1 when unknown */
	const char *message;	  /* English description for logs, never NULL */
};

/*
 * Called exactly once per job, always from the event loop and never from
 * inside db_pool_run().  The outcome and its results are valid only during
 * the call (the pool clears them afterwards).  arg is the caller's; the pool
 * never touches it.  The callback may start new jobs.
 */
typedef void (*db_job_cb)(void *arg, const struct db_outcome *out);

/* A new empty job, or NULL when out of memory.  Free with db_job_free()
 * unless handed to db_pool_run(). */
struct db_job *db_job_create(void);
void db_job_free(struct db_job *job);

/*
 * Append a statement.  sql and the parameter strings are copied; a NULL
 * parameter is SQL NULL.  Returns false when out of memory (the job is
 * then still valid but must not be run: free it).
 */
bool db_job_add(struct db_job *job, const char *sql, int nparams, const char *const *params);

/*
 * As db_job_add, for bytes that are not text: params[i] is lengths[i]
 * bytes, sent in binary format when binary[i] (for bytea: the raw bytes,
 * no hex) and as text otherwise.  With binary_results every column of the
 * statement's result is in binary format (PQgetlength gives the size; a
 * bigint is 8 bytes big-endian, text and bytea are the bytes).
 */
bool db_job_add_binary(struct db_job *job, const char *sql, int nparams, const char *const *params,
		       const int *lengths, const bool *binary, bool binary_results);

/* Statements in the job so far. */
int db_job_count(const struct db_job *job);

/*
 * Lanes.  DB_LANE_SHORT_READ is for short reads a client waits on while it
 * syncs (pull): they are served before anything else, and when the pool has
 * two connections or more one of them serves nothing else, so they never
 * queue behind writes or reports.  DB_LANE_SHORT_READ_FIRST (hello) is a
 * short read served ahead of those: a hello is cheap and a unit's whole sync
 * waits on it.  Shared transactions still take a waiting DB_LANE_SHORT_READ
 * job each time, so pulls are not starved.  Everything else (the default,
 * DB_LANE_GENERAL) runs on the other connections.
 */
enum db_lane { DB_LANE_GENERAL = 0, DB_LANE_SHORT_READ, DB_LANE_SHORT_READ_FIRST, DB_LANES };
void db_job_set_lane(struct db_job *job, enum db_lane lane);

/*
 * Group commit.  A job marked with db_job_share_commit() may run in one
 * transaction with other such jobs waiting in the queue at the same time
 * (their statements back to back, one commit, one WAL flush for all).  Its
 * outcome is still that of its own statements alone: when the shared
 * transaction fails, every job in it is rolled back and run again by
 * itself.  Only for jobs whose statements do not depend on what another
 * job's statements left behind in the transaction (each sets its own
 * transaction-local settings, e.g. sk_set_actor, first).
 */
void db_job_share_commit(struct db_job *job);

/*
 * Merging.  Jobs that would share a transaction and carry the same merge
 * (the same ops and key, set by db_job_set_merge) run as ONE job that
 * ops->build makes of them, e.g. one statement over all their items rather
 * than one statement each.  Each job's callback still gets an outcome of
 * its own statements alone: after the commit ops->split makes, for each
 * job and each of its own statements, the result that statement would
 * have answered.  When the merged job fails, nothing of it committed and
 * every job in it runs again by itself (the group-commit rule above), so
 * one job's failure never decides another's outcome.  Out of memory: a
 * failed build leaves the jobs unmerged (each runs its own statements in
 * the shared transaction); after a failed split the commit did happen,
 * and the job gets DB_UNAVAILABLE (its statements are idempotent, as for a
 * lost connection).
 */
struct db_merge {
	/* Fill merged (an empty job) with statements doing the work of the n
	 * jobs (n >= 2, in queue order) whose merge args are args[0..n-1].
	 * False when out of memory. */
	bool (*build)(void *const *args, int n, struct db_job *merged);
	/* The result statement stmt of the job whose merge arg is arg (number
	 * i of build's) would have answered, made from merged's results (out
	 * is DB_OK): a new PGresult, which the pool owns, or NULL when out of
	 * memory. */
	PGresult *(*split)(void *arg, int i, const struct db_outcome *merged, int stmt);
};

/* Let the pool merge job with waiting jobs of the same ops and key (both
 * static; arg, the merge's, lives as long as the job).  Only with
 * db_job_share_commit. */
void db_job_set_merge(struct db_job *job, const struct db_merge *ops, const void *key, void *arg);

/*
 * What a pool is for.  DB_POOL_READ_ONLY (reports on a standby) opens its
 * connections with default_transaction_read_only = on, so no job sent there
 * can write even when the conninfo reaches a primary, and keeps no
 * connection for the short-read lane (its jobs are all of one kind).
 */
enum db_pool_kind { DB_POOL_PRIMARY = 0, DB_POOL_READ_ONLY };

/*
 * Create a pool of `size` connections to conninfo (a libpq connection
 * string or URI).  Connections open in the background.  NULL when out of
 * memory.
 */
struct db_pool *db_pool_create(struct event_base *base, const char *conninfo, int size,
			       size_t queue_max, int64_t query_timeout_ms, enum db_pool_kind kind);

/*
 * Run a job: start it on an idle connection or queue it.  The pool takes
 * ownership of job; cb(arg, outcome) follows later, exactly once, also for
 * jobs refused at once (queue full, database down: DB_UNAVAILABLE).
 */
void db_pool_run(struct db_pool *pool, struct db_job *job, db_job_cb cb, void *arg);

/* Connections currently able to take a job (idle or busy), for logs. */
int db_pool_ready_count(const struct db_pool *pool);

/* The pool's state now, for the metrics. */
struct db_pool_stats {
	int down, connecting, idle, busy; /* connections by state */
	size_t queued, queue_max;	  /* jobs waiting for a connection */
};
void db_pool_stats(const struct db_pool *pool, struct db_pool_stats *out);

/*
 * Close every connection.  Jobs not finished get DB_SHUTDOWN callbacks
 * from inside this call.  NULL is fine.
 */
void db_pool_free(struct db_pool *pool);

/* True for SQLSTATEs worth retrying later: connection trouble, timeouts,
 * serialization failures, deadlocks, resource shortage. */
bool db_sqlstate_is_transient(const char *sqlstate);

#endif
