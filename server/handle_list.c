/*
 * handle_list.c - ListInitiativesRequest -> ListInitiativesReply: the
 * initiatives of the units in a scope, paged by record id, for review
 * queues and for export (the admin client renders CSV or JSON).
 *
 * Only initiatives counting in the campaign (applied_on >= counts_from) are
 * listed, optionally only some statuses.  A page holds at most max_items
 * and never more than fits in one frame: `more` says when to ask again
 * with after_record_id = the last record id received.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "handlers.h"
#include "scope_check.h"
#include "initiative_check.h"
#include "initiative_row.h"
#include "strbuf.h"

#define LIST_DEFAULT_ITEMS 100
#define LIST_MAX_ITEMS 500

struct list_data {
	char scope[CHECK_UNIT_CODE_MAX + 1];
	char campaign[CHECK_UNIT_CODE_MAX + 1];
	size_t max;
};

/* Encoded size of a repeated message field entry: tag, length, bytes. */
static size_t field_size(size_t packed)
{
	size_t n = 2 + packed;
	for (size_t v = packed; v >= 0x80; v >>= 7)
		n++;
	return n;
}

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
		conn_send_error(c, req->request_id, SANGKIEN__ERROR_CODE__ERROR_INTERNAL, NULL,
				"out of memory");
		goto done;
	}
	/* Fill while the reply stays under the frame limit; the query fetched
	 * one row more than max to know whether more follow. */
	size_t budget = conn_frame_limit(c) - 64, used = 0, k = 0;
	bool more = n > d->max;
	struct initiative_cols cols;
	char err[128];
	int name_col = PQfnumber(r, "unit_name");
	if (!initiative_cols_find(&cols, r, err, sizeof(err)) || name_col < 0) {
		conn_send_error(c, req->request_id, SANGKIEN__ERROR_CODE__ERROR_INTERNAL, NULL,
				"initiative rows unreadable");
		goto done;
	}
	for (size_t i = 0; i < n && i < d->max; i++) {
		rows[k] = initiative_row_create(r, (int)i, &cols, err, sizeof(err));
		if (rows[k] == NULL) {
			conn_send_error(c, req->request_id, SANGKIEN__ERROR_CODE__ERROR_INTERNAL,
					NULL, "initiative row unreadable: %s", err);
			goto done;
		}
		Sangkien__ListedInitiative *li = &items[k];
		sangkien__listed_initiative__init(li);
		li->initiative = &rows[k]->msg;
		li->unit_code = rows[k]->content.unit_code;
		li->unit_name = (char *)handler_text(r, (int)i, name_col);
		size_t sz = field_size(sangkien__listed_initiative__get_packed_size(li));
		if (sz > budget) {
			/* Alone too large for a frame: its newest notes only, as
			 * a pull sends it. */
			size_t own = sangkien__server_initiative__get_packed_size(&rows[k]->msg);
			initiative_row_fit(rows[k],
					   own > sz - budget + 16 ? own - (sz - budget) - 16 : 0);
			sz = field_size(sangkien__listed_initiative__get_packed_size(li));
		}
		if (k > 0 && used + sz > budget) {
			initiative_row_free(rows[k]);
			rows[k] = NULL;
			more = true;
			break;
		}
		used += sz;
		ptrs[k++] = li;
	}
	Sangkien__ListInitiativesReply lr = SANGKIEN__LIST_INITIATIVES_REPLY__INIT;
	lr.n_items = k;
	lr.items = ptrs;
	lr.more = more;
	Sangkien__Envelope env = SANGKIEN__ENVELOPE__INIT;
	env.request_id = req->request_id;
	env.body_case = SANGKIEN__ENVELOPE__BODY_LIST_INITIATIVES_REPLY;
	env.list_initiatives_reply = &lr;
	conn_send(c, &env);
done:
	for (size_t i = 0; rows != NULL && i < n; i++)
		initiative_row_free(rows[i]);
	free(rows);
	free(items);
	free(ptrs);
}

/*
 * One page of initiatives: $1 scope code ('' for the credential's scope $2,
 * NULL: the whole tree), $3 campaign code, $4 statuses (text[] or NULL),
 * $5 last record id seen, $6 page size + 1.  The unit filter is one of two
 * texts rather than an OR, so that PostgreSQL can turn the IN into a join.
 */
#define LIST_IN_SCOPE                                                                              \
	" WHERE v.unit_id IN (SELECT s.unit_id FROM sk_scope_units($2::bigint) s WHERE $1 = ''"    \
	"  UNION ALL SELECT s.unit_id FROM units x, sk_scope_units(x.id) s"                        \
	"  WHERE $1 <> '' AND x.code = $1 AND sk_in_scope(x.id, $2::bigint))"
#define LIST_WHOLE_TREE " WHERE $1 = '' AND $2::bigint IS NULL"
#define LIST_SQL(unit_filter)                                                                      \
	"WITH k AS (SELECT counts_from FROM campaigns"                                             \
	"  WHERE CASE WHEN $3 = '' THEN is_current ELSE code = $3 END)"                            \
	" SELECT v.*, u.name AS unit_name FROM sk_server_initiatives v"                            \
	" JOIN units u ON u.id = v.unit_id" unit_filter " AND v.record_id > $5::bigint"            \
	" AND ($4::text[] IS NULL OR v.status = ANY ($4::text[]))"                                 \
	" AND v.applied_on::date >= (SELECT counts_from FROM k)"                                   \
	" ORDER BY v.record_id LIMIT $6::int"

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
	char scope[24], after[24], limit[16];
	if (d == NULL || job == NULL || strbuf_str(&st) == NULL) {
		strbuf_release(&st);
		free(d);
		db_job_free(job);
		conn_send_error(c, env->request_id, SANGKIEN__ERROR_CODE__ERROR_INTERNAL, NULL,
				"out of memory");
		return;
	}
	snprintf(d->scope, sizeof(d->scope), "%s", scope_code);
	snprintf(d->campaign, sizeof(d->campaign), "%s", campaign);
	d->max = rq->max_items == 0		  ? LIST_DEFAULT_ITEMS
		 : rq->max_items > LIST_MAX_ITEMS ? LIST_MAX_ITEMS
						  : rq->max_items;
	snprintf(after, sizeof(after), "%llu", (unsigned long long)rq->after_record_id);
	snprintf(limit, sizeof(limit), "%zu", d->max + 1);
	const char *scope_p = handler_scope_param(c, scope);
	/* An administrator listing everything: no unit list to build and
	 * probe, the record-id index gives the page directly. */
	bool whole_tree = scope_code[0] == '\0' && scope_p == NULL;
	const char *campaign_params[] = {campaign};
	const char *params[] = {
	    scope_code, scope_p, campaign, rq->n_statuses ? strbuf_str(&st) : NULL, after, limit};
	/* $1 = '' lists the credential's scope ($2; NULL: the whole tree);
	 * a named unit is listed only when it lies in that scope. */
	bool ok = scope_query(job, c, scope_code) &&
		  db_job_add(job,
			     "SELECT counts_from FROM campaigns"
			     " WHERE CASE WHEN $1 = '' THEN is_current ELSE code = $1 END",
			     1, campaign_params) &&
		  db_job_add(job, whole_tree ? LIST_SQL(LIST_WHOLE_TREE) : LIST_SQL(LIST_IN_SCOPE),
			     6, params);
	strbuf_release(&st);
	if (!ok) {
		free(d);
		db_job_free(job);
		conn_send_error(c, env->request_id, SANGKIEN__ERROR_CODE__ERROR_INTERNAL, NULL,
				"out of memory");
		return;
	}
	conn_run_job(c, env->request_id, job, list_done, d, free);
}
