/*
 * cmd_add.h - `sangkien add`: the parts of entering an initiative that do not
 * touch the store, exposed for the unit tests.
 */
#ifndef SANGKIEN_CMD_ADD_H
#define SANGKIEN_CMD_ADD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "command.h"
#include "item.h"

/* The options as given (or prompted for); every string is owned here.  NULL
 * means not given. */
struct add_options {
	char *title;
	char *kind;
	char **authors; /* "NAME|POSITION" or "NAME" */
	size_t n_authors;
	char *summary;
	char *effect;
	char *applied_on;
	char *theme;
	char *from_file; /* --from-file: many items from a TSV file */
};

/* add's options, declared once (command.h): --from-file, then the fields
 * (ADD_FIELD_OPTIONS, edit's options). */
extern const struct command_option cmd_add_options[];
#define ADD_FIELD_OPTIONS (cmd_add_options + 1)

/*
 * Parse `add` options (argv[0] is "add").  Returns 0, or CLIENT_EXIT_USAGE
 * with a Vietnamese message in err (unknown option, missing value, a
 * positional argument, an option given twice; err "" when command_getopt
 * has reported the mistake already).  Clear o with add_options_clear() in
 * either case.
 */
int add_options_parse(int argc, char **argv, struct add_options *o, char *err, size_t errlen);
/* The same for command cmd (synopsis: its usage line) over the options opts
 * (cmd_add_options or ADD_FIELD_OPTIONS). */
int add_options_parse_as(const char *cmd, const char *synopsis, const struct command_option *opts,
			 int argc, char **argv, struct add_options *o, char *err, size_t errlen);
void add_options_clear(struct add_options *o);

/*
 * Names of the required options still missing, written into out as
 * "--title, --kind" (empty when nothing is missing).  Returns how many.
 */
size_t add_options_missing(const struct add_options *o, char *out, size_t outlen);

/*
 * Turn complete options into a checked item: values trimmed, kind and theme
 * parsed, authors split at the first '|', every rule of initiative_check()
 * applied (today_days is the current date).  unit_code may be NULL before
 * enrollment.  Returns 0 with *out set (caller frees with item_free), or
 * CLIENT_EXIT_USAGE with a Vietnamese message naming the option in err, or
 * CLIENT_EXIT_ERROR when out of memory.
 */
int add_build_item(const struct add_options *o, const char *unit_code, int32_t today_days,
		   struct item **out, char *err, size_t errlen);

/*
 * Apply the options that were given (non-NULL; authors when any) to it:
 * values trimmed, kind and theme parsed, authors replacing the list.  Used by
 * `add` (every option) and `edit` (the options to change).  Nothing is
 * checked against the rules here.  Returns 0, or CLIENT_EXIT_USAGE with a
 * Vietnamese message in err naming the option, or CLIENT_EXIT_ERROR when out
 * of memory (it may then be partly changed).
 */
int add_apply_options(const struct add_options *o, struct item *it, char *err, size_t errlen);

#endif
