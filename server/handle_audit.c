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

#include "audit_queries.h"
#include "handlers.h"
#include "reply_page.h"
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
		conn_send_oom(c, req->request_id);
		return;
	}
	/* Fill while the reply stays under the frame limit; the rest is for
	 * the next page (the query fetched one row more than max to know). */
	struct reply_page page;
	reply_page_init(&page, c);
	for (size_t i = 0; i < n && i < d->max; i++) {
		Sangkien__AuditEntry *e = &rows[page.n];
		audit_entry_read(e, r, (int)i);
		if (!reply_page_take(
			&page, reply_page_entry_size(sangkien__audit_entry__get_packed_size(e))))
			break;
		ptrs[page.n - 1] = e;
	}
	Sangkien__AuditReply ar = SANGKIEN__AUDIT_REPLY__INIT;
	ar.n_entries = page.n;
	ar.entries = ptrs;
	ar.more = n > d->max || page.more;
	conn_reply(c, req->request_id, SANGKIEN__ENVELOPE__BODY_AUDIT_REPLY, &ar);
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
	if (d == NULL || job == NULL) {
		free(d);
		db_job_free(job);
		conn_send_oom(c, env->request_id);
		return;
	}
	snprintf(d->unit, sizeof(d->unit), "%s", unit);
	d->max = rq->max_items == 0		   ? AUDIT_DEFAULT_ITEMS
		 : rq->max_items > AUDIT_MAX_ITEMS ? AUDIT_MAX_ITEMS
						   : rq->max_items;
	const struct audit_filter f = {
	    .after_id = rq->after_id,
	    .scope = handler_scope_id(c),
	    .unit_code = unit,
	    .uuid = uuid,
	    .actor = actor,
	    .since_unix_ms = rq->since_unix_ms,
	    .until_unix_ms = rq->until_unix_ms,
	    .limit = (uint32_t)d->max + 1,
	};
	if (!scope_query(job, c, unit) || !audit_query_page(job, &f)) {
		free(d);
		db_job_free(job);
		conn_send_oom(c, env->request_id);
		return;
	}
	conn_run_job(c, env->request_id, job, audit_done, d, free);
}
