/* revocation.c - see revocation.h. */
#include "revocation.h"

#include <stdio.h>
#include <stdlib.h>

#include "conn.h"
#include "db.h"
#include "log.h"
#include "server.h"
#include "strbuf.h"

struct revocation {
	struct server *srv;
	struct event *timer;
	bool in_flight; /* one check at a time */
	bool freed;	/* set while a check is in flight: its callback frees */
};

static void arm(struct revocation *rv)
{
	int64_t ms = rv->srv->settings->revocation_check_ms;
	struct timeval tv = {.tv_sec = (time_t)(ms / 1000),
			     .tv_usec = (suseconds_t)((ms % 1000) * 1000)};
	evtimer_add(rv->timer, &tv);
}

int revocation_end_sessions(struct server *srv, int64_t credential_id)
{
	int n = 0;
	for (struct conn *c = srv->conns; c != NULL; c = c->next) {
		if (c->sess.credential_id != credential_id || c->dead || c->state == CONN_CLOSING ||
		    c->revoked)
			continue;
		conn_end_revoked(c);
		n++;
	}
	srv->metrics.sessions_revoked += (uint64_t)n;
	if (n > 0)
		log_info("credential %lld revoked: %d session%s ended", (long long)credential_id, n,
			 n == 1 ? "" : "s");
	return n;
}

static void check_done(void *arg, const struct db_outcome *out)
{
	struct revocation *rv = arg;
	rv->in_flight = false;
	if (rv->freed) {
		free(rv);
		return;
	}
	if (out->status == DB_OK) {
		const PGresult *r = out->results[0];
		for (int i = 0; i < PQntuples(r); i++)
			revocation_end_sessions(rv->srv, strtoll(PQgetvalue(r, i, 0), NULL, 10));
	} else if (out->status != DB_SHUTDOWN) {
		log_debug("revocation check failed: %s", out->message);
	}
	arm(rv);
}

static void check_cb(evutil_socket_t fd, short what, void *arg)
{
	struct revocation *rv = arg;
	struct strbuf ids = STRBUF_INIT;
	strbuf_appends(&ids, "{");
	for (struct conn *c = rv->srv->conns; c != NULL; c = c->next)
		if (c->sess.credential_id > 0 && !c->dead && !c->revoked)
			strbuf_appendf(&ids, "%s%lld", ids.len > 1 ? "," : "",
				       (long long)c->sess.credential_id);
	strbuf_appends(&ids, "}");
	const char *list = strbuf_str(&ids);
	if (list == NULL || ids.len <= 2) {
		strbuf_release(&ids);
		arm(rv); /* nobody to check (or out of memory: next time) */
		return;
	}
	struct db_job *job = db_job_create();
	const char *params[] = {list};
	if (job == NULL || !db_job_add(job,
				       "SELECT id FROM credentials WHERE id = ANY($1::bigint[])"
				       " AND revoked_at IS NOT NULL",
				       1, params)) {
		db_job_free(job);
		strbuf_release(&ids);
		arm(rv);
		return;
	}
	strbuf_release(&ids);
	rv->in_flight = true;
	db_pool_run(rv->srv->db, job, check_done, rv);
}

struct revocation *revocation_start(struct server *srv)
{
	struct revocation *rv = calloc(1, sizeof(*rv));
	if (rv == NULL)
		return NULL;
	rv->srv = srv;
	rv->timer = evtimer_new(srv->base, check_cb, rv);
	if (rv->timer == NULL) {
		free(rv);
		return NULL;
	}
	arm(rv);
	return rv;
}

void revocation_free(struct revocation *rv)
{
	if (rv == NULL)
		return;
	event_free(rv->timer);
	/* A check still in the pool gets its DB_SHUTDOWN callback later. */
	if (rv->in_flight)
		rv->freed = true;
	else
		free(rv);
}
