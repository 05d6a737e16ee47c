/*
 * test_admin_unit_name.c - unit name keys (duplicate detection) and display
 * widths (table alignment) for Vietnamese text.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "utf8.h"
#include "unit_name.h"

static char *key(const char *s)
{
	return unit_name_key(s, strlen(s));
}

static void assert_same_unit(const char *a, const char *b)
{
	char *ka = key(a), *kb = key(b);

	if (strcmp(ka, kb) != 0)
		fail_msg("'%s' and '%s' should be the same unit ('%s' vs '%s')", a, b, ka, kb);
	free(ka);
	free(kb);
}

static void assert_different_units(const char *a, const char *b)
{
	char *ka = key(a), *kb = key(b);

	if (strcmp(ka, kb) == 0)
		fail_msg("'%s' and '%s' should be different units", a, b);
	free(ka);
	free(kb);
}

static void test_case_and_space(void **state)
{
	char *k = key("  Mầm   Non\t1 ");

	assert_same_unit("Mầm Non 1", "mầm non 1");
	assert_same_unit("Mầm Non 1", "MẦM NON 1");
	assert_same_unit("Mầm Non 1", "  Mầm   Non\t1 ");
	assert_same_unit("Mầm non 1", "Mầm\xC2\xA0non 1");	/* no-break space */
	assert_same_unit("Mầm non 1", "Mầm non\xE2\x80\x8B 1"); /* zero-width space */
	assert_same_unit("Công ty CP CVN Đầm Sen", "CÔNG TY CP CVN ĐẦM SEN");
	assert_same_unit("Trưng Trắc", "TRƯNG TRẮC");
	assert_same_unit("Âu Cơ", "âu cơ");
	assert_same_unit("Ơn", "ơn");
	/* The key of a name is stable and has no outer space. */
	assert_true(k[0] != ' ' && k[strlen(k) - 1] != ' ');
	assert_null(strstr(k, "  "));
	free(k);
}

static void test_precomposed_and_decomposed(void **state)
{
	/* ầ = a + circumflex + grave. */
	assert_same_unit("Mầm", "Ma\xCC\x82\xCC\x80m");
	/* ậ: dot below and circumflex in either order, or precomposed. */
	assert_same_unit("\xE1\xBA\xAD", "a\xCC\xA3\xCC\x82");
	assert_same_unit("\xE1\xBA\xAD", "a\xCC\x82\xCC\xA3");
	/* ự = u + horn + dot below, and ư + dot below. */
	assert_same_unit("ự", "u\xCC\x9B\xCC\xA3");
	assert_same_unit("ự", "\xC6\xB0\xCC\xA3");
	assert_same_unit("Ự", "ự");
}

static void test_different_names_stay_different(void **state)
{
	assert_different_units("Mầm non 1", "Mầm non 11");
	assert_different_units("Phường 1", "Phuong 1"); /* diacritics matter */
	assert_different_units("Đầm Sen", "Dầm Sen");	/* Đ is not D */
	assert_different_units("Phú Thọ 1", "Phú Thọ 2");
	assert_different_units("Mầm non", "Mầm  non 1");
	assert_different_units("TT .Văn Hóa - TT", "TT. Văn hóa - TT"); /* punctuation kept */
	assert_different_units("Lê Anh Xuân", "Lê Anh Xuấn");
}

static void test_fold_table(void **state)
{
	uint32_t cp;

	assert_int_equal(unit_name_fold('A'), 'a');
	assert_int_equal(unit_name_fold('z'), 'z');
	assert_int_equal(unit_name_fold('1'), '1');
	assert_int_equal(unit_name_fold(0xC0), 0xE0);	/* À */
	assert_int_equal(unit_name_fold(0xD7), 0xD7);	/* × is not a letter */
	assert_int_equal(unit_name_fold(0x110), 0x111); /* Đ */
	assert_int_equal(unit_name_fold(0x111), 0x111);
	assert_int_equal(unit_name_fold(0x102), 0x103); /* Ă */
	assert_int_equal(unit_name_fold(0x128), 0x129); /* Ĩ */
	assert_int_equal(unit_name_fold(0x168), 0x169); /* Ũ */
	assert_int_equal(unit_name_fold(0x1A0), 0x1A1); /* Ơ */
	assert_int_equal(unit_name_fold(0x1AF), 0x1B0); /* Ư */
	/* Latin Extended Additional: every Vietnamese pair, even upper. */
	for (cp = 0x1EA0; cp <= 0x1EF9; cp += 2) {
		assert_int_equal(unit_name_fold(cp), cp + 1);
		assert_int_equal(unit_name_fold(cp + 1), cp + 1);
	}
}

static void test_every_vietnamese_pair_collides(void **state)
{
	uint32_t cp;

	for (cp = 0x1EA0; cp <= 0x1EF9; cp += 2) {
		char up[8] = "", lo[8] = "";

		up[utf8_put(cp, up)] = '\0';
		lo[utf8_put(cp + 1, lo)] = '\0';
		assert_same_unit(up, lo);
	}
}

static void test_empty_and_invalid(void **state)
{
	char *k = key("   \t ");

	assert_string_equal(k, "");
	free(k);
	/* An invalid byte becomes U+FFFD rather than vanishing. */
	k = unit_name_key("A\xFF"
			  "B",
			  3);
	assert_string_equal(k, "a\xEF\xBF\xBD"
			       "b");
	free(k);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_case_and_space),
	    cmocka_unit_test(test_precomposed_and_decomposed),
	    cmocka_unit_test(test_different_names_stay_different),
	    cmocka_unit_test(test_fold_table),
	    cmocka_unit_test(test_every_vietnamese_pair_collides),
	    cmocka_unit_test(test_empty_and_invalid),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
