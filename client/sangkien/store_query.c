/* store_query.c - see store_query.h. */
#include "store_query.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store_internal.h"

#define FOLD_MAX 1024

#define NEEDS_ACTION                                                                               \
	"(state IN ('invalid', 'forbidden', 'conflict') OR "                                       \
	"(state = 'synced' AND server_status = 'needs_changes'))"

/* sk_fold_contains(title, folded): the folded title contains folded. */
static void fold_contains(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	store_fold_fn fold = (store_fold_fn)(uintptr_t)sqlite3_user_data(ctx);
	const char *title = (const char *)sqlite3_value_text(argv[0]);
	const char *needle = (const char *)sqlite3_value_text(argv[1]);
	char folded[FOLD_MAX];

	(void)argc;
	if (title == NULL || needle == NULL) {
		sqlite3_result_int(ctx, 0);
		return;
	}
	fold(title, folded, sizeof(folded));
	sqlite3_result_int(ctx, strstr(folded, needle) != NULL);
}

/* The WHERE clause for f, its parameters numbered ?1.. in bind(). */
static void where(const struct store_filter *f, char *out, size_t len)
{
	size_t n = (size_t)snprintf(out, len, " WHERE 1");

#define ADD(...) (n += (size_t)snprintf(out + n, n < len ? len - n : 0, __VA_ARGS__))
	switch (f->by_state) {
	case STORE_NEEDS_ACTION:
		ADD(" AND " NEEDS_ACTION);
		break;
	case STORE_LOCAL_STATE:
		ADD(" AND state = ?1");
		break;
	case STORE_SERVER_STATUS:
		ADD(" AND state = 'synced' AND server_status = ?1");
		break;
	default:
		break;
	}
	if (f->by_kind)
		ADD(" AND kind = ?2");
	if (f->from != NULL)
		ADD(" AND applied_on >= ?3");
	if (f->to != NULL)
		ADD(" AND applied_on <= ?4");
	if (f->search != NULL && f->search[0] != '\0')
		ADD(" AND (CAST(id AS TEXT) = ?5 OR substr(uuid, 1, length(?5)) = ?5 OR "
		    "sk_fold_contains(title, ?6))");
#undef ADD
}

static void bind(sqlite3_stmt *s, const struct store_filter *f)
{
	if (f->by_state == STORE_LOCAL_STATE)
		sqlite3_bind_text(s, 1, item_state_name(f->local), -1, SQLITE_STATIC);
	else if (f->by_state == STORE_SERVER_STATUS)
		sqlite3_bind_text(s, 1, item_status_name(f->status), -1, SQLITE_STATIC);
	if (f->by_kind)
		sqlite3_bind_text(s, 2, kind_name(f->kind), -1, SQLITE_STATIC);
	if (f->from != NULL)
		sqlite3_bind_text(s, 3, f->from, -1, SQLITE_STATIC);
	if (f->to != NULL)
		sqlite3_bind_text(s, 4, f->to, -1, SQLITE_STATIC);
	if (f->search != NULL && f->search[0] != '\0') {
		sqlite3_bind_text(s, 5, f->search, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 6, f->search_folded ? f->search_folded : "", -1,
				  SQLITE_STATIC);
	}
}

int store_query_items(struct store *st, const struct store_filter *f, int64_t offset, int64_t limit,
		      int (*fn)(const struct store_row *r, void *arg), void *arg, int64_t *total)
{
	char w[512], sql[1024];
	sqlite3_stmt *s;
	int rc, stop = 0;

	*total = 0;
	if (f->search != NULL && f->search[0] != '\0' &&
	    (f->fold == NULL ||
	     sqlite3_create_function(st->db, "sk_fold_contains", 2,
				     SQLITE_UTF8 | SQLITE_DETERMINISTIC, (void *)(uintptr_t)f->fold,
				     fold_contains, NULL, NULL) != SQLITE_OK))
		return store_fail(st, "search function");
	where(f, w, sizeof(w));
	snprintf(sql, sizeof(sql), "SELECT count(*) FROM initiatives%s", w);
	if (store_prepare(st, sql, &s) != 0)
		return -1;
	bind(s, f);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		*total = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	if (rc != SQLITE_ROW)
		return store_fail(st, "count items");
	snprintf(sql, sizeof(sql),
		 "SELECT id, uuid, title, kind, applied_on, state, pending_op, "
		 "record_id IS NOT NULL, server_status, refusal_reason FROM initiatives%s "
		 "ORDER BY id LIMIT ?7 OFFSET ?8",
		 w);
	if (store_prepare(st, sql, &s) != 0)
		return -1;
	bind(s, f);
	sqlite3_bind_int64(s, 7, limit);
	sqlite3_bind_int64(s, 8, offset);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct store_row r;
		const char *v;

		memset(&r, 0, sizeof(r));
		r.id = sqlite3_column_int64(s, 0);
		r.uuid = (const char *)sqlite3_column_text(s, 1);
		r.title = (const char *)sqlite3_column_text(s, 2);
		if (!kind_parse((const char *)sqlite3_column_text(s, 3), &r.kind))
			r.kind = SANGKIEN__INITIATIVE_KIND__KIND_UNSPECIFIED;
		r.applied_on = (const char *)sqlite3_column_text(s, 4);
		if (!item_state_parse((const char *)sqlite3_column_text(s, 5), &r.state))
			r.state = ITEM_INVALID;
		v = (const char *)sqlite3_column_text(s, 6);
		if (v == NULL || !item_op_parse(v, &r.op))
			r.op = ITEM_OP_NONE;
		r.has_receipt = sqlite3_column_int(s, 7) != 0;
		v = (const char *)sqlite3_column_text(s, 8);
		if (v == NULL || !item_status_parse(v, &r.server_status))
			r.server_status = SANGKIEN__INITIATIVE_STATUS__STATUS_UNSPECIFIED;
		r.refusal_reason = (const char *)sqlite3_column_text(s, 9);
		if (r.uuid == NULL || r.title == NULL || r.applied_on == NULL)
			continue;
		if ((stop = fn(&r, arg)) != 0)
			break;
	}
	sqlite3_finalize(s);
	if (stop != 0)
		return stop;
	return rc == SQLITE_DONE ? 0 : store_fail(st, "list items");
}

int store_query_counts(struct store *st, struct store_counts *c)
{
	sqlite3_stmt *s;
	int rc;

	memset(c, 0, sizeof(*c));
	if (store_prepare(st,
			  "SELECT state, count(*), "
			  "sum(state = 'synced' AND server_status = 'needs_changes') "
			  "FROM initiatives GROUP BY state",
			  &s) != 0)
		return -1;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		enum item_state state;

		if (!item_state_parse((const char *)sqlite3_column_text(s, 0), &state))
			continue;
		c->by_state[state] = sqlite3_column_int64(s, 1);
		c->needs_changes += sqlite3_column_int64(s, 2);
	}
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE)
		return store_fail(st, "count states");
	c->needs_action = c->by_state[ITEM_INVALID] + c->by_state[ITEM_FORBIDDEN] +
			  c->by_state[ITEM_CONFLICT] + c->needs_changes;
	return 0;
}

int store_forget_unit(struct store *st)
{
	if (store_begin(st) != 0)
		return -1;
	if (store_exec(st, "DELETE FROM drafts; DELETE FROM initiatives; DELETE FROM quota_cache; "
			   "DELETE FROM settings WHERE key IN ('pull_cursor', 'last_sync')") != 0 ||
	    store_commit(st) != 0) {
		store_rollback(st);
		return -1;
	}
	return 0;
}
