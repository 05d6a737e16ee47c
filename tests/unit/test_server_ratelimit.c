/* Enrollment limits: free failures, doubling delays with a cap, forgetting,
 * the overall bucket, and a flood of addresses in a fixed table. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <arpa/inet.h>
#include <cmocka.h>
#include <netinet/in.h>

#include "ratelimit.h"

static const struct ratelimit_params P = {
    .free_failures = 3, .max_delay_ms = 8000, .global_per_minute = 1000000};

static struct sockaddr_storage v4(uint32_t host)
{
	struct sockaddr_storage ss;
	memset(&ss, 0, sizeof(ss));
	struct sockaddr_in *in = (struct sockaddr_in *)&ss;
	in->sin_family = AF_INET;
	in->sin_addr.s_addr = htonl(host);
	return ss;
}

static struct sockaddr_storage v6(const char *text, uint16_t port)
{
	struct sockaddr_storage ss;
	memset(&ss, 0, sizeof(ss));
	struct sockaddr_in6 *in6 = (struct sockaddr_in6 *)&ss;
	in6->sin6_family = AF_INET6;
	in6->sin6_port = htons(port);
	assert_int_equal(inet_pton(AF_INET6, text, &in6->sin6_addr), 1);
	return ss;
}

#define SA(ss) ((const struct sockaddr *)&(ss))

static enum ratelimit_verdict check(struct ratelimit *rl, const struct sockaddr_storage *ss,
				    int64_t now, int64_t *wait)
{
	return ratelimit_check(rl, &P, (const struct sockaddr *)ss, now, wait);
}

static void test_delays_double_up_to_the_cap(void **state)
{
	struct ratelimit *rl = ratelimit_create();
	struct sockaddr_storage a = v4(0x0a000001), b = v4(0x0a000002);
	int64_t w = 0, t = 1000;
	for (int i = 0; i < 3; i++) {
		assert_int_equal(check(rl, &a, t, &w), RATELIMIT_ADMIT);
		ratelimit_failed(rl, &P, SA(a), t);
	}
	/* The free failures are used up: the next one starts the delays. */
	assert_int_equal(check(rl, &a, t, &w), RATELIMIT_ADMIT);
	ratelimit_failed(rl, &P, SA(a), t);
	assert_int_equal(check(rl, &a, t + 999, &w), RATELIMIT_REFUSE_ADDRESS);
	assert_int_equal(w, 1);
	assert_int_equal(check(rl, &b, t + 10, &w), RATELIMIT_ADMIT); /* others unaffected */
	int64_t want[] = {1000, 2000, 4000, 8000, 8000, 8000};
	for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		assert_int_equal(check(rl, &a, t + 1, &w), RATELIMIT_REFUSE_ADDRESS);
		assert_int_equal(w, want[i] - 1);
		t += want[i];
		assert_int_equal(check(rl, &a, t, &w), RATELIMIT_ADMIT);
		ratelimit_failed(rl, &P, SA(a), t);
	}
	/* Refused attempts do not lengthen the wait: never more than the cap. */
	for (int i = 0; i < 100; i++)
		assert_int_equal(check(rl, &a, t + i, &w), RATELIMIT_REFUSE_ADDRESS);
	assert_int_equal(check(rl, &a, t + 8000, &w), RATELIMIT_ADMIT);
	ratelimit_free(rl);
}

static void test_success_and_quiet_forget(void **state)
{
	struct ratelimit *rl = ratelimit_create();
	struct sockaddr_storage a = v4(0xc0a80001);
	int64_t w;
	for (int i = 0; i < 6; i++)
		ratelimit_failed(rl, &P, SA(a), 0);
	assert_int_equal(check(rl, &a, 1, &w), RATELIMIT_REFUSE_ADDRESS);
	ratelimit_succeeded(rl, SA(a));
	assert_int_equal(check(rl, &a, 2, &w), RATELIMIT_ADMIT);
	for (int i = 0; i < 6; i++)
		ratelimit_failed(rl, &P, SA(a), 100);
	assert_int_equal(check(rl, &a, 101, &w), RATELIMIT_REFUSE_ADDRESS);
	/* After twice the cap without failures the count starts again. */
	assert_int_equal(check(rl, &a, 100 + 16001, &w), RATELIMIT_ADMIT);
	ratelimit_failed(rl, &P, SA(a), 100 + 16001);
	assert_int_equal(check(rl, &a, 100 + 16002, &w), RATELIMIT_ADMIT);
	ratelimit_free(rl);
}

static void test_ipv6_counts_per_64(void **state)
{
	struct ratelimit *rl = ratelimit_create();
	struct sockaddr_storage a = v6("2001:db8:1:2::10", 1000);
	struct sockaddr_storage same64 = v6("2001:db8:1:2:ffff::1", 2000);
	struct sockaddr_storage other64 = v6("2001:db8:1:3::10", 1000);
	int64_t w;
	for (int i = 0; i < 5; i++)
		ratelimit_failed(rl, &P, SA(a), 0);
	assert_int_equal(check(rl, &same64, 1, &w), RATELIMIT_REFUSE_ADDRESS);
	assert_int_equal(check(rl, &other64, 1, &w), RATELIMIT_ADMIT);
	ratelimit_free(rl);
}

static void test_global_bucket(void **state)
{
	struct ratelimit_params p = P;
	p.global_per_minute = 60; /* one a second, bursts of 6 */
	struct ratelimit *rl = ratelimit_create();
	int64_t w;
	uint32_t host = 0x0b000000;
	/* Successes take nothing from the bucket. */
	for (int i = 0; i < 100; i++) {
		struct sockaddr_storage a = v4(host++);
		assert_int_equal(ratelimit_check(rl, &p, SA(a), 0, &w), RATELIMIT_ADMIT);
		ratelimit_succeeded(rl, SA(a));
	}
	for (int i = 0; i < 6; i++) {
		struct sockaddr_storage a = v4(host++);
		assert_int_equal(ratelimit_check(rl, &p, SA(a), 0, &w), RATELIMIT_ADMIT);
		ratelimit_failed(rl, &p, SA(a), 0);
	}
	struct sockaddr_storage a = v4(host++);
	assert_int_equal(ratelimit_check(rl, &p, SA(a), 0, &w), RATELIMIT_REFUSE_GLOBAL);
	assert_int_equal(w, 1000);
	assert_int_equal(ratelimit_check(rl, &p, SA(a), 500, &w), RATELIMIT_REFUSE_GLOBAL);
	assert_int_equal(ratelimit_check(rl, &p, SA(a), 1000, &w), RATELIMIT_ADMIT);
	ratelimit_free(rl);
}

static void test_address_flood_stays_bounded(void **state)
{
	struct ratelimit *rl = ratelimit_create();
	int64_t w;
	for (uint32_t i = 0; i < 200000; i++) {
		struct sockaddr_storage a = v4(0x0c000000 + i);
		ratelimit_failed(rl, &P, SA(a), i);
	}
	/* The latest guessers are still tracked, the table did not grow. */
	struct sockaddr_storage last = v4(0x0c000000 + 199999);
	for (int i = 0; i < 5; i++)
		ratelimit_failed(rl, &P, SA(last), 199999);
	assert_int_equal(check(rl, &last, 200000, &w), RATELIMIT_REFUSE_ADDRESS);
	ratelimit_free(rl);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_delays_double_up_to_the_cap),
	    cmocka_unit_test(test_success_and_quiet_forget),
	    cmocka_unit_test(test_ipv6_counts_per_64),
	    cmocka_unit_test(test_global_bucket),
	    cmocka_unit_test(test_address_flood_stays_bounded),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
