/* handle_report.c - Report: a scope's figures for a campaign (targets,
 * grassroots units, phases, kinds, themes, weeks), from one statement so
 * every figure comes from the same snapshot (sql/005_reports.sql). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "handlers.h"
#include "scope_check.h"
#include "initiative_check.h"
#include "progress_rows.h"
#include "report_queries.h"
#include "server.h"

struct report_data {
	char scope[CHECK_UNIT_CODE_MAX + 1];
	char campaign[CHECK_UNIT_CODE_MAX + 1];
};

/* Reply to an 'error' row of sk_report / sk_progress. */
void handler_send_scope_refusal(struct conn *c, uint64_t request_id, const char *refusal,
				const char *scope_code, const char *campaign_code)
{
	const char *campaign = campaign_code[0] ? campaign_code : "(current)";
	if (scope_refuse_outcome(c, request_id, refusal, "scope_code", scope_code))
		return;
	if (strcmp(refusal, "campaign_not_found") == 0)
		conn_send_error(c, request_id, SANGKIEN__ERROR_CODE__ERROR_NOT_FOUND,
				"campaign_code", "campaign %s does not exist", campaign);
	else if (strcmp(refusal, "no_root") == 0)
		conn_send_error(c, request_id, SANGKIEN__ERROR_CODE__ERROR_NOT_FOUND, "scope_code",
				"the unit tree is empty");
	else if (strcmp(refusal, "several_roots") == 0)
		conn_send_error(c, request_id, SANGKIEN__ERROR_CODE__ERROR_INVALID_ARGUMENT,
				"scope_code", "the tree has several roots: name the scope unit");
	else
		conn_send_error(c, request_id, SANGKIEN__ERROR_CODE__ERROR_INTERNAL, NULL,
				"unexpected outcome");
}

/* The smallest a grassroots unit's QuotaReply can be in a report: codes,
 * name, campaign, date and counts take more than this. */
#define REPORT_UNIT_MIN_BYTES 64u

/* The report's own parts, pointing into the result. */
struct report_parts {
	Sangkien__ReportReply reply;
	Sangkien__PhaseReport *phases;
	Sangkien__Phase *phase_defs;
	Sangkien__PhaseReport **phase_ptrs;
	Sangkien__ReportCount *counts; /* kinds, themes, weeks in row order */
	Sangkien__ReportCount **count_ptrs;
};

static void report_parts_release(struct report_parts *rp)
{
	free(rp->phases);
	free(rp->phase_defs);
	free(rp->phase_ptrs);
	free(rp->counts);
	free(rp->count_ptrs);
}

/* Fill rp from r; false when out of memory or the rows do not fit. */
static bool report_parts_build(struct report_parts *rp, const PGresult *r)
{
	int nrows = PQntuples(r);
	size_t nphase = 0, ncount = 0, nscope = 0;
	Sangkien__ReportReply *rr = &rp->reply;

	memset(rp, 0, sizeof(*rp));
	sangkien__report_reply__init(rr);
	for (int i = 0; i < nrows; i++) {
		const char *part = handler_text(r, i, PROGRESS_COL_PART);
		nscope += strcmp(part, "scope") == 0;
		nphase += strcmp(part, "phase") == 0;
		ncount += strcmp(part, "kind") == 0 || strcmp(part, "theme") == 0 ||
			  strcmp(part, "week") == 0;
	}
	if (nscope != 1)
		return false;
	rp->phases = calloc(nphase ? nphase : 1, sizeof(*rp->phases));
	rp->phase_defs = calloc(nphase ? nphase : 1, sizeof(*rp->phase_defs));
	rp->phase_ptrs = calloc(nphase ? nphase : 1, sizeof(*rp->phase_ptrs));
	rp->counts = calloc(ncount ? ncount : 1, sizeof(*rp->counts));
	rp->count_ptrs = calloc(ncount ? ncount : 1, sizeof(*rp->count_ptrs));
	if (rp->phases == NULL || rp->phase_defs == NULL || rp->phase_ptrs == NULL ||
	    rp->counts == NULL || rp->count_ptrs == NULL)
		return false;
	size_t p = 0, k = 0;
	for (int i = 0; i < nrows; i++) {
		const char *part = handler_text(r, i, PROGRESS_COL_PART);
		uint32_t n1 = progress_u32(handler_int(r, i, PROGRESS_COL_N1));
		uint32_t n2 = progress_u32(handler_int(r, i, PROGRESS_COL_N2));
		uint32_t n3 = progress_u32(handler_int(r, i, PROGRESS_COL_N3));
		char *code = (char *)handler_text(r, i, PROGRESS_COL_CODE);
		if (strcmp(part, "scope") == 0) {
			rr->scope_code = code;
			rr->scope_name = (char *)handler_text(r, i, PROGRESS_COL_NAME);
			rr->campaign_code = (char *)handler_text(r, i, PROGRESS_COL_T1);
			rr->campaign_name = (char *)handler_text(r, i, PROGRESS_COL_T2);
			rr->counts_from = (char *)handler_text(r, i, PROGRESS_COL_T3);
			rr->target = n1;
			rr->as_of_unix_ms = handler_int(r, i, PROGRESS_COL_N4);
		} else if (strcmp(part, "phase") == 0) {
			Sangkien__Phase *def = &rp->phase_defs[p];
			Sangkien__PhaseReport *pr = &rp->phases[p];
			sangkien__phase__init(def);
			def->code = code;
			def->name = (char *)handler_text(r, i, PROGRESS_COL_NAME);
			def->starts_on = (char *)handler_text(r, i, PROGRESS_COL_T1);
			def->ends_on = (char *)handler_text(r, i, PROGRESS_COL_T2);
			sangkien__phase_report__init(pr);
			pr->phase = def;
			pr->target = n1;
			pr->submitted = n2;
			pr->recognized = n3;
			rp->phase_ptrs[p++] = pr;
		} else if (strcmp(part, "units_omitted") == 0) {
			rr->units_omitted = true; /* too many to list */
		} else if (strcmp(part, "kind") == 0 || strcmp(part, "theme") == 0 ||
			   strcmp(part, "week") == 0) {
			Sangkien__ReportCount *rc = &rp->counts[k];
			sangkien__report_count__init(rc);
			rc->key = code;
			rc->submitted = n2;
			rc->recognized = n3;
			rp->count_ptrs[k++] = rc;
			if (strcmp(part, "kind") == 0) {
				rr->n_by_kind++;
			} else if (strcmp(part, "theme") == 0) {
				rr->n_by_theme++;
			} else {
				rr->n_by_week++;
			}
		}
	}
	/* sk_report orders the parts kind, theme, week. */
	rr->n_phases = nphase;
	rr->phases = rp->phase_ptrs;
	rr->by_kind = rp->count_ptrs;
	rr->by_theme = rp->count_ptrs + rr->n_by_kind;
	rr->by_week = rp->count_ptrs + rr->n_by_kind + rr->n_by_theme;
	return true;
}

/* The 'dossiers' rows into the units they name: both come in the units'
 * order, so one walk matches them.  False when a row names no unit. */
static bool units_dossiers(struct progress_rows *units, const PGresult *r)
{
	size_t u = 0;
	for (int i = 0; i < PQntuples(r); i++) {
		if (strcmp(handler_text(r, i, PROGRESS_COL_PART), "dossiers") != 0)
			continue;
		const char *code = handler_text(r, i, PROGRESS_COL_CODE);
		while (u < units->n_units && strcmp(units->units[u].unit_code, code) != 0)
			u++;
		if (u == units->n_units)
			return false;
		units->units[u].dossiers_complete =
		    progress_u32(handler_int(r, i, PROGRESS_COL_N2));
	}
	return true;
}

static void report_done(struct conn *c, struct request *req, const struct db_outcome *out)
{
	struct report_data *d = req->data;
	if (out->status != DB_OK) {
		conn_send_db_error(c, req->request_id, out);
		return;
	}
	const PGresult *r = out->results[1]; /* [0] is the unit limit */
	const char *refusal = "";
	struct progress_rows units;
	struct report_parts rp;
	enum progress_status st = progress_rows_build(&units, r, &refusal);
	if (st == PROGRESS_REFUSED) {
		handler_send_scope_refusal(c, req->request_id, refusal, d->scope, d->campaign);
		progress_rows_release(&units);
		return;
	}
	if (st == PROGRESS_OK && !units_dossiers(&units, r))
		st = PROGRESS_BAD;
	if (st != PROGRESS_OK || !report_parts_build(&rp, r)) {
		conn_send_error(c, req->request_id, SANGKIEN__ERROR_CODE__ERROR_INTERNAL, NULL,
				st == PROGRESS_NOMEM ? "out of memory" : "malformed report rows");
		progress_rows_release(&units);
		if (st == PROGRESS_OK)
			report_parts_release(&rp);
		return;
	}
	rp.reply.n_units = units.n_units;
	rp.reply.units = units.unit_ptrs;
	/* A scope too large to list (a province, the nation) still gets every
	 * total: the unit list is left out rather than the whole reply (the
	 * margin is the envelope's request id, tag and length). */
	if (sangkien__report_reply__get_packed_size(&rp.reply) + 24 > conn_frame_limit(c)) {
		rp.reply.n_units = 0;
		rp.reply.units = NULL;
		rp.reply.units_omitted = true;
	}
	conn_reply(c, req->request_id, SANGKIEN__ENVELOPE__BODY_REPORT_REPLY, &rp.reply);
	report_parts_release(&rp);
	progress_rows_release(&units);
}

void handle_report(struct conn *c, const Sangkien__Envelope *env)
{
	const Sangkien__ReportRequest *rq = env->report;
	const char *scope_code = rq->scope_code ? rq->scope_code : "";
	const char *campaign = rq->campaign_code ? rq->campaign_code : "";

	if (scope_code[0] != '\0' && !unit_code_is_valid(scope_code)) {
		conn_send_error(c, env->request_id, SANGKIEN__ERROR_CODE__ERROR_INVALID_ARGUMENT,
				"scope_code",
				"unit code must be 1..32 characters of A-Z a-z 0-9 . _ -");
		return;
	}
	if (campaign[0] != '\0' && !unit_code_is_valid(campaign)) {
		conn_send_error(c, env->request_id, SANGKIEN__ERROR_CODE__ERROR_INVALID_ARGUMENT,
				"campaign_code",
				"campaign code must be 1..32 characters of A-Z a-z 0-9 . _ -");
		return;
	}
	struct report_data *d = calloc(1, sizeof(*d));
	struct db_job *job = db_job_create();
	/* No unit's entry in a reply is smaller than this: past frame / this
	 * units, sk_report need not compute rows the reply could not carry. */
	if (d == NULL || job == NULL ||
	    !report_query_report(job, scope_code, handler_scope_id(c), campaign,
				 conn_frame_limit(c) / REPORT_UNIT_MIN_BYTES)) {
		free(d);
		db_job_free(job);
		conn_send_oom(c, env->request_id);
		return;
	}
	snprintf(d->scope, sizeof(d->scope), "%s",
		 scope_code[0] ? scope_code
			       : (c->sess.unit_code[0] ? c->sess.unit_code : "(root)"));
	snprintf(d->campaign, sizeof(d->campaign), "%s", campaign);
	conn_run_report_job(c, env->request_id, job, report_done, d, free);
}
