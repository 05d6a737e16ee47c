/*
 * client.h - what every command of `sangkien` shares: the exit statuses of
 * the command-line contract and the context main() hands to each command.
 */
#ifndef SANGKIEN_CLIENT_H
#define SANGKIEN_CLIENT_H

#include <stdint.h>
#include <stdio.h>

#include "command.h"
#include "exit_status.h"

struct store;

/* Exit statuses: the clients' one table (client/common/exit_status.h), by
 * the names this program's code uses. */
enum client_exit {
	CLIENT_EXIT_OK = SK_EXIT_OK,
	CLIENT_EXIT_ERROR = SK_EXIT_ERROR,
	CLIENT_EXIT_USAGE = SK_EXIT_USAGE,
	CLIENT_EXIT_REFUSED = SK_EXIT_REFUSED,	   /* e.g. sync: some items refused */
	CLIENT_EXIT_OFFLINE = SK_EXIT_UNREACHABLE, /* run again later */
	CLIENT_EXIT_CREDENTIAL = SK_EXIT_DENIED,   /* fix the enrollment or the CA */
};

/* Name and version sent in Hello.client_name. */
#define CLIENT_NAME "sangkien/0.1"

struct client_ctx {
	const char *store_path; /* resolved path, owned by main() */
	struct store *store;	/* opened by client_store(), closed by client_ctx_release() */
};

/*
 * The store, opened (and created, mode 0600) on first use.  On failure a
 * Vietnamese message is printed on stderr and NULL returned; the command
 * then exits with CLIENT_EXIT_ERROR.
 */
struct store *client_store(struct client_ctx *ctx);

/* Close the store if it was opened. */
void client_ctx_release(struct client_ctx *ctx);

/*
 * The commands.  Each takes its own argv (argv[0] is the command name),
 * prints on stdout/stderr and returns an enum client_exit value.
 */
int cmd_enroll(struct client_ctx *ctx, int argc, char **argv);
int cmd_add(struct client_ctx *ctx, int argc, char **argv);
int cmd_list(struct client_ctx *ctx, int argc, char **argv);
int cmd_sync(struct client_ctx *ctx, int argc, char **argv);
int cmd_quota(struct client_ctx *ctx, int argc, char **argv);
int cmd_edit(struct client_ctx *ctx, int argc, char **argv);
int cmd_withdraw(struct client_ctx *ctx, int argc, char **argv);
int cmd_resolve(struct client_ctx *ctx, int argc, char **argv);
int cmd_show(struct client_ctx *ctx, int argc, char **argv);
int cmd_ui(struct client_ctx *ctx, int argc, char **argv);
int cmd_attach(struct client_ctx *ctx, int argc, char **argv);
int cmd_detach(struct client_ctx *ctx, int argc, char **argv);

/* Each command's synopsis (after the program's name: errors and --help
 * show it) and the text --help prints after its options. */
extern const char cmd_enroll_usage[], cmd_add_usage[], cmd_list_usage[], cmd_sync_usage[],
    cmd_quota_usage[], cmd_edit_usage[], cmd_withdraw_usage[], cmd_resolve_usage[],
    cmd_show_usage[], cmd_ui_usage[], cmd_attach_usage[], cmd_detach_usage[];
extern const char cmd_enroll_help[], cmd_add_help[], cmd_list_help[], cmd_sync_help[],
    cmd_quota_help[], cmd_edit_help[], cmd_withdraw_help[], cmd_resolve_help[], cmd_show_help[],
    cmd_ui_help[], cmd_attach_help[], cmd_detach_help[];
/* Options declared once (command.h) for the commands that have a table. */
extern const struct command_option cmd_withdraw_options[], cmd_resolve_options[],
    cmd_attach_options[];

/*
 * The local id named on the command line (local id, uuid or unique uuid
 * prefix of 8+ characters).  Returns CLIENT_EXIT_OK with *id set, or prints
 * a Vietnamese message for command and returns CLIENT_EXIT_USAGE (no such
 * item, ambiguous, malformed) or CLIENT_EXIT_ERROR (store).
 */
int client_find_item(struct store *st, const char *command, const char *ref, int64_t *id);

/* Names of the content fields that differ between a and b, "title, summary"
 * style ("" when none): the history's detail of an edit. */
struct item;
void client_changed_fields(const struct item *a, const struct item *b, char *out, size_t len);

/* Why the unit may not change the item now (edit, withdraw, attach or
 * detach: the server's rules of PROTOCOL.md 6.30), a Vietnamese sentence in
 * buf or a constant, or NULL when it may. */
const char *client_why_locked(const struct item *it, char *buf, size_t len);

/* Print "sangkien <command>: <message>" on stderr (printf-style). */
void client_error(const char *command, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
