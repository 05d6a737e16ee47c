/* handle_hello.c - Hello (authentication) and Ping. */
#include <stdlib.h>
#include <string.h>

#include "auth.h"
#include "handlers.h"
#include "log.h"
#include "server.h"

#define PING_PAYLOAD_MAX 64

static void send_hello_reply(struct conn *c, uint64_t request_id)
{
	Sangkien__HelloReply hr = SANGKIEN__HELLO_REPLY__INIT;
	hr.protocol_version = SANGKIEN__PROTOCOL_VERSION__PROTOCOL_VERSION_CURRENT;
	hr.role = c->sess.role;
	hr.unit_code = c->sess.unit_code;
	hr.unit_name = c->sess.unit_name ? c->sess.unit_name : (char *)"";
	hr.max_frame_bytes = conn_frame_limit(c);
	hr.max_batch_items = (uint32_t)c->srv->settings->max_batch_items;
	hr.server_time_unix_ms = handler_now_ms();
	hr.credential_label = c->sess.label ? c->sess.label : (char *)"";
	Sangkien__Envelope env = SANGKIEN__ENVELOPE__INIT;
	env.request_id = request_id;
	env.body_case = SANGKIEN__ENVELOPE__BODY_HELLO_REPLY;
	env.hello_reply = &hr;
	conn_send(c, &env);
}

static void hello_done(struct conn *c, struct request *req, const struct db_outcome *out)
{
	if (out->status != DB_OK) {
		/* Still AWAIT_HELLO: the client may retry its hello. */
		conn_send_db_error(c, req->request_id, out);
		return;
	}
	const PGresult *r = out->results[0];
	Sangkien__Role role = PQntuples(r) == 1 ? handler_role_from_text(handler_text(r, 0, 1))
						: SANGKIEN__ROLE__ROLE_UNSPECIFIED;
	if (role == SANGKIEN__ROLE__ROLE_UNSPECIFIED) {
		log_info_limited("conn %llu: unknown or revoked credential from %s",
				 (unsigned long long)c->id, c->peer);
		conn_send_error(c, req->request_id, SANGKIEN__ERROR_CODE__ERROR_BAD_CREDENTIAL,
				"credential", "unknown or revoked credential");
		conn_close(c);
		return;
	}
	struct session *s = &c->sess;
	s->credential_id = handler_int(r, 0, 0);
	s->unit_id = handler_int(r, 0, 2);
	snprintf(s->unit_code, sizeof(s->unit_code), "%s", handler_text(r, 0, 3));
	s->unit_name = strdup(handler_text(r, 0, 4));
	s->label = strdup(handler_text(r, 0, 5));
	if (s->unit_name == NULL || s->label == NULL) {
		conn_send_error(c, req->request_id, SANGKIEN__ERROR_CODE__ERROR_INTERNAL, NULL,
				"out of memory");
		conn_close(c);
		return;
	}
	s->role = role;
	conn_authenticated(c);
	log_info("conn %llu: %s credential %lld (%s) from %s, client \"%s\"",
		 (unsigned long long)c->id, handler_text(r, 0, 1), (long long)s->credential_id,
		 s->unit_code, c->peer, s->client_name);
	send_hello_reply(c, req->request_id);
}

void handle_hello(struct conn *c, const Sangkien__Envelope *env)
{
	const Sangkien__Hello *h = env->hello;
	if (h->protocol_version != SANGKIEN__PROTOCOL_VERSION__PROTOCOL_VERSION_CURRENT) {
		conn_send_error(c, env->request_id, SANGKIEN__ERROR_CODE__ERROR_UNSUPPORTED_VERSION,
				"protocol_version",
				"protocol version %u is not supported; this server speaks 1",
				h->protocol_version);
		conn_close(c);
		return;
	}
	log_printable(c->sess.client_name, sizeof(c->sess.client_name), h->client_name);
	const char *cred = h->credential ? h->credential : "";
	if (cred[0] == '\0') {
		/* Anyone may open anonymous sessions: rate-limited. */
		log_info_limited("conn %llu: anonymous session from %s, client \"%s\"",
				 (unsigned long long)c->id, c->peer, c->sess.client_name);
		c->sess.role = SANGKIEN__ROLE__ROLE_ANONYMOUS;
		conn_authenticated(c);
		send_hello_reply(c, env->request_id);
		return;
	}
	uint8_t digest[AUTH_DIGEST_BYTES];
	if (!auth_credential_digest(cred, digest)) {
		conn_send_error(c, env->request_id, SANGKIEN__ERROR_CODE__ERROR_BAD_CREDENTIAL,
				"credential", "malformed credential");
		conn_close(c);
		return;
	}
	char digest_sql[AUTH_DIGEST_SQL_LEN + 1];
	auth_digest_sql(digest, digest_sql);
	const char *params[] = {digest_sql};
	struct db_job *job = db_job_create();
	if (job == NULL ||
	    !db_job_add(job,
			"SELECT c.id, c.role, coalesce(u.id, 0), coalesce(u.code, ''),"
			" coalesce(u.name, ''), c.label"
			" FROM credentials c LEFT JOIN units u ON u.id = c.unit_id"
			" WHERE c.secret_sha256 = $1::bytea AND c.revoked_at IS NULL",
			1, params)) {
		db_job_free(job);
		conn_send_error(c, env->request_id, SANGKIEN__ERROR_CODE__ERROR_INTERNAL, NULL,
				"out of memory");
		return;
	}
	db_job_set_lane(job, DB_LANE_SHORT_READ);
	conn_run_job(c, env->request_id, job, hello_done, NULL, NULL);
}

void handle_ping(struct conn *c, const Sangkien__Envelope *env)
{
	const Sangkien__Ping *p = env->ping;
	if (p->payload.len > PING_PAYLOAD_MAX) {
		conn_send_error(c, env->request_id, SANGKIEN__ERROR_CODE__ERROR_INVALID_ARGUMENT,
				"payload", "ping payload is %zu bytes, at most %d allowed",
				p->payload.len, PING_PAYLOAD_MAX);
		return;
	}
	Sangkien__Pong pong = SANGKIEN__PONG__INIT;
	pong.payload = p->payload;
	pong.server_time_unix_ms = handler_now_ms();
	Sangkien__Envelope reply = SANGKIEN__ENVELOPE__INIT;
	reply.request_id = env->request_id;
	reply.body_case = SANGKIEN__ENVELOPE__BODY_PONG;
	reply.pong = &pong;
	conn_send(c, &reply);
}
