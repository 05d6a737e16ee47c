/* log_printable: what a peer sends reaches the log as one safe line. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "log.h"

static void test_controls_and_quotes(void **state)
{
	char out[65];
	(void)state;
	assert_string_equal(log_printable(out, sizeof(out), "sangkien/0.1"), "sangkien/0.1");
	assert_string_equal(log_printable(out, sizeof(out), "a\x1b[2J\"b\\\n\x7f"), "a?[2J?b???");
	assert_string_equal(log_printable(out, sizeof(out), NULL), "");
}

static void test_cut_on_a_character(void **state)
{
	char out[8];
	(void)state;
	/* "Đổi" is 2 + 3 + 1 bytes: a cut inside "ổ" keeps "Đ" only. */
	assert_string_equal(log_printable(out, 7, "Đổi mới"), "Đổi");
	assert_string_equal(log_printable(out, 6, "Đổi mới"), "Đổ");
	assert_string_equal(log_printable(out, 5, "Đổi mới"), "Đ");
	assert_string_equal(log_printable(out, 4, "Đổi mới"), "Đ");
	assert_string_equal(log_printable(out, 3, "Đổi mới"), "Đ");
	assert_string_equal(log_printable(out, 2, "Đổi mới"), "");
	assert_string_equal(log_printable(out, 6, "abcde"), "abcde");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_controls_and_quotes),
	    cmocka_unit_test(test_cut_on_a_character),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
