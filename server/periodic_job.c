/* periodic_job.c - see periodic_job.h. */
#include "periodic_job.h"

#include <stdlib.h>

#include "log.h"
#include "server.h"
#include "settings.h"

struct periodic_job {
	struct server *srv;
	const struct periodic_job_kind *kind;
	struct event *timer;
	bool in_flight; /* one run at a time */
	bool freed;	/* set while a run is in flight: its callback frees */
};

static void schedule(struct periodic_job *pj, int64_t ms)
{
	struct timeval tv = {.tv_sec = (time_t)(ms / 1000),
			     .tv_usec = (suseconds_t)((ms % 1000) * 1000)};
	evtimer_add(pj->timer, &tv);
}

static void run_done(void *arg, const struct db_outcome *out)
{
	struct periodic_job *pj = arg;
	bool again = false;
	pj->in_flight = false;
	if (pj->freed) {
		free(pj);
		return;
	}
	if (out->status == DB_OK)
		again = pj->kind->done(pj->srv, out);
	else if (out->status != DB_SHUTDOWN)
		log_debug("%s: %s", pj->kind->name, out->message);
	schedule(pj, again ? 0 : pj->kind->interval_ms(pj->srv->settings));
}

static void run_cb(evutil_socket_t fd, short what, void *arg)
{
	struct periodic_job *pj = arg;
	struct db_job *job = db_job_create();
	if (job == NULL || !pj->kind->build(job, pj->srv->settings)) {
		db_job_free(job);
		schedule(pj, pj->kind->interval_ms(pj->srv->settings));
		return;
	}
	pj->in_flight = true;
	db_pool_run(pj->srv->db, job, run_done, pj);
}

struct periodic_job *periodic_job_start(struct server *srv, const struct periodic_job_kind *kind)
{
	struct periodic_job *pj = calloc(1, sizeof(*pj));
	if (pj == NULL)
		return NULL;
	pj->srv = srv;
	pj->kind = kind;
	pj->timer = evtimer_new(srv->base, run_cb, pj);
	if (pj->timer == NULL) {
		free(pj);
		return NULL;
	}
	schedule(pj, kind->interval_ms(srv->settings));
	return pj;
}

void periodic_job_free(struct periodic_job *pj)
{
	if (pj == NULL)
		return;
	event_free(pj->timer);
	if (pj->in_flight)
		pj->freed = true;
	else
		free(pj);
}

long periodic_job_count(const PGresult *r)
{
	if (r == NULL || PQntuples(r) != 1 || PQnfields(r) != 1)
		return 0;
	return strtol(PQgetvalue(r, 0, 0), NULL, 10);
}
