/* handle_quota.c - Quota (one unit) and Progress (grassroots units in a
 * scope): quota, submitted and recognized counts for the current campaign. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "handlers.h"
#include "initiative_check.h"
#include "server.h"

/* Columns 0..8 of both queries, in QuotaReply's field order. */
#define QUOTA_COLUMNS                                                                              \
	"u.code, u.name, c.code, c.name, c.counts_from::text, coalesce(q.quota, 0),"               \
	" coalesce(s.submitted, 0), coalesce(s.recognized, 0),"                                    \
	" floor(extract(epoch FROM clock_timestamp()) * 1000)::bigint"

#define QUOTA_JOINS                                                                                \
	" JOIN campaigns c ON c.is_current"                                                        \
	" LEFT JOIN quotas q ON q.unit_id = u.id AND q.campaign_id = c.id"                         \
	" LEFT JOIN LATERAL (SELECT count(*) FILTER (WHERE i.status <> 'withdrawn')"               \
	" AS submitted, count(*) FILTER (WHERE i.status = 'recognized') AS recognized"             \
	" FROM initiatives i WHERE i.unit_id = u.id"                                               \
	" AND i.applied_on >= c.counts_from) s ON true"

/* Point reply fields into row `row` of r (valid while r lives). */
static void fill_quota(Sangkien__QuotaReply *q, const PGresult *r, int row)
{
	sangkien__quota_reply__init(q);
	q->unit_code = (char *)handler_text(r, row, 0);
	q->unit_name = (char *)handler_text(r, row, 1);
	q->campaign_code = (char *)handler_text(r, row, 2);
	q->campaign_name = (char *)handler_text(r, row, 3);
	q->counts_from = (char *)handler_text(r, row, 4);
	q->quota = (uint32_t)handler_int(r, row, 5);
	q->submitted = (uint32_t)handler_int(r, row, 6);
	q->recognized = (uint32_t)handler_int(r, row, 7);
	q->as_of_unix_ms = handler_int(r, row, 8);
}

struct code_data {
	char code[CHECK_UNIT_CODE_MAX + 1];
};

static void quota_done(struct conn *c, struct request *req, const struct db_outcome *out)
{
	struct code_data *d = req->data;
	if (out->status != DB_OK) {
		conn_send_db_error(c, req->request_id, out);
		return;
	}
	const PGresult *r = out->results[0];
	if (PQntuples(r) != 1) {
		conn_send_error(c, req->request_id, SANGKIEN__ERROR_CODE__ERROR_NOT_FOUND,
				"unit_code", "unit %s does not exist", d->code);
		return;
	}
	if (strcmp(handler_text(r, 0, 9), "t") != 0) {
		conn_send_error(c, req->request_id, SANGKIEN__ERROR_CODE__ERROR_FORBIDDEN,
				"unit_code", "unit %s is outside this credential's scope", d->code);
		return;
	}
	Sangkien__QuotaReply q;
	fill_quota(&q, r, 0);
	Sangkien__Envelope env = SANGKIEN__ENVELOPE__INIT;
	env.request_id = req->request_id;
	env.body_case = SANGKIEN__ENVELOPE__BODY_QUOTA_REPLY;
	env.quota_reply = &q;
	conn_send(c, &env);
}

/* Run `sql` with ($1 = code, $2 = scope) for the request. */
static void run_code_query(struct conn *c, uint64_t request_id, const char *code,
			   const char *const *sqls, int nsql, request_done_fn done)
{
	struct code_data *d = calloc(1, sizeof(*d));
	struct db_job *job = db_job_create();
	char scope[24];
	const char *params[] = {code, handler_scope_param(c, scope)};
	bool ok = d != NULL && job != NULL;
	for (int i = 0; ok && i < nsql; i++)
		ok = db_job_add(job, sqls[i], 2, params);
	if (!ok) {
		free(d);
		db_job_free(job);
		conn_send_error(c, request_id, SANGKIEN__ERROR_CODE__ERROR_INTERNAL, NULL,
				"out of memory");
		return;
	}
	snprintf(d->code, sizeof(d->code), "%s", code);
	conn_run_job(c, request_id, job, done, d, free);
}

void handle_quota(struct conn *c, const Sangkien__Envelope *env)
{
	const char *code = env->quota->unit_code ? env->quota->unit_code : "";
	if (code[0] == '\0') {
		if (c->sess.role == SANGKIEN__ROLE__ROLE_ADMINISTRATOR) {
			conn_send_error(c, env->request_id,
					SANGKIEN__ERROR_CODE__ERROR_INVALID_ARGUMENT, "unit_code",
					"an administrator must name the unit");
			return;
		}
		code = c->sess.unit_code;
	}
	if (!unit_code_is_valid(code)) {
		conn_send_error(c, env->request_id, SANGKIEN__ERROR_CODE__ERROR_INVALID_ARGUMENT,
				"unit_code",
				"unit code must be 1..32 characters of A-Z a-z 0-9 . _ -");
		return;
	}
	/* A unit's device sees its own unit only; no need to ask the database. */
	if (c->sess.role == SANGKIEN__ROLE__ROLE_UNIT && strcmp(code, c->sess.unit_code) != 0) {
		conn_send_error(c, env->request_id, SANGKIEN__ERROR_CODE__ERROR_FORBIDDEN,
				"unit_code", "this credential may only ask about unit %s",
				c->sess.unit_code);
		return;
	}
	static const char *const sqls[] = {
	    "SELECT " QUOTA_COLUMNS ", sk_in_scope(u.id, $2::bigint)"
	    " FROM units u" QUOTA_JOINS " WHERE u.code = $1",
	};
	run_code_query(c, env->request_id, code, sqls, 1, quota_done);
}

static void progress_done(struct conn *c, struct request *req, const struct db_outcome *out)
{
	struct code_data *d = req->data;
	if (out->status != DB_OK) {
		conn_send_db_error(c, req->request_id, out);
		return;
	}
	const PGresult *scope = out->results[0];
	const PGresult *r = out->results[1];
	if (d->code[0] != '\0') {
		if (PQntuples(scope) != 1) {
			conn_send_error(c, req->request_id, SANGKIEN__ERROR_CODE__ERROR_NOT_FOUND,
					"scope_code", "unit %s does not exist", d->code);
			return;
		}
		if (strcmp(handler_text(scope, 0, 1), "t") != 0) {
			conn_send_error(c, req->request_id, SANGKIEN__ERROR_CODE__ERROR_FORBIDDEN,
					"scope_code", "unit %s is outside this credential's scope",
					d->code);
			return;
		}
	}
	int n = PQntuples(r);
	Sangkien__QuotaReply *rows = calloc(n ? (size_t)n : 1, sizeof(*rows));
	Sangkien__QuotaReply **ptrs = calloc(n ? (size_t)n : 1, sizeof(*ptrs));
	if (rows == NULL || ptrs == NULL) {
		free(rows);
		free(ptrs);
		conn_send_error(c, req->request_id, SANGKIEN__ERROR_CODE__ERROR_INTERNAL, NULL,
				"out of memory");
		return;
	}
	for (int i = 0; i < n; i++) {
		fill_quota(&rows[i], r, i);
		ptrs[i] = &rows[i];
	}
	Sangkien__ProgressReply pr = SANGKIEN__PROGRESS_REPLY__INIT;
	pr.n_units = (size_t)n;
	pr.units = ptrs;
	Sangkien__Envelope env = SANGKIEN__ENVELOPE__INIT;
	env.request_id = req->request_id;
	env.body_case = SANGKIEN__ENVELOPE__BODY_PROGRESS_REPLY;
	env.progress_reply = &pr;
	conn_send(c, &env);
	free(rows);
	free(ptrs);
}

void handle_progress(struct conn *c, const Sangkien__Envelope *env)
{
	const char *code = env->progress->scope_code ? env->progress->scope_code : "";
	if (code[0] == '\0' && c->sess.role != SANGKIEN__ROLE__ROLE_ADMINISTRATOR)
		code = c->sess.unit_code;
	if (code[0] != '\0' && !unit_code_is_valid(code)) {
		conn_send_error(c, env->request_id, SANGKIEN__ERROR_CODE__ERROR_INVALID_ARGUMENT,
				"scope_code",
				"unit code must be 1..32 characters of A-Z a-z 0-9 . _ -");
		return;
	}
	/* $1 = '' only for administrators: every root, i.e. the whole tree. */
	static const char *const sqls[] = {
	    "SELECT id, sk_in_scope(id, $2::bigint) FROM units WHERE code = $1",
	    "WITH RECURSIVE sub (id, depth) AS ("
	    " SELECT id, 0 FROM units WHERE CASE WHEN $1 = '' THEN parent_id IS NULL"
	    " ELSE code = $1 AND sk_in_scope(id, $2::bigint) END"
	    " UNION ALL SELECT u.id, sub.depth + 1 FROM units u"
	    " JOIN sub ON u.parent_id = sub.id WHERE sub.depth < 64)"
	    " SELECT " QUOTA_COLUMNS " FROM sub JOIN units u ON u.id = sub.id" QUOTA_JOINS
	    " WHERE u.level = 'grassroots' ORDER BY u.code",
	};
	run_code_query(c, env->request_id, code, sqls, 2, progress_done);
}
