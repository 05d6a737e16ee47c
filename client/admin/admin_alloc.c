/*
 * admin_alloc.c - allocation that never returns NULL (see admin_alloc.h).
 */
#include "admin_alloc.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void admin_out_of_memory(void)
{
	fputs("sangkien-admin: hết bộ nhớ\n", stderr);
	exit(1);
}

void *admin_xmalloc(size_t size)
{
	void *p = malloc(size ? size : 1);

	if (!p)
		admin_out_of_memory();
	return p;
}

void *admin_xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);

	if (!p)
		admin_out_of_memory();
	return p;
}

void *admin_xreallocarray(void *p, size_t n, size_t size)
{
	void *q;

	if (size && n > SIZE_MAX / size)
		admin_out_of_memory();
	q = realloc(p, n * size > 0 ? n * size : 1);
	if (!q)
		admin_out_of_memory();
	return q;
}

char *admin_xstrndup(const char *s, size_t len)
{
	char *p = admin_xmalloc(len + 1);

	memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

char *admin_xstrdup(const char *s)
{
	return admin_xstrndup(s, strlen(s));
}

char *admin_xasprintf(const char *fmt, ...)
{
	va_list ap;
	int n;
	char *p;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		admin_out_of_memory();
	p = admin_xmalloc((size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return p;
}
