/* search_index.c - see search_index.h. */
#include "search_index.h"

#include <stdbool.h>
#include <stdlib.h>

#include "db.h"
#include "log.h"
#include "server.h"
#include "settings.h"

#define SEARCH_INDEX_BATCH 5000
#define SEARCH_INDEX_BATCH_TEXT "5000"

struct search_index {
	struct server *srv;
	struct event *timer;
	bool in_flight; /* one run at a time */
	bool freed;	/* set while a run is in flight: its callback frees */
};

static void schedule(struct search_index *si, int64_t ms)
{
	struct timeval tv = {.tv_sec = (time_t)(ms / 1000),
			     .tv_usec = (suseconds_t)((ms % 1000) * 1000)};
	evtimer_add(si->timer, &tv);
}

static void run_done(void *arg, const struct db_outcome *out)
{
	struct search_index *si = arg;
	long taken = 0;
	si->in_flight = false;
	if (si->freed) {
		free(si);
		return;
	}
	if (out->status == DB_OK && PQntuples(out->results[0]) == 1) {
		taken = strtol(PQgetvalue(out->results[0], 0, 0), NULL, 10);
		if (taken > 0)
			log_debug("search index: %ld initiative%s indexed", taken,
				  taken == 1 ? "" : "s");
	} else if (out->status != DB_SHUTDOWN) {
		log_debug("search index: %s", out->message);
	}
	/* A full batch: more are waiting, go on at once. */
	schedule(si, taken >= SEARCH_INDEX_BATCH ? 0 : si->srv->settings->search_index_ms);
}

static void run_cb(evutil_socket_t fd, short what, void *arg)
{
	struct search_index *si = arg;
	const char *params[] = {SEARCH_INDEX_BATCH_TEXT};
	struct db_job *job = db_job_create();
	if (job == NULL || !db_job_add(job, "SELECT sk_search_index($1::int)", 1, params)) {
		db_job_free(job);
		schedule(si, si->srv->settings->search_index_ms);
		return;
	}
	si->in_flight = true;
	db_pool_run(si->srv->db, job, run_done, si);
}

struct search_index *search_index_start(struct server *srv)
{
	struct search_index *si = calloc(1, sizeof(*si));
	if (si == NULL)
		return NULL;
	si->srv = srv;
	si->timer = evtimer_new(srv->base, run_cb, si);
	if (si->timer == NULL) {
		free(si);
		return NULL;
	}
	schedule(si, si->srv->settings->search_index_ms);
	return si;
}

void search_index_free(struct search_index *si)
{
	if (si == NULL)
		return;
	event_free(si->timer);
	if (si->in_flight)
		si->freed = true;
	else
		free(si);
}
