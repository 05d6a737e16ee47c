/* web_range.c - see web_range.h. */
#include "web_range.h"

#include <stdbool.h>
#include <string.h>
#include <strings.h>

static void skip_ows(const char **p)
{
	while (**p == ' ' || **p == '\t')
		(*p)++;
}

/* 1*DIGIT, saturating at UINT64_MAX; false without a digit. */
static bool parse_pos(const char **p, uint64_t *v)
{
	const char *s = *p;

	*v = 0;
	while (*s >= '0' && *s <= '9') {
		unsigned d = (unsigned)(*s - '0');

		*v = *v > (UINT64_MAX - d) / 10 ? UINT64_MAX : *v * 10 + d;
		s++;
	}
	if (s == *p)
		return false;
	*p = s;
	return true;
}

struct web_range web_range_decide(const char *range, const char *if_range, const char *etag,
				  uint64_t size)
{
	struct web_range whole = {WEB_RANGE_WHOLE, 0, 0}, r = {WEB_RANGE_PART, 0, 0};
	const char *p = range;
	uint64_t n;

	if (range == NULL || (if_range != NULL && (etag == NULL || strcmp(if_range, etag) != 0)))
		return whole;
	if (strncasecmp(p, "bytes=", 6) != 0)
		return whole;
	p += 6;
	skip_ows(&p);
	if (*p == '-') {
		p++;
		if (!parse_pos(&p, &n))
			return whole;
		r.first = n >= size ? 0 : size - n;
		r.last = size - 1;
		if (n == 0)
			r.kind = WEB_RANGE_UNSATISFIABLE;
	} else {
		if (!parse_pos(&p, &r.first) || *p++ != '-')
			return whole;
		r.last = UINT64_MAX;
		if (*p >= '0' && *p <= '9') {
			parse_pos(&p, &r.last);
			if (r.last < r.first)
				return whole;
		}
		if (r.first >= size)
			r.kind = WEB_RANGE_UNSATISFIABLE;
		else if (r.last >= size)
			r.last = size - 1;
	}
	skip_ows(&p);
	if (*p != '\0')
		return whole;
	if (size == 0)
		r.kind = WEB_RANGE_UNSATISFIABLE;
	if (r.kind == WEB_RANGE_UNSATISFIABLE)
		r.first = r.last = 0;
	return r;
}
