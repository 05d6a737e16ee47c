/*
 * handle_submit.c - SubmitBatch: store initiatives exactly once.
 *
 * Each item is checked again here (the client is not trusted); the good ones
 * go to sk_submit_initiative() in one job, i.e. one transaction.  The reply
 * has one result per item in request order and is sent after the commit.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "handlers.h"
#include "initiative_check.h"
#include "initiative_params.h"
#include "initiative_row.h"
#include "log.h"
#include "server.h"
#include "strbuf.h"
#include "uuid7.h"

struct submit_item {
	Sangkien__ItemStatus status; /* UNSPECIFIED: waiting for the database */
	int stmt;		     /* statement index when sent */
	char uuid[UUID_TEXT_LEN + 1];
	char field[48];
	char reason[160];
};

struct submit_data {
	size_t n;
	struct submit_item *items;
};

static void submit_data_free(void *p)
{
	struct submit_data *d = p;
	if (d == NULL)
		return;
	free(d->items);
	free(d);
}

static Sangkien__ItemStatus outcome_status(const char *outcome)
{
	if (strcmp(outcome, "accepted") == 0)
		return SANGKIEN__ITEM_STATUS__ITEM_ACCEPTED;
	if (strcmp(outcome, "duplicate") == 0)
		return SANGKIEN__ITEM_STATUS__ITEM_DUPLICATE;
	if (strcmp(outcome, "conflict") == 0)
		return SANGKIEN__ITEM_STATUS__ITEM_CONFLICT;
	if (strcmp(outcome, "forbidden") == 0)
		return SANGKIEN__ITEM_STATUS__ITEM_FORBIDDEN;
	return SANGKIEN__ITEM_STATUS__ITEM_STATUS_UNSPECIFIED;
}

/* bytea text output "\x..." to raw bytes; false when malformed. */
static bool bytea_to_bytes(const char *text, uint8_t out[32])
{
	if (strlen(text) != 66 || text[0] != '\\' || text[1] != 'x')
		return false;
	for (size_t i = 0; i < 32; i++) {
		unsigned v;
		if (sscanf(text + 2 + 2 * i, "%2x", &v) != 1)
			return false;
		out[i] = (uint8_t)v;
	}
	return true;
}

/* Columns before the view's (the conflict's `current`) in each item's row. */
#define SUBMIT_ROW_COL 5

static void send_reply(struct conn *c, uint64_t request_id, struct submit_data *d,
		       const struct db_outcome *out)
{
	size_t n = d->n ? d->n : 1;
	Sangkien__ItemResult *results = calloc(n, sizeof(*results));
	Sangkien__ItemResult **ptrs = calloc(n, sizeof(*ptrs));
	Sangkien__Receipt *receipts = calloc(n, sizeof(*receipts));
	uint8_t(*hashes)[32] = calloc(n, 32);
	struct initiative_row **rows = calloc(n, sizeof(*rows));
	struct current_budget budget;
	char err[200];
	if (!results || !ptrs || !receipts || !hashes || !rows) {
		conn_send_error(c, request_id, SANGKIEN__ERROR_CODE__ERROR_INTERNAL, NULL,
				"out of memory");
		goto done;
	}
	current_budget_init(&budget, conn_frame_limit(c), d->n);
	for (size_t i = 0; i < d->n; i++) {
		struct submit_item *it = &d->items[i];
		Sangkien__ItemResult *res = &results[i];
		sangkien__item_result__init(res);
		ptrs[i] = res;
		res->index = (uint32_t)i;
		res->uuid = it->uuid;
		res->field = it->field;
		res->reason = it->reason;
		if (it->status != SANGKIEN__ITEM_STATUS__ITEM_STATUS_UNSPECIFIED) {
			res->status = it->status;
			continue;
		}
		const PGresult *r = out->results[it->stmt];
		res->status = outcome_status(handler_text(r, 0, 0));
		switch (res->status) {
		case SANGKIEN__ITEM_STATUS__ITEM_ACCEPTED:
		case SANGKIEN__ITEM_STATUS__ITEM_DUPLICATE: {
			Sangkien__Receipt *rc = &receipts[i];
			sangkien__receipt__init(rc);
			rc->record_id = handler_int(r, 0, 1);
			rc->version = (uint32_t)handler_int(r, 0, 2);
			rc->received_unix_ms = handler_int(r, 0, 3);
			if (!bytea_to_bytes(handler_text(r, 0, 4), hashes[i])) {
				conn_send_error(c, request_id, SANGKIEN__ERROR_CODE__ERROR_INTERNAL,
						NULL, "stored hash unreadable");
				goto done;
			}
			rc->content_sha256.data = hashes[i];
			rc->content_sha256.len = 32;
			res->receipt = rc;
			break;
		}
		case SANGKIEN__ITEM_STATUS__ITEM_CONFLICT: {
			snprintf(it->reason, sizeof(it->reason),
				 "this uuid is already stored with different content");
			rows[i] = initiative_row_create(r, 0, SUBMIT_ROW_COL, err, sizeof(err));
			if (rows[i] == NULL) {
				log_error("submit: %s", err);
				conn_send_error(c, request_id, SANGKIEN__ERROR_CODE__ERROR_INTERNAL,
						NULL, "stored initiative unreadable");
				goto done;
			}
			current_budget_attach(&budget, res, rows[i]);
			break;
		}
		case SANGKIEN__ITEM_STATUS__ITEM_FORBIDDEN:
			snprintf(it->reason, sizeof(it->reason),
				 "this uuid is already stored for another unit");
			break;
		default:
			conn_send_error(c, request_id, SANGKIEN__ERROR_CODE__ERROR_INTERNAL, NULL,
					"unexpected outcome");
			goto done;
		}
	}
	Sangkien__SubmitReply sr = SANGKIEN__SUBMIT_REPLY__INIT;
	sr.n_results = d->n;
	sr.results = ptrs;
	Sangkien__Envelope env = SANGKIEN__ENVELOPE__INIT;
	env.request_id = request_id;
	env.body_case = SANGKIEN__ENVELOPE__BODY_SUBMIT_REPLY;
	env.submit_reply = &sr;
	conn_send(c, &env);
done:
	for (size_t i = 0; rows && i < d->n; i++)
		initiative_row_free(rows[i]);
	free(rows);
	free(results);
	free(ptrs);
	free(receipts);
	free(hashes);
}

static void submit_done(struct conn *c, struct request *req, const struct db_outcome *out)
{
	if (out->status != DB_OK) {
		/* Nothing was committed (or, on a lost connection, maybe all of
		 * it): a retry gets the same receipts as duplicates. */
		conn_send_db_error(c, req->request_id, out);
		return;
	}
	send_reply(c, req->request_id, req->data, out);
}

static bool add_item(struct db_job *job, const struct conn *c, const Sangkien__Initiative *it)
{
	struct initiative_params ip;
	char unit[24], cred[24];
	bool ok = initiative_params_init(&ip, it);

	snprintf(unit, sizeof(unit), "%lld", (long long)c->sess.unit_id);
	snprintf(cred, sizeof(cred), "%lld", (long long)c->sess.credential_id);
	const char *params[] = {
	    it->uuid,	 unit,	     cred,
	    it->title,	 ip.kind,    initiative_params_authors(&ip),
	    it->summary, it->effect, it->applied_on,
	    ip.theme,	 ip.sha_sql,
	};
	ok = ok && db_job_add(job,
			      "SELECT s.outcome, s.record_id, s.version, s.received_unix_ms,"
			      " s.content_sha256, (s.cur).* FROM sk_submit_item($1::uuid,"
			      " $2::bigint, $3::bigint, $4, $5, $6::jsonb, $7, $8, $9::date, $10,"
			      " $11::bytea) s",
			      11, params);
	initiative_params_release(&ip);
	return ok;
}

void handle_submit(struct conn *c, const Sangkien__Envelope *env)
{
	const Sangkien__SubmitBatch *b = env->submit;
	size_t max = (size_t)c->srv->settings->max_batch_items;
	if (b->n_items > max) {
		conn_send_error(c, env->request_id, SANGKIEN__ERROR_CODE__ERROR_LIMIT_EXCEEDED,
				"items", "%zu items in one batch, at most %zu allowed", b->n_items,
				max);
		return;
	}
	struct submit_data *d = calloc(1, sizeof(*d));
	struct db_job *job = db_job_create();
	if (d == NULL || job == NULL ||
	    (d->items = calloc(b->n_items ? b->n_items : 1, sizeof(*d->items))) == NULL ||
	    !handler_job_actor(job, c, "initiative.submit")) {
		submit_data_free(d);
		db_job_free(job);
		conn_send_error(c, env->request_id, SANGKIEN__ERROR_CODE__ERROR_INTERNAL, NULL,
				"out of memory");
		return;
	}
	d->n = b->n_items;
	int32_t today = date_today_utc();
	for (size_t i = 0; i < b->n_items; i++) {
		const Sangkien__Initiative *it = b->items[i];
		struct submit_item *si = &d->items[i];
		struct check_error err;
		/* Echo only a well-formed uuid: anything else could be junk. */
		if (uuid7_is_valid(it->uuid))
			snprintf(si->uuid, sizeof(si->uuid), "%s", it->uuid);
		if (!initiative_check(it, today, &err)) {
			si->status = SANGKIEN__ITEM_STATUS__ITEM_INVALID;
			snprintf(si->field, sizeof(si->field), "%s", err.field);
			snprintf(si->reason, sizeof(si->reason), "%s", err.reason);
			continue;
		}
		if (strcmp(it->unit_code, c->sess.unit_code) != 0) {
			si->status = SANGKIEN__ITEM_STATUS__ITEM_FORBIDDEN;
			snprintf(si->field, sizeof(si->field), "unit_code");
			snprintf(si->reason, sizeof(si->reason),
				 "item belongs to unit %s, this credential submits for %s",
				 it->unit_code, c->sess.unit_code);
			continue;
		}
		si->stmt = db_job_count(job);
		if (!add_item(job, c, it)) {
			submit_data_free(d);
			db_job_free(job);
			conn_send_error(c, env->request_id, SANGKIEN__ERROR_CODE__ERROR_INTERNAL,
					NULL, "out of memory");
			return;
		}
	}
	if (db_job_count(job) == 1) {
		/* Only the actor statement: nothing for the database, answer at once. */
		struct db_outcome none = {.status = DB_OK, .message = ""};
		send_reply(c, env->request_id, d, &none);
		submit_data_free(d);
		db_job_free(job);
		return;
	}
	/* Submits of many units share a commit: each item's statement stands
	 * alone (sk_set_actor first), so the pool may group them. */
	db_job_share_commit(job);
	conn_run_job(c, env->request_id, job, submit_done, d, submit_data_free);
}
