/*
 * handle_revoke.c - ListCredentialsRequest and RevokeCredentialRequest:
 * operators see and revoke the credentials of their scope (the units'
 * devices and the operators scoped inside it); administrators, every one.
 * A revocation is a write like any other, so sk_set_actor comes first and
 * the credentials audit trigger records who revoked what.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "handlers.h"
#include "initiative_check.h"
#include "log.h"
#include "revocation.h"
#include "server.h"

/* The columns CredentialInfo is read from, in this order. */
#define CREDENTIAL_COLUMNS                                                                         \
	"c.id, c.role, coalesce(u.code, ''), c.label,"                                             \
	" (extract(epoch FROM c.created_at) * 1000)::bigint,"                                      \
	" coalesce((extract(epoch FROM c.revoked_at) * 1000)::bigint, 0)"

/* Fill ci from row `row` of r (CREDENTIAL_COLUMNS); strings point into r. */
static void info_from_row(Sangkien__CredentialInfo *ci, const PGresult *r, int row)
{
	sangkien__credential_info__init(ci);
	ci->id = handler_int(r, row, 0);
	ci->role = handler_role_from_text(handler_text(r, row, 1));
	ci->unit_code = (char *)handler_text(r, row, 2);
	ci->label = (char *)handler_text(r, row, 3);
	ci->created_unix_ms = handler_int(r, row, 4);
	ci->revoked_unix_ms = handler_int(r, row, 5);
}

struct list_data {
	uint32_t max;
};

static void list_done(struct conn *c, struct request *req, const struct db_outcome *out)
{
	const struct list_data *d = req->data;
	if (out->status != DB_OK) {
		conn_send_db_error(c, req->request_id, out);
		return;
	}
	const PGresult *r = out->results[0];
	int n = PQntuples(r);
	bool more = n > (int)d->max;
	if (more)
		n = (int)d->max;
	Sangkien__CredentialInfo *infos = calloc((size_t)(n > 0 ? n : 1), sizeof(*infos));
	Sangkien__CredentialInfo **ptrs = calloc((size_t)(n > 0 ? n : 1), sizeof(*ptrs));
	if (infos == NULL || ptrs == NULL) {
		free(infos);
		free(ptrs);
		conn_send_error(c, req->request_id, SANGKIEN__ERROR_CODE__ERROR_INTERNAL, NULL,
				"out of memory");
		return;
	}
	/* Half the frame limit leaves room for the envelope: a page that
	 * would not fit ends early with more = true. */
	size_t budget = (size_t)c->srv->settings->max_frame_bytes / 2, used = 0, k = 0;
	for (int i = 0; i < n; i++) {
		info_from_row(&infos[k], r, i);
		size_t sz = sangkien__credential_info__get_packed_size(&infos[k]) + 8;
		if (k > 0 && used + sz > budget) {
			more = true;
			break;
		}
		used += sz;
		ptrs[k] = &infos[k];
		k++;
	}
	Sangkien__ListCredentialsReply lr = SANGKIEN__LIST_CREDENTIALS_REPLY__INIT;
	lr.n_credentials = k;
	lr.credentials = ptrs;
	lr.more = more;
	Sangkien__Envelope env = SANGKIEN__ENVELOPE__INIT;
	env.request_id = req->request_id;
	env.body_case = SANGKIEN__ENVELOPE__BODY_LIST_CREDENTIALS_REPLY;
	env.list_credentials_reply = &lr;
	conn_send(c, &env);
	free(infos);
	free(ptrs);
}

void handle_list_credentials(struct conn *c, const Sangkien__Envelope *env)
{
	const Sangkien__ListCredentialsRequest *rq = env->list_credentials;
	const char *unit_code = rq->unit_code ? rq->unit_code : "";
	uint32_t cap = (uint32_t)c->srv->settings->pull_max_items;
	if (rq->after_id < 0) {
		conn_send_error(c, env->request_id, SANGKIEN__ERROR_CODE__ERROR_INVALID_ARGUMENT,
				"after_id", "after_id must not be negative");
		return;
	}
	if (unit_code[0] != '\0' && !unit_code_is_valid(unit_code)) {
		conn_send_error(c, env->request_id, SANGKIEN__ERROR_CODE__ERROR_INVALID_ARGUMENT,
				"unit_code",
				"unit code must be 1..32 characters of A-Z a-z 0-9 . _ -");
		return;
	}
	struct list_data *d = calloc(1, sizeof(*d));
	struct db_job *job = db_job_create();
	if (d == NULL || job == NULL) {
		free(d);
		db_job_free(job);
		conn_send_error(c, env->request_id, SANGKIEN__ERROR_CODE__ERROR_INTERNAL, NULL,
				"out of memory");
		return;
	}
	d->max = rq->max == 0 || rq->max > cap ? cap : rq->max;
	char after[24], scope[24], limit[16];
	snprintf(after, sizeof(after), "%lld", (long long)rq->after_id);
	snprintf(limit, sizeof(limit), "%u", d->max + 1);
	const char *params[] = {after, handler_scope_param(c, scope),
				rq->include_revoked ? "true" : "false", unit_code, limit};
	if (!db_job_add(job,
			"SELECT " CREDENTIAL_COLUMNS " FROM credentials c"
			" LEFT JOIN units u ON u.id = c.unit_id"
			" WHERE c.id > $1::bigint"
			" AND ($2::bigint IS NULL OR c.unit_id IN"
			" (SELECT s.id FROM sk_subtree($2::bigint) s))"
			" AND ($3::boolean OR c.revoked_at IS NULL)"
			" AND ($4 = '' OR u.code = $4)"
			" ORDER BY c.id LIMIT $5::int",
			5, params)) {
		free(d);
		db_job_free(job);
		conn_send_error(c, env->request_id, SANGKIEN__ERROR_CODE__ERROR_INTERNAL, NULL,
				"out of memory");
		return;
	}
	conn_run_job(c, env->request_id, job, list_done, d, free);
}

static void revoke_done(struct conn *c, struct request *req, const struct db_outcome *out)
{
	if (out->status != DB_OK) {
		conn_send_db_error(c, req->request_id, out);
		return;
	}
	const PGresult *r = out->results[1]; /* [0] is sk_set_actor */
	if (PQntuples(r) != 1) {
		conn_send_error(c, req->request_id, SANGKIEN__ERROR_CODE__ERROR_NOT_FOUND, "id",
				"no such credential in this credential's scope");
		return;
	}
	Sangkien__CredentialInfo ci;
	info_from_row(&ci, r, 0);
	bool already = strcmp(handler_text(r, 0, 6), "t") == 0;
	log_info("conn %llu: credential %lld (%s %s) %s by credential %lld",
		 (unsigned long long)c->id, (long long)ci.id, handler_text(r, 0, 1), ci.unit_code,
		 already ? "was already revoked, asked again" : "revoked",
		 (long long)c->sess.credential_id);
	Sangkien__RevokeCredentialReply rr = SANGKIEN__REVOKE_CREDENTIAL_REPLY__INIT;
	rr.credential = &ci;
	rr.already_revoked = already;
	Sangkien__Envelope env = SANGKIEN__ENVELOPE__INIT;
	env.request_id = req->request_id;
	env.body_case = SANGKIEN__ENVELOPE__BODY_REVOKE_CREDENTIAL_REPLY;
	env.revoke_credential_reply = &rr;
	conn_send(c, &env);
	/* The caller's own session may be among them: it ends after this
	 * reply, which is already queued. */
	revocation_end_sessions(c->srv, ci.id);
}

void handle_revoke_credential(struct conn *c, const Sangkien__Envelope *env)
{
	const Sangkien__RevokeCredentialRequest *rq = env->revoke_credential;
	if (rq->id <= 0) {
		conn_send_error(c, env->request_id, SANGKIEN__ERROR_CODE__ERROR_INVALID_ARGUMENT,
				"id", "id must be a credential's number (from credential list)");
		return;
	}
	struct db_job *job = db_job_create();
	char id[24], scope[24];
	snprintf(id, sizeof(id), "%lld", (long long)rq->id);
	const char *params[] = {id, handler_scope_param(c, scope)};
	/* The outer SELECT sees the row as before the UPDATE: the revocation
	 * time of a fresh revocation is now(), the transaction's time. */
	if (job == NULL || !handler_job_actor(job, c, "credential.revoke") ||
	    !db_job_add(job,
			"WITH t AS (SELECT c.id, c.revoked_at IS NOT NULL AS was FROM credentials c"
			" WHERE c.id = $1::bigint AND ($2::bigint IS NULL OR (c.unit_id IS NOT NULL"
			" AND sk_in_scope(c.unit_id, $2::bigint))) FOR UPDATE),"
			" upd AS (UPDATE credentials c SET revoked_at = now() FROM t"
			" WHERE c.id = t.id AND NOT t.was RETURNING c.id)"
			" SELECT c.id, c.role, coalesce(u.code, ''), c.label,"
			" (extract(epoch FROM c.created_at) * 1000)::bigint,"
			" (extract(epoch FROM coalesce(c.revoked_at, now())) * 1000)::bigint, t.was"
			" FROM t JOIN credentials c ON c.id = t.id"
			" LEFT JOIN units u ON u.id = c.unit_id",
			2, params)) {
		db_job_free(job);
		conn_send_error(c, env->request_id, SANGKIEN__ERROR_CODE__ERROR_INTERNAL, NULL,
				"out of memory");
		return;
	}
	conn_run_job(c, env->request_id, job, revoke_done, NULL, NULL);
}
