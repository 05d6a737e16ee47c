/*
 * import_source.c - imported files made into UTF-8 CSV (see
 * import_source.h).
 */
#include "platform.h"
#include "import_source.h"

#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csv_separator.h"
#include "xalloc.h"
#include "text_decode.h"
#include "xlsx_read.h"

/*
 * The same table with commas between fields: separators outside quotes
 * become commas, an unquoted field holding a comma or a stray quote is
 * quoted.  Every line ending is copied as it is, so each line keeps its
 * number for the messages.  This rewrites separators only; the CSV readers
 * still judge the result.
 */
static char *to_commas(const char *data, size_t len, char sep, size_t *out_len)
{
	/* Worst case: every field grows by two quotes and every quote doubles. */
	char *out = xreallocarray(NULL, len + 1, 3);
	size_t i = 0, o = 0;

	while (i <= len) {
		size_t start = i, j;
		bool needs_quotes = false;

		if (i < len && data[i] == '"') {
			/* A quoted field: copied to its closing quote. */
			out[o++] = data[i++];
			while (i < len) {
				if (data[i] == '"' && i + 1 < len && data[i + 1] == '"') {
					out[o++] = data[i++];
					out[o++] = data[i++];
				} else if (data[i] == '"') {
					out[o++] = data[i++];
					break;
				} else {
					out[o++] = data[i++];
				}
			}
			/* Anything after the closing quote is the readers' to refuse. */
			while (i < len && data[i] != sep && data[i] != '\n' && data[i] != '\r')
				out[o++] = data[i++];
		} else {
			for (j = start;
			     j < len && data[j] != sep && data[j] != '\n' && data[j] != '\r'; j++)
				if (data[j] == ',' || data[j] == '"')
					needs_quotes = true;
			if (needs_quotes)
				out[o++] = '"';
			for (; i < j; i++) {
				if (data[i] == '"')
					out[o++] = '"';
				out[o++] = data[i];
			}
			if (needs_quotes)
				out[o++] = '"';
		}
		if (i >= len)
			break;
		if (data[i] == sep) {
			out[o++] = ',';
			i++;
			continue;
		}
		/* A line ending, copied whole. */
		out[o++] = data[i++];
		if (data[i - 1] == '\r' && i < len && data[i] == '\n')
			out[o++] = data[i++];
	}
	out[o] = '\0';
	*out_len = o;
	return out;
}

int import_source_prepare(const char *data, size_t len, const char *file, size_t max_bytes,
			  char **out, size_t *out_len, enum import_source_kind *kind, char *err,
			  size_t errlen)
{
	enum text_encoding enc;
	char sep, *text, inner[768];

	*out = NULL;
	*out_len = 0;
	if (xlsx_is_workbook(data, len)) {
		if (xlsx_first_sheet_csv(data, len, max_bytes, out, out_len, err, errlen) != 0) {
			snprintf(inner, sizeof(inner), "%s", err);
			snprintf(err, errlen, "%s: %s", file, inner);
			return IMPORT_SOURCE_REFUSED;
		}
		*kind = IMPORT_XLSX;
		return 0;
	}
	/* UTF-8 with or without a BOM, UTF-16 with one; legacy encodings
	 * named (text_decode.h). */
	if (text_decode((const unsigned char *)data, len, &text, &len, &enc, inner,
			sizeof(inner)) != 0) {
		snprintf(err, errlen, "%s: %s", file, inner);
		return IMPORT_SOURCE_REFUSED;
	}
	data = text;
	sep = csv_separator_of(data, len);
	if (sep == ',') {
		*out = text;
		*out_len = len;
		*kind = IMPORT_CSV;
		return 0;
	}
	*out = to_commas(data, len, sep, out_len);
	free(text);
	if (*out_len > max_bytes) {
		free(*out);
		*out = NULL;
		snprintf(err, errlen, "%s: tệp lớn hơn %zu MiB, không nhận", file,
			 max_bytes / (1024u * 1024u));
		return IMPORT_SOURCE_REFUSED;
	}
	*kind = sep == ';' ? IMPORT_CSV_SEMICOLON : IMPORT_CSV_TAB;
	return 0;
}

int import_source_read(const char *path, size_t max_bytes, char **out, size_t *out_len,
		       enum import_source_kind *kind, char *err, size_t errlen)
{
	FILE *f = strcmp(path, "-") == 0 ? stdin : sk_fopen(path, "rb");
	size_t cap = 65536, len = 0;
	char *buf;
	int rc;

	*out = NULL;
	if (!f) {
		snprintf(err, errlen, "không mở được tệp '%s': %s", path, strerror(errno));
		return -1;
	}
	buf = xmalloc(cap);
	for (;;) {
		size_t n;

		if (len == cap) {
			if (cap > max_bytes)
				break;
			cap *= 2;
			buf = xreallocarray(buf, cap, 1);
		}
		n = fread(buf + len, 1, cap - len, f);
		len += n;
		if (n == 0)
			break;
	}
	if (ferror(f)) {
		snprintf(err, errlen, "lỗi khi đọc tệp '%s': %s", path, strerror(errno));
		rc = -1;
	} else if (len > max_bytes) {
		snprintf(err, errlen, "tệp '%s' lớn hơn %zu MiB, không nhận", path,
			 max_bytes / (1024u * 1024u));
		rc = IMPORT_SOURCE_REFUSED;
	} else {
		rc = import_source_prepare(buf, len, path, max_bytes, out, out_len, kind, err,
					   errlen);
	}
	if (f != stdin)
		fclose(f);
	free(buf);
	return rc;
}
