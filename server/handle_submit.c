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
#include "initiative_params.h"
#include "item_batch.h"
#include "log.h"
#include "server.h"

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

static bool read_submit(const struct item_batch *b, struct batch_item *it, const PGresult *r,
			Sangkien__ItemResult *res, struct current_budget *budget)
{
	char err[200];
	res->status = outcome_status(handler_field(r, "outcome"));
	switch (res->status) {
	case SANGKIEN__ITEM_STATUS__ITEM_ACCEPTED:
	case SANGKIEN__ITEM_STATUS__ITEM_DUPLICATE: {
		Sangkien__Receipt *rc = &it->receipt;
		sangkien__receipt__init(rc);
		rc->record_id = strtoll(handler_field(r, "receipt_record_id"), NULL, 10);
		rc->version = (uint32_t)strtoul(handler_field(r, "receipt_version"), NULL, 10);
		rc->received_unix_ms = strtoll(handler_field(r, "receipt_received_ms"), NULL, 10);
		if (!bytea_to_bytes(handler_field(r, "receipt_sha256"), it->sha256))
			return false;
		rc->content_sha256.data = it->sha256;
		rc->content_sha256.len = 32;
		res->receipt = rc;
		return true;
	}
	case SANGKIEN__ITEM_STATUS__ITEM_CONFLICT:
		snprintf(it->reason, sizeof(it->reason),
			 "this uuid is already stored with different content");
		it->row = initiative_row_read_one(r, err, sizeof(err));
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
};

static bool add_item(struct batch_item *bi, const struct conn *c, const Sangkien__Initiative *it)
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
	ok =
	    ok && item_batch_query(
		      bi,
		      "SELECT s.outcome, s.record_id AS receipt_record_id,"
		      " s.version AS receipt_version, s.received_unix_ms AS receipt_received_ms,"
		      " s.content_sha256 AS receipt_sha256, (s.cur).* FROM sk_submit_item($1::uuid,"
		      " $2::bigint, $3::bigint, $4, $5, $6::jsonb, $7, $8, $9::date,"
		      " $10, $11::bytea) s",
		      11, params);
	initiative_params_release(&ip);
	return ok;
}

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
		if (!add_item(bi, c, it)) {
			item_batch_oom(c, env->request_id, b);
			return;
		}
	}
	item_batch_run(c, env->request_id, b);
}
