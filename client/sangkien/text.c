/* text.c - see text.h. */
#include "text.h"
#include "term_text.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

static size_t lead_space(const unsigned char *s)
{
	if (*s == ' ' || (*s >= '\t' && *s <= '\r'))
		return 1;
	if (s[0] == 0xc2 && s[1] == 0xa0)
		return 2;
	return 0;
}

/* Length of a trailing space ending at s[len - 1], 0 when none. */
static size_t trail_space(const unsigned char *s, size_t len)
{
	unsigned char c = s[len - 1];

	if (c == ' ' || (c >= '\t' && c <= '\r'))
		return 1;
	if (len >= 2 && c == 0xa0 && s[len - 2] == 0xc2)
		return 2;
	return 0;
}

char *text_trim_dup(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t len, k;
	char *r;

	if (s == NULL)
		return NULL;
	while ((k = lead_space(p)) > 0)
		p += k;
	len = strlen((const char *)p);
	while (len > 0 && (k = trail_space(p, len)) > 0)
		len -= k;
	r = malloc(len + 1);
	if (r == NULL)
		return NULL;
	memcpy(r, p, len);
	r[len] = '\0';
	return r;
}

/* Bytes in the UTF-8 sequence starting with c (1 for a stray byte). */
static size_t seq_len(unsigned char c)
{
	if (c >= 0xf0 && c <= 0xf4)
		return 4;
	if (c >= 0xe0)
		return c <= 0xef ? 3 : 1;
	if (c >= 0xc2)
		return 2;
	return 1;
}

/* Decode the sequence at s (of n bytes, all present); 0xfffd when broken. */
static uint32_t decode(const unsigned char *s, size_t n)
{
	uint32_t v;

	if (n == 1)
		return s[0] < 0x80 ? s[0] : 0xfffd;
	v = s[0] & (0xff >> (n + 1));
	for (size_t i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0xfffd;
		v = (v << 6) | (s[i] & 0x3f);
	}
	return v;
}

/* Length of the sequence at s, never past the terminating NUL. */
static size_t step(const unsigned char *s)
{
	size_t n = seq_len(*s);

	for (size_t i = 1; i < n; i++)
		if (s[i] == '\0' || (s[i] & 0xc0) != 0x80)
			return 1;
	return n;
}

static int is_combining(uint32_t cp)
{
	return cp >= 0x300 && cp <= 0x36f;
}

size_t text_width(const char *s)
{
	const unsigned char *p = (const unsigned char *)(s ? s : "");
	size_t w = 0;

	while (*p != '\0') {
		size_t n = step(p);

		if (!is_combining(decode(p, n)))
			w++;
		p += n;
	}
	return w;
}

void text_put_cell(FILE *out, const char *s, size_t width)
{
	const unsigned char *p = (const unsigned char *)(s ? s : "");
	size_t total = text_width(s), used = 0;
	/* Leave one column for the ellipsis when the text does not fit. */
	size_t limit = total > width ? (width > 0 ? width - 1 : 0) : width;

	while (*p != '\0') {
		size_t n = step(p);
		int comb = is_combining(decode(p, n));

		if (!comb && used == limit)
			break;
		if (!term_text_allowed(decode(p, n), false) || (n == 1 && *p >= 0x80))
			fputc(n == 1 && *p >= 0x80 ? '?' : ' ', out);
		else
			fwrite(p, 1, n, out);
		if (!comb)
			used++;
		p += n;
	}
	if (total > width && width > 0) {
		fputs("…", out);
		used++;
	}
	for (; used < width; used++)
		fputc(' ', out);
}

void text_put_tsv(FILE *out, const char *s)
{
	term_put_line(out, s);
}

void text_iso8601(int64_t unix_ms, char *out, size_t outlen)
{
	time_t t = (time_t)(unix_ms / 1000);
	struct tm tm;

	if (gmtime_r(&t, &tm) == NULL || strftime(out, outlen, "%Y-%m-%dT%H:%M:%SZ", &tm) == 0)
		snprintf(out, outlen, "?");
}

void text_hex(const uint8_t *bytes, size_t n, char *out)
{
	static const char digits[] = "0123456789abcdef";

	for (size_t i = 0; i < n; i++) {
		out[2 * i] = digits[bytes[i] >> 4];
		out[2 * i + 1] = digits[bytes[i] & 15];
	}
	out[2 * n] = '\0';
}

int64_t text_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}
