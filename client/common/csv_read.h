/*
 * csv_read.h - the one CSV reader of both clients (libcsv does the RFC 4180
 * tokenising): text already decoded to UTF-8 (text_decode.h, or
 * import_source.h for what operators import) into records of cells, each
 * record with the line it starts on.
 *
 * Accepted: a BOM (skipped), LF, CRLF or CR line ends, quoted cells with
 * doubled quotes and line breaks inside, the separator given (',' ';' or
 * tab).  Spaces and tabs around an unquoted cell are not part of it (libcsv);
 * blank lines are skipped.  Refused, with the line: a quote out of place,
 * a quote never closed, more records than allowed.  Cells keep every byte,
 * NUL included: csv_cell_problem() says what is wrong with one, by row and
 * column, so that nothing is ever cut silently.
 */
#ifndef SANGKIEN_CSV_READ_H
#define SANGKIEN_CSV_READ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct csv_cell {
	char *data; /* len bytes and a NUL after them; may hold NUL bytes */
	size_t len;
};

struct csv_record {
	uint32_t line; /* 1-based line of its first byte */
	struct csv_cell *cells;
	size_t n;
};

/* Owned by the caller: csv_table_clear() frees what it holds. */
struct csv_table {
	struct csv_record *records;
	size_t n, cap;
};

/*
 * Read data[0 .. len) into *out (zeroed by the caller).  Returns 0, or -1
 * with the line in *err_line and a Vietnamese message in err (without the
 * line); *out then holds the records complete before the error.  Out of
 * memory ends the program (xalloc.h).
 */
int csv_read(const char *data, size_t len, char sep, size_t max_records, struct csv_table *out,
	     uint32_t *err_line, char *err, size_t errlen);

void csv_table_clear(struct csv_table *t);

/* Whether the record is blank: no cell holds anything but spaces. */
bool csv_record_blank(const struct csv_record *r);

/*
 * What is wrong with cell c, column k (0-based) as a Vietnamese message:
 * a NUL byte ("cột thứ 2 chứa byte NUL (byte thứ 6 của ô); hãy xóa ký tự
 * này") or text that is not UTF-8.  False when the cell is fine.
 */
bool csv_cell_problem(const struct csv_cell *c, size_t k, char *msg, size_t msglen);

#endif
