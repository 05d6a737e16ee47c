/*
 * admin_session.h - an operator's authenticated connection, and the exit
 * statuses every sangkien-admin command shares.
 *
 * Every function here prints its own Vietnamese message on stderr and returns
 * the exit status the command should end with, so commands stay short.
 */
#ifndef SANGKIEN_ADMIN_SESSION_H
#define SANGKIEN_ADMIN_SESSION_H

#include <stdbool.h>
#include <stddef.h>

#include "admin_config.h"
#include "exit_status.h"
#include "net.h"
#include "sangkien.pb-c.h"

/* Exit statuses: the clients' one table (client/common/exit_status.h), by
 * the names this program's code uses. */
enum admin_exit {
	ADMIN_EXIT_OK = SK_EXIT_OK,
	ADMIN_EXIT_ERROR = SK_EXIT_ERROR,
	ADMIN_EXIT_USAGE = SK_EXIT_USAGE,
	ADMIN_EXIT_REFUSED = SK_EXIT_REFUSED,
	ADMIN_EXIT_UNREACHABLE = SK_EXIT_UNREACHABLE,
	ADMIN_EXIT_FORBIDDEN = SK_EXIT_DENIED,
};

/* The global options, borrowed from argv. */
struct admin_globals {
	const char *server;	     /* --server */
	const char *credential_file; /* --credential-file */
	const char *ca_file;	     /* --ca-file */
};

/* Connect to the configured server and say hello with the operator's
 * credential.  timeout_ms bounds every later call.  On ADMIN_EXIT_OK *out is
 * a connection owned by the caller (net_close). */
int admin_session_open(const struct admin_globals *g, int timeout_ms, struct sk_conn **out);

/*
 * Send request and wait for a reply whose body is `expected`.  On
 * ADMIN_EXIT_OK *reply is owned by the caller (wire_envelope_free).  what
 * names the request in messages (Vietnamese, e.g. "nhập đơn vị").
 */
int admin_session_call(struct sk_conn *c, Sangkien__Envelope *request,
		       Sangkien__Envelope__BodyCase expected, const char *what,
		       Sangkien__Envelope **reply);

/* Who the server says the credential is (HelloReply), for the console. */
struct admin_identity {
	bool administrator;  /* the whole tree; else an operator of scope_code */
	char scope_code[64]; /* the operator's scope ("" for an administrator) */
	char scope_name[256];
	char label[256];  /* the credential's label: the person, as the audit names them */
	char server[256]; /* the address connected to */
};

/*
 * The same two calls with the message (Vietnamese, without the program's
 * name; it may hold server text, unfiltered) put in msg instead of printed:
 * for the console, which shows it on its page.  who, when not NULL, is
 * filled on success.
 */
int admin_session_open_msg(const struct admin_globals *g, int timeout_ms, struct sk_conn **out,
			   struct admin_identity *who, char *msg, size_t msglen);
int admin_session_call_msg(struct sk_conn *c, Sangkien__Envelope *request,
			   Sangkien__Envelope__BodyCase expected, const char *what,
			   Sangkien__Envelope **reply, char *msg, size_t msglen);

#endif
