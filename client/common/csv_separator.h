/*
 * csv_separator.h - which separator a table saved by office staff uses,
 * judged from its header row: the clients' one rule, for every file they
 * read with csv_read.h (after text_decode.h).
 *
 * Excel saves "CSV" with the list separator of Windows' region settings:
 * ';' on a Vietnamese Windows (the comma is the decimal mark there), ','
 * elsewhere; "Unicode Text" and copies from a sheet are separated by tabs.
 */
#ifndef SANGKIEN_CSV_SEPARATOR_H
#define SANGKIEN_CSV_SEPARATOR_H

#include <stddef.h>

/*
 * The separator of text[0 .. len) (UTF-8, a BOM skipped): looking at the
 * first line that is not blank, outside double quotes only (a quoted
 * "Công ty A; chi nhánh" is a cell, not two), ',' when it holds a comma,
 * else ';' when it holds a semicolon, else '\t' when it holds a tab, else
 * ',' (a one-column table, an empty file).  A quote opened on the header
 * row and never closed makes the rest of the text that row.
 */
char csv_separator_of(const char *text, size_t len);

#endif
