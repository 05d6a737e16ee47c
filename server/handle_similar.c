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
		conn_send_error(c, req->request_id, SANGKIEN__ERROR_CODE__ERROR_INTERNAL, NULL,
				"out of memory");
		goto done;
	}
	/* Most similar first; stop before the frame limit. */
	size_t budget = conn_frame_limit(c) - 64, used = 0, k = 0;
	struct initiative_cols cols;
	char err[128];
	int name_col = PQfnumber(r, "unit_name"), sim_col = PQfnumber(r, "similarity");
	if (!initiative_cols_find(&cols, r, err, sizeof(err)) || name_col < 0 || sim_col < 0) {
		conn_send_error(c, req->request_id, SANGKIEN__ERROR_CODE__ERROR_INTERNAL, NULL,
				"initiative rows unreadable");
		goto done;
	}
	for (size_t i = 0; i < n; i++) {
		rows[k] = initiative_row_create(r, (int)i, &cols, err, sizeof(err));
		if (rows[k] == NULL) {
			conn_send_error(c, req->request_id, SANGKIEN__ERROR_CODE__ERROR_INTERNAL,
					NULL, "initiative row unreadable: %s", err);
			goto done;
		}
		sangkien__listed_initiative__init(&listed[k]);
		listed[k].initiative = &rows[k]->msg;
		listed[k].unit_code = rows[k]->content.unit_code;
		listed[k].unit_name = (char *)handler_text(r, (int)i, name_col);
		sangkien__similar_item__init(&items[k]);
		items[k].item = &listed[k];
		items[k].similarity = strtod(handler_text(r, (int)i, sim_col), NULL);
		size_t sz = sangkien__similar_item__get_packed_size(&items[k]) + 8;
		if (sz > budget) {
			/* Alone too large for a frame: its newest notes only. */
			size_t own = sangkien__server_initiative__get_packed_size(&rows[k]->msg);
			initiative_row_fit(rows[k],
					   own > sz - budget + 16 ? own - (sz - budget) - 16 : 0);
			sz = sangkien__similar_item__get_packed_size(&items[k]) + 8;
		}
		if (k > 0 && used + sz > budget) {
			initiative_row_free(rows[k]);
			rows[k] = NULL;
			break;
		}
		used += sz;
		ptrs[k] = &items[k];
		k++;
	}
	Sangkien__SimilarReply sr = SANGKIEN__SIMILAR_REPLY__INIT;
	sr.n_items = k;
	sr.items = ptrs;
	Sangkien__Envelope env = SANGKIEN__ENVELOPE__INIT;
	env.request_id = req->request_id;
	env.body_case = SANGKIEN__ENVELOPE__BODY_SIMILAR_REPLY;
	env.similar_reply = &sr;
	conn_send(c, &env);
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
	char scope[24], limit[16];
	if (d == NULL || job == NULL) {
		free(d);
		db_job_free(job);
		conn_send_error(c, env->request_id, SANGKIEN__ERROR_CODE__ERROR_INTERNAL, NULL,
				"out of memory");
		return;
	}
	d->admin = c->sess.role == SANGKIEN__ROLE__ROLE_ADMINISTRATOR;
	uint32_t max = rq->max_items == 0		   ? SIMILAR_DEFAULT_ITEMS
		       : rq->max_items > SIMILAR_MAX_ITEMS ? SIMILAR_MAX_ITEMS
							   : rq->max_items;
	snprintf(limit, sizeof(limit), "%u", max);
	const char *params[] = {rq->uuid, handler_scope_param(c, scope), limit};
	bool ok =
	    db_job_add(job,
		       "SELECT i.id FROM initiatives i"
		       " WHERE i.uuid = $1::uuid AND sk_in_scope(i.unit_id, $2::bigint)",
		       2, params) &&
	    db_job_add(job,
		       /* sql/repeatable/1_functions/sk_similar.sql */
		       "WITH c AS (SELECT * FROM sk_similar($1::uuid, $2::bigint))"
		       " SELECT v.*, u.name AS unit_name, round(c.sim::numeric, 4) AS similarity"
		       " FROM c JOIN sk_server_initiatives v ON v.record_id = c.id"
		       " JOIN units u ON u.id = v.unit_id"
		       " ORDER BY c.sim DESC, v.record_id LIMIT $3::int",
		       3, params);
	if (!ok) {
		free(d);
		db_job_free(job);
		conn_send_error(c, env->request_id, SANGKIEN__ERROR_CODE__ERROR_INTERNAL, NULL,
				"out of memory");
		return;
	}
	conn_run_job(c, env->request_id, job, similar_done, d, free);
}
