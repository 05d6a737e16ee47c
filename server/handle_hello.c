/* handle_hello.c - Hello (authentication) and Ping. */
#include <stdlib.h>
#include <string.h>

#include "auth.h"
#include "dossier.h"
#include "handlers.h"
#include "log.h"
#include "server.h"
#include "session_queries.h"

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
	if (c->sess.role != SANGKIEN__ROLE__ROLE_ANONYMOUS) {
		hr.max_file_bytes = (uint64_t)c->srv->settings->max_file_bytes;
		hr.max_dossier_bytes = (uint64_t)c->srv->settings->max_dossier_bytes;
		hr.max_chunk_bytes = dossier_chunk_limit(c);
	}
	conn_reply(c, request_id, SANGKIEN__ENVELOPE__BODY_HELLO_REPLY, &hr);
}

static void hello_done(struct conn *c, struct request *req, const struct db_outcome *out)
{
	if (out->status != DB_OK) {
		/* Still AWAIT_HELLO: the client may retry its hello. */
		conn_send_db_error(c, req->request_id, out);
		return;
	}
	const PGresult *r = out->results[0];
	Sangkien__Role role = PQntuples(r) == 1 ? handler_role_from_text(handler_field(r, "role"))
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
	s->credential_id = strtoll(handler_field(r, "id"), NULL, 10);
	s->unit_id = strtoll(handler_field(r, "unit_id"), NULL, 10);
	snprintf(s->unit_code, sizeof(s->unit_code), "%s", handler_field(r, "unit_code"));
	s->unit_name = strdup(handler_field(r, "unit_name"));
	s->label = strdup(handler_field(r, "label"));
	if (s->unit_name == NULL || s->label == NULL) {
		conn_send_oom(c, req->request_id);
		conn_close(c);
		return;
	}
	s->role = role;
	conn_authenticated(c);
	log_info("conn %llu: %s credential %lld (%s) from %s, client \"%s\"",
		 (unsigned long long)c->id, handler_field(r, "role"), (long long)s->credential_id,
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
	struct db_job *job = db_job_create();
	if (job == NULL || !session_query_credential(job, digest_sql)) {
		db_job_free(job);
		conn_send_oom(c, env->request_id);
		return;
	}
	db_job_set_lane(job, DB_LANE_SHORT_READ_FIRST);
	/* Reads only: the hellos and pulls waiting together share one round trip. */
	db_job_share_commit(job);
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
	conn_reply(c, env->request_id, SANGKIEN__ENVELOPE__BODY_PONG, &pong);
}
