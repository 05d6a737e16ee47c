/*
 * in_csv.h - a small CSV file as rows of text fields, each with the line it
 * starts on, for the bulk files of sangkien-admin (targets, review actions).
 *
 * Read by csv_read.h (libcsv): UTF-8 with or without a BOM, LF or CRLF
 * line ends, quoted fields with doubled quotes and embedded line breaks;
 * blank lines skipped.  Refused, with the line (and the column for a cell):
 * a misplaced or unclosed quote, a NUL byte, invalid UTF-8, a file or a
 * number of rows too large.
 */
#ifndef SANGKIEN_IN_CSV_H
#define SANGKIEN_IN_CSV_H

#include <stddef.h>
#include <stdint.h>

#define IN_CSV_MAX_BYTES (8u * 1024u * 1024u) /* refused before reading */
#define IN_CSV_MAX_ROWS 100000u

struct in_csv_row {
	uint32_t line; /* 1-based line the row starts on */
	char **fields; /* NUL-terminated, owned */
	size_t n;
};

struct in_csv {
	struct in_csv_row *rows; /* the header is rows[0] */
	size_t n;
	size_t cap;
};

/*
 * Parse data[0 .. len), its cells separated by sep (',' ';' or tab,
 * import_source.h).  Returns a new struct the caller frees with
 * in_csv_free(), or NULL with a Vietnamese message "dòng N: ..." in err.
 */
struct in_csv *in_csv_parse(const char *data, size_t len, char sep, char *err, size_t errlen);

/* Read the whole file ("-": standard input) and parse it.  NULL with a
 * Vietnamese message in err (which names the file). */
struct in_csv *in_csv_read_file(const char *path, char *err, size_t errlen);

void in_csv_free(struct in_csv *csv);

/* Index of the header column named name, or -1. */
int in_csv_column(const struct in_csv *csv, const char *name);

/* Field k of a row, "" when the row is shorter. */
const char *in_csv_field(const struct in_csv_row *row, int k);

#endif
