/*
 * server.h - the running server: event base, settings, database pool,
 * listener and the connections.  One per process.
 */
#ifndef SK_SERVER_H
#define SK_SERVER_H

#include <event2/event.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "metrics.h"
#include "settings.h"

struct conn;
struct db_pool;
struct listener;
struct ratelimit;
struct revocation;
struct metrics_http;
struct periodic_job;

struct server {
	struct event_base *base;
	/* Owned by the caller; reloadable fields change on SIGHUP, between
	 * callbacks, so a handler sees one value for its whole run. */
	struct settings *settings;
	const struct settings_source *source; /* re-read on SIGHUP (caller's) */
	struct db_pool *db;
	struct db_pool *report_db; /* report_db's read-only pool; NULL: not set */
	struct listener *listener;
	struct conn *conns; /* every live connection (conn.prev/next) */
	size_t nconns;
	struct conn *dead;	 /* closed, waiting for reaper_ev (conn.dead_next) */
	struct event *reaper_ev; /* frees dead connections outside their callbacks */
	struct event *sigterm_ev, *sigint_ev, *sighup_ev;
	uint64_t next_conn_id;
	/* Clients the open-files limit can hold (fdlimit.h); max_connections
	 * above it is lowered to it, with a warning. */
	int64_t fd_conn_capacity;
	struct metrics metrics;
	struct ratelimit *enroll_limit;	   /* enrollment attempts (ratelimit.h) */
	struct revocation *revocation;	   /* ends revoked sessions (revocation.h) */
	struct metrics_http *metrics_http; /* NULL: metrics port off */
	struct periodic_job *search_index; /* fills initiative_search (search_index.h) */
	struct periodic_job *upload_sweep; /* dossiers' sweep (upload_sweep.h) */
	struct periodic_job *report_fold;  /* national report counters (report_fold.h) */
};

/* The connection limit in force: max_connections, or less when the
 * open-files limit cannot hold that many. */
int64_t server_max_connections(const struct server *srv);

/*
 * Create the server: pool (connecting in the background), listener bound
 * and listening, signal handlers.  settings were built from source; both
 * stay the caller's and must outlive the server.  When port_file is not
 * NULL the actual port is written there atomically once the socket
 * listens.  Returns NULL with a message in err on failure.
 */
struct server *server_create(struct settings *settings, const struct settings_source *source,
			     const char *port_file, char *err, size_t errlen);

/* Run until SIGTERM or SIGINT; SIGHUP re-reads the settings and applies
 * the reloadable ones (settings.h).  Returns 0 on a clean stop. */
int server_run(struct server *srv);

/* Close every connection, the pool and the listener.  NULL is fine. */
void server_free(struct server *srv);

#endif
