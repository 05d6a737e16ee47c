/* store_local.c - the user's own changes (edit, withdraw, resolve), item
 * lookup by id or uuid, and the history; see store.h. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lifecycle.h"
#include "reply_check.h"
#include "store_internal.h"
#include "text.h"

int store_history_add(struct store *st, int64_t id, int64_t at_unix_ms, const char *event,
		      const char *detail)
{
	sqlite3_stmt *s;
	int rc;

	if (store_prepare(st,
			  "INSERT INTO history (initiative_id, at_unix_ms, event, detail) "
			  "VALUES (?, ?, ?, ?)",
			  &s) != 0)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_int64(s, 2, at_unix_ms);
	sqlite3_bind_text(s, 3, event, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 4, detail ? detail : "", -1, SQLITE_STATIC);
	rc = sqlite3_step(s);
	sqlite3_finalize(s);
	return rc == SQLITE_DONE ? 0 : store_fail(st, "history of item %lld", (long long)id);
}

int store_history_foreach(struct store *st, int64_t id,
			  int (*fn)(const struct store_event *e, void *arg), void *arg)
{
	sqlite3_stmt *s;
	int rc;

	if (store_prepare(st,
			  "SELECT at_unix_ms, event, detail FROM history "
			  "WHERE initiative_id = ? ORDER BY id",
			  &s) != 0)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct store_event e = {
		    .at_unix_ms = sqlite3_column_int64(s, 0),
		    .event = (const char *)sqlite3_column_text(s, 1),
		    .detail = (const char *)sqlite3_column_text(s, 2),
		};
		if ((rc = fn(&e, arg)) != 0) {
			sqlite3_finalize(s);
			return rc;
		}
	}
	sqlite3_finalize(s);
	return rc == SQLITE_DONE ? 0 : store_fail(st, "read history");
}

int store_revision_add(struct store *st, int64_t id, const struct item *it)
{
	sqlite3_stmt *s;
	uint8_t sha[32];
	int rc;

	if (item_content_sha256(it, sha) != 0) {
		snprintf(st->errmsg, sizeof(st->errmsg), "out of memory");
		return -1;
	}
	if (store_prepare(st,
			  "INSERT OR IGNORE INTO revisions (initiative_id, content_sha256) "
			  "VALUES (?, ?)",
			  &s) != 0)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_blob(s, 2, sha, 32, SQLITE_STATIC);
	rc = sqlite3_step(s);
	sqlite3_finalize(s);
	return rc == SQLITE_DONE ? 0 : store_fail(st, "revision of item %lld", (long long)id);
}

int store_revision_is_own(struct store *st, int64_t id, const uint8_t sha[32], bool *own)
{
	sqlite3_stmt *s;
	int rc;

	*own = false;
	if (store_prepare(st,
			  "SELECT 1 FROM revisions WHERE initiative_id = ? "
			  "AND content_sha256 = ?",
			  &s) != 0)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_blob(s, 2, sha, 32, SQLITE_STATIC);
	rc = sqlite3_step(s);
	sqlite3_finalize(s);
	if (rc == SQLITE_ROW)
		*own = true;
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : store_fail(st, "read revisions");
}

static bool all_digits(const char *s)
{
	if (*s == '\0')
		return false;
	for (; *s != '\0'; s++)
		if (!isdigit((unsigned char)*s))
			return false;
	return true;
}

int store_find(struct store *st, const char *ref, int64_t *id)
{
	sqlite3_stmt *s;
	char pattern[UUID_TEXT_LEN + 2];
	size_t len = strlen(ref);
	int rc, found = 0;

	*id = 0;
	if (all_digits(ref) && len <= 18) {
		if (store_prepare(st, "SELECT id FROM initiatives WHERE id = ?", &s) != 0)
			return -1;
		sqlite3_bind_int64(s, 1, strtoll(ref, NULL, 10));
		if ((rc = sqlite3_step(s)) == SQLITE_ROW) {
			*id = sqlite3_column_int64(s, 0);
			found = 1;
		}
		sqlite3_finalize(s);
		if (rc != SQLITE_ROW && rc != SQLITE_DONE)
			return store_fail(st, "find item %s", ref);
		return found ? STORE_FOUND : STORE_NOT_FOUND;
	}
	if (len < 8 || len > UUID_TEXT_LEN)
		return STORE_BAD_REF;
	for (size_t i = 0; i < len; i++)
		if (!isxdigit((unsigned char)ref[i]) && ref[i] != '-')
			return STORE_BAD_REF;
	/* The uuid is stored lower-case; accept what the user typed either way. */
	for (size_t i = 0; i < len; i++)
		pattern[i] = (char)tolower((unsigned char)ref[i]);
	pattern[len] = '\0';
	if (store_prepare(st,
			  "SELECT id FROM initiatives WHERE substr(uuid, 1, ?) = ? "
			  "ORDER BY id LIMIT 2",
			  &s) != 0)
		return -1;
	sqlite3_bind_int64(s, 1, (sqlite3_int64)len);
	sqlite3_bind_text(s, 2, pattern, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (found++ == 0)
			*id = sqlite3_column_int64(s, 0);
	}
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE)
		return store_fail(st, "find item %s", ref);
	if (found > 1) {
		*id = 0;
		return STORE_AMBIGUOUS;
	}
	return found ? STORE_FOUND : STORE_NOT_FOUND;
}

int store_write_content(struct store *st, const struct item *it)
{
	sqlite3_stmt *s;
	const char *kind = kind_name(it->kind), *theme = theme_name(it->theme);
	int rc;

	if (store_prepare(st,
			  "UPDATE initiatives SET unit_code = coalesce(?, unit_code), "
			  "title = ?, kind = ?, summary = ?, effect = ?, applied_on = ?, "
			  "theme = ? WHERE id = ?",
			  &s) != 0)
		return -1;
	if (it->unit_code != NULL && it->unit_code[0] != '\0')
		sqlite3_bind_text(s, 1, it->unit_code, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, it->title ? it->title : "", -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, kind ? kind : "", -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 4, it->summary ? it->summary : "", -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 5, it->effect ? it->effect : "", -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 6, it->applied_on, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 7, theme ? theme : "", -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 8, it->id);
	rc = sqlite3_step(s);
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE)
		return store_fail(st, "write item %lld", (long long)it->id);
	if (store_prepare(st, "DELETE FROM authors WHERE initiative_id = ?", &s) != 0)
		return -1;
	sqlite3_bind_int64(s, 1, it->id);
	rc = sqlite3_step(s);
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE)
		return store_fail(st, "write authors of item %lld", (long long)it->id);
	return store_insert_authors(st, it->id, it);
}

/* One UPDATE that must touch exactly one row. */
static int update_one(struct store *st, sqlite3_stmt *s, const char *what, int64_t id)
{
	int rc = sqlite3_step(s);

	sqlite3_finalize(s);
	if (rc != SQLITE_DONE)
		return store_fail(st, "%s item %lld", what, (long long)id);
	if (sqlite3_changes(st->db) != 1) {
		snprintf(st->errmsg, sizeof(st->errmsg),
			 "item %lld changed in the store meanwhile (another sangkien running?)",
			 (long long)id);
		return -1;
	}
	return 0;
}

int store_lc_read(struct store *st, int64_t id, struct store_lc_row *row)
{
	sqlite3_stmt *s;
	int rc;

	if (store_prepare(st,
			  "SELECT state, pending_op, withdraw_after_edit, record_id IS NOT NULL, "
			  "local_rev FROM initiatives WHERE id = ?",
			  &s) != 0)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		bool ok =
		    item_state_parse((const char *)sqlite3_column_text(s, 0), &row->local.state) &&
		    item_op_parse((const char *)sqlite3_column_text(s, 1), &row->local.op);

		row->local.withdraw_after_edit = sqlite3_column_int(s, 2) != 0;
		row->has_receipt = sqlite3_column_int(s, 3) != 0;
		row->local_rev = sqlite3_column_int64(s, 4);
		sqlite3_finalize(s);
		if (!ok) {
			snprintf(st->errmsg, sizeof(st->errmsg),
				 "item %lld has an unknown state in the store", (long long)id);
			return -1;
		}
		return STORE_FOUND;
	}
	sqlite3_finalize(s);
	if (rc == SQLITE_DONE)
		return STORE_NOT_FOUND;
	store_fail(st, "read item %lld", (long long)id);
	return -1;
}

void store_lc_bind(sqlite3_stmt *s, const struct lc_local *l)
{
	const char *op = item_op_name(l->op);

	sqlite3_bind_text(s, sqlite3_bind_parameter_index(s, ":state"), item_state_name(l->state),
			  -1, SQLITE_STATIC);
	if (op != NULL)
		sqlite3_bind_text(s, sqlite3_bind_parameter_index(s, ":op"), op, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(s, sqlite3_bind_parameter_index(s, ":op"));
	sqlite3_bind_int(s, sqlite3_bind_parameter_index(s, ":wae"), l->withdraw_after_edit);
}

/*
 * The user's change ev to item id, read at local_rev expect_rev: the next
 * local state from lifecycle.h in *to, or -1 with errmsg when the item
 * changed meanwhile or ev is refused in its state (what: "edit" ...).
 */
static int user_step(struct store *st, int64_t id, int64_t expect_rev, enum lc_event_kind kind,
		     const char *what, struct lc_local *to)
{
	struct store_lc_row row;
	struct lc_event ev = {.kind = kind};
	int rc = store_lc_read(st, id, &row);

	if (rc < 0)
		return -1;
	if (rc != STORE_FOUND || row.local_rev != expect_rev) {
		snprintf(st->errmsg, sizeof(st->errmsg),
			 "item %lld changed in the store meanwhile (another sangkien running?)",
			 (long long)id);
		return -1;
	}
	ev.has_receipt = row.has_receipt;
	if (!lc_step(&row.local, &ev, to)) {
		snprintf(st->errmsg, sizeof(st->errmsg), "item %lld cannot take a %s while %s%s",
			 (long long)id, what, item_state_name(row.local.state),
			 row.local.op == ITEM_OP_WITHDRAW ? " with a withdrawal waiting" : "");
		return -1;
	}
	return 0;
}

/* The new local state of a user's change, its local_rev moved on. */
static int user_write(struct store *st, int64_t id, int64_t expect_rev, const struct lc_local *to,
		      int64_t now, const char *what)
{
	sqlite3_stmt *s;

	if (store_prepare(st,
			  "UPDATE initiatives SET local_rev = local_rev + 1, state = :state, "
			  "pending_op = :op, withdraw_after_edit = :wae, "
			  "state_changed_unix_ms = :now, refusal_field = NULL, "
			  "refusal_reason = NULL WHERE id = :id AND local_rev = :rev",
			  &s) != 0)
		return -1;
	store_lc_bind(s, to);
	sqlite3_bind_int64(s, sqlite3_bind_parameter_index(s, ":now"), now);
	sqlite3_bind_int64(s, sqlite3_bind_parameter_index(s, ":id"), id);
	sqlite3_bind_int64(s, sqlite3_bind_parameter_index(s, ":rev"), expect_rev);
	return update_one(st, s, what, id);
}

int store_item_edit(struct store *st, const struct item *it, const char *detail)
{
	struct lc_local to;
	int64_t now = text_now_ms();

	if (store_begin(st) != 0)
		return -1;
	if (user_step(st, it->id, it->local_rev, LC_EDIT, "edit", &to) != 0 ||
	    store_write_content(st, it) != 0 ||
	    user_write(st, it->id, it->local_rev, &to, now, "edit") != 0 ||
	    store_history_add(st, it->id, now, "edited", detail) != 0 ||
	    store_revision_add(st, it->id, it) != 0 || store_commit(st) != 0)
		goto fail;
	return 0;
fail:
	store_rollback(st);
	return -1;
}

int store_item_withdraw(struct store *st, int64_t id, int64_t expect_rev, const char *reason)
{
	sqlite3_stmt *s = NULL;
	struct lc_local to;
	int64_t now = text_now_ms();

	if (store_begin(st) != 0)
		return -1;
	if (user_step(st, id, expect_rev, LC_WITHDRAW, "withdrawal", &to) != 0 ||
	    store_prepare(st, "UPDATE initiatives SET withdraw_reason = ? WHERE id = ?", &s) != 0)
		goto fail;
	sqlite3_bind_text(s, 1, reason ? reason : "", -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 2, id);
	if (update_one(st, s, "withdraw", id) != 0 ||
	    user_write(st, id, expect_rev, &to, now, "withdraw") != 0 ||
	    store_history_add(st, id, now, "withdraw_requested", reason) != 0 ||
	    store_commit(st) != 0)
		goto fail;
	return 0;
fail:
	store_rollback(st);
	return -1;
}

int store_server_copy(struct store *st, int64_t id, Sangkien__ServerInitiative **out)
{
	sqlite3_stmt *s;
	int rc;

	*out = NULL;
	if (store_prepare(st, "SELECT server_copy FROM initiatives WHERE id = ?", &s) != 0)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW && sqlite3_column_type(s, 0) == SQLITE_BLOB) {
		*out = sangkien__server_initiative__unpack(NULL, (size_t)sqlite3_column_bytes(s, 0),
							   sqlite3_column_blob(s, 0));
		if (*out == NULL) {
			sqlite3_finalize(s);
			snprintf(st->errmsg, sizeof(st->errmsg),
				 "server copy of item %lld cannot be decoded", (long long)id);
			return -1;
		}
	}
	sqlite3_finalize(s);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : store_fail(st, "read server copy");
}

int store_resolve(struct store *st, int64_t id, bool keep_mine)
{
	Sangkien__ServerInitiative *si = NULL;
	const Sangkien__Receipt *r;
	struct item *it = NULL;
	sqlite3_stmt *s = NULL;
	int64_t now = text_now_ms();
	struct check_error ce;
	struct lc_local to;
	char detail[64];

	if (store_begin(st) != 0)
		return -1;
	if (store_item_get(st, id, &it) != 0 || store_server_copy(st, id, &si) != 0)
		goto fail;
	if (it == NULL || si == NULL || si->content == NULL || si->receipt == NULL ||
	    si->receipt->content_sha256.len != 32) {
		snprintf(st->errmsg, sizeof(st->errmsg),
			 "item %lld is not in conflict with a known server version", (long long)id);
		goto fail;
	}
	/* Kept before the copies were checked, or the store was tampered with:
	 * never adopt another item's or unit's record. */
	if (!reply_check_initiative(si, it->unit_code, it->uuid, date_today_utc(), &ce)) {
		snprintf(st->errmsg, sizeof(st->errmsg),
			 "the server copy kept for item %lld is not valid for it (%s %s)",
			 (long long)id, ce.field, ce.reason);
		goto fail;
	}
	r = si->receipt;
	if (user_step(st, id, it->local_rev, keep_mine ? LC_RESOLVE_MINE : LC_RESOLVE_SERVER,
		      "resolve", &to) != 0)
		goto fail;
	if (!keep_mine && item_set_content(it, si->content) != 0) {
		snprintf(st->errmsg, sizeof(st->errmsg), "out of memory");
		goto fail;
	}
	if (!keep_mine && (store_write_content(st, it) != 0 || store_revision_add(st, id, it) != 0))
		goto fail;
	/* Either way the item is now based on the version the user has seen. */
	if (store_prepare(st,
			  "UPDATE initiatives SET state = :state, pending_op = :op, "
			  "withdraw_after_edit = :wae, state_changed_unix_ms = :now, "
			  "withdraw_reason = CASE WHEN :op IS NULL THEN NULL ELSE withdraw_reason "
			  "END, base_version = :sv, record_id = :record, version = :version, "
			  "received_unix_ms = :received, content_sha256 = :sha, "
			  "server_version = :sv, server_status = :status, refusal_field = NULL, "
			  "refusal_reason = NULL, local_rev = local_rev + 1 WHERE id = :id",
			  &s) != 0)
		goto fail;
	store_lc_bind(s, &to);
#define P(name) sqlite3_bind_parameter_index(s, name)
	sqlite3_bind_int64(s, P(":now"), now);
	sqlite3_bind_int64(s, P(":sv"), si->version);
	sqlite3_bind_int64(s, P(":record"), r->record_id);
	sqlite3_bind_int64(s, P(":version"), r->version);
	sqlite3_bind_int64(s, P(":received"), r->received_unix_ms);
	sqlite3_bind_blob(s, P(":sha"), r->content_sha256.data, 32, SQLITE_STATIC);
	if (item_status_name(si->status) != NULL)
		sqlite3_bind_text(s, P(":status"), item_status_name(si->status), -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, P(":id"), id);
#undef P
	snprintf(detail, sizeof(detail), "v%u", si->version);
	if (update_one(st, s, "resolve", id) != 0 ||
	    store_history_add(st, id, now, keep_mine ? "resolved_mine" : "resolved_server",
			      detail) != 0 ||
	    store_commit(st) != 0)
		goto fail;
	item_free(it);
	sangkien__server_initiative__free_unpacked(si, NULL);
	return 0;
fail:
	store_rollback(st);
	item_free(it);
	if (si != NULL)
		sangkien__server_initiative__free_unpacked(si, NULL);
	return -1;
}
