/* add_file.c - see add_file.h. */
#include "add_file.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "client.h"
#include "platform.h"
#include "cmd_add.h"
#include "draft.h"
#include "messages.h"
#include "text_decode.h"

static const char header[] = "title\tkind\tauthors\tsummary\teffect\tapplied_on\ttheme";

#define N_FIELDS 7

/* Split line (modified in place) at tabs; returns the number of fields. */
static size_t split(char *line, char **fields, size_t max)
{
	size_t n = 0;

	fields[n++] = line;
	for (char *p = line; *p != '\0'; p++) {
		if (*p != '\t')
			continue;
		*p = '\0';
		if (n == max)
			return max + 1;
		fields[n++] = p + 1;
	}
	return n;
}

/* One line's options; authors point into the line (split at ';'). */
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

/* The next line of text[*pos, text_len) (NUL-terminated), its newline
 * replaced by NUL in place; *len its length without the newline.  Returns
 * NULL at the end.  In memory, so no stream over a buffer (fmemopen, which
 * Windows lacks) is needed. */
static char *next_line(char *text, size_t text_len, size_t *pos, ptrdiff_t *len)
{
	char *start = text + *pos, *nl;

	if (*pos >= text_len)
		return NULL;
	nl = memchr(start, '\n', text_len - *pos);
	if (nl == NULL)
		nl = text + text_len; /* the last line, without a newline */
	*nl = '\0';
	*len = nl - start;
	*pos = (size_t)(nl - text) + 1;
	return start;
}

int add_from_file(struct store *st, const char *path, const char *unit_code, int32_t today_days,
		  FILE *report, size_t *added)
{
	unsigned char *raw = NULL;
	char *text = NULL, *line, *f[N_FIELDS + 1], err[1024];
	size_t pos = 0, lineno = 0, problems = 0, raw_len, text_len;
	enum text_encoding enc;
	ptrdiff_t len;
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
	rc = CLIENT_EXIT_ERROR;
	if (text_len == 0) {
		fprintf(report, "%s: tệp trống\n", path);
		free(text);
		return CLIENT_EXIT_USAGE;
	}
	if (store_bulk_begin(st) != 0) {
		fprintf(report, "không ghi được kho dữ liệu: %s\n", store_errmsg(st));
		goto out;
	}
	while ((line = next_line(text, text_len, &pos, &len)) != NULL) {
		struct add_options o;
		struct item *it = NULL;
		int64_t id;
		size_t n;

		lineno++;
		while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
			line[--len] = '\0';
		if ((size_t)len > ADD_FILE_MAX_LINE) {
			fprintf(report, "dòng %zu: quá dài (%td byte, tối đa %u)\n", lineno, len,
				ADD_FILE_MAX_LINE);
			problems++;
			continue;
		}
		if (lineno == 1) {
			if (strcmp(line, header) != 0) {
				fprintf(report,
					"dòng 1: cần dòng tiêu đề “%s” (các cột cách nhau bằng "
					"tab)\n",
					header);
				problems++;
				break;
			}
			continue;
		}
		if (len == 0)
			continue;
		n = split(line, f, N_FIELDS);
		if (n == N_FIELDS - 1) {
			f[N_FIELDS - 1] = (char *)""; /* theme left out */
			n = N_FIELDS;
		}
		if (n != N_FIELDS) {
			if (n > N_FIELDS)
				fprintf(report, "dòng %zu: nhiều hơn %d cột (tab thừa?)\n", lineno,
					N_FIELDS);
			else
				fprintf(report, "dòng %zu: cần %d cột cách nhau bằng tab, có %zu\n",
					lineno, N_FIELDS, n);
			problems++;
			continue;
		}
		if ((rc = line_options(f, &o, err, sizeof(err))) != 0) {
			free(o.authors);
			fprintf(report, "dòng %zu: %s\n", lineno, err);
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
			fprintf(report, "dòng %zu: %s\n", lineno, err);
			problems++;
			continue;
		}
		if (rc != 0) {
			fprintf(report, "dòng %zu: %s\n", lineno, err);
			goto rollback;
		}
		/* After a problem keep checking, but store nothing more. */
		if (problems == 0 && store_bulk_add(st, it, &id) != 0) {
			fprintf(report, "dòng %zu: không lưu được: %s\n", lineno, store_errmsg(st));
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
	free(text);
	return rc;
}
