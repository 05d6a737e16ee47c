/* The rules every initiative must meet, shared by client and server. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "initiative_check.h"
#include "names.h"
#include "uuid7.h"

struct fixture {
	Sangkien__Initiative it;
	Sangkien__Author a1, a2;
	Sangkien__Author *authors[2];
	char uuid[UUID_TEXT_LEN + 1];
	int32_t today;
};

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));

	if (f == NULL)
		return -1;
	sangkien__initiative__init(&f->it);
	sangkien__author__init(&f->a1);
	sangkien__author__init(&f->a2);
	uuid7_generate(f->uuid);
	f->it.uuid = f->uuid;
	f->it.unit_code = "Q11-027";
	f->it.title = "Số hóa sổ theo dõi đoàn viên";
	f->it.kind = SANGKIEN__INITIATIVE_KIND__KIND_MANAGEMENT;
	f->a1.name = "Nguyễn Thị Minh Khai";
	f->a1.position = "Chủ tịch CĐCS";
	f->a2.name = "Trần Văn Ơn";
	f->a2.position = "";
	f->authors[0] = &f->a1;
	f->authors[1] = &f->a2;
	f->it.authors = f->authors;
	f->it.n_authors = 2;
	f->it.summary = "Dùng bảng tính dùng chung thay sổ giấy.\nCập nhật hằng tuần.";
	f->it.effect = "Giảm 3 giờ mỗi tháng.";
	f->it.applied_on = "2022-03-15";
	date_parse("2022-06-01", &f->today);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	free(*state);
	return 0;
}

static void expect_invalid(struct fixture *f, const char *field)
{
	struct check_error err;

	memset(&err, 0, sizeof(err));
	assert_false(initiative_check(&f->it, f->today, &err));
	assert_string_equal(err.field, field);
	assert_true(strlen(err.reason) > 0);
}

static void test_valid_vietnamese(void **state)
{
	struct fixture *f = *state;
	struct check_error err;

	assert_true(initiative_check(&f->it, f->today, &err));
}

static void test_uuid_rules(void **state)
{
	struct fixture *f = *state;
	char upper[UUID_TEXT_LEN + 1];

	f->it.uuid = "0190a8b2-1c3d-4e5f-8a6b-7c8d9e0f1a2b"; /* version 4 */
	expect_invalid(f, "uuid");
	strcpy(upper, f->uuid);
	upper[0] = 'A';
	upper[1] = 'B';
	f->it.uuid = upper;
	expect_invalid(f, "uuid");
	f->it.uuid = "";
	expect_invalid(f, "uuid");
}

static void test_required_fields(void **state)
{
	struct fixture *f = *state;

	f->it.title = "   ";
	expect_invalid(f, "title");
	f->it.title = "ok";
	f->it.summary = "";
	expect_invalid(f, "summary");
	f->it.summary = "ok";
	f->it.effect = "\n\t ";
	expect_invalid(f, "effect");
	f->it.effect = "ok";
	f->it.n_authors = 0;
	expect_invalid(f, "authors");
	f->it.n_authors = 2;
	f->a2.name = "";
	expect_invalid(f, "authors[1].name");
	f->a2.name = "B";
	f->it.kind = SANGKIEN__INITIATIVE_KIND__KIND_UNSPECIFIED;
	expect_invalid(f, "kind");
	f->it.kind = (Sangkien__InitiativeKind)9;
	expect_invalid(f, "kind");
	f->it.kind = SANGKIEN__INITIATIVE_KIND__KIND_TECHNICAL;
	f->it.unit_code = "Q 11";
	expect_invalid(f, "unit_code");
	f->it.unit_code = "Q11-027";
	f->it.theme = (Sangkien__Theme)42;
	expect_invalid(f, "theme");
}

static void test_text_content(void **state)
{
	struct fixture *f = *state;
	char *long_title = malloc(CHECK_TITLE_MAX * 3 + 4);
	size_t n = 0;

	assert_non_null(long_title);
	f->it.title = "Dòng một\nDòng hai";
	expect_invalid(f, "title"); /* a title is one line */
	f->it.title = "bad \xc3\x28 utf8";
	expect_invalid(f, "title");
	f->it.title = "overlong \xc0\xaf slash";
	expect_invalid(f, "title");
	f->it.title = "surrogate \xed\xa0\x80";
	expect_invalid(f, "title");
	f->it.title = "ok";
	f->a1.position = "tab\tinside";
	expect_invalid(f, "authors[0].position");
	f->a1.position = "";
	/* Limits count characters, not bytes: 300 three-byte letters pass. */
	for (int i = 0; i < CHECK_TITLE_MAX; i++) {
		memcpy(long_title + n, "\xe1\xbb\x87", 3); /* ệ */
		n += 3;
	}
	long_title[n] = '\0';
	f->it.title = long_title;
	assert_true(initiative_check(&f->it, f->today, &(struct check_error){0}));
	memcpy(long_title + n, "a", 2);
	expect_invalid(f, "title");
	free(long_title);
}

static void test_dates(void **state)
{
	struct fixture *f = *state;
	int32_t d;
	char out[11];

	f->it.applied_on = "2021-08-31";
	expect_invalid(f, "applied_on");
	f->it.applied_on = "2021-09-01";
	assert_true(initiative_check(&f->it, f->today, &(struct check_error){0}));
	f->it.applied_on = "2022-06-03"; /* today + 2 */
	expect_invalid(f, "applied_on");
	f->it.applied_on = "2022-02-30";
	expect_invalid(f, "applied_on");
	f->it.applied_on = "15/03/2022";
	expect_invalid(f, "applied_on");
	assert_true(date_parse("2024-02-29", &d));
	assert_false(date_parse("2023-02-29", &d));
	assert_true(date_parse("1970-01-01", &d));
	assert_int_equal(d, 0);
	assert_true(date_parse("2021-09-01", &d));
	assert_int_equal(d, 18871);
	date_format(d, out);
	assert_string_equal(out, "2021-09-01");
}

static void test_uuid7_generation(void **state)
{
	char a[UUID_TEXT_LEN + 1], b[UUID_TEXT_LEN + 1];

	(void)state;
	assert_true(uuid7_generate_at(1700000000123ull, a));
	assert_true(uuid7_is_valid(a));
	assert_int_equal(uuid7_unix_ms(a), 1700000000123ull);
	assert_true(uuid7_generate_at(1700000000124ull, b));
	/* Time-ordered: a later millisecond sorts after. */
	assert_true(strcmp(a, b) < 0);
	assert_true(uuid7_generate(b));
	assert_true(uuid7_is_valid(b));
	assert_string_not_equal(a, b);
}

static void test_content_hash(void **state)
{
	struct fixture *f = *state;
	uint8_t h1[32], h2[32];

	initiative_content_sha256(&f->it, h1);
	initiative_content_sha256(&f->it, h2);
	assert_memory_equal(h1, h2, 32);
	/* Moving a character between fields changes the hash (length prefixes). */
	f->a1.name = "Nguyễn Thị Minh Kha";
	f->a1.position = "iChủ tịch CĐCS";
	initiative_content_sha256(&f->it, h2);
	assert_memory_not_equal(h1, h2, 32);
}

static void test_names(void **state)
{
	Sangkien__InitiativeKind k;
	Sangkien__Theme t;

	(void)state;
	assert_true(kind_parse("technical", &k));
	assert_int_equal(k, SANGKIEN__INITIATIVE_KIND__KIND_TECHNICAL);
	assert_false(kind_parse("Technical", &k));
	assert_string_equal(kind_name(k), "technical");
	assert_string_equal(names_find(NAMES_KIND, (int)k)->vi, "Cải tiến kỹ thuật");
	assert_null(names_find(NAMES_KIND, 0));
	assert_null(names_find_code(NAMES_STATUS, "Under_review"));
	assert_int_equal(names_find_code(NAMES_STATUS, "under_review")->value,
			 SANGKIEN__INITIATIVE_STATUS__STATUS_UNDER_REVIEW);
	assert_true(theme_parse("union-work", &t));
	assert_string_equal(theme_name(t), "union-work");
	assert_false(theme_parse("", &t));
	assert_true(unit_code_is_valid("Q11-001"));
	assert_false(unit_code_is_valid("Phường 1"));
	assert_false(unit_code_is_valid("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_valid_vietnamese, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_uuid_rules, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_required_fields, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_text_content, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_dates, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_content_hash, setup, teardown),
	    cmocka_unit_test(test_uuid7_generation),
	    cmocka_unit_test(test_names),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
