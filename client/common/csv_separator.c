/* csv_separator.c - see csv_separator.h. */
#include "csv_separator.h"

#include <stdbool.h>
#include <string.h>

char csv_separator_of(const char *text, size_t len)
{
	size_t i = 0, commas = 0, semis = 0, tabs = 0;
	bool quoted = false, seen = false;

	if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
		i = 3;
	for (; i < len; i++) {
		char c = text[i];

		if (c == '"')
			quoted = !quoted; /* a doubled quote flips twice */
		else if (!quoted && (c == '\n' || c == '\r')) {
			if (seen)
				break;
			commas = semis = tabs = 0; /* a blank line: not the header */
		} else if (!quoted && c == ',')
			commas++;
		else if (!quoted && c == ';')
			semis++;
		else if (!quoted && c == '\t')
			tabs++;
		/* Spaces and tabs alone make a blank line. */
		if (c != '\n' && c != '\r' && c != ' ' && c != '\t')
			seen = true;
	}
	if (commas > 0)
		return ',';
	if (semis > 0)
		return ';';
	return tabs > 0 ? '\t' : ',';
}
