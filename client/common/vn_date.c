/* vn_date.c - see vn_date.h. */
#include "vn_date.h"

#include <stdio.h>
#include <string.h>

#include "initiative_check.h"

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Read 1..max digits at *p into *v; false when none or more than max. */
static bool digits(const char **p, const char *end, int min, int max, int *v)
{
	int n = 0;

	*v = 0;
	while (*p < end && **p >= '0' && **p <= '9') {
		if (++n > max)
			return false;
		*v = *v * 10 + (**p - '0');
		(*p)++;
	}
	return n >= min;
}

/* Split text into year, month, day by shape alone; false when it has none
 * of the accepted shapes. */
static bool split(const char *b, const char *e, int *y, int *m, int *d)
{
	const char *p = b;

	if (e - b >= 5 && b[4] == '-') { /* yyyy-mm-dd */
		return digits(&p, e, 4, 4, y) && p < e && *p++ == '-' && digits(&p, e, 2, 2, m) &&
		       p < e && *p++ == '-' && digits(&p, e, 2, 2, d) && p == e;
	}
	return digits(&p, e, 1, 2, d) && p < e && *p++ == '/' && digits(&p, e, 1, 2, m) && p < e &&
	       *p++ == '/' && digits(&p, e, 4, 4, y) && p == e;
}

bool vn_date_parse(const char *text, int32_t *days, char *err, size_t errlen)
{
	const char *b = text != NULL ? text : "", *e;
	char iso[VN_DATE_LEN];
	int y, m, d;

	while (is_space(*b))
		b++;
	e = b + strlen(b);
	while (e > b && is_space(e[-1]))
		e--;
	if (!split(b, e, &y, &m, &d)) {
		/* Quote at most 40 bytes, cut on a character boundary. */
		size_t cut = (size_t)(e - b) > 40 ? 40 : (size_t)(e - b);

		while (cut > 0 && cut < (size_t)(e - b) && ((unsigned char)b[cut] & 0xC0) == 0x80)
			cut--;
		if (err != NULL)
			snprintf(err, errlen,
				 "“%.*s” không phải ngày; viết ngày/tháng/năm, ví dụ "
				 "15/03/2022 (hoặc 2022-03-15)",
				 (int)cut, b);
		return false;
	}
	/* split() read at most 4, 2 and 2 digits. */
	snprintf(iso, sizeof(iso), "%04u-%02u-%02u", (unsigned)y % 10000u, (unsigned)m % 100u,
		 (unsigned)d % 100u);
	if (!date_parse(iso, days)) {
		if (err != NULL)
			snprintf(err, errlen, "“%.*s”: không có ngày %02d/%02d/%04d", (int)(e - b),
				 b, d, m, y);
		return false;
	}
	return true;
}

void vn_date_format(int32_t days, char out[VN_DATE_LEN])
{
	char iso[11];

	date_format(days, iso);
	/* yyyy-mm-dd -> dd/mm/yyyy */
	memcpy(out, iso + 8, 2);
	out[2] = '/';
	memcpy(out + 3, iso + 5, 2);
	out[5] = '/';
	memcpy(out + 6, iso, 4);
	out[10] = '\0';
}

void vn_date_show_iso(const char *iso, char *out, size_t outlen)
{
	int32_t days;

	if (outlen == 0)
		return;
	if (iso != NULL && strlen(iso) == 10 && date_parse(iso, &days) && outlen >= VN_DATE_LEN)
		vn_date_format(days, out);
	else
		snprintf(out, outlen, "%s", iso != NULL ? iso : "");
}

bool vn_date_to_iso(const char *text, char iso[VN_DATE_LEN], char *err, size_t errlen)
{
	int32_t days;

	if (!vn_date_parse(text, &days, err, errlen))
		return false;
	date_format(days, iso);
	return true;
}
