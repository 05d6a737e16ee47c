/*
 * format.h - the --format option shared by `list` and `quota`.
 */
#ifndef SANGKIEN_FORMAT_H
#define SANGKIEN_FORMAT_H

#include <stddef.h>

#include "command.h"

enum out_format {
	FORMAT_TABLE = 0, /* for people, Vietnamese headings */
	FORMAT_TSV,	  /* for scripts: stable English keys, tab-separated */
};

/* The only option of `list` and `quota`, declared once (command.h). */
extern const struct command_option format_options[];

/*
 * Parse the options of a command whose only option is --format (argv[0] is
 * the command).  Returns 0, or CLIENT_EXIT_USAGE with a Vietnamese message
 * in err (or err "" when command_getopt has reported the mistake).
 */
int format_options_parse(int argc, char **argv, enum out_format *fmt, char *err, size_t errlen);

#endif
