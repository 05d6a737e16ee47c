/*
 * display_width.h - how many terminal columns text takes, for aligned tables.
 *
 * Byte counts misalign Vietnamese: "Phường" is 8 bytes but 6 columns, and
 * the same word typed with decomposed diacritics is 10 bytes, still 6
 * columns.  Combining marks take 0 columns, East Asian wide characters 2,
 * everything else printable 1.
 */
#ifndef SANGKIEN_DISPLAY_WIDTH_H
#define SANGKIEN_DISPLAY_WIDTH_H

#include <stddef.h>
#include <stdio.h>

/* Columns of the NUL-terminated UTF-8 string s. */
size_t display_width(const char *s);

/* Print s padded with spaces to width columns: left-aligned when right is
 * false, right-aligned otherwise.  Text wider than width is printed whole. */
void display_print_padded(FILE *out, const char *s, size_t width, int right);

#endif
