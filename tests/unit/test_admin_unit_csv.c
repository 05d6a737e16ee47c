/*
 * test_admin_unit_csv.c - the units CSV rules: the published District 11
 * table (refused, with exactly its two known errors), the corrected copy
 * (accepted whole) and crafted files for each rule.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "unit_csv.h"

/* Test data kept in the tree (tests/data/). */
static char *path_in_test_data(const char *name)
{
	const char *dir = SANGKIEN_SOURCE_DIR "/tests/data";
	size_t n = strlen(dir) + strlen(name) + 2;
	char *p = malloc(n);

	assert_non_null(p);
	snprintf(p, n, "%s/%s", dir, name);
	return p;
}

static struct unit_csv *parse(const char *text)
{
	return unit_csv_parse(text, strlen(text), ',', "Q11");
}

/* Problem i has this line, column and message. */
static void expect_problem(const struct unit_csv *csv, size_t i, uint32_t line, const char *column,
			   const char *message)
{
	assert_true(i < csv->n_problems);
	assert_int_equal(csv->problems[i].line, line);
	assert_string_equal(csv->problems[i].column, column);
	if (message)
		assert_string_equal(csv->problems[i].message, message);
}

static void test_published_table_refused_with_both_errors(void **state)
{
	char *path = path_in_test_data("quan11-quota-allocation.csv");
	struct unit_csv *csv = NULL;
	char err[256] = "";

	assert_int_equal(unit_csv_read_file(path, "Q11", &csv, err, sizeof(err)), 0);
	assert_int_equal(csv->n_problems, 2);
	expect_problem(csv, 0, 84, "stt", "số thứ tự 82 đã dùng ở dòng 83");
	expect_problem(csv, 1, 134, "don_vi", "'Công ty CP CVN Đầm Sen' trùng tên với dòng 104");
	/* Each row is fine on its own: the problems are between rows. */
	assert_int_equal(csv->n_rows, 134);
	assert_int_equal(csv->total_quota, 300);
	unit_csv_free(csv);
	free(path);
}

static void test_corrected_table_accepted(void **state)
{
	const char *path = SANGKIEN_SOURCE_DIR "/deploy/data/quan11-units.csv";
	struct unit_csv *csv = NULL;
	char err[256] = "", code[32];
	size_t i;

	assert_int_equal(unit_csv_read_file(path, "Q11", &csv, err, sizeof(err)), 0);
	for (i = 0; i < csv->n_problems; i++)
		fprintf(stderr, "%u: %s: %s\n", csv->problems[i].line, csv->problems[i].column,
			csv->problems[i].message);
	assert_int_equal(csv->n_problems, 0);
	assert_int_equal(csv->n_rows, 134);
	assert_int_equal(csv->total_quota, 300);
	for (i = 0; i < csv->n_rows; i++) {
		snprintf(code, sizeof(code), "Q11-%03zu", i + 1);
		assert_string_equal(csv->rows[i].code, code);
		assert_int_equal(csv->rows[i].stt, i + 1);
		assert_int_equal(csv->rows[i].line, i + 2);
	}
	assert_string_equal(csv->rows[82].name, "Trưng Trắc");
	assert_string_equal(csv->rows[53].name, "Mầm non 1");
	assert_string_equal(csv->rows[102].name, "Công ty CP CVN Đầm Sen");
	assert_int_equal(csv->rows[102].quota, 5);
	assert_int_equal(csv->rows[132].quota, 3);
	/* Every correction says so in its note. */
	assert_non_null(strstr(csv->rows[82].note, "82"));
	assert_non_null(strstr(csv->rows[132].note, "xác nhận"));
	unit_csv_free(csv);
}

static void test_derived_codes_and_values(void **state)
{
	struct unit_csv *csv = parse("stt,don_vi,so_phan_bo\n7,Mầm non 4,2\n1234,Phường 1,0\n");

	assert_int_equal(csv->n_problems, 0);
	assert_int_equal(csv->n_rows, 2);
	assert_string_equal(csv->rows[0].code, "Q11-007");
	assert_string_equal(csv->rows[0].name, "Mầm non 4");
	assert_int_equal(csv->rows[0].quota, 2);
	assert_int_equal(csv->rows[0].line, 2);
	assert_string_equal(csv->rows[0].note, "");
	assert_string_equal(csv->rows[1].code, "Q11-1234");
	assert_int_equal(csv->rows[1].quota, 0);
	assert_int_equal(csv->total_quota, 2);
	unit_csv_free(csv);
}

static void test_quoted_commas_quotes_newlines(void **state)
{
	struct unit_csv *csv = parse("stt,don_vi,so_phan_bo,ghi_chu\n"
				     "1,\"Công ty TNHH A, B và C\",2,\"dòng một\ndòng hai\"\n"
				     "2,\"Phường \"\"Mới\"\"\",3,\n"
				     "3,Chợ Thiếc,x,\n");

	assert_int_equal(csv->n_rows, 2);
	assert_string_equal(csv->rows[0].name, "Công ty TNHH A, B và C");
	assert_string_equal(csv->rows[0].note, "dòng một\ndòng hai");
	assert_int_equal(csv->rows[0].line, 2);
	assert_string_equal(csv->rows[1].name, "Phường \"Mới\"");
	/* The quoted newline moved every later row down one line. */
	assert_int_equal(csv->rows[1].line, 4);
	assert_int_equal(csv->n_problems, 1);
	expect_problem(csv, 0, 5, "so_phan_bo", "'x' không phải số nguyên không âm");
	unit_csv_free(csv);
}

static void test_bom_and_crlf(void **state)
{
	struct unit_csv *csv = parse("\xEF\xBB\xBFstt,don_vi,so_phan_bo\r\n"
				     "1,Phường 1,2\r\n\r\n2,Phường 2,3\r\n");

	assert_int_equal(csv->n_problems, 0);
	assert_int_equal(csv->n_rows, 2);
	assert_int_equal(csv->rows[0].line, 2);
	assert_int_equal(csv->rows[1].line, 4);
	assert_string_equal(csv->rows[1].name, "Phường 2");
	assert_int_equal(csv->total_quota, 5);
	unit_csv_free(csv);
}

static void test_header_problems(void **state)
{
	struct unit_csv *csv = parse("STT, don_vi ,email,stt\n1,A,x,1\n");

	/* Upper case and spaces in names are tolerated; the rest is listed. */
	assert_int_equal(csv->n_problems, 3);
	expect_problem(csv, 0, 1, "stt", "cột lặp lại (cột thứ 1 và 4)");
	expect_problem(csv, 1, 1, "so_phan_bo", "thiếu cột bắt buộc");
	expect_problem(csv, 2, 1, "email", NULL);
	assert_non_null(strstr(csv->problems[2].message, "không được hỗ trợ"));
	unit_csv_free(csv);
}

static void test_field_count(void **state)
{
	struct unit_csv *csv = parse("stt,don_vi,so_phan_bo\n1,A,2\n2,B\n3,C,4,5\n4,D,1\n");

	assert_int_equal(csv->n_rows, 2);
	assert_int_equal(csv->n_problems, 2);
	expect_problem(csv, 0, 3, "", "dòng có 2 cột nhưng dòng tiêu đề (dòng 1) có 3 cột");
	expect_problem(csv, 1, 4, "", "dòng có 4 cột nhưng dòng tiêu đề (dòng 1) có 3 cột");
	unit_csv_free(csv);
}

static void test_bad_numbers(void **state)
{
	struct unit_csv *csv = parse("stt,don_vi,so_phan_bo\n"
				     "0,A,1\n"	    /* 2 */
				     "-1,B,1\n"	    /* 3 */
				     "1.5,C,1\n"    /* 4 */
				     ",D,1\n"	    /* 5 */
				     "5,E,-1\n"	    /* 6 */
				     "6,F,2.0\n"    /* 7 */
				     "7,G,100001\n" /* 8 */
				     "8,H,\n"	    /* 9 */
				     "9,I,100000\n" /* 10: the limit itself is fine */
				     "10,J,99999999999999999999\n"); /* 11 */

	assert_int_equal(csv->n_problems, 9);
	expect_problem(csv, 0, 2, "stt", NULL);
	assert_non_null(strstr(csv->problems[0].message, "'0'"));
	expect_problem(csv, 1, 3, "stt", NULL);
	expect_problem(csv, 2, 4, "stt", NULL);
	expect_problem(csv, 3, 5, "stt", "thiếu số thứ tự");
	expect_problem(csv, 4, 6, "so_phan_bo", "'-1' không phải số nguyên không âm");
	expect_problem(csv, 5, 7, "so_phan_bo", "'2.0' không phải số nguyên không âm");
	expect_problem(csv, 6, 8, "so_phan_bo", "100001 vượt quá giới hạn 100000");
	expect_problem(csv, 7, 9, "so_phan_bo", "thiếu số phân bổ");
	expect_problem(csv, 8, 11, "so_phan_bo", NULL);
	assert_int_equal(csv->n_rows, 1);
	assert_int_equal(csv->rows[0].quota, 100000);
	unit_csv_free(csv);
}

static void test_bad_utf8(void **state)
{
	struct unit_csv *csv = parse("stt,don_vi,so_phan_bo\n"
				     "1,Ph\xC6\xB0\xE1\xBB\x9Dng 1,2\n"
				     "2,Bad\xC3(,2\n" /* broken sequence */
				     "3,\xE1\xBB,4\n" /* truncated */
				     "4,\xC0\xAF,4\n" /* overlong '/' */
				     "5,ok,\xFF\n");

	assert_int_equal(csv->n_rows, 1);
	assert_string_equal(csv->rows[0].name, "Phường 1");
	assert_int_equal(csv->n_problems, 4);
	expect_problem(csv, 0, 3, "don_vi", "cột thứ 2 không phải văn bản UTF-8 hợp lệ");
	expect_problem(csv, 1, 4, "don_vi", NULL);
	expect_problem(csv, 2, 5, "don_vi", NULL);
	expect_problem(csv, 3, 6, "so_phan_bo", "cột thứ 3 không phải văn bản UTF-8 hợp lệ");
	unit_csv_free(csv);
}

static void test_duplicate_names_by_case_space_and_form(void **state)
{
	/* Line 5 spells "Mầm" decomposed: M a U+0302 U+0300 m. */
	struct unit_csv *csv = parse("stt,don_vi,so_phan_bo\n"
				     "1,Mầm Non 1,2\n"
				     "2,\"  mầm   non 1 \",2\n"
				     "3,MẦM NON 1,2\n"
				     "4,Ma\xCC\x82\xCC\x80m non 1,2\n"
				     "5,Mầm non 11,2\n"
				     "6,Phuong 1,2\n"
				     "7,Phường 1,2\n");

	assert_int_equal(csv->n_problems, 3);
	expect_problem(csv, 0, 3, "don_vi", "'mầm   non 1' trùng tên với 'Mầm Non 1' ở dòng 2");
	expect_problem(csv, 1, 4, "don_vi", "'MẦM NON 1' trùng tên với 'Mầm Non 1' ở dòng 2");
	expect_problem(csv, 2, 5, "don_vi", NULL);
	assert_non_null(strstr(csv->problems[2].message, "dòng 2"));
	/* The name is kept trimmed, in its own spelling. */
	assert_string_equal(csv->rows[1].name, "mầm   non 1");
	unit_csv_free(csv);
}

static void test_stt_repeats_name_the_first_line(void **state)
{
	struct unit_csv *csv = parse("stt,don_vi,so_phan_bo\n"
				     "5,A,1\n3,B,1\n5,C,1\n5,D,1\n3,E,1\n");

	assert_int_equal(csv->n_problems, 3);
	expect_problem(csv, 0, 4, "stt", "số thứ tự 5 đã dùng ở dòng 2");
	expect_problem(csv, 1, 5, "stt", "số thứ tự 5 đã dùng ở dòng 2");
	expect_problem(csv, 2, 6, "stt", "số thứ tự 3 đã dùng ở dòng 3");
	unit_csv_free(csv);
}

static void test_code_column(void **state)
{
	struct unit_csv *csv = parse("ma_don_vi,stt,don_vi,so_phan_bo\n"
				     "Q11-A,1,A,1\n"
				     ",2,B,1\n"		 /* derived Q11-002 */
				     "Q11 C,3,C,1\n"	 /* invalid */
				     "q11-a,4,D,1\n"	 /* repeats line 2 (case ignored) */
				     "Q11-002,5,E,1\n"); /* repeats the derived code */

	assert_int_equal(csv->n_problems, 3);
	expect_problem(csv, 0, 4, "ma_don_vi", NULL);
	assert_non_null(strstr(csv->problems[0].message, "'Q11 C'"));
	expect_problem(csv, 1, 5, "ma_don_vi", "mã 'q11-a' đã dùng ở dòng 2");
	expect_problem(csv, 2, 6, "ma_don_vi", "mã 'Q11-002' đã dùng ở dòng 3");
	assert_string_equal(csv->rows[1].code, "Q11-002");
	unit_csv_free(csv);
}

/* A NUL byte inside a cell would cut the value as a C string ("Q11-A\0X"
 * stored as "Q11-A"): refused with its line and column. */
static void test_nul_byte_refused(void **state)
{
	static const char text[] = "ma_don_vi,stt,don_vi,so_phan_bo\n"
				   "Q11-A,1,A,1\n"
				   "Q11-B\0X,2,B,1\n"
				   "Q11-C,3,C\0,1\n";
	struct unit_csv *csv = unit_csv_parse(text, sizeof(text) - 1, ',', "Q11");

	(void)state;
	assert_int_equal(csv->n_problems, 2);
	expect_problem(csv, 0, 3, "ma_don_vi",
		       "cột thứ 1 chứa byte NUL (byte thứ 6 của ô); hãy xóa ký tự này");
	expect_problem(csv, 1, 4, "don_vi",
		       "cột thứ 3 chứa byte NUL (byte thứ 2 của ô); hãy xóa ký tự này");
	unit_csv_free(csv);
}

static void test_derived_code_needs_parent_and_length(void **state)
{
	const char *text = "stt,don_vi,so_phan_bo\n1,A,1\n";
	struct unit_csv *csv = unit_csv_parse(text, strlen(text), ',', NULL);

	assert_int_equal(csv->n_problems, 1);
	expect_problem(csv, 0, 2, "ma_don_vi", NULL);
	unit_csv_free(csv);

	/* 29 + "-001" = 33 bytes: one more than a code may have. */
	csv = unit_csv_parse(text, strlen(text), ',', "ABCDEFGHIJABCDEFGHIJABCDEFGHI");
	assert_int_equal(csv->n_problems, 1);
	expect_problem(csv, 0, 2, "ma_don_vi", NULL);
	unit_csv_free(csv);
}

static void test_empty_and_header_only(void **state)
{
	struct unit_csv *csv = parse("");

	assert_int_equal(csv->n_problems, 1);
	expect_problem(csv, 0, 0, "", NULL);
	unit_csv_free(csv);

	csv = parse("\xEF\xBB\xBF\n\r\n  \n");
	assert_int_equal(csv->n_problems, 1);
	expect_problem(csv, 0, 0, "", NULL);
	unit_csv_free(csv);

	csv = parse("stt,don_vi,so_phan_bo\n");
	assert_int_equal(csv->n_problems, 1);
	expect_problem(csv, 0, 1, "", "tệp chỉ có dòng tiêu đề, không có đơn vị nào");
	unit_csv_free(csv);

	csv = parse("\nstt,don_vi,so_phan_bo\n\n,,\n");
	assert_int_equal(csv->n_problems, 1);
	expect_problem(csv, 0, 2, "", "tệp chỉ có dòng tiêu đề, không có đơn vị nào");
	unit_csv_free(csv);
}

static void test_blank_lines_skipped(void **state)
{
	struct unit_csv *csv = parse("stt,don_vi,so_phan_bo\n\n1,A,2\n\n   \n,,\n2,B,3");

	assert_int_equal(csv->n_problems, 0);
	assert_int_equal(csv->n_rows, 2);
	assert_int_equal(csv->rows[0].line, 3);
	/* The last line has no newline and still counts. */
	assert_int_equal(csv->rows[1].line, 7);
	unit_csv_free(csv);
}

static void test_malformed_quotes(void **state)
{
	struct unit_csv *csv = parse("stt,don_vi,so_phan_bo\n1,A,2\n2,B\"C,2\n3,D,x\n");

	/* Parsing stops at the broken line: what follows cannot be trusted. */
	assert_int_equal(csv->n_problems, 1);
	expect_problem(csv, 0, 3, "", NULL);
	assert_non_null(strstr(csv->problems[0].message, "CSV"));
	unit_csv_free(csv);

	csv = parse("stt,don_vi,so_phan_bo\n1,A,2\n2,\"B,2\n3,C,4\n");
	assert_int_equal(csv->n_problems, 1);
	expect_problem(csv, 0, 3, "", NULL);
	assert_non_null(strstr(csv->problems[0].message, "không được đóng"));
	unit_csv_free(csv);
}

static void test_name_rules(void **state)
{
	char text[2048];
	size_t n, i;
	struct unit_csv *csv;

	/* 200 two-byte letters are fine, 201 are not: the limit is in
	 * characters, not bytes. */
	n = (size_t)snprintf(text, sizeof(text), "stt,don_vi,so_phan_bo\n1,");
	for (i = 0; i < 200; i++)
		n += (size_t)snprintf(text + n, sizeof(text) - n, "ư");
	n += (size_t)snprintf(text + n, sizeof(text) - n, ",1\n2,");
	for (i = 0; i < 201; i++)
		n += (size_t)snprintf(text + n, sizeof(text) - n, "ư");
	snprintf(text + n, sizeof(text) - n, ",1\n3,\"A\tB\",1\n4,\"\",1\n");
	csv = parse(text);
	assert_int_equal(csv->n_problems, 3);
	expect_problem(csv, 0, 3, "don_vi", "tên đơn vị dài 201 ký tự, tối đa 200");
	expect_problem(csv, 1, 4, "don_vi", NULL);
	expect_problem(csv, 2, 5, "don_vi", "thiếu tên đơn vị");
	assert_int_equal(csv->n_rows, 1);
	unit_csv_free(csv);
}

static void test_every_problem_listed_in_line_order(void **state)
{
	struct unit_csv *csv = parse("stt,don_vi,so_phan_bo\n"
				     "1,A,x\n"
				     "1,,2\n"
				     "2,a,1,9\n"
				     "3,A,1\n");

	assert_int_equal(csv->n_problems, 5);
	expect_problem(csv, 0, 2, "so_phan_bo", NULL);
	expect_problem(csv, 1, 3, "stt", "số thứ tự 1 đã dùng ở dòng 2");
	expect_problem(csv, 2, 3, "don_vi", "thiếu tên đơn vị");
	expect_problem(csv, 3, 4, "", NULL);
	expect_problem(csv, 4, 5, "don_vi", "'A' trùng tên với dòng 2");
	unit_csv_free(csv);
}

static void test_row_limit(void **state)
{
	size_t cap = (UNIT_CSV_MAX_ROWS + 2) * 32, n, i;
	char *text = malloc(cap);
	struct unit_csv *csv;

	assert_non_null(text);
	n = (size_t)snprintf(text, cap, "stt,don_vi,so_phan_bo\n");
	for (i = 1; i <= UNIT_CSV_MAX_ROWS + 1; i++)
		n += (size_t)snprintf(text + n, cap - n, "%zu,Đơn vị %zu,1\n", i, i);
	csv = unit_csv_parse(text, n, ',', "Q");
	assert_int_equal(csv->n_problems, 1);
	expect_problem(csv, 0, UNIT_CSV_MAX_ROWS + 2, "", NULL);
	assert_int_equal(csv->n_rows, UNIT_CSV_MAX_ROWS);
	unit_csv_free(csv);
	free(text);
}

static void test_read_file_errors(void **state)
{
	struct unit_csv *csv = NULL;
	char err[256] = "";

	assert_int_equal(unit_csv_read_file("/nonexistent/x.csv", "Q11", &csv, err, sizeof(err)),
			 -1);
	assert_null(csv);
	assert_non_null(strstr(err, "/nonexistent/x.csv"));
}

static void test_print_format(void **state)
{
	struct unit_csv *csv = parse("stt,don_vi,so_phan_bo\n1,A,x\n");
	char buf[512] = "";
	FILE *f = tmpfile();
	size_t n;

	assert_non_null(f);
	unit_csv_print_problems(csv, "ds.csv", f);
	unit_csv_print_problem(f, "ds.csv", 0, "", "tệp rỗng");
	rewind(f);
	n = fread(buf, 1, sizeof(buf) - 1, f);
	buf[n] = '\0';
	assert_string_equal(buf, "ds.csv:2: so_phan_bo: 'x' không phải số nguyên không âm\n"
				 "ds.csv: tệp rỗng\n");
	fclose(f);
	unit_csv_free(csv);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_published_table_refused_with_both_errors),
	    cmocka_unit_test(test_corrected_table_accepted),
	    cmocka_unit_test(test_derived_codes_and_values),
	    cmocka_unit_test(test_quoted_commas_quotes_newlines),
	    cmocka_unit_test(test_bom_and_crlf),
	    cmocka_unit_test(test_header_problems),
	    cmocka_unit_test(test_field_count),
	    cmocka_unit_test(test_bad_numbers),
	    cmocka_unit_test(test_bad_utf8),
	    cmocka_unit_test(test_duplicate_names_by_case_space_and_form),
	    cmocka_unit_test(test_stt_repeats_name_the_first_line),
	    cmocka_unit_test(test_code_column),
	    cmocka_unit_test(test_derived_code_needs_parent_and_length),
	    cmocka_unit_test(test_empty_and_header_only),
	    cmocka_unit_test(test_blank_lines_skipped),
	    cmocka_unit_test(test_malformed_quotes),
	    cmocka_unit_test(test_name_rules),
	    cmocka_unit_test(test_every_problem_listed_in_line_order),
	    cmocka_unit_test(test_nul_byte_refused),
	    cmocka_unit_test(test_row_limit),
	    cmocka_unit_test(test_read_file_errors),
	    cmocka_unit_test(test_print_format),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
