/* handle_quota.c - Quota (one unit) and Progress (grassroots units in a
 * scope, page by page or whole): quota, submitted and recognized counts for
 * the current campaign, with the unit's target and counts in each phase,
 * and for Progress the scope's tree with each unit's last sync.  The
 * counting rules live in sql/005_reports.sql; the replies are built by
 * progress_rows.h and progress_page.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "handlers.h"
#include "scope_check.h"
#include "initiative_check.h"
#include "names.h"
#include "progress_page.h"
#include "progress_rows.h"
#include "reply_page.h"
#include "report_queries.h"
#include "server.h"
#include "settings.h"

/* Bytes kept beside the units for more and next_cursor. */
#define PROGRESS_PAGE_MARGIN 48
/* The least a unit takes in a reply: its entry with five non-empty
 * strings (a date among them) and a time. */
#define PROGRESS_UNIT_MIN_BYTES 32

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
	if (PQntuples(r) == 0) {
		scope_refuse_outcome(c, req->request_id, "not_found", "unit_code", d->code);
		return;
	}
	const char *refusal = "";
	struct progress_rows pr;
	enum progress_status st = progress_rows_build(&pr, r, &refusal);
	if (st == PROGRESS_REFUSED &&
	    scope_refuse_outcome(c, req->request_id, refusal, "unit_code", d->code)) {
		/* answered */
	} else if (st == PROGRESS_REFUSED) {
		conn_send_error(c, req->request_id, SANGKIEN__ERROR_CODE__ERROR_NOT_FOUND, NULL,
				"there is no current campaign");
	} else if (st != PROGRESS_OK || pr.n_units != 1) {
		conn_send_error(c, req->request_id, SANGKIEN__ERROR_CODE__ERROR_INTERNAL, NULL,
				st == PROGRESS_NOMEM ? "out of memory" : "malformed quota rows");
	} else {
		conn_reply(c, req->request_id, SANGKIEN__ENVELOPE__BODY_QUOTA_REPLY, &pr.units[0]);
	}
	progress_rows_release(&pr);
}

/* Run query(code, the credential's scope) for the request. */
static void run_code_query(struct conn *c, uint64_t request_id, const char *code,
			   bool (*query)(struct db_job *, const char *, int64_t),
			   request_done_fn done)
{
	struct code_data *d = calloc(1, sizeof(*d));
	struct db_job *job = db_job_create();
	if (d == NULL || job == NULL || !query(job, code, handler_scope_id(c))) {
		free(d);
		db_job_free(job);
		conn_send_oom(c, request_id);
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
	/* On the primary: a unit asks right after its own sync. */
	run_code_query(c, env->request_id, code, report_query_quota, quota_done);
}

/* A progress request as asked: the scope, and for a page its cursor. */
struct progress_data {
	char code[CHECK_UNIT_CODE_MAX + 1];
	char cursor[CHECK_UNIT_CODE_MAX + 1];
	bool paged;
};

static void progress_done(struct conn *c, struct request *req, const struct db_outcome *out)
{
	struct progress_data *d = req->data;
	if (out->status != DB_OK) {
		conn_send_db_error(c, req->request_id, out);
		return;
	}
	const char *refusal = "";
	struct progress_page pg;
	enum progress_status st = progress_page_build(&pg, out->results[0], &refusal);
	if (st == PROGRESS_REFUSED) {
		handler_send_scope_refusal(c, req->request_id, refusal,
					   d->code[0] ? d->code : "(root)", "");
	} else if (st != PROGRESS_OK) {
		conn_send_error(c, req->request_id, SANGKIEN__ERROR_CODE__ERROR_INTERNAL, NULL,
				st == PROGRESS_NOMEM ? "out of memory" : "malformed progress rows");
	} else if (!d->paged && pg.more) {
		conn_send_error(c, req->request_id, SANGKIEN__ERROR_CODE__ERROR_LIMIT_EXCEEDED,
				"scope_code",
				"the scope has more grassroots units than one reply holds; ask "
				"page by page (paged)");
	} else {
		Sangkien__ProgressReply reply;
		struct reply_page room;

		/* Room for the envelope, more and next_cursor. */
		reply_page_init(&room, c);
		progress_page_reply(
		    &pg, d->paged, d->cursor,
		    room.budget > PROGRESS_PAGE_MARGIN ? room.budget - PROGRESS_PAGE_MARGIN : 1,
		    &reply);
		conn_reply(c, req->request_id, SANGKIEN__ENVELOPE__BODY_PROGRESS_REPLY, &reply);
	}
	progress_page_release(&pg);
}

void handle_progress(struct conn *c, const Sangkien__Envelope *env)
{
	const Sangkien__ProgressRequest *p = env->progress;
	const char *code = p->scope_code ? p->scope_code : "";
	const char *cursor = p->cursor ? p->cursor : "";
	uint32_t cap = (uint32_t)c->srv->settings->progress_page_units;
	if (code[0] == '\0' && c->sess.role != SANGKIEN__ROLE__ROLE_ADMINISTRATOR)
		code = c->sess.unit_code;
	if (code[0] != '\0' && !unit_code_is_valid(code)) {
		conn_send_error(c, env->request_id, SANGKIEN__ERROR_CODE__ERROR_INVALID_ARGUMENT,
				"scope_code",
				"unit code must be 1..32 characters of A-Z a-z 0-9 . _ -");
		return;
	}
	if (cursor[0] != '\0' && (!p->paged || !unit_code_is_valid(cursor))) {
		conn_send_error(c, env->request_id, SANGKIEN__ERROR_CODE__ERROR_INVALID_ARGUMENT,
				"cursor",
				"cursor must be empty or a unit code from next_cursor, with paged");
		return;
	}
	struct progress_data *d = calloc(1, sizeof(*d));
	struct db_job *job = db_job_create();
	/* A whole reply: more units than a frame could ever hold (each takes
	 * PROGRESS_UNIT_MIN_BYTES at least) are refused before any figure. */
	uint32_t limit = p->paged ? (p->max_units == 0 || p->max_units > cap ? cap : p->max_units)
				  : conn_frame_limit(c) / PROGRESS_UNIT_MIN_BYTES;
	/* "" for administrators: the root of the tree. */
	if (d == NULL || job == NULL ||
	    !progress_page_query(job, code, handler_scope_id(c), cursor, limit, !p->paged)) {
		free(d);
		db_job_free(job);
		conn_send_oom(c, env->request_id);
		return;
	}
	snprintf(d->code, sizeof(d->code), "%s", code);
	snprintf(d->cursor, sizeof(d->cursor), "%s", cursor);
	d->paged = p->paged;
	conn_run_report_job(c, env->request_id, job, progress_done, d, free);
}
