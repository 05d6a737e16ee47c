/*
 * xlsx_read.c - the first sheet of an .xlsx as CSV (see xlsx_read.h).
 */
#include "xlsx_read.h"

#include <expat.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "xalloc.h"

/* Inflated sizes of the parts read, checked before inflating. */
#define PART_MAX (64u * 1024u * 1024u)
#define SMALL_PART_MAX (1024u * 1024u) /* workbook.xml and its relationships */
#define STRINGS_MAX 1000000u
#define COLS_MAX 512u
#define ROWS_MAX 1048576u
#define CELL_MAX (64u * 1024u)

struct buf {
	char *p;
	size_t len, cap, max; /* max 0: no limit but the caller's */
	bool over;
};

static void buf_put(struct buf *b, const char *s, size_t n)
{
	if (b->over)
		return;
	if (b->max && b->len + n > b->max) {
		b->over = true;
		return;
	}
	if (b->len + n + 1 > b->cap) {
		size_t cap = b->cap ? b->cap : 256;

		while (cap < b->len + n + 1)
			cap *= 2;
		b->p = xreallocarray(b->p, cap, 1);
		b->cap = cap;
	}
	memcpy(b->p + b->len, s, n);
	b->len += n;
	b->p[b->len] = '\0';
}

static void buf_free(struct buf *b)
{
	free(b->p);
	memset(b, 0, sizeof(*b));
}

bool xlsx_is_workbook(const char *data, size_t len)
{
	return len >= 4 && memcmp(data, "PK\x03\x04", 4) == 0;
}

/* One part of the archive, whole, at most max bytes once inflated. */
static int read_part(zip_t *z, const char *name, size_t max, struct buf *out, char *err,
		     size_t errlen)
{
	zip_stat_t st;
	zip_file_t *f;
	zip_int64_t n;

	memset(out, 0, sizeof(*out));
	zip_stat_init(&st);
	if (zip_stat(z, name, 0, &st) != 0 || !(st.valid & ZIP_STAT_SIZE)) {
		snprintf(err, errlen, "bảng tính thiếu phần %s", name);
		return -1;
	}
	if (st.size > max) {
		snprintf(err, errlen, "phần %s của bảng tính lớn hơn %zu MiB", name,
			 max / (1024u * 1024u));
		return -1;
	}
	f = zip_fopen(z, name, 0);
	if (!f) {
		snprintf(err, errlen, "không đọc được phần %s: %s", name, zip_strerror(z));
		return -1;
	}
	out->cap = (size_t)st.size + 1;
	out->p = xmalloc(out->cap);
	while (out->len < st.size) {
		n = zip_fread(f, out->p + out->len, st.size - out->len);
		if (n <= 0)
			break;
		out->len += (size_t)n;
	}
	zip_fclose(f);
	if (out->len != st.size) {
		snprintf(err, errlen, "phần %s của bảng tính bị hỏng", name);
		buf_free(out);
		return -1;
	}
	out->p[out->len] = '\0';
	return 0;
}

/* The local part of an expat name "URI local" (or "local"). */
static const char *local(const char *name)
{
	const char *sp = strrchr(name, ' ');

	return sp ? sp + 1 : name;
}

static const char *attr(const char **atts, const char *name, bool namespaced)
{
	size_t i;

	for (i = 0; atts[i]; i += 2)
		if (strcmp(local(atts[i]), name) == 0 &&
		    (strchr(atts[i], ' ') != NULL) == namespaced)
			return atts[i + 1];
	return NULL;
}

struct parse {
	XML_Parser p;
	char *err;
	size_t errlen;
	bool failed;
	/* workbook.xml and its relationships */
	char *sheet_rid;
	const char *want_rid;
	char *target;
	/* shared strings */
	char **strings;
	size_t n_strings;
	int in_si, in_rph, in_t;
	struct buf text;
	/* the sheet */
	struct buf *csv;
	uint32_t line; /* the line being written, 1-based */
	uint32_t row;
	char type[16];
	uint32_t col, next_col;
	int in_c, in_v, in_is;
	char **cells;
	uint32_t n_cells;
	uint32_t width; /* fields of the first row (the header), 0 before it */
};

static void fail(struct parse *ps, const char *msg)
{
	if (!ps->failed)
		snprintf(ps->err, ps->errlen, "%s", msg);
	ps->failed = true;
	XML_StopParser(ps->p, XML_FALSE);
}

static void on_text(void *user, const XML_Char *s, int len)
{
	struct parse *ps = user;

	if (ps->in_t && !ps->in_rph) {
		if (ps->text.len + (size_t)len > CELL_MAX) {
			fail(ps, "một ô của bảng tính quá dài");
			return;
		}
		buf_put(&ps->text, s, (size_t)len);
	}
}

static void wb_start(void *user, const XML_Char *name, const XML_Char **atts)
{
	struct parse *ps = user;
	const char *id;

	if (strcmp(local(name), "sheet") == 0 && !ps->sheet_rid) {
		id = attr(atts, "id", true);
		if (!id) {
			fail(ps, "bảng tính: trang tính đầu không có r:id");
			return;
		}
		ps->sheet_rid = xstrdup(id);
	}
}

static void rels_start(void *user, const XML_Char *name, const XML_Char **atts)
{
	struct parse *ps = user;
	const char *id = attr(atts, "Id", false), *target = attr(atts, "Target", false);

	if (strcmp(local(name), "Relationship") == 0 && id && target && !ps->target &&
	    strcmp(id, ps->want_rid) == 0)
		ps->target = xstrdup(target);
}

static void ss_start(void *user, const XML_Char *name, const XML_Char **atts)
{
	struct parse *ps = user;
	const char *l = local(name);

	(void)atts;
	if (strcmp(l, "si") == 0) {
		ps->in_si = 1;
		ps->text.len = 0;
		if (ps->text.p)
			ps->text.p[0] = '\0';
	} else if (strcmp(l, "rPh") == 0) {
		ps->in_rph = 1;
	} else if (strcmp(l, "t") == 0 && ps->in_si) {
		ps->in_t = 1;
	}
}

static void ss_end(void *user, const XML_Char *name)
{
	struct parse *ps = user;
	const char *l = local(name);

	if (strcmp(l, "t") == 0) {
		ps->in_t = 0;
	} else if (strcmp(l, "rPh") == 0) {
		ps->in_rph = 0;
	} else if (strcmp(l, "si") == 0) {
		if (ps->n_strings >= STRINGS_MAX) {
			fail(ps, "bảng tính có quá nhiều chuỗi");
			return;
		}
		ps->strings = xreallocarray(ps->strings, ps->n_strings + 1, sizeof(char *));
		ps->strings[ps->n_strings++] = xstrdup(ps->text.p ? ps->text.p : "");
		ps->in_si = 0;
	}
}

/* "BC12" -> column 1 (0-based); -1 when it is not a cell reference. */
static long ref_col(const char *ref)
{
	long col = 0;
	size_t i;

	for (i = 0; ref[i] >= 'A' && ref[i] <= 'Z'; i++) {
		col = col * 26 + (ref[i] - 'A' + 1);
		if (col > (long)COLS_MAX)
			return -1;
	}
	return i > 0 && ref[i] >= '1' && ref[i] <= '9' ? col - 1 : -1;
}

static void cells_clear(struct parse *ps)
{
	uint32_t i;

	for (i = 0; i < ps->n_cells; i++) {
		free(ps->cells[i]);
		ps->cells[i] = NULL;
	}
	ps->n_cells = 0;
}

static void sheet_start(void *user, const XML_Char *name, const XML_Char **atts)
{
	struct parse *ps = user;
	const char *l = local(name), *v;

	if (strcmp(l, "row") == 0) {
		unsigned long r = ps->line;

		v = attr(atts, "r", false);
		if (v) {
			char *end;

			r = strtoul(v, &end, 10);
			if (*end || r == 0 || r > ROWS_MAX) {
				fail(ps, "bảng tính: số hàng không hợp lệ");
				return;
			}
		}
		if (r < ps->line) {
			fail(ps, "bảng tính: các hàng không theo thứ tự");
			return;
		}
		ps->row = (uint32_t)r;
		ps->next_col = 0;
		cells_clear(ps);
	} else if (strcmp(l, "c") == 0) {
		long col = ps->next_col;

		v = attr(atts, "r", false);
		if (v && (col = ref_col(v)) < 0) {
			fail(ps, "bảng tính: địa chỉ ô không hợp lệ");
			return;
		}
		if (col >= (long)COLS_MAX) {
			fail(ps, "bảng tính có quá nhiều cột");
			return;
		}
		ps->col = (uint32_t)col;
		ps->next_col = ps->col + 1;
		v = attr(atts, "t", false);
		snprintf(ps->type, sizeof(ps->type), "%s", v ? v : "n");
		ps->in_c = 1;
		ps->text.len = 0;
		if (ps->text.p)
			ps->text.p[0] = '\0';
	} else if (ps->in_c && strcmp(l, "v") == 0) {
		ps->in_v = ps->in_t = 1;
	} else if (ps->in_c && strcmp(l, "is") == 0) {
		ps->in_is = 1;
	} else if (ps->in_is && strcmp(l, "t") == 0) {
		ps->in_t = 1;
	} else if (ps->in_is && strcmp(l, "rPh") == 0) {
		ps->in_rph = 1;
	}
}

/* A number as Excel stored it ("2", "5.0000000000000009") as a person
 * typed it: whole numbers without a fraction. */
static char *number_text(const char *v)
{
	char *end;
	double d = strtod(v, &end);

	if (*v && !*end && isfinite(d) && fabs(d) < 1e15 && fabs(d - round(d)) < 1e-9)
		return xasprintf("%.0f", round(d));
	return xstrdup(v);
}

static char *cell_value(struct parse *ps)
{
	const char *t = ps->text.p ? ps->text.p : "";

	if (strcmp(ps->type, "s") == 0) {
		char *end;
		unsigned long k = strtoul(t, &end, 10);

		if (!*t || *end || k >= ps->n_strings) {
			fail(ps, "bảng tính: ô trỏ tới chuỗi không có");
			return NULL;
		}
		return xstrdup(ps->strings[k]);
	}
	if (strcmp(ps->type, "n") == 0)
		return number_text(t);
	return xstrdup(t); /* str, inlineStr, b, e, d */
}

/* One field of the CSV line: quoted when it must be; line breaks become
 * spaces so the sheet's row numbers stay the file's line numbers. */
static void put_field(struct buf *csv, const char *s)
{
	bool quote = strpbrk(s, ",\"\r\n") != NULL;
	const char *p;

	if (quote)
		buf_put(csv, "\"", 1);
	for (p = s; *p; p++) {
		if (*p == '"')
			buf_put(csv, "\"\"", 2);
		else if (*p == '\r' || *p == '\n')
			buf_put(csv, " ", 1);
		else
			buf_put(csv, p, 1);
	}
	if (quote)
		buf_put(csv, "\"", 1);
}

static void sheet_end(void *user, const XML_Char *name)
{
	struct parse *ps = user;
	const char *l = local(name);
	uint32_t i;

	if (strcmp(l, "v") == 0) {
		ps->in_v = ps->in_t = 0;
	} else if (strcmp(l, "t") == 0) {
		ps->in_t = 0;
	} else if (strcmp(l, "rPh") == 0) {
		ps->in_rph = 0;
	} else if (strcmp(l, "is") == 0) {
		ps->in_is = 0;
	} else if (strcmp(l, "c") == 0 && ps->in_c) {
		char *value = cell_value(ps);

		ps->in_c = 0;
		if (!value)
			return;
		if (ps->col >= ps->n_cells) {
			ps->cells = xreallocarray(ps->cells, ps->col + 1, sizeof(char *));
			for (i = ps->n_cells; i <= ps->col; i++)
				ps->cells[i] = NULL;
			ps->n_cells = ps->col + 1;
		}
		free(ps->cells[ps->col]);
		ps->cells[ps->col] = value;
	} else if (strcmp(l, "row") == 0) {
		while (ps->line < ps->row) {
			buf_put(ps->csv, "\n", 1);
			ps->line++;
		}
		/* Excel leaves out empty cells at the end of a row: the row gets
		 * as many fields as the header. */
		if (ps->width == 0)
			ps->width = ps->n_cells;
		for (i = 0; i < ps->n_cells || i < ps->width; i++) {
			if (i)
				buf_put(ps->csv, ",", 1);
			put_field(ps->csv, i < ps->n_cells && ps->cells[i] ? ps->cells[i] : "");
		}
		buf_put(ps->csv, "\n", 1);
		ps->line++;
		cells_clear(ps);
		if (ps->csv->over)
			fail(ps, "bảng tính quá lớn");
	}
}

static int parse_xml(struct parse *ps, const struct buf *doc, const char *part,
		     XML_StartElementHandler start, XML_EndElementHandler end)
{
	ps->p = XML_ParserCreateNS(NULL, ' ');
	if (!ps->p) {
		snprintf(ps->err, ps->errlen, "hết bộ nhớ khi đọc bảng tính");
		return -1;
	}
	XML_SetUserData(ps->p, ps);
	XML_SetElementHandler(ps->p, start, end);
	XML_SetCharacterDataHandler(ps->p, on_text);
	if (XML_Parse(ps->p, doc->p, (int)doc->len, XML_TRUE) == XML_STATUS_ERROR && !ps->failed) {
		snprintf(ps->err, ps->errlen, "phần %s của bảng tính không đọc được: %s (dòng %lu)",
			 part, XML_ErrorString(XML_GetErrorCode(ps->p)),
			 (unsigned long)XML_GetCurrentLineNumber(ps->p));
		ps->failed = true;
	}
	XML_ParserFree(ps->p);
	ps->p = NULL;
	ps->in_t = ps->in_rph = 0;
	return ps->failed ? -1 : 0;
}

/* A relationship's target as an archive name: "worksheets/sheet1.xml" is
 * under xl/, "/xl/..." is absolute; nothing may climb out. */
static char *part_name(const char *target)
{
	if (strstr(target, ".."))
		return NULL;
	if (target[0] == '/')
		return xstrdup(target + 1);
	return xasprintf("xl/%s", target);
}

int xlsx_first_sheet_csv(const char *data, size_t len, size_t max_bytes, char **out,
			 size_t *out_len, char *err, size_t errlen)
{
	struct parse ps = {.err = err, .errlen = errlen, .line = 1};
	struct buf doc = {0}, csv = {.max = max_bytes};
	zip_error_t ze;
	zip_source_t *src;
	zip_t *z = NULL;
	char *sheet = NULL;
	size_t i;
	int rc = -1;

	*out = NULL;
	*out_len = 0;
	zip_error_init(&ze);
	src = zip_source_buffer_create(data, len, 0, &ze);
	if (src)
		z = zip_open_from_source(src, ZIP_RDONLY, &ze);
	if (!z) {
		snprintf(err, errlen, "không mở được bảng tính (.xlsx): %s",
			 zip_error_strerror(&ze));
		if (src)
			zip_source_free(src);
		zip_error_fini(&ze);
		return -1;
	}
	zip_error_fini(&ze);
	if (read_part(z, "xl/workbook.xml", SMALL_PART_MAX, &doc, err, errlen) != 0 ||
	    parse_xml(&ps, &doc, "xl/workbook.xml", wb_start, NULL) != 0)
		goto done;
	buf_free(&doc);
	if (!ps.sheet_rid) {
		snprintf(err, errlen, "bảng tính không có trang tính nào");
		goto done;
	}
	ps.want_rid = ps.sheet_rid;
	if (read_part(z, "xl/_rels/workbook.xml.rels", SMALL_PART_MAX, &doc, err, errlen) != 0 ||
	    parse_xml(&ps, &doc, "xl/_rels/workbook.xml.rels", rels_start, NULL) != 0)
		goto done;
	buf_free(&doc);
	if (!ps.target || !(sheet = part_name(ps.target))) {
		snprintf(err, errlen, "bảng tính: không tìm thấy trang tính đầu");
		goto done;
	}
	/* Shared strings are optional: a sheet of numbers and inline text has
	 * none. */
	if (zip_name_locate(z, "xl/sharedStrings.xml", 0) >= 0 &&
	    (read_part(z, "xl/sharedStrings.xml", PART_MAX, &doc, err, errlen) != 0 ||
	     parse_xml(&ps, &doc, "xl/sharedStrings.xml", ss_start, ss_end) != 0))
		goto done;
	buf_free(&doc);
	ps.csv = &csv;
	if (read_part(z, sheet, PART_MAX, &doc, err, errlen) != 0 ||
	    parse_xml(&ps, &doc, sheet, sheet_start, sheet_end) != 0)
		goto done;
	*out = csv.p ? csv.p : xstrdup("");
	*out_len = csv.len;
	csv.p = NULL;
	rc = 0;
done:
	buf_free(&doc);
	buf_free(&csv);
	buf_free(&ps.text);
	cells_clear(&ps);
	free(ps.cells);
	for (i = 0; i < ps.n_strings; i++)
		free(ps.strings[i]);
	free(ps.strings);
	free(ps.sheet_rid);
	free(ps.target);
	free(sheet);
	zip_discard(z);
	return rc;
}
