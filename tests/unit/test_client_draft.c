/* Drafts in the unit's store: saved as typed (even invalid), updated in
 * place, listed newest first, gone with store_draft_to_item which stores
 * the initiative in the same transaction, and kept across reopening. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "item.h"
#include "store.h"
#include "store_draft.h"

struct fixture {
	char dir[64];
	char path[96];
	struct store *st;
};

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));
	char err[256];

	snprintf(f->dir, sizeof(f->dir), "/tmp/sk-draft-test-XXXXXX");
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

static int collect(const struct store_draft *d, void *arg)
{
	char *out = arg;

	snprintf(out + strlen(out), 256 - strlen(out), "%lld:%s;", (long long)d->id, d->fields);
	return 0;
}

static void test_draft_saved_updated_listed_reopened(void **state)
{
	struct fixture *f = *state;
	struct store_draft d;
	char list[256] = "", err[256];
	int64_t a = 0, b = 0, n;
	bool found;

	/* As typed: a date the rules refuse is kept as it is. */
	assert_int_equal(store_draft_save(f->st, &a, 0, "title=S%C3%A1ng&applied_on=31%2F02"), 0);
	assert_true(a > 0);
	assert_int_equal(store_draft_save(f->st, &b, 0, "title=B"), 0);
	assert_int_equal(store_draft_save(f->st, &a, 0, "title=S%C3%A1ng+ki%E1%BA%BFn"), 0);
	assert_int_equal(store_draft_count(f->st, &n), 0);
	assert_int_equal(n, 2);

	store_close(f->st);
	assert_int_equal(store_open(f->path, &f->st, err, sizeof(err)), 0);
	assert_int_equal(store_draft_get(f->st, a, &d, &found), 0);
	assert_true(found);
	assert_string_equal(d.fields, "title=S%C3%A1ng+ki%E1%BA%BFn");
	assert_int_equal(d.item_id, 0);
	store_draft_clear(&d);
	assert_int_equal(store_draft_foreach(f->st, collect, list), 0);
	/* a was saved last: first. */
	char want[128];
	snprintf(want, sizeof(want), "%lld:title=S%%C3%%A1ng+ki%%E1%%BA%%BFn;%lld:title=B;",
		 (long long)a, (long long)b);
	assert_string_equal(list, want);

	/* Saving a draft that is gone fails and makes nothing. */
	assert_int_equal(store_draft_delete(f->st, b), 0);
	assert_int_equal(store_draft_save(f->st, &b, 0, "title=X"), -1);
	assert_int_equal(store_draft_count(f->st, &n), 0);
	assert_int_equal(n, 1);
}

static void test_draft_to_item_is_one_transaction(void **state)
{
	struct fixture *f = *state;
	struct item *it = item_create(), *got = NULL;
	int64_t draft = 0, id = 0, id2 = 0, n;

	assert_int_equal(store_draft_save(f->st, &draft, 0, "title=x"), 0);
	assert_true(uuid7_generate(it->uuid));
	assert_int_equal(item_set_text(&it->title, "Sổ tay điện tử"), 0);
	it->kind = SANGKIEN__INITIATIVE_KIND__KIND_TECHNICAL;
	assert_int_equal(item_add_author(it, "Trần Thị Ánh", "Tổ trưởng"), 0);
	assert_int_equal(item_set_text(&it->summary, "Tóm tắt"), 0);
	assert_int_equal(item_set_text(&it->effect, "Hiệu quả"), 0);
	snprintf(it->applied_on, sizeof(it->applied_on), "2022-04-15");
	it->created_unix_ms = 1650000000000;
	assert_int_equal(store_draft_to_item(f->st, draft, it, &id), 0);
	assert_int_equal(store_draft_count(f->st, &n), 0);
	assert_int_equal(n, 0);
	assert_int_equal(store_item_get(f->st, id, &got), 0);
	assert_non_null(got);
	assert_string_equal(got->title, "Sổ tay điện tử");
	item_free(got);

	/* The same uuid again fails: the draft stays. */
	draft = 0;
	assert_int_equal(store_draft_save(f->st, &draft, 0, "title=y"), 0);
	assert_int_equal(store_draft_to_item(f->st, draft, it, &id2), -1);
	assert_int_equal(store_draft_count(f->st, &n), 0);
	assert_int_equal(n, 1);
	item_free(it);
}

int main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
	const struct CMUnitTest tests[] = {
	    T(test_draft_saved_updated_listed_reopened),
	    T(test_draft_to_item_is_one_transaction),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
