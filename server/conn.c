/* conn.c - see conn.h. */
#include "conn.h"

#include <arpa/inet.h>
#include <event2/buffer.h>
#include <netinet/in.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "dispatch.h"
#include "frame.h"
#include "log.h"
#include "metrics.h"
#include "server.h"
#include "tls.h"
#include "wire.h"

/* How long a closing connection may take to read its last error frame. */
#define CONN_CLOSE_GRACE_MS 5000

static void conn_read_cb(struct bufferevent *bev, void *arg);
static void conn_write_cb(struct bufferevent *bev, void *arg);
static void conn_event_cb(struct bufferevent *bev, short what, void *arg);
static void conn_reader_cb(void *arg, short what);
static void conn_timer_cb(evutil_socket_t fd, short what, void *arg);
static void conn_process(struct conn *c);

static void arm_timer(struct conn *c, int64_t ms)
{
	struct timeval tv = {.tv_sec = (time_t)(ms / 1000),
			     .tv_usec = (suseconds_t)((ms % 1000) * 1000)};
	evtimer_add(c->timer, &tv);
}

uint32_t conn_frame_limit(const struct conn *c)
{
	switch (c->sess.role) {
	case SANGKIEN__ROLE__ROLE_UNIT:
	case SANGKIEN__ROLE__ROLE_OPERATOR:
	case SANGKIEN__ROLE__ROLE_ADMINISTRATOR:
		return (uint32_t)c->srv->settings->max_frame_bytes;
	default:
		return SETTINGS_PREAUTH_FRAME_BYTES;
	}
}

/* Input kept while a request runs: one full frame and its header; on a
 * unit's connection CONN_UNIT_INPUT_FRAMES of them, so the chunks of an
 * upload that arrive while one batch is stored go to the database together
 * (conn_take_next).  Reads of up to a frame at a time (conn_read.h), so a
 * chunk is one or a few reads rather than 4,096 bytes a read. */
static void set_read_watermark(struct conn *c)
{
	size_t frame = (size_t)conn_frame_limit(c) + FRAME_HEADER_BYTES;
	size_t frames = c->sess.role == SANGKIEN__ROLE__ROLE_UNIT ? CONN_UNIT_INPUT_FRAMES : 1;
	if (c->reader != NULL) {
		conn_reader_limits(c->reader, frames * frame, frame);
		return;
	}
	bufferevent_setwatermark(c->bev, EV_READ, 0, frames * frame);
	bufferevent_set_max_single_read(c->bev, frame);
}

/* No more reads from the peer. */
static void stop_reading(struct conn *c)
{
	if (c->reader != NULL)
		conn_reader_stop(c->reader);
	bufferevent_disable(c->bev, EV_READ);
}

void conn_authenticated(struct conn *c)
{
	c->state = CONN_READY;
	set_read_watermark(c);
	arm_timer(c, c->srv->settings->idle_timeout_ms);
}

static void format_peer(char *out, size_t len, const struct sockaddr *sa)
{
	char host[INET6_ADDRSTRLEN] = "?";
	unsigned port = 0;
	if (sa->sa_family == AF_INET) {
		const struct sockaddr_in *in = (const struct sockaddr_in *)sa;
		inet_ntop(AF_INET, &in->sin_addr, host, sizeof(host));
		port = ntohs(in->sin_port);
		snprintf(out, len, "%s:%u", host, port);
	} else if (sa->sa_family == AF_INET6) {
		const struct sockaddr_in6 *in6 = (const struct sockaddr_in6 *)sa;
		inet_ntop(AF_INET6, &in6->sin6_addr, host, sizeof(host));
		port = ntohs(in6->sin6_port);
		snprintf(out, len, "[%s]:%u", host, port);
	} else {
		snprintf(out, len, "?");
	}
}

struct conn *conn_create(struct server *srv, evutil_socket_t fd, const struct sockaddr *addr,
			 int addrlen, struct ssl_ctx_st *tls)
{
	struct conn *c = calloc(1, sizeof(*c));
	if (c == NULL) {
		evutil_closesocket(fd);
		return NULL;
	}
	c->srv = srv;
	c->id = ++srv->next_conn_id;
	format_peer(c->peer, sizeof(c->peer), addr);
	if (addrlen > 0 && (size_t)addrlen <= sizeof(c->peer_addr))
		memcpy(&c->peer_addr, addr, (size_t)addrlen);
	c->tls = tls != NULL;
	/* Both constructors close fd themselves when they fail. */
	c->bev = tls != NULL ? tls_bufferevent_accept(srv->base, tls, fd)
			     : bufferevent_socket_new(srv->base, fd, BEV_OPT_CLOSE_ON_FREE);
	c->timer = evtimer_new(srv->base, conn_timer_cb, c);
	if (tls == NULL && c->bev != NULL)
		c->reader = conn_reader_new(srv->base, fd, bufferevent_get_input(c->bev),
					    conn_reader_cb, c);
	if (c->bev == NULL || c->timer == NULL || (tls == NULL && c->reader == NULL)) {
		if (c->bev)
			bufferevent_free(c->bev);
		else if (tls == NULL)
			evutil_closesocket(fd);
		if (c->timer)
			event_free(c->timer);
		free(c);
		return NULL;
	}
	c->state = CONN_AWAIT_HELLO;
	bufferevent_setcb(c->bev, conn_read_cb, conn_write_cb, conn_event_cb, c);
	set_read_watermark(c);
	bufferevent_enable(c->bev, c->reader != NULL ? EV_WRITE : EV_READ | EV_WRITE);
	arm_timer(c, srv->settings->handshake_timeout_ms);

	c->next = srv->conns;
	if (srv->conns)
		srv->conns->prev = c;
	srv->conns = c;
	srv->nconns++;
	log_debug("conn %llu: accepted from %s", (unsigned long long)c->id, c->peer);
	return c;
}

void conn_free(struct conn *c)
{
	struct server *srv = c->srv;
	if (c->pending) {
		/* The job finishes without us; its completion is discarded. */
		c->pending->conn = NULL;
		c->pending = NULL;
	}
	if (c->prev)
		c->prev->next = c->next;
	else
		srv->conns = c->next;
	if (c->next)
		c->next->prev = c->prev;
	srv->nconns--;
	conn_reader_free(c->reader); /* before the bufferevent closes the socket */
	bufferevent_free(c->bev);
	event_free(c->timer);
	free(c->sess.unit_name);
	free(c->sess.label);
	log_debug("conn %llu: freed", (unsigned long long)c->id);
	free(c);
}

/* Hand the connection to the reaper; nothing of it runs any more. */
static void conn_mark_dead(struct conn *c)
{
	if (c->dead)
		return;
	c->dead = true;
	c->state = CONN_CLOSING;
	bufferevent_setcb(c->bev, NULL, NULL, NULL, NULL);
	stop_reading(c);
	bufferevent_disable(c->bev, EV_WRITE);
	evtimer_del(c->timer);
	c->dead_next = c->srv->dead;
	c->srv->dead = c;
	event_active(c->srv->reaper_ev, EV_TIMEOUT, 0);
}

void conn_close(struct conn *c)
{
	if (c->dead)
		return;
	c->state = CONN_CLOSING;
	stop_reading(c);
	if (evbuffer_get_length(bufferevent_get_output(c->bev)) == 0) {
		conn_mark_dead(c);
		return;
	}
	/* conn_write_cb frees it once the output has drained. */
	arm_timer(c, CONN_CLOSE_GRACE_MS);
}

void conn_send(struct conn *c, Sangkien__Envelope *env)
{
	if (c->dead)
		return;
	size_t len;
	uint8_t *frame = wire_encode(env, (uint32_t)c->srv->settings->max_frame_bytes, &len);
	if (frame == NULL) {
		conn_send_error(c, env->request_id, SANGKIEN__ERROR_CODE__ERROR_LIMIT_EXCEEDED,
				NULL, "reply would exceed max_frame_bytes; narrow the request");
		return;
	}
	metrics_reply_sent(c, env);
	if (bufferevent_write(c->bev, frame, len) != 0) {
		log_warn("conn %llu: cannot queue %zu bytes", (unsigned long long)c->id, len);
		conn_mark_dead(c);
	}
	free(frame);
}

void conn_reply(struct conn *c, uint64_t request_id, Sangkien__Envelope__BodyCase body, void *msg)
{
	Sangkien__Envelope env = SANGKIEN__ENVELOPE__INIT;
	/* A body case is its field's number; the field's offset is that of
	 * the oneof's pointer. */
	const ProtobufCFieldDescriptor *f = protobuf_c_message_descriptor_get_field(
	    &sangkien__envelope__descriptor, (unsigned)body);
	if (f == NULL || f->type != PROTOBUF_C_TYPE_MESSAGE) {
		log_error("conn %llu: reply with unknown body %d", (unsigned long long)c->id,
			  (int)body);
		conn_send_error(c, request_id, SANGKIEN__ERROR_CODE__ERROR_INTERNAL, NULL,
				"internal error");
		return;
	}
	env.request_id = request_id;
	env.body_case = body;
	memcpy((char *)&env + f->offset, &msg, sizeof(msg));
	conn_send(c, &env);
}

void conn_send_error(struct conn *c, uint64_t request_id, Sangkien__ErrorCode code,
		     const char *field, const char *fmt, ...)
{
	char msg[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);

	Sangkien__Error err = SANGKIEN__ERROR__INIT;
	err.code = code;
	err.message = msg;
	err.field = (char *)(field ? field : "");
	err.retryable = code == SANGKIEN__ERROR_CODE__ERROR_UNAVAILABLE ||
			code == SANGKIEN__ERROR_CODE__ERROR_INTERNAL;
	Sangkien__Envelope env = SANGKIEN__ENVELOPE__INIT;
	env.request_id = request_id;
	env.body_case = SANGKIEN__ENVELOPE__BODY_ERROR;
	env.error = &err;
	log_debug("conn %llu: error %s: %s", (unsigned long long)c->id, wire_error_code_name(code),
		  msg);
	/* An error always fits: the message is short. */
	conn_send(c, &env);
}

void conn_send_oom(struct conn *c, uint64_t request_id)
{
	conn_send_error(c, request_id, SANGKIEN__ERROR_CODE__ERROR_INTERNAL, NULL, "out of memory");
}

void conn_send_db_error(struct conn *c, uint64_t request_id, const struct db_outcome *out)
{
	bool transient = out->status != DB_QUERY_FAILED || db_sqlstate_is_transient(out->sqlstate);
	if (transient) {
		log_warn("conn %llu: database unavailable: %s", (unsigned long long)c->id,
			 out->message);
		conn_send_error(c, request_id, SANGKIEN__ERROR_CODE__ERROR_UNAVAILABLE, NULL,
				"database unavailable, retry later");
	} else {
		log_error("conn %llu: database error %s: %s", (unsigned long long)c->id,
			  out->sqlstate, out->message);
		conn_send_error(c, request_id, SANGKIEN__ERROR_CODE__ERROR_INTERNAL, NULL,
				"internal error, retry later");
	}
}

static void request_free(struct request *req)
{
	if (req->free_data)
		req->free_data(req->data);
	free(req);
}

static void request_job_cb(void *arg, const struct db_outcome *out)
{
	struct request *req = arg;
	struct conn *c = req->conn;
	if (c != NULL && !c->dead) {
		c->pending = NULL;
		c->state = c->sess.role == SANGKIEN__ROLE__ROLE_UNSPECIFIED ? CONN_AWAIT_HELLO
									    : CONN_READY;
		req->done(c, req, out);
		if (c->state == CONN_READY)
			arm_timer(c, c->srv->settings->idle_timeout_ms);
		/* Frames that arrived meanwhile wait in the input buffer. */
		conn_process(c);
	} else if (c != NULL) {
		c->pending = NULL;
	}
	request_free(req);
}

static void run_job_on(struct db_pool *pool, struct conn *c, uint64_t request_id,
		       struct db_job *job, request_done_fn done, void *data,
		       void (*free_data)(void *))
{
	struct request *req = calloc(1, sizeof(*req));
	if (req == NULL) {
		db_job_free(job);
		if (free_data)
			free_data(data);
		conn_send_error(c, request_id, SANGKIEN__ERROR_CODE__ERROR_INTERNAL, NULL,
				"out of memory");
		return;
	}
	req->conn = c;
	req->request_id = request_id;
	req->done = done;
	req->data = data;
	req->free_data = free_data;
	c->pending = req;
	c->state = CONN_BUSY;
	db_pool_run(pool, job, request_job_cb, req);
}

/* The pool for reports, progress and exports (read-only jobs that may lag
 * behind the primary by the standby's replay delay): report_db while at
 * least one of its connections is up, else the primary pool, counted and
 * logged, so reports go on while the standby is down. */
static struct db_pool *report_pool(struct server *srv)
{
	if (srv->report_db == NULL)
		return srv->db;
	if (db_pool_ready_count(srv->report_db) > 0)
		return srv->report_db;
	srv->metrics.report_db_fallbacks++;
	log_warn_limited("report_db has no connection up: this report reads from the primary");
	return srv->db;
}

void conn_run_job(struct conn *c, uint64_t request_id, struct db_job *job, request_done_fn done,
		  void *data, void (*free_data)(void *))
{
	run_job_on(c->srv->db, c, request_id, job, done, data, free_data);
}

void conn_run_report_job(struct conn *c, uint64_t request_id, struct db_job *job,
			 request_done_fn done, void *data, void (*free_data)(void *))
{
	run_job_on(report_pool(c->srv), c, request_id, job, done, data, free_data);
}

void conn_end_revoked(struct conn *c)
{
	c->revoked = true;
	if (c->dead || c->state == CONN_BUSY || c->state == CONN_CLOSING)
		return;
	conn_send_error(c, 0, SANGKIEN__ERROR_CODE__ERROR_BAD_CREDENTIAL, "credential",
			"this credential has been revoked");
	conn_close(c);
}

/* What the input buffer starts with. */
enum input_frame {
	INPUT_INCOMPLETE, /* not a whole frame yet */
	INPUT_BAD_LENGTH, /* *plen is outside 1..limit */
	INPUT_FRAME,	  /* a whole frame of *plen bytes after its header */
};

static enum input_frame input_peek(struct conn *c, uint32_t *plen)
{
	struct evbuffer *in = bufferevent_get_input(c->bev);
	uint8_t hdr[FRAME_HEADER_BYTES];

	*plen = 0;
	if (evbuffer_copyout(in, hdr, sizeof(hdr)) != (ev_ssize_t)sizeof(hdr))
		return INPUT_INCOMPLETE;
	enum frame_status st = frame_peek(hdr, sizeof(hdr), conn_frame_limit(c), plen);
	if (st == FRAME_EMPTY || st == FRAME_TOO_LARGE)
		return INPUT_BAD_LENGTH;
	if (evbuffer_get_length(in) < FRAME_HEADER_BYTES + (size_t)*plen)
		return INPUT_INCOMPLETE;
	return INPUT_FRAME;
}

Sangkien__Envelope *conn_take_next(struct conn *c, conn_want_fn want, void *arg)
{
	struct evbuffer *in = bufferevent_get_input(c->bev);
	Sangkien__Envelope *env = NULL;
	uint32_t plen;

	if (c->dead || input_peek(c, &plen) != INPUT_FRAME)
		return NULL;
	size_t total = FRAME_HEADER_BYTES + (size_t)plen;
	const uint8_t *bytes = evbuffer_pullup(in, (ev_ssize_t)total);
	if (bytes == NULL || wire_decode(bytes + FRAME_HEADER_BYTES, plen, &env) != WIRE_OK)
		return NULL; /* conn_process answers it in its turn */
	if (!want(env, arg)) {
		wire_envelope_free(env);
		return NULL;
	}
	evbuffer_drain(in, total);
	log_debug("conn %llu: request %llu %s", (unsigned long long)c->id,
		  (unsigned long long)env->request_id, wire_body_name(env->body_case));
	return env;
}

/* Handle complete frames while the connection can take a request. */
static void conn_process(struct conn *c)
{
	struct evbuffer *in = bufferevent_get_input(c->bev);
	struct evbuffer *out = bufferevent_get_output(c->bev);

	if (c->revoked && !c->dead && c->state != CONN_CLOSING) {
		conn_end_revoked(c);
		return;
	}
	while (!c->dead && (c->state == CONN_AWAIT_HELLO || c->state == CONN_READY)) {
		/* A peer that does not read its replies gets no more of them. */
		if (evbuffer_get_length(out) > 2 * (size_t)c->srv->settings->max_frame_bytes)
			return;
		uint32_t plen = 0;
		enum input_frame st = input_peek(c, &plen);
		if (st == INPUT_INCOMPLETE)
			return;
		if (st == INPUT_BAD_LENGTH) {
			uint32_t limit = conn_frame_limit(c);
			log_info_limited("conn %llu: bad frame length %u (limit %u)",
					 (unsigned long long)c->id, plen, limit);
			conn_send_error(c, 0, SANGKIEN__ERROR_CODE__ERROR_FRAME_TOO_LARGE, NULL,
					"frame length %u is outside 1..%u", plen, limit);
			conn_close(c);
			return;
		}
		size_t total = FRAME_HEADER_BYTES + (size_t)plen;
		const uint8_t *bytes = evbuffer_pullup(in, (ev_ssize_t)total);
		if (bytes == NULL) {
			conn_mark_dead(c);
			return;
		}
		Sangkien__Envelope *env = NULL;
		enum wire_status ws = wire_decode(bytes + FRAME_HEADER_BYTES, plen, &env);
		evbuffer_drain(in, total);
		if (ws != WIRE_OK) {
			log_info_limited("conn %llu: undecodable frame: %s",
					 (unsigned long long)c->id, wire_status_name(ws));
			conn_send_error(c, 0, SANGKIEN__ERROR_CODE__ERROR_PROTOCOL, NULL,
					"cannot decode envelope: %s", wire_status_name(ws));
			conn_close(c);
			return;
		}
		log_debug("conn %llu: request %llu %s", (unsigned long long)c->id,
			  (unsigned long long)env->request_id, wire_body_name(env->body_case));
		if (c->state == CONN_READY)
			arm_timer(c, c->srv->settings->idle_timeout_ms);
		metrics_request_started(c, env);
		dispatch_request(c, env);
		wire_envelope_free(env);
	}
}

static void conn_read_cb(struct bufferevent *bev, void *arg)
{
	conn_process(arg);
}

static void conn_reader_cb(void *arg, short what)
{
	struct conn *c = arg;
	if (what == 0)
		conn_process(c);
	else
		conn_event_cb(c->bev, what, c);
}

static void conn_write_cb(struct bufferevent *bev, void *arg)
{
	struct conn *c = arg;
	if (c->state == CONN_CLOSING) {
		conn_mark_dead(c);
		return;
	}
	/* Output drained: requests held back by backpressure may go on. */
	conn_process(c);
}

static void conn_event_cb(struct bufferevent *bev, short what, void *arg)
{
	struct conn *c = arg;
	if (what & BEV_EVENT_CONNECTED) {
		c->tls_ready = true;
		log_debug("conn %llu: TLS handshake done", (unsigned long long)c->id);
		return;
	}
	if (c->tls && (what & (BEV_EVENT_EOF | BEV_EVENT_ERROR))) {
		char why[256];

		tls_describe_errors(bev, why, sizeof(why));
		if (!c->tls_ready)
			log_info_limited("conn %llu: TLS handshake with %s failed: %s",
					 (unsigned long long)c->id, c->peer,
					 why[0] ? why : "connection closed by the peer");
		else if (why[0])
			log_info_limited("conn %llu: TLS error: %s", (unsigned long long)c->id,
					 why);
	}
	if (what & BEV_EVENT_EOF)
		log_debug("conn %llu: peer closed", (unsigned long long)c->id);
	else if (what & BEV_EVENT_ERROR)
		log_debug("conn %llu: socket error", (unsigned long long)c->id);
	conn_mark_dead(c);
}

static void conn_timer_cb(evutil_socket_t fd, short what, void *arg)
{
	struct conn *c = arg;
	switch (c->state) {
	case CONN_AWAIT_HELLO:
		if (c->tls && !c->tls_ready) {
			/* No channel to say it in: just cut. */
			log_info_limited("conn %llu: TLS handshake with %s not finished in time",
					 (unsigned long long)c->id, c->peer);
			conn_mark_dead(c);
			return;
		}
		log_info_limited("conn %llu: no hello in time from %s", (unsigned long long)c->id,
				 c->peer);
		conn_send_error(c, 0, SANGKIEN__ERROR_CODE__ERROR_TIMEOUT, NULL,
				"no hello within the handshake timeout");
		conn_close(c);
		return;
	case CONN_READY:
		log_debug("conn %llu: idle timeout", (unsigned long long)c->id);
		conn_send_error(c, 0, SANGKIEN__ERROR_CODE__ERROR_TIMEOUT, NULL, "idle timeout");
		conn_close(c);
		return;
	case CONN_BUSY:
		/* The database job has its own deadline; wait for it.  A hello
		 * being checked keeps the shorter handshake limit. */
		arm_timer(c, c->sess.role == SANGKIEN__ROLE__ROLE_UNSPECIFIED
				 ? c->srv->settings->handshake_timeout_ms
				 : c->srv->settings->idle_timeout_ms);
		return;
	case CONN_CLOSING:
		conn_mark_dead(c);
		return;
	}
}
