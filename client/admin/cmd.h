/*
 * cmd.h - the sangkien-admin commands, one file each.
 *
 * Each takes the command's own arguments (argv[0] is the command name),
 * prints its result on stdout and its problems on stderr in Vietnamese, and
 * returns an enum admin_exit status.
 */
#ifndef SANGKIEN_ADMIN_CMD_H
#define SANGKIEN_ADMIN_CMD_H

#include "admin_session.h"

int cmd_add_unit(const struct admin_globals *g, int argc, char **argv);
int cmd_import_units(const struct admin_globals *g, int argc, char **argv);
int cmd_enroll(const struct admin_globals *g, int argc, char **argv);
int cmd_progress(const struct admin_globals *g, int argc, char **argv);

/* Usage lines of each command, for errors and --help. */
extern const char cmd_add_unit_usage[];
extern const char cmd_import_units_usage[];
extern const char cmd_enroll_usage[];
extern const char cmd_progress_usage[];

#endif
