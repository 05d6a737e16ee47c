/* Who may send what; address parsing; migration naming. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "address.h"
#include "listener.h"
#include "migrate.h"
#include "migrations.h"
#include "policy.h"

#define B(x) SANGKIEN__ENVELOPE__BODY_##x
#define R(x) SANGKIEN__ROLE__ROLE_##x

static void test_anonymous(void **state)
{
	assert_true(policy_allows(R(ANONYMOUS), B(PING)));
	assert_true(policy_allows(R(ANONYMOUS), B(ENROLL)));
	assert_false(policy_allows(R(ANONYMOUS), B(SUBMIT)));
	assert_false(policy_allows(R(ANONYMOUS), B(QUOTA)));
	assert_false(policy_allows(R(ANONYMOUS), B(PUT_UNIT)));
	assert_false(policy_allows(R(ANONYMOUS), B(IMPORT_UNITS)));
	assert_false(policy_allows(R(ANONYMOUS), B(CREATE_ENROLLMENT)));
	assert_false(policy_allows(R(ANONYMOUS), B(PROGRESS)));
}

static void test_unit(void **state)
{
	assert_true(policy_allows(R(UNIT), B(SUBMIT)));
	assert_true(policy_allows(R(UNIT), B(QUOTA)));
	assert_true(policy_allows(R(UNIT), B(PING)));
	assert_false(policy_allows(R(UNIT), B(PUT_UNIT)));
	assert_false(policy_allows(R(UNIT), B(IMPORT_UNITS)));
	assert_false(policy_allows(R(UNIT), B(CREATE_ENROLLMENT)));
	assert_false(policy_allows(R(UNIT), B(PROGRESS)));
}

static void test_operators(void **state)
{
	Sangkien__Role ops[] = {R(OPERATOR), R(ADMINISTRATOR)};
	for (int i = 0; i < 2; i++) {
		assert_true(policy_is_operator(ops[i]));
		assert_true(policy_allows(ops[i], B(PUT_UNIT)));
		assert_true(policy_allows(ops[i], B(IMPORT_UNITS)));
		assert_true(policy_allows(ops[i], B(CREATE_ENROLLMENT)));
		assert_true(policy_allows(ops[i], B(PROGRESS)));
		assert_true(policy_allows(ops[i], B(QUOTA)));
		/* Operators do not submit initiatives in a unit's name. */
		assert_false(policy_allows(ops[i], B(SUBMIT)));
	}
	assert_false(policy_is_operator(R(UNIT)));
	assert_false(policy_is_operator(R(ANONYMOUS)));
}

static void test_replies_are_not_requests(void **state)
{
	assert_true(policy_is_request(B(HELLO)));
	assert_true(policy_is_request(B(SUBMIT)));
	assert_false(policy_is_request(B(ERROR)));
	assert_false(policy_is_request(B(HELLO_REPLY)));
	assert_false(policy_is_request(B(PONG)));
	assert_false(policy_is_request(B(SUBMIT_REPLY)));
	assert_false(policy_is_request(B(PROGRESS_REPLY)));
	assert_false(policy_is_request(SANGKIEN__ENVELOPE__BODY__NOT_SET));
	/* A session without a role (no hello yet) may do nothing. */
	assert_false(policy_allows(R(UNSPECIFIED), B(PING)));
	assert_false(policy_allows((Sangkien__Role)99, B(PING)));
	/* Replies are never allowed, whatever the role. */
	assert_false(policy_allows(R(ADMINISTRATOR), B(SUBMIT_REPLY)));
}

static void test_split_address(void **state)
{
	char host[64], port[8];
	assert_true(address_split("127.0.0.1:7450", host, sizeof(host), port, sizeof(port)));
	assert_string_equal(host, "127.0.0.1");
	assert_string_equal(port, "7450");
	assert_true(address_split("[::1]:0", host, sizeof(host), port, sizeof(port)));
	assert_string_equal(host, "::1");
	assert_string_equal(port, "0");
	assert_true(address_split("localhost:80", host, sizeof(host), port, sizeof(port)));
	assert_false(address_split("127.0.0.1", host, sizeof(host), port, sizeof(port)));
	assert_false(address_split(":7450", host, sizeof(host), port, sizeof(port)));
	assert_false(address_split("h:", host, sizeof(host), port, sizeof(port)));
	assert_false(address_split("h:65536", host, sizeof(host), port, sizeof(port)));
	assert_false(address_split("h:12a", host, sizeof(host), port, sizeof(port)));
	assert_false(address_split("::1:80", host, sizeof(host), port, sizeof(port)));
	assert_false(address_split("[::1]80", host, sizeof(host), port, sizeof(port)));
	/* The rule every program shares (proto/address.c): no white space in
	 * the host, a port of at most 5 digits, NULL refused. */
	assert_false(address_split("my host:80", host, sizeof(host), port, sizeof(port)));
	assert_false(address_split("h:000080", host, sizeof(host), port, sizeof(port)));
	assert_false(address_split("[]:80", host, sizeof(host), port, sizeof(port)));
	assert_false(address_split(NULL, host, sizeof(host), port, sizeof(port)));
	assert_true(address_split("h:65535", host, sizeof(host), port, sizeof(port)));
}

static void test_migrations_embedded(void **state)
{
	assert_int_equal(migrate_version("001_init"), 1);
	assert_int_equal(migrate_version("042_more"), 42);
	assert_int_equal(migrate_version("init"), -1);
	/* Embedded, numbered, strictly increasing, each with its SQL. */
	assert_true(sk_migrations_count >= 1);
	int prev = 0;
	for (size_t i = 0; i < sk_migrations_count; i++) {
		int v = migrate_version(sk_migrations[i].name);
		assert_true(v > prev);
		prev = v;
		assert_int_equal(strlen(sk_migrations[i].sql), sk_migrations[i].len);
	}
	assert_string_equal(sk_migrations[0].name, "001_init");
	/* The seeded campaign survives embedding byte for byte (UTF-8). */
	assert_non_null(strstr(sk_migrations[0].sql, "'01 triệu sáng kiến'"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_anonymous),	  cmocka_unit_test(test_unit),
	    cmocka_unit_test(test_operators),	  cmocka_unit_test(test_replies_are_not_requests),
	    cmocka_unit_test(test_split_address), cmocka_unit_test(test_migrations_embedded),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
