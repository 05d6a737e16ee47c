/*
 * handle_change.c - EditBatch and WithdrawBatch -> ChangeReply: a unit
 * changes initiatives it already sent.
 *
 * Each item is checked here first; the good ones go to sk_edit_initiative()
 * or sk_withdraw_initiative() (sql/repeatable), which decide under the
 * initiative's row lock and return the initiative as it is afterwards (the
 * sk_server_initiatives columns).  The whole batch is one item batch
 * (item_batch.h), i.e. one transaction; the reply, one result per item in
 * request order, is sent after the commit.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "change_check.h"
#include "handlers.h"
#include "initiative_check.h"
#include "item_batch.h"
#include "item_queries.h"
#include "log.h"
#include "server.h"

bool item_read_change(const struct item_batch *b, struct batch_item *it, const PGresult *r,
		      Sangkien__ItemResult *res, struct current_budget *budget)
{
	char err[200];
	res->status = item_outcome_status(handler_field(r, "outcome"));
	snprintf(it->reason, sizeof(it->reason), "%s", handler_field(r, "reason"));
	switch (res->status) {
	case SANGKIEN__ITEM_STATUS__ITEM_NOT_FOUND:
	case SANGKIEN__ITEM_STATUS__ITEM_FORBIDDEN:
		snprintf(it->field, sizeof(it->field), "uuid");
		return true;
	case SANGKIEN__ITEM_STATUS__ITEM_CONFLICT:
		snprintf(it->field, sizeof(it->field), "base_version");
		break;
	case SANGKIEN__ITEM_STATUS__ITEM_ACCEPTED:
	case SANGKIEN__ITEM_STATUS__ITEM_DUPLICATE:
	case SANGKIEN__ITEM_STATUS__ITEM_NOT_EDITABLE:
		break;
	default:
		return false;
	}
	it->row = initiative_row_read_one(r, err, sizeof(err));
	if (it->row == NULL) {
		log_error("%s: %s", b->kind->what, err);
		return false;
	}
	if (res->status == SANGKIEN__ITEM_STATUS__ITEM_ACCEPTED ||
	    res->status == SANGKIEN__ITEM_STATUS__ITEM_DUPLICATE)
		res->receipt = &it->row->receipt;
	else
		current_budget_attach(budget, res, it->row);
	return true;
}

static const struct batch_kind edit_kind = {
    .what = "edit",
    .action = "initiative.edit",
    .reply = SANGKIEN__ENVELOPE__BODY_CHANGE_REPLY,
    .read = item_read_change,
};

static const struct batch_kind withdraw_kind = {
    .what = "withdraw",
    .action = "initiative.withdraw",
    .reply = SANGKIEN__ENVELOPE__BODY_CHANGE_REPLY,
    .read = item_read_change,
};

/* ------------------------------------------------------------------ edit */

void handle_edit(struct conn *c, const Sangkien__Envelope *env)
{
	const Sangkien__EditBatch *eb = env->edit;
	struct item_batch *b = item_batch_start(c, env->request_id, eb->n_items, &edit_kind);
	if (b == NULL)
		return;
	int32_t today = date_today_utc();
	for (size_t i = 0; i < eb->n_items; i++) {
		const Sangkien__Edit *e = eb->items[i];
		struct batch_item *bi = &b->items[i];
		struct check_error err;
		if (e->content == NULL) {
			item_batch_refuse(bi, SANGKIEN__ITEM_STATUS__ITEM_INVALID, "content",
					  "an edit must carry the initiative's new content");
			continue;
		}
		item_batch_set_uuid(bi, e->content->uuid);
		if (!initiative_check(e->content, today, &err)) {
			item_batch_refuse(bi, SANGKIEN__ITEM_STATUS__ITEM_INVALID, err.field, "%s",
					  err.reason);
			continue;
		}
		if (strcmp(e->content->unit_code, c->sess.unit_code) != 0) {
			item_batch_refuse(
			    bi, SANGKIEN__ITEM_STATUS__ITEM_FORBIDDEN, "unit_code",
			    "item belongs to unit %.32s, this credential edits for %s",
			    e->content->unit_code, c->sess.unit_code);
			continue;
		}
		if (e->base_version == 0 || e->base_version > INT32_MAX) {
			item_batch_refuse(
			    bi, SANGKIEN__ITEM_STATUS__ITEM_INVALID, "base_version",
			    "must be the server version the edit was made from (1 or more)");
			continue;
		}
		if (!item_query_edit(bi, c, e)) {
			item_batch_oom(c, env->request_id, b);
			return;
		}
	}
	item_batch_run(c, env->request_id, b);
}

/* -------------------------------------------------------------- withdraw */

void handle_withdraw(struct conn *c, const Sangkien__Envelope *env)
{
	const Sangkien__WithdrawBatch *wb = env->withdraw;
	struct item_batch *b = item_batch_start(c, env->request_id, wb->n_items, &withdraw_kind);

	if (b == NULL)
		return;
	for (size_t i = 0; i < wb->n_items; i++) {
		const Sangkien__Withdraw *w = wb->items[i];
		struct batch_item *bi = &b->items[i];
		struct check_error err;
		if (!uuid7_is_valid(w->uuid)) {
			item_batch_refuse(bi, SANGKIEN__ITEM_STATUS__ITEM_INVALID, "uuid",
					  "must be a lower-case RFC 9562 version 7 UUID");
			continue;
		}
		item_batch_set_uuid(bi, w->uuid);
		if (!change_reason_check(w->reason, &err)) {
			item_batch_refuse(bi, SANGKIEN__ITEM_STATUS__ITEM_INVALID, err.field, "%s",
					  err.reason);
			continue;
		}
		if (w->base_version > INT32_MAX) {
			item_batch_refuse(bi, SANGKIEN__ITEM_STATUS__ITEM_INVALID, "base_version",
					  "is larger than any version");
			continue;
		}
		if (!item_query_withdraw(bi, c, w)) {
			item_batch_oom(c, env->request_id, b);
			return;
		}
	}
	item_batch_run(c, env->request_id, b);
}
