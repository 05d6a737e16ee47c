/*
 * display.h - text laid out in terminal columns, for aligned tables of both
 * clients.  Everything written goes through term_text's filter (so cells are
 * safe for text from the network) and is measured as it is shown.
 *
 * Byte counts misalign Vietnamese: "Phường" is 8 bytes but 6 columns, and
 * the same word typed with decomposed diacritics is 10 bytes, still 6
 * columns.  Combining marks and zero-width characters take 0 columns, East
 * Asian wide characters 2, everything else shown 1 (a filtered character is
 * shown as one '?' or space).
 */
#ifndef SANGKIEN_DISPLAY_H
#define SANGKIEN_DISPLAY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* Columns s takes once filtered as one line (term_put_line).  NULL is 0. */
size_t display_width(const char *s);

/*
 * Write s filtered as one line in exactly width columns: padded with
 * spaces, or cut and ended with "…" when wider.  For fixed-width tables.
 */
void display_put_cell(FILE *out, const char *s, size_t width);

/*
 * Write s filtered as one line, padded with spaces to width columns on the
 * right (right false) or the left (right true, numbers).  Text wider than
 * width is written whole: for tables measured with display_width() first.
 */
void display_put_padded(FILE *out, const char *s, size_t width, bool right);

#endif
