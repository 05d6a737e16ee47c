/*
 * out_table.c - aligned text tables (see out_table.h).
 */
#include "out_table.h"

#include <stdlib.h>

#include "xalloc.h"
#include "display.h"
#include "term_text.h"

struct out_table {
	size_t ncols;
	char **header;
	bool *right;
	char ***rows; /* NULL entry: a rule */
	size_t n, cap;
};

struct out_table *out_table_create(size_t ncols, const char *const *header, const bool *right)
{
	struct out_table *t = xcalloc(1, sizeof(*t));
	size_t k;

	t->ncols = ncols;
	t->header = xcalloc(ncols, sizeof(char *));
	t->right = xcalloc(ncols, sizeof(bool));
	for (k = 0; k < ncols; k++) {
		t->header[k] = term_dup_line(header[k]);
		t->right[k] = right ? right[k] : false;
	}
	return t;
}

void out_table_free(struct out_table *t)
{
	size_t i, k;

	if (!t)
		return;
	for (i = 0; i < t->n; i++) {
		if (!t->rows[i])
			continue;
		for (k = 0; k < t->ncols; k++)
			free(t->rows[i][k]);
		free(t->rows[i]);
	}
	for (k = 0; k < t->ncols; k++)
		free(t->header[k]);
	free(t->rows);
	free(t->header);
	free(t->right);
	free(t);
}

static void push(struct out_table *t, char **row)
{
	if (t->n == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 16;
		t->rows = xreallocarray(t->rows, t->cap, sizeof(*t->rows));
	}
	t->rows[t->n++] = row;
}

void out_table_add(struct out_table *t, const char *const *cells)
{
	char **row = xcalloc(t->ncols, sizeof(char *));
	size_t k;

	for (k = 0; k < t->ncols; k++)
		row[k] = term_dup_line(cells[k]);
	push(t, row);
}

void out_table_add_rule(struct out_table *t)
{
	push(t, NULL);
}

size_t out_table_rows(const struct out_table *t)
{
	size_t i, n = 0;

	for (i = 0; i < t->n; i++)
		n += t->rows[i] != NULL;
	return n;
}

static void print_rule(const struct out_table *t, const size_t *width, FILE *out)
{
	size_t k, j;

	for (k = 0; k < t->ncols; k++) {
		for (j = 0; j < width[k]; j++)
			putc('-', out);
		fputs(k + 1 < t->ncols ? "  " : "\n", out);
	}
}

static void print_row(const struct out_table *t, char *const *row, const size_t *width, FILE *out)
{
	size_t k;

	for (k = 0; k < t->ncols; k++) {
		/* The last left-aligned column needs no padding. */
		if (k + 1 == t->ncols && !t->right[k])
			fputs(row[k], out);
		else
			display_put_padded(out, row[k], width[k], t->right[k]);
		fputs(k + 1 < t->ncols ? "  " : "\n", out);
	}
}

void out_table_print(const struct out_table *t, FILE *out)
{
	size_t *width = xcalloc(t->ncols, sizeof(size_t));
	size_t i, k;

	for (k = 0; k < t->ncols; k++)
		width[k] = display_width(t->header[k]);
	for (i = 0; i < t->n; i++) {
		if (!t->rows[i])
			continue;
		for (k = 0; k < t->ncols; k++) {
			size_t w = display_width(t->rows[i][k]);

			if (w > width[k])
				width[k] = w;
		}
	}
	print_row(t, t->header, width, out);
	print_rule(t, width, out);
	for (i = 0; i < t->n; i++) {
		if (t->rows[i])
			print_row(t, t->rows[i], width, out);
		else
			print_rule(t, width, out);
	}
	free(width);
}

void out_table_print_tsv(const struct out_table *t, FILE *out)
{
	size_t i, k;

	for (k = 0; k < t->ncols; k++)
		fprintf(out, "%s%c", t->header[k], k + 1 < t->ncols ? '\t' : '\n');
	for (i = 0; i < t->n; i++) {
		if (!t->rows[i])
			continue;
		for (k = 0; k < t->ncols; k++)
			fprintf(out, "%s%c", t->rows[i][k], k + 1 < t->ncols ? '\t' : '\n');
	}
}
