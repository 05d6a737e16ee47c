/* The exit statuses both clients end with, for every network outcome and
 * every server error code, and the Vietnamese wording of those codes. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "exit_status.h"

static void test_network_outcomes(void **state)
{
	const Sangkien__ErrorCode none = SANGKIEN__ERROR_CODE__ERROR_UNSPECIFIED;

	(void)state;
	assert_int_equal(sk_exit_for(NET_OK, none), 0);
	assert_int_equal(sk_exit_for(NET_UNREACHABLE, none), 4);
	assert_int_equal(sk_exit_for(NET_IO, none), 4);
	assert_int_equal(sk_exit_for(NET_PROTOCOL, none), 1);
	assert_int_equal(sk_exit_for(NET_TLS, none), 5);
	assert_int_equal(sk_exit_for(NET_REFUSED, none), 1);
}

static void test_server_codes(void **state)
{
	static const struct {
		Sangkien__ErrorCode code;
		int status;
	} want[] = {
	    {SANGKIEN__ERROR_CODE__ERROR_PROTOCOL, 1},
	    {SANGKIEN__ERROR_CODE__ERROR_FRAME_TOO_LARGE, 1},
	    {SANGKIEN__ERROR_CODE__ERROR_HELLO_REQUIRED, 1},
	    {SANGKIEN__ERROR_CODE__ERROR_UNSUPPORTED_VERSION, 5},
	    {SANGKIEN__ERROR_CODE__ERROR_BAD_CREDENTIAL, 5},
	    {SANGKIEN__ERROR_CODE__ERROR_FORBIDDEN, 5},
	    {SANGKIEN__ERROR_CODE__ERROR_INVALID_ARGUMENT, 3},
	    {SANGKIEN__ERROR_CODE__ERROR_NOT_FOUND, 3},
	    {SANGKIEN__ERROR_CODE__ERROR_BAD_ENROLLMENT_CODE, 5},
	    {SANGKIEN__ERROR_CODE__ERROR_LIMIT_EXCEEDED, 3},
	    {SANGKIEN__ERROR_CODE__ERROR_UNAVAILABLE, 4},
	    /* Once 4 in sangkien and 1 in sangkien-admin; now 4 in both. */
	    {SANGKIEN__ERROR_CODE__ERROR_INTERNAL, 4},
	    {SANGKIEN__ERROR_CODE__ERROR_TIMEOUT, 4},
	    {SANGKIEN__ERROR_CODE__ERROR_ALREADY_AUTHENTICATED, 1},
	};
	const char *texts[sizeof(want) / sizeof(want[0])];

	(void)state;
	for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		assert_int_equal(sk_exit_for(NET_REFUSED, want[i].code), want[i].status);
		texts[i] = sk_error_text(want[i].code);
		assert_string_not_equal(texts[i], "lỗi không xác định");
		for (size_t j = 0; j < i; j++)
			assert_string_not_equal(texts[i], texts[j]);
	}
	assert_int_equal(sk_exit_for(NET_REFUSED, (Sangkien__ErrorCode)999), 1);
	assert_string_equal(sk_error_text((Sangkien__ErrorCode)999), "lỗi không xác định");
}

static void test_help_names_every_status(void **state)
{
	(void)state;
	for (int s = 0; s <= 5; s++) {
		char n[8];

		snprintf(n, sizeof(n), " %d ", s);
		assert_non_null(strstr(sk_exit_help, n));
	}
	assert_int_equal(sk_exit_help[strlen(sk_exit_help) - 1], '\n');
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_network_outcomes),
	    cmocka_unit_test(test_server_codes),
	    cmocka_unit_test(test_help_names_every_status),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
