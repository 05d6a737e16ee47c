/*
 * command.h - the command table both clients dispatch through, their usage
 * and --help, and the shared reporting of command-line mistakes.
 *
 * Each program keeps an array of its own entries, each beginning with a
 * struct command (its run function's type is the program's own); the
 * functions here take that array as (table, n, stride), like bsearch.
 *
 * `PROGRAM CMD --help` (or -h) anywhere among a command's arguments before
 * "--" prints the command's help on stdout and exits 0 without running it,
 * touching a store or the network: `review apply --help` never opens a file
 * named "--help".  A value that is literally "--help" can still be given
 * after "--" or as --option=--help.
 */
#ifndef SANGKIEN_COMMAND_H
#define SANGKIEN_COMMAND_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

struct command {
	const char *name;    /* "review" */
	const char *usage;   /* synopsis after the program name; further lines
				start with "  PROGRAM ..." as printed */
	const char *summary; /* one line for the command list, Vietnamese */
	const char *help;    /* printed by --help after usage and summary, or
				NULL; ends with a newline */
};

/* The program's name in messages ("sangkien", "sangkien-admin"); main sets it
 * once, before anything is printed. */
void command_set_program(const char *name);
const char *command_program(void);

/* The entry named name in table (n entries of stride bytes, each beginning
 * with a struct command), or NULL. */
const struct command *command_find(const void *table, size_t n, size_t stride, const char *name);

/* The command list of the program's --help: usage lines, each with its
 * summary below, indented. */
void command_list(FILE *out, const void *table, size_t n, size_t stride);

/* Whether argv[1 .. argc) (a command's arguments) holds --help or -h before
 * a "--". */
bool command_help_asked(int argc, char **argv);

/* A command's --help: "Cách dùng: PROGRAM usage", the summary, the help,
 * and where the global options are explained. */
void command_help(FILE *out, const struct command *c);

/*
 * Print getopt_long's complaint for command cmd on stderr (a missing value
 * when opt is ':', else an unknown option), then the usage line; returns
 * SK_EXIT_USAGE.  argv and optind as getopt_long left them.
 */
int command_option_error(const char *cmd, const char *usage, int opt, char **argv);

/* Print "PROGRAM CMD: message" and the usage line on stderr; returns
 * SK_EXIT_USAGE. */
int command_usage_error(const char *cmd, const char *usage, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

#endif
