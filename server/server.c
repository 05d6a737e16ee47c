/* server.c - see server.h. */
#include "server.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>

#include "conn.h"
#include "db.h"
#include "listener.h"
#include "log.h"

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
	event_base_loopexit(srv->base, NULL);
}

struct server *server_create(const struct settings *settings, const char *port_file, char *err,
			     size_t errlen)
{
	struct server *srv = calloc(1, sizeof(*srv));
	if (srv == NULL) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	srv->settings = settings;
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
	if (!srv->reaper_ev || !srv->sigterm_ev || !srv->sigint_ev ||
	    event_add(srv->sigterm_ev, NULL) != 0 || event_add(srv->sigint_ev, NULL) != 0) {
		snprintf(err, errlen, "cannot set up events");
		goto fail;
	}
	srv->db = db_pool_create(srv->base, settings->db, (int)settings->db_pool_size,
				 (size_t)settings->db_queue_size, settings->query_timeout_ms);
	if (srv->db == NULL) {
		snprintf(err, errlen, "cannot create the database pool");
		goto fail;
	}
	srv->listener = listener_create(srv, err, errlen);
	if (srv->listener == NULL)
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
	listener_free(srv->listener);
	/* Connections first: their pending requests are detached, so the
	 * DB_SHUTDOWN callbacks below find nobody to answer. */
	if (srv->reaper_ev)
		reaper_cb(-1, 0, srv);
	while (srv->conns)
		conn_free(srv->conns);
	db_pool_free(srv->db);
	if (srv->reaper_ev)
		event_free(srv->reaper_ev);
	if (srv->sigterm_ev)
		event_free(srv->sigterm_ev);
	if (srv->sigint_ev)
		event_free(srv->sigint_ev);
	if (srv->base)
		event_base_free(srv->base);
	free(srv);
}
