/* store_draft.c - see store_draft.h. */
#include "store_draft.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "store_internal.h"

static int64_t now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* One statement with up to three integer/text parameters, stepped once.
 * The saved time is later than every other draft's, even within one
 * millisecond or after the clock stepped back, so the list's "saved last
 * comes first" holds. */
static int draft_write(struct store *st, int64_t *id, int64_t item_id, const char *fields)
{
	sqlite3_stmt *s;
	int rc;

	if (*id == 0) {
		if (store_prepare(
			st,
			"INSERT INTO drafts (item_id, fields, updated_unix_ms) "
			"VALUES (?1, ?2, max(?3, (SELECT coalesce(max(updated_unix_ms), 0) + 1 "
			"FROM drafts)))",
			&s) != 0)
			return -1;
	} else if (store_prepare(
		       st,
		       "UPDATE drafts SET item_id = ?1, fields = ?2, updated_unix_ms = "
		       "max(?3, (SELECT coalesce(max(updated_unix_ms), 0) + 1 FROM drafts)) "
		       "WHERE id = ?4",
		       &s) != 0) {
		return -1;
	}
	if (item_id > 0)
		sqlite3_bind_int64(s, 1, item_id);
	else
		sqlite3_bind_null(s, 1);
	sqlite3_bind_text(s, 2, fields, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 3, now_ms());
	if (*id != 0)
		sqlite3_bind_int64(s, 4, *id);
	rc = sqlite3_step(s);
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE)
		return store_fail(st, "save draft");
	if (*id == 0) {
		*id = sqlite3_last_insert_rowid(st->db);
	} else if (sqlite3_changes(st->db) != 1) {
		snprintf(st->errmsg, sizeof(st->errmsg), "draft %lld no longer exists",
			 (long long)*id);
		return -1;
	}
	return 0;
}

int store_draft_save(struct store *st, int64_t *id, int64_t item_id, const char *fields)
{
	if (strlen(fields) > STORE_DRAFT_MAX_BYTES) {
		snprintf(st->errmsg, sizeof(st->errmsg), "draft larger than %u bytes",
			 STORE_DRAFT_MAX_BYTES);
		return -1;
	}
	/* One statement is its own transaction (autocommit). */
	return draft_write(st, id, item_id, fields);
}

static int draft_from_row(sqlite3_stmt *s, struct store_draft *d)
{
	d->id = sqlite3_column_int64(s, 0);
	d->item_id = sqlite3_column_int64(s, 1);
	d->updated_unix_ms = sqlite3_column_int64(s, 3);
	d->fields = store_column_dup(s, 2);
	return d->fields != NULL ? 0 : -1;
}

int store_draft_get(struct store *st, int64_t id, struct store_draft *d, bool *found)
{
	sqlite3_stmt *s;
	int rc;

	memset(d, 0, sizeof(*d));
	*found = false;
	if (store_prepare(st,
			  "SELECT id, coalesce(item_id, 0), fields, updated_unix_ms FROM drafts "
			  "WHERE id = ?",
			  &s) != 0)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		if (draft_from_row(s, d) != 0) {
			sqlite3_finalize(s);
			snprintf(st->errmsg, sizeof(st->errmsg), "out of memory");
			return -1;
		}
		*found = true;
	}
	sqlite3_finalize(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_fail(st, "read draft");
	return 0;
}

void store_draft_clear(struct store_draft *d)
{
	free(d->fields);
	memset(d, 0, sizeof(*d));
}

static int draft_remove(struct store *st, int64_t id)
{
	sqlite3_stmt *s;
	int rc;

	if (store_prepare(st, "DELETE FROM drafts WHERE id = ?", &s) != 0)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	rc = sqlite3_step(s);
	sqlite3_finalize(s);
	return rc == SQLITE_DONE ? 0 : store_fail(st, "delete draft");
}

int store_draft_delete(struct store *st, int64_t id)
{
	return draft_remove(st, id);
}

int store_draft_foreach(struct store *st, int (*fn)(const struct store_draft *d, void *arg),
			void *arg)
{
	struct store_draft d;
	sqlite3_stmt *s;
	int rc, stop = 0;

	if (store_prepare(st,
			  "SELECT id, coalesce(item_id, 0), fields, updated_unix_ms FROM drafts "
			  "ORDER BY updated_unix_ms DESC, id DESC",
			  &s) != 0)
		return -1;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (draft_from_row(s, &d) != 0) {
			sqlite3_finalize(s);
			snprintf(st->errmsg, sizeof(st->errmsg), "out of memory");
			return -1;
		}
		stop = fn(&d, arg);
		store_draft_clear(&d);
		if (stop != 0)
			break;
	}
	sqlite3_finalize(s);
	if (stop != 0)
		return stop;
	return rc == SQLITE_DONE ? 0 : store_fail(st, "list drafts");
}

int store_draft_count(struct store *st, int64_t *count)
{
	sqlite3_stmt *s;
	int rc;

	if (store_prepare(st, "SELECT count(*) FROM drafts", &s) != 0)
		return -1;
	rc = sqlite3_step(s);
	*count = rc == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
	sqlite3_finalize(s);
	return rc == SQLITE_ROW ? 0 : store_fail(st, "count drafts");
}

int store_draft_to_item(struct store *st, int64_t draft_id, const struct item *it, int64_t *id)
{
	if (store_bulk_begin(st) != 0)
		return -1;
	if (store_bulk_add(st, it, id) != 0 || draft_remove(st, draft_id) != 0) {
		store_bulk_end(st, false);
		return -1;
	}
	return store_bulk_end(st, true);
}
