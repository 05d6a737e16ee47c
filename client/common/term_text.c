/* term_text.c - see term_text.h. */
#include "term_text.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "utf8.h"
#include "xalloc.h"

bool term_text_allowed(unsigned long cp, bool newlines)
{
	if (cp == '\t' || cp == '\n')
		return newlines;
	if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F))
		return false;
	if ((cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) || cp == 0x200E ||
	    cp == 0x200F || cp == 0x061C || cp == 0x2028 || cp == 0x2029)
		return false;
	return cp <= 0x10FFFF && !(cp >= 0xD800 && cp <= 0xDFFF);
}

size_t term_text_next(const char **pos, const char *end, bool newlines, char out[4])
{
	const char *start = *pos;
	uint32_t cp = utf8_next(pos, end);
	size_t n = (size_t)(*pos - start);
	/* A broken sequence is the replacement from one byte. */
	bool broken = cp == UTF8_REPLACEMENT && n == 1;

	if (!broken && term_text_allowed(cp, newlines)) {
		memcpy(out, start, n);
		return n;
	}
	out[0] = !broken && (cp == '\n' || cp == '\t' || cp == '\r') ? ' ' : '?';
	return 1;
}

/* Filter s[0 .. len) into out; returns the bytes written, at most cap
 * (whole code points only). */
static size_t filter(const char *s, size_t len, bool newlines, char *out, size_t cap)
{
	const char *pos = s, *end = s + len;
	size_t o = 0;

	while (pos < end) {
		const char *start = pos;
		char piece[4];
		size_t w = term_text_next(&pos, end, newlines, piece);

		if (o + w > cap) {
			pos = start;
			break;
		}
		memcpy(out + o, piece, w);
		o += w;
	}
	return o;
}

static void put(FILE *out, const char *s, bool newlines)
{
	char buf[512];
	size_t len, i = 0;

	if (s == NULL)
		return;
	len = strlen(s);
	/* Whole code points per chunk: a sequence is never split. */
	while (i < len) {
		size_t take = len - i < 384 ? len - i : 384;

		while (take < len - i && take > 0 && ((unsigned char)s[i + take] & 0xC0) == 0x80)
			take--;
		if (take == 0)
			take = 1;
		fwrite(buf, 1, filter(s + i, take, newlines, buf, sizeof(buf)), out);
		i += take;
	}
}

void term_put(FILE *out, const char *s)
{
	put(out, s, true);
}

void term_put_line(FILE *out, const char *s)
{
	put(out, s, false);
}

void term_printf(FILE *out, const char *fmt, ...)
{
	char small[1024], *text = small;
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(small, sizeof(small), fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if ((size_t)n >= sizeof(small)) {
		if ((text = malloc((size_t)n + 1)) == NULL) {
			/* Out of memory: the cut text, still filtered. */
			text = small;
		} else {
			va_start(ap, fmt);
			vsnprintf(text, (size_t)n + 1, fmt, ap);
			va_end(ap);
		}
	}
	term_put(out, text);
	if (text != small)
		free(text);
}

const char *term_or_empty(const char *s)
{
	return s != NULL ? s : "";
}

char *term_sanitize(const char *s, char *out, size_t outlen)
{
	size_t n;

	if (outlen == 0)
		return out;
	n = s != NULL ? filter(s, strlen(s), false, out, outlen - 1) : 0;
	out[n] = '\0';
	return out;
}

char *term_dup_line(const char *s)
{
	size_t len = s != NULL ? strlen(s) : 0;
	char *out = xmalloc(len + 1);

	/* Each code point filters to no more bytes than it had. */
	out[len > 0 ? filter(s, len, false, out, len) : 0] = '\0';
	return out;
}
