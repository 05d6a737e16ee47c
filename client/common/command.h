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

/*
 * One option of a command, declared once in the command's file: its
 * parsing (command_getopt) and its line in --help (command_help) both come
 * from the declaration.  A table ends with an entry whose name is NULL.
 */
struct command_option {
	const char *name; /* the long name without "--": "scope" */
	int key;	  /* what command_getopt returns for it: a letter or an enum;
			     COMMAND_SHORT('o') also gives it the short form -o */
	const char *arg;  /* the value's name in help ("MÃ"), NULL for a flag */
	const char *help; /* one line, in Vietnamese */
};

/* The key of an option that also has a one-letter form: -o VALUE (or -oVALUE,
 * and flags grouped as in -nv) beside --output VALUE.  command_getopt returns
 * the letter itself for either form. */
#define COMMAND_SHORT(letter) (COMMAND_SHORT_FLAG | (letter))
#define COMMAND_SHORT_FLAG 0x10000

/* The most options one command may declare. */
#define COMMAND_OPTIONS_MAX 32

/* command_getopt's answer for a mistake it has already reported. */
#define COMMAND_OPT_BAD (-2)

struct command {
	const char *name;		      /* "review" */
	const char *usage;		      /* synopsis after the program name; further lines
						 are indented to follow "Cách dùng: PROGRAM " */
	const char *summary;		      /* one line for the command list, Vietnamese */
	const char *help;		      /* printed by --help after usage and summary, or
						 NULL; ends with a newline */
	const struct command_option *options; /* listed by --help; NULL: none declared */
};

/* The program's name in messages ("sangkien", "sangkien-admin"); main sets it
 * once, before anything is printed. */
void command_set_program(const char *name);
const char *command_program(void);

/* The entry named name in table (n entries of stride bytes, each beginning
 * with a struct command), or NULL. */
const struct command *command_find(const void *table, size_t n, size_t stride, const char *name);

/* The command list of the program's --help: each command's usage (its
 * further lines re-indented under the first) with its summary below. */
void command_list(FILE *out, const void *table, size_t n, size_t stride);

/* Whether argv[1 .. argc) (a command's arguments) holds --help or -h before
 * a "--". */
bool command_help_asked(int argc, char **argv);

/* A command's --help: "Cách dùng: PROGRAM usage", the summary, its options
 * (one line each, from the table), the help, and where the global options
 * are explained. */
void command_help(FILE *out, const struct command *c);

/* The "Tùy chọn:" lines of an option table, aligned ("-o, --output TỆP"
 * where a short form is declared); nothing for an empty table. */
void command_options_help(FILE *out, const struct command_option *opts);

/*
 * getopt_long over command cmd's declared options, long and short (argv and
 * optind as for getopt_long; the caller sets optind = 0 before the first
 * call): the next option's key with *value its argument (NULL for a flag),
 * -1 after the last option, or COMMAND_OPT_BAD once a mistake has been
 * reported on stderr with the usage line, naming the option as it was
 * written: an unknown option ("-x", "--bogus"), a missing value, a value
 * given to a flag.  An option given twice is returned twice; whether that
 * is allowed is the command's rule.
 */
int command_getopt(const char *cmd, const char *usage, const struct command_option *opts, int argc,
		   char **argv, const char **value);

/*
 * command_getopt for the program's global options, before the command name:
 * -1 at the first argument that is not an option (argv[optind], the
 * command) or after "--"; mistakes are reported as "PROGRAM: ..." with the
 * usage line.  The program's --help lists opts with command_options_help.
 */
int command_getopt_globals(const char *usage, const struct command_option *opts, int argc,
			   char **argv, const char **value);

/* The name of the option of opts whose key is key, or "?". */
const char *command_option_name(const struct command_option *opts, int key);

/*
 * command_getopt for subcommand sub of a command whose table serves several
 * subcommands: sub takes the keys listed in own (letters); another declared
 * option is refused by name ("credential list không dùng --role") with
 * COMMAND_OPT_BAD.
 */
int command_getopt_own(const char *sub, const char *usage, const struct command_option *opts,
		       const char *own, int argc, char **argv, const char **value);

/* The table of a command that takes no option (an empty list, not shown by
 * --help). */
extern const struct command_option command_no_options[];

/*
 * For a command without options: 0 when argv[1 ..) holds none, else
 * SK_EXIT_USAGE once the first has been reported as command_getopt does.
 * Sets optind (the caller's arguments stay where they are).
 */
int command_no_options_parse(const char *cmd, const char *usage, int argc, char **argv);

/* Print "cách dùng: PROGRAM usage" (after a mistake has been said). */
void command_usage_print(FILE *out, const char *usage);

/* Print "PROGRAM CMD: message" and the usage line on stderr; returns
 * SK_EXIT_USAGE. */
int command_usage_error(const char *cmd, const char *usage, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

#endif
