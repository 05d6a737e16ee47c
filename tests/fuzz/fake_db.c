/* fake_db.c - see fake_db.h. */
#include "fake_db.h"

#include <stdlib.h>
#include <string.h>

enum fake_db_mode fake_db_mode = FAKE_DB_UNAVAILABLE;
static size_t pending, statements;

struct db_job {
	int count;
	db_job_cb cb;
	void *arg;
	struct event_base *base;
};

struct db_pool {
	struct event_base *base;
};

size_t fake_db_pending(void)
{
	return pending;
}

size_t fake_db_statements(void)
{
	return statements;
}

struct db_job *db_job_create(void)
{
	return calloc(1, sizeof(struct db_job));
}

void db_job_free(struct db_job *job)
{
	free(job);
}

bool db_job_add(struct db_job *job, const char *sql, int nparams, const char *const *params)
{
	/* What the real pool copies must be readable: touch it all. */
	volatile size_t n = strlen(sql);
	for (int i = 0; i < nparams; i++)
		if (params[i] != NULL)
			n += strlen(params[i]);
	(void)n;
	job->count++;
	statements++;
	return true;
}

bool db_job_add_binary(struct db_job *job, const char *sql, int nparams, const char *const *params,
		       const int *lengths, const bool *binary, bool binary_results)
{
	/* What the real pool copies must be readable: touch it all. */
	volatile size_t n = strlen(sql);
	for (int i = 0; i < nparams; i++)
		for (int b = 0; params[i] != NULL && b < lengths[i]; b++)
			n += (unsigned char)params[i][b] + (binary[i] ? 1u : 0u);
	(void)n;
	(void)binary_results;
	job->count++;
	statements++;
	return true;
}

int db_job_count(const struct db_job *job)
{
	return job->count;
}

void db_job_set_lane(struct db_job *job, enum db_lane lane)
{
	(void)job;
	(void)lane;
}

void db_job_share_commit(struct db_job *job)
{
	(void)job;
}

void db_job_set_merge(struct db_job *job, const struct db_merge *ops, const void *key, void *arg)
{
	(void)job;
	(void)ops;
	(void)key;
	(void)arg;
}

struct db_pool *db_pool_create(struct event_base *base, const char *conninfo, int size,
			       size_t queue_max, int64_t query_timeout_ms, enum db_pool_kind kind)
{
	(void)conninfo;
	(void)kind;
	(void)size;
	(void)queue_max;
	(void)query_timeout_ms;
	struct db_pool *pool = calloc(1, sizeof(*pool));
	if (pool != NULL)
		pool->base = base;
	return pool;
}

static void answer(evutil_socket_t fd, short what, void *arg)
{
	struct db_job *job = arg;
	struct db_outcome out = {.status = DB_UNAVAILABLE,
				 .nresults = job->count,
				 .sqlstate = "",
				 .failed_stmt = -1,
				 .message = "fake database"};
	PGresult **results = NULL;
	(void)fd;
	(void)what;
	if (fake_db_mode == FAKE_DB_QUERY_FAILED) {
		out.status = DB_QUERY_FAILED;
		out.sqlstate = "23514";
		out.failed_stmt = job->count - 1;
	} else if (fake_db_mode == FAKE_DB_EMPTY &&
		   (results = calloc((size_t)job->count + 1, sizeof(*results))) != NULL) {
		out.status = DB_OK;
		for (int i = 0; i < job->count; i++)
			if ((results[i] = PQmakeEmptyPGresult(NULL, PGRES_TUPLES_OK)) == NULL)
				out.status = DB_UNAVAILABLE;
		out.results = results;
	}
	if (out.status != DB_OK)
		out.results = NULL;
	pending--;
	job->cb(job->arg, &out);
	for (int i = 0; results != NULL && i < job->count; i++)
		PQclear(results[i]);
	free(results);
	free(job);
}

void db_pool_run(struct db_pool *pool, struct db_job *job, db_job_cb cb, void *arg)
{
	static const struct timeval now = {0, 0};
	job->cb = cb;
	job->arg = arg;
	pending++;
	if (event_base_once(pool->base, -1, EV_TIMEOUT, answer, job, &now) != 0)
		abort(); /* the fuzz target cannot go on without its loop */
}

int db_pool_ready_count(const struct db_pool *pool)
{
	(void)pool;
	return 1;
}

void db_pool_stats(const struct db_pool *pool, struct db_pool_stats *out)
{
	(void)pool;
	memset(out, 0, sizeof(*out));
	out->idle = 1;
}

void db_pool_free(struct db_pool *pool)
{
	free(pool);
}
