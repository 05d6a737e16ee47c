/*
 * test_server_review_check.c - the rules of a ReviewAction checked before
 * the database sees it: what each op needs, what it must not carry, dates,
 * amounts and free text (Vietnamese included).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "review_check.h"

#define UUID "01890a5d-ac96-774b-bcce-b302099a8057"

static int32_t today(void)
{
	int32_t d;
	assert_true(date_parse("2022-06-15", &d));
	return d;
}

struct action {
	Sangkien__ReviewAction a;
	Sangkien__Recognition rec;
	Sangkien__Reward rw;
};

static void init_action(struct action *x, Sangkien__ReviewOp op)
{
	sangkien__review_action__init(&x->a);
	sangkien__recognition__init(&x->rec);
	sangkien__reward__init(&x->rw);
	x->a.uuid = UUID;
	x->a.op = op;
	x->rec.decision_number = "12/QĐ-CĐCS";
	x->rec.decision_date = "2022-05-20";
	x->rec.recognized_by = "Giám đốc Trần Văn Bình";
	x->rw.kind = SANGKIEN__REWARD_KIND__REWARD_KIND_COMMENDATION;
	x->rw.level = "Thành phố";
	x->rw.decision_number = "34/QĐ-LĐLĐ";
	x->rw.decision_date = "2022-06-01";
}

static void expect_invalid(const Sangkien__ReviewAction *a, const char *field)
{
	struct check_error err;
	memset(&err, 0, sizeof(err));
	assert_false(review_check_action(a, today(), &err));
	assert_string_equal(err.field, field);
	assert_true(err.reason[0] != '\0');
}

static void test_op_names(void **state)
{
	(void)state;
	assert_string_equal(review_op_name(SANGKIEN__REVIEW_OP__REVIEW_OP_START), "start");
	assert_string_equal(review_op_name(SANGKIEN__REVIEW_OP__REVIEW_OP_REQUEST_CHANGES),
			    "request_changes");
	assert_string_equal(review_op_name(SANGKIEN__REVIEW_OP__REVIEW_OP_NOTE), "note");
	assert_null(review_op_name(SANGKIEN__REVIEW_OP__REVIEW_OP_UNSPECIFIED));
	assert_null(review_op_name((Sangkien__ReviewOp)99));
}

static void test_start_needs_nothing(void **state)
{
	struct action x;
	struct check_error err;
	(void)state;
	init_action(&x, SANGKIEN__REVIEW_OP__REVIEW_OP_START);
	assert_true(review_check_action(&x.a, today(), &err));
	x.a.note = "Bắt đầu thẩm định";
	assert_true(review_check_action(&x.a, today(), &err));
	x.a.recognition = &x.rec;
	expect_invalid(&x.a, "recognition");
	x.a.recognition = NULL;
	x.a.reward = &x.rw;
	expect_invalid(&x.a, "reward");
}

static void test_bad_uuid_and_op(void **state)
{
	struct action x;
	(void)state;
	init_action(&x, SANGKIEN__REVIEW_OP__REVIEW_OP_START);
	x.a.uuid = "01890A5D-AC96-774B-BCCE-B302099A8057"; /* upper case */
	expect_invalid(&x.a, "uuid");
	x.a.uuid = "";
	expect_invalid(&x.a, "uuid");
	x.a.uuid = UUID;
	x.a.op = SANGKIEN__REVIEW_OP__REVIEW_OP_UNSPECIFIED;
	expect_invalid(&x.a, "op");
}

static void test_notes_required(void **state)
{
	struct action x;
	struct check_error err;
	(void)state;
	Sangkien__ReviewOp ops[] = {SANGKIEN__REVIEW_OP__REVIEW_OP_REQUEST_CHANGES,
				    SANGKIEN__REVIEW_OP__REVIEW_OP_REJECT,
				    SANGKIEN__REVIEW_OP__REVIEW_OP_NOTE};
	for (size_t i = 0; i < 3; i++) {
		init_action(&x, ops[i]);
		expect_invalid(&x.a, "note");
		x.a.note = " \t\n\xc2\xa0"; /* blank, U+00A0 included */
		expect_invalid(&x.a, "note");
		x.a.note = "Bổ sung số liệu tiết kiệm:\n- tiền điện\n- thời gian";
		assert_true(review_check_action(&x.a, today(), &err));
	}
	init_action(&x, SANGKIEN__REVIEW_OP__REVIEW_OP_REJECT);
	assert_false(review_check_action(&x.a, today(), &err));
	assert_string_equal(err.reason, "reject needs a note (the reason)");
}

static void test_note_text_rules(void **state)
{
	struct action x;
	struct check_error err;
	static char long_note[REVIEW_NOTE_MAX * 2 + 8];
	(void)state;
	init_action(&x, SANGKIEN__REVIEW_OP__REVIEW_OP_NOTE);
	x.a.note = "Ghi chú\x01";
	expect_invalid(&x.a, "note");
	x.a.note = "Ghi ch\xc3"; /* truncated UTF-8 */
	expect_invalid(&x.a, "note");
	x.a.note = "C1 control \xc2\x85 here";
	expect_invalid(&x.a, "note");
	/* Limits count characters, not bytes: "đ" is two bytes. */
	memset(long_note, 0, sizeof(long_note));
	for (size_t i = 0; i < REVIEW_NOTE_MAX; i++)
		memcpy(long_note + 2 * i, "\xc4\x91", 2); /* đ */
	x.a.note = long_note;
	assert_true(review_check_action(&x.a, today(), &err));
	memcpy(long_note + 2 * REVIEW_NOTE_MAX, "a", 2);
	expect_invalid(&x.a, "note");
}

static void test_recognize(void **state)
{
	struct action x;
	struct check_error err;
	(void)state;
	init_action(&x, SANGKIEN__REVIEW_OP__REVIEW_OP_RECOGNIZE);
	expect_invalid(&x.a, "recognition");
	x.a.recognition = &x.rec;
	assert_true(review_check_action(&x.a, today(), &err));
	x.rec.decision_number = "";
	expect_invalid(&x.a, "recognition.decision_number");
	x.rec.decision_number = "12/QĐ\n";
	expect_invalid(&x.a, "recognition.decision_number");
	x.rec.decision_number = "12/QĐ-CĐCS";
	x.rec.decision_date = "2022-02-30";
	expect_invalid(&x.a, "recognition.decision_date");
	x.rec.decision_date = "2021-08-31";
	expect_invalid(&x.a, "recognition.decision_date");
	x.rec.decision_date = "2022-06-17"; /* today + 2 */
	expect_invalid(&x.a, "recognition.decision_date");
	x.rec.decision_date = "2022-06-16";
	assert_true(review_check_action(&x.a, today(), &err));
	x.rec.recognized_by = "   ";
	expect_invalid(&x.a, "recognition.recognized_by");
	x.rec.recognized_by = "Giám đốc";
	x.a.reward = &x.rw;
	expect_invalid(&x.a, "reward");
}

static void test_reward(void **state)
{
	struct action x;
	struct check_error err;
	(void)state;
	init_action(&x, SANGKIEN__REVIEW_OP__REVIEW_OP_REWARD);
	expect_invalid(&x.a, "reward");
	x.a.reward = &x.rw;
	assert_true(review_check_action(&x.a, today(), &err)); /* amount 0: none */
	x.rw.amount_vnd = 500000;
	assert_true(review_check_action(&x.a, today(), &err));
	x.rw.amount_vnd = -1;
	expect_invalid(&x.a, "reward.amount_vnd");
	x.rw.amount_vnd = REVIEW_AMOUNT_MAX + 1;
	expect_invalid(&x.a, "reward.amount_vnd");
	x.rw.amount_vnd = REVIEW_AMOUNT_MAX;
	assert_true(review_check_action(&x.a, today(), &err));
	x.rw.kind = SANGKIEN__REWARD_KIND__REWARD_KIND_UNSPECIFIED;
	expect_invalid(&x.a, "reward.kind");
	x.rw.kind = SANGKIEN__REWARD_KIND__REWARD_KIND_REWARD;
	x.rw.level = "";
	expect_invalid(&x.a, "reward.level");
	x.rw.level = "Quận";
	x.rw.decision_date = "01/06/2022";
	expect_invalid(&x.a, "reward.decision_date");
	x.rw.decision_date = "2022-06-01";
	x.a.recognition = &x.rec;
	expect_invalid(&x.a, "recognition");
}

static void test_text_line(void **state)
{
	struct check_error err;
	(void)state;
	assert_true(review_check_text("label", "Nguyễn Thị Hà (Quận 11)", REVIEW_TEXT_LINE, true,
				      REVIEW_NAME_MAX, &err));
	assert_false(review_check_text("label", "a\tb", REVIEW_TEXT_LINE, true, 10, &err));
	assert_string_equal(err.field, "label");
	assert_true(review_check_text("label", "", REVIEW_TEXT_LINE, false, 10, &err));
	assert_true(review_check_text("label", NULL, REVIEW_TEXT_LINE, false, 10, &err));
	assert_false(review_check_text("label", NULL, REVIEW_TEXT_LINE, true, 10, &err));
	assert_true(review_check_text("x", "Đổi mới", REVIEW_TEXT_LINE, true, 7, &err));
	assert_false(review_check_text("x", "Đổi mới!", REVIEW_TEXT_LINE, true, 7, &err));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_op_names),	    cmocka_unit_test(test_start_needs_nothing),
	    cmocka_unit_test(test_bad_uuid_and_op), cmocka_unit_test(test_notes_required),
	    cmocka_unit_test(test_note_text_rules), cmocka_unit_test(test_recognize),
	    cmocka_unit_test(test_reward),	    cmocka_unit_test(test_text_line),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
