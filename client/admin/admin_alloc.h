/*
 * admin_alloc.h - memory for sangkien-admin.
 *
 * The out-of-memory policy of the operators' client, decided once: a
 * short-lived command-line program has nothing sensible to do without memory,
 * so these print a message and exit(1).  Callers never see NULL.
 */
#ifndef SANGKIEN_ADMIN_ALLOC_H
#define SANGKIEN_ADMIN_ALLOC_H

#include <stddef.h>

void *admin_xmalloc(size_t size);
void *admin_xcalloc(size_t n, size_t size);
/* Grow an array to n elements of size bytes; checks n * size for overflow. */
void *admin_xreallocarray(void *p, size_t n, size_t size);
char *admin_xstrdup(const char *s);
/* Copy len bytes and add a terminating NUL. */
char *admin_xstrndup(const char *s, size_t len);
/* printf into a new string. */
char *admin_xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
