/*
 * handle_submit.c - SubmitBatch: store initiatives exactly once.
 *
 * Each item is checked again here (the client is not trusted); the good ones
 * go to sk_submit_item() in one item batch (item_batch.h), i.e. one
 * transaction.  The reply has one result per item in request order and is
 * sent after the commit.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "handlers.h"
#include "initiative_check.h"
#include "item_batch.h"
#include "item_queries.h"
#include "log.h"
#include "server.h"

static bool read_submit(const struct item_batch *b, struct batch_item *it, const PGresult *r,
			Sangkien__ItemResult *res, struct current_budget *budget)
{
	char err[200];
	res->status = item_outcome_status(handler_named(r, it->result_row, "outcome"));
	switch (res->status) {
	case SANGKIEN__ITEM_STATUS__ITEM_ACCEPTED:
	case SANGKIEN__ITEM_STATUS__ITEM_DUPLICATE: {
		if (!item_submit_receipt(r, it->result_row, &it->receipt, it->sha256))
			return false;
		res->receipt = &it->receipt;
		return true;
	}
	case SANGKIEN__ITEM_STATUS__ITEM_CONFLICT:
		snprintf(it->reason, sizeof(it->reason),
			 "this uuid is already stored with different content");
		it->row = initiative_row_read_at(r, it->result_row, err, sizeof(err));
		if (it->row == NULL) {
			log_error("%s: %s", b->kind->what, err);
			return false;
		}
		current_budget_attach(budget, res, it->row);
		return true;
	case SANGKIEN__ITEM_STATUS__ITEM_FORBIDDEN:
		snprintf(it->field, sizeof(it->field), "uuid");
		snprintf(it->reason, sizeof(it->reason),
			 "this uuid is already stored for another unit");
		return true;
	default:
		return false;
	}
}

static const struct batch_kind submit_kind = {
    .what = "submit",
    .action = "initiative.submit",
    .reply = SANGKIEN__ENVELOPE__BODY_SUBMIT_REPLY,
    .read = read_submit,
    /* Submits of many units may share a commit: each item's statement
     * stands alone (sk_set_actor first), so the pool may group them. */
    .share_commit = true,
    .batch_sql = item_submit_batch_sql,
};

void handle_submit(struct conn *c, const Sangkien__Envelope *env)
{
	const Sangkien__SubmitBatch *sb = env->submit;
	struct item_batch *b = item_batch_start(c, env->request_id, sb->n_items, &submit_kind);
	if (b == NULL)
		return;
	int32_t today = date_today_utc();
	for (size_t i = 0; i < sb->n_items; i++) {
		const Sangkien__Initiative *it = sb->items[i];
		struct batch_item *bi = &b->items[i];
		struct check_error err;
		item_batch_set_uuid(bi, it->uuid);
		if (!initiative_check(it, today, &err)) {
			item_batch_refuse(bi, SANGKIEN__ITEM_STATUS__ITEM_INVALID, err.field, "%s",
					  err.reason);
			continue;
		}
		if (strcmp(it->unit_code, c->sess.unit_code) != 0) {
			item_batch_refuse(bi, SANGKIEN__ITEM_STATUS__ITEM_FORBIDDEN, "unit_code",
					  "item belongs to unit %s, this credential submits for %s",
					  it->unit_code, c->sess.unit_code);
			continue;
		}
		if (!item_query_submit(bi, c, it)) {
			item_batch_oom(c, env->request_id, b);
			return;
		}
	}
	item_batch_run(c, env->request_id, b);
}
