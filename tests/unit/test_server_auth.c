/* Credentials and enrollment codes: format, round trips, rejection. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "auth.h"

static void test_credential_round_trip(void **state)
{
	char a[AUTH_CREDENTIAL_LEN + 1], b[AUTH_CREDENTIAL_LEN + 1];
	uint8_t da[AUTH_DIGEST_BYTES], db[AUTH_DIGEST_BYTES], check[AUTH_DIGEST_BYTES];
	assert_true(auth_credential_generate(a, da));
	assert_true(auth_credential_generate(b, db));
	assert_int_equal(strlen(a), AUTH_CREDENTIAL_LEN);
	assert_memory_equal(a, "skc1_", 5);
	assert_string_not_equal(a, b);
	assert_memory_not_equal(da, db, AUTH_DIGEST_BYTES);
	for (const char *p = a + 5; *p; p++)
		assert_non_null(strchr("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
				       "0123456789-_",
				       *p));
	/* Parsing the text gives the digest stored at creation. */
	assert_true(auth_credential_digest(a, check));
	assert_memory_equal(check, da, AUTH_DIGEST_BYTES);
}

static void test_credential_rejects(void **state)
{
	char a[AUTH_CREDENTIAL_LEN + 1];
	uint8_t d[AUTH_DIGEST_BYTES];
	assert_true(auth_credential_generate(a, d));
	char bad[AUTH_CREDENTIAL_LEN + 2];

	assert_false(auth_credential_digest("", d));
	assert_false(auth_credential_digest("skc1_", d));
	memcpy(bad, a, sizeof(a));
	bad[0] = 'x'; /* wrong prefix */
	assert_false(auth_credential_digest(bad, d));
	memcpy(bad, a, sizeof(a));
	bad[10] = '+'; /* not base64url */
	assert_false(auth_credential_digest(bad, d));
	memcpy(bad, a, sizeof(a));
	bad[AUTH_CREDENTIAL_LEN - 1] = '\0'; /* too short */
	assert_false(auth_credential_digest(bad, d));
	memcpy(bad, a, sizeof(a));
	bad[AUTH_CREDENTIAL_LEN] = 'A'; /* too long */
	bad[AUTH_CREDENTIAL_LEN + 1] = '\0';
	assert_false(auth_credential_digest(bad, d));
	/* Non-zero padding bits: a second spelling of one secret is refused. */
	memcpy(bad, a, sizeof(a));
	const char *alpha = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
	int last = (int)(strchr(alpha, bad[AUTH_CREDENTIAL_LEN - 1]) - alpha);
	bad[AUTH_CREDENTIAL_LEN - 1] = alpha[last | 1];
	assert_false(auth_credential_digest(bad, d));
}

static void test_enroll_code_form(void **state)
{
	char code[AUTH_ENROLL_DISPLAY_LEN + 1], norm[AUTH_ENROLL_CHARS + 1];
	uint8_t d1[AUTH_DIGEST_BYTES], d2[AUTH_DIGEST_BYTES];
	assert_true(auth_enroll_generate(code, d1));
	assert_int_equal(strlen(code), AUTH_ENROLL_DISPLAY_LEN);
	for (int i = 0; i < AUTH_ENROLL_DISPLAY_LEN; i++) {
		if (i % 5 == 4)
			assert_int_equal(code[i], '-');
		else
			assert_non_null(strchr(AUTH_ENROLL_ALPHABET, code[i]));
	}
	/* No look-alikes in the alphabet. */
	for (const char *p = "IO01"; *p; p++)
		assert_null(strchr(AUTH_ENROLL_ALPHABET, *p));

	/* Typed in lower case, without dashes or with spaces: same code. */
	char typed[64];
	for (size_t i = 0; i <= strlen(code); i++)
		typed[i] = (char)((code[i] >= 'A' && code[i] <= 'Z') ? code[i] + 32 : code[i]);
	assert_true(auth_enroll_normalize(typed, norm));
	auth_enroll_digest(norm, d2);
	assert_memory_equal(d1, d2, AUTH_DIGEST_BYTES);
}

static void test_enroll_normalize(void **state)
{
	char norm[AUTH_ENROLL_CHARS + 1];
	assert_true(auth_enroll_normalize("abcd efgh-jklm-npqr", norm));
	assert_string_equal(norm, "ABCDEFGHJKLMNPQR");
	assert_false(auth_enroll_normalize("ABCD-EFGH-JKLM-NPQ", norm));   /* short */
	assert_false(auth_enroll_normalize("ABCD-EFGH-JKLM-NPQRS", norm)); /* long */
	assert_false(auth_enroll_normalize("ABCD-EFGH-JKLM-NPQ0", norm));  /* 0 */
	assert_false(auth_enroll_normalize("ABCD-EFGH-IKLM-NPQR", norm));  /* I */
	assert_false(auth_enroll_normalize("", norm));
	assert_false(auth_enroll_normalize("ẮBCD-EFGH-JKLM-NPQR", norm)); /* not ASCII */
}

static void test_digest_sql(void **state)
{
	uint8_t d[AUTH_DIGEST_BYTES];
	char out[AUTH_DIGEST_SQL_LEN + 1];
	for (int i = 0; i < AUTH_DIGEST_BYTES; i++)
		d[i] = (uint8_t)(i * 8 + 1);
	auth_digest_sql(d, out);
	assert_int_equal(strlen(out), 66);
	assert_memory_equal(out, "\\x0109", 6);
	assert_string_equal(out + 62, "f1f9");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_credential_round_trip),
	    cmocka_unit_test(test_credential_rejects),
	    cmocka_unit_test(test_enroll_code_form),
	    cmocka_unit_test(test_enroll_normalize),
	    cmocka_unit_test(test_digest_sql),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
