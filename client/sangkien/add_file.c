/* add_file.c - see add_file.h. */
#include "add_file.h"

#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "client.h"
#include "csv_read.h"
#include "csv_separator.h"
#include "platform.h"
#include "cmd_add.h"
#include "draft.h"
#include "messages.h"
#include "text_decode.h"

static const char header[] = "title\tkind\tauthors\tsummary\teffect\tapplied_on\ttheme";
static const char *const header_names[] = {"title",  "kind",	   "authors", "summary",
					   "effect", "applied_on", "theme"};

#define N_FIELDS 7

/* One line's options; authors point into the cells (split at ';'). */
static int line_options(char **f, struct add_options *o, char *err, size_t errlen)
{
	char *save = NULL, *a;

	memset(o, 0, sizeof(*o));
	o->title = f[0];
	o->kind = f[1];
	o->summary = f[3];
	o->effect = f[4];
	o->applied_on = f[5];
	o->theme = f[6];
	for (a = strtok_r(f[2], ";", &save); a != NULL; a = strtok_r(NULL, ";", &save)) {
		char **grown = realloc(o->authors, (o->n_authors + 1) * sizeof(*grown));

		if (grown == NULL) {
			snprintf(err, errlen, "hết bộ nhớ");
			return CLIENT_EXIT_ERROR;
		}
		o->authors = grown;
		o->authors[o->n_authors++] = a;
	}
	return 0;
}

/* The whole file (at most ADD_FILE_MAX_BYTES), read before anything is
 * decoded: *data is the caller's to free. */
static int slurp(const char *path, unsigned char **data, size_t *len, FILE *report)
{
	FILE *f = strcmp(path, "-") == 0 ? stdin : sk_fopen(path, "rb");
	unsigned char *buf = NULL, *grown;
	size_t n = 0, cap = 0, got;

	*data = NULL;
	*len = 0;
	if (f == NULL) {
		fprintf(report, "không mở được tệp %s: %s\n", path, strerror(errno));
		return -1;
	}
	for (;;) {
		if (n == cap) {
			if (cap >= ADD_FILE_MAX_BYTES) {
				fprintf(report, "tệp %s lớn hơn %u MB; hãy chia thành nhiều tệp\n",
					path, ADD_FILE_MAX_BYTES / 1000000);
				goto fail;
			}
			cap = cap == 0 ? 65536 : cap * 2;
			if (cap > ADD_FILE_MAX_BYTES)
				cap = ADD_FILE_MAX_BYTES;
			if ((grown = realloc(buf, cap)) == NULL) {
				fprintf(report, "hết bộ nhớ\n");
				goto fail;
			}
			buf = grown;
		}
		got = fread(buf + n, 1, cap - n, f);
		n += got;
		if (got == 0)
			break;
	}
	if (ferror(f)) {
		fprintf(report, "không đọc được tệp %s: %s\n", path, strerror(errno));
		goto fail;
	}
	if (f != stdin)
		fclose(f);
	*data = buf;
	*len = n;
	return 0;
fail:
	free(buf);
	if (f != stdin)
		fclose(f);
	return -1;
}

/* Every problem of a line, each on its own line of the report. */
static size_t report_problems(FILE *report, size_t lineno, const struct add_options *o,
			      int32_t today_days)
{
	struct draft_problem p[DRAFT_N_FIELDS];
	size_t n = draft_check_all(o, today_days, p, DRAFT_N_FIELDS);
	char column[96];

	for (size_t i = 0; i < n; i++) {
		snprintf(column, sizeof(column), "%s (%s)", draft_field_name(p[i].field),
			 draft_field_label(p[i].field));
		fprintf(report, "dòng %zu, cột %s: %s\n", lineno, column, p[i].message);
	}
	return n;
}

/* The separator as the messages name it. */
static const char *separator_name(char sep)
{
	return sep == '\t' ? "tab" : sep == ';' ? "dấu chấm phẩy" : "dấu phẩy";
}

/* Whether the first record is the header line, cell by cell. */
static bool is_header(const struct csv_record *r)
{
	if (r->n != N_FIELDS)
		return false;
	for (size_t k = 0; k < N_FIELDS; k++)
		if (strcmp(r->cells[k].data, header_names[k]) != 0)
			return false;
	return true;
}

int add_from_file(struct store *st, const char *path, const char *unit_code, int32_t today_days,
		  FILE *report, size_t *added)
{
	unsigned char *raw = NULL;
	char *text = NULL, *f[N_FIELDS], err[1024];
	size_t problems = 0, raw_len, text_len;
	struct csv_table t = {0};
	enum text_encoding enc;
	uint32_t err_line = 0;
	char sep;
	int rc = CLIENT_EXIT_ERROR;

	*added = 0;
	if (slurp(path, &raw, &raw_len, report) != 0)
		return CLIENT_EXIT_ERROR;
	rc = text_decode(raw, raw_len, &text, &text_len, &enc, err, sizeof(err));
	free(raw);
	if (rc != 0) {
		fprintf(report, "%s: %s\n", path, err);
		return CLIENT_EXIT_USAGE;
	}
	/* The clients' one CSV reader, with the separator of the header row:
	 * tabs (Excel's "Unicode Text" quotes a cell that holds a tab, a line
	 * break or a quote), or ';' or ',' of a sheet saved as CSV. */
	sep = csv_separator_of(text, text_len);
	rc = csv_read(text, text_len, sep, ADD_FILE_MAX_RECORDS, &t, &err_line, err, sizeof(err));
	free(text);
	if (rc != 0) {
		fprintf(report, "%s: dòng %u: %s\n", path, err_line, err);
		rc = CLIENT_EXIT_USAGE;
		goto out;
	}
	rc = CLIENT_EXIT_ERROR;
	if (t.n == 0) {
		fprintf(report, "%s: tệp trống\n", path);
		rc = CLIENT_EXIT_USAGE;
		goto out;
	}
	if (t.records[0].line != 1 || !is_header(&t.records[0])) {
		fprintf(report,
			"dòng 1: cần dòng tiêu đề “%s” (các cột cách nhau bằng tab, dấu chấm "
			"phẩy hoặc dấu phẩy)\n",
			header);
		rc = CLIENT_EXIT_USAGE;
		goto out;
	}
	if (store_bulk_begin(st) != 0) {
		fprintf(report, "không ghi được kho dữ liệu: %s\n", store_errmsg(st));
		goto out;
	}
	for (size_t r = 1; r < t.n; r++) {
		const struct csv_record *rec = &t.records[r];
		uint32_t lineno = rec->line;
		struct add_options o;
		struct item *it = NULL;
		size_t bytes = 0, n = rec->n, bad = 0;
		int64_t id;

		for (size_t k = 0; k < rec->n; k++) {
			bytes += rec->cells[k].len;
			/* A NUL or broken UTF-8 in a cell: named, never cut. */
			if (csv_cell_problem(&rec->cells[k], k, err, sizeof(err))) {
				fprintf(report, "dòng %u: %s\n", lineno, err);
				bad++;
			}
		}
		if (bad > 0) {
			problems++;
			continue;
		}
		if (bytes > ADD_FILE_MAX_LINE) {
			fprintf(report, "dòng %u: quá dài (%zu byte, tối đa %u)\n", lineno, bytes,
				ADD_FILE_MAX_LINE);
			problems++;
			continue;
		}
		if (n != N_FIELDS && n != N_FIELDS - 1) {
			if (n > N_FIELDS)
				fprintf(report, "dòng %u: nhiều hơn %d cột (%s thừa?)\n", lineno,
					N_FIELDS, separator_name(sep));
			else
				fprintf(report, "dòng %u: cần %d cột cách nhau bằng %s, có %zu\n",
					lineno, N_FIELDS, separator_name(sep), n);
			problems++;
			continue;
		}
		for (size_t k = 0; k < N_FIELDS; k++)
			f[k] = k < n ? rec->cells[k].data : (char *)""; /* theme left out */
		if ((rc = line_options(f, &o, err, sizeof(err))) != 0) {
			free(o.authors);
			fprintf(report, "dòng %u: %s\n", lineno, err);
			goto rollback;
		}
		if (report_problems(report, lineno, &o, today_days) > 0) {
			free(o.authors);
			problems++;
			continue;
		}
		rc = draft_build_item(&o, unit_code, today_days, &it, err, sizeof(err));
		free(o.authors);
		if (rc == CLIENT_EXIT_USAGE) {
			fprintf(report, "dòng %u: %s\n", lineno, err);
			problems++;
			continue;
		}
		if (rc != 0) {
			fprintf(report, "dòng %u: %s\n", lineno, err);
			goto rollback;
		}
		/* After a problem keep checking, but store nothing more. */
		if (problems == 0 && store_bulk_add(st, it, &id) != 0) {
			fprintf(report, "dòng %u: không lưu được: %s\n", lineno, store_errmsg(st));
			item_free(it);
			rc = CLIENT_EXIT_ERROR;
			goto rollback;
		}
		item_free(it);
		(*added)++;
	}
	if (problems > 0) {
		rc = CLIENT_EXIT_USAGE;
		goto rollback;
	}
	if (store_bulk_end(st, true) != 0) {
		fprintf(report, "không ghi được kho dữ liệu: %s\n", store_errmsg(st));
		rc = CLIENT_EXIT_ERROR;
		*added = 0;
		goto out;
	}
	rc = CLIENT_EXIT_OK;
	goto out;
rollback:
	store_bulk_end(st, false);
	*added = 0;
out:
	csv_table_clear(&t);
	return rc;
}
