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
#include "command.h"

int cmd_add_unit(const struct admin_globals *g, int argc, char **argv);
int cmd_import_units(const struct admin_globals *g, int argc, char **argv);
int cmd_enroll(const struct admin_globals *g, int argc, char **argv);
int cmd_progress(const struct admin_globals *g, int argc, char **argv);
int cmd_campaign(const struct admin_globals *g, int argc, char **argv);
int cmd_target(const struct admin_globals *g, int argc, char **argv);
int cmd_review(const struct admin_globals *g, int argc, char **argv);
int cmd_report(const struct admin_globals *g, int argc, char **argv);
int cmd_export(const struct admin_globals *g, int argc, char **argv);
int cmd_audit(const struct admin_globals *g, int argc, char **argv);
int cmd_credential(const struct admin_globals *g, int argc, char **argv);
int cmd_attachment(const struct admin_globals *g, int argc, char **argv);
int cmd_ui(const struct admin_globals *g, int argc, char **argv);

/* Usage lines of each command, for errors and --help. */
extern const char cmd_add_unit_usage[];
extern const struct command_option cmd_add_unit_options[];
extern const char cmd_import_units_usage[];
extern const struct command_option cmd_import_units_options[];
extern const char cmd_enroll_usage[];
extern const struct command_option cmd_enroll_options[];
extern const char cmd_progress_usage[];
extern const struct command_option cmd_progress_options[];
extern const char cmd_campaign_usage[];
extern const struct command_option cmd_campaign_options[];
extern const char cmd_target_usage[];
extern const struct command_option cmd_target_options[];
extern const char cmd_review_usage[];
extern const struct command_option cmd_review_options[];
extern const char cmd_report_usage[];
extern const struct command_option cmd_report_options[];
extern const char cmd_export_usage[];
extern const struct command_option cmd_export_options[];
extern const char cmd_audit_usage[];
extern const struct command_option cmd_audit_options[];
extern const char cmd_credential_usage[];
extern const struct command_option cmd_credential_options[];
extern const char cmd_attachment_usage[];
extern const struct command_option cmd_attachment_options[];
extern const char cmd_ui_usage[];

/* Longer explanations printed by --help after the command list. */
extern const char cmd_target_help[];
extern const char cmd_review_help[];
extern const char cmd_report_help[];
extern const char cmd_audit_help[];
extern const char cmd_ui_help[];

#endif
