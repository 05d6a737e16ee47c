/*
 * metrics_http.h - the metrics port: a small HTTP server (libevent evhttp)
 * in the server's own event loop, on metrics_listen (a loopback address;
 * off when unset).
 *   GET /metrics  the counters of metrics.h and the live gauges, in the
 *                 Prometheus text format (version 0.0.4);
 *   GET /healthz  200 "ok" when at least one database connection is up,
 *                 else 503: what a load balancer or systemd check needs.
 * Replies are built in memory from counters: nothing blocks.
 */
#ifndef SK_METRICS_HTTP_H
#define SK_METRICS_HTTP_H

#include <stdbool.h>
#include <stddef.h>

struct server;
struct metrics_http;
struct evbuffer;

/* Bind metrics_listen and serve.  *out is NULL when the setting is unset.
 * False with a message in err when the address is wrong or not loopback,
 * or cannot be bound. */
bool metrics_http_start(struct server *srv, struct metrics_http **out, char *err, size_t errlen);

/* The port bound (useful with port 0). */
int metrics_http_port(const struct metrics_http *mh);

void metrics_http_free(struct metrics_http *mh);

/* Append the Prometheus text exposition of srv to out. */
void metrics_render(const struct server *srv, struct evbuffer *out);

#endif
