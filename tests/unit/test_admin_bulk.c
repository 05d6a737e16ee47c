/*
 * test_admin_bulk.c - the bulk files of sangkien-admin: the CSV reader
 * (quotes, CRLF, BOM, line numbers, refusals), the targets file and the
 * review-actions file (every problem listed with its line, nothing kept
 * from a file with problems).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "in_csv.h"
#include "review_plan.h"
#include "review_send.h"
#include "target_csv.h"

#define U1 "01890a5d-ac96-774b-bcce-b302099a8057"
#define U2 "01890a5d-ac96-774b-bcce-b302099a8058"

static struct in_csv *parse(const char *text)
{
	char err[256] = "";
	struct in_csv *csv = in_csv_parse(text, strlen(text), ',', err, sizeof(err));

	if (!csv)
		fprintf(stderr, "in_csv_parse: %s\n", err);
	assert_non_null(csv);
	return csv;
}

static void expect_refused(const char *text, const char *message)
{
	char err[256] = "";

	assert_null(in_csv_parse(text, strlen(text), ',', err, sizeof(err)));
	assert_string_equal(err, message);
}

static void test_csv_reader(void **state)
{
	struct in_csv *csv;

	(void)state;
	csv = parse("\xEF\xBB\xBF"
		    "a,b,c\r\n"
		    "1,\"x, \"\"y\"\"\",\r\n"
		    "\r\n"
		    "2,\"two\nlines\",Tiếng Việt\n"
		    "3,,\"\"");
	assert_int_equal(csv->n, 4);
	assert_string_equal(csv->rows[0].fields[0], "a");
	assert_int_equal(csv->rows[1].line, 2);
	assert_string_equal(csv->rows[1].fields[1], "x, \"y\"");
	assert_string_equal(csv->rows[1].fields[2], "");
	assert_int_equal(csv->rows[2].line, 4); /* the blank line 3 is skipped */
	assert_string_equal(csv->rows[2].fields[1], "two\nlines");
	assert_string_equal(csv->rows[2].fields[2], "Tiếng Việt");
	assert_int_equal(csv->rows[3].line, 6); /* after the two-line field */
	assert_int_equal(csv->rows[3].n, 3);
	assert_int_equal(in_csv_column(csv, "c"), 2);
	assert_int_equal(in_csv_column(csv, "d"), -1);
	assert_string_equal(in_csv_field(&csv->rows[3], 7), "");
	in_csv_free(csv);

#define SYNTAX                                                                                                          \
	"lỗi cú pháp CSV: dấu ngoặc kép (\") đặt sai chỗ (ô có dấu phân cách, ngoặc kép hoặc " \
	"xuống "                                                                                                      \
	"dòng phải nằm trong ngoặc kép, ngoặc kép bên trong viết thành \"\")"
	expect_refused("a\n\"open",
		       "dòng 2: dấu ngoặc kép mở một ô ở dòng này không được đóng đến hết tệp");
	expect_refused("a\nb\"c\n", "dòng 2: " SYNTAX);
	expect_refused("a\n\"b\"c\n", "dòng 2: " SYNTAX);
	expect_refused("a\nb\nc\xC3\x28\n", "dòng 3: cột thứ 1 không phải văn bản UTF-8 hợp lệ");
	/* A NUL byte in a cell is named by row and column, never cut. */
	{
		static const char nul[] = "a,b\n1,x\0y\n";
		char err[256] = "";

		assert_null(in_csv_parse(nul, sizeof(nul) - 1, ',', err, sizeof(err)));
		assert_string_equal(
		    err, "dòng 2: cột thứ 2 chứa byte NUL (byte thứ 2 của ô); hãy xóa ký tự này");
	}
	/* Read with the separator import_source.h found: ';' splits, a comma
	 * is text, and a problem is named on the file's own line and column. */
	{
		static const char semi[] = "a;b\n1;\"x;y\"\n2,5;z\n3;w\xC3\x28\n";
		char err[256] = "";

		assert_null(in_csv_parse(semi, sizeof(semi) - 1, ';', err, sizeof(err)));
		assert_string_equal(err, "dòng 4: cột thứ 2 không phải văn bản UTF-8 hợp lệ");
		csv = in_csv_parse(semi, sizeof(semi) - 8, ';', err, sizeof(err));
		assert_non_null(csv);
		assert_int_equal(csv->n, 3);
		assert_string_equal(csv->rows[1].fields[1], "x;y");
		assert_string_equal(csv->rows[2].fields[0], "2,5");
		in_csv_free(csv);
	}
#undef SYNTAX
}

static struct target_csv *targets(const char *text)
{
	struct in_csv *csv = parse(text);
	struct target_csv *t = target_csv_from(csv);

	in_csv_free(csv);
	return t;
}

static void expect_target_problem(const struct target_csv *t, size_t i, uint32_t line,
				  const char *column, const char *message)
{
	assert_true(i < t->n_problems);
	assert_int_equal(t->problems[i].line, line);
	assert_string_equal(t->problems[i].column, column);
	assert_string_equal(t->problems[i].message, message);
}

static void test_targets_file(void **state)
{
	struct target_csv *t;

	(void)state;
	t = targets("ma_don_vi,giai_doan,chi_tieu\nQ11,,1000\nQ11,P1,200\nQ11-001,P1,3\n");
	assert_int_equal(t->n_problems, 0);
	assert_int_equal(t->n_rows, 3);
	assert_string_equal(t->rows[0].phase_code, "");
	assert_int_equal(t->rows[0].target, 1000);
	assert_int_equal(t->rows[2].line, 4);
	target_csv_free(t);

	/* Every problem, in line order, the repeat naming the first line. */
	t = targets("chi_tieu,ma_don_vi,giai_doan\n"
		    "5,Q11,P1\n"
		    "-1,Q11-001,\n"
		    "10000001,Q 11,P/1\n"
		    "7,Q11,P1\n"
		    "7,Q11,\n");
	assert_int_equal(t->n_problems, 5);
	expect_target_problem(t, 0, 3, "chi_tieu",
			      "'-1' không phải chỉ tiêu (số nguyên từ 0 đến 10000000)");
	expect_target_problem(t, 1, 4, "ma_don_vi",
			      "mã đơn vị 'Q 11' không hợp lệ (1 đến 32 ký tự A-Z a-z 0-9 . _ -)");
	expect_target_problem(t, 2, 4, "giai_doan",
			      "mã giai đoạn 'P/1' không hợp lệ (để trống cho chỉ tiêu cả đợt)");
	expect_target_problem(t, 3, 4, "chi_tieu",
			      "'10000001' không phải chỉ tiêu (số nguyên từ 0 đến 10000000)");
	expect_target_problem(t, 4, 5, "ma_don_vi", "Q11, giai đoạn P1 trùng với dòng 2");
	target_csv_free(t);

	t = targets("ma_don_vi,chi_tieu,ghi_chu\nQ11,5,x\n");
	assert_int_equal(t->n_problems, 2);
	expect_target_problem(t, 0, 1, "",
			      "cột 'ghi_chu' không có; các cột: ma_don_vi, giai_doan, chi_tieu");
	expect_target_problem(t, 1, 1, "giai_doan", "thiếu cột giai_doan");
	target_csv_free(t);

	t = targets("ma_don_vi,giai_doan,chi_tieu\n");
	assert_int_equal(t->n_problems, 1);
	expect_target_problem(t, 0, 1, "", "tệp không có dòng chỉ tiêu nào");
	target_csv_free(t);
}

static struct review_plan *plan(const char *text)
{
	struct in_csv *csv = parse(text);
	struct review_plan *p = review_plan_from_csv(csv);

	in_csv_free(csv);
	return p;
}

static void expect_review_problem(const struct review_plan *p, size_t i, uint32_t line,
				  const char *column, const char *message)
{
	assert_true(i < p->n_problems);
	assert_int_equal(p->problems[i].line, line);
	assert_string_equal(p->problems[i].column, column);
	if (message)
		assert_string_equal(p->problems[i].message, message);
}

static void test_review_file_good(void **state)
{
	struct review_plan *p;
	Sangkien__ReviewAction a;
	Sangkien__Recognition rec;
	Sangkien__Reward rw;

	(void)state;
	p = plan("uuid,thao_tac,ghi_chu,so_quyet_dinh,ngay_quyet_dinh,nguoi_cong_nhan,hinh_thuc,"
		 "cap_khen,so_tien\n" U1 ",start,,,,,,,\n" U1
		 ",recognize,,12/QĐ,2022-06-01,\"Giám đốc, bà Lan\",,,\n" U1
		 ",reward,,13/QĐ,2022-06-02,,commendation,Quận,\n" U2
		 ",changes,\"Bổ sung số liệu;\ndòng 2\",,,,,,\n" U2 ",note,Đã gọi điện,,,,,,\n");
	assert_int_equal(p->n_problems, 0);
	assert_int_equal(p->n, 5);
	review_item_to_action(&p->items[1], &a, &rec, &rw);
	assert_int_equal(a.op, SANGKIEN__REVIEW_OP__REVIEW_OP_RECOGNIZE);
	assert_non_null(a.recognition);
	assert_null(a.reward);
	assert_string_equal(a.recognition->recognized_by, "Giám đốc, bà Lan");
	review_item_to_action(&p->items[2], &a, &rec, &rw);
	assert_non_null(a.reward);
	assert_int_equal(a.reward->kind, SANGKIEN__REWARD_KIND__REWARD_KIND_COMMENDATION);
	assert_string_equal(a.reward->level, "Quận");
	assert_int_equal(a.reward->amount_vnd, 0);
	assert_int_equal(p->items[3].line, 5);
	assert_string_equal(p->items[3].note, "Bổ sung số liệu;\ndòng 2");
	assert_int_equal(p->items[4].line, 7);
	review_plan_free(p);
}

static void test_review_file_problems(void **state)
{
	struct review_plan *p;

	(void)state;
	p = plan("uuid,thao_tac,ghi_chu,so_quyet_dinh,ngay_quyet_dinh,nguoi_cong_nhan,hinh_thuc,"
		 "cap_khen,so_tien\n"
		 "01890a5d-ac96-674b-bcce-b302099a8057,start,,,,,,,\n" /* version 6 */
		 U1 ",approve,,,,,,,\n" U1 ",reject,,,,,,,\n" U1 ",recognize,,,2022-02-30,,,,\n" U1
		 ",start,ghi chú thừa,,,,,,\n" U1 ",reward,,1,2022-06-01,,gold,Quận,\n" U1
		 ",reward,,1,2022-06-01,,reward,Quận,12.5\n" U1 ",note,\"   \",,,,,,5\n");
	expect_review_problem(p, 0, 2, "uuid", NULL);
	expect_review_problem(p, 1, 3, "thao_tac",
			      "'approve' không phải thao tác; dùng start, recognize, changes, "
			      "reject, reward hoặc note");
	expect_review_problem(p, 2, 4, "ghi_chu", "ghi_chu: không được để trống (thao tác reject)");
	expect_review_problem(p, 3, 5, "so_quyet_dinh", NULL);
	expect_review_problem(p, 4, 5, "ngay_quyet_dinh",
			      "ngay_quyet_dinh: “2022-02-30”: không có ngày 30/02/2022");
	expect_review_problem(p, 5, 5, "nguoi_cong_nhan", NULL);
	expect_review_problem(p, 6, 6, "ghi_chu",
			      "thao tác start không dùng ghi_chu; hãy để trống");
	expect_review_problem(p, 7, 7, "hinh_thuc", NULL);
	expect_review_problem(p, 8, 8, "so_tien", NULL);
	expect_review_problem(p, 9, 9, "ghi_chu", NULL);
	expect_review_problem(p, 10, 9, "so_tien",
			      "thao tác note không dùng so_tien; hãy để trống");
	assert_int_equal(p->n_problems, 11);
	review_plan_free(p);

	p = plan("thao_tac,uuid,mau\n");
	assert_int_equal(p->n_problems, 2);
	expect_review_problem(p, 0, 1, "", NULL);
	assert_non_null(strstr(p->problems[0].message, "cột 'mau' không có"));
	expect_review_problem(p, 1, 1, "", "tệp không có dòng thao tác nào");
	review_plan_free(p);
}

static void test_review_command_line_names_options(void **state)
{
	struct review_plan *p = review_plan_create();
	struct review_item it = {0};

	(void)state;
	p->cli = true;
	it.uuid = U1;
	it.op = SANGKIEN__REVIEW_OP__REVIEW_OP_REJECT;
	it.note = "";
	assert_false(review_plan_add(p, &it, false));
	assert_int_equal(p->n_problems, 1);
	assert_string_equal(p->problems[0].message,
			    "--reason: không được để trống (thao tác reject)");
	it.op = SANGKIEN__REVIEW_OP__REVIEW_OP_START;
	it.recognized_by = "ai đó";
	assert_false(review_plan_add(p, &it, false));
	assert_string_equal(p->problems[1].message, "thao tác start không dùng --by; hãy để trống");
	it.recognized_by = NULL;
	assert_true(review_plan_add(p, &it, false));
	assert_int_equal(p->n, 1);
	review_plan_free(p);
}

/* A refusal as the operator reads it: every result code in Vietnamese, the
 * field named, and the server's words with what could drive a terminal or
 * reorder the text replaced, cut to the room given. */
static void test_review_results_in_words(void **state)
{
	Sangkien__ItemResult r = SANGKIEN__ITEM_RESULT__INIT;
	char out[REVIEW_DETAIL_LEN], small[12];

	(void)state;
	for (int st = SANGKIEN__ITEM_STATUS__ITEM_ACCEPTED;
	     st <= SANGKIEN__ITEM_STATUS__ITEM_LIMIT_EXCEEDED; st++)
		assert_string_not_equal("kết quả không rõ", review_result_text(st));
	assert_string_equal("kết quả không rõ", review_result_text(99));
	assert_string_equal("ngày quyết định", review_result_field("recognition.decision_date"));
	assert_string_equal("ghi chú", review_result_field("note"));
	assert_null(review_result_field("x\x1b[2J"));
	assert_null(review_result_field(NULL));
	assert_string_equal("", review_result_detail(&r, out, sizeof(out)));
	r.reason = (char *)"cannot \x1b[2Jreject\xe2\x80\xae it\r\nnow";
	review_result_detail(&r, out, sizeof(out));
	assert_null(strchr(out, '\x1b'));
	assert_null(strstr(out, "\xe2\x80\xae"));
	assert_null(strchr(out, '\n'));
	assert_non_null(strstr(out, "reject"));
	r.reason = (char *)"đã được công nhận";
	review_result_detail(&r, small, sizeof(small));
	assert_string_equal("đã đư", small); /* cut between characters */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_csv_reader),
	    cmocka_unit_test(test_targets_file),
	    cmocka_unit_test(test_review_file_good),
	    cmocka_unit_test(test_review_file_problems),
	    cmocka_unit_test(test_review_command_line_names_options),
	    cmocka_unit_test(test_review_results_in_words),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
