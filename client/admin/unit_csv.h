/*
 * unit_csv.h - a units-and-quotas CSV file, parsed and checked.
 *
 * The file (RFC 4180, UTF-8, an optional BOM, LF or CRLF line ends) starts
 * with a header naming its columns:
 *   stt         row number, a positive integer, unique           (required)
 *   don_vi      unit name, 1..200 characters, unique as a unit   (required)
 *   so_phan_bo  quota, an integer 0..100000                      (required)
 *   ma_don_vi   unit code (unit_code_is_valid), unique           (optional)
 *   ghi_chu     free note, not sent                              (optional)
 * A row without ma_don_vi (column absent or cell empty) gets the code
 * PARENT-NNN from its stt, zero-padded to 3 digits (Q11-007).  Blank lines
 * are skipped.  Names are compared with unit_name_key(), so "Mầm Non 1" and
 * "mầm non 1" are the same unit.
 *
 * Checking is pure (no network, no database) and complete: every problem in
 * the file is listed with the line it starts on, so the operator fixes the
 * file in one pass.  A file with any problem must not be imported at all.
 */
#ifndef SANGKIEN_UNIT_CSV_H
#define SANGKIEN_UNIT_CSV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define UNIT_CSV_MAX_BYTES (8u * 1024u * 1024u) /* refused before reading */
#define UNIT_CSV_MAX_ROWS 20000u		/* unit rows in one file */
#define UNIT_CSV_NAME_MAX 200u			/* code points */
#define UNIT_CSV_NOTE_MAX 2000u			/* code points */
#define UNIT_CSV_QUOTA_MAX 100000u
#define UNIT_CSV_STT_MAX 999999u

/* One unit row, as it will be sent.  Strings are owned by the struct
 * unit_csv that holds the row. */
struct unit_csv_row {
	uint32_t line; /* line the row starts on (1 = the header) */
	uint32_t stt;
	char *code; /* given in ma_don_vi or derived from stt */
	char *name; /* trimmed, original spelling */
	uint32_t quota;
	char *note; /* trimmed; "" when none */
};

struct unit_csv_problem {
	uint32_t line; /* 0: the file as a whole */
	char *column;  /* e.g. "stt"; "" when the problem is the whole row */
	char *message; /* Vietnamese, names the offending value */
};

struct unit_csv {
	/* Rows that passed their own checks, in file order.  Only meaningful
	 * when n_problems == 0. */
	struct unit_csv_row *rows;
	size_t n_rows;
	size_t rows_cap;
	/* Every problem found, sorted by line. */
	struct unit_csv_problem *problems;
	size_t n_problems;
	size_t problems_cap;
	uint64_t total_quota; /* over all rows with a valid quota */
};

/*
 * Parse and check data[0 .. len), its cells separated by sep (',' ';' or
 * tab, import_source.h).  parent_code is the unit the rows belong
 * under, used to derive codes (NULL: rows must carry ma_don_vi).  Never
 * fails: problems are in the result.  The caller frees the result with
 * unit_csv_free().
 */
struct unit_csv *unit_csv_parse(const char *data, size_t len, char sep, const char *parent_code);

/*
 * Read the file at path ("-" for standard input) and parse it as above; an
 * Excel workbook, another separator or a legacy encoding is handled as
 * import_source.h says.  Returns 0 and sets *out (caller frees), -1 with a
 * Vietnamese message in err when the file cannot be read, or
 * IMPORT_SOURCE_REFUSED (-2) when its content cannot be used (its encoding,
 * a broken workbook, larger than UNIT_CSV_MAX_BYTES).
 */
int unit_csv_read_file(const char *path, const char *parent_code, struct unit_csv **out, char *err,
		       size_t errlen);

void unit_csv_free(struct unit_csv *csv);

/* Print each problem as "FILE:LINE: column: message" (or without the column
 * or line when there is none), one per line. */
void unit_csv_print_problems(const struct unit_csv *csv, const char *file, FILE *out);

/* Print one problem in that same format (also used for the server's). */
void unit_csv_print_problem(FILE *out, const char *file, uint32_t line, const char *column,
			    const char *message);

#endif
