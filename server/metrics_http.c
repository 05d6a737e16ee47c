/* metrics_http.c - see metrics_http.h. */
#include "metrics_http.h"

#include <arpa/inet.h>
#include <ctype.h>
#include <event2/buffer.h>
#include <event2/http.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "conn.h"
#include "db.h"
#include "address.h"
#include "listener.h"
#include "log.h"
#include "server.h"
#include "wire.h"

struct metrics_http {
	struct server *srv;
	struct evhttp *http;
	int port;
};

static void help(struct evbuffer *b, const char *name, const char *type, const char *text)
{
	evbuffer_add_printf(b, "# HELP %s %s\n# TYPE %s %s\n", name, text, name, type);
}

static void scalar(struct evbuffer *b, const char *name, const char *type, const char *text,
		   unsigned long long v)
{
	help(b, name, type, text);
	evbuffer_add_printf(b, "%s %llu\n", name, v);
}

/* "ITEM_ACCEPTED" -> "accepted" (prefix dropped, lower case). */
static void item_status_name(unsigned st, char *out, size_t len)
{
	const ProtobufCEnumValue *v =
	    protobuf_c_enum_descriptor_get_value(&sangkien__item_status__descriptor, (int)st);
	const char *n = v ? v->name : "unknown";
	if (strncmp(n, "ITEM_", 5) == 0)
		n += 5;
	size_t i = 0;
	for (; n[i] && i + 1 < len; i++)
		out[i] = (char)tolower((unsigned char)n[i]);
	out[i] = '\0';
}

static void render_connections(const struct server *srv, struct evbuffer *b)
{
	static const char *const names[] = {"await_hello", "ready", "busy", "closing"};
	unsigned long long by_state[4] = {0};
	for (const struct conn *c = srv->conns; c != NULL; c = c->next)
		by_state[c->state <= CONN_CLOSING ? c->state : CONN_CLOSING]++;
	help(b, "sangkien_connections", "gauge", "Client connections by state.");
	for (int i = 0; i < 4; i++)
		evbuffer_add_printf(b, "sangkien_connections{state=\"%s\"} %llu\n", names[i],
				    by_state[i]);
	scalar(b, "sangkien_connections_limit", "gauge",
	       "Connections accepted at most (max_connections, held to the open-files limit).",
	       (unsigned long long)server_max_connections(srv));
	const struct metrics *m = &srv->metrics;
	scalar(b, "sangkien_connections_accepted_total", "counter", "Connections accepted.",
	       m->conn_accepted);
	help(b, "sangkien_connections_refused_total", "counter",
	     "Connections answered ERROR_UNAVAILABLE and closed, by reason.");
	evbuffer_add_printf(b,
			    "sangkien_connections_refused_total{reason=\"max_connections\"} %llu\n"
			    "sangkien_connections_refused_total{reason=\"out_of_descriptors\"} "
			    "%llu\n",
			    (unsigned long long)m->conn_refused_full,
			    (unsigned long long)m->conn_shed_nofile);
	scalar(b, "sangkien_accept_pauses_total", "counter",
	       "Times accepting paused for lack of file descriptors.", m->accept_pauses);
}

static void render_requests(const struct metrics *m, struct evbuffer *b)
{
	help(b, "sangkien_requests_total", "counter", "Requests answered, by type and result.");
	for (int t = 1; t < METRICS_BODIES; t++)
		for (int r = 0; r < METRICS_RESULTS; r++)
			if (m->requests[t][r] > 0)
				evbuffer_add_printf(
				    b, "sangkien_requests_total{type=\"%s\",result=\"%s\"} %llu\n",
				    wire_body_name((Sangkien__Envelope__BodyCase)t),
				    r == 0 ? "ok" : wire_error_code_name((Sangkien__ErrorCode)r),
				    (unsigned long long)m->requests[t][r]);
	help(b, "sangkien_request_duration_seconds", "histogram",
	     "Time from reading a request to queueing its reply, by type.");
	for (int t = 1; t < METRICS_BODIES; t++) {
		const struct latency_histogram *h = &m->latency[t];
		if (h->count == 0)
			continue;
		const char *type = wire_body_name((Sangkien__Envelope__BodyCase)t);
		unsigned long long cum = 0;
		for (int i = 0; i < METRICS_LATENCY_BUCKETS; i++) {
			cum += h->buckets[i];
			evbuffer_add_printf(b,
					    "sangkien_request_duration_seconds_bucket{type=\"%s\","
					    "le=\"%g\"} %llu\n",
					    type, metrics_latency_bounds_ms[i] / 1000.0, cum);
		}
		evbuffer_add_printf(
		    b,
		    "sangkien_request_duration_seconds_bucket{type=\"%s\",le=\"+Inf\"} %llu\n"
		    "sangkien_request_duration_seconds_sum{type=\"%s\"} %.6f\n"
		    "sangkien_request_duration_seconds_count{type=\"%s\"} %llu\n",
		    type, (unsigned long long)h->count, type, h->sum_seconds, type,
		    (unsigned long long)h->count);
	}
	help(b, "sangkien_items_total", "counter",
	     "Items of submit, edit and withdraw batches, by request type and outcome.");
	for (int t = 1; t < METRICS_BODIES; t++)
		for (unsigned s = 1; s < METRICS_ITEM_STATUSES; s++) {
			if (m->items[t][s] == 0)
				continue;
			char st[32];
			item_status_name(s, st, sizeof(st));
			evbuffer_add_printf(
			    b, "sangkien_items_total{type=\"%s\",status=\"%s\"} %llu\n",
			    wire_body_name((Sangkien__Envelope__BodyCase)t), st,
			    (unsigned long long)m->items[t][s]);
		}
	scalar(b, "sangkien_pull_pages_total", "counter", "Pull pages sent.", m->pull_pages);
	scalar(b, "sangkien_pull_items_total", "counter", "Initiatives sent in pull pages.",
	       m->pull_items);
}

static void render_dossiers(const struct metrics *m, struct evbuffer *b)
{
	scalar(b, "sangkien_upload_bytes_total", "counter",
	       "File bytes of dossiers stored from upload chunks.", m->upload_bytes);
	help(b, "sangkien_uploads_total", "counter", "Upload commits and drops, by outcome.");
	evbuffer_add_printf(
	    b,
	    "sangkien_uploads_total{outcome=\"committed\"} %llu\n"
	    "sangkien_uploads_total{outcome=\"hash_mismatch\"} %llu\n"
	    "sangkien_uploads_total{outcome=\"type_refused\"} %llu\n"
	    "sangkien_uploads_total{outcome=\"abandoned\"} %llu\n",
	    (unsigned long long)m->uploads_committed, (unsigned long long)m->uploads_refused_hash,
	    (unsigned long long)m->uploads_refused_type, (unsigned long long)m->uploads_abandoned);
	scalar(b, "sangkien_files_unattached_removed_total", "counter",
	       "Committed files attached to no initiative removed by the sweep.",
	       m->files_unattached_removed);
	scalar(b, "sangkien_download_bytes_total", "counter",
	       "File bytes of dossiers sent to operators.", m->download_bytes);
}

static void render_pool_connections(struct evbuffer *b, const char *name, const char *what,
				    const struct db_pool_stats *st)
{
	help(b, name, "gauge", what);
	evbuffer_add_printf(b,
			    "%s{state=\"down\"} %d\n%s{state=\"connecting\"} %d\n"
			    "%s{state=\"idle\"} %d\n%s{state=\"busy\"} %d\n",
			    name, st->down, name, st->connecting, name, st->idle, name, st->busy);
}

static void render_db(const struct server *srv, struct evbuffer *b)
{
	struct db_pool_stats st;
	if (srv->report_db != NULL) {
		db_pool_stats(srv->report_db, &st);
		render_pool_connections(b, "sangkien_report_db_connections",
					"report_db pool connections by state.", &st);
	}
	scalar(b, "sangkien_report_db_fallbacks_total", "counter",
	       "Reports, progress and exports read from the primary because report_db was down.",
	       srv->metrics.report_db_fallbacks);
	db_pool_stats(srv->db, &st);
	render_pool_connections(b, "sangkien_db_connections", "Database pool connections by state.",
				&st);
	scalar(b, "sangkien_db_queue_depth", "gauge", "Database jobs waiting for a connection.",
	       st.queued);
	scalar(b, "sangkien_db_queue_limit", "gauge",
	       "Database jobs that may wait (db_queue_size).", st.queue_max);
}

static void render_enroll(const struct metrics *m, struct evbuffer *b)
{
	help(b, "sangkien_enrollments_total", "counter", "Enrollment codes looked up, by result.");
	evbuffer_add_printf(b,
			    "sangkien_enrollments_total{result=\"ok\"} %llu\n"
			    "sangkien_enrollments_total{result=\"wrong_code\"} %llu\n",
			    (unsigned long long)m->enroll_succeeded,
			    (unsigned long long)m->enroll_failed);
	help(b, "sangkien_enrollment_refusals_total", "counter",
	     "Enrollment attempts refused unread by the limits, by limit.");
	evbuffer_add_printf(b,
			    "sangkien_enrollment_refusals_total{limit=\"address\"} %llu\n"
			    "sangkien_enrollment_refusals_total{limit=\"global\"} %llu\n",
			    (unsigned long long)m->enroll_refused_address,
			    (unsigned long long)m->enroll_refused_global);
	scalar(b, "sangkien_sessions_revoked_total", "counter",
	       "Sessions ended because their credential was revoked.", m->sessions_revoked);
	scalar(b, "sangkien_log_lines_suppressed_total", "counter",
	       "Log lines left out by the rate limit.", log_suppressed_total());
}

void metrics_render(const struct server *srv, struct evbuffer *out)
{
	render_connections(srv, out);
	render_requests(&srv->metrics, out);
	render_dossiers(&srv->metrics, out);
	render_db(srv, out);
	render_enroll(&srv->metrics, out);
}

static void reply_text(struct evhttp_request *req, int code, const char *reason,
		       const char *content_type, struct evbuffer *body)
{
	evhttp_add_header(evhttp_request_get_output_headers(req), "Content-Type", content_type);
	evhttp_send_reply(req, code, reason, body);
}

static void request_cb(struct evhttp_request *req, void *arg)
{
	struct metrics_http *mh = arg;
	const char *path = evhttp_uri_get_path(evhttp_request_get_evhttp_uri(req));
	struct evbuffer *body = evbuffer_new();
	if (body == NULL) {
		evhttp_send_error(req, 500, "out of memory");
		return;
	}
	if (path != NULL && strcmp(path, "/metrics") == 0) {
		metrics_render(mh->srv, body);
		reply_text(req, 200, "OK", "text/plain; version=0.0.4; charset=utf-8", body);
	} else if (path != NULL && strcmp(path, "/healthz") == 0) {
		struct db_pool_stats st;
		db_pool_stats(mh->srv->db, &st);
		int up = st.idle + st.busy, all = up + st.down + st.connecting;
		evbuffer_add_printf(body, "%s: database connections up %d of %d\n",
				    up > 0 ? "ok" : "unavailable", up, all);
		reply_text(req, up > 0 ? 200 : 503, up > 0 ? "OK" : "Service Unavailable",
			   "text/plain; charset=utf-8", body);
	} else {
		evbuffer_add_printf(body, "not found: try /metrics or /healthz\n");
		reply_text(req, 404, "Not Found", "text/plain; charset=utf-8", body);
	}
	evbuffer_free(body);
}

static bool is_loopback(const char *host)
{
	struct in_addr a4;
	struct in6_addr a6;
	if (inet_pton(AF_INET, host, &a4) == 1)
		return (ntohl(a4.s_addr) >> 24) == 127;
	return inet_pton(AF_INET6, host, &a6) == 1 && IN6_IS_ADDR_LOOPBACK(&a6);
}

bool metrics_http_start(struct server *srv, struct metrics_http **out, char *err, size_t errlen)
{
	*out = NULL;
	const char *addr = srv->settings->metrics_listen;
	if (addr == NULL)
		return true;
	char host[64], port[8];
	if (!address_split(addr, host, sizeof(host), port, sizeof(port))) {
		snprintf(err, errlen, "metrics_listen: \"%s\" is not HOST:PORT", addr);
		return false;
	}
	if (!is_loopback(host)) {
		snprintf(err, errlen,
			 "metrics_listen: %s is not a loopback address (127.0.0.0/8 or ::1): "
			 "the metrics are for the machine's own collector",
			 host);
		return false;
	}
	struct metrics_http *mh = calloc(1, sizeof(*mh));
	if (mh == NULL || (mh->http = evhttp_new(srv->base)) == NULL) {
		free(mh);
		snprintf(err, errlen, "out of memory");
		return false;
	}
	mh->srv = srv;
	/* Small requests only, from a scraper that does not dawdle. */
	evhttp_set_allowed_methods(mh->http, EVHTTP_REQ_GET | EVHTTP_REQ_HEAD);
	evhttp_set_max_headers_size(mh->http, 8192);
	evhttp_set_max_body_size(mh->http, 0);
	evhttp_set_timeout(mh->http, 10);
	evhttp_set_gencb(mh->http, request_cb, mh);
	struct evhttp_bound_socket *bs =
	    evhttp_bind_socket_with_handle(mh->http, host, (ev_uint16_t)atoi(port));
	if (bs == NULL) {
		snprintf(err, errlen, "metrics_listen: cannot bind %s", addr);
		metrics_http_free(mh);
		return false;
	}
	struct sockaddr_storage ss;
	socklen_t sl = sizeof(ss);
	if (getsockname(evhttp_bound_socket_get_fd(bs), (struct sockaddr *)&ss, &sl) == 0)
		mh->port = ntohs(ss.ss_family == AF_INET6 ? ((struct sockaddr_in6 *)&ss)->sin6_port
							  : ((struct sockaddr_in *)&ss)->sin_port);
	log_info("metrics on http://%s%s%s:%d/metrics (and /healthz)", strchr(host, ':') ? "[" : "",
		 host, strchr(host, ':') ? "]" : "", mh->port);
	*out = mh;
	return true;
}

int metrics_http_port(const struct metrics_http *mh)
{
	return mh->port;
}

void metrics_http_free(struct metrics_http *mh)
{
	if (mh == NULL)
		return;
	if (mh->http)
		evhttp_free(mh->http);
	free(mh);
}
