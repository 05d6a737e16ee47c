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

#include "credential_queries.h"
#include "handlers.h"
#include "initiative_check.h"
#include "log.h"
#include "reply_page.h"
#include "revocation.h"
#include "server.h"

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
		conn_send_oom(c, req->request_id);
		return;
	}
	/* Half the frame limit leaves room for the envelope: a page that
	 * would not fit ends early with more = true. */
	struct reply_page page;
	reply_page_init_budget(&page, (size_t)c->srv->settings->max_frame_bytes / 2);
	for (int i = 0; i < n; i++) {
		Sangkien__CredentialInfo *ci = &infos[page.n];
		credential_info_read(ci, r, i);
		if (!reply_page_take(&page, reply_page_entry_size(
						sangkien__credential_info__get_packed_size(ci))))
			break;
		ptrs[page.n - 1] = ci;
	}
	Sangkien__ListCredentialsReply lr = SANGKIEN__LIST_CREDENTIALS_REPLY__INIT;
	lr.n_credentials = page.n;
	lr.credentials = ptrs;
	lr.more = more || page.more;
	conn_reply(c, req->request_id, SANGKIEN__ENVELOPE__BODY_LIST_CREDENTIALS_REPLY, &lr);
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
	if (d != NULL)
		d->max = rq->max == 0 || rq->max > cap ? cap : rq->max;
	if (d == NULL || job == NULL ||
	    !credential_query_list(job, rq->after_id, handler_scope_id(c), rq->include_revoked,
				   unit_code, d->max + 1)) {
		free(d);
		db_job_free(job);
		conn_send_oom(c, env->request_id);
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
	credential_info_read(&ci, r, 0);
	bool already = strcmp(handler_field(r, "already_revoked"), "t") == 0;
	log_info("conn %llu: credential %lld (%s %s) %s by credential %lld",
		 (unsigned long long)c->id, (long long)ci.id, handler_field(r, "role"),
		 ci.unit_code, already ? "was already revoked, asked again" : "revoked",
		 (long long)c->sess.credential_id);
	Sangkien__RevokeCredentialReply rr = SANGKIEN__REVOKE_CREDENTIAL_REPLY__INIT;
	rr.credential = &ci;
	rr.already_revoked = already;
	conn_reply(c, req->request_id, SANGKIEN__ENVELOPE__BODY_REVOKE_CREDENTIAL_REPLY, &rr);
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
	struct db_job *job = handler_writing_job(c, "credential.revoke");
	if (job == NULL || !credential_query_revoke(job, rq->id, handler_scope_id(c))) {
		db_job_free(job);
		conn_send_oom(c, env->request_id);
		return;
	}
	conn_run_job(c, env->request_id, job, revoke_done, NULL, NULL);
}
