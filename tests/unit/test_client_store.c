/* The unit client's SQLite store: schema and durability settings, items
 * with Vietnamese text, state transitions, the quota cache, reopening, and
 * an item surviving the process being killed right after `add` returns. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

#include <sqlite3.h>

#include "child_process.h"
#include "item.h"
#include "platform.h"
#include "store.h"

struct fixture {
	char dir[64];
	char path[96];
	struct store *st;
};

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));
	char err[256];

	snprintf(f->dir, sizeof(f->dir), "/tmp/sk-store-test-XXXXXX");
	assert_non_null(mkdtemp(f->dir));
	snprintf(f->path, sizeof(f->path), "%s/store.db", f->dir);
	assert_int_equal(store_open(f->path, &f->st, err, sizeof(err)), 0);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	char cmd[128];

	store_close(f->st);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", f->dir);
	if (system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", f->dir);
	free(f);
	return 0;
}

static void reopen(struct fixture *f)
{
	char err[256];

	store_close(f->st);
	f->st = NULL;
	assert_int_equal(store_open(f->path, &f->st, err, sizeof(err)), 0);
}

/* A valid item with Vietnamese text; caller frees. */
static struct item *sample(const char *title, const char *unit_code)
{
	struct item *it = item_create();

	assert_non_null(it);
	assert_true(uuid7_generate(it->uuid));
	assert_int_equal(item_set_text(&it->unit_code, unit_code), 0);
	assert_int_equal(item_set_text(&it->title, title), 0);
	it->kind = SANGKIEN__INITIATIVE_KIND__KIND_MANAGEMENT;
	assert_int_equal(item_add_author(it, "Nguyễn Thị Hồng Nhung", "Chủ tịch CĐCS"), 0);
	assert_int_equal(item_add_author(it, "Lê Văn Đức", NULL), 0);
	assert_int_equal(
	    item_set_text(&it->summary, "Số hóa sổ theo dõi đoàn viên.\nÁp dụng tại Phường 5."), 0);
	assert_int_equal(item_set_text(&it->effect, "Tiết kiệm 40 giờ công mỗi tháng"), 0);
	snprintf(it->applied_on, sizeof(it->applied_on), "2022-04-15");
	it->theme = SANGKIEN__THEME__THEME_ADMIN_REFORM;
	it->created_unix_ms = 1650000000000;
	return it;
}

static int64_t add(struct store *st, struct item *it)
{
	int64_t id = 0;

	assert_int_equal(store_item_add(st, it, &id), 0);
	return id;
}

static void test_new_store_is_private_wal_full(void **state)
{
	struct fixture *f = *state;
	sqlite3 *db = (sqlite3 *)store_handle(f->st);
	sqlite3_stmt *s;
	struct stat sb;

	assert_int_equal(stat(f->path, &sb), 0);
#ifndef _WIN32 /* Windows has no mode bits: the user's own folder keeps it private */
	assert_int_equal(sb.st_mode & 0777, 0600);
#endif

	assert_int_equal(sqlite3_prepare_v2(db, "PRAGMA journal_mode", -1, &s, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(s), SQLITE_ROW);
	assert_string_equal((const char *)sqlite3_column_text(s, 0), "wal");
	sqlite3_finalize(s);

	/* 2 = FULL: every commit is fsynced before store_* returns. */
	assert_int_equal(sqlite3_prepare_v2(db, "PRAGMA synchronous", -1, &s, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(s), SQLITE_ROW);
	assert_int_equal(sqlite3_column_int(s, 0), 2);
	sqlite3_finalize(s);

	assert_int_equal(sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &s, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(s), SQLITE_ROW);
	assert_int_equal(sqlite3_column_int(s, 0), STORE_SCHEMA_VERSION);
	sqlite3_finalize(s);

	assert_int_equal(sqlite3_busy_timeout(db, STORE_BUSY_TIMEOUT_MS), SQLITE_OK);
}

static void test_item_round_trip_vietnamese(void **state)
{
	struct fixture *f = *state;
	struct item *it = sample("Cải tiến sổ tay đoàn viên “điện tử” – Phường 5", NULL);
	struct item *got = NULL;
	int64_t id = add(f->st, it);

	reopen(f);
	assert_int_equal(store_item_get(f->st, id, &got), 0);
	assert_non_null(got);
	assert_int_equal(got->id, id);
	assert_string_equal(got->uuid, it->uuid);
	assert_null(got->unit_code);
	assert_string_equal(got->title, it->title);
	assert_int_equal(got->kind, SANGKIEN__INITIATIVE_KIND__KIND_MANAGEMENT);
	assert_int_equal(got->n_authors, 2);
	assert_string_equal(got->authors[0].name, "Nguyễn Thị Hồng Nhung");
	assert_string_equal(got->authors[0].position, "Chủ tịch CĐCS");
	assert_string_equal(got->authors[1].name, "Lê Văn Đức");
	assert_string_equal(got->authors[1].position, "");
	assert_string_equal(got->summary, it->summary);
	assert_string_equal(got->effect, it->effect);
	assert_string_equal(got->applied_on, "2022-04-15");
	assert_int_equal(got->theme, SANGKIEN__THEME__THEME_ADMIN_REFORM);
	assert_int_equal(got->created_unix_ms, 1650000000000);
	assert_int_equal(got->state, ITEM_PENDING);
	assert_false(got->has_receipt);
	item_free(got);

	assert_int_equal(store_item_get(f->st, id + 100, &got), 0);
	assert_null(got);
	item_free(it);
}

static void test_duplicate_uuid_stores_nothing(void **state)
{
	struct fixture *f = *state;
	struct item *a = sample("Một", "Q11-001");
	struct item *b = sample("Hai", "Q11-001");
	int64_t id = 0, n = -1;
	sqlite3_stmt *s;

	add(f->st, a);
	memcpy(b->uuid, a->uuid, sizeof(a->uuid));
	assert_int_equal(store_item_add(f->st, b, &id), -1);
	assert_non_null(strstr(store_errmsg(f->st), "UNIQUE"));
	assert_int_equal(store_count_state(f->st, ITEM_PENDING, &n), 0);
	assert_int_equal(n, 1);
	/* No orphan authors from the refused insert. */
	assert_int_equal(sqlite3_prepare_v2((sqlite3 *)store_handle(f->st),
					    "SELECT count(*) FROM authors", -1, &s, NULL),
			 SQLITE_OK);
	assert_int_equal(sqlite3_step(s), SQLITE_ROW);
	assert_int_equal(sqlite3_column_int(s, 0), 2);
	sqlite3_finalize(s);
	item_free(a);
	item_free(b);
}

static void test_next_pending_walks_in_order(void **state)
{
	struct fixture *f = *state;
	int64_t ids[4], after = 0;
	struct item *it;
	char title[32];
	size_t seen = 0;
	struct item_receipt rc = {7, 1, 1650000001000, {0}};
	struct store_result r = {0};

	for (int i = 0; i < 4; i++) {
		snprintf(title, sizeof(title), "Sáng kiến %d", i);
		it = sample(title, "Q11-001");
		ids[i] = add(f->st, it);
		item_free(it);
	}
	/* The second one is synced: the walk skips it. */
	r.id = ids[1];
	r.state = ITEM_SYNCED;
	r.receipt = &rc;
	assert_int_equal(store_record_results(f->st, &r, 1, NULL), 0);

	for (;;) {
		assert_int_equal(store_next_pending(f->st, after, &it), 0);
		if (it == NULL)
			break;
		assert_true(it->id > after);
		assert_true(it->id != ids[1]);
		assert_int_equal(it->n_authors, 2);
		after = it->id;
		item_free(it);
		seen++;
	}
	assert_int_equal(seen, 3);
	assert_int_equal(after, ids[3]);
}

static void test_results_change_only_pending(void **state)
{
	struct fixture *f = *state;
	struct item *a = sample("A", "Q11-001"), *b = sample("B", "Q11-001");
	struct item *c = sample("C", "Q11-001"), *got;
	struct item_receipt rc = {4242, 3, 1650000002000, {0}};
	struct store_result res[3];
	size_t applied = 0;
	int64_t n;

	for (int i = 0; i < 32; i++)
		rc.content_sha256[i] = (uint8_t)(i * 7);
	res[0] = (struct store_result){.id = add(f->st, a), .state = ITEM_SYNCED, .receipt = &rc};
	res[1] = (struct store_result){.id = add(f->st, b),
				       .state = ITEM_INVALID,
				       .field = "title",
				       .reason = "tiêu đề quá dài"};
	res[2] = (struct store_result){.id = add(f->st, c),
				       .state = ITEM_CONFLICT,
				       .field = "",
				       .reason = "uuid already stored"};
	assert_int_equal(store_record_results(f->st, res, 3, &applied), 0);
	assert_int_equal(applied, 3);

	/* Recording again (a retried batch) changes nothing. */
	res[1].state = ITEM_SYNCED;
	res[1].receipt = &rc;
	assert_int_equal(store_record_results(f->st, res, 3, &applied), 0);
	assert_int_equal(applied, 0);

	reopen(f);
	assert_int_equal(store_item_get(f->st, res[0].id, &got), 0);
	assert_int_equal(got->state, ITEM_SYNCED);
	assert_true(got->has_receipt);
	assert_int_equal(got->receipt.record_id, 4242);
	assert_int_equal(got->receipt.version, 3);
	assert_int_equal(got->receipt.received_unix_ms, 1650000002000);
	assert_memory_equal(got->receipt.content_sha256, rc.content_sha256, 32);
	item_free(got);
	assert_int_equal(store_item_get(f->st, res[1].id, &got), 0);
	assert_int_equal(got->state, ITEM_INVALID);
	assert_false(got->has_receipt);
	assert_string_equal(got->refusal_field, "title");
	assert_string_equal(got->refusal_reason, "tiêu đề quá dài");
	item_free(got);
	assert_int_equal(store_count_state(f->st, ITEM_CONFLICT, &n), 0);
	assert_int_equal(n, 1);
	assert_int_equal(store_count_state(f->st, ITEM_PENDING, &n), 0);
	assert_int_equal(n, 0);
	item_free(a);
	item_free(b);
	item_free(c);
}

static void test_bad_result_rolls_back_whole_batch(void **state)
{
	struct fixture *f = *state;
	struct item *a = sample("A", "Q11-001"), *b = sample("B", "Q11-001");
	struct item_receipt rc = {1, 1, 1, {0}};
	struct store_result res[2];
	int64_t n;

	res[0] = (struct store_result){.id = add(f->st, a), .state = ITEM_SYNCED, .receipt = &rc};
	/* Synced without a receipt is refused, and with it the first result. */
	res[1] = (struct store_result){.id = add(f->st, b), .state = ITEM_SYNCED};
	assert_int_equal(store_record_results(f->st, res, 2, NULL), -1);
	assert_int_equal(store_count_state(f->st, ITEM_PENDING, &n), 0);
	assert_int_equal(n, 2);
	assert_int_equal(store_count_state(f->st, ITEM_SYNCED, &n), 0);
	assert_int_equal(n, 0);
	item_free(a);
	item_free(b);
}

static void test_assign_unit_only_to_unassigned_pending(void **state)
{
	struct fixture *f = *state;
	struct item *a = sample("A", NULL), *b = sample("B", "Q11-002"), *got;
	int64_t ida = add(f->st, a), idb = add(f->st, b), changed = -1;

	assert_int_equal(store_assign_unit(f->st, "Q11-001", &changed), 0);
	assert_int_equal(changed, 1);
	assert_int_equal(store_item_get(f->st, ida, &got), 0);
	assert_string_equal(got->unit_code, "Q11-001");
	item_free(got);
	assert_int_equal(store_item_get(f->st, idb, &got), 0);
	assert_string_equal(got->unit_code, "Q11-002");
	item_free(got);
	item_free(a);
	item_free(b);
}

static int count_cb(const struct item *it, void *arg)
{
	size_t *n = arg;

	assert_int_equal(it->n_authors, 0); /* walked without authors */
	(*n)++;
	return *n == 2 ? 99 : 0;
}

static void test_foreach_stops_on_request(void **state)
{
	struct fixture *f = *state;
	size_t n = 0;

	for (int i = 0; i < 3; i++) {
		struct item *it = sample("Đổi mới", NULL);

		add(f->st, it);
		item_free(it);
	}
	assert_int_equal(store_foreach(f->st, false, count_cb, &n), 99);
	assert_int_equal(n, 2);
}

static void test_settings_and_enrollment(void **state)
{
	struct fixture *f = *state;
	char *v = NULL;

	assert_int_equal(store_setting_get(f->st, STORE_KEY_CREDENTIAL, &v), 0);
	assert_null(v);
	assert_int_equal(store_save_enrollment(f->st, "127.0.0.1:7450", "sk_secret", "Q11-007",
					       "Công đoàn Trường Mầm non 4", 1650000000000),
			 0);
	reopen(f);
	assert_int_equal(store_setting_get(f->st, STORE_KEY_UNIT_NAME, &v), 0);
	assert_string_equal(v, "Công đoàn Trường Mầm non 4");
	free(v);
	assert_int_equal(store_setting_get(f->st, STORE_KEY_ENROLLED_AT, &v), 0);
	assert_string_equal(v, "2022-04-15T05:20:00Z");
	free(v);
	/* A new enrollment replaces the old values. */
	assert_int_equal(store_save_enrollment(f->st, "10.0.0.1:7450", "sk_other", "Q11-008",
					       "Phường 8", 1650000000000),
			 0);
	assert_int_equal(store_setting_get(f->st, STORE_KEY_CREDENTIAL, &v), 0);
	assert_string_equal(v, "sk_other");
	free(v);
}

static void test_quota_cache(void **state)
{
	struct fixture *f = *state;
	struct store_quota q = {0}, got;
	bool found = true;

	assert_int_equal(store_quota_load(f->st, &got, &found), 0);
	assert_false(found);
	q.unit_code = (char *)"Q11-103";
	q.unit_name = (char *)"Công ty CP CVN Đầm Sen";
	q.campaign_code = (char *)"MTSK";
	q.campaign_name = (char *)"01 triệu sáng kiến";
	q.counts_from = (char *)"2021-09-01";
	q.quota = 5;
	q.submitted = 3;
	q.recognized = 1;
	q.as_of_unix_ms = 1650000000123;
	q.fetched_unix_ms = 1650000000456;
	assert_int_equal(store_quota_save(f->st, &q), 0);
	q.submitted = 4;
	assert_int_equal(store_quota_save(f->st, &q), 0); /* replaces */
	reopen(f);
	assert_int_equal(store_quota_load(f->st, &got, &found), 0);
	assert_true(found);
	assert_string_equal(got.unit_name, "Công ty CP CVN Đầm Sen");
	assert_string_equal(got.campaign_name, "01 triệu sáng kiến");
	assert_int_equal(got.quota, 5);
	assert_int_equal(got.submitted, 4);
	assert_int_equal(got.recognized, 1);
	assert_int_equal(got.as_of_unix_ms, 1650000000123);
	assert_int_equal(got.fetched_unix_ms, 1650000000456);
	store_quota_clear(&got);
}

static void test_newer_schema_refused(void **state)
{
	struct fixture *f = *state;
	struct store *other = NULL;
	char err[256] = "";

	assert_int_equal(sqlite3_exec((sqlite3 *)store_handle(f->st), "PRAGMA user_version = 99",
				      NULL, NULL, NULL),
			 SQLITE_OK);
	assert_int_equal(store_open(f->path, &other, err, sizeof(err)), -1);
	assert_null(other);
	assert_non_null(strstr(err, "newer"));
}

static void test_open_missing_directory_fails(void **state)
{
	struct store *st = NULL;
	char err[256] = "";

	(void)state;
	assert_int_equal(store_open("/nonexistent-dir-sk/x/store.db", &st, err, sizeof(err)), -1);
	assert_null(st);
	assert_non_null(strstr(err, "/nonexistent-dir-sk/x/store.db"));
}

/* The child's part in test_item_survives_kill: add the sample item with
 * the given uuid to the store, say its id (20 digits and a newline) and
 * wait, the store open, to be killed. */
static int child_add_and_wait(int argc, char **argv)
{
	struct item *it;
	struct store *st;
	char err[256];
	int64_t id = 0;

	if (argc != 2)
		return 2;
	it = sample("Bền vững sau khi bị tắt đột ngột", "Q11-001");
	snprintf(it->uuid, sizeof(it->uuid), "%s", argv[1]);
	if (store_open(argv[0], &st, err, sizeof(err)) != 0 || store_item_add(st, it, &id) != 0) {
		fprintf(stderr, "child: %s\n", err);
		return 1;
	}
	printf("%020lld\n", (long long)id);
	fflush(stdout);
	for (;;)
		sk_sleep_ms(1000); /* killed here, the store still open */
}

/* A child process adds an item and is killed at once (SIGKILL; on Windows
 * TerminateProcess), without closing the store: the item must be there,
 * complete, for the next process. */
static void test_item_survives_kill(void **state)
{
	struct fixture *f = *state;
	struct item *it = sample("Bền vững sau khi bị tắt đột ngột", "Q11-001"), *got;
	const char *args[] = {"add", f->path, it->uuid};
	struct child c;
	char line[22] = "";
	int64_t id;

	store_close(f->st); /* the child is the only one with it open */
	f->st = NULL;
	assert_int_equal(child_start(&c, args, 3), 0);
	assert_int_equal(child_read(&c, line, 21), 21);
	child_kill(&c);
	assert_int_equal(child_wait(&c), CHILD_KILLED);
	id = strtoll(line, NULL, 10);
	assert_true(id > 0);

	reopen(f);
	assert_int_equal(store_item_get(f->st, id, &got), 0);
	assert_non_null(got);
	assert_string_equal(got->uuid, it->uuid);
	assert_int_equal(got->n_authors, 2);
	assert_int_equal(got->state, ITEM_PENDING);
	item_free(got);
	item_free(it);
}

/* A store written by the first release (schema 1): upgraded in place on
 * open, nothing lost, receipts kept, history started. */
static void test_schema_1_upgrades_in_place(void **state)
{
	struct fixture *f = *state;
	static const char v1[] =
	    "CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);"
	    "CREATE TABLE initiatives (id INTEGER PRIMARY KEY, uuid TEXT NOT NULL UNIQUE,"
	    "  unit_code TEXT, title TEXT NOT NULL, kind TEXT NOT NULL, summary TEXT NOT NULL,"
	    "  effect TEXT NOT NULL, applied_on TEXT NOT NULL, theme TEXT NOT NULL DEFAULT '',"
	    "  created_unix_ms INTEGER NOT NULL, state TEXT NOT NULL DEFAULT 'pending' CHECK"
	    "  (state IN ('pending', 'synced', 'invalid', 'forbidden', 'conflict')),"
	    "  state_changed_unix_ms INTEGER NOT NULL, refusal_field TEXT, refusal_reason TEXT,"
	    "  record_id INTEGER, version INTEGER, received_unix_ms INTEGER,"
	    "  content_sha256 BLOB CHECK (content_sha256 IS NULL OR length(content_sha256) = 32),"
	    "  CHECK (state <> 'synced' OR record_id IS NOT NULL));"
	    "CREATE INDEX initiatives_by_state ON initiatives (state, id);"
	    "CREATE TABLE authors (initiative_id INTEGER NOT NULL REFERENCES initiatives (id)"
	    "  ON DELETE CASCADE, seq INTEGER NOT NULL, name TEXT NOT NULL,"
	    "  position TEXT NOT NULL DEFAULT '', PRIMARY KEY (initiative_id, seq));"
	    "CREATE TABLE quota_cache (id INTEGER PRIMARY KEY CHECK (id = 1),"
	    "  unit_code TEXT NOT NULL, unit_name TEXT NOT NULL, campaign_code TEXT NOT NULL,"
	    "  campaign_name TEXT NOT NULL, counts_from TEXT NOT NULL, quota INTEGER NOT NULL,"
	    "  submitted INTEGER NOT NULL, recognized INTEGER NOT NULL,"
	    "  as_of_unix_ms INTEGER NOT NULL, fetched_unix_ms INTEGER NOT NULL);"
	    "INSERT INTO initiatives VALUES (1, '01890a5d-ac96-774b-bcce-b302099a8057', 'Q11-001',"
	    "  'Đã gửi', 'technical', 'Tóm tắt', 'Hiệu quả', '2022-04-15', '', 1650000000000,"
	    "  'synced', 1650000001000, NULL, NULL, 77, 1, 1650000001000, zeroblob(32));"
	    "INSERT INTO initiatives VALUES (2, '01890a5d-ac96-774b-bcce-b302099a8058', NULL,"
	    "  'Chưa gửi', 'technical', 'Tóm tắt', 'Hiệu quả', '2022-04-15', '', 1650000000000,"
	    "  'pending', 1650000000000, NULL, NULL, NULL, NULL, NULL, NULL);"
	    "INSERT INTO authors VALUES (1, 0, 'Trần Thị Mai', ''), (2, 0, 'Võ Văn Tâm', '');"
	    "PRAGMA user_version = 1;";
	struct item *it;
	sqlite3 *db;
	int64_t id = 0;

	store_close(f->st);
	f->st = NULL;
	unlink(f->path);
	assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, v1, NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
	reopen(f);

	assert_int_equal(store_item_get(f->st, 1, &it), 0);
	assert_int_equal(it->state, ITEM_SYNCED);
	assert_int_equal(it->receipt.record_id, 77);
	assert_int_equal(it->base_version, 1);
	assert_int_equal(it->server_status, SANGKIEN__INITIATIVE_STATUS__STATUS_SUBMITTED);
	assert_int_equal(it->op, ITEM_OP_NONE);
	item_free(it);
	assert_int_equal(store_next_pending(f->st, 0, &it), 0);
	assert_non_null(it);
	assert_int_equal(it->id, 2);
	assert_string_equal(it->authors[0].name, "Võ Văn Tâm");
	item_free(it);
	/* The upgraded store takes edits: a sent item gets a pending edit. */
	assert_int_equal(store_item_get(f->st, 1, &it), 0);
	assert_int_equal(item_set_text(&it->title, "Đã gửi – sửa"), 0);
	assert_int_equal(store_item_edit(f->st, it, "title"), 0);
	item_free(it);
	assert_int_equal(store_item_get(f->st, 1, &it), 0);
	assert_int_equal(it->state, ITEM_PENDING);
	assert_int_equal(it->op, ITEM_OP_EDIT);
	item_free(it);
	assert_int_equal(store_find(f->st, "01890a5d-ac96-774b-bcce-b302099a8058", &id),
			 STORE_FOUND);
	assert_int_equal(id, 2);
}

static void test_find_by_id_uuid_prefix(void **state)
{
	struct fixture *f = *state;
	struct item *a = sample("A", "Q11-001"), *b = sample("B", "Q11-001");
	int64_t ida, idb, id;
	char ref[64];

	snprintf(a->uuid, sizeof(a->uuid), "01890a5d-ac96-774b-bcce-b302099a8057");
	snprintf(b->uuid, sizeof(b->uuid), "01890a5d-ac96-774b-bcce-c302099a8057");
	ida = add(f->st, a);
	idb = add(f->st, b);
	snprintf(ref, sizeof(ref), "%lld", (long long)idb);
	assert_int_equal(store_find(f->st, ref, &id), STORE_FOUND);
	assert_int_equal(id, idb);
	assert_int_equal(store_find(f->st, "999", &id), STORE_NOT_FOUND);
	assert_int_equal(store_find(f->st, "01890A5D-AC96-774B-BCCE-B302099A8057", &id),
			 STORE_FOUND);
	assert_int_equal(id, ida);
	assert_int_equal(store_find(f->st, "01890a5d-ac96-774b-bcce-c", &id), STORE_FOUND);
	assert_int_equal(id, idb);
	assert_int_equal(store_find(f->st, "01890a5d", &id), STORE_AMBIGUOUS);
	assert_int_equal(store_find(f->st, "01a9", &id), STORE_BAD_REF);
	assert_int_equal(store_find(f->st, "tên sáng kiến", &id), STORE_BAD_REF);
	assert_int_equal(store_find(f->st, "ffffffff", &id), STORE_NOT_FOUND);
	item_free(a);
	item_free(b);
}

int main(int argc, char **argv)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
	const struct CMUnitTest tests[] = {
	    T(test_new_store_is_private_wal_full),
	    T(test_item_round_trip_vietnamese),
	    T(test_duplicate_uuid_stores_nothing),
	    T(test_next_pending_walks_in_order),
	    T(test_results_change_only_pending),
	    T(test_bad_result_rolls_back_whole_batch),
	    T(test_assign_unit_only_to_unassigned_pending),
	    T(test_foreach_stops_on_request),
	    T(test_settings_and_enrollment),
	    T(test_quota_cache),
	    T(test_newer_schema_refused),
	    cmocka_unit_test(test_open_missing_directory_fails),
	    T(test_item_survives_kill),
	    T(test_schema_1_upgrades_in_place),
	    T(test_find_by_id_uuid_prefix),
	};

	if (sk_platform_init(&argc, &argv) != 0)
		return 1;
	if (argc >= 3 && strcmp(argv[1], CHILD_FLAG) == 0 && strcmp(argv[2], "add") == 0)
		return child_add_and_wait(argc - 3, argv + 3);

	return cmocka_run_group_tests(tests, NULL, NULL);
}
