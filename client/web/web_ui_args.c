/*
 * web_ui_args.c - the options of both programs' `ui` command.
 */
#include "web_ui_args.h"

#include <errno.h>
#include <getopt.h>
#include <stdlib.h>

#include "exit_status.h"

const struct command_option web_ui_options[] = {
    {"port", 'p', "CỔNG", "cổng trên 127.0.0.1 (mặc định: một cổng trống bất kỳ)"},
    {"no-browser", 'n', NULL, "không mở trình duyệt, chỉ in địa chỉ"},
    {NULL, 0, NULL, NULL},
};

int web_ui_args_parse(int argc, char **argv, const char *usage, uint16_t *port, bool *browser)
{
	const char *value;
	unsigned long n;
	char *end;
	int opt;

	*port = 0;
	*browser = true;
	optind = 0;
	opterr = 0;
	while ((opt = command_getopt("ui", usage, web_ui_options, argc, argv, &value)) != -1) {
		if (opt == 'n') {
			*browser = false;
		} else if (opt == 'p') {
			errno = 0;
			n = strtoul(value, &end, 10);
			if (errno != 0 || *end != '\0' || value[0] < '0' || value[0] > '9' ||
			    n > 65535)
				return command_usage_error(
				    "ui", usage, "--port: “%s” không phải số cổng (0..65535)",
				    value);
			*port = (uint16_t)n;
		} else { /* reported by command_getopt */
			return SK_EXIT_USAGE;
		}
	}
	if (optind < argc)
		return command_usage_error("ui", usage, "đối số thừa “%s”", argv[optind]);
	return 0;
}
