/* store.c - see store.h. */
#include "store.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "attach_file.h"
#include "platform.h"
#include "store_internal.h"
#include "text.h"

/* Schema steps; migrations[i] takes user_version i to i + 1. */
static const char *const migrations[] = {
    "CREATE TABLE settings ("
    "  key TEXT PRIMARY KEY,"
    "  value TEXT NOT NULL);"
    "CREATE TABLE initiatives ("
    "  id INTEGER PRIMARY KEY,"
    "  uuid TEXT NOT NULL UNIQUE,"
    "  unit_code TEXT,"
    "  title TEXT NOT NULL,"
    "  kind TEXT NOT NULL,"
    "  summary TEXT NOT NULL,"
    "  effect TEXT NOT NULL,"
    "  applied_on TEXT NOT NULL,"
    "  theme TEXT NOT NULL DEFAULT '',"
    "  created_unix_ms INTEGER NOT NULL,"
    "  state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN"
    "    ('pending', 'synced', 'invalid', 'forbidden', 'conflict')),"
    "  state_changed_unix_ms INTEGER NOT NULL,"
    "  refusal_field TEXT,"
    "  refusal_reason TEXT,"
    "  record_id INTEGER,"
    "  version INTEGER,"
    "  received_unix_ms INTEGER,"
    "  content_sha256 BLOB CHECK (content_sha256 IS NULL OR length(content_sha256) = 32),"
    "  CHECK (state <> 'synced' OR record_id IS NOT NULL));"
    "CREATE INDEX initiatives_by_state ON initiatives (state, id);"
    "CREATE TABLE authors ("
    "  initiative_id INTEGER NOT NULL REFERENCES initiatives (id) ON DELETE CASCADE,"
    "  seq INTEGER NOT NULL,"
    "  name TEXT NOT NULL,"
    "  position TEXT NOT NULL DEFAULT '',"
    "  PRIMARY KEY (initiative_id, seq));"
    "CREATE TABLE quota_cache ("
    "  id INTEGER PRIMARY KEY CHECK (id = 1),"
    "  unit_code TEXT NOT NULL,"
    "  unit_name TEXT NOT NULL,"
    "  campaign_code TEXT NOT NULL,"
    "  campaign_name TEXT NOT NULL,"
    "  counts_from TEXT NOT NULL,"
    "  quota INTEGER NOT NULL,"
    "  submitted INTEGER NOT NULL,"
    "  recognized INTEGER NOT NULL,"
    "  as_of_unix_ms INTEGER NOT NULL,"
    "  fetched_unix_ms INTEGER NOT NULL);",

    /* 2: edits, withdrawals, the server's side of each item, history. */
    "ALTER TABLE initiatives ADD COLUMN pending_op TEXT"
    "  CHECK (pending_op IS NULL OR pending_op IN ('edit', 'withdraw'));"
    "ALTER TABLE initiatives ADD COLUMN local_rev INTEGER NOT NULL DEFAULT 0;"
    "ALTER TABLE initiatives ADD COLUMN base_version INTEGER;"
    "ALTER TABLE initiatives ADD COLUMN withdraw_reason TEXT;"
    "ALTER TABLE initiatives ADD COLUMN server_status TEXT;"
    "ALTER TABLE initiatives ADD COLUMN server_version INTEGER;"
    /* The packed ServerInitiative last seen: notes, recognition, reward,
     * and the server's content while a conflict waits for the user. */
    "ALTER TABLE initiatives ADD COLUMN server_copy BLOB;"
    "UPDATE initiatives SET base_version = version, server_version = version,"
    "  server_status = 'submitted' WHERE record_id IS NOT NULL;"
    "CREATE INDEX initiatives_by_op ON initiatives (state, pending_op, id);"
    "CREATE TABLE history ("
    "  id INTEGER PRIMARY KEY,"
    "  initiative_id INTEGER NOT NULL REFERENCES initiatives (id) ON DELETE CASCADE,"
    "  at_unix_ms INTEGER NOT NULL,"
    "  event TEXT NOT NULL,"
    "  detail TEXT NOT NULL DEFAULT '');"
    "CREATE INDEX history_by_item ON history (initiative_id, id);"
    "INSERT INTO history (initiative_id, at_unix_ms, event)"
    "  SELECT id, created_unix_ms, 'added' FROM initiatives ORDER BY id;"
    "INSERT INTO history (initiative_id, at_unix_ms, event, detail)"
    "  SELECT id, state_changed_unix_ms, 'accepted', 'v' || version FROM initiatives"
    "  WHERE record_id IS NOT NULL ORDER BY id;"
    /* The whole QuotaReply (phases included) as last received. */
    "ALTER TABLE quota_cache ADD COLUMN reply BLOB;"
    /* The content hash of every local revision: a "conflict" with a server
     * version that is one of our own earlier revisions (sent, applied, and
     * its answer lost) is no conflict. */
    "CREATE TABLE revisions ("
    "  initiative_id INTEGER NOT NULL REFERENCES initiatives (id) ON DELETE CASCADE,"
    "  content_sha256 BLOB NOT NULL,"
    "  PRIMARY KEY (initiative_id, content_sha256)) WITHOUT ROWID;",

    /* 3: drafts, the entry form's fields as typed (store_draft.h). */
    "CREATE TABLE drafts ("
    "  id INTEGER PRIMARY KEY,"
    "  item_id INTEGER REFERENCES initiatives (id) ON DELETE CASCADE,"
    "  fields TEXT NOT NULL,"
    "  updated_unix_ms INTEGER NOT NULL);",

    /* 4: a withdrawal asked for while an edit waits to be sent: the edit
     * goes first, the withdrawal once the edit is accepted. */
    "ALTER TABLE initiatives ADD COLUMN withdraw_after_edit INTEGER NOT NULL DEFAULT 0"
    "  CHECK (withdraw_after_edit IN (0, 1));",

    /* 5: dossiers, the files attached to each initiative (store_attach.h);
     * the bytes live in STORE.files, named by their SHA-256. */
    "CREATE TABLE attachments ("
    "  id INTEGER PRIMARY KEY,"
    "  initiative_id INTEGER NOT NULL REFERENCES initiatives (id) ON DELETE CASCADE,"
    "  sha256 BLOB NOT NULL CHECK (length(sha256) = 32),"
    "  size INTEGER NOT NULL CHECK (size >= 0),"
    "  type TEXT NOT NULL,"
    "  file_name TEXT NOT NULL,"
    "  label TEXT NOT NULL DEFAULT '',"
    "  added_unix_ms INTEGER NOT NULL,"
    "  changed_unix_ms INTEGER NOT NULL,"
    "  state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN"
    "    ('pending', 'attached', 'detach', 'refused')),"
    "  uploaded INTEGER NOT NULL DEFAULT 0,"
    "  refusal TEXT);"
    "CREATE INDEX attachments_by_item ON attachments (initiative_id, id);"
    "CREATE INDEX attachments_by_state ON attachments (state, id);"
    "CREATE INDEX attachments_by_file ON attachments (sha256);",
};

_Static_assert(sizeof(migrations) / sizeof(migrations[0]) == STORE_SCHEMA_VERSION,
	       "one migration per schema version");

int store_fail(struct store *st, const char *fmt, ...)
{
	va_list ap;
	size_t n;

	va_start(ap, fmt);
	vsnprintf(st->errmsg, sizeof(st->errmsg), fmt, ap);
	va_end(ap);
	n = strlen(st->errmsg);
	if (st->db != NULL && n + 3 < sizeof(st->errmsg))
		snprintf(st->errmsg + n, sizeof(st->errmsg) - n, ": %s", sqlite3_errmsg(st->db));
	return -1;
}

const char *store_errmsg(const struct store *st)
{
	return st->errmsg;
}

struct sqlite3 *store_handle(struct store *st)
{
	return st->db;
}

int store_exec(struct store *st, const char *sql)
{
	char *msg = NULL;

	if (sqlite3_exec(st->db, sql, NULL, NULL, &msg) != SQLITE_OK) {
		snprintf(st->errmsg, sizeof(st->errmsg), "%s", msg ? msg : "sqlite error");
		sqlite3_free(msg);
		return -1;
	}
	return 0;
}

int store_prepare(struct store *st, const char *sql, sqlite3_stmt **stmt)
{
	if (sqlite3_prepare_v2(st->db, sql, -1, stmt, NULL) != SQLITE_OK) {
		*stmt = NULL;
		return store_fail(st, "prepare");
	}
	return 0;
}

/* Writers take the lock up front so two processes never deadlock upgrading. */
int store_begin(struct store *st)
{
	return store_exec(st, "BEGIN IMMEDIATE");
}

int store_commit(struct store *st)
{
	return store_exec(st, "COMMIT");
}

void store_rollback(struct store *st)
{
	/* Keep the first error: the rollback's own outcome says nothing new. */
	char saved[sizeof(st->errmsg)];

	memcpy(saved, st->errmsg, sizeof(saved));
	if (!sqlite3_get_autocommit(st->db))
		sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
	memcpy(st->errmsg, saved, sizeof(saved));
}

static int pragma_int(struct store *st, const char *sql, int *value)
{
	sqlite3_stmt *s;
	int rc;

	if (store_prepare(st, sql, &s) != 0)
		return -1;
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		*value = sqlite3_column_int(s, 0);
	sqlite3_finalize(s);
	return rc == SQLITE_ROW ? 0 : store_fail(st, "%s", sql);
}

static int migrate(struct store *st)
{
	int version = 0;

	if (store_begin(st) != 0)
		return -1;
	if (pragma_int(st, "PRAGMA user_version", &version) != 0)
		goto fail;
	if (version > STORE_SCHEMA_VERSION) {
		snprintf(st->errmsg, sizeof(st->errmsg),
			 "store schema version %d is newer than this program's %d", version,
			 STORE_SCHEMA_VERSION);
		goto fail;
	}
	for (; version < STORE_SCHEMA_VERSION; version++) {
		char sql[64];

		if (store_exec(st, migrations[version]) != 0)
			goto fail;
		snprintf(sql, sizeof(sql), "PRAGMA user_version = %d", version + 1);
		if (store_exec(st, sql) != 0)
			goto fail;
	}
	return store_commit(st);
fail:
	store_rollback(st);
	return -1;
}

/* Create the file ourselves so it is 0600 from the first byte; SQLite
 * gives its -wal and -shm files the same mode.  An existing file is never
 * opened here: closing any descriptor of a database file drops every POSIX
 * lock this process holds on it, those of its other open connections too
 * (`sangkien ui` has two), and a store without its locks gets corrupted by
 * concurrent writers. */
static int create_private(const char *path, char *err, size_t errlen)
{
	if (sk_create_private(path) != 0) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return -1;
	}
	return 0;
}

int store_open(const char *path, struct store **out, char *err, size_t errlen)
{
	struct store *st;
	char mode[16] = "";
	sqlite3_stmt *s;

	*out = NULL;
	if (create_private(path, err, errlen) != 0)
		return -1;
	st = calloc(1, sizeof(*st));
	if (st == NULL || (st->files_dir = malloc(strlen(path) + sizeof(".files"))) == NULL) {
		free(st);
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	sprintf(st->files_dir, "%s.files", path);
	if (sqlite3_open_v2(path, &st->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_FULLMUTEX, NULL) !=
	    SQLITE_OK) {
		store_fail(st, "open %s", path);
		goto fail;
	}
	sqlite3_extended_result_codes(st->db, 1);
	if (sqlite3_busy_timeout(st->db, STORE_BUSY_TIMEOUT_MS) != SQLITE_OK)
		goto fail_msg;
	/* WAL: readers never block the writer; FULL: a commit is fsynced. */
	if (store_prepare(st, "PRAGMA journal_mode = WAL", &s) != 0)
		goto fail;
	if (sqlite3_step(s) == SQLITE_ROW)
		snprintf(mode, sizeof(mode), "%s", (const char *)sqlite3_column_text(s, 0));
	sqlite3_finalize(s);
	if (strcmp(mode, "wal") != 0) {
		store_fail(st, "cannot switch %s to WAL journal (got \"%s\")", path, mode);
		goto fail;
	}
	if (store_exec(st, "PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;") != 0)
		goto fail;
	if (migrate(st) != 0)
		goto fail;
	/* Nothing refers to them: a failure to look is no reason not to open. */
	(void)sk_remove_stale(st->files_dir, ATTACH_INCOMING_PREFIX, STORE_INCOMING_STALE_S);
	*out = st;
	return 0;
fail_msg:
	store_fail(st, "open %s", path);
fail:
	snprintf(err, errlen, "%s", st->errmsg);
	store_close(st);
	return -1;
}

void store_close(struct store *st)
{
	if (st == NULL)
		return;
	for (size_t i = 0; i < sizeof(st->next_pending) / sizeof(st->next_pending[0]); i++)
		sqlite3_finalize(st->next_pending[i]);
	sqlite3_close(st->db);
	free(st->files_dir);
	free(st);
}

/* ---- settings ---- */

char *store_column_dup(sqlite3_stmt *s, int col)
{
	const unsigned char *v = sqlite3_column_text(s, col);

	return v != NULL ? strdup((const char *)v) : NULL;
}

int store_setting_get(struct store *st, const char *key, char **value)
{
	sqlite3_stmt *s;
	int rc;

	*value = NULL;
	if (store_prepare(st, "SELECT value FROM settings WHERE key = ?", &s) != 0)
		return -1;
	sqlite3_bind_text(s, 1, key, -1, SQLITE_STATIC);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW && (*value = store_column_dup(s, 0)) == NULL) {
		sqlite3_finalize(s);
		snprintf(st->errmsg, sizeof(st->errmsg), "out of memory");
		return -1;
	}
	sqlite3_finalize(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_fail(st, "read setting %s", key);
	return 0;
}

static int setting_put(struct store *st, const char *key, const char *value)
{
	sqlite3_stmt *s;
	int rc;

	if (store_prepare(st,
			  "INSERT INTO settings (key, value) VALUES (?, ?) "
			  "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
			  &s) != 0)
		return -1;
	sqlite3_bind_text(s, 1, key, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, value, -1, SQLITE_STATIC);
	rc = sqlite3_step(s);
	sqlite3_finalize(s);
	return rc == SQLITE_DONE ? 0 : store_fail(st, "write setting %s", key);
}

int store_setting_set(struct store *st, const char *key, const char *value)
{
	return setting_put(st, key, value);
}

static int setting_delete(struct store *st, const char *key)
{
	sqlite3_stmt *s;
	int rc;

	if (store_prepare(st, "DELETE FROM settings WHERE key = ?", &s) != 0)
		return -1;
	sqlite3_bind_text(s, 1, key, -1, SQLITE_STATIC);
	rc = sqlite3_step(s);
	sqlite3_finalize(s);
	return rc == SQLITE_DONE ? 0 : store_fail(st, "delete setting %s", key);
}

int store_save_enrollment(struct store *st, const char *server, const char *credential,
			  const char *unit_code, const char *unit_name, int64_t enrolled_unix_ms)
{
	return store_save_enrollment_ca(st, server, NULL, credential, unit_code, unit_name,
					enrolled_unix_ms);
}

int store_save_enrollment_ca(struct store *st, const char *server, const char *ca_pem,
			     const char *credential, const char *unit_code, const char *unit_name,
			     int64_t enrolled_unix_ms)
{
	char at[32];

	text_iso8601(enrolled_unix_ms, at, sizeof(at));
	if (store_begin(st) != 0)
		return -1;
	if (setting_put(st, STORE_KEY_SERVER, server) != 0 ||
	    (ca_pem != NULL ? setting_put(st, STORE_KEY_CA_PEM, ca_pem)
			    : setting_delete(st, STORE_KEY_CA_PEM)) != 0 ||
	    setting_put(st, STORE_KEY_CREDENTIAL, credential) != 0 ||
	    setting_put(st, STORE_KEY_UNIT_CODE, unit_code) != 0 ||
	    setting_put(st, STORE_KEY_UNIT_NAME, unit_name) != 0 ||
	    setting_put(st, STORE_KEY_ENROLLED_AT, at) != 0 || store_commit(st) != 0) {
		store_rollback(st);
		return -1;
	}
	return 0;
}

/* ---- initiatives ---- */

int store_insert_authors(struct store *st, int64_t id, const struct item *it)
{
	sqlite3_stmt *s;

	if (store_prepare(st,
			  "INSERT INTO authors (initiative_id, seq, name, position) "
			  "VALUES (?, ?, ?, ?)",
			  &s) != 0)
		return -1;
	for (size_t i = 0; i < it->n_authors; i++) {
		sqlite3_reset(s);
		sqlite3_bind_int64(s, 1, id);
		sqlite3_bind_int64(s, 2, (sqlite3_int64)i);
		sqlite3_bind_text(s, 3, it->authors[i].name ? it->authors[i].name : "", -1,
				  SQLITE_STATIC);
		sqlite3_bind_text(s, 4, it->authors[i].position ? it->authors[i].position : "", -1,
				  SQLITE_STATIC);
		if (sqlite3_step(s) != SQLITE_DONE) {
			store_fail(st, "store author %zu", i + 1);
			sqlite3_finalize(s);
			return -1;
		}
	}
	sqlite3_finalize(s);
	return 0;
}

/* Insert one item with its authors and history, inside a transaction. */
static int insert_item(struct store *st, const struct item *it, int64_t *id)
{
	sqlite3_stmt *s = NULL;
	const char *kind = kind_name(it->kind), *theme = theme_name(it->theme);
	int64_t now = text_now_ms();

	if (store_prepare(st,
			  "INSERT INTO initiatives (uuid, unit_code, title, kind, summary, "
			  "effect, applied_on, theme, created_unix_ms, state, "
			  "state_changed_unix_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending', ?)",
			  &s) != 0)
		return -1;
	sqlite3_bind_text(s, 1, it->uuid, -1, SQLITE_STATIC);
	if (it->unit_code != NULL && it->unit_code[0] != '\0')
		sqlite3_bind_text(s, 2, it->unit_code, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, it->title ? it->title : "", -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 4, kind ? kind : "", -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 5, it->summary ? it->summary : "", -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 6, it->effect ? it->effect : "", -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 7, it->applied_on, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 8, theme ? theme : "", -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 9, it->created_unix_ms > 0 ? it->created_unix_ms : now);
	sqlite3_bind_int64(s, 10, now);
	if (sqlite3_step(s) != SQLITE_DONE) {
		store_fail(st, "store initiative %s", it->uuid);
		sqlite3_finalize(s);
		return -1;
	}
	*id = sqlite3_last_insert_rowid(st->db);
	sqlite3_finalize(s);
	if (store_insert_authors(st, *id, it) != 0 ||
	    store_history_add(st, *id, now, "added", "") != 0 ||
	    store_revision_add(st, *id, it) != 0)
		return -1;
	return 0;
}

int store_item_add(struct store *st, const struct item *it, int64_t *id)
{
	if (store_begin(st) != 0)
		return -1;
	if (insert_item(st, it, id) != 0 || store_commit(st) != 0) {
		store_rollback(st);
		return -1;
	}
	return 0;
}

int store_bulk_begin(struct store *st)
{
	return store_begin(st);
}

int store_bulk_add(struct store *st, const struct item *it, int64_t *id)
{
	return insert_item(st, it, id);
}

int store_bulk_end(struct store *st, bool commit)
{
	if (commit && store_commit(st) == 0)
		return 0;
	store_rollback(st);
	return commit ? -1 : 0;
}

int store_set_col(char **dst, sqlite3_stmt *s, int col)
{
	if (sqlite3_column_type(s, col) == SQLITE_NULL)
		return 0;
	return (*dst = store_column_dup(s, col)) != NULL ? 0 : -1;
}

static void copy_col(char *dst, size_t len, sqlite3_stmt *s, int col)
{
	const unsigned char *v = sqlite3_column_text(s, col);

	snprintf(dst, len, "%s", v ? (const char *)v : "");
}

/* Build an item from a row selected with ITEM_COLUMNS. */
struct item *store_item_from_row(struct store *st, sqlite3_stmt *s)
{
	struct item *it = item_create();
	const void *sha;

	if (it == NULL)
		goto nomem;
	it->id = sqlite3_column_int64(s, 0);
	copy_col(it->uuid, sizeof(it->uuid), s, 1);
	if (store_set_col(&it->unit_code, s, 2) || store_set_col(&it->title, s, 3) ||
	    store_set_col(&it->summary, s, 5) || store_set_col(&it->effect, s, 6) ||
	    store_set_col(&it->refusal_field, s, 11) || store_set_col(&it->refusal_reason, s, 12))
		goto nomem;
	/* An unknown name stays unspecified and fails the check before sync. */
	if (!kind_parse((const char *)sqlite3_column_text(s, 4), &it->kind))
		it->kind = SANGKIEN__INITIATIVE_KIND__KIND_UNSPECIFIED;
	copy_col(it->applied_on, sizeof(it->applied_on), s, 7);
	if (!theme_parse((const char *)sqlite3_column_text(s, 8), &it->theme))
		it->theme = SANGKIEN__THEME__THEME_UNSPECIFIED;
	it->created_unix_ms = sqlite3_column_int64(s, 9);
	if (!item_state_parse((const char *)sqlite3_column_text(s, 10), &it->state))
		it->state = ITEM_INVALID;
	if (sqlite3_column_type(s, 13) != SQLITE_NULL) {
		it->has_receipt = true;
		it->receipt.record_id = sqlite3_column_int64(s, 13);
		it->receipt.version = (uint32_t)sqlite3_column_int64(s, 14);
		it->receipt.received_unix_ms = sqlite3_column_int64(s, 15);
		sha = sqlite3_column_blob(s, 16);
		if (sha != NULL && sqlite3_column_bytes(s, 16) == 32)
			memcpy(it->receipt.content_sha256, sha, 32);
	}
	if (!item_op_parse((const char *)sqlite3_column_text(s, 17), &it->op))
		it->op = ITEM_OP_NONE;
	it->local_rev = sqlite3_column_int64(s, 18);
	it->base_version = (uint32_t)sqlite3_column_int64(s, 19);
	if (store_set_col(&it->withdraw_reason, s, 20))
		goto nomem;
	item_status_parse((const char *)sqlite3_column_text(s, 21), &it->server_status);
	it->server_version = (uint32_t)sqlite3_column_int64(s, 22);
	it->withdraw_after_edit = sqlite3_column_int(s, 23) != 0;
	return it;
nomem:
	item_free(it);
	snprintf(st->errmsg, sizeof(st->errmsg), "out of memory");
	return NULL;
}

int store_load_authors(struct store *st, struct item *it)
{
	sqlite3_stmt *s;
	int rc;

	if (store_prepare(st,
			  "SELECT name, position FROM authors WHERE initiative_id = ? "
			  "ORDER BY seq",
			  &s) != 0)
		return -1;
	sqlite3_bind_int64(s, 1, it->id);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (item_add_author(it, (const char *)sqlite3_column_text(s, 0),
				    (const char *)sqlite3_column_text(s, 1)) != 0) {
			sqlite3_finalize(s);
			snprintf(st->errmsg, sizeof(st->errmsg), "out of memory");
			return -1;
		}
	}
	sqlite3_finalize(s);
	return rc == SQLITE_DONE ? 0
				 : store_fail(st, "read authors of item %lld", (long long)it->id);
}

/* Step s once: *out is the row's item (with authors), or NULL at the end. */
int store_step_item(struct store *st, sqlite3_stmt *s, bool with_authors, struct item **out)
{
	int rc = sqlite3_step(s);
	struct item *it;

	*out = NULL;
	if (rc == SQLITE_DONE)
		return 0;
	if (rc != SQLITE_ROW)
		return store_fail(st, "read initiatives");
	if ((it = store_item_from_row(st, s)) == NULL)
		return -1;
	if (with_authors && store_load_authors(st, it) != 0) {
		item_free(it);
		return -1;
	}
	*out = it;
	return 0;
}

int store_item_get(struct store *st, int64_t id, struct item **out)
{
	sqlite3_stmt *s;
	int rc;

	*out = NULL;
	if (store_prepare(st, "SELECT " ITEM_COLUMNS " FROM initiatives WHERE id = ?", &s) != 0)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	rc = store_step_item(st, s, true, out);
	sqlite3_finalize(s);
	return rc;
}

int store_next_op(struct store *st, enum item_op op, int64_t after_id, struct item **out)
{
	static const char *const sql[] = {
	    /* Never acknowledged: sent as a new submission, whatever follows. */
	    [ITEM_OP_NONE] = "SELECT " ITEM_COLUMNS " FROM initiatives WHERE state = 'pending' "
			     "AND record_id IS NULL AND id > ? ORDER BY id LIMIT 1",
	    [ITEM_OP_EDIT] = "SELECT " ITEM_COLUMNS " FROM initiatives WHERE state = 'pending' "
			     "AND pending_op = 'edit' AND record_id IS NOT NULL AND id > ? "
			     "ORDER BY id LIMIT 1",
	    [ITEM_OP_WITHDRAW] = "SELECT " ITEM_COLUMNS " FROM initiatives "
				 "WHERE state = 'pending' AND pending_op = 'withdraw' "
				 "AND record_id IS NOT NULL AND id > ? ORDER BY id LIMIT 1",
	};
	sqlite3_stmt **s = &st->next_pending[op];
	int rc;

	*out = NULL;
	if (*s == NULL && store_prepare(st, sql[op], s) != 0)
		return -1;
	sqlite3_bind_int64(*s, 1, after_id);
	rc = store_step_item(st, *s, true, out);
	sqlite3_reset(*s);
	return rc;
}

int store_next_pending(struct store *st, int64_t after_id, struct item **out)
{
	return store_next_op(st, ITEM_OP_NONE, after_id, out);
}

int store_foreach(struct store *st, bool with_authors, int (*fn)(const struct item *it, void *arg),
		  void *arg)
{
	sqlite3_stmt *s;
	struct item *it;
	int rc = 0;

	if (store_prepare(st, "SELECT " ITEM_COLUMNS " FROM initiatives ORDER BY id", &s) != 0)
		return -1;
	while ((rc = store_step_item(st, s, with_authors, &it)) == 0 && it != NULL) {
		rc = fn(it, arg);
		item_free(it);
		if (rc != 0)
			break;
	}
	sqlite3_finalize(s);
	return rc;
}

int store_assign_unit(struct store *st, const char *unit_code, int64_t *changed)
{
	sqlite3_stmt *s;
	int rc;

	if (store_prepare(st,
			  "UPDATE initiatives SET unit_code = ? "
			  "WHERE record_id IS NULL AND (unit_code IS NULL OR unit_code = '')",
			  &s) != 0)
		return -1;
	sqlite3_bind_text(s, 1, unit_code, -1, SQLITE_STATIC);
	rc = sqlite3_step(s);
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE)
		return store_fail(st, "assign unit %s", unit_code);
	if (changed != NULL)
		*changed = sqlite3_changes(st->db);
	return 0;
}

int store_history_mark(struct store *st, int64_t *mark)
{
	sqlite3_stmt *s;
	int rc;

	if (store_prepare(st, "SELECT coalesce(max(id), 0) FROM history", &s) != 0)
		return -1;
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		*mark = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	return rc == SQLITE_ROW ? 0 : store_fail(st, "read history");
}

int store_count_refused_since(struct store *st, int64_t mark, int64_t *count)
{
	sqlite3_stmt *s;
	int rc;

	if (store_prepare(st,
			  "SELECT count(*) FROM initiatives i WHERE state IN "
			  "('invalid', 'forbidden', 'conflict') AND EXISTS (SELECT 1 FROM "
			  "history h WHERE h.initiative_id = i.id AND h.id > ? "
			  "AND h.event IN ('refused', 'conflict'))",
			  &s) != 0)
		return -1;
	sqlite3_bind_int64(s, 1, mark);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		*count = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	return rc == SQLITE_ROW ? 0 : store_fail(st, "count refused items");
}

int store_count_state(struct store *st, enum item_state state, int64_t *count)
{
	sqlite3_stmt *s;
	int rc;

	if (store_prepare(st, "SELECT count(*) FROM initiatives WHERE state = ?", &s) != 0)
		return -1;
	sqlite3_bind_text(s, 1, item_state_name(state), -1, SQLITE_STATIC);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		*count = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	return rc == SQLITE_ROW ? 0 : store_fail(st, "count %s items", item_state_name(state));
}

/* ---- quota cache ---- */

int store_quota_save(struct store *st, const struct store_quota *q)
{
	sqlite3_stmt *s;
	int rc;

	if (store_prepare(
		st,
		"INSERT OR REPLACE INTO quota_cache (id, unit_code, unit_name, "
		"campaign_code, campaign_name, counts_from, quota, submitted, recognized, "
		"as_of_unix_ms, fetched_unix_ms, reply) VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
		"?)",
		&s) != 0)
		return -1;
	sqlite3_bind_text(s, 1, q->unit_code ? q->unit_code : "", -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, q->unit_name ? q->unit_name : "", -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, q->campaign_code ? q->campaign_code : "", -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 4, q->campaign_name ? q->campaign_name : "", -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 5, q->counts_from ? q->counts_from : "", -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 6, q->quota);
	sqlite3_bind_int64(s, 7, q->submitted);
	sqlite3_bind_int64(s, 8, q->recognized);
	sqlite3_bind_int64(s, 9, q->as_of_unix_ms);
	sqlite3_bind_int64(s, 10, q->fetched_unix_ms);
	if (q->reply != NULL)
		sqlite3_bind_blob(s, 11, q->reply, (int)q->reply_len, SQLITE_STATIC);
	rc = sqlite3_step(s);
	sqlite3_finalize(s);
	return rc == SQLITE_DONE ? 0 : store_fail(st, "save quota");
}

int store_quota_load(struct store *st, struct store_quota *q, bool *found)
{
	sqlite3_stmt *s;
	int rc;

	memset(q, 0, sizeof(*q));
	*found = false;
	if (store_prepare(st,
			  "SELECT unit_code, unit_name, campaign_code, campaign_name, "
			  "counts_from, quota, submitted, recognized, as_of_unix_ms, "
			  "fetched_unix_ms, reply FROM quota_cache WHERE id = 1",
			  &s) != 0)
		return -1;
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		if (store_set_col(&q->unit_code, s, 0) || store_set_col(&q->unit_name, s, 1) ||
		    store_set_col(&q->campaign_code, s, 2) ||
		    store_set_col(&q->campaign_name, s, 3) ||
		    store_set_col(&q->counts_from, s, 4)) {
			sqlite3_finalize(s);
			store_quota_clear(q);
			snprintf(st->errmsg, sizeof(st->errmsg), "out of memory");
			return -1;
		}
		q->quota = (uint32_t)sqlite3_column_int64(s, 5);
		q->submitted = (uint32_t)sqlite3_column_int64(s, 6);
		q->recognized = (uint32_t)sqlite3_column_int64(s, 7);
		q->as_of_unix_ms = sqlite3_column_int64(s, 8);
		q->fetched_unix_ms = sqlite3_column_int64(s, 9);
		if (sqlite3_column_type(s, 10) == SQLITE_BLOB && sqlite3_column_bytes(s, 10) > 0) {
			q->reply_len = (size_t)sqlite3_column_bytes(s, 10);
			q->reply = malloc(q->reply_len);
			if (q->reply == NULL) {
				sqlite3_finalize(s);
				store_quota_clear(q);
				snprintf(st->errmsg, sizeof(st->errmsg), "out of memory");
				return -1;
			}
			memcpy(q->reply, sqlite3_column_blob(s, 10), q->reply_len);
		}
		*found = true;
	}
	sqlite3_finalize(s);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : store_fail(st, "load quota");
}

void store_quota_clear(struct store_quota *q)
{
	free(q->unit_code);
	free(q->unit_name);
	free(q->campaign_code);
	free(q->campaign_name);
	free(q->counts_from);
	free(q->reply);
	memset(q, 0, sizeof(*q));
}

static int dup_into(char **dst, const char *src)
{
	return (*dst = strdup(src != NULL ? src : "")) != NULL ? 0 : -1;
}

int store_quota_from_reply(struct store_quota *q, const Sangkien__QuotaReply *r)
{
	memset(q, 0, sizeof(*q));
	if (dup_into(&q->unit_code, r->unit_code) || dup_into(&q->unit_name, r->unit_name) ||
	    dup_into(&q->campaign_code, r->campaign_code) ||
	    dup_into(&q->campaign_name, r->campaign_name) ||
	    dup_into(&q->counts_from, r->counts_from))
		goto nomem;
	q->quota = r->quota;
	q->submitted = r->submitted;
	q->recognized = r->recognized;
	q->as_of_unix_ms = r->as_of_unix_ms;
	q->fetched_unix_ms = text_now_ms();
	q->reply_len = protobuf_c_message_get_packed_size(&r->base);
	q->reply = malloc(q->reply_len > 0 ? q->reply_len : 1);
	if (q->reply == NULL)
		goto nomem;
	protobuf_c_message_pack(&r->base, q->reply);
	return 0;
nomem:
	store_quota_clear(q);
	return -1;
}
