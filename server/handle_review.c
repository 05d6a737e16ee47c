/*
 * handle_review.c - ReviewBatch -> ChangeReply: operators move initiatives
 * through review (start, recognize, request changes, reject, reward) and
 * add notes.
 *
 * Each action is checked here first (review_check.c); the good ones go to
 * sk_review_item() (sql/repeatable), which takes the initiative's row lock
 * and checks scope, base version and the transition it is given from
 * review_flow.h (the table the clients offer decisions from).  The whole batch
 * is one item batch (item_batch.h), i.e. one transaction, and the reply, one
 * result per action in request order, is sent after the commit.  Every
 * applied action bumps the initiative's version, so the unit's next pull
 * brings it back (the feed trigger).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "handlers.h"
#include "item_batch.h"
#include "item_queries.h"
#include "review_check.h"
#include "server.h"

/*
 * One action's row.  The view's columns become it->row: the receipt
 * for applied and duplicate actions, `current` (while budget allows) for
 * conflicts and refused transitions.
 */
static bool read_review(const struct item_batch *b, struct batch_item *it, const PGresult *r,
			Sangkien__ItemResult *res, struct current_budget *budget)
{
	const char *outcome = handler_field(r, "outcome");
	if (strcmp(outcome, "absent") == 0) {
		if (b->admin) {
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
	res->status = item_outcome_status(outcome);
	if (res->status != SANGKIEN__ITEM_STATUS__ITEM_CONFLICT &&
	    res->status != SANGKIEN__ITEM_STATUS__ITEM_NOT_EDITABLE &&
	    res->status != SANGKIEN__ITEM_STATUS__ITEM_DUPLICATE &&
	    res->status != SANGKIEN__ITEM_STATUS__ITEM_ACCEPTED)
		return false;
	snprintf(it->reason, sizeof(it->reason), "%s", handler_field(r, "reason"));
	if (res->status == SANGKIEN__ITEM_STATUS__ITEM_CONFLICT)
		snprintf(it->field, sizeof(it->field), "base_version");
	char err[128];
	it->row = initiative_row_read_one(r, err, sizeof(err));
	if (it->row == NULL)
		return false;
	if (res->status == SANGKIEN__ITEM_STATUS__ITEM_ACCEPTED ||
	    res->status == SANGKIEN__ITEM_STATUS__ITEM_DUPLICATE)
		res->receipt = it->row->msg.receipt;
	else
		current_budget_attach(budget, res, it->row);
	return true;
}

static const struct batch_kind review_kind = {
    .what = "review",
    .action = "initiative.review",
    .reply = SANGKIEN__ENVELOPE__BODY_CHANGE_REPLY,
    .read = read_review,
};

void handle_review(struct conn *c, const Sangkien__Envelope *env)
{
	const Sangkien__ReviewBatch *rb = env->review;
	struct item_batch *b = item_batch_start(c, env->request_id, rb->n_items, &review_kind);
	if (b == NULL)
		return;
	int32_t today = date_today_utc();
	for (size_t i = 0; i < rb->n_items; i++) {
		const Sangkien__ReviewAction *a = rb->items[i];
		struct batch_item *bi = &b->items[i];
		struct check_error err;
		item_batch_set_uuid(bi, a->uuid);
		if (!review_check_action(a, today, &err)) {
			item_batch_refuse(bi, SANGKIEN__ITEM_STATUS__ITEM_INVALID, err.field, "%s",
					  err.reason);
			continue;
		}
		if (!item_query_review(bi, c, a)) {
			item_batch_oom(c, env->request_id, b);
			return;
		}
	}
	item_batch_run(c, env->request_id, b);
}
