/* The server's own check of imported unit rows, and JSON quoting. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "import_check.h"
#include "strbuf.h"

struct rows {
	Sangkien__UnitRow items[8];
	Sangkien__UnitRow *ptrs[8];
	size_t n;
};

static void add(struct rows *r, uint32_t line, const char *code, const char *name, uint32_t quota)
{
	Sangkien__UnitRow *row = &r->items[r->n];
	sangkien__unit_row__init(row);
	row->line = line;
	row->code = (char *)code;
	row->name = (char *)name;
	row->quota = quota;
	r->ptrs[r->n] = row;
	r->n++;
}

static void test_clean_rows(void **state)
{
	struct rows r = {0};
	struct import_problems p = {0};
	add(&r, 2, "Q11-001", "Chi cục THA Dân Sự", 2);
	add(&r, 3, "Q11-002", "Chi Cục Thuế", 2);
	add(&r, 4, "Q11-003", "Mầm non 4", 0);
	assert_true(import_check_rows(r.ptrs, r.n, &p));
	assert_int_equal(p.n, 0);
	import_problems_release(&p);
}

/* The published District 11 table's two faults, in miniature. */
static void test_duplicates_reported_with_lines(void **state)
{
	struct rows r = {0};
	struct import_problems p = {0};
	add(&r, 83, "Q11-082", "Phạm Văn Hai", 1);
	add(&r, 84, "Q11-082", "Trưng Trắc", 1);
	add(&r, 104, "Q11-103", "Công ty CP CVN Đầm Sen", 5);
	add(&r, 134, "Q11-133", "Công ty  CP CVN Đầm Sen ", 3);
	assert_true(import_check_rows(r.ptrs, r.n, &p));
	assert_int_equal(p.n, 2);
	assert_int_equal(p.items[0].line, 84);
	assert_string_equal(p.items[0].field, "ma_don_vi");
	assert_non_null(strstr(p.items[0].message, "line 83"));
	assert_int_equal(p.items[1].line, 134);
	assert_string_equal(p.items[1].field, "don_vi");
	assert_non_null(strstr(p.items[1].message, "line 104"));
	import_problems_release(&p);
}

static void test_every_problem_listed(void **state)
{
	struct rows r = {0};
	struct import_problems p = {0};
	add(&r, 5, "bad code!", "", 1);
	add(&r, 2, "A", "Tên \x01 lạ", 2000000);
	add(&r, 3, "B", "\xc3\x28", 1);
	assert_true(import_check_rows(r.ptrs, r.n, &p));
	/* Sorted by line: 2 (name, quota), 3 (utf-8), 5 (code, empty name). */
	assert_int_equal(p.n, 5);
	assert_int_equal(p.items[0].line, 2);
	assert_string_equal(p.items[0].field, "don_vi");
	assert_int_equal(p.items[1].line, 2);
	assert_string_equal(p.items[1].field, "so_phan_bo");
	assert_int_equal(p.items[2].line, 3);
	assert_non_null(strstr(p.items[2].message, "UTF-8"));
	assert_int_equal(p.items[3].line, 5);
	assert_string_equal(p.items[3].field, "ma_don_vi");
	assert_int_equal(p.items[4].line, 5);
	assert_string_equal(p.items[4].field, "don_vi");
	import_problems_release(&p);
}

static void test_name_too_long(void **state)
{
	struct rows r = {0};
	struct import_problems p = {0};
	/* 201 two-byte letters: 402 bytes, 201 characters. */
	char *name = malloc(403);
	for (int i = 0; i < 201; i++)
		memcpy(name + 2 * i, "\xc3\xa2", 2);
	name[402] = '\0';
	add(&r, 2, "X", name, 1);
	assert_true(import_check_rows(r.ptrs, r.n, &p));
	assert_int_equal(p.n, 1);
	assert_non_null(strstr(p.items[0].message, "201 characters"));
	import_problems_release(&p);
	/* 200 is fine. */
	name[400] = '\0';
	assert_true(import_check_rows(r.ptrs, r.n, &p));
	assert_int_equal(p.n, 0);
	import_problems_release(&p);
	free(name);
}

static void test_normalize_name(void **state)
{
	char out[64];
	import_normalize_name("  Mầm   non\t4  ", out);
	assert_string_equal(out, "Mầm non 4");
	import_normalize_name("", out);
	assert_string_equal(out, "");
	import_normalize_name("   ", out);
	assert_string_equal(out, "");
}

static void test_json_quoting(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	strbuf_append_json(&sb, "Nguyễn \"A\"\\\n\x01");
	assert_string_equal(strbuf_str(&sb), "\"Nguyễn \\\"A\\\"\\\\\\u000a\\u0001\"");
	strbuf_release(&sb);
	assert_string_equal(strbuf_str(&sb), "");
	strbuf_appendf(&sb, "%d-%s", 7, "x");
	assert_string_equal(strbuf_str(&sb), "7-x");
	strbuf_release(&sb);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_clean_rows),
	    cmocka_unit_test(test_duplicates_reported_with_lines),
	    cmocka_unit_test(test_every_problem_listed),
	    cmocka_unit_test(test_name_too_long),
	    cmocka_unit_test(test_normalize_name),
	    cmocka_unit_test(test_json_quoting),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
