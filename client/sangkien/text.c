/* text.c - see text.h. */
#include "text.h"

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
