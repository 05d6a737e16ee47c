/*
 * exit_status.h - the exit statuses of both clients, what each means, and
 * the Vietnamese wording of the server's error codes.  `sangkien` and
 * `sangkien-admin` end with the same status for the same cause, so scripts
 * and the web front ends read them one way.
 */
#ifndef SANGKIEN_EXIT_STATUS_H
#define SANGKIEN_EXIT_STATUS_H

#include "net.h"
#include "sangkien.pb-c.h"

enum sk_exit {
	SK_EXIT_OK = 0,
	SK_EXIT_ERROR = 1,	 /* anything not below: a local file or store problem, a
				    reply that breaks the protocol, a server bug report */
	SK_EXIT_USAGE = 2,	 /* bad or missing option, argument or configuration */
	SK_EXIT_REFUSED = 3,	 /* the data was refused, locally or by the server
				    (invalid, not found, over a limit, conflict): fix it */
	SK_EXIT_UNREACHABLE = 4, /* server unreachable, connection lost, or the server
				    said it cannot serve now (unavailable, internal
				    error, timeout): run the same command again later */
	SK_EXIT_DENIED = 5,	 /* credential or enrollment code refused, not allowed,
				    protocol version not served, TLS certificate not
				    accepted: retrying cannot help, fix the setup */
};

/*
 * The exit status for the outcome of a network step: ns, and when ns is
 * NET_REFUSED the server's code.  NET_OK gives SK_EXIT_OK.
 */
int sk_exit_for(enum net_status ns, Sangkien__ErrorCode code);

/*
 * A short Vietnamese description of a server error code, e.g. "thông tin
 * xác thực không đúng hoặc đã bị thu hồi"; never NULL.  Programs add their
 * own advice (which command to run) around it.
 */
const char *sk_error_text(Sangkien__ErrorCode code);

/* The exit statuses explained, for --help of both programs ("Mã thoát: ..."),
 * ending with a newline. */
extern const char sk_exit_help[];

#endif
