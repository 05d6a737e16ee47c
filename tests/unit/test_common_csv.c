/* The clients' one CSV reader (csv_read.h): records with the line each
 * starts on, the separator given, cells kept whole (NUL included) with
 * their problems named by column, blank lines skipped, limits. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "csv_read.h"

static void read_ok(const char *data, size_t len, char sep, struct csv_table *t)
{
	uint32_t line = 0;
	char err[256] = "";

	memset(t, 0, sizeof(*t));
	if (csv_read(data, len, sep, 100, t, &line, err, sizeof(err)) != 0)
		fail_msg("line %u: %s", line, err);
}

static void test_lines_and_separators(void **state)
{
	static const char semi[] = "\xEF\xBB\xBFmã;tên\r\nQ11-001;\"Phường 1; Quận 11\"\r\n\r\n"
				   "Q11-002;\"hai\ndòng\"\rQ11-003;x";
	struct csv_table t;

	(void)state;
	read_ok(semi, sizeof(semi) - 1, ';', &t);
	assert_int_equal(t.n, 4);
	assert_string_equal(t.records[0].cells[0].data, "mã");
	assert_int_equal(t.records[1].line, 2);
	assert_string_equal(t.records[1].cells[1].data, "Phường 1; Quận 11");
	assert_int_equal(t.records[2].line, 4); /* the blank line 3 skipped */
	assert_string_equal(t.records[2].cells[1].data, "hai\ndòng");
	assert_int_equal(t.records[3].line, 6); /* a lone CR ends a line too */
	csv_table_clear(&t);

	read_ok("a\tb c\t\"d\te\"\n", 12, '\t', &t);
	assert_int_equal(t.n, 1);
	assert_int_equal(t.records[0].n, 3);
	assert_string_equal(t.records[0].cells[1].data, "b c");
	assert_string_equal(t.records[0].cells[2].data, "d\te");
	csv_table_clear(&t);
}

static void test_cells_kept_whole(void **state)
{
	static const char nul[] = "a,b\n1,x\0y\n2,\xC3\x28\n";
	struct csv_table t;
	char msg[128];

	(void)state;
	read_ok(nul, sizeof(nul) - 1, ',', &t);
	assert_int_equal(t.n, 3);
	assert_int_equal(t.records[1].cells[1].len, 3); /* not cut at the NUL */
	assert_memory_equal(t.records[1].cells[1].data, "x\0y", 3);
	assert_false(csv_cell_problem(&t.records[1].cells[0], 0, msg, sizeof(msg)));
	assert_true(csv_cell_problem(&t.records[1].cells[1], 1, msg, sizeof(msg)));
	assert_string_equal(msg, "cột thứ 2 chứa byte NUL (byte thứ 2 của ô); hãy xóa ký tự này");
	assert_true(csv_cell_problem(&t.records[2].cells[1], 1, msg, sizeof(msg)));
	assert_string_equal(msg, "cột thứ 2 không phải văn bản UTF-8 hợp lệ");
	csv_table_clear(&t);
}

static void test_refusals(void **state)
{
	struct csv_table t = {0};
	uint32_t line = 0;
	char err[256];
	char many[64];

	(void)state;
	/* A misplaced quote: the records before it are kept. */
	assert_int_equal(csv_read("a\nb\nc\"d\ne\n", 10, ',', 100, &t, &line, err, sizeof(err)),
			 -1);
	assert_int_equal(line, 3);
	assert_int_equal(t.n, 2);
	assert_non_null(strstr(err, "ngoặc kép"));
	csv_table_clear(&t);
	/* A quote never closed: the line it opened on. */
	assert_int_equal(csv_read("a\n\"b\nc\nd", 9, ',', 100, &t, &line, err, sizeof(err)), -1);
	assert_int_equal(line, 2);
	assert_non_null(strstr(err, "không được đóng"));
	csv_table_clear(&t);
	/* One record more than allowed. */
	snprintf(many, sizeof(many), "1\n2\n3\n4\n");
	assert_int_equal(csv_read(many, strlen(many), ',', 3, &t, &line, err, sizeof(err)), -1);
	assert_int_equal(line, 4);
	assert_int_equal(t.n, 3);
	assert_non_null(strstr(err, "hơn 3 dòng"));
	csv_table_clear(&t);
	/* Empty input, or only blank lines: no records, no error. */
	assert_int_equal(csv_read(" \n\r\n,,\n", 7, ',', 3, &t, &line, err, sizeof(err)), 0);
	assert_int_equal(t.n, 0);
	csv_table_clear(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_lines_and_separators),
	    cmocka_unit_test(test_cells_kept_whole),
	    cmocka_unit_test(test_refusals),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
