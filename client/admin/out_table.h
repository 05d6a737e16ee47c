/*
 * out_table.h - an aligned text table for the terminal, or the same rows as
 * TSV.  Columns are measured in display columns (client/common/display.h), so
 * Vietnamese names line up; every cell goes through term_dup_line (term_text.h),
 * so a name from the server can never break a row or drive the terminal.
 */
#ifndef SANGKIEN_OUT_TABLE_H
#define SANGKIEN_OUT_TABLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

struct out_table;

/* A table with ncols columns; header[k] is column k's title and right[k]
 * says it is right-aligned (numbers).  Both are copied. */
struct out_table *out_table_create(size_t ncols, const char *const *header, const bool *right);
void out_table_free(struct out_table *t);

/* Append a row of ncols cells (NULL: empty); the cells are copied. */
void out_table_add(struct out_table *t, const char *const *cells);
/* Append a rule drawn like the one under the header (before a totals
 * row). */
void out_table_add_rule(struct out_table *t);

size_t out_table_rows(const struct out_table *t);

/* Header, a rule, the rows; two spaces between columns. */
void out_table_print(const struct out_table *t, FILE *out);
/* Header line and rows as tab-separated values (tabs/newlines in cells
 * already replaced by spaces); rules are skipped. */
void out_table_print_tsv(const struct out_table *t, FILE *out);

#endif
