/*
 * strbuf.h - a growable NUL-terminated byte buffer, and JSON string quoting
 * for parameters passed to PostgreSQL as jsonb.
 */
#ifndef SK_STRBUF_H
#define SK_STRBUF_H

#include <stdbool.h>
#include <stddef.h>

struct strbuf {
	char *data; /* NUL-terminated once anything was appended; owned */
	size_t len, cap;
	bool failed; /* an append ran out of memory: contents are incomplete */
};

#define STRBUF_INIT                                                                                \
	{                                                                                          \
		NULL, 0, 0, false                                                                  \
	}

void strbuf_append(struct strbuf *sb, const char *s, size_t n);
void strbuf_appends(struct strbuf *sb, const char *s);
void strbuf_appendf(struct strbuf *sb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Append s as a JSON string literal with quotes.  s must be valid UTF-8
 * (checked by the caller); control characters are escaped. */
void strbuf_append_json(struct strbuf *sb, const char *s);

/* Append s as an element of a PostgreSQL array literal ("{a,b}"): quoted,
 * with backslash and double quote escaped; NULL is the SQL NULL. */
void strbuf_append_array_element(struct strbuf *sb, const char *s);

/* The contents ("" when empty), or NULL when an append failed. */
const char *strbuf_str(struct strbuf *sb);

void strbuf_release(struct strbuf *sb);

#endif
