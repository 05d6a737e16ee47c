/* upload_sweep.c - see upload_sweep.h. */
#include "upload_sweep.h"

#include <stdbool.h>
#include <stdlib.h>

#include "db.h"
#include "dossier_queries.h"
#include "log.h"
#include "server.h"
#include "settings.h"

/* Uploads dropped per statement: each may hold max_file_bytes of chunks. */
#define UPLOAD_SWEEP_BATCH 100

struct upload_sweep {
	struct server *srv;
	struct event *timer;
	bool in_flight; /* one run at a time */
	bool freed;	/* set while a run is in flight: its callback frees */
};

static void schedule(struct upload_sweep *us, int64_t ms)
{
	struct timeval tv = {.tv_sec = (time_t)(ms / 1000),
			     .tv_usec = (suseconds_t)((ms % 1000) * 1000)};
	evtimer_add(us->timer, &tv);
}

static void run_done(void *arg, const struct db_outcome *out)
{
	struct upload_sweep *us = arg;
	long dropped = 0;
	us->in_flight = false;
	if (us->freed) {
		free(us);
		return;
	}
	if (out->status == DB_OK && PQntuples(out->results[0]) == 1) {
		dropped = strtol(PQgetvalue(out->results[0], 0, 0), NULL, 10);
		if (dropped > 0) {
			us->srv->metrics.uploads_abandoned += (uint64_t)dropped;
			log_info("dossiers: %ld abandoned upload%s dropped", dropped,
				 dropped == 1 ? "" : "s");
		}
	} else if (out->status != DB_SHUTDOWN) {
		log_debug("dossiers: sweep: %s", out->message);
	}
	schedule(us, dropped >= UPLOAD_SWEEP_BATCH ? 0 : us->srv->settings->upload_sweep_ms);
}

static void run_cb(evutil_socket_t fd, short what, void *arg)
{
	struct upload_sweep *us = arg;
	struct db_job *job = db_job_create();
	if (job == NULL ||
	    !dossier_query_sweep(job, us->srv->settings->upload_abandon_s, UPLOAD_SWEEP_BATCH)) {
		db_job_free(job);
		schedule(us, us->srv->settings->upload_sweep_ms);
		return;
	}
	us->in_flight = true;
	db_pool_run(us->srv->db, job, run_done, us);
}

struct upload_sweep *upload_sweep_start(struct server *srv)
{
	struct upload_sweep *us = calloc(1, sizeof(*us));
	if (us == NULL)
		return NULL;
	us->srv = srv;
	us->timer = evtimer_new(srv->base, run_cb, us);
	if (us->timer == NULL) {
		free(us);
		return NULL;
	}
	schedule(us, srv->settings->upload_sweep_ms);
	return us;
}

void upload_sweep_free(struct upload_sweep *us)
{
	if (us == NULL)
		return;
	event_free(us->timer);
	if (us->in_flight)
		us->freed = true;
	else
		free(us);
}
