/* Drafts: in the unit's store, saved as typed (even invalid), updated in
 * place, listed newest first, gone with store_draft_to_item which stores
 * the initiative in the same transaction, and kept across reopening; the
 * field checks of draft.h (conventions, then the shared rules on one field
 * alone); the form encoding round trip. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "draft.h"
#include "item.h"
#include "store.h"
#include "store_draft.h"
#include "test_zones.h"

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

static int32_t today(void)
{
	int32_t d;

	assert_true(date_parse("2026-06-01", &d));
	return d;
}

static void test_check_each_field_alone(void **state)
{
	char *authors[] = {(char *)"Nguyễn Văn A|Tổ trưởng", (char *)"|Phó tổ"};
	struct add_options o = {0};
	struct draft_problem p;

	(void)state;
	/* Nothing typed: the title is empty, and only the title is named. */
	assert_false(draft_check_field(&o, DRAFT_TITLE, today(), &p));
	assert_int_equal(p.field, DRAFT_TITLE);
	assert_string_equal(p.message, "không được để trống");
	/* A theme not given is fine. */
	assert_true(draft_check_field(&o, DRAFT_THEME, today(), &p));
	/* Kinds and themes by their Vietnamese names, with or without marks. */
	o.kind = (char *)"cai tien ky thuat";
	assert_true(draft_check_field(&o, DRAFT_KIND, today(), &p));
	o.kind = (char *)"Giải pháp quản lý";
	assert_true(draft_check_field(&o, DRAFT_KIND, today(), &p));
	o.kind = (char *)"sáng chế";
	assert_false(draft_check_field(&o, DRAFT_KIND, today(), &p));
	assert_non_null(strstr(p.message, "“sáng chế”"));
	o.theme = (char *)"phong chong dich covid 19";
	assert_true(draft_check_field(&o, DRAFT_THEME, today(), &p));
	/* Dates as people type them; the rules' bounds still hold. */
	o.applied_on = (char *)"5/3/2022";
	assert_true(draft_check_field(&o, DRAFT_APPLIED_ON, today(), &p));
	o.applied_on = (char *)"2022-03-05";
	assert_true(draft_check_field(&o, DRAFT_APPLIED_ON, today(), &p));
	o.applied_on = (char *)"31/02/2022";
	assert_false(draft_check_field(&o, DRAFT_APPLIED_ON, today(), &p));
	assert_non_null(strstr(p.message, "31/02/2022"));
	o.applied_on = (char *)"15/03/2020";
	assert_false(draft_check_field(&o, DRAFT_APPLIED_ON, today(), &p));
	assert_non_null(strstr(p.message, "không được trước"));
	o.applied_on = (char *)"15/03/2027";
	assert_false(draft_check_field(&o, DRAFT_APPLIED_ON, today(), &p));
	/* The second author's name is missing: that row is named. */
	o.authors = authors;
	o.n_authors = 2;
	assert_false(draft_check_field(&o, DRAFT_AUTHORS, today(), &p));
	assert_int_equal(p.author, 1);
	assert_non_null(strstr(p.message, "tác giả thứ 2, họ tên"));
	o.n_authors = 1;
	assert_true(draft_check_field(&o, DRAFT_AUTHORS, today(), &p));
}

static void test_check_all_lists_every_field(void **state)
{
	struct add_options o = {0};
	struct draft_problem p[DRAFT_N_FIELDS];
	struct item *it = NULL;
	char err[512];
	char *authors[] = {(char *)"Lê Thị Ngọc Ánh"};

	(void)state;
	o.applied_on = (char *)"hôm qua";
	assert_int_equal(draft_check_all(&o, today(), p, DRAFT_N_FIELDS), 6);
	assert_int_equal(p[0].field, DRAFT_TITLE);
	assert_int_equal(p[5].field, DRAFT_APPLIED_ON);
	assert_int_equal(draft_build_item(&o, NULL, today(), &it, err, sizeof(err)), 2);
	assert_null(it);
	o.title = (char *)"  Sổ tay điện tử  ";
	o.kind = (char *)"Sáng kiến khoa học";
	o.authors = authors;
	o.n_authors = 1;
	o.summary = (char *)"Tóm tắt";
	o.effect = (char *)"Hiệu quả";
	o.applied_on = (char *)"15/03/2022";
	o.theme = (char *)"Cải cách hành chính, chuyển đổi số";
	assert_int_equal(draft_check_all(&o, today(), p, DRAFT_N_FIELDS), 0);
	assert_int_equal(draft_build_item(&o, "Q11-027", today(), &it, err, sizeof(err)), 0);
	assert_string_equal(it->title, "Sổ tay điện tử");
	assert_string_equal(it->applied_on, "2022-03-15");
	assert_int_equal(it->kind, SANGKIEN__INITIATIVE_KIND__KIND_SCIENTIFIC);
	assert_int_equal(it->theme, SANGKIEN__THEME__THEME_ADMIN_REFORM);
	item_free(it);
	/* A day of the calendar, not a moment: the same day in every zone. */
	{
		static const char *const zones[] = {TZ_VIETNAM, TZ_UTC, TZ_BERLIN, TZ_NEW_YORK,
						    TZ_TOKYO};

		for (size_t i = 0; i < sizeof(zones) / sizeof(zones[0]); i++) {
			set_tz(zones[i]);
			it = NULL;
			assert_int_equal(
			    draft_build_item(&o, "Q11-027", today(), &it, err, sizeof(err)), 0);
			assert_string_equal(it->applied_on, "2022-03-15");
			item_free(it);
		}
		set_tz(NULL);
	}
}

static void test_form_encoding_round_trip(void **state)
{
	char *authors[] = {(char *)"Trần Văn Đức|Tổ trưởng & “kỹ thuật”", (char *)"Phạm Việt"};
	struct add_options o = {0}, back;
	char *enc;

	(void)state;
	o.title = (char *)"A&B=C + 100% “đẹp”";
	o.summary = (char *)"dòng 1\ndòng 2";
	o.applied_on = (char *)"31/02/2022";
	o.authors = authors;
	o.n_authors = 2;
	enc = draft_encode(&o);
	assert_non_null(enc);
	assert_null(strchr(enc, ' '));
	assert_int_equal(draft_decode(enc, &back), 0);
	assert_string_equal(back.title, o.title);
	assert_string_equal(back.summary, o.summary);
	assert_string_equal(back.applied_on, "31/02/2022");
	assert_null(back.kind);
	assert_int_equal(back.n_authors, 2);
	assert_string_equal(back.authors[0], authors[0]);
	assert_string_equal(back.authors[1], "Phạm Việt");
	add_options_clear(&back);
	free(enc);
}

int main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
	const struct CMUnitTest tests[] = {
	    T(test_draft_saved_updated_listed_reopened),
	    T(test_draft_to_item_is_one_transaction),
	    cmocka_unit_test(test_check_each_field_alone),
	    cmocka_unit_test(test_check_all_lists_every_field),
	    cmocka_unit_test(test_form_encoding_round_trip),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
