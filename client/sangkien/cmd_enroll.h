/*
 * cmd_enroll.h - `sangkien enroll` argument parsing, exposed for the unit
 * tests.
 */
#ifndef SANGKIEN_CMD_ENROLL_H
#define SANGKIEN_CMD_ENROLL_H

#include <stdbool.h>
#include <stddef.h>

#include "command.h"

/* Longest enrollment code and device label accepted, in bytes. */
#define ENROLL_CODE_MAX 128
#define ENROLL_LABEL_MAX 200

struct enroll_args {
	const char *server; /* [tls://]HOST:PORT, borrowed from argv */
	const char *code;
	const char *label;   /* NULL: the host name */
	const char *ca_file; /* --ca-file: CA to verify a tls:// server; NULL: none */
	bool switch_unit;    /* --switch-unit: a store of another unit may change unit */
};

/* enroll's options, declared once (command.h): parsing and --help. */
extern const struct command_option cmd_enroll_options[];

/*
 * Parse `enroll [tls://]HOST:PORT CODE [--label TEXT] [--ca-file FILE]`
 * (argv[0] is "enroll"); --ca-file needs a tls:// address.
 * Returns 0, or CLIENT_EXIT_USAGE with a Vietnamese message in err (or
 * err "" when command_getopt has reported the mistake already).
 */
int enroll_args_parse(int argc, char **argv, struct enroll_args *a, char *err, size_t errlen);

#endif
