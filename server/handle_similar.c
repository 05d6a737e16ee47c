/*
 * handle_similar.c - SimilarRequest -> SimilarReply: initiatives in the
 * operator's scope whose title or summary resemble the given one's, so the
 * same idea is not counted twice.
 *
 * Similarity is pg_trgm's trigram similarity over text folded by sk_fold()
 * (sql/004: diacritics removed, lower case), so "Đổi mới" matches "doi
 * moi"; an item's figure is the larger of the title and summary figures.
 * Candidates must reach pg_trgm.similarity_threshold (default 0.3) on one
 * of them, which the trigram indexes answer.  Withdrawn initiatives are
 * left out.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "handlers.h"
#include "initiative_row.h"
#include "listing_queries.h"
#include "reply_page.h"
#include "uuid7.h"

#define SIMILAR_DEFAULT_ITEMS 20
#define SIMILAR_MAX_ITEMS 100

struct similar_data {
	bool admin;
};

static void similar_done(struct conn *c, struct request *req, const struct db_outcome *out)
{
	struct similar_data *d = req->data;
	if (out->status != DB_OK) {
		conn_send_db_error(c, req->request_id, out);
		return;
	}
	const PGresult *target = out->results[0];
	const PGresult *r = out->results[1];
	if (PQntuples(target) != 1) {
		/* Unknown and out of scope look the same to an operator. */
		if (d->admin)
			conn_send_error(c, req->request_id, SANGKIEN__ERROR_CODE__ERROR_NOT_FOUND,
					"uuid", "no initiative with this uuid");
		else
			conn_send_error(c, req->request_id, SANGKIEN__ERROR_CODE__ERROR_FORBIDDEN,
					"uuid",
					"no initiative with this uuid in this credential's scope");
		return;
	}
	size_t n = (size_t)PQntuples(r);
	struct initiative_row **rows = calloc(n ? n : 1, sizeof(*rows));
	Sangkien__ListedInitiative *listed = calloc(n ? n : 1, sizeof(*listed));
	Sangkien__SimilarItem *items = calloc(n ? n : 1, sizeof(*items));
	Sangkien__SimilarItem **ptrs = calloc(n ? n : 1, sizeof(*ptrs));
	if (rows == NULL || listed == NULL || items == NULL || ptrs == NULL) {
		conn_send_oom(c, req->request_id);
		goto done;
	}
	/* Most similar first; stop before the frame limit. */
	struct reply_page page;
	reply_page_init(&page, c);
	struct listing_cols cols;
	char err[128];
	if (!listing_cols_find(&cols, r, true, err, sizeof(err))) {
		conn_send_error(c, req->request_id, SANGKIEN__ERROR_CODE__ERROR_INTERNAL, NULL,
				"initiative rows unreadable");
		goto done;
	}
	for (size_t i = 0; i < n; i++) {
		size_t k = page.n;
		if (!listing_read(&listed[k], &rows[k], r, (int)i, &cols, err, sizeof(err))) {
			conn_send_error(c, req->request_id, SANGKIEN__ERROR_CODE__ERROR_INTERNAL,
					NULL, "initiative row unreadable: %s", err);
			goto done;
		}
		sangkien__similar_item__init(&items[k]);
		items[k].item = &listed[k];
		items[k].similarity = strtod(handler_text(r, (int)i, cols.similarity), NULL);
		size_t sz =
		    reply_page_entry_size(sangkien__similar_item__get_packed_size(&items[k]));
		if (reply_page_fit_row(&page, rows[k], sz))
			sz = reply_page_entry_size(
			    sangkien__similar_item__get_packed_size(&items[k]));
		if (!reply_page_take(&page, sz)) {
			initiative_row_free(rows[k]);
			rows[k] = NULL;
			break;
		}
		ptrs[k] = &items[k];
	}
	Sangkien__SimilarReply sr = SANGKIEN__SIMILAR_REPLY__INIT;
	sr.n_items = page.n;
	sr.items = ptrs;
	conn_reply(c, req->request_id, SANGKIEN__ENVELOPE__BODY_SIMILAR_REPLY, &sr);
done:
	for (size_t i = 0; rows != NULL && i < n; i++)
		initiative_row_free(rows[i]);
	free(rows);
	free(listed);
	free(items);
	free(ptrs);
}

void handle_similar(struct conn *c, const Sangkien__Envelope *env)
{
	const Sangkien__SimilarRequest *rq = env->similar;
	if (!uuid7_is_valid(rq->uuid)) {
		conn_send_error(c, env->request_id, SANGKIEN__ERROR_CODE__ERROR_INVALID_ARGUMENT,
				"uuid", "uuid must be a lower-case version 7 UUID");
		return;
	}
	struct similar_data *d = calloc(1, sizeof(*d));
	struct db_job *job = db_job_create();
	uint32_t max = rq->max_items == 0		   ? SIMILAR_DEFAULT_ITEMS
		       : rq->max_items > SIMILAR_MAX_ITEMS ? SIMILAR_MAX_ITEMS
							   : rq->max_items;
	if (d == NULL || job == NULL || !similar_query_target(job, rq->uuid, handler_scope_id(c)) ||
	    !similar_query_items(job, rq->uuid, handler_scope_id(c), max)) {
		free(d);
		db_job_free(job);
		conn_send_oom(c, env->request_id);
		return;
	}
	d->admin = c->sess.role == SANGKIEN__ROLE__ROLE_ADMINISTRATOR;
	conn_run_job(c, env->request_id, job, similar_done, d, free);
}
