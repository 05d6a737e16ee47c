/* csv_read.c - see csv_read.h. */
#include "csv_read.h"

#include <csv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "initiative_check.h"
#include "xalloc.h"

struct reader {
	struct csv_table *t;
	struct csv_record rec; /* the record being read */
	size_t cells_cap;
	size_t max_records;
	bool too_many;
	bool at_start;	      /* no byte of the next record seen yet */
	uint32_t record_line; /* the line its first byte is on */
};

/* libcsv callback: one cell of the current record. */
static void on_cell(void *data, size_t len, void *arg)
{
	struct reader *r = arg;
	struct csv_record *rec = &r->rec;

	if (rec->n == r->cells_cap) {
		r->cells_cap = r->cells_cap ? r->cells_cap * 2 : 8;
		rec->cells = xreallocarray(rec->cells, r->cells_cap, sizeof(*rec->cells));
	}
	/* xstrndup would stop at a NUL: copy every byte. */
	rec->cells[rec->n].data = xmalloc(len + 1);
	if (len > 0)
		memcpy(rec->cells[rec->n].data, data, len);
	rec->cells[rec->n].data[len] = '\0';
	rec->cells[rec->n].len = len;
	rec->n++;
}

static void record_free(struct csv_record *rec)
{
	for (size_t i = 0; i < rec->n; i++)
		free(rec->cells[i].data);
	free(rec->cells);
	memset(rec, 0, sizeof(*rec));
}

/* libcsv callback: the end of a record. */
static void on_record(int terminator, void *arg)
{
	struct reader *r = arg;
	struct csv_table *t = r->t;

	(void)terminator;
	if (r->too_many || csv_record_blank(&r->rec)) {
		record_free(&r->rec);
	} else if (t->n == r->max_records) {
		r->too_many = true;
		record_free(&r->rec);
	} else {
		r->rec.line = r->record_line;
		if (t->n == t->cap) {
			t->cap = t->cap ? t->cap * 2 : 32;
			t->records = xreallocarray(t->records, t->cap, sizeof(*t->records));
		}
		t->records[t->n++] = r->rec;
		memset(&r->rec, 0, sizeof(r->rec));
	}
	r->cells_cap = 0;
	r->at_start = true;
}

int csv_read(const char *data, size_t len, char sep, size_t max_records, struct csv_table *out,
	     uint32_t *err_line, char *err, size_t errlen)
{
	struct reader r = {
	    .t = out, .max_records = max_records, .at_start = true, .record_line = 1};
	struct csv_parser p;
	uint32_t line = 1;
	int rc = 0;

	if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI) != 0)
		xalloc_out_of_memory();
	csv_set_delim(&p, (unsigned char)sep);
	/* A BOM is how some spreadsheets mark UTF-8: not data. */
	if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) {
		data += 3;
		len -= 3;
	}
	/* One byte at a time: libcsv does not count lines. */
	for (size_t i = 0; i < len; i++) {
		char c = data[i];

		if (r.at_start && c != '\r' && c != '\n' && c != ' ' && c != '\t') {
			r.record_line = line;
			r.at_start = false;
		}
		if (csv_parse(&p, &c, 1, on_cell, on_record, &r) != 1) {
			*err_line = line;
			snprintf(err, errlen,
				 "lỗi cú pháp CSV: dấu ngoặc kép (\") đặt sai chỗ (ô có dấu "
				 "phân cách, ngoặc kép hoặc xuống dòng phải nằm trong ngoặc kép, "
				 "ngoặc kép bên trong viết thành \"\")");
			rc = -1;
			goto out;
		}
		if (r.too_many) {
			*err_line = r.record_line;
			snprintf(err, errlen, "tệp có hơn %zu dòng; hãy chia thành nhiều tệp",
				 max_records);
			rc = -1;
			goto out;
		}
		if (c == '\n' || (c == '\r' && (i + 1 == len || data[i + 1] != '\n')))
			line++;
	}
	if (csv_fini(&p, on_cell, on_record, &r) != 0) {
		*err_line = r.record_line;
		snprintf(err, errlen,
			 "dấu ngoặc kép mở một ô ở dòng này không được đóng đến hết tệp");
		rc = -1;
	} else if (r.too_many) {
		*err_line = r.record_line;
		snprintf(err, errlen, "tệp có hơn %zu dòng; hãy chia thành nhiều tệp", max_records);
		rc = -1;
	}
out:
	csv_free(&p);
	record_free(&r.rec);
	return rc;
}

void csv_table_clear(struct csv_table *t)
{
	for (size_t i = 0; i < t->n; i++)
		record_free(&t->records[i]);
	free(t->records);
	memset(t, 0, sizeof(*t));
}

bool csv_record_blank(const struct csv_record *r)
{
	for (size_t i = 0; i < r->n; i++)
		for (size_t k = 0; k < r->cells[i].len; k++)
			if (r->cells[i].data[k] != ' ' && r->cells[i].data[k] != '\t')
				return false;
	return true;
}

bool csv_cell_problem(const struct csv_cell *c, size_t k, char *msg, size_t msglen)
{
	const char *nul = memchr(c->data, '\0', c->len);

	/* A NUL would cut the value wherever it is used as a C string. */
	if (nul != NULL) {
		snprintf(msg, msglen,
			 "cột thứ %zu chứa byte NUL (byte thứ %zu của ô); hãy xóa ký tự này", k + 1,
			 (size_t)(nul - c->data) + 1);
		return true;
	}
	if (!utf8_is_valid(c->data, c->len, NULL)) {
		snprintf(msg, msglen, "cột thứ %zu không phải văn bản UTF-8 hợp lệ", k + 1);
		return true;
	}
	return false;
}
