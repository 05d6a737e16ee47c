/*
 * test_admin_web_range.c - the Range and If-Range headers of a console
 * download (client/web/web_range.h): one range served, everything else
 * ignored or refused as RFC 9110 says, whatever a hostile peer sends.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "web_range.h"

#define TAG "\"0123abcd\""

static void expect(const char *range, const char *if_range, uint64_t size, enum web_range_kind kind,
		   uint64_t first, uint64_t last)
{
	struct web_range r = web_range_decide(range, if_range, TAG, size);

	if (r.kind != kind || (kind == WEB_RANGE_PART && (r.first != first || r.last != last)))
		fail_msg("Range '%s' of %llu bytes: kind %d %llu-%llu, expected %d %llu-%llu",
			 range ? range : "(none)", (unsigned long long)size, r.kind,
			 (unsigned long long)r.first, (unsigned long long)r.last, kind,
			 (unsigned long long)first, (unsigned long long)last);
}

static void test_one_range(void **state)
{
	(void)state;
	expect(NULL, NULL, 1000, WEB_RANGE_WHOLE, 0, 0);
	expect("bytes=0-", NULL, 1000, WEB_RANGE_PART, 0, 999);
	expect("bytes=100-", NULL, 1000, WEB_RANGE_PART, 100, 999);
	expect("bytes=100-199", NULL, 1000, WEB_RANGE_PART, 100, 199);
	expect("bytes=999-999", NULL, 1000, WEB_RANGE_PART, 999, 999);
	expect("BYTES=5-9", NULL, 1000, WEB_RANGE_PART, 5, 9); /* the unit has no case */
	expect("bytes= 5-9 ", NULL, 1000, WEB_RANGE_PART, 5, 9);
	/* A last byte past the end is the end. */
	expect("bytes=500-5000", NULL, 1000, WEB_RANGE_PART, 500, 999);
	expect("bytes=500-99999999999999999999999", NULL, 1000, WEB_RANGE_PART, 500, 999);
	/* The last S bytes; more than the file is all of it. */
	expect("bytes=-1", NULL, 1000, WEB_RANGE_PART, 999, 999);
	expect("bytes=-300", NULL, 1000, WEB_RANGE_PART, 700, 999);
	expect("bytes=-5000", NULL, 1000, WEB_RANGE_PART, 0, 999);
}

static void test_unsatisfiable(void **state)
{
	(void)state;
	expect("bytes=1000-", NULL, 1000, WEB_RANGE_UNSATISFIABLE, 0, 0);
	expect("bytes=1000-2000", NULL, 1000, WEB_RANGE_UNSATISFIABLE, 0, 0);
	expect("bytes=18446744073709551615-", NULL, 1000, WEB_RANGE_UNSATISFIABLE, 0, 0);
	expect("bytes=99999999999999999999999999-", NULL, 1000, WEB_RANGE_UNSATISFIABLE, 0, 0);
	expect("bytes=-0", NULL, 1000, WEB_RANGE_UNSATISFIABLE, 0, 0);
}

/* What is not one well-formed range is ignored: the whole file. */
static void test_ignored(void **state)
{
	static const char *const bad[] = {
	    "",		  "bytes",	   "bytes=",	     "bytes=-",	    "bytes=5",
	    "bytes=9-5",  "bytes=0-1,5-6", "bytes=0-1, 5-6", "items=0-5",   "bytes =0-5",
	    "bytes=+5-9", "bytes=5--9",	   "bytes=5-9x",     "bytes=0x10-", "bytes=5-\n",
	    "bytes=--5",  "bytes=5-9-",	   "bytesx=0-5",     "bytes=-5-9",  "bytes=1e3-",
	};

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		expect(bad[i], NULL, 1000, WEB_RANGE_WHOLE, 0, 0);
}

/* If-Range: the range only for the same file, named by its strong tag. */
static void test_if_range(void **state)
{
	(void)state;
	expect("bytes=100-", TAG, 1000, WEB_RANGE_PART, 100, 999);
	expect("bytes=100-", "\"0123abce\"", 1000, WEB_RANGE_WHOLE, 0, 0);
	expect("bytes=100-", "W/" TAG, 1000, WEB_RANGE_WHOLE, 0, 0);
	expect("bytes=100-", "0123abcd", 1000, WEB_RANGE_WHOLE, 0, 0);
	expect("bytes=100-", "Wed, 21 Oct 2026 07:28:00 GMT", 1000, WEB_RANGE_WHOLE, 0, 0);
	expect("bytes=100-", "", 1000, WEB_RANGE_WHOLE, 0, 0);
	/* A tag that matches does not make a bad range good. */
	expect("bytes=1000-", TAG, 1000, WEB_RANGE_UNSATISFIABLE, 0, 0);
	expect(NULL, TAG, 1000, WEB_RANGE_WHOLE, 0, 0);
}

static void test_empty_file(void **state)
{
	(void)state;
	expect("bytes=0-", NULL, 0, WEB_RANGE_UNSATISFIABLE, 0, 0);
	expect("bytes=-5", NULL, 0, WEB_RANGE_UNSATISFIABLE, 0, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_one_range),  cmocka_unit_test(test_unsatisfiable),
	    cmocka_unit_test(test_ignored),    cmocka_unit_test(test_if_range),
	    cmocka_unit_test(test_empty_file),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
