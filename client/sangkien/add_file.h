/*
 * add_file.h - `sangkien add --from-file FILE.tsv`: many initiatives at once,
 * all or nothing.
 *
 * The file is text in UTF-8 (with or without a BOM) or UTF-16 with a BOM
 * (Excel's "Unicode Text"); a legacy encoding is refused by name
 * (text_decode.h).  One initiative per line, fields separated by tabs (or
 * by ';' or ',' as Excel saves CSV: csv_separator.h judges the header row)
 * and read by the clients' CSV reader (csv_read.h: a cell in double quotes
 * may hold the separator, line breaks and doubled quotes), with this header
 * line first:
 *
 *   title<TAB>kind<TAB>authors<TAB>summary<TAB>effect<TAB>applied_on<TAB>theme
 *
 * authors is "NAME|POSITION" entries separated by ";"; theme may be empty;
 * kind and theme by code or Vietnamese name, dates dd/mm/yyyy or ISO.
 * Every field of every line is checked (draft.h); any problem (each is
 * reported with its line and column) means nothing is stored.
 */
#ifndef SANGKIEN_ADD_FILE_H
#define SANGKIEN_ADD_FILE_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "store.h"

/* The longest line accepted (two 20,000-character fields of 4-byte UTF-8
 * fit with room to spare). */
#define ADD_FILE_MAX_LINE (256u * 1024u)
/* The most lines of initiatives one file may hold. */
#define ADD_FILE_MAX_RECORDS 100000u
/* The largest file read (checked while reading, before more is allocated). */
#define ADD_FILE_MAX_BYTES (64u * 1000u * 1000u)

/*
 * Read path and store its initiatives in one transaction.  Problems go to
 * report as "dòng N: ...".  *added is the number stored.  Returns
 * CLIENT_EXIT_OK, CLIENT_EXIT_USAGE when a line was refused (nothing
 * stored), or CLIENT_EXIT_ERROR (file or store error, nothing stored).
 */
int add_from_file(struct store *st, const char *path, const char *unit_code, int32_t today_days,
		  FILE *report, size_t *added);

#endif
