/* db.c - see db.h. */
#include "db.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "log.h"

#define DB_BACKOFF_MIN_MS 100
#define DB_BACKOFF_MAX_MS 10000
#define DB_CONNECT_TIMEOUT_MS 10000
/* Past statement_timeout the server should have answered with an error;
 * this margin separates "query too slow" from "connection dead". */
#define DB_DEADLINE_MARGIN_MS 1000

struct db_stmt {
	char *sql;
	int nparams;
	char **params;
};

struct db_job {
	struct db_stmt *stmts;
	int nstmts, cap;
	db_job_cb cb;
	void *arg;
	PGresult **results; /* one slot per statement, filled while reading */
	char sqlstate[6];
	char *error;	      /* first error message, malloc'd */
	int64_t queued_at_ms; /* monotonic, for the queue deadline */
	struct db_job *next;
};

/*
 * Connection states.  DOWN: no PGconn, timer_ev waits for the backoff.
 * CONNECTING: PQconnectPoll driven by io_ev, timer_ev is the connect
 * deadline.  IDLE: io_ev watches for the server closing the connection.
 * BUSY: running `job`, timer_ev is the job deadline.
 */
enum db_conn_state { DBC_DOWN, DBC_CONNECTING, DBC_IDLE, DBC_BUSY };

struct db_conn {
	struct db_pool *pool;
	int index;
	enum db_conn_state state;
	PGconn *pg;
	struct event *io_ev;
	int io_fd;
	short io_what;
	struct event *timer_ev;
	int backoff_ms;
	struct db_job *job;
	int cur;       /* statement whose results are being read */
	bool flushing; /* PQflush returned 1: wait for write readiness */
};

struct db_pool {
	struct event_base *base;
	char *conninfo;
	char options[64];
	int64_t query_timeout_ms;
	size_t queue_max;
	struct db_conn *conns;
	int nconns;
	/* jobs waiting for a connection, FIFO */
	struct db_job *queue_head, *queue_tail;
	size_t queue_len;
	/* jobs failed before running, delivered from deliver_ev */
	struct db_job *failed_head, *failed_tail;
	struct event *deliver_ev;
	struct event *tick_ev;
	bool shutting_down;
};

static int64_t now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static struct timeval ms_to_tv(int64_t ms)
{
	struct timeval tv = {.tv_sec = (time_t)(ms / 1000),
			     .tv_usec = (suseconds_t)((ms % 1000) * 1000)};
	return tv;
}

/* ---- jobs ---- */

struct db_job *db_job_create(void)
{
	return calloc(1, sizeof(struct db_job));
}

int db_job_count(const struct db_job *job)
{
	return job->nstmts;
}

void db_job_free(struct db_job *job)
{
	if (job == NULL)
		return;
	for (int i = 0; i < job->nstmts; i++) {
		struct db_stmt *s = &job->stmts[i];
		for (int p = 0; p < s->nparams; p++)
			free(s->params[p]);
		free(s->params);
		free(s->sql);
		if (job->results)
			PQclear(job->results[i]);
	}
	free(job->stmts);
	free(job->results);
	free(job->error);
	free(job);
}

bool db_job_add(struct db_job *job, const char *sql, int nparams, const char *const *params)
{
	if (job->nstmts == job->cap) {
		int cap = job->cap ? job->cap * 2 : 4;
		struct db_stmt *s = realloc(job->stmts, (size_t)cap * sizeof(*s));
		if (s == NULL)
			return false;
		job->stmts = s;
		job->cap = cap;
	}
	struct db_stmt st = {.sql = strdup(sql), .nparams = nparams};
	if (st.sql == NULL)
		return false;
	if (nparams > 0) {
		st.params = calloc((size_t)nparams, sizeof(char *));
		if (st.params == NULL) {
			free(st.sql);
			return false;
		}
		for (int i = 0; i < nparams; i++) {
			if (params[i] == NULL)
				continue;
			st.params[i] = strdup(params[i]);
			if (st.params[i] == NULL) {
				for (int j = 0; j < i; j++)
					free(st.params[j]);
				free(st.params);
				free(st.sql);
				return false;
			}
		}
	}
	job->stmts[job->nstmts++] = st;
	return true;
}

static void job_set_error(struct db_job *job, const char *sqlstate, const char *msg)
{
	if (job->error != NULL)
		return; /* keep the first: later ones are consequences */
	snprintf(job->sqlstate, sizeof(job->sqlstate), "%s", sqlstate ? sqlstate : "");
	job->error = strdup(msg ? msg : "unknown error");
}

/* Run the callback and free the job. */
static void job_finish(struct db_job *job, enum db_status st, const char *msg)
{
	struct db_outcome out = {
	    .status = st,
	    .nresults = job->nstmts,
	    .results = job->results,
	    .sqlstate = job->sqlstate,
	    .message = msg ? msg : (job->error ? job->error : ""),
	};
	job->cb(job->arg, &out);
	db_job_free(job);
}

/* Fail a job that has not run, from the loop rather than the caller. */
static void job_fail_later(struct db_pool *pool, struct db_job *job, const char *msg)
{
	job_set_error(job, "", msg);
	job->next = NULL;
	if (pool->failed_tail)
		pool->failed_tail->next = job;
	else
		pool->failed_head = job;
	pool->failed_tail = job;
	event_active(pool->deliver_ev, EV_TIMEOUT, 0);
}

static void deliver_cb(evutil_socket_t fd, short what, void *arg)
{
	struct db_pool *pool = arg;
	struct db_job *job = pool->failed_head;
	pool->failed_head = pool->failed_tail = NULL;
	while (job) {
		struct db_job *next = job->next;
		job_finish(job, DB_UNAVAILABLE, NULL);
		job = next;
	}
}

/* ---- connections ---- */

static void conn_io_cb(evutil_socket_t fd, short what, void *arg);
static void conn_timer_cb(evutil_socket_t fd, short what, void *arg);
static void conn_start_job(struct db_conn *c, struct db_job *job);
static void pool_kick(struct db_pool *pool);

/* Watch fd for `what`; re-created whenever libpq's socket changes. */
static bool conn_watch(struct db_conn *c, short what)
{
	int fd = PQsocket(c->pg);
	if (fd < 0)
		return false;
	if (c->io_ev && c->io_fd == fd && c->io_what == what)
		return true;
	if (c->io_ev)
		event_free(c->io_ev);
	c->io_ev = event_new(c->pool->base, fd, what | EV_PERSIST, conn_io_cb, c);
	if (c->io_ev == NULL)
		return false;
	c->io_fd = fd;
	c->io_what = what;
	return event_add(c->io_ev, NULL) == 0;
}

static void conn_arm_timer(struct db_conn *c, int64_t ms)
{
	struct timeval tv = ms_to_tv(ms);
	evtimer_add(c->timer_ev, &tv);
}

static bool pool_all_down(const struct db_pool *pool)
{
	for (int i = 0; i < pool->nconns; i++)
		if (pool->conns[i].state != DBC_DOWN)
			return false;
	return true;
}

static void pool_fail_queue(struct db_pool *pool, const char *msg)
{
	while (pool->queue_head) {
		struct db_job *job = pool->queue_head;
		pool->queue_head = job->next;
		pool->queue_len--;
		job_fail_later(pool, job, msg);
	}
	pool->queue_tail = NULL;
}

/* Forget the PGconn and schedule a reconnect; the running job fails. */
static void conn_drop(struct db_conn *c, const char *why)
{
	struct db_pool *pool = c->pool;
	log_warn("db[%d]: %s", c->index, why);
	if (c->io_ev) {
		event_free(c->io_ev);
		c->io_ev = NULL;
	}
	evtimer_del(c->timer_ev);
	if (c->pg) {
		PQfinish(c->pg);
		c->pg = NULL;
	}
	struct db_job *job = c->job;
	c->job = NULL;
	c->state = DBC_DOWN;
	c->flushing = false;
	conn_arm_timer(c, c->backoff_ms);
	c->backoff_ms =
	    c->backoff_ms * 2 > DB_BACKOFF_MAX_MS ? DB_BACKOFF_MAX_MS : c->backoff_ms * 2;
	if (job)
		job_fail_later(pool, job, "database connection lost");
	/* Nobody left to serve the queue: fail fast instead of at the deadline. */
	if (pool_all_down(pool))
		pool_fail_queue(pool, "database unavailable");
}

static void conn_connect(struct db_conn *c)
{
	struct db_pool *pool = c->pool;
	/* Later keywords override what the conninfo says: statement_timeout
	 * is ours to set. */
	const char *keys[] = {"dbname", "fallback_application_name", "options", NULL};
	const char *vals[] = {pool->conninfo, "sangkiend", pool->options, NULL};

	c->pg = PQconnectStartParams(keys, vals, 1);
	if (c->pg == NULL) {
		conn_drop(c, "out of memory starting a connection");
		return;
	}
	if (PQstatus(c->pg) == CONNECTION_BAD) {
		char msg[512];
		snprintf(msg, sizeof(msg), "cannot connect: %s", PQerrorMessage(c->pg));
		conn_drop(c, msg);
		return;
	}
	c->state = DBC_CONNECTING;
	/* libpq: behave as if PQconnectPoll had returned POLLING_WRITING. */
	if (!conn_watch(c, EV_WRITE)) {
		conn_drop(c, "cannot watch the connection socket");
		return;
	}
	conn_arm_timer(c, DB_CONNECT_TIMEOUT_MS);
}

static void conn_connect_poll(struct db_conn *c)
{
	char msg[512];
	switch (PQconnectPoll(c->pg)) {
	case PGRES_POLLING_READING:
		if (!conn_watch(c, EV_READ))
			conn_drop(c, "cannot watch the connection socket");
		return;
	case PGRES_POLLING_WRITING:
		if (!conn_watch(c, EV_WRITE))
			conn_drop(c, "cannot watch the connection socket");
		return;
	case PGRES_POLLING_FAILED:
		snprintf(msg, sizeof(msg), "cannot connect: %s", PQerrorMessage(c->pg));
		conn_drop(c, msg);
		return;
	case PGRES_POLLING_OK:
		break;
	default:
		return;
	}
	if (PQsetnonblocking(c->pg, 1) != 0 || PQenterPipelineMode(c->pg) != 1) {
		snprintf(msg, sizeof(msg), "cannot set up connection: %s", PQerrorMessage(c->pg));
		conn_drop(c, msg);
		return;
	}
	evtimer_del(c->timer_ev);
	c->state = DBC_IDLE;
	c->backoff_ms = DB_BACKOFF_MIN_MS;
	if (!conn_watch(c, EV_READ)) {
		conn_drop(c, "cannot watch the connection socket");
		return;
	}
	log_info("db[%d]: connected", c->index);
	pool_kick(c->pool);
}

/* Send pending output; watch for writability while libpq still has some. */
static bool conn_flush(struct db_conn *c)
{
	int r = PQflush(c->pg);
	if (r < 0)
		return false;
	c->flushing = r == 1;
	return conn_watch(c, c->flushing ? (EV_READ | EV_WRITE) : EV_READ);
}

static void conn_job_done(struct db_conn *c)
{
	struct db_job *job = c->job;
	c->job = NULL;
	c->state = DBC_IDLE;
	evtimer_del(c->timer_ev);
	/* The pool's state is consistent before the callback runs, since it
	 * may start new jobs. */
	if (job->error)
		job_finish(job, DB_QUERY_FAILED, NULL);
	else
		job_finish(job, DB_OK, NULL);
	pool_kick(c->pool);
}

/* Read whatever results are complete.  Returns false when the connection
 * is broken (caller drops it). */
static bool conn_read_results(struct db_conn *c)
{
	struct db_job *job = c->job;
	while (c->state == DBC_BUSY && !PQisBusy(c->pg)) {
		PGresult *r = PQgetResult(c->pg);
		if (r == NULL) {
			/* End of one statement's results. */
			c->cur++;
			if (c->cur > job->nstmts)
				return false; /* more boundaries than statements */
			continue;
		}
		switch (PQresultStatus(r)) {
		case PGRES_PIPELINE_SYNC:
			PQclear(r);
			if (c->cur != job->nstmts)
				return false;
			conn_job_done(c);
			return true;
		case PGRES_TUPLES_OK:
		case PGRES_COMMAND_OK:
			if (c->cur < job->nstmts && job->results[c->cur] == NULL)
				job->results[c->cur] = r;
			else
				PQclear(r);
			break;
		case PGRES_PIPELINE_ABORTED:
			PQclear(r);
			break;
		default:
			job_set_error(job, PQresultErrorField(r, PG_DIAG_SQLSTATE),
				      PQresultErrorMessage(r));
			PQclear(r);
			break;
		}
	}
	return true;
}

static void conn_io_cb(evutil_socket_t fd, short what, void *arg)
{
	struct db_conn *c = arg;
	char msg[512];

	switch (c->state) {
	case DBC_CONNECTING:
		conn_connect_poll(c);
		return;
	case DBC_IDLE:
		/* Nothing is expected: the server closed or sent a notice. */
		if (!PQconsumeInput(c->pg) || PQstatus(c->pg) == CONNECTION_BAD) {
			snprintf(msg, sizeof(msg), "connection closed: %s", PQerrorMessage(c->pg));
			conn_drop(c, msg);
		}
		return;
	case DBC_BUSY:
		if (c->flushing && !conn_flush(c)) {
			conn_drop(c, "cannot send to the database");
			return;
		}
		if (what & EV_READ) {
			if (!PQconsumeInput(c->pg)) {
				snprintf(msg, sizeof(msg), "connection lost: %s",
					 PQerrorMessage(c->pg));
				conn_drop(c, msg);
				return;
			}
			if (!conn_read_results(c))
				conn_drop(c, "unexpected result sequence");
		}
		return;
	case DBC_DOWN:
		return;
	}
}

static void conn_timer_cb(evutil_socket_t fd, short what, void *arg)
{
	struct db_conn *c = arg;
	switch (c->state) {
	case DBC_DOWN:
		conn_connect(c);
		return;
	case DBC_CONNECTING:
		conn_drop(c, "connect timed out");
		return;
	case DBC_BUSY:
		/* PQcancel would block the loop: drop the connection instead;
		 * statement_timeout ends the query on the server side. */
		conn_drop(c, "query deadline passed");
		return;
	case DBC_IDLE:
		return;
	}
}

static void conn_start_job(struct db_conn *c, struct db_job *job)
{
	c->job = job;
	c->cur = 0;
	c->state = DBC_BUSY;
	job->results = calloc((size_t)job->nstmts, sizeof(PGresult *));
	if (job->results == NULL) {
		c->job = NULL;
		c->state = DBC_IDLE;
		job_fail_later(c->pool, job, "out of memory");
		return;
	}
	for (int i = 0; i < job->nstmts; i++) {
		struct db_stmt *s = &job->stmts[i];
		if (!PQsendQueryParams(c->pg, s->sql, s->nparams, NULL,
				       (const char *const *)s->params, NULL, NULL, 0)) {
			conn_drop(c, PQerrorMessage(c->pg));
			return;
		}
	}
	if (!PQpipelineSync(c->pg) || !conn_flush(c)) {
		conn_drop(c, PQerrorMessage(c->pg));
		return;
	}
	conn_arm_timer(c, c->pool->query_timeout_ms + DB_DEADLINE_MARGIN_MS);
}

/* Hand queued jobs to idle connections. */
static void pool_kick(struct db_pool *pool)
{
	for (int i = 0; i < pool->nconns && pool->queue_head; i++) {
		struct db_conn *c = &pool->conns[i];
		if (c->state != DBC_IDLE)
			continue;
		struct db_job *job = pool->queue_head;
		pool->queue_head = job->next;
		if (pool->queue_head == NULL)
			pool->queue_tail = NULL;
		pool->queue_len--;
		job->next = NULL;
		conn_start_job(c, job);
	}
}

/* Once a second: jobs that waited too long in the queue give up. */
static void tick_cb(evutil_socket_t fd, short what, void *arg)
{
	struct db_pool *pool = arg;
	int64_t now = now_ms();
	while (pool->queue_head && now - pool->queue_head->queued_at_ms > pool->query_timeout_ms) {
		struct db_job *job = pool->queue_head;
		pool->queue_head = job->next;
		if (pool->queue_head == NULL)
			pool->queue_tail = NULL;
		pool->queue_len--;
		job_fail_later(pool, job, "timed out waiting for a database connection");
	}
}

void db_pool_run(struct db_pool *pool, struct db_job *job, db_job_cb cb, void *arg)
{
	job->cb = cb;
	job->arg = arg;
	job->next = NULL;
	job->queued_at_ms = now_ms();
	if (pool->shutting_down) {
		job_fail_later(pool, job, "server shutting down");
		return;
	}
	if (job->nstmts == 0) {
		job_fail_later(pool, job, "empty job");
		return;
	}
	if (pool_all_down(pool)) {
		job_fail_later(pool, job, "database unavailable");
		return;
	}
	if (pool->queue_len >= pool->queue_max) {
		job_fail_later(pool, job, "database queue full");
		return;
	}
	if (pool->queue_tail)
		pool->queue_tail->next = job;
	else
		pool->queue_head = job;
	pool->queue_tail = job;
	pool->queue_len++;
	pool_kick(pool);
}

int db_pool_ready_count(const struct db_pool *pool)
{
	int n = 0;
	for (int i = 0; i < pool->nconns; i++)
		if (pool->conns[i].state == DBC_IDLE || pool->conns[i].state == DBC_BUSY)
			n++;
	return n;
}

struct db_pool *db_pool_create(struct event_base *base, const char *conninfo, int size,
			       size_t queue_max, int64_t query_timeout_ms)
{
	struct db_pool *pool = calloc(1, sizeof(*pool));
	if (pool == NULL)
		return NULL;
	pool->base = base;
	pool->query_timeout_ms = query_timeout_ms;
	pool->queue_max = queue_max;
	snprintf(pool->options, sizeof(pool->options), "-c statement_timeout=%lld",
		 (long long)query_timeout_ms);
	pool->conninfo = strdup(conninfo);
	pool->conns = calloc((size_t)size, sizeof(struct db_conn));
	pool->deliver_ev = event_new(base, -1, 0, deliver_cb, pool);
	pool->tick_ev = event_new(base, -1, EV_PERSIST, tick_cb, pool);
	if (!pool->conninfo || !pool->conns || !pool->deliver_ev || !pool->tick_ev)
		goto fail;
	pool->nconns = size;
	for (int i = 0; i < size; i++) {
		struct db_conn *c = &pool->conns[i];
		c->pool = pool;
		c->index = i;
		c->state = DBC_DOWN;
		c->io_fd = -1;
		c->backoff_ms = DB_BACKOFF_MIN_MS;
		c->timer_ev = evtimer_new(base, conn_timer_cb, c);
		if (c->timer_ev == NULL)
			goto fail;
	}
	struct timeval second = {1, 0};
	event_add(pool->tick_ev, &second);
	/* Connect from the loop so that failures are logged once it runs. */
	for (int i = 0; i < size; i++)
		conn_arm_timer(&pool->conns[i], 0);
	return pool;
fail:
	db_pool_free(pool);
	return NULL;
}

void db_pool_free(struct db_pool *pool)
{
	if (pool == NULL)
		return;
	pool->shutting_down = true;
	for (int i = 0; i < pool->nconns; i++) {
		struct db_conn *c = &pool->conns[i];
		if (c->job) {
			struct db_job *job = c->job;
			c->job = NULL;
			job_finish(job, DB_SHUTDOWN, "server shutting down");
		}
		if (c->io_ev)
			event_free(c->io_ev);
		if (c->timer_ev)
			event_free(c->timer_ev);
		if (c->pg)
			PQfinish(c->pg);
	}
	struct db_job *lists[2] = {pool->queue_head, pool->failed_head};
	for (int l = 0; l < 2; l++) {
		for (struct db_job *job = lists[l]; job;) {
			struct db_job *next = job->next;
			job_finish(job, DB_SHUTDOWN, "server shutting down");
			job = next;
		}
	}
	if (pool->deliver_ev)
		event_free(pool->deliver_ev);
	if (pool->tick_ev)
		event_free(pool->tick_ev);
	free(pool->conns);
	free(pool->conninfo);
	free(pool);
}

bool db_sqlstate_is_transient(const char *s)
{
	if (s == NULL || s[0] == '\0')
		return true;		   /* no server answer: connection trouble */
	return strncmp(s, "08", 2) == 0 || /* connection exception */
	       strncmp(s, "40", 2) == 0 || /* serialization, deadlock */
	       strncmp(s, "53", 2) == 0 || /* insufficient resources */
	       strncmp(s, "57", 2) == 0;   /* cancel, shutdown, statement_timeout */
}
