/* Backoff before retrying a sync: grows exponentially, capped per wait,
 * with full jitter (anywhere from 0 to the ceiling), and the progress line. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "progress.h"
#include "retry.h"

static void test_ceiling_doubles_up_to_cap(void **state)
{
	(void)state;
	/* r just below 1: the ceiling itself. */
	assert_int_equal(retry_delay_ms(1, 500, 60000, 0.9999999), 500);
	assert_int_equal(retry_delay_ms(2, 500, 60000, 0.9999999), 1000);
	assert_int_equal(retry_delay_ms(3, 500, 60000, 0.9999999), 2000);
	assert_int_equal(retry_delay_ms(8, 500, 60000, 0.9999999), 60000);
	assert_int_equal(retry_delay_ms(40, 500, 60000, 0.9999999), 60000);
	assert_int_equal(retry_delay_ms(3, 500, 1000, 0.9999999), 1000);
	/* Full jitter: r = 0 waits nothing, r = 0.5 half the ceiling. */
	assert_int_equal(retry_delay_ms(5, 500, 60000, 0.0), 0);
	assert_int_equal(retry_delay_ms(2, 500, 60000, 0.5), 500);
	/* No waiting asked for. */
	assert_int_equal(retry_delay_ms(0, 500, 60000, 0.7), 0);
	assert_int_equal(retry_delay_ms(3, 500, 0, 0.7), 0);
}

static void test_random_in_range(void **state)
{
	double lo = 1, hi = 0;

	(void)state;
	for (int i = 0; i < 2000; i++) {
		double r = retry_random();

		assert_true(r >= 0 && r < 1);
		lo = r < lo ? r : lo;
		hi = r > hi ? r : hi;
	}
	/* Spread over the range, not a constant. */
	assert_true(lo < 0.1);
	assert_true(hi > 0.9);
}

static void test_progress_line(void **state)
{
	struct sync_counts c;
	char line[256], b[32];

	(void)state;
	memset(&c, 0, sizeof(c));
	c.total = 10000;
	c.sent = 2500;
	c.bytes_sent = 1234567;
	c.bytes_received = 4321;
	progress_line(&c, line, sizeof(line));
	assert_non_null(strstr(line, "2500/10000 mục"));
	assert_non_null(strstr(line, "1,2 MB"));
	assert_non_null(strstr(line, "4,3 KB"));
	/* A resent batch never shows more than the total. */
	c.sent = 10100;
	progress_line(&c, line, sizeof(line));
	assert_non_null(strstr(line, "10000/10000 mục"));
	progress_bytes(999, b, sizeof(b));
	assert_string_equal(b, "999 B");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_ceiling_doubles_up_to_cap),
	    cmocka_unit_test(test_random_in_range),
	    cmocka_unit_test(test_progress_line),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
