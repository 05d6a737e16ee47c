/*
 * text.h - small text helpers for user input and output: trimming,
 * timestamps, hex.  Text for the terminal goes through client/common
 * (term_text.h: filtering; display.h: display width and table cells).
 */
#ifndef SANGKIEN_TEXT_H
#define SANGKIEN_TEXT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/*
 * A copy of s without leading and trailing white space (ASCII space, tab,
 * newline, CR, VT, FF and U+00A0 no-break space).  Caller frees; NULL when out
 * of memory.  s NULL gives NULL.
 */
char *text_trim_dup(const char *s);

/* UTC ISO 8601 with seconds, e.g. "2026-03-16T08:30:00Z" (buffer of 21+). */
void text_iso8601(int64_t unix_ms, char *out, size_t outlen);

/* Lower-case hex of n bytes into out (2n + 1 bytes). */
void text_hex(const uint8_t *bytes, size_t n, char *out);

/* Milliseconds since the Unix epoch, now. */
int64_t text_now_ms(void);

#endif
