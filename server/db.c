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
/* Named statements per connection (db.h); the handlers' SQL texts are a
 * few dozen, so this only bounds a caller that builds SQL text. */
#define DB_PREPARED_MAX 96
/* A shared transaction (group commit) takes at most this many jobs and
 * statements, so one failure costs a bounded rerun. */
#define DB_GROUP_MAX_JOBS 32
#define DB_GROUP_MAX_STMTS 1024

struct db_stmt {
	char *sql;
	int nparams;
	char **params;
	int *lengths;	   /* NULL: every parameter is text */
	int *formats;	   /* with lengths: 1 for a binary parameter */
	int result_format; /* 1: binary results */
};

struct db_job {
	struct db_stmt *stmts;
	int nstmts, cap;
	enum db_lane lane;
	bool share_commit;	      /* may run in a shared transaction */
	bool alone;		      /* a shared transaction with it failed: run it by itself */
	const struct db_merge *merge; /* db_job_set_merge, or NULL */
	const void *merge_key;
	void *merge_arg;
	struct db_job **members; /* a merged job: the jobs whose work it does */
	int nmembers;
	db_job_cb cb;
	void *arg;
	PGresult **results; /* one slot per statement, filled while reading */
	char sqlstate[6];
	char *error;	      /* first error message, malloc'd */
	int failed_stmt;      /* statement of the first error, -1 if none */
	int64_t queued_at_ms; /* monotonic, for the queue deadline */
	struct db_job *next;  /* in a queue, or the next job of a shared transaction */
};

/* One SQL text prepared on a connection as statement "sk<slot>". */
struct db_prepared {
	char *sql; /* NULL: free slot */
	uint64_t hash;
};

/* What one result boundary of the pipeline belongs to: a statement of a
 * job, or the PREPARE of a named statement (stmt < 0), or housekeeping
 * (job NULL). */
struct db_entry {
	struct db_job *job;
	int stmt;
	int prep; /* slot of the named statement, -1 for none */
};

struct db_queue {
	struct db_job *head, *tail;
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
	struct db_job *job; /* the running job, or the first of a shared transaction */
	struct db_entry *entries;
	int nentries, cap_entries;
	int cur;	     /* entry whose results are being read */
	bool flushing;	     /* PQflush returned 1: wait for write readiness */
	bool reads_only;     /* serves the short-read lane only */
	bool prepared_stale; /* forget every named statement before the next job */
	struct db_prepared prepared[DB_PREPARED_MAX];
};

struct db_pool {
	struct event_base *base;
	char *conninfo;
	char options[96];
	int64_t query_timeout_ms;
	size_t queue_max;
	struct db_conn *conns;
	int nconns;
	/* jobs waiting for a connection, FIFO per lane */
	struct db_queue queues[DB_LANES];
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
	struct db_job *job = calloc(1, sizeof(struct db_job));
	if (job != NULL)
		job->failed_stmt = -1;
	return job;
}

int db_job_count(const struct db_job *job)
{
	return job->nstmts;
}

void db_job_set_lane(struct db_job *job, enum db_lane lane)
{
	job->lane = lane;
}

void db_job_share_commit(struct db_job *job)
{
	job->share_commit = true;
}

void db_job_set_merge(struct db_job *job, const struct db_merge *ops, const void *key, void *arg)
{
	job->merge = ops;
	job->merge_key = key;
	job->merge_arg = arg;
}

/* Forget the results and error of a job that is to run again. */
static void job_reset(struct db_job *job)
{
	for (int i = 0; job->results && i < job->nstmts; i++)
		PQclear(job->results[i]);
	free(job->results);
	job->results = NULL;
	free(job->error);
	job->error = NULL;
	job->sqlstate[0] = '\0';
	job->failed_stmt = -1;
}

static void stmt_release(struct db_stmt *st)
{
	for (int i = 0; i < st->nparams && st->params != NULL; i++)
		free(st->params[i]);
	free(st->params);
	free(st->lengths);
	free(st->formats);
	free(st->sql);
}

void db_job_free(struct db_job *job)
{
	if (job == NULL)
		return;
	for (int i = 0; i < job->nstmts; i++) {
		stmt_release(&job->stmts[i]);
		if (job->results)
			PQclear(job->results[i]);
	}
	free(job->stmts);
	free(job->results);
	free(job->error);
	free(job->members); /* the array only: the members are jobs of their own */
	free(job);
}

/* Room for one more statement. */
static bool job_grow(struct db_job *job)
{
	if (job->nstmts < job->cap)
		return true;
	int cap = job->cap ? job->cap * 2 : 4;
	struct db_stmt *s = realloc(job->stmts, (size_t)cap * sizeof(*s));
	if (s == NULL)
		return false;
	job->stmts = s;
	job->cap = cap;
	return true;
}

/* Append a statement whose parameters are lengths[i] bytes each (strlen
 * when lengths is NULL), copied with a terminating NUL. */
static bool job_add(struct db_job *job, const char *sql, int nparams, const char *const *params,
		    const int *lengths, const bool *binary, bool binary_results)
{
	if (!job_grow(job))
		return false;
	struct db_stmt st = {
	    .sql = strdup(sql), .nparams = nparams, .result_format = binary_results ? 1 : 0};
	if (st.sql == NULL)
		return false;
	if (nparams > 0) {
		st.params = calloc((size_t)nparams, sizeof(char *));
		if (st.params == NULL) {
			stmt_release(&st);
			return false;
		}
		if (lengths != NULL) {
			st.lengths = calloc((size_t)nparams, sizeof(int));
			st.formats = calloc((size_t)nparams, sizeof(int));
			if (st.lengths == NULL || st.formats == NULL) {
				stmt_release(&st);
				return false;
			}
		}
		for (int i = 0; i < nparams; i++) {
			if (params[i] == NULL)
				continue;
			size_t len = lengths != NULL ? (size_t)lengths[i] : strlen(params[i]);
			st.params[i] = malloc(len + 1);
			if (st.params[i] == NULL) {
				stmt_release(&st);
				return false;
			}
			memcpy(st.params[i], params[i], len);
			st.params[i][len] = '\0';
			if (lengths != NULL) {
				st.lengths[i] = lengths[i];
				st.formats[i] = binary[i] ? 1 : 0;
			}
		}
	}
	job->stmts[job->nstmts++] = st;
	return true;
}

bool db_job_add(struct db_job *job, const char *sql, int nparams, const char *const *params)
{
	return job_add(job, sql, nparams, params, NULL, NULL, false);
}

bool db_job_add_binary(struct db_job *job, const char *sql, int nparams, const char *const *params,
		       const int *lengths, const bool *binary, bool binary_results)
{
	return job_add(job, sql, nparams, params, lengths, binary, binary_results);
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
	    .failed_stmt = job->failed_stmt,
	    .message = msg ? msg : (job->error ? job->error : ""),
	};
	job->cb(job->arg, &out);
	db_job_free(job);
}

/* The list (linked by next) with every merged job replaced by the jobs it
 * was made of, in their order; the merged jobs are freed. */
static struct db_job *jobs_unmerge(struct db_job *list)
{
	struct db_job *head = NULL, **tail = &head;
	while (list) {
		struct db_job *job = list;
		list = list->next;
		job->next = NULL;
		if (job->members == NULL) {
			*tail = job;
			tail = &job->next;
			continue;
		}
		for (int i = 0; i < job->nmembers; i++) {
			*tail = job->members[i];
			tail = &job->members[i]->next;
			*tail = NULL;
		}
		db_job_free(job);
	}
	return head;
}

/* A merged job committed: each of its jobs gets its own statements'
 * results from the merge's split, then its callback (db.h). */
static void merged_finish(struct db_job *m)
{
	struct db_outcome out = {
	    .status = DB_OK,
	    .nresults = m->nstmts,
	    .results = m->results,
	    .sqlstate = "",
	    .failed_stmt = -1,
	    .message = "",
	};
	/* Every split first: a callback may start jobs, never end another's. */
	for (int i = 0; i < m->nmembers; i++) {
		struct db_job *j = m->members[i];
		bool ok = (j->results = calloc((size_t)j->nstmts, sizeof(PGresult *))) != NULL;
		for (int s = 0; ok && s < j->nstmts; s++)
			ok = (j->results[s] = j->merge->split(j->merge_arg, i, &out, s)) != NULL;
		if (!ok)
			job_set_error(j, "", "out of memory reading a merged job's results");
	}
	for (int i = 0; i < m->nmembers; i++) {
		struct db_job *j = m->members[i];
		job_finish(j, j->error ? DB_UNAVAILABLE : DB_OK, NULL);
	}
	m->nmembers = 0;
	db_job_free(m);
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

/* ---- queues ---- */

static void queue_push(struct db_queue *q, struct db_job *job)
{
	job->next = NULL;
	if (q->tail)
		q->tail->next = job;
	else
		q->head = job;
	q->tail = job;
}

static struct db_job *queue_pop(struct db_queue *q)
{
	struct db_job *job = q->head;
	if (job) {
		q->head = job->next;
		if (q->head == NULL)
			q->tail = NULL;
		job->next = NULL;
	}
	return job;
}

/* Put the list first..last (linked by next) back at the front of q. */
static void queue_push_front(struct db_queue *q, struct db_job *first, struct db_job *last)
{
	last->next = q->head;
	q->head = first;
	if (q->tail == NULL)
		q->tail = last;
}

/* ---- named statements ---- */

static uint64_t sql_hash(const char *s)
{
	uint64_t h = 1469598103934665603u; /* FNV-1a */
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211u;
	return h;
}

static void prepared_forget_all(struct db_conn *c)
{
	for (int i = 0; i < DB_PREPARED_MAX; i++) {
		free(c->prepared[i].sql);
		c->prepared[i].sql = NULL;
	}
}

static void prepared_forget(struct db_conn *c, int slot)
{
	if (slot >= 0) {
		free(c->prepared[slot].sql);
		c->prepared[slot].sql = NULL;
	}
}

/* The slot of sql on c; *fresh when it still has to be prepared.  -1 when
 * every slot is taken (or out of memory): run it unnamed. */
static int prepared_slot(struct db_conn *c, const char *sql, bool *fresh)
{
	uint64_t h = sql_hash(sql);
	int free_slot = -1;
	*fresh = false;
	for (int i = 0; i < DB_PREPARED_MAX; i++) {
		const struct db_prepared *p = &c->prepared[i];
		if (p->sql == NULL) {
			if (free_slot < 0)
				free_slot = i;
		} else if (p->hash == h && strcmp(p->sql, sql) == 0) {
			return i;
		}
	}
	if (free_slot < 0 || (c->prepared[free_slot].sql = strdup(sql)) == NULL)
		return -1;
	c->prepared[free_slot].hash = h;
	*fresh = true;
	return free_slot;
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
	c->io_ev = event_new(c->pool->base, fd, (short)(what | EV_PERSIST), conn_io_cb, c);
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
	for (int l = 0; l < DB_LANES; l++) {
		struct db_job *job;
		while ((job = queue_pop(&pool->queues[l])) != NULL) {
			pool->queue_len--;
			job_fail_later(pool, job, msg);
		}
	}
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
	struct db_job *job = jobs_unmerge(c->job);
	c->job = NULL;
	c->nentries = 0;
	c->state = DBC_DOWN;
	c->flushing = false;
	prepared_forget_all(c); /* a new session has none */
	c->prepared_stale = false;
	conn_arm_timer(c, c->backoff_ms);
	c->backoff_ms =
	    c->backoff_ms * 2 > DB_BACKOFF_MAX_MS ? DB_BACKOFF_MAX_MS : c->backoff_ms * 2;
	while (job) {
		struct db_job *next = job->next;
		job_fail_later(pool, job, "database connection lost");
		job = next;
	}
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
	struct db_pool *pool = c->pool;
	struct db_job *job = c->job;
	int njobs = 0;
	bool failed = false;
	c->job = NULL;
	c->nentries = 0;
	c->state = DBC_IDLE;
	evtimer_del(c->timer_ev);
	for (struct db_job *j = job; j; j = j->next) {
		njobs += j->members ? j->nmembers : 1;
		failed = failed || j->error != NULL;
	}
	if (njobs > 1 && failed) {
		/* The shared transaction rolled back: each job runs again by
		 * itself, first in line of its own lane, so its outcome is its
		 * own. */
		struct db_job *firsts[DB_LANES] = {NULL}, *lasts[DB_LANES] = {NULL};
		log_info("db[%d]: a transaction shared by %d jobs failed, each runs again alone",
			 c->index, njobs);
		job = jobs_unmerge(job);
		while (job) {
			struct db_job *next = job->next;
			job_reset(job);
			job->alone = true;
			job->next = NULL;
			pool->queue_len++;
			if (lasts[job->lane])
				lasts[job->lane]->next = job;
			else
				firsts[job->lane] = job;
			lasts[job->lane] = job;
			job = next;
		}
		for (int l = 0; l < DB_LANES; l++)
			if (firsts[l])
				queue_push_front(&pool->queues[l], firsts[l], lasts[l]);
		pool_kick(pool);
		return;
	}
	/* The pool's state is consistent before the callbacks run, since they
	 * may start new jobs. */
	while (job) {
		struct db_job *next = job->next;
		job->next = NULL;
		if (job->members != NULL)
			merged_finish(job);
		else
			job_finish(job, job->error ? DB_QUERY_FAILED : DB_OK, NULL);
		job = next;
	}
	pool_kick(pool);
}

/* Read whatever results are complete.  Returns false when the connection
 * is broken (caller drops it). */
static bool conn_read_results(struct db_conn *c)
{
	while (c->state == DBC_BUSY && !PQisBusy(c->pg)) {
		PGresult *r = PQgetResult(c->pg);
		if (r == NULL) {
			/* End of one entry's results. */
			c->cur++;
			if (c->cur > c->nentries)
				return false; /* more boundaries than entries */
			continue;
		}
		if (PQresultStatus(r) == PGRES_PIPELINE_SYNC) {
			PQclear(r);
			if (c->cur != c->nentries)
				return false;
			conn_job_done(c);
			return true;
		}
		if (c->cur >= c->nentries) {
			PQclear(r);
			return false;
		}
		const struct db_entry *e = &c->entries[c->cur];
		const char *sqlstate;
		switch (PQresultStatus(r)) {
		case PGRES_TUPLES_OK:
		case PGRES_COMMAND_OK:
			if (e->job && e->stmt >= 0 && e->job->results[e->stmt] == NULL) {
				e->job->results[e->stmt] = r;
				r = NULL;
			}
			break;
		case PGRES_PIPELINE_ABORTED:
			/* A PREPARE that did not run: prepare it again next time. */
			if (e->stmt < 0)
				prepared_forget(c, e->prep);
			break;
		default:
			sqlstate = PQresultErrorField(r, PG_DIAG_SQLSTATE);
			if (e->stmt < 0)
				prepared_forget(c, e->prep);
			/* "cached plan must not change result type": a migration
			 * changed what a named statement returns. */
			if (sqlstate && strcmp(sqlstate, "0A000") == 0)
				c->prepared_stale = true;
			if (e->job && e->job->error == NULL)
				e->job->failed_stmt = e->stmt;
			if (e->job)
				job_set_error(e->job, sqlstate, PQresultErrorMessage(r));
			break;
		}
		PQclear(r);
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

static bool conn_add_entry(struct db_conn *c, struct db_job *job, int stmt, int prep)
{
	if (c->nentries == c->cap_entries) {
		int cap = c->cap_entries ? c->cap_entries * 2 : 16;
		struct db_entry *e = realloc(c->entries, (size_t)cap * sizeof(*e));
		if (e == NULL)
			return false;
		c->entries = e;
		c->cap_entries = cap;
	}
	c->entries[c->nentries++] = (struct db_entry){.job = job, .stmt = stmt, .prep = prep};
	return true;
}

/* Send one statement, prepared on c at its first use. */
static bool conn_send_stmt(struct db_conn *c, struct db_job *job, int i)
{
	const struct db_stmt *s = &job->stmts[i];
	const char *const *params = (const char *const *)s->params;
	bool fresh;
	int slot = prepared_slot(c, s->sql, &fresh);
	char name[16];
	if (slot < 0)
		return conn_add_entry(c, job, i, -1) &&
		       PQsendQueryParams(c->pg, s->sql, s->nparams, NULL, params, s->lengths,
					 s->formats, s->result_format);
	snprintf(name, sizeof(name), "sk%d", slot);
	if (fresh && (!conn_add_entry(c, job, -1, slot) ||
		      !PQsendPrepare(c->pg, name, s->sql, s->nparams, NULL))) {
		prepared_forget(c, slot);
		return false;
	}
	return conn_add_entry(c, job, i, slot) &&
	       PQsendQueryPrepared(c->pg, name, s->nparams, params, s->lengths, s->formats,
				   s->result_format);
}

/* Run job, and the jobs linked after it, in one transaction. */
static void conn_start_job(struct db_conn *c, struct db_job *job)
{
	c->job = job;
	c->cur = 0;
	c->nentries = 0;
	c->state = DBC_BUSY;
	for (struct db_job *j = job; j; j = j->next) {
		j->results = calloc((size_t)j->nstmts, sizeof(PGresult *));
		if (j->results == NULL) {
			conn_drop(c, "out of memory");
			return;
		}
	}
	if (c->prepared_stale) {
		prepared_forget_all(c);
		c->prepared_stale = false;
		if (!conn_add_entry(c, NULL, -1, -1) ||
		    !PQsendQueryParams(c->pg, "DEALLOCATE ALL", 0, NULL, NULL, NULL, NULL, 0)) {
			conn_drop(c, "cannot send to the database");
			return;
		}
	}
	for (struct db_job *j = job; j; j = j->next)
		for (int i = 0; i < j->nstmts; i++)
			if (!conn_send_stmt(c, j, i)) {
				conn_drop(c, PQerrorMessage(c->pg));
				return;
			}
	if (!PQpipelineSync(c->pg) || !conn_flush(c)) {
		conn_drop(c, PQerrorMessage(c->pg));
		return;
	}
	conn_arm_timer(c, c->pool->query_timeout_ms + DB_DEADLINE_MARGIN_MS);
}

static bool job_may_share(const struct db_job *job)
{
	return job != NULL && job->share_commit && !job->alone;
}

/* Move the shareable jobs at the front of q behind *last while the shared
 * transaction stays within max_jobs jobs and max_stmts statements. */
static void group_fill(struct db_pool *pool, struct db_queue *q, struct db_job **last, int *njobs,
		       int *nstmts, int max_jobs, int max_stmts)
{
	while (job_may_share(q->head) && *njobs < max_jobs &&
	       *nstmts + q->head->nstmts <= max_stmts) {
		(*last)->next = queue_pop(q);
		*last = (*last)->next;
		pool->queue_len--;
		(*njobs)++;
		*nstmts += (*last)->nstmts;
	}
}

static bool jobs_merge_alike(const struct db_job *a, const struct db_job *b)
{
	return a->merge != NULL && a->merge == b->merge && a->merge_key == b->merge_key &&
	       !a->alone && !b->alone;
}

/* One job doing the work of jobs[0..n-1] (db_merge.build), or NULL. */
static struct db_job *merged_job(struct db_job **jobs, int n)
{
	void **args = calloc((size_t)n, sizeof(*args));
	struct db_job *m = db_job_create();
	bool ok = args != NULL && m != NULL;
	for (int i = 0; ok && i < n; i++)
		args[i] = jobs[i]->merge_arg;
	ok = ok && jobs[0]->merge->build(args, n, m) && m->nstmts > 0;
	free(args);
	if (!ok) {
		db_job_free(m);
		return NULL;
	}
	m->lane = jobs[0]->lane;
	m->share_commit = true;
	m->queued_at_ms = jobs[0]->queued_at_ms;
	m->members = jobs;
	m->nmembers = n;
	return m;
}

/* The shared transaction's list (linked by next) with the jobs of each
 * merge (db.h) replaced by the one job made of them, where the first of
 * them was. */
static struct db_job *group_merge(struct db_job *list)
{
	struct db_job *head = NULL, **tail = &head;
	while (list) {
		struct db_job *first = list, **jobs = NULL;
		int n = 1;
		list = list->next;
		first->next = NULL;
		for (const struct db_job *j = list; j; j = j->next)
			n += jobs_merge_alike(first, j);
		if (n > 1 && (jobs = calloc((size_t)n, sizeof(*jobs))) != NULL) {
			struct db_job **rest = &list;
			int k = 1;
			jobs[0] = first;
			while (*rest) {
				struct db_job *j = *rest;
				if (!jobs_merge_alike(first, j)) {
					rest = &j->next;
					continue;
				}
				*rest = j->next;
				j->next = NULL;
				jobs[k++] = j;
			}
			struct db_job *m = merged_job(jobs, n);
			if (m != NULL) {
				log_debug("db: %d jobs merged into one", n);
				*tail = m;
				tail = &m->next;
				continue;
			}
			/* Unmerged, in their order. */
			for (int i = 0; i < n; i++) {
				*tail = jobs[i];
				tail = &jobs[i]->next;
			}
			free(jobs);
			continue;
		}
		*tail = first;
		tail = &first->next;
	}
	return head;
}

/* The next job for connection c (with the jobs that share its
 * transaction linked after it), or NULL. */
static struct db_job *pool_take(struct db_pool *pool, const struct db_conn *c)
{
	struct db_queue *first = &pool->queues[DB_LANE_SHORT_READ_FIRST];
	struct db_queue *reads = &pool->queues[DB_LANE_SHORT_READ];
	struct db_queue *general = &pool->queues[DB_LANE_GENERAL];
	/* Hellos before pulls (db.h), except a pull rerun alone after a
	 * failed shared transaction: it has waited a round trip already and
	 * could not otherwise get past a steady stream of hellos. */
	struct db_queue *q = reads->head && reads->head->alone ? reads
			     : first->head		       ? first
			     : reads->head		       ? reads
			     : !c->reads_only && general->head ? general
							       : NULL;
	if (q == NULL)
		return NULL;
	struct db_job *job = queue_pop(q);
	pool->queue_len--;
	if (!job_may_share(job))
		return job;
	/* Group commit: the shareable jobs waiting right behind it. */
	struct db_job *last = job;
	int njobs = 1, nstmts = job->nstmts;
	if (q == first) {
		/* The waiting hellos, leaving room for the first waiting pull:
		 * pulls go in every round trip, however many hellos wait. */
		const struct db_job *pull = job_may_share(reads->head) ? reads->head : NULL;
		group_fill(pool, first, &last, &njobs, &nstmts, DB_GROUP_MAX_JOBS - (pull ? 1 : 0),
			   DB_GROUP_MAX_STMTS - (pull ? pull->nstmts : 0));
		q = reads;
	}
	group_fill(pool, q, &last, &njobs, &nstmts, DB_GROUP_MAX_JOBS, DB_GROUP_MAX_STMTS);
	return njobs > 1 ? group_merge(job) : job;
}

/* Hand queued jobs to idle connections. */
static void pool_kick(struct db_pool *pool)
{
	for (int i = 0; i < pool->nconns && pool->queue_len > 0; i++) {
		struct db_conn *c = &pool->conns[i];
		if (c->state != DBC_IDLE)
			continue;
		struct db_job *job = pool_take(pool, c);
		if (job)
			conn_start_job(c, job);
	}
}

/* Fail the jobs of q that waited too long. */
static void queue_expire(struct db_pool *pool, struct db_queue *q, int64_t now)
{
	while (q->head && now - q->head->queued_at_ms > pool->query_timeout_ms) {
		pool->queue_len--;
		job_fail_later(pool, queue_pop(q), "timed out waiting for a database connection");
	}
}

/* Once a second: jobs that waited too long in the queue give up. */
static void tick_cb(evutil_socket_t fd, short what, void *arg)
{
	struct db_pool *pool = arg;
	int64_t now = now_ms();
	for (int l = 0; l < DB_LANES; l++)
		queue_expire(pool, &pool->queues[l], now);
}

void db_pool_run(struct db_pool *pool, struct db_job *job, db_job_cb cb, void *arg)
{
	job->cb = cb;
	job->arg = arg;
	job->next = NULL;
	if (job->lane < 0 || job->lane >= DB_LANES)
		job->lane = DB_LANE_GENERAL;
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
	queue_push(&pool->queues[job->lane], job);
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

void db_pool_stats(const struct db_pool *pool, struct db_pool_stats *out)
{
	memset(out, 0, sizeof(*out));
	for (int i = 0; i < pool->nconns; i++) {
		switch (pool->conns[i].state) {
		case DBC_DOWN:
			out->down++;
			break;
		case DBC_CONNECTING:
			out->connecting++;
			break;
		case DBC_IDLE:
			out->idle++;
			break;
		case DBC_BUSY:
			out->busy++;
			break;
		}
	}
	out->queued = pool->queue_len;
	out->queue_max = pool->queue_max;
}

struct db_pool *db_pool_create(struct event_base *base, const char *conninfo, int size,
			       size_t queue_max, int64_t query_timeout_ms, enum db_pool_kind kind)
{
	struct db_pool *pool = calloc(1, sizeof(*pool));
	if (pool == NULL)
		return NULL;
	pool->base = base;
	pool->query_timeout_ms = query_timeout_ms;
	pool->queue_max = queue_max;
	snprintf(pool->options, sizeof(pool->options), "-c statement_timeout=%lld%s",
		 (long long)query_timeout_ms,
		 kind == DB_POOL_READ_ONLY ? " -c default_transaction_read_only=on" : "");
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
		/* With two connections or more the last serves short reads only. */
		c->reads_only = kind == DB_POOL_PRIMARY && size >= 2 && i == size - 1;
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
	/* conns is NULL only in a pool that failed before nconns was set. */
	for (int i = 0; pool->conns != NULL && i < pool->nconns; i++) {
		struct db_conn *c = &pool->conns[i];
		for (struct db_job *job = jobs_unmerge(c->job); job;) {
			struct db_job *next = job->next;
			job_finish(job, DB_SHUTDOWN, "server shutting down");
			job = next;
		}
		c->job = NULL;
		prepared_forget_all(c);
		free(c->entries);
		if (c->io_ev)
			event_free(c->io_ev);
		if (c->timer_ev)
			event_free(c->timer_ev);
		if (c->pg)
			PQfinish(c->pg);
	}
	struct db_job *lists[DB_LANES + 1] = {pool->failed_head};
	for (int l = 0; l < DB_LANES; l++)
		lists[l + 1] = pool->queues[l].head;
	for (int l = 0; l < DB_LANES + 1; l++) {
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
