/* The separator of a table office staff saved (csv_separator.h): judged on
 * the header row, outside quotes, a BOM and blank lines skipped. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "csv_read.h"
#include "csv_separator.h"

/* The separator of a string literal. */
#define SEP(s) csv_separator_of((s), sizeof(s) - 1)

static void test_excel_vietnamese_windows(void **state)
{
	/* "CSV UTF-8" saved by Excel with Vietnamese region settings: ';' between
	 * cells, a BOM, CRLF, commas inside the data (the decimal mark). */
	static const char csv[] = "\xEF\xBB\xBFstt;ma_don_vi;don_vi;so_phan_bo\r\n"
				  "1;Q11-001;Công ty A, chi nhánh 2;2,5\r\n";

	(void)state;
	assert_int_equal(SEP(csv), ';');
	/* The same with English settings, and without a BOM. */
	assert_int_equal(SEP("stt,ma_don_vi,don_vi\r\n1,Q11-001,\"A; B\"\r\n"), ',');
	assert_int_equal(SEP("stt;ma_don_vi\n"), ';');
	/* A comma in the header row wins over ';' (',' is the format's own). */
	assert_int_equal(SEP("ma,ten;day_du\n"), ',');
}

static void test_tabs(void **state)
{
	(void)state;
	/* Excel's "Unicode Text" (once decoded) and a copy from a sheet. */
	assert_int_equal(SEP("title\tkind\tauthors\r\nMáy;1\tx,y\tz\r\n"), '\t');
	assert_int_equal(SEP("\xEF\xBB\xBFtitle\tkind\n"), '\t');
	/* Only the header row is judged. */
	assert_int_equal(SEP("a\tb\nc,d;e\n"), '\t');
	assert_int_equal(SEP("a;b\nc\td\n"), ';');
}

static void test_quoted(void **state)
{
	(void)state;
	/* A quoted cell holding ';' is one cell: the separator is outside. */
	assert_int_equal(SEP("\"Tên; đơn vị\",mã\n"), ',');
	assert_int_equal(SEP("\"Tên; đơn vị\"\tmã\n"), '\t');
	assert_int_equal(SEP("\"Tên; đơn vị\"\nx;y\n"), ','); /* one column */
	assert_int_equal(SEP("\"a,b\";c\n"), ';');
	assert_int_equal(SEP("\"a\tb\",c\n"), ',');
	/* Doubled quotes stay inside; a line break inside quotes is no row end. */
	assert_int_equal(SEP("\"Công ty \"\"A\"\"; B\";x\n"), ';');
	assert_int_equal(SEP("\"mã\nđơn vị, tên\";tên\n"), ';');
	/* A quote never closed: the rest is that cell (the reader says so). */
	assert_int_equal(SEP("\"abc;def\n1;2\n"), ',');
}

static void test_empty_and_blank(void **state)
{
	(void)state;
	assert_int_equal(csv_separator_of("", 0), ',');
	assert_int_equal(csv_separator_of(NULL, 0), ',');
	assert_int_equal(SEP("\xEF\xBB\xBF"), ',');
	assert_int_equal(SEP("\r\n\r\n  \n"), ',');
	assert_int_equal(SEP("ma_don_vi\n"), ',');
	/* Blank lines before the header, tabs alone among them, are skipped. */
	assert_int_equal(SEP("\n\t\t\n   \r\nmã;tên\n"), ';');
	assert_int_equal(SEP("\r\n\t\nmã\n"), ',');
	/* Only a BOM at the very start is one. */
	assert_int_equal(SEP("a;\xEF\xBB\xBF\n"), ';');
}

/* The separator found is the one the reader splits with. */
static void test_read_with_it(void **state)
{
	static const char csv[] = "\xEF\xBB\xBFmã;tên\r\nQ11-001;\"Phường 1; Quận 11\"\r\n";
	struct csv_table t = {0};
	uint32_t line = 0;
	char err[256] = "";

	(void)state;
	assert_int_equal(csv_read(csv, sizeof(csv) - 1, SEP(csv), 10, &t, &line, err, sizeof(err)),
			 0);
	assert_int_equal(t.n, 2);
	assert_int_equal(t.records[1].n, 2);
	assert_string_equal(t.records[1].cells[1].data, "Phường 1; Quận 11");
	csv_table_clear(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_excel_vietnamese_windows),
	    cmocka_unit_test(test_tabs),
	    cmocka_unit_test(test_quoted),
	    cmocka_unit_test(test_empty_and_blank),
	    cmocka_unit_test(test_read_with_it),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
