/* format.c - see format.h. */
#include "format.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "client.h"

const struct command_option format_options[] = {
    {"format", 'f', "table|tsv", "bảng để đọc (mặc định) hoặc TSV cho chương trình khác"},
    {NULL, 0, NULL, NULL},
};

int format_options_parse(int argc, char **argv, enum out_format *fmt, char *err, size_t errlen)
{
	char synopsis[64];
	const char *value;
	int c;

	*fmt = FORMAT_TABLE;
	err[0] = '\0';
	snprintf(synopsis, sizeof(synopsis), "%s [--format table|tsv]", argv[0]);
	optind = 0;
	opterr = 0;
	while ((c = command_getopt(argv[0], synopsis, format_options, argc, argv, &value)) != -1) {
		if (c != 'f') /* reported by command_getopt */
			return CLIENT_EXIT_USAGE;
		if (strcmp(value, "table") == 0) {
			*fmt = FORMAT_TABLE;
		} else if (strcmp(value, "tsv") == 0) {
			*fmt = FORMAT_TSV;
		} else {
			snprintf(err, errlen, "--format: “%s” không hợp lệ; dùng table hoặc tsv",
				 value);
			return CLIENT_EXIT_USAGE;
		}
	}
	if (optind < argc) {
		snprintf(err, errlen, "đối số thừa: %s", argv[optind]);
		return CLIENT_EXIT_USAGE;
	}
	return 0;
}
