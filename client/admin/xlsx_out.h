/*
 * xlsx_out.h - Excel workbooks (.xlsx) for people who open them in Excel on
 * a Vietnamese Windows: one sheet per table, Vietnamese headers, numbers
 * stored as numbers, dates and times as Excel dates (shown dd/mm/yyyy and
 * dd/mm/yyyy hh:mm), percentages as fractions shown with one decimal, the
 * header row frozen and column widths set.  libxlsxwriter writes the file.
 *
 * The workbook is written to a temporary file beside the destination and
 * renamed over it when complete (as out_file.h does for text documents), so
 * an interrupted command never leaves half a workbook.
 *
 * Text of any origin is safe to pass: invalid UTF-8 becomes U+FFFD, control
 * characters other than tab and newline become spaces, text longer than a
 * cell holds is cut.  Strings are always written as strings, never as
 * formulas, so "=..." from the network stays text.
 */
#ifndef SANGKIEN_XLSX_OUT_H
#define SANGKIEN_XLSX_OUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct xlsx_book;
struct xlsx_sheet;

/* Kinds of columns: how cells are stored and shown. */
enum xlsx_col {
	XLSX_TEXT,     /* wrapped text */
	XLSX_INT,      /* integer, "#,##0" (Excel shows the user's separators) */
	XLSX_PERCENT,  /* a fraction shown "0.0%" */
	XLSX_DATE,     /* from "YYYY-MM-DD", shown dd/mm/yyyy */
	XLSX_DATETIME, /* from milliseconds since 1970, local time, dd/mm/yyyy hh:mm */
};

struct xlsx_column {
	const char *header; /* Vietnamese */
	enum xlsx_col kind;
	double width; /* in characters */
};

/* Start a workbook that will be put at path.  NULL with a Vietnamese
 * message on stderr naming cmd when the temporary file cannot be made. */
struct xlsx_book *xlsx_book_open(const char *path, const char *cmd);

/*
 * Add a sheet (name: at most 31 characters, none of []:*?/\) with its
 * header row written and frozen and the columns sized.  The book keeps the
 * column list pointer: it must outlive the sheet.  Owned by the book.
 */
struct xlsx_sheet *xlsx_sheet_add(struct xlsx_book *b, const char *name,
				  const struct xlsx_column *cols, size_t n);

/* Cells of the next data rows, column by column.  Each call writes one cell
 * of the current row, formatted for what it holds (the column's kind is its
 * default for cells typed later); xlsx_row_end() moves to the next row.  A
 * percentage without a base or a time of 0 leaves the cell empty; a date
 * that is not one is written as text. */
void xlsx_text(struct xlsx_sheet *s, const char *text);
void xlsx_int(struct xlsx_sheet *s, int64_t v);
void xlsx_percent(struct xlsx_sheet *s, uint64_t num, uint64_t den);
void xlsx_date(struct xlsx_sheet *s, const char *iso);
void xlsx_time_ms(struct xlsx_sheet *s, int64_t unix_ms);
void xlsx_blank(struct xlsx_sheet *s);
void xlsx_row_end(struct xlsx_sheet *s);

/* Write the file and put it in place; frees the book.  Returns 0, or -1
 * with a message on stderr (nothing is left behind). */
int xlsx_book_commit(struct xlsx_book *b, const char *cmd);

/* Give up: free the book and remove the temporary file.  NULL is fine. */
void xlsx_book_abort(struct xlsx_book *b);

#endif
