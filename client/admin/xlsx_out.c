/*
 * xlsx_out.c - Excel workbooks through libxlsxwriter (see xlsx_out.h).
 */
#include "xlsx_out.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>

#include "xalloc.h"
#include "initiative_check.h"
#include "out_file.h"
#include "utf8.h"
#include "vn_time.h"

/* libxlsxwriter refuses longer strings (Excel's cell limit is 32.767). */
#define CELL_BYTES_MAX 32000
/* Rows per sheet, the header included (Excel's limit). */
#define SHEET_ROWS_MAX 1048576u
#define SHEETS_MAX 64

struct xlsx_sheet {
	struct xlsx_book *book;
	lxw_worksheet *ws;
	char name[64];
	const struct xlsx_column *cols;
	size_t n_cols;
	uint32_t row; /* the row being written */
	uint16_t col; /* the next cell */
	int part;     /* 1, then 2, 3... for a table longer than a sheet */
};

struct xlsx_book {
	lxw_workbook *wb;
	struct out_file file; /* the temporary file libxlsxwriter writes */
	lxw_format *header, *text, *integer, *percent, *date, *datetime;
	struct xlsx_sheet *sheets[SHEETS_MAX];
	size_t n_sheets;
	bool failed; /* a sheet could not be added: commit refuses */
	char *buf;   /* cleaned text */
};

struct xlsx_book *xlsx_book_open(const char *path, const char *cmd)
{
	struct xlsx_book *b = xcalloc(1, sizeof(*b));
	lxw_workbook_options opt = {.constant_memory = LXW_TRUE, .use_zip64 = LXW_TRUE};

	if (out_file_open_named(&b->file, path, cmd) != 0) {
		free(b);
		return NULL;
	}
	b->wb = workbook_new_opt(b->file.tmp, &opt);
	if (!b->wb) {
		fprintf(stderr, "sangkien-admin %s: không tạo được bảng tính %s\n", cmd, path);
		xlsx_book_abort(b);
		return NULL;
	}
	b->header = workbook_add_format(b->wb);
	format_set_bold(b->header);
	format_set_text_wrap(b->header);
	format_set_align(b->header, LXW_ALIGN_CENTER);
	format_set_align(b->header, LXW_ALIGN_VERTICAL_CENTER);
	format_set_bg_color(b->header, 0xDDE4EE);
	format_set_border(b->header, LXW_BORDER_THIN);
	b->text = workbook_add_format(b->wb);
	format_set_text_wrap(b->text);
	format_set_align(b->text, LXW_ALIGN_VERTICAL_TOP);
	b->integer = workbook_add_format(b->wb);
	format_set_num_format(b->integer, "#,##0");
	format_set_align(b->integer, LXW_ALIGN_VERTICAL_TOP);
	b->percent = workbook_add_format(b->wb);
	format_set_num_format(b->percent, "0.0%");
	format_set_align(b->percent, LXW_ALIGN_VERTICAL_TOP);
	b->date = workbook_add_format(b->wb);
	format_set_num_format(b->date, "dd/mm/yyyy");
	format_set_align(b->date, LXW_ALIGN_VERTICAL_TOP);
	b->datetime = workbook_add_format(b->wb);
	format_set_num_format(b->datetime, "dd/mm/yyyy hh:mm");
	format_set_align(b->datetime, LXW_ALIGN_VERTICAL_TOP);
	b->buf = xmalloc(CELL_BYTES_MAX + 4);
	return b;
}

static lxw_format *col_format(struct xlsx_book *b, enum xlsx_col k)
{
	switch (k) {
	case XLSX_INT:
		return b->integer;
	case XLSX_PERCENT:
		return b->percent;
	case XLSX_DATE:
		return b->date;
	case XLSX_DATETIME:
		return b->datetime;
	default:
		return b->text;
	}
}

/* A new worksheet with the header row; false when the book is full or
 * libxlsxwriter refuses the name. */
static bool sheet_start(struct xlsx_sheet *s)
{
	struct xlsx_book *b = s->book;
	char name[80];
	size_t i;

	if (s->part == 1)
		snprintf(name, sizeof(name), "%s", s->name);
	else
		snprintf(name, sizeof(name), "%s (%d)", s->name, s->part);
	s->ws = workbook_add_worksheet(b->wb, name);
	if (!s->ws)
		return false;
	for (i = 0; i < s->n_cols; i++) {
		worksheet_set_column(s->ws, (lxw_col_t)i, (lxw_col_t)i, s->cols[i].width,
				     col_format(b, s->cols[i].kind));
		worksheet_write_string(s->ws, 0, (lxw_col_t)i, s->cols[i].header, b->header);
	}
	worksheet_freeze_panes(s->ws, 1, 0);
	s->row = 1;
	s->col = 0;
	return true;
}

struct xlsx_sheet *xlsx_sheet_add(struct xlsx_book *b, const char *name,
				  const struct xlsx_column *cols, size_t n)
{
	struct xlsx_sheet *s;

	if (b->n_sheets == SHEETS_MAX) {
		b->failed = true;
		return NULL;
	}
	s = xcalloc(1, sizeof(*s));
	s->book = b;
	snprintf(s->name, sizeof(s->name), "%s", name);
	s->cols = cols;
	s->n_cols = n;
	s->part = 1;
	if (!sheet_start(s)) {
		b->failed = true;
		free(s);
		return NULL;
	}
	b->sheets[b->n_sheets++] = s;
	return s;
}

/* Text of any origin made safe for a cell: valid UTF-8, no control
 * characters but tab and newline, at most CELL_BYTES_MAX bytes. */
static const char *clean(struct xlsx_book *b, const char *s)
{
	const char *p = s ? s : "", *end = p + strlen(p);
	size_t o = 0;

	while (p < end) {
		const char *start = p;
		uint32_t cp = utf8_next(&p, end);
		size_t len = (size_t)(p - start);

		if (o + 4 > CELL_BYTES_MAX)
			break;
		if ((cp < 0x20 && cp != '\t' && cp != '\n') || (cp >= 0x7F && cp < 0xA0)) {
			b->buf[o++] = ' ';
		} else if (cp == UTF8_REPLACEMENT) {
			o += utf8_put(cp, b->buf + o);
		} else {
			memcpy(b->buf + o, start, len);
			o += len;
		}
	}
	b->buf[o] = '\0';
	return b->buf;
}

static bool cell_ok(struct xlsx_sheet *s)
{
	return s && s->ws && s->col < s->n_cols;
}

/* Every cell carries the format of what it holds: a cell written without
 * one would not take its column's in Excel. */
static lxw_format *fmt(struct xlsx_sheet *s, enum xlsx_col k)
{
	return col_format(s->book, k);
}

void xlsx_text(struct xlsx_sheet *s, const char *text)
{
	if (!cell_ok(s))
		return;
	if (text && text[0])
		worksheet_write_string(s->ws, s->row, s->col, clean(s->book, text),
				       fmt(s, XLSX_TEXT));
	s->col++;
}

void xlsx_int(struct xlsx_sheet *s, int64_t v)
{
	if (!cell_ok(s))
		return;
	worksheet_write_number(s->ws, s->row, s->col, (double)v, fmt(s, XLSX_INT));
	s->col++;
}

void xlsx_percent(struct xlsx_sheet *s, uint64_t num, uint64_t den)
{
	if (!cell_ok(s))
		return;
	if (den)
		worksheet_write_number(s->ws, s->row, s->col, (double)num / (double)den,
				       fmt(s, XLSX_PERCENT));
	s->col++;
}

void xlsx_blank(struct xlsx_sheet *s)
{
	if (cell_ok(s))
		s->col++;
}

static bool civil(int32_t days, lxw_datetime *dt)
{
	char iso[11];

	date_format(days, iso);
	if (sscanf(iso, "%4d-%2d-%2d", &dt->year, &dt->month, &dt->day) != 3)
		return false;
	return dt->year >= 1900 && dt->year <= 9999;
}

void xlsx_date(struct xlsx_sheet *s, const char *iso)
{
	lxw_datetime dt = {0};
	int32_t days;

	if (!cell_ok(s))
		return;
	if (iso && date_parse(iso, &days) && civil(days, &dt))
		worksheet_write_datetime(s->ws, s->row, s->col, &dt, fmt(s, XLSX_DATE));
	else if (iso && iso[0])
		worksheet_write_string(s->ws, s->row, s->col, clean(s->book, iso),
				       fmt(s, XLSX_TEXT));
	s->col++;
}

void xlsx_time_ms(struct xlsx_sheet *s, int64_t unix_ms)
{
	lxw_datetime dt = {0};
	int64_t secs, days, rest;

	if (!cell_ok(s))
		return;
	/* 0 is "never" in the protocol; a hostile value must not overflow. */
	if (unix_ms > 0 && unix_ms < INT64_MAX / 2) {
		secs = unix_ms / 1000 + vn_time_offset(unix_ms);
		days = secs / 86400;
		rest = secs % 86400;
		if (days <= INT32_MAX && civil((int32_t)days, &dt)) {
			dt.hour = (int)(rest / 3600);
			dt.min = (int)(rest / 60 % 60);
			dt.sec = (double)(rest % 60);
			worksheet_write_datetime(s->ws, s->row, s->col, &dt, fmt(s, XLSX_DATETIME));
		}
	}
	s->col++;
}

void xlsx_row_end(struct xlsx_sheet *s)
{
	if (!s || !s->ws)
		return;
	s->col = 0;
	if (++s->row < SHEET_ROWS_MAX)
		return;
	/* The table goes on in a new sheet with the same header. */
	s->part++;
	if (!sheet_start(s)) {
		s->ws = NULL;
		s->book->failed = true;
	}
}

static void book_free(struct xlsx_book *b)
{
	size_t i;

	for (i = 0; i < b->n_sheets; i++)
		free(b->sheets[i]);
	free(b->buf);
	free(b);
}

int xlsx_book_commit(struct xlsx_book *b, const char *cmd)
{
	lxw_error err;

	if (b->failed) {
		fprintf(stderr, "sangkien-admin %s: không tạo được trang tính trong %s\n", cmd,
			b->file.path);
		xlsx_book_abort(b);
		return -1;
	}
	err = workbook_close(b->wb);
	b->wb = NULL;
	if (err != LXW_NO_ERROR) {
		fprintf(stderr, "sangkien-admin %s: không ghi được tệp %s: %s\n", cmd, b->file.path,
			lxw_strerror(err));
		xlsx_book_abort(b);
		return -1;
	}
	if (out_file_commit(&b->file, cmd) != 0) {
		book_free(b);
		return -1;
	}
	book_free(b);
	return 0;
}

void xlsx_book_abort(struct xlsx_book *b)
{
	if (!b)
		return;
	if (b->wb) {
		/* libxlsxwriter has no "discard": close writes, then it goes. */
		workbook_close(b->wb);
		b->wb = NULL;
	}
	out_file_abort(&b->file);
	book_free(b);
}
