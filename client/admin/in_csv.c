/*
 * in_csv.c - a small RFC 4180 reader (see in_csv.h).
 */
#include "in_csv.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xalloc.h"
#include "import_source.h"
#include "initiative_check.h"

struct buf {
	char *p;
	size_t n, cap;
};

static void buf_put(struct buf *b, char c)
{
	if (b->n + 1 >= b->cap) {
		b->cap = b->cap ? b->cap * 2 : 64;
		b->p = xreallocarray(b->p, b->cap, 1);
	}
	b->p[b->n++] = c;
	b->p[b->n] = '\0';
}

static void row_add_field(struct in_csv_row *row, struct buf *b)
{
	row->fields = xreallocarray(row->fields, row->n + 1, sizeof(char *));
	row->fields[row->n++] = b->p ? b->p : xstrdup("");
	memset(b, 0, sizeof(*b));
}

static void add_row(struct in_csv *csv, struct in_csv_row *row)
{
	/* A blank line is one empty field: skip it. */
	if (row->n == 1 && row->fields[0][0] == '\0') {
		free(row->fields[0]);
		free(row->fields);
	} else {
		if (csv->n == csv->cap) {
			csv->cap = csv->cap ? csv->cap * 2 : 32;
			csv->rows = xreallocarray(csv->rows, csv->cap, sizeof(*csv->rows));
		}
		csv->rows[csv->n++] = *row;
	}
	memset(row, 0, sizeof(*row));
}

struct in_csv *in_csv_parse(const char *data, size_t len, char *err, size_t errlen)
{
	struct in_csv *csv = xcalloc(1, sizeof(*csv));
	struct in_csv_row row = {0};
	struct buf b = {0};
	uint32_t line = 1;
	bool quoted = false, after_quote = false, field_started = false;
	size_t i = 0;

	if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
		i = 3;
	/* Line by line: no UTF-8 sequence contains a '\n' byte. */
	{
		size_t k = i;
		uint32_t l = 1;

		while (k < len) {
			const char *nl = memchr(data + k, '\n', len - k);
			size_t end = nl ? (size_t)(nl - data) : len;

			if (!utf8_is_valid(data + k, end - k, NULL)) {
				snprintf(err, errlen, "dòng %u: văn bản không phải UTF-8 hợp lệ",
					 l);
				goto fail;
			}
			k = end + 1;
			l++;
		}
	}
	row.line = line;
	for (; i < len; i++) {
		char c = data[i];

		if (c == '\0') {
			snprintf(err, errlen, "dòng %u: có byte NUL", line);
			goto fail;
		}
		if (quoted) {
			if (c == '"') {
				if (i + 1 < len && data[i + 1] == '"') {
					buf_put(&b, '"');
					i++;
				} else {
					quoted = false;
					after_quote = true;
				}
			} else {
				if (c == '\n')
					line++;
				buf_put(&b, c);
			}
			continue;
		}
		if (c == ',') {
			row_add_field(&row, &b);
			after_quote = field_started = false;
			continue;
		}
		if (c == '\r' && i + 1 < len && data[i + 1] == '\n')
			continue;
		if (c == '\n' || c == '\r') {
			row_add_field(&row, &b);
			add_row(csv, &row);
			if (csv->n > IN_CSV_MAX_ROWS) {
				snprintf(err, errlen, "dòng %u: quá %u dòng", line,
					 IN_CSV_MAX_ROWS);
				goto fail;
			}
			line++;
			row.line = line;
			after_quote = field_started = false;
			continue;
		}
		if (after_quote) {
			snprintf(err, errlen,
				 "dòng %u: có chữ sau dấu nháy kép đóng của một ô (ô có dấu "
				 "nháy phải được bao cả ô và nhân đôi dấu nháy bên trong)",
				 line);
			goto fail;
		}
		if (c == '"' && !field_started) {
			quoted = true;
			field_started = true;
			continue;
		}
		if (c == '"') {
			snprintf(err, errlen,
				 "dòng %u: dấu nháy kép giữa ô; hãy bao cả ô bằng dấu nháy "
				 "kép và nhân đôi dấu nháy bên trong",
				 line);
			goto fail;
		}
		field_started = true;
		buf_put(&b, c);
	}
	if (quoted) {
		snprintf(err, errlen, "dòng %u: dấu nháy kép mở không được đóng", row.line);
		goto fail;
	}
	if (row.n > 0 || b.n > 0 || field_started) {
		row_add_field(&row, &b);
		add_row(csv, &row);
	}
	free(b.p);
	return csv;
fail:
	free(b.p);
	if (row.fields) {
		size_t k;

		for (k = 0; k < row.n; k++)
			free(row.fields[k]);
		free(row.fields);
	}
	in_csv_free(csv);
	return NULL;
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
	csv = in_csv_parse(data, n, msg, sizeof(msg));
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
