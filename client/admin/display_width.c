/*
 * display_width.c - terminal columns of UTF-8 text (see display_width.h).
 */
#include "display_width.h"

#include <stdint.h>
#include <string.h>

#include "utf8.h"

static unsigned code_point_width(uint32_t cp)
{
	/* Combining diacritics (Vietnamese tones and vowel marks when
	 * decomposed), zero-width spaces and joiners, BOM. */
	if ((cp >= 0x300 && cp <= 0x36F) || (cp >= 0x1AB0 && cp <= 0x1AFF) ||
	    (cp >= 0x1DC0 && cp <= 0x1DFF) || (cp >= 0x20D0 && cp <= 0x20FF) ||
	    (cp >= 0x200B && cp <= 0x200F) || cp == 0x2060 || cp == 0xFEFF ||
	    (cp >= 0xFE20 && cp <= 0xFE2F))
		return 0;
	if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0))
		return 0;
	/* East Asian wide and full-width ranges. */
	if ((cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) ||
	    (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) ||
	    (cp >= 0xFF00 && cp <= 0xFF60) || (cp >= 0xFFE0 && cp <= 0xFFE6) ||
	    (cp >= 0x1F300 && cp <= 0x1F64F) || (cp >= 0x20000 && cp <= 0x3FFFD))
		return 2;
	return 1;
}

size_t display_width(const char *s)
{
	const char *pos = s, *end = s + strlen(s);
	size_t w = 0;

	while (pos < end)
		w += code_point_width(utf8_next(&pos, end));
	return w;
}

void display_print_padded(FILE *out, const char *s, size_t width, int right)
{
	size_t w = display_width(s);
	size_t pad = w < width ? width - w : 0;

	if (right)
		fprintf(out, "%*s", (int)pad, "");
	fputs(s, out);
	if (!right)
		fprintf(out, "%*s", (int)pad, "");
}
