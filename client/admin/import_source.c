/*
 * import_source.c - imported files made into UTF-8 CSV text and its
 * separator (see import_source.h).
 */
#include "platform.h"
#include "import_source.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csv_separator.h"
#include "xalloc.h"
#include "text_decode.h"
#include "xlsx_read.h"

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
	/* Left as it is: the readers take the separator (import_source_separator). */
	sep = csv_separator_of(text, len);
	*out = text;
	*out_len = len;
	*kind = sep == ';' ? IMPORT_CSV_SEMICOLON : sep == '\t' ? IMPORT_CSV_TAB : IMPORT_CSV;
	return 0;
}

char import_source_separator(enum import_source_kind kind)
{
	switch (kind) {
	case IMPORT_CSV_SEMICOLON:
		return ';';
	case IMPORT_CSV_TAB:
		return '\t';
	case IMPORT_CSV:
	case IMPORT_XLSX:
		break;
	}
	return ',';
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
