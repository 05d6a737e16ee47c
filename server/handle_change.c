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
#include "initiative_params.h"
#include "item_batch.h"
#include "log.h"
#include "server.h"

static Sangkien__ItemStatus outcome_status(const char *outcome)
{
	static const struct {
		const char *text;
		Sangkien__ItemStatus status;
	} map[] = {
	    {"accepted", SANGKIEN__ITEM_STATUS__ITEM_ACCEPTED},
	    {"duplicate", SANGKIEN__ITEM_STATUS__ITEM_DUPLICATE},
	    {"conflict", SANGKIEN__ITEM_STATUS__ITEM_CONFLICT},
	    {"not_editable", SANGKIEN__ITEM_STATUS__ITEM_NOT_EDITABLE},
	    {"not_found", SANGKIEN__ITEM_STATUS__ITEM_NOT_FOUND},
	    {"forbidden", SANGKIEN__ITEM_STATUS__ITEM_FORBIDDEN},
	};
	for (size_t i = 0; i < sizeof(map) / sizeof(map[0]); i++)
		if (strcmp(outcome, map[i].text) == 0)
			return map[i].status;
	return SANGKIEN__ITEM_STATUS__ITEM_STATUS_UNSPECIFIED;
}

/*
 * One item's row.  Accepted and duplicate items carry the receipt of the
 * current version; conflicts and not-editable items carry `current` while
 * it fits in the frame (else the client pulls it).
 */
static bool read_change(const struct item_batch *b, struct batch_item *it, const PGresult *r,
			Sangkien__ItemResult *res, struct current_budget *budget)
{
	char err[200];
	res->status = outcome_status(handler_field(r, "outcome"));
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
    .read = read_change,
};

static const struct batch_kind withdraw_kind = {
    .what = "withdraw",
    .action = "initiative.withdraw",
    .reply = SANGKIEN__ENVELOPE__BODY_CHANGE_REPLY,
    .read = read_change,
};

/* ------------------------------------------------------------------ edit */

static bool add_edit(struct batch_item *bi, const struct conn *c, const Sangkien__Edit *e)
{
	const Sangkien__Initiative *it = e->content;
	struct initiative_params ip;
	char unit[24], cred[24], base[16];
	bool ok = initiative_params_init(&ip, it);

	snprintf(unit, sizeof(unit), "%lld", (long long)c->sess.unit_id);
	snprintf(cred, sizeof(cred), "%lld", (long long)c->sess.credential_id);
	snprintf(base, sizeof(base), "%u", (unsigned)e->base_version);
	const char *params[] = {
	    it->uuid,
	    unit,
	    cred,
	    base,
	    it->title,
	    ip.kind,
	    initiative_params_authors(&ip),
	    it->summary,
	    it->effect,
	    it->applied_on,
	    ip.theme,
	    ip.sha_sql,
	};
	ok = ok &&
	     item_batch_query(bi,
			      "SELECT e.outcome, e.reason, (e.cur).* FROM sk_edit_initiative("
			      "$1::uuid, $2::bigint, $3::bigint, $4::int, $5, $6, $7::jsonb, $8,"
			      " $9, $10::date, $11, $12::bytea) e",
			      12, params);
	initiative_params_release(&ip);
	return ok;
}

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
		if (!add_edit(bi, c, e)) {
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
	char unit[24], cred[24], base[16];

	if (b == NULL)
		return;
	snprintf(unit, sizeof(unit), "%lld", (long long)c->sess.unit_id);
	snprintf(cred, sizeof(cred), "%lld", (long long)c->sess.credential_id);
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
		snprintf(base, sizeof(base), "%u", (unsigned)w->base_version);
		const char *params[] = {w->uuid, unit, cred, base, w->reason ? w->reason : ""};
		if (!item_batch_query(
			bi,
			"SELECT e.outcome, e.reason, (e.cur).* FROM sk_withdraw_initiative("
			"$1::uuid, $2::bigint, $3::bigint, $4::int, $5) e",
			5, params)) {
			item_batch_oom(c, env->request_id, b);
			return;
		}
	}
	item_batch_run(c, env->request_id, b);
}
