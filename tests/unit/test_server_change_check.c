/* Rules for edits, withdrawals and pull pages: reasons, page sizes, size
 * budgets, and who may send the requests. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "change_check.h"
#include "policy.h"

static void test_reason_accepts(void **state)
{
	struct check_error err;
	(void)state;
	assert_true(change_reason_check("", &err));
	assert_true(change_reason_check(NULL, &err));
	assert_true(change_reason_check("Rút lại vì trùng với sáng kiến đã gửi năm 2021", &err));
	assert_true(change_reason_check("Dòng một\nDòng hai\tcó tab", &err));
}

static void test_reason_length_in_code_points(void **state)
{
	struct check_error err;
	/* "ế" is 3 bytes: the limit counts characters, not bytes. */
	size_t n = CHANGE_REASON_MAX;
	char *s = malloc(n * 3 + 4);
	(void)state;
	assert_non_null(s);
	for (size_t i = 0; i < n; i++)
		memcpy(s + 3 * i, "ế", 3);
	s[3 * n] = '\0';
	assert_true(change_reason_check(s, &err));
	memcpy(s + 3 * n, "a", 2);
	assert_false(change_reason_check(s, &err));
	assert_string_equal(err.field, "reason");
	assert_non_null(strstr(err.reason, "2001 characters"));
	free(s);
}

static void test_reason_refuses_bad_bytes(void **state)
{
	struct check_error err;
	(void)state;
	assert_false(change_reason_check("l\xc3\x28 do", &err)); /* broken UTF-8 */
	assert_string_equal(err.field, "reason");
	assert_non_null(strstr(err.reason, "UTF-8"));
	assert_false(change_reason_check("\xed\xa0\x80", &err)); /* a surrogate */
	assert_false(change_reason_check("xin\x01rút", &err));
	assert_non_null(strstr(err.reason, "control character (byte 3)"));
	assert_false(change_reason_check("a\rb", &err));
	assert_false(change_reason_check("a\x7f", &err));
}

static void test_page_items(void **state)
{
	(void)state;
	assert_int_equal(change_pull_page_items(0, 200), 200);
	assert_int_equal(change_pull_page_items(1, 200), 1);
	assert_int_equal(change_pull_page_items(200, 200), 200);
	assert_int_equal(change_pull_page_items(201, 200), 200);
	assert_int_equal(change_pull_page_items(UINT32_MAX, 200), 200);
}

static void test_fit(void **state)
{
	size_t sizes[] = {100, 100, 100, 100};
	(void)state;
	/* Each item costs its size plus 11 bytes of framing at most. */
	assert_int_equal(change_pull_fit(sizes, 4, 10000), 4);
	assert_int_equal(change_pull_fit(sizes, 4, 333), 3);
	assert_int_equal(change_pull_fit(sizes, 4, 332), 2);
	assert_int_equal(change_pull_fit(sizes, 0, 10000), 0);
	/* A lone item above the budget still goes, alone. */
	size_t big[] = {5000, 10};
	assert_int_equal(change_pull_fit(big, 2, 1000), 1);
	/* Exactly filling the budget stops there. */
	size_t exact[] = {89, 10};
	assert_int_equal(change_pull_fit(exact, 2, 100), 1);
}

#define B(x) SANGKIEN__ENVELOPE__BODY_##x
#define R(x) SANGKIEN__ROLE__ROLE_##x

static void test_policy(void **state)
{
	(void)state;
	assert_true(policy_is_request(B(EDIT)));
	assert_true(policy_is_request(B(WITHDRAW)));
	assert_true(policy_is_request(B(PULL)));
	assert_false(policy_is_request(B(CHANGE_REPLY)));
	assert_false(policy_is_request(B(PULL_REPLY)));
	assert_true(policy_allows(R(UNIT), B(EDIT)));
	assert_true(policy_allows(R(UNIT), B(WITHDRAW)));
	assert_true(policy_allows(R(UNIT), B(PULL)));
	Sangkien__Role others[] = {R(ANONYMOUS), R(OPERATOR), R(ADMINISTRATOR), R(UNSPECIFIED)};
	for (size_t i = 0; i < sizeof(others) / sizeof(others[0]); i++) {
		assert_false(policy_allows(others[i], B(EDIT)));
		assert_false(policy_allows(others[i], B(WITHDRAW)));
		assert_false(policy_allows(others[i], B(PULL)));
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_reason_accepts),
	    cmocka_unit_test(test_reason_length_in_code_points),
	    cmocka_unit_test(test_reason_refuses_bad_bytes),
	    cmocka_unit_test(test_page_items),
	    cmocka_unit_test(test_fit),
	    cmocka_unit_test(test_policy),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
