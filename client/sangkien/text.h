/*
 * text.h - small text helpers for user input and terminal output: trimming,
 * display width of UTF-8 text, table cells, TSV cells and timestamps.
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

/*
 * Number of terminal columns s takes: one per code point, none for
 * combining marks (U+0300..U+036F, as in decomposed Vietnamese).  Invalid
 * bytes count one column each.
 */
size_t text_width(const char *s);

/*
 * Write s in exactly width columns: padded with spaces, or cut and ended with
 * "…" when longer.  Control characters are written as spaces, and
 * everything else term_put_line refuses as '?' (term_text.h).
 */
void text_put_cell(FILE *out, const char *s, size_t width);

/* Write s as one TSV cell: tab, newline and CR become spaces, other controls
 * '?' (term_put_line).  NULL is "". */
void text_put_tsv(FILE *out, const char *s);

/* UTC ISO 8601 with seconds, e.g. "2026-03-16T08:30:00Z" (buffer of 21+). */
void text_iso8601(int64_t unix_ms, char *out, size_t outlen);

/* Lower-case hex of n bytes into out (2n + 1 bytes). */
void text_hex(const uint8_t *bytes, size_t n, char *out);

/* Milliseconds since the Unix epoch, now. */
int64_t text_now_ms(void);

#endif
