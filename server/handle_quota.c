/* handle_quota.c - Quota (one unit) and Progress (grassroots units in a
 * scope): quota, submitted and recognized counts for the current campaign,
 * with the unit's target and counts in each phase, and for Progress the
 * scope's tree with each unit's last sync.  The counting rules live in
 * sql/005_reports.sql; the replies are built by progress_rows.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "handlers.h"
#include "scope_check.h"
#include "initiative_check.h"
#include "names.h"
#include "progress_rows.h"
#include "report_queries.h"
#include "server.h"

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

/* Run query(code, the credential's scope) for the request; `report`: on
 * the report pool (conn_run_report_job). */
static void run_code_query(struct conn *c, uint64_t request_id, const char *code,
			   bool (*query)(struct db_job *, const char *, int64_t),
			   request_done_fn done, bool report)
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
	(report ? conn_run_report_job : conn_run_job)(c, request_id, job, done, d, free);
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
	run_code_query(c, env->request_id, code, report_query_quota, quota_done, false);
}

/* The tree's nodes from sk_scope_tree's rows; strings point into r.  NULL
 * when out of memory. */
static Sangkien__UnitNode *tree_build(const PGresult *r, Sangkien__UnitNode ***ptrs)
{
	int n = PQntuples(r);
	Sangkien__UnitNode *nodes = calloc(n ? (size_t)n : 1, sizeof(*nodes));

	*ptrs = calloc(n ? (size_t)n : 1, sizeof(**ptrs));
	if (nodes == NULL || *ptrs == NULL) {
		free(nodes);
		free(*ptrs);
		*ptrs = NULL;
		return NULL;
	}
	for (int i = 0; i < n; i++) {
		const struct name_entry *level =
		    names_find_code(NAMES_LEVEL, handler_text(r, i, 2));

		sangkien__unit_node__init(&nodes[i]);
		nodes[i].code = (char *)handler_text(r, i, 0);
		nodes[i].name = (char *)handler_text(r, i, 1);
		nodes[i].level = level ? (Sangkien__UnitLevel)level->value
				       : SANGKIEN__UNIT_LEVEL__LEVEL_UNSPECIFIED;
		nodes[i].parent_code = (char *)handler_text(r, i, 3);
		nodes[i].last_sync_unix_ms = handler_int(r, i, 4);
		(*ptrs)[i] = &nodes[i];
	}
	return nodes;
}

static void progress_done(struct conn *c, struct request *req, const struct db_outcome *out)
{
	struct code_data *d = req->data;
	if (out->status != DB_OK) {
		conn_send_db_error(c, req->request_id, out);
		return;
	}
	const char *refusal = "";
	struct progress_rows pr;
	enum progress_status st = progress_rows_build(&pr, out->results[0], &refusal);
	if (st == PROGRESS_REFUSED) {
		handler_send_scope_refusal(c, req->request_id, refusal,
					   d->code[0] ? d->code : "(root)", "");
	} else if (st != PROGRESS_OK) {
		conn_send_error(c, req->request_id, SANGKIEN__ERROR_CODE__ERROR_INTERNAL, NULL,
				st == PROGRESS_NOMEM ? "out of memory" : "malformed progress rows");
	} else {
		Sangkien__ProgressReply reply = SANGKIEN__PROGRESS_REPLY__INIT;
		Sangkien__UnitNode **ptrs = NULL;
		Sangkien__UnitNode *nodes = tree_build(out->results[1], &ptrs);

		if (nodes == NULL) {
			conn_send_oom(c, req->request_id);
			progress_rows_release(&pr);
			return;
		}
		reply.n_units = pr.n_units;
		reply.units = pr.unit_ptrs;
		reply.n_tree = (size_t)PQntuples(out->results[1]);
		reply.tree = ptrs;
		/* The units first: a scope too large for both (a province, the
		 * nation) goes without its tree (margin: the envelope's request
		 * id, tag and length). */
		if (sangkien__progress_reply__get_packed_size(&reply) + 24 > conn_frame_limit(c)) {
			reply.n_tree = 0;
			reply.tree = NULL;
			reply.tree_omitted = true;
		}
		conn_reply(c, req->request_id, SANGKIEN__ENVELOPE__BODY_PROGRESS_REPLY, &reply);
		free(nodes);
		free(ptrs);
	}
	progress_rows_release(&pr);
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
	/* "" for administrators: the root of the tree. */
	run_code_query(c, env->request_id, code, report_query_progress, progress_done, true);
}
