/*
 * xalloc.h - memory for both clients, and their one out-of-memory policy.
 *
 * Without memory a client has nothing sensible left to do: these print
 * "PROGRAM: hết bộ nhớ" and exit with SK_EXIT_ERROR.  Nothing is lost by
 * that: what the union client keeps is written in SQLite transactions
 * (committed or not at all), and a request half-sent to the server is
 * resent by the next run.  Callers never see NULL.  Older union-client code
 * that checks malloc's NULL itself ends the same way (a message, status 1)
 * through its error paths; new code of both clients uses these.
 */
#ifndef SANGKIEN_XALLOC_H
#define SANGKIEN_XALLOC_H

#include <stddef.h>

void *xmalloc(size_t size);
void *xcalloc(size_t n, size_t size);
/* Grow an array to n elements of size bytes; checks n * size for overflow. */
void *xreallocarray(void *p, size_t n, size_t size);
char *xstrdup(const char *s);
/* Copy len bytes and add a terminating NUL. */
char *xstrndup(const char *s, size_t len);
/* printf into a new string. */
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Say so and exit: for callers of other allocators (e.g. SQLite) that
 * follow the same policy. */
void xalloc_out_of_memory(void) __attribute__((noreturn));

#endif
