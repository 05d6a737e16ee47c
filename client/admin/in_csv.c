/*
 * in_csv.c - the bulk files of sangkien-admin as rows of text (see in_csv.h),
 * read by the clients' one CSV reader (csv_read.h).
 */
#include "in_csv.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csv_read.h"
#include "xalloc.h"
#include "import_source.h"
#include "initiative_check.h"

struct in_csv *in_csv_parse(const char *data, size_t len, char sep, char *err, size_t errlen)
{
	struct csv_table t = {0};
	struct in_csv *csv;
	uint32_t line = 0;
	char msg[256];

	if (csv_read(data, len, sep, IN_CSV_MAX_ROWS, &t, &line, msg, sizeof(msg)) != 0) {
		snprintf(err, errlen, "dòng %u: %s", line, msg);
		csv_table_clear(&t);
		return NULL;
	}
	/* Every cell is text: a NUL or broken UTF-8 is named by row and column. */
	for (size_t i = 0; i < t.n; i++)
		for (size_t k = 0; k < t.records[i].n; k++)
			if (csv_cell_problem(&t.records[i].cells[k], k, msg, sizeof(msg))) {
				snprintf(err, errlen, "dòng %u: %s", t.records[i].line, msg);
				csv_table_clear(&t);
				return NULL;
			}
	csv = xcalloc(1, sizeof(*csv));
	csv->rows = xcalloc(t.n > 0 ? t.n : 1, sizeof(*csv->rows));
	csv->n = csv->cap = t.n;
	for (size_t i = 0; i < t.n; i++) {
		struct csv_record *rec = &t.records[i];

		csv->rows[i].line = rec->line;
		csv->rows[i].n = rec->n;
		csv->rows[i].fields = xcalloc(rec->n > 0 ? rec->n : 1, sizeof(char *));
		for (size_t k = 0; k < rec->n; k++) {
			csv->rows[i].fields[k] = rec->cells[k].data; /* moved */
			rec->cells[k].data = NULL;
		}
	}
	csv_table_clear(&t);
	return csv;
}

struct in_csv *in_csv_read_file(const char *path, char *err, size_t errlen)
{
	enum import_source_kind kind;
	struct in_csv *csv;
	char *data, msg[256];
	size_t n;

	/* Workbooks, other separators and legacy encodings: import_source.h. */
	if (import_source_read(path, IN_CSV_MAX_BYTES, &data, &n, &kind, err, errlen) != 0)
		return NULL;
	csv = in_csv_parse(data, n, import_source_separator(kind), msg, sizeof(msg));
	free(data);
	if (!csv)
		snprintf(err, errlen, "%s: %s", path, msg);
	return csv;
}

void in_csv_free(struct in_csv *csv)
{
	size_t i, k;

	if (!csv)
		return;
	for (i = 0; i < csv->n; i++) {
		for (k = 0; k < csv->rows[i].n; k++)
			free(csv->rows[i].fields[k]);
		free(csv->rows[i].fields);
	}
	free(csv->rows);
	free(csv);
}

int in_csv_column(const struct in_csv *csv, const char *name)
{
	size_t k;

	if (csv->n == 0)
		return -1;
	for (k = 0; k < csv->rows[0].n; k++)
		if (strcmp(csv->rows[0].fields[k], name) == 0)
			return (int)k;
	return -1;
}

const char *in_csv_field(const struct in_csv_row *row, int k)
{
	return k >= 0 && (size_t)k < row->n ? row->fields[k] : "";
}
