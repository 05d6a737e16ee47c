/* format.c - see format.h. */
#include "format.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "client.h"

int format_options_parse(int argc, char **argv, enum out_format *fmt, char *err, size_t errlen)
{
	static const struct option long_options[] = {
	    {"format", required_argument, NULL, 'f'},
	    {"help", no_argument, NULL, 'h'},
	    {NULL, 0, NULL, 0},
	};
	int c;

	*fmt = FORMAT_TABLE;
	optind = 0;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":h", long_options, NULL)) != -1) {
		switch (c) {
		case 'f':
			if (strcmp(optarg, "table") == 0) {
				*fmt = FORMAT_TABLE;
			} else if (strcmp(optarg, "tsv") == 0) {
				*fmt = FORMAT_TSV;
			} else {
				snprintf(err, errlen,
					 "--format: “%s” không hợp lệ; dùng table "
					 "hoặc tsv",
					 optarg);
				return CLIENT_EXIT_USAGE;
			}
			break;
		case 'h':
			return 1;
		case ':':
			snprintf(err, errlen, "tùy chọn %s cần một giá trị", argv[optind - 1]);
			return CLIENT_EXIT_USAGE;
		default:
			snprintf(err, errlen, "tùy chọn không hợp lệ: %s", argv[optind - 1]);
			return CLIENT_EXIT_USAGE;
		}
	}
	if (optind < argc) {
		snprintf(err, errlen, "đối số thừa: %s", argv[optind]);
		return CLIENT_EXIT_USAGE;
	}
	return 0;
}
