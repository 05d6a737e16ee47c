/*
 * import_source.h - the bytes of a file an operator imports (units and
 * quotas, targets, review actions), made into what the CSV reader
 * (csv_read.h) takes: UTF-8 text and its separator.  Offices save these
 * tables from Excel, so:
 *
 *  - an .xlsx workbook (by its content, not its name) is read directly:
 *    its first sheet becomes CSV text, spreadsheet row N on line N, so
 *    problems are reported with the row numbers Excel shows (xlsx_read.h);
 *  - text is decoded by text_decode.h: UTF-8 with or without a BOM, UTF-16
 *    with a BOM ("Unicode Text"); a file in Windows-1258 (Excel's "CSV" on
 *    a Vietnamese Windows) or TCVN3 (ABC, the .Vn fonts) is refused with
 *    one message that names the encoding and says how to save it as UTF-8,
 *    instead of one error per cell;
 *  - a file whose header row is separated by ';' (Excel with a Vietnamese
 *    list separator) or by tabs is left as it is, to be read with that
 *    separator (the rule is csv_separator.h's, the same for both clients),
 *    so lines and columns in messages are the file's own.
 *
 * Pure functions on memory but for import_source_read().
 */
#ifndef SANGKIEN_IMPORT_SOURCE_H
#define SANGKIEN_IMPORT_SOURCE_H

#include <stddef.h>

/* The file was read but its content cannot be used (not -1: reading failed). */
#define IMPORT_SOURCE_REFUSED (-2)

/* What import_source_prepare() did, for a note to the operator. */
enum import_source_kind {
	IMPORT_CSV,	      /* UTF-8, commas */
	IMPORT_CSV_SEMICOLON, /* UTF-8, ';' between fields */
	IMPORT_CSV_TAB,	      /* UTF-8, tabs between fields */
	IMPORT_XLSX,	      /* an Excel workbook: its first sheet, as commas */
};

/*
 * data[0 .. len) as UTF-8 text in *out (NUL-terminated, caller frees;
 * *out_len without the NUL), its cells separated as *kind says
 * (import_source_separator).  file names the file in messages.  Returns 0,
 * or IMPORT_SOURCE_REFUSED with one Vietnamese message in err (an encoding
 * that is not UTF-8, a workbook that cannot be read or whose sheet is
 * larger than max_bytes).
 */
int import_source_prepare(const char *data, size_t len, const char *file, size_t max_bytes,
			  char **out, size_t *out_len, enum import_source_kind *kind, char *err,
			  size_t errlen);

/* The separator to give csv_read() for text prepared as kind. */
char import_source_separator(enum import_source_kind kind);

/*
 * Read the file at path ("-": standard input), at most max_bytes, and
 * prepare it as above.  Returns 0, -1 when the file cannot be read, or
 * IMPORT_SOURCE_REFUSED, each with a Vietnamese message in err that names
 * the file.
 */
int import_source_read(const char *path, size_t max_bytes, char **out, size_t *out_len,
		       enum import_source_kind *kind, char *err, size_t errlen);

#endif
