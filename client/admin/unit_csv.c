/*
 * unit_csv.c - parse and check a units CSV (see unit_csv.h).
 *
 * The clients' one CSV reader (csv_read.h) gives the records, each with the
 * line it starts on (a quoted field may span lines).  Uniqueness (stt, name, code) is checked after
 * the whole file is read, by sorting, so each repeat names the first line that used the value.
 */
#include "unit_csv.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "csv_read.h"
#include "xalloc.h"
#include "import_source.h"
#include "utf8.h"
#include "initiative_check.h"
#include "unit_name.h"

enum column {
	COL_STT,
	COL_DON_VI,
	COL_SO_PHAN_BO,
	COL_MA_DON_VI,
	COL_GHI_CHU,
	COL_COUNT,
};

static const char *const column_names[COL_COUNT] = {
    "stt", "don_vi", "so_phan_bo", "ma_don_vi", "ghi_chu",
};

static const bool column_required[COL_COUNT] = {true, true, true, false, false};

/* A value seen in a unique column, with the line that used it. */
struct seen {
	char *key;    /* comparison key (NULL for stt) */
	char *shown;  /* the value as written, for messages */
	uint32_t num; /* stt */
	uint32_t line;
	size_t order; /* file order, keeps the sort stable */
	bool derived; /* a code made from stt (its repeats are stt repeats) */
};

struct seen_list {
	struct seen *items;
	size_t n;
	size_t cap;
};

struct parser_state {
	struct unit_csv *csv;
	const char *parent;
	uint32_t record_line; /* line the current record starts on */
	bool header_done;
	bool stop; /* a fatal problem: ignore the rest */
	uint32_t header_line;
	size_t header_fields;
	int col_index[COL_COUNT];      /* record position of each column, -1 absent */
	const struct csv_cell *fields; /* the current record's */
	size_t n_fields;
	size_t data_rows;
	size_t problem_seq;
	struct seen_list stts, names, codes;
};

/* Problems keep a sequence number next to them while sorting. */
struct problem_sort {
	struct unit_csv_problem p;
	size_t seq;
};

static void add_problem(struct parser_state *st, uint32_t line, const char *column, const char *fmt,
			...) __attribute__((format(printf, 4, 5)));

static void add_problem(struct parser_state *st, uint32_t line, const char *column, const char *fmt,
			...)
{
	struct unit_csv *csv = st->csv;
	struct unit_csv_problem *p;
	va_list ap;
	int n;

	if (csv->n_problems == csv->problems_cap) {
		csv->problems_cap = csv->problems_cap ? csv->problems_cap * 2 : 16;
		csv->problems =
		    xreallocarray(csv->problems, csv->problems_cap, sizeof(*csv->problems));
	}
	p = &csv->problems[csv->n_problems++];
	p->line = line;
	p->column = xstrdup(column ? column : "");
	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	p->message = xmalloc(n > 0 ? (size_t)n + 1 : 1);
	p->message[0] = '\0';
	va_start(ap, fmt);
	if (n > 0)
		vsnprintf(p->message, (size_t)n + 1, fmt, ap);
	va_end(ap);
}

static void seen_add(struct seen_list *l, char *key, char *shown, uint32_t num, uint32_t line,
		     bool derived)
{
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 64;
		l->items = xreallocarray(l->items, l->cap, sizeof(*l->items));
	}
	l->items[l->n] = (struct seen){key, shown, num, line, l->n, derived};
	l->n++;
}

static void seen_free(struct seen_list *l)
{
	size_t i;

	for (i = 0; i < l->n; i++) {
		free(l->items[i].key);
		free(l->items[i].shown);
	}
	free(l->items);
}

/* Trim ASCII and Unicode white space from both ends of a valid UTF-8
 * field, in place. */
static void trim(const char **s, size_t *len)
{
	const char *b = *s, *e = *s + *len;

	for (;;) {
		const char *pos = b;

		if (b >= e || !unit_name_is_space(utf8_next(&pos, e)))
			break;
		b = pos;
	}
	while (e > b) {
		const char *start = e - 1;
		const char *pos;

		/* Step back to the start of the last code point. */
		while (start > b && ((unsigned char)*start & 0xC0) == 0x80 && e - start < 4)
			start--;
		pos = start;
		if (!unit_name_is_space(utf8_next(&pos, e)) || pos != e)
			break;
		e = start;
	}
	*s = b;
	*len = (size_t)(e - b);
}

static bool has_control(const char *s, size_t len, bool allow_newlines)
{
	size_t i;

	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if (allow_newlines && (c == '\n' || c == '\r' || c == '\t'))
			continue;
		if (c < 0x20 || c == 0x7F)
			return true;
	}
	return false;
}

/* A value quoted in a message: at most 60 code points, controls shown as
 * '?'.  Caller frees. */
static char *shown_value(const char *s, size_t len)
{
	char *out = xmalloc(len + 4);
	const char *pos = s, *end = s + len;
	size_t n = 0, cps = 0;

	while (pos < end) {
		const char *start = pos;
		uint32_t cp = utf8_next(&pos, end);

		if (cps++ == 60) {
			memcpy(out + n, "\xE2\x80\xA6", 3); /* … */
			n += 3;
			break;
		}
		if (cp < 0x20 || cp == 0x7F) {
			out[n++] = '?';
			continue;
		}
		memcpy(out + n, start, (size_t)(pos - start));
		n += (size_t)(pos - start);
	}
	out[n] = '\0';
	return out;
}

/* Parse a decimal of digits only (no sign, no spaces, no leading '+'). */
static bool parse_uint(const char *s, size_t len, uint32_t max, uint32_t *out)
{
	uint64_t v = 0;
	size_t i;

	if (len == 0)
		return false;
	for (i = 0; i < len; i++) {
		if (s[i] < '0' || s[i] > '9')
			return false;
		v = v * 10 + (uint64_t)(s[i] - '0');
		if (v > max)
			return false;
	}
	*out = (uint32_t)v;
	return true;
}

static bool all_digits(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return len > 0;
}

static void handle_header(struct parser_state *st)
{
	size_t i;
	int c;

	st->header_done = true;
	st->header_line = st->record_line;
	st->header_fields = st->n_fields;
	for (c = 0; c < COL_COUNT; c++)
		st->col_index[c] = -1;

	for (i = 0; i < st->n_fields; i++) {
		const char *name = st->fields[i].data;
		size_t len = st->fields[i].len;
		char *shown;
		bool known = false;

		if (!utf8_is_valid(name, len, NULL)) {
			add_problem(st, st->header_line, "",
				    "tên cột thứ %zu không phải UTF-8 hợp lệ", i + 1);
			continue;
		}
		trim(&name, &len);
		if (len == 0) {
			add_problem(st, st->header_line, "", "cột thứ %zu không có tên", i + 1);
			continue;
		}
		for (c = 0; c < COL_COUNT; c++) {
			if (strlen(column_names[c]) != len ||
			    strncasecmp(column_names[c], name, len) != 0)
				continue;
			known = true;
			if (st->col_index[c] >= 0)
				add_problem(st, st->header_line, column_names[c],
					    "cột lặp lại (cột thứ %d và %zu)", st->col_index[c] + 1,
					    i + 1);
			else
				st->col_index[c] = (int)i;
		}
		if (!known) {
			shown = shown_value(name, len);
			add_problem(st, st->header_line, shown,
				    "cột không được hỗ trợ (các cột: stt, don_vi, so_phan_bo, "
				    "ma_don_vi, ghi_chu)");
			free(shown);
		}
	}
	for (c = 0; c < COL_COUNT; c++)
		if (column_required[c] && st->col_index[c] < 0)
			add_problem(st, st->header_line, column_names[c], "thiếu cột bắt buộc");
}

/* The trimmed cell of column c, or false when the column is absent or its
 * cell was refused already. */
static bool cell(struct parser_state *st, enum column c, const bool *bad, const char **s,
		 size_t *len)
{
	int i = st->col_index[c];

	if (i < 0 || bad[i])
		return false;
	*s = st->fields[i].data;
	*len = st->fields[i].len;
	trim(s, len);
	return true;
}

static void handle_row(struct parser_state *st)
{
	uint32_t line = st->record_line;
	bool *bad;
	bool stt_ok = false, quota_ok = false, name_ok = false, code_ok = false;
	bool derived = false;
	uint32_t stt = 0, quota = 0;
	char *code = NULL, *name = NULL, *note = NULL;
	const char *s;
	size_t len, i, cps;

	/* Blank lines, and rows of empty cells that spreadsheets leave. */
	for (i = 0; i < st->n_fields; i++) {
		s = st->fields[i].data;
		len = st->fields[i].len;
		if (utf8_is_valid(s, len, NULL))
			trim(&s, &len);
		if (len)
			break;
	}
	if (i == st->n_fields)
		return;

	if (++st->data_rows > UNIT_CSV_MAX_ROWS) {
		add_problem(st, line, "", "tệp có hơn %u dòng đơn vị; hãy chia thành nhiều tệp",
			    UNIT_CSV_MAX_ROWS);
		st->stop = true;
		return;
	}
	if (st->n_fields != st->header_fields) {
		add_problem(st, line, "", "dòng có %zu cột nhưng dòng tiêu đề (dòng %u) có %zu cột",
			    st->n_fields, st->header_line, st->header_fields);
		return;
	}
	bad = xcalloc(st->n_fields, sizeof(*bad));
	for (i = 0; i < st->n_fields; i++) {
		const char *col = "";
		char msg[128];
		int c;

		for (c = 0; c < COL_COUNT; c++)
			if (st->col_index[c] == (int)i)
				col = column_names[c];
		/* NUL bytes and broken UTF-8: csv_read.h says it, by column. */
		bad[i] = csv_cell_problem(&st->fields[i], i, msg, sizeof(msg));
		if (bad[i])
			add_problem(st, line, col, "%s", msg);
	}

	if (cell(st, COL_STT, bad, &s, &len)) {
		char *shown = shown_value(s, len);

		if (len == 0)
			add_problem(st, line, "stt", "thiếu số thứ tự");
		else if (!all_digits(s, len) || !parse_uint(s, len, UNIT_CSV_STT_MAX, &stt) ||
			 stt == 0)
			add_problem(st, line, "stt",
				    "'%s' không phải số thứ tự hợp lệ (số nguyên từ 1 đến %u)",
				    shown, UNIT_CSV_STT_MAX);
		else
			stt_ok = true;
		free(shown);
		if (stt_ok)
			seen_add(&st->stts, NULL, NULL, stt, line, false);
	}

	if (cell(st, COL_DON_VI, bad, &s, &len)) {
		utf8_is_valid(s, len, &cps);
		if (len == 0) {
			add_problem(st, line, "don_vi", "thiếu tên đơn vị");
		} else if (has_control(s, len, false)) {
			add_problem(st, line, "don_vi",
				    "tên đơn vị chứa ký tự điều khiển (xuống dòng, tab...)");
		} else if (cps > UNIT_CSV_NAME_MAX) {
			add_problem(st, line, "don_vi", "tên đơn vị dài %zu ký tự, tối đa %u", cps,
				    UNIT_CSV_NAME_MAX);
		} else {
			name = xstrndup(s, len);
			name_ok = true;
			seen_add(&st->names, unit_name_key(s, len), xstrdup(name), 0, line, false);
		}
	}

	if (cell(st, COL_SO_PHAN_BO, bad, &s, &len)) {
		char *shown = shown_value(s, len);

		if (len == 0)
			add_problem(st, line, "so_phan_bo", "thiếu số phân bổ");
		else if (!all_digits(s, len))
			add_problem(st, line, "so_phan_bo", "'%s' không phải số nguyên không âm",
				    shown);
		else if (!parse_uint(s, len, UNIT_CSV_QUOTA_MAX, &quota))
			add_problem(st, line, "so_phan_bo", "%s vượt quá giới hạn %u", shown,
				    UNIT_CSV_QUOTA_MAX);
		else
			quota_ok = true;
		free(shown);
		if (quota_ok)
			st->csv->total_quota += quota;
	}

	if (cell(st, COL_MA_DON_VI, bad, &s, &len) && len > 0) {
		char *given = xstrndup(s, len);

		if (!unit_code_is_valid(given)) {
			char *shown = shown_value(s, len);

			add_problem(st, line, "ma_don_vi",
				    "mã '%s' không hợp lệ (1 đến %d ký tự A-Z a-z 0-9 . _ -)",
				    shown, CHECK_UNIT_CODE_MAX);
			free(shown);
			free(given);
		} else {
			code = given;
			code_ok = true;
		}
	} else if (st->col_index[COL_MA_DON_VI] < 0 || !bad[st->col_index[COL_MA_DON_VI]]) {
		/* No code given: derive PARENT-NNN from the row number. */
		if (stt_ok && st->parent) {
			code = xasprintf("%s-%03u", st->parent, stt);
			if (unit_code_is_valid(code)) {
				code_ok = true;
				derived = true;
			} else {
				add_problem(st, line, "ma_don_vi",
					    "mã suy ra '%s' không hợp lệ (quá %d ký tự?); hãy ghi "
					    "mã trong cột ma_don_vi",
					    code, CHECK_UNIT_CODE_MAX);
				free(code);
				code = NULL;
			}
		} else if (stt_ok) {
			add_problem(st, line, "ma_don_vi",
				    "không có mã đơn vị và không có đơn vị cha để suy ra mã");
		}
	}
	if (code_ok) {
		char *key = xstrdup(code);

		for (i = 0; key[i]; i++)
			if (key[i] >= 'A' && key[i] <= 'Z')
				key[i] = (char)(key[i] + 0x20);
		seen_add(&st->codes, key, xstrdup(code), 0, line, derived);
	}

	note = xstrdup("");
	if (cell(st, COL_GHI_CHU, bad, &s, &len)) {
		utf8_is_valid(s, len, &cps);
		if (has_control(s, len, true))
			add_problem(st, line, "ghi_chu", "ghi chú chứa ký tự điều khiển");
		else if (cps > UNIT_CSV_NOTE_MAX)
			add_problem(st, line, "ghi_chu", "ghi chú dài %zu ký tự, tối đa %u", cps,
				    UNIT_CSV_NOTE_MAX);
		free(note);
		note = xstrndup(s, len);
	}

	if (stt_ok && name_ok && quota_ok && code_ok) {
		struct unit_csv *csv = st->csv;

		if (csv->n_rows == csv->rows_cap) {
			csv->rows_cap = csv->rows_cap ? csv->rows_cap * 2 : 64;
			csv->rows = xreallocarray(csv->rows, csv->rows_cap, sizeof(*csv->rows));
		}
		csv->rows[csv->n_rows++] = (struct unit_csv_row){
		    .line = line,
		    .stt = stt,
		    .code = code,
		    .name = name,
		    .quota = quota,
		    .note = note,
		};
		free(bad);
		return;
	}
	free(bad);
	free(code);
	free(name);
	free(note);
}

static int compare_stt(const void *a, const void *b)
{
	const struct seen *x = a, *y = b;

	if (x->num != y->num)
		return x->num < y->num ? -1 : 1;
	return x->order < y->order ? -1 : x->order > y->order;
}

static int compare_key(const void *a, const void *b)
{
	const struct seen *x = a, *y = b;
	int c = strcmp(x->key, y->key);

	if (c)
		return c;
	return x->order < y->order ? -1 : x->order > y->order;
}

static void check_unique(struct parser_state *st)
{
	size_t i, first;

	if (st->stts.n > 1)
		qsort(st->stts.items, st->stts.n, sizeof(struct seen), compare_stt);
	for (i = 1, first = 0; i < st->stts.n; i++) {
		if (st->stts.items[i].num != st->stts.items[first].num) {
			first = i;
			continue;
		}
		add_problem(st, st->stts.items[i].line, "stt", "số thứ tự %u đã dùng ở dòng %u",
			    st->stts.items[i].num, st->stts.items[first].line);
	}

	if (st->names.n > 1)
		qsort(st->names.items, st->names.n, sizeof(struct seen), compare_key);
	for (i = 1, first = 0; i < st->names.n; i++) {
		const struct seen *x = &st->names.items[i], *f = &st->names.items[first];

		if (strcmp(x->key, f->key) != 0) {
			first = i;
			continue;
		}
		if (strcmp(x->shown, f->shown) == 0)
			add_problem(st, x->line, "don_vi", "'%s' trùng tên với dòng %u", x->shown,
				    f->line);
		else
			add_problem(st, x->line, "don_vi", "'%s' trùng tên với '%s' ở dòng %u",
				    x->shown, f->shown, f->line);
	}

	if (st->codes.n > 1)
		qsort(st->codes.items, st->codes.n, sizeof(struct seen), compare_key);
	for (i = 1, first = 0; i < st->codes.n; i++) {
		const struct seen *x = &st->codes.items[i], *f = &st->codes.items[first];

		if (strcmp(x->key, f->key) != 0) {
			first = i;
			continue;
		}
		/* Two derived codes collide only when their stt repeat, which
		 * is reported already. */
		if (x->derived && f->derived)
			continue;
		add_problem(st, x->line, "ma_don_vi", "mã '%s' đã dùng ở dòng %u", x->shown,
			    f->line);
	}
}

/* Within a line, problems read in column order: the row, then stt,
 * don_vi, so_phan_bo, ma_don_vi, ghi_chu, then unknown columns. */
static int column_rank(const char *column)
{
	int c;

	if (column[0] == '\0')
		return 0;
	for (c = 0; c < COL_COUNT; c++)
		if (strcmp(column, column_names[c]) == 0)
			return c + 1;
	return COL_COUNT + 1;
}

static int compare_problem(const void *a, const void *b)
{
	const struct problem_sort *x = a, *y = b;
	int rx, ry;

	if (x->p.line != y->p.line)
		return x->p.line < y->p.line ? -1 : 1;
	rx = column_rank(x->p.column);
	ry = column_rank(y->p.column);
	if (rx != ry)
		return rx < ry ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

static void sort_problems(struct unit_csv *csv)
{
	struct problem_sort *tmp;
	size_t i;

	if (csv->n_problems < 2)
		return;
	tmp = xcalloc(csv->n_problems, sizeof(*tmp));
	for (i = 0; i < csv->n_problems; i++)
		tmp[i] = (struct problem_sort){csv->problems[i], i};
	qsort(tmp, csv->n_problems, sizeof(*tmp), compare_problem);
	for (i = 0; i < csv->n_problems; i++)
		csv->problems[i] = tmp[i].p;
	free(tmp);
}

struct unit_csv *unit_csv_parse(const char *data, size_t len, char sep, const char *parent_code)
{
	struct unit_csv *csv = xcalloc(1, sizeof(*csv));
	struct parser_state st = {
	    .csv = csv,
	    .parent = parent_code,
	    .record_line = 1,
	};
	struct csv_table t = {0};
	uint32_t err_line = 0;
	char err[256];
	/* The reader's own limit is a backstop: rows are counted below. */
	int rc = csv_read(data, len, sep, (size_t)UNIT_CSV_MAX_ROWS + 2, &t, &err_line, err,
			  sizeof(err));

	/* The records before a syntax error are checked too; what follows
	 * it cannot be trusted. */
	for (size_t i = 0; i < t.n && !st.stop; i++) {
		st.fields = t.records[i].cells;
		st.n_fields = t.records[i].n;
		st.record_line = t.records[i].line;
		if (!st.header_done)
			handle_header(&st);
		else
			handle_row(&st);
	}
	if (rc != 0 && !st.stop) {
		add_problem(&st, err_line, "", "%s", err);
		st.stop = true;
	}
	st.fields = NULL;
	csv_table_clear(&t);

	if (!st.header_done)
		add_problem(&st, 0, "", "tệp rỗng: không có dòng tiêu đề và không có đơn vị nào");
	else if (st.data_rows == 0 && !st.stop)
		add_problem(&st, st.header_line, "",
			    "tệp chỉ có dòng tiêu đề, không có đơn vị nào");
	check_unique(&st);
	seen_free(&st.stts);
	seen_free(&st.names);
	seen_free(&st.codes);
	sort_problems(csv);
	return csv;
}

int unit_csv_read_file(const char *path, const char *parent_code, struct unit_csv **out, char *err,
		       size_t errlen)
{
	enum import_source_kind kind;
	char *data;
	size_t len;
	int rc;

	/* Workbooks, other separators and legacy encodings: import_source.h. */
	rc = import_source_read(path, UNIT_CSV_MAX_BYTES, &data, &len, &kind, err, errlen);
	if (rc != 0)
		return rc;
	*out = unit_csv_parse(data, len, import_source_separator(kind), parent_code);
	free(data);
	return 0;
}

void unit_csv_free(struct unit_csv *csv)
{
	size_t i;

	if (!csv)
		return;
	for (i = 0; i < csv->n_rows; i++) {
		free(csv->rows[i].code);
		free(csv->rows[i].name);
		free(csv->rows[i].note);
	}
	for (i = 0; i < csv->n_problems; i++) {
		free(csv->problems[i].column);
		free(csv->problems[i].message);
	}
	free(csv->rows);
	free(csv->problems);
	free(csv);
}

void unit_csv_print_problem(FILE *out, const char *file, uint32_t line, const char *column,
			    const char *message)
{
	if (line)
		fprintf(out, "%s:%u: ", file, line);
	else
		fprintf(out, "%s: ", file);
	if (column && *column)
		fprintf(out, "%s: ", column);
	fprintf(out, "%s\n", message);
}

void unit_csv_print_problems(const struct unit_csv *csv, const char *file, FILE *out)
{
	size_t i;

	for (i = 0; i < csv->n_problems; i++)
		unit_csv_print_problem(out, file, csv->problems[i].line, csv->problems[i].column,
				       csv->problems[i].message);
}
