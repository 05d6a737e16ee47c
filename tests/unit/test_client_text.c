/* Text helpers of the unit client (trimming, timestamps) and the Vietnamese
 * wording of check errors. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "item.h"
#include "messages.h"
#include "text.h"

static void test_trim(void **state)
{
	char *s;

	(void)state;
	s = text_trim_dup(" \t Đổi mới\n\r ");
	assert_string_equal(s, "Đổi mới");
	free(s);
	s = text_trim_dup("\xc2\xa0Nội dung\xc2\xa0"); /* no-break spaces */
	assert_string_equal(s, "Nội dung");
	free(s);
	s = text_trim_dup("   ");
	assert_string_equal(s, "");
	free(s);
	s = text_trim_dup("giữa  có   cách");
	assert_string_equal(s, "giữa  có   cách");
	free(s);
	assert_null(text_trim_dup(NULL));
}

static void test_time(void **state)
{
	char iso[32];

	(void)state;
	text_iso8601(1647388800000, iso, sizeof(iso)); /* plan 28/KH date */
	assert_string_equal(iso, "2022-03-16T00:00:00Z");
}

static void test_check_messages(void **state)
{
	struct check_error e;
	char out[256];

	(void)state;
	snprintf(e.field, sizeof(e.field), "authors[2].position");
	snprintf(e.reason, sizeof(e.reason), "has 201 characters, at most 200 allowed");
	messages_check_error(&e, out, sizeof(out));
	assert_string_equal(out, "--author (tác giả thứ 3, chức vụ): quá dài "
				 "(has 201 characters, at most 200 allowed)");

	snprintf(e.field, sizeof(e.field), "summary");
	snprintf(e.reason, sizeof(e.reason), "must not be empty");
	messages_check_error(&e, out, sizeof(out));
	assert_string_equal(out, "--summary (tóm tắt nội dung): không được để trống");

	snprintf(e.field, sizeof(e.field), "effect");
	snprintf(e.reason, sizeof(e.reason), "something new");
	messages_check_error(&e, out, sizeof(out));
	assert_string_equal(out, "--effect (hiệu quả): không hợp lệ (something new)");
}

static void test_states(void **state)
{
	enum item_state s;

	(void)state;
	for (int i = ITEM_PENDING; i <= ITEM_CONFLICT; i++) {
		assert_true(item_state_parse(item_state_name((enum item_state)i), &s));
		assert_int_equal(s, i);
		assert_string_not_equal(messages_state((enum item_state)i), "?");
	}
	assert_false(item_state_parse("sent", &s));
	assert_string_equal(item_state_name(ITEM_FORBIDDEN), "forbidden");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_trim),
	    cmocka_unit_test(test_time),
	    cmocka_unit_test(test_check_messages),
	    cmocka_unit_test(test_states),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
