/* item_queries.c - see item_queries.h. */
#include "item_queries.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "handlers.h"
#include "hex.h"
#include "initiative_params.h"
#include "names.h"
#include "review_check.h"

Sangkien__ItemStatus item_outcome_status(const char *outcome)
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

/* bytea text output "\x..." to raw bytes; false when malformed. */
static bool bytea_to_bytes(const char *text, uint8_t out[32])
{
	return text[0] == '\\' && text[1] == 'x' && hex_decode(text + 2, out, 32);
}

bool item_submit_receipt(const PGresult *r, int row, Sangkien__Receipt *rc, uint8_t sha256[32])
{
	sangkien__receipt__init(rc);
	rc->record_id = strtoll(handler_named(r, row, "receipt_record_id"), NULL, 10);
	rc->version = (uint32_t)strtoul(handler_named(r, row, "receipt_version"), NULL, 10);
	rc->received_unix_ms = strtoll(handler_named(r, row, "receipt_received_ms"), NULL, 10);
	if (!bytea_to_bytes(handler_named(r, row, "receipt_sha256"), sha256))
		return false;
	rc->content_sha256.data = sha256;
	rc->content_sha256.len = 32;
	return true;
}

bool item_query_submit(struct batch_item *bi, const struct conn *c, const Sangkien__Initiative *it)
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

/* Each item names its unit and credential: a merged batch (item_batch.h)
 * holds several units' items. */
const char item_submit_batch_sql[] =
    "SELECT s.ord, s.outcome, s.record_id AS receipt_record_id,"
    " s.version AS receipt_version, s.received_unix_ms AS receipt_received_ms,"
    " s.content_sha256 AS receipt_sha256, (s.cur).* FROM sk_submit_batch($1::uuid[],"
    " $2::bigint[], $3::bigint[], $4::text[], $5::text[], $6::jsonb[], $7::text[],"
    " $8::text[], $9::date[], $10::text[], $11::bytea[]) s ORDER BY s.ord";

bool item_query_edit(struct batch_item *bi, const struct conn *c, const Sangkien__Edit *e)
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

bool item_query_withdraw(struct batch_item *bi, const struct conn *c, const Sangkien__Withdraw *w)
{
	char unit[24], cred[24], base[16];
	snprintf(unit, sizeof(unit), "%lld", (long long)c->sess.unit_id);
	snprintf(cred, sizeof(cred), "%lld", (long long)c->sess.credential_id);
	snprintf(base, sizeof(base), "%u", (unsigned)w->base_version);
	const char *params[] = {w->uuid, unit, cred, base, w->reason ? w->reason : ""};
	return item_batch_query(bi,
				"SELECT e.outcome, e.reason, (e.cur).* FROM sk_withdraw_initiative("
				"$1::uuid, $2::bigint, $3::bigint, $4::int, $5) e",
				5, params);
}

bool item_query_review(struct batch_item *bi, const struct conn *c, const Sangkien__ReviewAction *a)
{
	char scope[24], cred[24], base[16], amount[24];
	const Sangkien__Recognition *rec = a->recognition;
	const Sangkien__Reward *rw = a->reward;
	/* The transition comes from the one table (review_flow.h); NULL
	 * statuses: any, unchanged.  The action was checked, so f is set. */
	const struct review_flow *f = review_flow_find(a->op);
	const struct name_entry *from = names_find(NAMES_STATUS, (int)f->from);
	const struct name_entry *to = names_find(NAMES_STATUS, (int)f->to);
	snprintf(cred, sizeof(cred), "%lld", (long long)c->sess.credential_id);
	snprintf(base, sizeof(base), "%u", a->base_version);
	snprintf(amount, sizeof(amount), "%lld", rw ? (long long)rw->amount_vnd : 0LL);
	const char *params[] = {
	    a->uuid,
	    handler_scope_param(c, scope),
	    cred,
	    base,
	    f->code,
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
	    from ? from->code : NULL,
	    to ? to->code : NULL,
	};
	return item_batch_query(bi,
				"SELECT e.outcome, e.reason, (e.cur).* FROM sk_review_item("
				"$1::uuid, $2::bigint, $3::bigint, $4::int, $5, $6, $7, $8::date,"
				" $9, $10, $11, $12, $13::date, $14::bigint, $15, $16) e",
				16, params);
}
