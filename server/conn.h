/*
 * conn.h - one client connection, an explicit state machine:
 *
 *   AWAIT_HELLO --hello ok--> READY --request needing the DB--> BUSY
 *        ^                      ^                                |
 *        |                      +----------reply sent------------+
 *   any state --protocol error, timeout, EOF--> CLOSING --> freed
 *
 * AWAIT_HELLO: only Hello is accepted; frames are limited to
 *   SETTINGS_PREAUTH_FRAME_BYTES; handshake_timeout_ms applies.
 * READY: one request is read, handled and answered at a time, in order.
 *   idle_timeout_ms applies.
 * BUSY: a database job runs for the current request; further frames wait
 *   in the input buffer (bounded by a read watermark).
 * CLOSING: reading stopped; the last error frame is flushed, then the
 *   connection is freed (or after a short grace period).
 *
 * A connection is never freed inside one of its own callbacks: conn_close()
 * marks it and the server's reaper event frees it from the loop.
 */
#ifndef SK_CONN_H
#define SK_CONN_H

#include <event2/bufferevent.h>
#include <stdbool.h>
#include <stdint.h>
#include <sys/socket.h>

#include "conn_read.h"
#include "db.h"
#include "sangkien.pb-c.h"
#include "upload_hash.h"

struct server;
struct ssl_ctx_st; /* OpenSSL's SSL_CTX */

enum conn_state {
	CONN_AWAIT_HELLO,
	CONN_READY,
	CONN_BUSY,
	CONN_CLOSING,
};

/* Who the peer is, set by a successful hello. */
struct session {
	Sangkien__Role role;
	int64_t credential_id; /* 0 for anonymous */
	int64_t unit_id;       /* unit: its unit; operator: scope; else 0 */
	char unit_code[33];    /* "" for administrators and anonymous */
	char *unit_name;       /* malloc'd, may be NULL */
	char *label;	       /* credential label, malloc'd, may be NULL */
	char client_name[65];  /* Hello.client_name made printable (log_printable) */
	bool sync_noted;       /* unit: this session's sync recorded (handle_pull) */
};

struct request;

struct conn {
	struct server *srv;
	uint64_t id;
	char peer[64];
	struct sockaddr_storage peer_addr; /* the client's address (limits) */
	struct bufferevent *bev;
	struct conn_reader *reader; /* a plain socket's reads (conn_read.h); NULL with TLS */
	enum conn_state state;
	struct session sess;
	struct event *timer;	 /* handshake, idle or closing deadline */
	struct request *pending; /* BUSY: the request waiting for the DB */
	bool dead;		 /* on the server's dead list */
	bool tls;		 /* the socket carries TLS */
	bool tls_ready;		 /* its handshake has finished */
	bool revoked;		 /* its credential was revoked: ends when not BUSY */
	/* The SHA-256 state the database holds for the upload this
	 * connection stored to last (handle_upload.c), valid when
	 * upload_hashed: the next chunk is hashed on from it. */
	bool upload_hashed;
	uint8_t upload_sha[32];
	struct upload_hash upload_hash;
	/* the request being answered, for the metrics (metrics.h) */
	int req_body; /* its body case; 0 once answered */
	uint64_t req_id;
	int64_t req_started_us;
	struct conn *prev, *next, *dead_next;
};

/*
 * A request waiting for the database.  It outlives its connection when the
 * client goes away: conn_free() sets conn to NULL and the completion is
 * then discarded, so a job never holds a dangling pointer.
 */
typedef void (*request_done_fn)(struct conn *c, struct request *req, const struct db_outcome *out);

struct request {
	struct conn *conn; /* NULL once the connection is gone */
	uint64_t request_id;
	request_done_fn done;
	void *data; /* the handler's, freed with free_data */
	void (*free_data)(void *data);
};

/* Accept a new socket (takes ownership of fd); with tls not NULL the
 * connection starts with the server side of a TLS handshake, which must end
 * within handshake_timeout_ms like the hello.  NULL on failure (fd closed). */
struct conn *conn_create(struct server *srv, evutil_socket_t fd, const struct sockaddr *addr,
			 int addrlen, struct ssl_ctx_st *tls);

/* Free now.  Only the server's reaper and shutdown call this. */
void conn_free(struct conn *c);

/* Encode and queue a reply; a reply too large for max_frame_bytes becomes an
 * ERROR_LIMIT_EXCEEDED error instead. */
void conn_send(struct conn *c, Sangkien__Envelope *env);

/* Queue the reply `body` (an Envelope body case) with msg, the message of
 * that case, for request_id: the one way handlers answer. */
void conn_reply(struct conn *c, uint64_t request_id, Sangkien__Envelope__BodyCase body, void *msg);

/* Queue an Error reply.  field may be NULL. */
void conn_send_error(struct conn *c, uint64_t request_id, Sangkien__ErrorCode code,
		     const char *field, const char *fmt, ...) __attribute__((format(printf, 5, 6)));

/* Queue ERROR_INTERNAL "out of memory" (a handler's failure path). */
void conn_send_oom(struct conn *c, uint64_t request_id);

/* Flush what was queued, then close.  Safe to call more than once. */
void conn_close(struct conn *c);

/*
 * Start a database job for the current request: the connection becomes
 * BUSY and done(c, req, outcome) is called when the job finishes, with the
 * connection READY again (done may change that, e.g. close).  done is not
 * called if the connection is gone by then; free_data(data) always is.
 * Takes ownership of job and data.  On out of memory replies ERROR_INTERNAL.
 */
void conn_run_job(struct conn *c, uint64_t request_id, struct db_job *job, request_done_fn done,
		  void *data, void (*free_data)(void *));

/* The same for a read-only job that may see the data a moment late
 * (reports, progress, exports): it runs on report_db's pool while that
 * has a connection up, else on db's (counted and logged). */
void conn_run_report_job(struct conn *c, uint64_t request_id, struct db_job *job,
			 request_done_fn done, void *data, void (*free_data)(void *));

/* Enter READY once c->sess is filled by a successful hello: the frame
 * limit and read watermark follow the role, the idle timeout starts. */
void conn_authenticated(struct conn *c);

/* The frame limit for this connection now (pre-auth or max_frame_bytes). */
uint32_t conn_frame_limit(const struct conn *c);

/* Whole frames a unit's connection keeps in its input while a request
 * runs (each at most the frame limit): the memory bound of batching. */
#define CONN_UNIT_INPUT_FRAMES 4

/* Decides whether the next request is taken by the one being handled. */
typedef bool (*conn_want_fn)(const Sangkien__Envelope *next, void *arg);

/*
 * For a handler that serves several requests in one job (upload chunks):
 * the request that follows the current one, when it is whole in the input
 * buffer, decodes and want(next, arg) says so; it is then the caller's (free
 * with wire_envelope_free) and the caller answers it.  Otherwise NULL and
 * the frame stays for its turn (a bad one is answered then).
 */
Sangkien__Envelope *conn_take_next(struct conn *c, conn_want_fn want, void *arg);

/* The session's credential was revoked (revocation.h): tell the client
 * ERROR_BAD_CREDENTIAL and close, now or, when BUSY, once the reply to the
 * running request is queued. */
void conn_end_revoked(struct conn *c);

/* Reply to a failed database job: ERROR_UNAVAILABLE (retryable) for
 * transient failures, ERROR_INTERNAL otherwise; logs the cause. */
void conn_send_db_error(struct conn *c, uint64_t request_id, const struct db_outcome *out);

#endif
