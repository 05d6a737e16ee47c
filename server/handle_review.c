/*
 * handle_review.c - ReviewBatch -> ChangeReply: operators move initiatives
 * through review (start, recognize, request changes, reject, reward) and
 * add notes.
 *
 * Each action is checked here first (review_check.c); the good ones go to
 * sk_review_item() (sql/004), which takes the initiative's row lock and
 * checks scope, base version and the transition table.  The whole batch is
 * one transaction and the reply, one result per action in request order,
 * is sent after the commit.  Every applied action bumps the initiative's
 * version, so the unit's next pull brings it back (feed trigger, sql/002).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "handlers.h"
#include "initiative_row.h"
#include "review_check.h"
#include "server.h"
#include "uuid7.h"

struct review_item {
	Sangkien__ItemStatus status; /* UNSPECIFIED: waiting for the database */
	int stmt;		     /* sk_review_item's statement index */
	char uuid[UUID_TEXT_LEN + 1];
	char field[48];
	char reason[200];
};

struct review_data {
	bool admin; /* an absent uuid is NOT_FOUND, else FORBIDDEN */
	size_t n;
	struct review_item *items;
};

static void review_data_free(void *p)
{
	struct review_data *d = p;
	if (d == NULL)
		return;
	free(d->items);
	free(d);
}

/*
 * Result of the database for one item.  The row's view columns (from 2)
 * become *ir, which the caller frees after sending: the receipt for applied
 * and duplicate actions, `current` (while budget allows) for conflicts and
 * refused transitions.
 * False on an unexpected outcome or row.
 */
static bool fill_from_db(const struct review_data *d, struct review_item *it, const PGresult *r,
			 Sangkien__ItemResult *res, struct initiative_row **ir,
			 struct current_budget *budget)
{
	const char *outcome = handler_text(r, 0, 0);
	if (strcmp(outcome, "absent") == 0) {
		if (d->admin) {
			res->status = SANGKIEN__ITEM_STATUS__ITEM_NOT_FOUND;
			snprintf(it->reason, sizeof(it->reason), "no initiative with this uuid");
		} else {
			/* Same answer whether it exists elsewhere or nowhere. */
			res->status = SANGKIEN__ITEM_STATUS__ITEM_FORBIDDEN;
			snprintf(it->reason, sizeof(it->reason),
				 "no initiative with this uuid in this credential's scope");
		}
		snprintf(it->field, sizeof(it->field), "uuid");
		return true;
	}
	if (strcmp(outcome, "conflict") == 0)
		res->status = SANGKIEN__ITEM_STATUS__ITEM_CONFLICT;
	else if (strcmp(outcome, "not_editable") == 0)
		res->status = SANGKIEN__ITEM_STATUS__ITEM_NOT_EDITABLE;
	else if (strcmp(outcome, "duplicate") == 0)
		res->status = SANGKIEN__ITEM_STATUS__ITEM_DUPLICATE;
	else if (strcmp(outcome, "accepted") == 0)
		res->status = SANGKIEN__ITEM_STATUS__ITEM_ACCEPTED;
	else
		return false;
	snprintf(it->reason, sizeof(it->reason), "%s", handler_text(r, 0, 1));
	if (res->status == SANGKIEN__ITEM_STATUS__ITEM_CONFLICT)
		snprintf(it->field, sizeof(it->field), "base_version");
	char err[128];
	*ir = initiative_row_create(r, 0, 2, err, sizeof(err));
	if (*ir == NULL)
		return false;
	if (res->status == SANGKIEN__ITEM_STATUS__ITEM_ACCEPTED ||
	    res->status == SANGKIEN__ITEM_STATUS__ITEM_DUPLICATE)
		res->receipt = (*ir)->msg.receipt;
	else
		current_budget_attach(budget, res, *ir);
	return true;
}

static void send_reply(struct conn *c, uint64_t request_id, struct review_data *d,
		       const struct db_outcome *out)
{
	size_t n = d->n ? d->n : 1;
	Sangkien__ItemResult *results = calloc(n, sizeof(*results));
	Sangkien__ItemResult **ptrs = calloc(n, sizeof(*ptrs));
	struct initiative_row **rows = calloc(n, sizeof(*rows));
	if (!results || !ptrs || !rows) {
		conn_send_error(c, request_id, SANGKIEN__ERROR_CODE__ERROR_INTERNAL, NULL,
				"out of memory");
		goto done;
	}
	struct current_budget budget;
	current_budget_init(&budget, conn_frame_limit(c), d->n);
	for (size_t i = 0; i < d->n; i++) {
		struct review_item *it = &d->items[i];
		Sangkien__ItemResult *res = &results[i];
		sangkien__item_result__init(res);
		ptrs[i] = res;
		res->index = (uint32_t)i;
		res->status = it->status;
		if (it->status == SANGKIEN__ITEM_STATUS__ITEM_STATUS_UNSPECIFIED &&
		    !fill_from_db(d, it, out->results[it->stmt], res, &rows[i], &budget)) {
			conn_send_error(c, request_id, SANGKIEN__ERROR_CODE__ERROR_INTERNAL, NULL,
					"unexpected review outcome");
			goto done;
		}
		res->uuid = it->uuid;
		res->field = it->field;
		res->reason = it->reason;
	}
	Sangkien__ChangeReply cr = SANGKIEN__CHANGE_REPLY__INIT;
	cr.n_results = d->n;
	cr.results = ptrs;
	Sangkien__Envelope env = SANGKIEN__ENVELOPE__INIT;
	env.request_id = request_id;
	env.body_case = SANGKIEN__ENVELOPE__BODY_CHANGE_REPLY;
	env.change_reply = &cr;
	conn_send(c, &env);
done:
	for (size_t i = 0; rows != NULL && i < d->n; i++)
		initiative_row_free(rows[i]);
	free(results);
	free(ptrs);
	free(rows);
}

static void review_done(struct conn *c, struct request *req, const struct db_outcome *out)
{
	if (out->status != DB_OK) {
		/* Nothing committed (or, connection lost, maybe all): a resend
		 * gets ITEM_DUPLICATE for what was applied. */
		conn_send_db_error(c, req->request_id, out);
		return;
	}
	send_reply(c, req->request_id, req->data, out);
}

static bool add_action(struct db_job *job, const struct conn *c, const Sangkien__ReviewAction *a)
{
	char scope[24], cred[24], base[16], amount[24];
	const Sangkien__Recognition *rec = a->recognition;
	const Sangkien__Reward *rw = a->reward;
	snprintf(cred, sizeof(cred), "%lld", (long long)c->sess.credential_id);
	snprintf(base, sizeof(base), "%u", a->base_version);
	snprintf(amount, sizeof(amount), "%lld", rw ? (long long)rw->amount_vnd : 0LL);
	const char *params[] = {
	    a->uuid,
	    handler_scope_param(c, scope),
	    cred,
	    base,
	    review_op_name(a->op),
	    a->note ? a->note : "",
	    rec ? rec->decision_number : NULL,
	    rec ? rec->decision_date : NULL,
	    rec ? rec->recognized_by : NULL,
	    rw ? (rw->kind == SANGKIEN__REWARD_KIND__REWARD_KIND_REWARD ? "reward" : "commendation")
	       : NULL,
	    rw ? rw->level : NULL,
	    rw ? rw->decision_number : NULL,
	    rw ? rw->decision_date : NULL,
	    rw ? amount : NULL,
	};
	return db_job_add(job,
			  "SELECT e.outcome, e.reason, (e.cur).* FROM sk_review_item("
			  "$1::uuid, $2::bigint, $3::bigint, $4::int, $5, $6, $7, $8::date,"
			  " $9, $10, $11, $12, $13::date, $14::bigint) e",
			  14, params);
}

void handle_review(struct conn *c, const Sangkien__Envelope *env)
{
	const Sangkien__ReviewBatch *b = env->review;
	size_t max = (size_t)c->srv->settings->max_batch_items;
	if (b->n_items > max) {
		conn_send_error(c, env->request_id, SANGKIEN__ERROR_CODE__ERROR_LIMIT_EXCEEDED,
				"items", "%zu actions in one batch, at most %zu allowed",
				b->n_items, max);
		return;
	}
	struct review_data *d = calloc(1, sizeof(*d));
	struct db_job *job = db_job_create();
	if (d == NULL || job == NULL ||
	    (d->items = calloc(b->n_items ? b->n_items : 1, sizeof(*d->items))) == NULL ||
	    !handler_job_actor(job, c, "initiative.review")) {
		review_data_free(d);
		db_job_free(job);
		conn_send_error(c, env->request_id, SANGKIEN__ERROR_CODE__ERROR_INTERNAL, NULL,
				"out of memory");
		return;
	}
	d->n = b->n_items;
	d->admin = c->sess.role == SANGKIEN__ROLE__ROLE_ADMINISTRATOR;
	int32_t today = date_today_utc();
	for (size_t i = 0; i < b->n_items; i++) {
		const Sangkien__ReviewAction *a = b->items[i];
		struct review_item *it = &d->items[i];
		struct check_error err;
		if (uuid7_is_valid(a->uuid))
			snprintf(it->uuid, sizeof(it->uuid), "%s", a->uuid);
		if (!review_check_action(a, today, &err)) {
			it->status = SANGKIEN__ITEM_STATUS__ITEM_INVALID;
			snprintf(it->field, sizeof(it->field), "%s", err.field);
			snprintf(it->reason, sizeof(it->reason), "%s", err.reason);
			continue;
		}
		it->stmt = db_job_count(job);
		if (!add_action(job, c, a)) {
			review_data_free(d);
			db_job_free(job);
			conn_send_error(c, env->request_id, SANGKIEN__ERROR_CODE__ERROR_INTERNAL,
					NULL, "out of memory");
			return;
		}
	}
	if (db_job_count(job) == 1) {
		/* Only the actor statement: answer at once. */
		struct db_outcome none = {.status = DB_OK, .message = ""};
		send_reply(c, env->request_id, d, &none);
		review_data_free(d);
		db_job_free(job);
		return;
	}
	conn_run_job(c, env->request_id, job, review_done, d, review_data_free);
}
