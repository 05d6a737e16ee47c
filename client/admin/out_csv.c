/*
 * out_csv.c - RFC 4180 CSV output (see out_csv.h).
 */
#include "out_csv.h"

#include <string.h>

void out_csv_bom(FILE *f)
{
	fputs("\xEF\xBB\xBF", f);
}

void out_csv_field(FILE *f, const char *s)
{
	if (!s)
		return;
	if (!strpbrk(s, ",\"\r\n")) {
		fputs(s, f);
		return;
	}
	putc('"', f);
	for (; *s; s++) {
		if (*s == '"')
			putc('"', f);
		putc(*s, f);
	}
	putc('"', f);
}

void out_csv_row(FILE *f, const char *const *fields, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (i > 0)
			putc(',', f);
		out_csv_field(f, fields[i]);
	}
	fputs("\r\n", f);
}
