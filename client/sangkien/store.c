/* store.c - see store.h. */
#include "store.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sqlite3.h>

#include "text.h"

struct store {
	sqlite3 *db;
	sqlite3_stmt *next_pending; /* kept prepared: sync calls it once per item */
	char errmsg[512];
};

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
};

_Static_assert(sizeof(migrations) / sizeof(migrations[0]) == STORE_SCHEMA_VERSION,
	       "one migration per schema version");

static int fail(struct store *st, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static int fail(struct store *st, const char *fmt, ...)
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

static int exec(struct store *st, const char *sql)
{
	char *msg = NULL;

	if (sqlite3_exec(st->db, sql, NULL, NULL, &msg) != SQLITE_OK) {
		snprintf(st->errmsg, sizeof(st->errmsg), "%s", msg ? msg : "sqlite error");
		sqlite3_free(msg);
		return -1;
	}
	return 0;
}

static int prepare(struct store *st, const char *sql, sqlite3_stmt **stmt)
{
	if (sqlite3_prepare_v2(st->db, sql, -1, stmt, NULL) != SQLITE_OK) {
		*stmt = NULL;
		return fail(st, "prepare");
	}
	return 0;
}

/* Writers take the lock up front so two processes never deadlock upgrading. */
static int begin(struct store *st)
{
	return exec(st, "BEGIN IMMEDIATE");
}

static int commit(struct store *st)
{
	return exec(st, "COMMIT");
}

static void rollback(struct store *st)
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

	if (prepare(st, sql, &s) != 0)
		return -1;
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		*value = sqlite3_column_int(s, 0);
	sqlite3_finalize(s);
	return rc == SQLITE_ROW ? 0 : fail(st, "%s", sql);
}

static int migrate(struct store *st)
{
	int version = 0;

	if (begin(st) != 0)
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

		if (exec(st, migrations[version]) != 0)
			goto fail;
		snprintf(sql, sizeof(sql), "PRAGMA user_version = %d", version + 1);
		if (exec(st, sql) != 0)
			goto fail;
	}
	return commit(st);
fail:
	rollback(st);
	return -1;
}

/* Create the file ourselves so it is 0600 from the first byte; SQLite
 * gives its -wal and -shm files the same mode. */
static int create_private(const char *path, char *err, size_t errlen)
{
	int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);

	if (fd < 0) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return -1;
	}
	close(fd);
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
	if (st == NULL) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	if (sqlite3_open_v2(path, &st->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_FULLMUTEX,
			    NULL) != SQLITE_OK) {
		fail(st, "open %s", path);
		goto fail;
	}
	sqlite3_extended_result_codes(st->db, 1);
	if (sqlite3_busy_timeout(st->db, STORE_BUSY_TIMEOUT_MS) != SQLITE_OK)
		goto fail_msg;
	/* WAL: readers never block the writer; FULL: a commit is fsynced. */
	if (prepare(st, "PRAGMA journal_mode = WAL", &s) != 0)
		goto fail;
	if (sqlite3_step(s) == SQLITE_ROW)
		snprintf(mode, sizeof(mode), "%s", (const char *)sqlite3_column_text(s, 0));
	sqlite3_finalize(s);
	if (strcmp(mode, "wal") != 0) {
		fail(st, "cannot switch %s to WAL journal (got \"%s\")", path, mode);
		goto fail;
	}
	if (exec(st, "PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;") != 0)
		goto fail;
	if (migrate(st) != 0)
		goto fail;
	*out = st;
	return 0;
fail_msg:
	fail(st, "open %s", path);
fail:
	snprintf(err, errlen, "%s", st->errmsg);
	store_close(st);
	return -1;
}

void store_close(struct store *st)
{
	if (st == NULL)
		return;
	sqlite3_finalize(st->next_pending);
	sqlite3_close(st->db);
	free(st);
}

/* ---- settings ---- */

static char *column_dup(sqlite3_stmt *s, int col)
{
	const unsigned char *v = sqlite3_column_text(s, col);

	return v != NULL ? strdup((const char *)v) : NULL;
}

int store_setting_get(struct store *st, const char *key, char **value)
{
	sqlite3_stmt *s;
	int rc;

	*value = NULL;
	if (prepare(st, "SELECT value FROM settings WHERE key = ?", &s) != 0)
		return -1;
	sqlite3_bind_text(s, 1, key, -1, SQLITE_STATIC);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW && (*value = column_dup(s, 0)) == NULL) {
		sqlite3_finalize(s);
		snprintf(st->errmsg, sizeof(st->errmsg), "out of memory");
		return -1;
	}
	sqlite3_finalize(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return fail(st, "read setting %s", key);
	return 0;
}

static int setting_put(struct store *st, const char *key, const char *value)
{
	sqlite3_stmt *s;
	int rc;

	if (prepare(st, "INSERT INTO settings (key, value) VALUES (?, ?) "
			"ON CONFLICT (key) DO UPDATE SET value = excluded.value", &s) != 0)
		return -1;
	sqlite3_bind_text(s, 1, key, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, value, -1, SQLITE_STATIC);
	rc = sqlite3_step(s);
	sqlite3_finalize(s);
	return rc == SQLITE_DONE ? 0 : fail(st, "write setting %s", key);
}

int store_setting_set(struct store *st, const char *key, const char *value)
{
	return setting_put(st, key, value);
}

int store_save_enrollment(struct store *st, const char *server, const char *credential,
			  const char *unit_code, const char *unit_name, int64_t enrolled_unix_ms)
{
	char at[32];

	text_iso8601(enrolled_unix_ms, at, sizeof(at));
	if (begin(st) != 0)
		return -1;
	if (setting_put(st, STORE_KEY_SERVER, server) != 0 ||
	    setting_put(st, STORE_KEY_CREDENTIAL, credential) != 0 ||
	    setting_put(st, STORE_KEY_UNIT_CODE, unit_code) != 0 ||
	    setting_put(st, STORE_KEY_UNIT_NAME, unit_name) != 0 ||
	    setting_put(st, STORE_KEY_ENROLLED_AT, at) != 0 || commit(st) != 0) {
		rollback(st);
		return -1;
	}
	return 0;
}

/* ---- initiatives ---- */

#define ITEM_COLUMNS                                                                    \
	"id, uuid, unit_code, title, kind, summary, effect, applied_on, theme, "        \
	"created_unix_ms, state, refusal_field, refusal_reason, record_id, version, " \
	"received_unix_ms, content_sha256"

static int insert_authors(struct store *st, int64_t id, const struct item *it)
{
	sqlite3_stmt *s;

	if (prepare(st, "INSERT INTO authors (initiative_id, seq, name, position) "
			"VALUES (?, ?, ?, ?)", &s) != 0)
		return -1;
	for (size_t i = 0; i < it->n_authors; i++) {
		sqlite3_reset(s);
		sqlite3_bind_int64(s, 1, id);
		sqlite3_bind_int64(s, 2, (sqlite3_int64)i);
		sqlite3_bind_text(s, 3, it->authors[i].name ? it->authors[i].name : "", -1,
				  SQLITE_STATIC);
		sqlite3_bind_text(s, 4, it->authors[i].position ? it->authors[i].position : "",
				  -1, SQLITE_STATIC);
		if (sqlite3_step(s) != SQLITE_DONE) {
			fail(st, "store author %zu", i + 1);
			sqlite3_finalize(s);
			return -1;
		}
	}
	sqlite3_finalize(s);
	return 0;
}

int store_item_add(struct store *st, const struct item *it, int64_t *id)
{
	sqlite3_stmt *s = NULL;
	const char *kind = kind_name(it->kind), *theme = theme_name(it->theme);
	int64_t now = text_now_ms();

	if (begin(st) != 0)
		return -1;
	if (prepare(st, "INSERT INTO initiatives (uuid, unit_code, title, kind, summary, "
			"effect, applied_on, theme, created_unix_ms, state, "
			"state_changed_unix_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending', ?)",
		    &s) != 0)
		goto fail;
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
		fail(st, "store initiative %s", it->uuid);
		goto fail;
	}
	*id = sqlite3_last_insert_rowid(st->db);
	sqlite3_finalize(s);
	s = NULL;
	if (insert_authors(st, *id, it) != 0 || commit(st) != 0)
		goto fail;
	return 0;
fail:
	sqlite3_finalize(s);
	rollback(st);
	return -1;
}

static int set_col(char **dst, sqlite3_stmt *s, int col)
{
	if (sqlite3_column_type(s, col) == SQLITE_NULL)
		return 0;
	return (*dst = column_dup(s, col)) != NULL ? 0 : -1;
}

static void copy_col(char *dst, size_t len, sqlite3_stmt *s, int col)
{
	const unsigned char *v = sqlite3_column_text(s, col);

	snprintf(dst, len, "%s", v ? (const char *)v : "");
}

/* Build an item from a row selected with ITEM_COLUMNS. */
static struct item *item_from_row(struct store *st, sqlite3_stmt *s)
{
	struct item *it = item_create();
	const void *sha;

	if (it == NULL)
		goto nomem;
	it->id = sqlite3_column_int64(s, 0);
	copy_col(it->uuid, sizeof(it->uuid), s, 1);
	if (set_col(&it->unit_code, s, 2) || set_col(&it->title, s, 3) ||
	    set_col(&it->summary, s, 5) || set_col(&it->effect, s, 6) ||
	    set_col(&it->refusal_field, s, 11) || set_col(&it->refusal_reason, s, 12))
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
	return it;
nomem:
	item_free(it);
	snprintf(st->errmsg, sizeof(st->errmsg), "out of memory");
	return NULL;
}

static int load_authors(struct store *st, struct item *it)
{
	sqlite3_stmt *s;
	int rc;

	if (prepare(st, "SELECT name, position FROM authors WHERE initiative_id = ? "
			"ORDER BY seq", &s) != 0)
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
	return rc == SQLITE_DONE ? 0 : fail(st, "read authors of item %lld", (long long)it->id);
}

/* Step s once: *out is the row's item (with authors), or NULL at the end. */
static int step_item(struct store *st, sqlite3_stmt *s, bool with_authors, struct item **out)
{
	int rc = sqlite3_step(s);
	struct item *it;

	*out = NULL;
	if (rc == SQLITE_DONE)
		return 0;
	if (rc != SQLITE_ROW)
		return fail(st, "read initiatives");
	if ((it = item_from_row(st, s)) == NULL)
		return -1;
	if (with_authors && load_authors(st, it) != 0) {
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
	if (prepare(st, "SELECT " ITEM_COLUMNS " FROM initiatives WHERE id = ?", &s) != 0)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	rc = step_item(st, s, true, out);
	sqlite3_finalize(s);
	return rc;
}

int store_next_pending(struct store *st, int64_t after_id, struct item **out)
{
	int rc;

	*out = NULL;
	if (st->next_pending == NULL &&
	    prepare(st, "SELECT " ITEM_COLUMNS " FROM initiatives "
			"WHERE state = 'pending' AND id > ? ORDER BY id LIMIT 1",
		    &st->next_pending) != 0)
		return -1;
	sqlite3_bind_int64(st->next_pending, 1, after_id);
	rc = step_item(st, st->next_pending, true, out);
	sqlite3_reset(st->next_pending);
	return rc;
}

int store_foreach(struct store *st, bool with_authors,
		  int (*fn)(const struct item *it, void *arg), void *arg)
{
	sqlite3_stmt *s;
	struct item *it;
	int rc = 0;

	if (prepare(st, "SELECT " ITEM_COLUMNS " FROM initiatives ORDER BY id", &s) != 0)
		return -1;
	while ((rc = step_item(st, s, with_authors, &it)) == 0 && it != NULL) {
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

	if (prepare(st, "UPDATE initiatives SET unit_code = ? "
			"WHERE state = 'pending' AND (unit_code IS NULL OR unit_code = '')",
		    &s) != 0)
		return -1;
	sqlite3_bind_text(s, 1, unit_code, -1, SQLITE_STATIC);
	rc = sqlite3_step(s);
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE)
		return fail(st, "assign unit %s", unit_code);
	if (changed != NULL)
		*changed = sqlite3_changes(st->db);
	return 0;
}

int store_record_results(struct store *st, const struct store_result *results, size_t n,
			 size_t *applied)
{
	sqlite3_stmt *s = NULL;
	int64_t now = text_now_ms();
	size_t done = 0;

	if (begin(st) != 0)
		return -1;
	if (prepare(st, "UPDATE initiatives SET state = ?, state_changed_unix_ms = ?, "
			"refusal_field = ?, refusal_reason = ?, record_id = ?, version = ?, "
			"received_unix_ms = ?, content_sha256 = ? "
			"WHERE id = ? AND state = 'pending'", &s) != 0)
		goto fail;
	for (size_t i = 0; i < n; i++) {
		const struct store_result *r = &results[i];

		if (r->state == ITEM_PENDING || (r->state == ITEM_SYNCED && r->receipt == NULL)) {
			snprintf(st->errmsg, sizeof(st->errmsg),
				 "result for item %lld: state %s without %s", (long long)r->id,
				 item_state_name(r->state),
				 r->state == ITEM_PENDING ? "a change" : "a receipt");
			goto fail;
		}
		sqlite3_reset(s);
		sqlite3_clear_bindings(s);
		sqlite3_bind_text(s, 1, item_state_name(r->state), -1, SQLITE_STATIC);
		sqlite3_bind_int64(s, 2, now);
		if (r->state != ITEM_SYNCED) {
			sqlite3_bind_text(s, 3, r->field ? r->field : "", -1, SQLITE_STATIC);
			sqlite3_bind_text(s, 4, r->reason ? r->reason : "", -1, SQLITE_STATIC);
		} else {
			sqlite3_bind_int64(s, 5, r->receipt->record_id);
			sqlite3_bind_int64(s, 6, r->receipt->version);
			sqlite3_bind_int64(s, 7, r->receipt->received_unix_ms);
			sqlite3_bind_blob(s, 8, r->receipt->content_sha256, 32, SQLITE_STATIC);
		}
		sqlite3_bind_int64(s, 9, r->id);
		if (sqlite3_step(s) != SQLITE_DONE) {
			fail(st, "record result for item %lld", (long long)r->id);
			goto fail;
		}
		done += (size_t)sqlite3_changes(st->db);
	}
	sqlite3_finalize(s);
	s = NULL;
	if (commit(st) != 0)
		goto fail;
	if (applied != NULL)
		*applied = done;
	return 0;
fail:
	sqlite3_finalize(s);
	rollback(st);
	return -1;
}

int store_count_state(struct store *st, enum item_state state, int64_t *count)
{
	sqlite3_stmt *s;
	int rc;

	if (prepare(st, "SELECT count(*) FROM initiatives WHERE state = ?", &s) != 0)
		return -1;
	sqlite3_bind_text(s, 1, item_state_name(state), -1, SQLITE_STATIC);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		*count = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	return rc == SQLITE_ROW ? 0 : fail(st, "count %s items", item_state_name(state));
}

/* ---- quota cache ---- */

int store_quota_save(struct store *st, const struct store_quota *q)
{
	sqlite3_stmt *s;
	int rc;

	if (prepare(st, "INSERT OR REPLACE INTO quota_cache (id, unit_code, unit_name, "
			"campaign_code, campaign_name, counts_from, quota, submitted, recognized, "
			"as_of_unix_ms, fetched_unix_ms) VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
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
	rc = sqlite3_step(s);
	sqlite3_finalize(s);
	return rc == SQLITE_DONE ? 0 : fail(st, "save quota");
}

int store_quota_load(struct store *st, struct store_quota *q, bool *found)
{
	sqlite3_stmt *s;
	int rc;

	memset(q, 0, sizeof(*q));
	*found = false;
	if (prepare(st, "SELECT unit_code, unit_name, campaign_code, campaign_name, "
			"counts_from, quota, submitted, recognized, as_of_unix_ms, "
			"fetched_unix_ms FROM quota_cache WHERE id = 1", &s) != 0)
		return -1;
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		if (set_col(&q->unit_code, s, 0) || set_col(&q->unit_name, s, 1) ||
		    set_col(&q->campaign_code, s, 2) || set_col(&q->campaign_name, s, 3) ||
		    set_col(&q->counts_from, s, 4)) {
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
		*found = true;
	}
	sqlite3_finalize(s);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : fail(st, "load quota");
}

void store_quota_clear(struct store_quota *q)
{
	free(q->unit_code);
	free(q->unit_name);
	free(q->campaign_code);
	free(q->campaign_name);
	free(q->counts_from);
	memset(q, 0, sizeof(*q));
}
