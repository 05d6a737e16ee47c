/* server.c - see server.h. */
#include "server.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>

#include "conn.h"
#include "db.h"
#include "fdlimit.h"
#include "listener.h"
#include "log.h"
#include "metrics_http.h"
#include "ratelimit.h"
#include "revocation.h"
#include "sdnotify.h"
#include "report_fold.h"
#include "search_index.h"
#include "upload_sweep.h"

int64_t server_max_connections(const struct server *srv)
{
	int64_t want = srv->settings->max_connections;
	return want < srv->fd_conn_capacity ? want : srv->fd_conn_capacity;
}

/* Said at start and after each reload, so the operator sees the real limit. */
static void warn_connection_capacity(const struct server *srv)
{
	if (srv->settings->max_connections > srv->fd_conn_capacity)
		log_warn(
		    "max_connections = %lld cannot be held by the open-files limit: using %lld "
		    "(raise LimitNOFILE / ulimit -n for more)",
		    (long long)srv->settings->max_connections, (long long)srv->fd_conn_capacity);
}

static void reaper_cb(evutil_socket_t fd, short what, void *arg)
{
	struct server *srv = arg;
	struct conn *c = srv->dead;
	srv->dead = NULL;
	while (c) {
		struct conn *next = c->dead_next;
		conn_free(c);
		c = next;
	}
}

static void signal_cb(evutil_socket_t sig, short what, void *arg)
{
	struct server *srv = arg;
	log_info("signal %d: stopping", (int)sig);
	sdnotify("STOPPING=1");
	event_base_loopexit(srv->base, NULL);
}

/*
 * SIGHUP: build the settings again from the same sources and apply what may
 * change while running.  Reading the small INI file is the one file read in
 * the loop, done only at an operator's request.  A file that no longer
 * parses changes nothing.
 */
static void reload_cb(evutil_socket_t sig, short what, void *arg)
{
	struct server *srv = arg;
	struct settings fresh;
	char err[1024];

	sdnotify("RELOADING=1");
	if (!settings_build(&fresh, srv->source, err, sizeof(err))) {
		log_error("reload refused, settings unchanged: %s", err);
		sdnotify("READY=1\nSTATUS=reload refused, settings unchanged");
		return;
	}
	int n = settings_apply_reloadable(srv->settings, &fresh);
	log_set_level(srv->settings->log_level);
	log_info("reload: %d setting%s changed", n, n == 1 ? "" : "s");
	warn_connection_capacity(srv);
	sdnotify("READY=1\nSTATUS=settings reloaded");
	settings_release(&fresh);
}

struct server *server_create(struct settings *settings, const struct settings_source *source,
			     const char *port_file, char *err, size_t errlen)
{
	struct server *srv = calloc(1, sizeof(*srv));
	if (srv == NULL) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	srv->settings = settings;
	srv->source = source;
	srv->fd_conn_capacity =
	    fdlimit_connection_capacity(fdlimit_raise(), settings->db_pool_size);
	warn_connection_capacity(srv);
	/* A peer that vanishes must not kill the process on write. */
	signal(SIGPIPE, SIG_IGN);
	srv->base = event_base_new();
	if (srv->base == NULL) {
		snprintf(err, errlen, "cannot create the event loop");
		goto fail;
	}
	srv->reaper_ev = event_new(srv->base, -1, 0, reaper_cb, srv);
	srv->sigterm_ev = evsignal_new(srv->base, SIGTERM, signal_cb, srv);
	srv->sigint_ev = evsignal_new(srv->base, SIGINT, signal_cb, srv);
	srv->sighup_ev = evsignal_new(srv->base, SIGHUP, reload_cb, srv);
	if (!srv->reaper_ev || !srv->sigterm_ev || !srv->sigint_ev || !srv->sighup_ev ||
	    event_add(srv->sigterm_ev, NULL) != 0 || event_add(srv->sigint_ev, NULL) != 0 ||
	    event_add(srv->sighup_ev, NULL) != 0) {
		snprintf(err, errlen, "cannot set up events");
		goto fail;
	}
	srv->enroll_limit = ratelimit_create();
	if (srv->enroll_limit == NULL) {
		snprintf(err, errlen, "out of memory");
		goto fail;
	}
	srv->db = db_pool_create(srv->base, settings->db, (int)settings->db_pool_size,
				 (size_t)settings->db_queue_size, settings->query_timeout_ms,
				 DB_POOL_PRIMARY);
	if (srv->db == NULL) {
		snprintf(err, errlen, "cannot create the database pool");
		goto fail;
	}
	if (settings->report_db != NULL) {
		srv->report_db = db_pool_create(
		    srv->base, settings->report_db, (int)settings->report_db_pool_size,
		    (size_t)settings->db_queue_size, settings->query_timeout_ms, DB_POOL_READ_ONLY);
		if (srv->report_db == NULL) {
			snprintf(err, errlen, "cannot create the report database pool");
			goto fail;
		}
		log_info("reports, progress and lists read from report_db (%d connections)",
			 (int)settings->report_db_pool_size);
	}
	srv->revocation = revocation_start(srv);
	srv->search_index = search_index_start(srv);
	srv->upload_sweep = upload_sweep_start(srv);
	srv->report_fold = report_fold_start(srv);
	if (srv->revocation == NULL || srv->search_index == NULL || srv->upload_sweep == NULL ||
	    srv->report_fold == NULL) {
		snprintf(err, errlen, "out of memory");
		goto fail;
	}
	srv->listener = listener_create(srv, err, errlen);
	if (srv->listener == NULL)
		goto fail;
	/* Before the port file: who waits for it may scrape at once. */
	if (!metrics_http_start(srv, &srv->metrics_http, err, errlen))
		goto fail;
	if (port_file && !listener_write_port_file(srv->listener, port_file, err, errlen))
		goto fail;
	log_info("listening on %s (port %d)", settings->listen, listener_port(srv->listener));
	return srv;
fail:
	server_free(srv);
	return NULL;
}

int server_run(struct server *srv)
{
	char status[160];
	snprintf(status, sizeof(status), "READY=1\nSTATUS=listening on %s (port %d)",
		 srv->settings->listen, listener_port(srv->listener));
	sdnotify(status);
	if (event_base_dispatch(srv->base) < 0) {
		log_error("event loop failed");
		return 1;
	}
	return 0;
}

void server_free(struct server *srv)
{
	if (srv == NULL)
		return;
	metrics_http_free(srv->metrics_http);
	listener_free(srv->listener);
	/* Connections first: their pending requests are detached, so the
	 * DB_SHUTDOWN callbacks below find nobody to answer. */
	if (srv->reaper_ev)
		reaper_cb(-1, 0, srv);
	while (srv->conns)
		conn_free(srv->conns);
	revocation_free(srv->revocation);
	periodic_job_free(srv->search_index);
	periodic_job_free(srv->upload_sweep);
	periodic_job_free(srv->report_fold);
	db_pool_free(srv->report_db);
	db_pool_free(srv->db);
	ratelimit_free(srv->enroll_limit);
	if (srv->reaper_ev)
		event_free(srv->reaper_ev);
	if (srv->sigterm_ev)
		event_free(srv->sigterm_ev);
	if (srv->sigint_ev)
		event_free(srv->sigint_ev);
	if (srv->sighup_ev)
		event_free(srv->sighup_ev);
	if (srv->base)
		event_base_free(srv->base);
	free(srv);
}
