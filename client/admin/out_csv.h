/*
 * out_csv.h - writing CSV that Excel opens with the Vietnamese intact:
 * RFC 4180 (a field holding a comma, quote, CR or LF is quoted, quotes
 * doubled; CRLF after every row), UTF-8 starting with a byte order mark.
 */
#ifndef SANGKIEN_OUT_CSV_H
#define SANGKIEN_OUT_CSV_H

#include <stddef.h>
#include <stdio.h>

/* The UTF-8 byte order mark; write it once, first. */
void out_csv_bom(FILE *f);

/* One row of n fields (NULL is an empty field), then CRLF. */
void out_csv_row(FILE *f, const char *const *fields, size_t n);

/* One field, quoted when needed, without separator. */
void out_csv_field(FILE *f, const char *s);

#endif
