/*
 * test_admin_import_source.c - imported files as Excel and Windows leave
 * them: Windows-1258 and TCVN3 refused with one message naming the
 * encoding, UTF-16 with a BOM read; ';' and tab separated files read; .xlsx workbooks (written here
 * with libxlsxwriter, with shared strings and with inline strings) read
 * with their row numbers; broken and hostile workbooks refused.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <xlsxwriter.h>

#include "import_source.h"
#include "unit_csv.h"

#define MAX (8u * 1024u * 1024u)

static int prepare(const char *data, size_t len, char **out, size_t *out_len,
		   enum import_source_kind *kind, char *err, size_t errlen)
{
	return import_source_prepare(data, len, "units.csv", MAX, out, out_len, kind, err, errlen);
}

/* Prepare data that must be refused; the message, in static storage. */
static const char *refused(const char *data, size_t len)
{
	static char err[1024];
	enum import_source_kind kind;
	size_t out_len;
	char *out;

	assert_int_equal(prepare(data, len, &out, &out_len, &kind, err, sizeof(err)),
			 IMPORT_SOURCE_REFUSED);
	assert_null(out);
	return err;
}

static void test_windows_1258_one_message(void **state)
{
	/* "Phường 1" in Windows-1258: ư ơ, then a combining grave accent. */
	static const char data[] = "stt,ma_don_vi,don_vi,so_phan_bo\r\n"
				   "1,Q11-001,Ph\xFD\xF5\xCCng 1,2\r\n"
				   "2,Q11-002,\xD0o\xE0n Th\xE0nh Ni\xEAn,2\r\n";
	const char *err = refused(data, sizeof(data) - 1);

	(void)state;
	assert_non_null(strstr(err, "units.csv: tệp không phải UTF-8 (dòng 2"));
	assert_non_null(strstr(err, "Windows-1258"));
	assert_non_null(strstr(err, "CSV UTF-8"));
	/* One message, not one per cell. */
	assert_null(strchr(err, '\n'));
}

static void test_tcvn3_named(void **state)
{
	/* "Công đoàn Phường 1" in TCVN3 (ABC). */
	static const char data[] = "stt,ma_don_vi,don_vi,so_phan_bo\n"
				   "1,Q11-001,C\xABng \xAEo\xB5n Ph\xAD\xEAng 1,2\n";
	const char *err = refused(data, sizeof(data) - 1);

	(void)state;
	assert_non_null(strstr(err, "TCVN3"));
	assert_non_null(strstr(err, "Unikey"));
}

static void test_utf16_read(void **state)
{
	static const char data[] = "\xFF\xFEs\0t\0t\0;\0d\0o\0n\0_\0v\0i\0\n\0";
	enum import_source_kind kind;
	char err[256], *out;
	size_t len;

	(void)state;
	assert_int_equal(prepare(data, sizeof(data) - 1, &out, &len, &kind, err, sizeof(err)), 0);
	assert_string_equal(out, "stt;don_vi\n");
	assert_int_equal(kind, IMPORT_CSV_SEMICOLON);
	free(out);
}

static void test_utf8_unchanged(void **state)
{
	static const char data[] = "\xEF\xBB\xBFstt,don_vi,so_phan_bo\n1,\"Phường 1; A\",2\n";
	enum import_source_kind kind;
	char err[256], *out;
	size_t len;

	(void)state;
	assert_int_equal(prepare(data, sizeof(data) - 1, &out, &len, &kind, err, sizeof(err)), 0);
	assert_int_equal(kind, IMPORT_CSV);
	/* The BOM is dropped, the rest is as it was. */
	assert_int_equal(len, sizeof(data) - 4);
	assert_memory_equal(out, data + 3, len);
	free(out);
}

/* Text separated otherwise is left as it is and read with its separator:
 * lines and columns in the messages are the file's own. */
static void test_semicolons_read(void **state)
{
	static const char data[] = "stt;ma_don_vi;don_vi;so_phan_bo\r\n"
				   "1;Q11-001;\"Công ty A; chi nhánh \"\"Q11\"\"\";2\r\n"
				   "\r\n"
				   "2;Q11-002;Công ty B, xưởng 2;3\r\n"
				   "3;Q11-003;Mầm non 4;hai\r\n";
	enum import_source_kind kind;
	struct unit_csv *csv;
	char err[256], *out;
	size_t len;

	(void)state;
	assert_int_equal(prepare(data, sizeof(data) - 1, &out, &len, &kind, err, sizeof(err)), 0);
	assert_int_equal(kind, IMPORT_CSV_SEMICOLON);
	assert_int_equal(import_source_separator(kind), ';');
	assert_int_equal(len, sizeof(data) - 1);
	assert_memory_equal(out, data, len);
	csv = unit_csv_parse(out, len, import_source_separator(kind), "Q11");
	assert_int_equal(csv->n_rows, 2);
	assert_string_equal(csv->rows[0].name, "Công ty A; chi nhánh \"Q11\"");
	assert_string_equal(csv->rows[1].name, "Công ty B, xưởng 2");
	assert_int_equal(csv->rows[1].line, 4); /* lines keep their numbers */
	/* The bad quota, on line 5 of the file. */
	assert_int_equal(csv->n_problems, 1);
	assert_int_equal(csv->problems[0].line, 5);
	assert_string_equal(csv->problems[0].column, "so_phan_bo");
	unit_csv_free(csv);
	free(out);
}

static void test_tabs_read(void **state)
{
	static const char data[] = "stt\tdon_vi\tso_phan_bo\n1\tPhường 1\t2\n";
	enum import_source_kind kind;
	struct unit_csv *csv;
	char err[256], *out;
	size_t len;

	(void)state;
	assert_int_equal(prepare(data, sizeof(data) - 1, &out, &len, &kind, err, sizeof(err)), 0);
	assert_int_equal(kind, IMPORT_CSV_TAB);
	assert_int_equal(import_source_separator(kind), '\t');
	assert_string_equal(out, data);
	csv = unit_csv_parse(out, len, import_source_separator(kind), "Q11");
	assert_int_equal(csv->n_problems, 0);
	assert_int_equal(csv->n_rows, 1);
	assert_string_equal(csv->rows[0].name, "Phường 1");
	unit_csv_free(csv);
	free(out);
}

/* A unit table as Excel would save it: header on row 1, a blank row 2,
 * units from row 3 (numbers as numbers, one quota as 2.0000000001 noise,
 * a name with a comma and quotes), a bad quota on row 5; a second sheet
 * that is not the table.  With inline_strings the text is written inline
 * (libxlsxwriter's constant_memory) instead of in shared strings. */
static char *workbook(bool inline_strings, size_t *len)
{
	char path[] = "/tmp/test_import_source_XXXXXX";
	lxw_workbook_options opt = {.constant_memory = inline_strings};
	lxw_workbook *wb;
	lxw_worksheet *ws;
	FILE *f;
	char *data;
	int fd = mkstemp(path);
	long n;

	assert_true(fd >= 0);
	close(fd);
	wb = workbook_new_opt(path, &opt);
	assert_non_null(wb);
	ws = workbook_add_worksheet(wb, "Phân bổ");
	worksheet_write_string(ws, 0, 0, "stt", NULL);
	worksheet_write_string(ws, 0, 1, "ma_don_vi", NULL);
	worksheet_write_string(ws, 0, 2, "don_vi", NULL);
	worksheet_write_string(ws, 0, 3, "so_phan_bo", NULL);
	worksheet_write_number(ws, 2, 0, 1, NULL);
	worksheet_write_string(ws, 2, 1, "Q11-001", NULL);
	worksheet_write_string(ws, 2, 2, "Công ty CP \"Đầm Sen\", xưởng A", NULL);
	worksheet_write_number(ws, 2, 3, 5, NULL);
	worksheet_write_number(ws, 3, 0, 2, NULL);
	worksheet_write_string(ws, 3, 1, "Q11-002", NULL);
	worksheet_write_string(ws, 3, 2, "Phường 1", NULL);
	worksheet_write_number(ws, 3, 3, 2.0000000001, NULL);
	worksheet_write_number(ws, 4, 0, 3, NULL);
	worksheet_write_string(ws, 4, 1, "Q11-003", NULL);
	worksheet_write_string(ws, 4, 2, "Mầm non 4", NULL);
	worksheet_write_string(ws, 4, 3, "hai", NULL);
	ws = workbook_add_worksheet(wb, "Ghi chú");
	worksheet_write_string(ws, 0, 0, "không phải bảng đơn vị", NULL);
	assert_int_equal(workbook_close(wb), LXW_NO_ERROR);
	f = fopen(path, "rb");
	assert_non_null(f);
	assert_int_equal(fseek(f, 0, SEEK_END), 0);
	n = ftell(f);
	rewind(f);
	data = malloc((size_t)n);
	assert_non_null(data);
	assert_int_equal(fread(data, 1, (size_t)n, f), (size_t)n);
	fclose(f);
	unlink(path);
	*len = (size_t)n;
	return data;
}

static void check_workbook(bool inline_strings)
{
	static const char want[] = "stt,ma_don_vi,don_vi,so_phan_bo\n"
				   "\n"
				   "1,Q11-001,\"Công ty CP \"\"Đầm Sen\"\", xưởng A\",5\n"
				   "2,Q11-002,Phường 1,2\n"
				   "3,Q11-003,Mầm non 4,hai\n";
	enum import_source_kind kind;
	struct unit_csv *csv;
	char err[512], *out, *data;
	size_t len, n;

	data = workbook(inline_strings, &n);
	assert_int_equal(
	    import_source_prepare(data, n, "units.xlsx", MAX, &out, &len, &kind, err, sizeof(err)),
	    0);
	assert_int_equal(kind, IMPORT_XLSX);
	assert_string_equal(out, want);
	assert_int_equal(import_source_separator(kind), ',');
	csv = unit_csv_parse(out, len, import_source_separator(kind), "Q11");
	/* The bad quota is reported on row 5, as Excel numbers it. */
	assert_int_equal(csv->n_problems, 1);
	assert_int_equal(csv->problems[0].line, 5);
	assert_string_equal(csv->problems[0].column, "so_phan_bo");
	unit_csv_free(csv);
	free(out);
	/* Cut anywhere, the archive is refused with a message, never read
	 * past its end. */
	for (size_t cut = 4; cut < n; cut += n / 7) {
		int rc = import_source_prepare(data, cut, "units.xlsx", MAX, &out, &len, &kind, err,
					       sizeof(err));

		assert_int_equal(rc, IMPORT_SOURCE_REFUSED);
		assert_null(out);
		assert_non_null(strstr(err, "units.xlsx: "));
	}
	/* A sheet larger than the caller allows. */
	assert_int_equal(
	    import_source_prepare(data, n, "units.xlsx", 40, &out, &len, &kind, err, sizeof(err)),
	    IMPORT_SOURCE_REFUSED);
	assert_non_null(strstr(err, "quá lớn"));
	free(data);
}

static void test_xlsx_shared_strings(void **state)
{
	(void)state;
	check_workbook(false);
}

static void test_xlsx_inline_strings(void **state)
{
	(void)state;
	check_workbook(true);
}

static void test_not_a_workbook(void **state)
{
	static const char data[] = "PK\x03\x04 this is not a zip archive at all";
	enum import_source_kind kind;
	char err[512], *out;
	size_t len;

	(void)state;
	assert_int_equal(import_source_prepare(data, sizeof(data) - 1, "units.xlsx", MAX, &out,
					       &len, &kind, err, sizeof(err)),
			 IMPORT_SOURCE_REFUSED);
	assert_non_null(strstr(err, "units.xlsx: không mở được bảng tính (.xlsx)"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_windows_1258_one_message),
	    cmocka_unit_test(test_tcvn3_named),
	    cmocka_unit_test(test_utf16_read),
	    cmocka_unit_test(test_utf8_unchanged),
	    cmocka_unit_test(test_semicolons_read),
	    cmocka_unit_test(test_tabs_read),
	    cmocka_unit_test(test_xlsx_shared_strings),
	    cmocka_unit_test(test_xlsx_inline_strings),
	    cmocka_unit_test(test_not_a_workbook),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
