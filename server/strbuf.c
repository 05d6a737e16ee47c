/* strbuf.c - see strbuf.h. */
#include "strbuf.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool reserve(struct strbuf *sb, size_t extra)
{
	if (sb->failed)
		return false;
	if (sb->len + extra + 1 <= sb->cap)
		return true;
	size_t cap = sb->cap ? sb->cap : 64;
	while (cap < sb->len + extra + 1)
		cap *= 2;
	char *p = realloc(sb->data, cap);
	if (p == NULL) {
		sb->failed = true;
		return false;
	}
	sb->data = p;
	sb->cap = cap;
	return true;
}

void strbuf_append(struct strbuf *sb, const char *s, size_t n)
{
	if (!reserve(sb, n))
		return;
	memcpy(sb->data + sb->len, s, n);
	sb->len += n;
	sb->data[sb->len] = '\0';
}

void strbuf_appends(struct strbuf *sb, const char *s)
{
	strbuf_append(sb, s, strlen(s));
}

void strbuf_appendf(struct strbuf *sb, const char *fmt, ...)
{
	char tmp[256];
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(tmp, sizeof(tmp), fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= sizeof(tmp)) {
		sb->failed = true; /* only short fragments are formatted */
		return;
	}
	strbuf_append(sb, tmp, (size_t)n);
}

void strbuf_append_json(struct strbuf *sb, const char *s)
{
	strbuf_append(sb, "\"", 1);
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p == '"' || *p == '\\') {
			char esc[2] = {'\\', (char)*p};
			strbuf_append(sb, esc, 2);
		} else if (*p < 0x20) {
			strbuf_appendf(sb, "\\u%04x", *p);
		} else {
			strbuf_append(sb, (const char *)p, 1);
		}
	}
	strbuf_append(sb, "\"", 1);
}

const char *strbuf_str(struct strbuf *sb)
{
	if (sb->failed)
		return NULL;
	return sb->data ? sb->data : "";
}

void strbuf_release(struct strbuf *sb)
{
	free(sb->data);
	sb->data = NULL;
	sb->len = sb->cap = 0;
	sb->failed = false;
}

void strbuf_append_array_element(struct strbuf *sb, const char *s)
{
	if (s == NULL) {
		strbuf_appends(sb, "NULL");
		return;
	}
	strbuf_append(sb, "\"", 1);
	for (const char *run = s;;) {
		size_t n = strcspn(run, "\\\"");
		strbuf_append(sb, run, n);
		if (run[n] == '\0')
			break;
		strbuf_append(sb, "\\", 1);
		strbuf_append(sb, run + n, 1);
		run += n + 1;
	}
	strbuf_append(sb, "\"", 1);
}
