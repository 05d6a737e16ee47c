/* Hashes as hex text: round trips, every digit of either case, rejection
 * of wrong lengths and non-digits; the array literal elements the batch
 * statements are built from. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "hex.h"
#include "strbuf.h"

static void test_round_trip(void **state)
{
	uint8_t bytes[32], back[32];
	char text[65];
	for (size_t i = 0; i < sizeof(bytes); i++)
		bytes[i] = (uint8_t)(i * 37 + 5);
	bytes[0] = 0x00;
	bytes[31] = 0xff;
	hex_encode(bytes, sizeof(bytes), text);
	assert_int_equal(strlen(text), 64);
	assert_memory_equal(text, "00", 2);
	assert_string_equal(text + 62, "ff");
	assert_true(hex_decode(text, back, sizeof(back)));
	assert_memory_equal(back, bytes, sizeof(bytes));
}

static void test_bytea_literal(void **state)
{
	char out[9];
	hex_bytea_literal((const uint8_t *)"\x00\xab\x7f", 3, out);
	assert_string_equal(out, "\\x00ab7f");
}

static void test_digits(void **state)
{
	uint8_t b[8];
	assert_true(hex_decode("0123456789abcdef", b, 8));
	assert_memory_equal(b, "\x01\x23\x45\x67\x89\xab\xcd\xef", 8);
	assert_true(hex_decode("0123456789ABCDEF", b, 8));
	assert_memory_equal(b, "\x01\x23\x45\x67\x89\xab\xcd\xef", 8);
}

static void test_rejects(void **state)
{
	uint8_t b[2];
	assert_false(hex_decode("", b, 2));
	assert_false(hex_decode("abc", b, 2));	 /* short, odd */
	assert_false(hex_decode("ab", b, 2));	 /* short */
	assert_false(hex_decode("abcde", b, 2)); /* long */
	assert_false(hex_decode("ab0g", b, 2));
	assert_false(hex_decode("ab g", b, 2));
	assert_false(hex_decode("-bcd", b, 2));
	assert_true(hex_decode("abcd", b, 2));
}

static void test_array_element(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	strbuf_append_array_element(&sb, "Sổ \"giao\" ca\\x, {1}");
	strbuf_append(&sb, ",", 1);
	strbuf_append_array_element(&sb, NULL);
	strbuf_append(&sb, ",", 1);
	strbuf_append_array_element(&sb, "");
	assert_string_equal(strbuf_str(&sb), "\"Sổ \\\"giao\\\" ca\\\\x, {1}\",NULL,\"\"");
	strbuf_release(&sb);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_round_trip),	  cmocka_unit_test(test_bytea_literal),
	    cmocka_unit_test(test_digits),	  cmocka_unit_test(test_rejects),
	    cmocka_unit_test(test_array_element),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
