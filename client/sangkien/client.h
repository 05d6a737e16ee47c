/*
 * client.h - what every command of `sangkien` shares: the exit statuses of
 * the command-line contract and the context main() hands to each command.
 */
#ifndef SANGKIEN_CLIENT_H
#define SANGKIEN_CLIENT_H

#include <stdio.h>

struct store;

/* Exit statuses, as documented for `sangkien sync` and kept by all commands. */
enum client_exit {
	CLIENT_EXIT_OK = 0,
	CLIENT_EXIT_ERROR = 1,      /* anything not listed below */
	CLIENT_EXIT_USAGE = 2,      /* bad or missing option or argument */
	CLIENT_EXIT_REFUSED = 3,    /* some items refused (invalid/forbidden/conflict) */
	CLIENT_EXIT_OFFLINE = 4,    /* server unreachable or connection lost: retry */
	CLIENT_EXIT_CREDENTIAL = 5, /* credential (or enrollment code) refused */
};

/* Name and version sent in Hello.client_name. */
#define CLIENT_NAME "sangkien/0.1"

struct client_ctx {
	const char *store_path; /* resolved path, owned by main() */
	struct store *store;    /* opened by client_store(), closed by client_ctx_release() */
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

/* Print "sangkien <command>: <message>" on stderr (printf-style). */
void client_error(const char *command, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

#endif
