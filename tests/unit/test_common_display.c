/* Table layout of both clients: display width of Vietnamese text (precomposed
 * or decomposed), wide characters, filtered characters; fixed-width cells cut
 * with "…" and padded columns, all written through the terminal filter. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "display.h"
#include "term_text.h"

static void test_width(void **state)
{
	(void)state;
	assert_int_equal(display_width(""), 0);
	assert_int_equal(display_width(NULL), 0);
	assert_int_equal(display_width("Q11-001"), 7);
	assert_int_equal(display_width("Phường"), 6);
	assert_int_equal(display_width("Đầm Sen"), 7);
	assert_int_equal(display_width("Phu\xCC\x9B\xCC\x80o\xCC\x9Bng"), 6); /* decomposed */
	assert_int_equal(display_width("Được công nhận"), 14);
	assert_int_equal(display_width("中文"), 4);
	assert_int_equal(display_width("a\xE2\x80\x8B"
				       "b"),
			 2);				/* zero-width space */
	assert_int_equal(display_width("\xff\xfe"), 2); /* each shown as '?' */
	assert_int_equal(display_width("a\tb\n"), 4);	/* shown as spaces */
	assert_int_equal(display_width("\x1b[31m"), 5); /* ESC shown as '?' */
}

/* What display_put_cell writes, as a string the caller frees. */
static char *cell(const char *s, size_t width)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	assert_non_null(f);
	display_put_cell(f, s, width);
	fclose(f);
	return buf;
}

static void expect_cell(const char *s, size_t width, const char *want)
{
	char *c = cell(s, width);

	assert_string_equal(c, want);
	assert_int_equal(display_width(c), width);
	free(c);
}

static void test_cells(void **state)
{
	(void)state;
	expect_cell("Phường 1", 10, "Phường 1  ");
	expect_cell("Công ty CP CVN Đầm Sen", 10, "Công ty C…");
	expect_cell("Mầm Non 1", 9, "Mầm Non 1");
	expect_cell("a\tb", 3, "a b");
	/* Decomposed marks stay with their letter at the edge. */
	expect_cell("Mo\xCC\x82\xCC\x80m", 3, "Mo\xCC\x82\xCC\x80m");
	expect_cell("Mo\xCC\x82\xCC\x80mxyz", 3, "Mo\xCC\x82\xCC\x80…");
	/* A wide character never straddles the cut. */
	expect_cell("中文字", 4, "中… ");
	/* Hostile text is filtered in cells too. */
	expect_cell("\x1b[2Jab", 6, "?[2Jab");
	expect_cell("a\xE2\x80\xAE"
		    "b",
		    3, "a?b");
	expect_cell(NULL, 2, "  ");
	expect_cell("abc", 0, "");
}

static void test_padding(void **state)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	(void)state;
	assert_non_null(f);
	display_put_padded(f, "Phường", 8, false);
	fputs("|", f);
	display_put_padded(f, "42", 5, true);
	fputs("|", f);
	display_put_padded(f, "quá dài", 3, false);
	fputs("|", f);
	display_put_padded(f,
			   "\x1b"
			   "x",
			   3, false);
	fclose(f);
	assert_string_equal(buf, "Phường  |   42|quá dài|?x ");
	free(buf);
}

/* term_text_next, the piece display.c lays out, agrees with term_sanitize. */
static void test_next_agrees_with_sanitize(void **state)
{
	static const char *const samples[] = {
	    "Sáng kiến", "a\x1b[0mb", "x\ny\tz\r", "\xff\xc3", "ạ\xE2\x81\xA6", "",
	};

	(void)state;
	for (size_t i = 0; i < sizeof(samples) / sizeof(samples[0]); i++) {
		const char *pos = samples[i], *end = pos + strlen(pos);
		char joined[64], want[64], piece[4];
		size_t n = 0;

		while (pos < end) {
			size_t k = term_text_next(&pos, end, false, piece);

			memcpy(joined + n, piece, k);
			n += k;
		}
		joined[n] = '\0';
		assert_string_equal(joined, term_sanitize(samples[i], want, sizeof(want)));
		/* term_dup_line is the same filter into a copy of its own. */
		char *dup = term_dup_line(samples[i]);
		assert_string_equal(dup, want);
		free(dup);
	}
}

/* Whatever term_dup_line keeps is safe and no longer than the input: C1
 * controls, bidirectional overrides and broken UTF-8 go as well as ESC. */
static void test_dup_line(void **state)
{
	char *s;

	(void)state;
	s = term_dup_line("Phường\x1b]0;t\a 1\xc2\x9b"
			  "2J\xe2\x80\xae\xc3");
	assert_string_equal(s, "Phường?]0;t? 1?2J??");
	free(s);
	s = term_dup_line(NULL);
	assert_string_equal(s, "");
	free(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_width),    cmocka_unit_test(test_cells),
	    cmocka_unit_test(test_padding),  cmocka_unit_test(test_next_agrees_with_sanitize),
	    cmocka_unit_test(test_dup_line),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
