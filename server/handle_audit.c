/*
 * handle_audit.c - AuditRequest -> AuditReply: the audit trail (written by
 * the triggers of sql/002), filtered and paged by entry id.
 *
 * Always restricted to the caller's scope: an operator sees the entries of
 * units at or below its scope unit, nothing else (entries without a unit,
 * such as campaign changes, are for administrators).  Filters: unit_code
 * (that unit itself, not its subtree), uuid, actor (credential label),
 * since (inclusive) and until (exclusive) in Unix milliseconds.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "handlers.h"
#include "scope_check.h"
#include "initiative_check.h"
#include "review_check.h"
#include "uuid7.h"

#define AUDIT_DEFAULT_ITEMS 100
#define AUDIT_MAX_ITEMS 1000

struct audit_data {
	char unit[CHECK_UNIT_CODE_MAX + 1];
	size_t max;
};

/* Encoded size of a repeated message field entry: tag, length, bytes. */
static size_t field_size(size_t packed)
{
	size_t n = 1 + packed;
	for (size_t v = packed; v >= 0x80; v >>= 7)
		n++;
	return n + 1;
}

static void audit_done(struct conn *c, struct request *req, const struct db_outcome *out)
{
	struct audit_data *d = req->data;
	if (out->status != DB_OK) {
		conn_send_db_error(c, req->request_id, out);
		return;
	}
	const PGresult *unit = out->results[0];
	const PGresult *r = out->results[1];
	if (d->unit[0] != '\0' && scope_refused(c, req->request_id, unit, "unit_code", d->unit))
		return;
	size_t n = (size_t)PQntuples(r);
	Sangkien__AuditEntry *rows = calloc(n ? n : 1, sizeof(*rows));
	Sangkien__AuditEntry **ptrs = calloc(n ? n : 1, sizeof(*ptrs));
	if (rows == NULL || ptrs == NULL) {
		free(rows);
		free(ptrs);
		conn_send_error(c, req->request_id, SANGKIEN__ERROR_CODE__ERROR_INTERNAL, NULL,
				"out of memory");
		return;
	}
	/* Fill while the reply stays under the frame limit; the rest is for
	 * the next page (the query fetched one row more than max to know). */
	size_t budget = conn_frame_limit(c) - 64, used = 0, k = 0;
	bool more = n > d->max;
	for (size_t i = 0; i < n && i < d->max; i++) {
		Sangkien__AuditEntry *e = &rows[k];
		sangkien__audit_entry__init(e);
		e->id = (uint64_t)handler_int(r, (int)i, 0);
		e->at_unix_ms = handler_int(r, (int)i, 1);
		e->actor = (char *)handler_text(r, (int)i, 2);
		e->actor_role = (char *)handler_text(r, (int)i, 3);
		e->action = (char *)handler_text(r, (int)i, 4);
		e->unit_code = (char *)handler_text(r, (int)i, 5);
		e->uuid = (char *)handler_text(r, (int)i, 6);
		e->before_json = (char *)handler_text(r, (int)i, 7);
		e->after_json = (char *)handler_text(r, (int)i, 8);
		size_t sz = field_size(sangkien__audit_entry__get_packed_size(e));
		if (k > 0 && used + sz > budget) {
			more = true;
			break;
		}
		used += sz;
		ptrs[k++] = e;
	}
	Sangkien__AuditReply ar = SANGKIEN__AUDIT_REPLY__INIT;
	ar.n_entries = k;
	ar.entries = ptrs;
	ar.more = more;
	Sangkien__Envelope env = SANGKIEN__ENVELOPE__INIT;
	env.request_id = req->request_id;
	env.body_case = SANGKIEN__ENVELOPE__BODY_AUDIT_REPLY;
	env.audit_reply = &ar;
	conn_send(c, &env);
	free(rows);
	free(ptrs);
}

void handle_audit(struct conn *c, const Sangkien__Envelope *env)
{
	const Sangkien__AuditRequest *rq = env->audit;
	const char *unit = rq->unit_code ? rq->unit_code : "";
	const char *uuid = rq->uuid ? rq->uuid : "";
	const char *actor = rq->actor ? rq->actor : "";
	struct check_error err;

	if (unit[0] != '\0' && !unit_code_is_valid(unit)) {
		conn_send_error(c, env->request_id, SANGKIEN__ERROR_CODE__ERROR_INVALID_ARGUMENT,
				"unit_code",
				"unit code must be 1..32 characters of A-Z a-z 0-9 . _ -");
		return;
	}
	if (uuid[0] != '\0' && !uuid7_is_valid(uuid)) {
		conn_send_error(c, env->request_id, SANGKIEN__ERROR_CODE__ERROR_INVALID_ARGUMENT,
				"uuid", "uuid must be a lower-case version 7 UUID");
		return;
	}
	if (!review_check_text("actor", actor, REVIEW_TEXT_LINE, false, REVIEW_NAME_MAX, &err)) {
		conn_send_error(c, env->request_id, SANGKIEN__ERROR_CODE__ERROR_INVALID_ARGUMENT,
				"actor", "actor %s", err.reason);
		return;
	}
	if (rq->since_unix_ms < 0 || rq->until_unix_ms < 0 ||
	    (rq->until_unix_ms != 0 && rq->until_unix_ms <= rq->since_unix_ms)) {
		conn_send_error(c, env->request_id, SANGKIEN__ERROR_CODE__ERROR_INVALID_ARGUMENT,
				"until_unix_ms",
				"times are milliseconds since 1970 (0: open) and until must be"
				" after since");
		return;
	}
	if (rq->after_id > INT64_MAX) {
		conn_send_error(c, env->request_id, SANGKIEN__ERROR_CODE__ERROR_INVALID_ARGUMENT,
				"after_id", "after_id is out of range");
		return;
	}
	struct audit_data *d = calloc(1, sizeof(*d));
	struct db_job *job = db_job_create();
	char scope[24], after[24], since[24], until[24], limit[16];
	if (d == NULL || job == NULL) {
		free(d);
		db_job_free(job);
		conn_send_error(c, env->request_id, SANGKIEN__ERROR_CODE__ERROR_INTERNAL, NULL,
				"out of memory");
		return;
	}
	snprintf(d->unit, sizeof(d->unit), "%s", unit);
	d->max = rq->max_items == 0		   ? AUDIT_DEFAULT_ITEMS
		 : rq->max_items > AUDIT_MAX_ITEMS ? AUDIT_MAX_ITEMS
						   : rq->max_items;
	snprintf(after, sizeof(after), "%llu", (unsigned long long)rq->after_id);
	snprintf(since, sizeof(since), "%lld", (long long)rq->since_unix_ms);
	snprintf(until, sizeof(until), "%lld", (long long)rq->until_unix_ms);
	snprintf(limit, sizeof(limit), "%zu", d->max + 1);
	const char *scope_p = handler_scope_param(c, scope);
	const char *params[] = {
	    after,
	    scope_p,
	    unit[0] ? unit : NULL,
	    uuid[0] ? uuid : NULL,
	    actor[0] ? actor : NULL,
	    since,
	    until,
	    limit,
	};
	bool ok = scope_query(job, c, unit) &&
		  db_job_add(job,
			     "SELECT a.id, floor(extract(epoch FROM a.at) * 1000)::bigint,"
			     " a.actor, a.actor_role, a.action, u.code, i.uuid::text,"
			     " a.before::text, a.after::text"
			     " FROM audit_log a"
			     " LEFT JOIN units u ON u.id = a.unit_id"
			     " LEFT JOIN initiatives i ON i.id = a.initiative_id"
			     " WHERE a.id > $1::bigint"
			     " AND ($2::bigint IS NULL OR a.unit_id IN"
			     "  (SELECT s.unit_id FROM sk_scope_units($2::bigint) s))"
			     " AND ($3::text IS NULL OR a.unit_id ="
			     "  (SELECT x.id FROM units x WHERE x.code = $3))"
			     " AND ($4::uuid IS NULL OR a.initiative_id ="
			     "  (SELECT y.id FROM initiatives y WHERE y.uuid = $4::uuid))"
			     " AND ($5::text IS NULL OR a.actor = $5)"
			     " AND ($6::bigint = 0 OR a.at >= to_timestamp($6::bigint / 1000.0))"
			     " AND ($7::bigint = 0 OR a.at < to_timestamp($7::bigint / 1000.0))"
			     " ORDER BY a.id LIMIT $8::int",
			     8, params);
	if (!ok) {
		free(d);
		db_job_free(job);
		conn_send_error(c, env->request_id, SANGKIEN__ERROR_CODE__ERROR_INTERNAL, NULL,
				"out of memory");
		return;
	}
	conn_run_job(c, env->request_id, job, audit_done, d, free);
}
