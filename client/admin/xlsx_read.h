/*
 * xlsx_read.h - the first sheet of an Excel workbook (.xlsx) as CSV text,
 * so a unit table saved by Excel is imported without a trip through CSV.
 *
 * Only what such a table needs is read: the workbook's first sheet (found
 * through xl/workbook.xml and its relationships), shared strings, inline
 * strings and numbers.  Formulas give their cached value; styles, dates
 * and other sheets are ignored.  libzip opens the archive and expat parses
 * the XML; this file only walks the elements.
 *
 * The result keeps spreadsheet row N on line N (missing rows are blank
 * lines, which the CSV readers skip), so a problem is reported with the row
 * number Excel shows.  A line break inside a cell becomes a space for the
 * same reason.  A row gets at least as many fields as the first row (the
 * header): Excel leaves empty cells at the end of a row out.  The input is
 * hostile: every part's size is checked before
 * it is inflated, and the CSV text is bounded by max_bytes.
 */
#ifndef SANGKIEN_XLSX_READ_H
#define SANGKIEN_XLSX_READ_H

#include <stdbool.h>
#include <stddef.h>

/* Whether data starts like a zip archive (an .xlsx is one). */
bool xlsx_is_workbook(const char *data, size_t len);

/*
 * The first sheet of the workbook data[0 .. len) as UTF-8 CSV in *out
 * (NUL-terminated, caller frees).  Returns 0, or -1 with a Vietnamese
 * message in err (not a workbook, a part missing or too large, XML that
 * does not parse, more than max_bytes of text).
 */
int xlsx_first_sheet_csv(const char *data, size_t len, size_t max_bytes, char **out,
			 size_t *out_len, char *err, size_t errlen);

#endif
