/*
 * term_text.h - writing text that came from the network (or from a store
 * filled from it) to a terminal, so that it can never drive the terminal:
 * no escape or control sequences, no bidirectional overrides, no broken
 * UTF-8.  Every client prints such text through these functions only.
 */
#ifndef SANGKIEN_TERM_TEXT_H
#define SANGKIEN_TERM_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/*
 * Whether a code point may reach the terminal: not a C0 control other than
 * (when newlines) tab and newline, not DEL, not a C1 control, not a
 * bidirectional embedding, override or isolate, not U+2028/U+2029.
 */
bool term_text_allowed(unsigned long cp, bool newlines);

/*
 * The next code point of text[*pos .. end) as the functions below write it:
 * its bytes when allowed, else one '?' (or ' ' for tab, newline, CR when
 * newlines is false, and tab and newline are not allowed).  Advances *pos
 * (pos < end) and returns the bytes put in out, 1..4.  For writers that lay
 * text out themselves (display.h).
 */
size_t term_text_next(const char **pos, const char *end, bool newlines, char out[4]);

/*
 * Write s with every refused code point and every invalid UTF-8 byte
 * replaced by '?'.  Newlines and tabs are kept (multi-line fields such as
 * summaries and notes); term_put_line writes them, and CR, as spaces (one
 * line, one table or TSV cell).  NULL writes nothing.
 */
void term_put(FILE *out, const char *s);
void term_put_line(FILE *out, const char *s);

/*
 * printf into out with the whole formatted text filtered as term_put: for
 * lines that mix fixed wording with strings from the network.  A NULL
 * string argument is the caller's bug (glibc prints "(null)"): pass
 * term_or_empty(s) for strings that may be NULL.
 */
void term_printf(FILE *out, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* s, or "" when s is NULL. */
const char *term_or_empty(const char *s);

/*
 * Copy s into out (outlen bytes, always NUL-terminated; cut at a code point
 * boundary when it does not fit), filtered as term_put_line: for text kept
 * in a message buffer before it is printed.  Returns out.
 */
char *term_sanitize(const char *s, char *out, size_t outlen);

/*
 * A new copy of s (NULL gives "") filtered as term_put_line, for cells kept
 * in a table before it is laid out; never longer than s.  The caller frees
 * it; out of memory ends the program (xalloc.h).
 */
char *term_dup_line(const char *s);

#endif
