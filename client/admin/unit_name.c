/*
 * unit_name.c - comparison keys for unit names (see unit_name.h).
 */
#include "unit_name.h"

#include <stdlib.h>

#include "xalloc.h"
#include "utf8.h"
#include "vn_letters.h"

bool unit_name_is_space(uint32_t cp)
{
	return (cp >= 0x09 && cp <= 0x0D) || cp == 0x20 || cp == 0x85 || cp == 0xA0 ||
	       cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 || cp == 0x2029 ||
	       cp == 0x202F || cp == 0x205F || cp == 0x3000;
}

/* Invisible characters that editors leave behind: dropped from keys. */
static bool is_invisible(uint32_t cp)
{
	return cp == 0x200B || cp == 0x200C || cp == 0x200D || cp == 0x2060 || cp == 0xFEFF ||
	       cp == 0xAD;
}

uint32_t unit_name_fold(uint32_t cp)
{
	if (cp >= 'A' && cp <= 'Z')
		return cp + 0x20;
	if (cp < 0xC0)
		return cp;
	if (cp <= 0xDE && cp != 0xD7)
		return cp + 0x20;
	/* Latin Extended-A: upper/lower pairs, even/odd except 0x139..0x148
	 * and 0x179..0x17E which are odd/even. */
	if (cp >= 0x100 && cp <= 0x137 && cp % 2 == 0 && cp != 0x130)
		return cp + 1;
	if (cp >= 0x139 && cp <= 0x148 && cp % 2 == 1)
		return cp + 1;
	if (cp >= 0x14A && cp <= 0x177 && cp % 2 == 0)
		return cp + 1;
	if (cp == 0x178)
		return 0xFF;
	if (cp >= 0x179 && cp <= 0x17E && cp % 2 == 1)
		return cp + 1;
	/* Ơ/ơ and Ư/ư (Latin Extended-B). */
	if (cp == 0x1A0 || cp == 0x1AF)
		return cp + 1;
	/* Latin Extended Additional: even upper, odd lower (ẞ U+1E9E aside). */
	if (((cp >= 0x1E00 && cp <= 0x1E95) || (cp >= 0x1EA0 && cp <= 0x1EFF)) && cp % 2 == 0)
		return cp + 1;
	/* Greek and Cyrillic capitals. */
	if ((cp >= 0x391 && cp <= 0x3A9 && cp != 0x3A2) || (cp >= 0x410 && cp <= 0x42F))
		return cp + 0x20;
	if (cp >= 0x400 && cp <= 0x40F)
		return cp + 0x50;
	return cp;
}

/* Canonical combining class of the marks met in Latin text; 0 = a starter. */
static unsigned combining_class(uint32_t cp)
{
	if (cp < 0x300 || cp > 0x36F)
		return 0;
	if (cp == 0x31B)
		return 216; /* horn */
	if (cp == 0x327 || cp == 0x328)
		return 202; /* cedilla, ogonek */
	if ((cp >= 0x316 && cp <= 0x319) || (cp >= 0x31C && cp <= 0x320) ||
	    (cp >= 0x323 && cp <= 0x326) || (cp >= 0x329 && cp <= 0x333))
		return 220; /* below */
	return 230;	    /* above */
}

/* Stable insertion sort of each run of marks by combining class, which is
 * what makes "a + dot below + circumflex" equal "a + circumflex + dot
 * below". */
static void reorder_marks(uint32_t *cps, size_t n)
{
	size_t i, j;

	for (i = 1; i < n; i++) {
		unsigned cc = combining_class(cps[i]);
		uint32_t cp = cps[i];

		if (cc == 0)
			continue;
		for (j = i; j > 0; j--) {
			unsigned prev = combining_class(cps[j - 1]);

			if (prev == 0 || prev <= cc)
				break;
			cps[j] = cps[j - 1];
		}
		cps[j] = cp;
	}
}

char *unit_name_key(const char *name, size_t len)
{
	/* A code point takes at least one byte and decomposes into at most 3
	 * code points; each code point encodes to at most 4 bytes. */
	uint32_t *cps = xcalloc(len * 3 + 1, sizeof(*cps));
	const char *pos = name, *end = name + len;
	size_t n = 0, i, out_len = 0;
	bool pending_space = false;
	char *out;

	while (pos < end) {
		uint32_t cp = utf8_next(&pos, end);
		const struct vn_letter *d;

		if (unit_name_is_space(cp)) {
			pending_space = n > 0;
			continue;
		}
		if (is_invisible(cp))
			continue;
		if (pending_space) {
			cps[n++] = ' ';
			pending_space = false;
		}
		d = vn_letter_find(cp);
		if (d) {
			cps[n++] = unit_name_fold((uint32_t)(unsigned char)d->base);
			if (d->marks[0])
				cps[n++] = d->marks[0];
			if (d->marks[1])
				cps[n++] = d->marks[1];
		} else {
			cps[n++] = unit_name_fold(cp);
		}
	}
	reorder_marks(cps, n);

	out = xmalloc(n * 4 + 1);
	for (i = 0; i < n; i++)
		out_len += utf8_put(cps[i], out + out_len);
	out[out_len] = '\0';
	free(cps);
	return out;
}
