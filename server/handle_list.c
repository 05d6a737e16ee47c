/*
 * handle_list.c - ListInitiativesRequest -> ListInitiativesReply: the
 * initiatives of the units in a scope, paged by record id, for review
 * queues and for export (the admin client renders CSV or JSON).
 *
 * Only initiatives counting in the campaign (applied_on >= counts_from) are
 * listed, optionally only some statuses, or those a uuid prefix names.  A page holds at most
 * max_items and never more than fits in one frame: `more` says when to ask again with
 * after_record_id = the last record id received.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "handlers.h"
#include "scope_check.h"
#include "initiative_check.h"
#include "initiative_row.h"
#include "listing_queries.h"
#include "reply_page.h"
#include "strbuf.h"

#define LIST_DEFAULT_ITEMS 100
#define LIST_MAX_ITEMS 500

struct list_data {
	char scope[CHECK_UNIT_CODE_MAX + 1];
	char campaign[CHECK_UNIT_CODE_MAX + 1];
	size_t max;
};

static void list_done(struct conn *c, struct request *req, const struct db_outcome *out)
{
	struct list_data *d = req->data;
	if (out->status != DB_OK) {
		conn_send_db_error(c, req->request_id, out);
		return;
	}
	const PGresult *scope = out->results[0];
	const PGresult *campaign = out->results[1];
	const PGresult *r = out->results[2];
	if (d->scope[0] != '\0' && scope_refused(c, req->request_id, scope, "scope_code", d->scope))
		return;
	if (PQntuples(campaign) != 1) {
		conn_send_error(c, req->request_id, SANGKIEN__ERROR_CODE__ERROR_NOT_FOUND,
				"campaign_code", "campaign %s does not exist",
				d->campaign[0] ? d->campaign : "(current)");
		return;
	}
	size_t n = (size_t)PQntuples(r);
	if (n > d->max + 1)
		n = d->max + 1;
	struct initiative_row **rows = calloc(n ? n : 1, sizeof(*rows));
	Sangkien__ListedInitiative *items = calloc(n ? n : 1, sizeof(*items));
	Sangkien__ListedInitiative **ptrs = calloc(n ? n : 1, sizeof(*ptrs));
	if (rows == NULL || items == NULL || ptrs == NULL) {
		conn_send_oom(c, req->request_id);
		goto done;
	}
	/* Fill while the reply stays under the frame limit; the query fetched
	 * one row more than max to know whether more follow. */
	struct reply_page page;
	reply_page_init(&page, c);
	struct listing_cols cols;
	char err[128];
	if (!listing_cols_find(&cols, r, false, err, sizeof(err))) {
		conn_send_error(c, req->request_id, SANGKIEN__ERROR_CODE__ERROR_INTERNAL, NULL,
				"initiative rows unreadable");
		goto done;
	}
	for (size_t i = 0; i < n && i < d->max; i++) {
		size_t k = page.n;
		Sangkien__ListedInitiative *li = &items[k];
		if (!listing_read(li, &rows[k], r, (int)i, &cols, err, sizeof(err))) {
			conn_send_error(c, req->request_id, SANGKIEN__ERROR_CODE__ERROR_INTERNAL,
					NULL, "initiative row unreadable: %s", err);
			goto done;
		}
		size_t sz = reply_page_entry_size(sangkien__listed_initiative__get_packed_size(li));
		if (reply_page_fit_row(&page, rows[k], sz))
			sz =
			    reply_page_entry_size(sangkien__listed_initiative__get_packed_size(li));
		if (!reply_page_take(&page, sz)) {
			initiative_row_free(rows[k]);
			rows[k] = NULL;
			break;
		}
		ptrs[k] = li;
	}
	Sangkien__ListInitiativesReply lr = SANGKIEN__LIST_INITIATIVES_REPLY__INIT;
	lr.n_items = page.n;
	lr.items = ptrs;
	lr.more = n > d->max || page.more;
	conn_reply(c, req->request_id, SANGKIEN__ENVELOPE__BODY_LIST_INITIATIVES_REPLY, &lr);
done:
	for (size_t i = 0; rows != NULL && i < n; i++)
		initiative_row_free(rows[i]);
	free(rows);
	free(items);
	free(ptrs);
}

void handle_list_initiatives(struct conn *c, const Sangkien__Envelope *env)
{
	const Sangkien__ListInitiativesRequest *rq = env->list_initiatives;
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
	if (rq->n_statuses > 16) {
		conn_send_error(c, env->request_id, SANGKIEN__ERROR_CODE__ERROR_LIMIT_EXCEEDED,
				"statuses", "at most 16 statuses");
		return;
	}
	if (rq->after_record_id > INT64_MAX) {
		conn_send_error(c, env->request_id, SANGKIEN__ERROR_CODE__ERROR_INVALID_ARGUMENT,
				"after_record_id", "after_record_id is out of range");
		return;
	}
	char lo[37], hi[37];
	const char *prefix = rq->uuid_prefix ? rq->uuid_prefix : "";
	if (prefix[0] != '\0' && !listing_uuid_range(prefix, lo, hi)) {
		conn_send_error(
		    c, env->request_id, SANGKIEN__ERROR_CODE__ERROR_INVALID_ARGUMENT, "uuid_prefix",
		    "uuid_prefix must be 8..36 characters of a uuid (hex digits, dashes "
		    "where a uuid has them)");
		return;
	}
	/* Statuses as a text[] literal of known names (no quoting needed). */
	struct strbuf st = STRBUF_INIT;
	strbuf_appends(&st, "{");
	for (size_t i = 0; i < rq->n_statuses; i++) {
		const char *name = initiative_status_text(rq->statuses[i]);
		if (name == NULL) {
			strbuf_release(&st);
			conn_send_error(c, env->request_id,
					SANGKIEN__ERROR_CODE__ERROR_INVALID_ARGUMENT, "statuses",
					"unknown status %d at position %zu", (int)rq->statuses[i],
					i);
			return;
		}
		strbuf_appendf(&st, "%s%s", i ? "," : "", name);
	}
	strbuf_appends(&st, "}");

	struct list_data *d = calloc(1, sizeof(*d));
	struct db_job *job = db_job_create();
	if (d == NULL || job == NULL || strbuf_str(&st) == NULL) {
		strbuf_release(&st);
		free(d);
		db_job_free(job);
		conn_send_oom(c, env->request_id);
		return;
	}
	snprintf(d->scope, sizeof(d->scope), "%s", scope_code);
	snprintf(d->campaign, sizeof(d->campaign), "%s", campaign);
	d->max = rq->max_items == 0		  ? LIST_DEFAULT_ITEMS
		 : rq->max_items > LIST_MAX_ITEMS ? LIST_MAX_ITEMS
						  : rq->max_items;
	const struct listing_filter f = {
	    .scope_code = scope_code,
	    .scope = handler_scope_id(c),
	    .campaign_code = campaign,
	    .statuses = rq->n_statuses ? strbuf_str(&st) : NULL,
	    .after_record_id = rq->after_record_id,
	    .limit = (uint32_t)d->max + 1,
	    .uuid_lo = prefix[0] ? lo : NULL,
	    .uuid_hi = prefix[0] ? hi : NULL,
	};
	/* scope_code "" lists the credential's scope (the whole tree for an
	 * administrator); a named unit is listed only when it lies in that
	 * scope. */
	bool ok = scope_query(job, c, scope_code) && listing_query_campaign(job, campaign) &&
		  listing_query_page(job, &f);
	strbuf_release(&st);
	if (!ok) {
		free(d);
		db_job_free(job);
		conn_send_oom(c, env->request_id);
		return;
	}
	/* A review queue must show the decisions just made: only an export
	 * that says a moment-old copy will do goes to the report pool. */
	(rq->may_lag ? conn_run_report_job : conn_run_job)(c, env->request_id, job, list_done, d,
							   free);
}
