/*
 * handle_credentials.c - CreateCredentialRequest: administrators create
 * operators (scoped to a unit) and administrators; an operator may create
 * operators scoped to units inside its own scope only.  The first
 * administrator is made on the server host (`sangkiend create-operator`).
 *
 * The new secret is generated here and kept only until the reply; the
 * database stores its SHA-256 (sk_create_credential, sql/004).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auth.h"
#include "credential_queries.h"
#include "handlers.h"
#include "scope_check.h"
#include "log.h"
#include "review_check.h"

struct credential_data {
	char credential[AUTH_CREDENTIAL_LEN + 1];
	char scope[CHECK_UNIT_CODE_MAX + 1];
};

static void credential_data_free(void *p)
{
	struct credential_data *d = p;
	memset(d->credential, 0, sizeof(d->credential));
	free(d);
}

static void credential_done(struct conn *c, struct request *req, const struct db_outcome *out)
{
	struct credential_data *d = req->data;
	if (out->status != DB_OK) {
		conn_send_db_error(c, req->request_id, out);
		return;
	}
	const PGresult *r = out->results[1]; /* [0] is sk_set_actor */
	const char *outcome = handler_text(r, 0, 0);
	if (scope_refuse_outcome(c, req->request_id, outcome, "scope_code", d->scope))
		return;
	if (strcmp(outcome, "ok") != 0) {
		conn_send_error(c, req->request_id, SANGKIEN__ERROR_CODE__ERROR_INTERNAL, NULL,
				"unexpected outcome");
		return;
	}
	log_info("conn %llu: credential %s created (%s %s)", (unsigned long long)c->id,
		 handler_text(r, 0, 1), d->scope[0] ? "operator of" : "administrator", d->scope);
	Sangkien__CreateCredentialReply cr = SANGKIEN__CREATE_CREDENTIAL_REPLY__INIT;
	cr.credential = d->credential;
	conn_reply(c, req->request_id, SANGKIEN__ENVELOPE__BODY_CREATE_CREDENTIAL_REPLY, &cr);
}

void handle_create_credential(struct conn *c, const Sangkien__Envelope *env)
{
	const Sangkien__CreateCredentialRequest *rq = env->create_credential;
	const char *scope_code = rq->scope_code ? rq->scope_code : "";
	struct check_error err;
	const char *role;

	if (rq->role == SANGKIEN__ROLE__ROLE_ADMINISTRATOR) {
		role = "administrator";
		if (c->sess.role != SANGKIEN__ROLE__ROLE_ADMINISTRATOR) {
			conn_send_error(c, env->request_id, SANGKIEN__ERROR_CODE__ERROR_FORBIDDEN,
					"role", "only an administrator may create administrators");
			return;
		}
		if (scope_code[0] != '\0') {
			conn_send_error(c, env->request_id,
					SANGKIEN__ERROR_CODE__ERROR_INVALID_ARGUMENT, "scope_code",
					"an administrator has no scope: leave scope_code empty");
			return;
		}
	} else if (rq->role == SANGKIEN__ROLE__ROLE_OPERATOR) {
		role = "operator";
		if (!unit_code_is_valid(scope_code)) {
			conn_send_error(c, env->request_id,
					SANGKIEN__ERROR_CODE__ERROR_INVALID_ARGUMENT, "scope_code",
					"an operator needs a scope: a unit code of 1..32 characters"
					" of A-Z a-z 0-9 . _ -");
			return;
		}
	} else {
		conn_send_error(c, env->request_id, SANGKIEN__ERROR_CODE__ERROR_INVALID_ARGUMENT,
				"role", "role must be ROLE_OPERATOR or ROLE_ADMINISTRATOR");
		return;
	}
	/* The label names the actor in the audit trail: required. */
	if (!review_check_text("label", rq->label, REVIEW_TEXT_LINE, true, REVIEW_NAME_MAX, &err)) {
		conn_send_error(c, env->request_id, SANGKIEN__ERROR_CODE__ERROR_INVALID_ARGUMENT,
				"label", "label %s", err.reason);
		return;
	}
	struct credential_data *d = calloc(1, sizeof(*d));
	struct db_job *job = db_job_create();
	uint8_t digest[AUTH_DIGEST_BYTES];
	char digest_sql[AUTH_DIGEST_SQL_LEN + 1];
	if (d == NULL || job == NULL || !auth_credential_generate(d->credential, digest)) {
		free(d);
		db_job_free(job);
		conn_send_error(c, env->request_id, SANGKIEN__ERROR_CODE__ERROR_INTERNAL, NULL,
				"cannot make a credential now");
		return;
	}
	snprintf(d->scope, sizeof(d->scope), "%s", scope_code);
	auth_digest_sql(digest, digest_sql);
	if (!handler_job_actor(job, c, "credential.create") ||
	    !credential_query_create(job, role, scope_code, handler_scope_id(c), digest_sql,
				     rq->label)) {
		credential_data_free(d);
		db_job_free(job);
		conn_send_oom(c, env->request_id);
		return;
	}
	conn_run_job(c, env->request_id, job, credential_done, d, credential_data_free);
}
