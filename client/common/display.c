/* display.c - see display.h. */
#include "display.h"

#include <stdint.h>
#include <string.h>

#include "term_text.h"
#include "utf8.h"

static unsigned cp_width(uint32_t cp)
{
	/* Combining marks (Vietnamese tones and vowel marks when decomposed),
	 * zero-width spaces and joiners, BOM. */
	if ((cp >= 0x300 && cp <= 0x36F) || (cp >= 0x1AB0 && cp <= 0x1AFF) ||
	    (cp >= 0x1DC0 && cp <= 0x1DFF) || (cp >= 0x20D0 && cp <= 0x20FF) ||
	    (cp >= 0x200B && cp <= 0x200F) || cp == 0x2060 || cp == 0xFEFF ||
	    (cp >= 0xFE20 && cp <= 0xFE2F))
		return 0;
	/* East Asian wide and full-width ranges. */
	if ((cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) ||
	    (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) ||
	    (cp >= 0xFF00 && cp <= 0xFF60) || (cp >= 0xFFE0 && cp <= 0xFFE6) ||
	    (cp >= 0x1F300 && cp <= 0x1F64F) || (cp >= 0x20000 && cp <= 0x3FFFD))
		return 2;
	return 1;
}

/* The next shown character of s: its filtered bytes in out (returns their
 * number) and its columns in *width. */
static size_t next_shown(const char **pos, const char *end, char out[4], unsigned *width)
{
	size_t n = term_text_next(pos, end, false, out);
	const char *p = out;

	*width = cp_width(utf8_next(&p, out + n));
	return n;
}

size_t display_width(const char *s)
{
	const char *pos = s != NULL ? s : "", *end = pos + strlen(pos);
	size_t w = 0;
	unsigned cw;
	char buf[4];

	while (pos < end) {
		next_shown(&pos, end, buf, &cw);
		w += cw;
	}
	return w;
}

void display_put_cell(FILE *out, const char *s, size_t width)
{
	const char *pos = s != NULL ? s : "", *end = pos + strlen(pos);
	size_t total = display_width(s), used = 0;
	/* Leave one column for the ellipsis when the text does not fit. */
	size_t limit = total > width ? (width > 0 ? width - 1 : 0) : width;
	unsigned cw;
	char buf[4];

	while (pos < end) {
		size_t n = next_shown(&pos, end, buf, &cw);

		/* A mark after the last letter that fits still belongs to it; a
		 * wide character never straddles the edge. */
		if (cw > 0 && used + cw > limit)
			break;
		fwrite(buf, 1, n, out);
		used += cw;
	}
	if (total > width && width > 0) {
		fputs("…", out);
		used++;
	}
	for (; used < width; used++)
		fputc(' ', out);
}

void display_put_padded(FILE *out, const char *s, size_t width, bool right)
{
	size_t w = display_width(s);
	size_t pad = w < width ? width - w : 0;

	if (right)
		fprintf(out, "%*s", (int)pad, "");
	term_put_line(out, s);
	if (!right)
		fprintf(out, "%*s", (int)pad, "");
}
