/*
 * net.h - the clients' side of the protocol: one blocking TCP connection to
 * sangkiend with a deadline on every step.  Used by `sangkien` and
 * `sangkien-admin`; the server has its own event-driven side.
 */
#ifndef SANGKIEN_NET_H
#define SANGKIEN_NET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sangkien.pb-c.h"

struct sk_conn;

/* Outcome of a client call.  Anything but NET_OK leaves a message in the
 * caller's err buffer. */
enum net_status {
	NET_OK = 0,
	NET_UNREACHABLE, /* could not connect (server down, bad address) */
	NET_IO,          /* connection lost or timed out mid-call: transient */
	NET_PROTOCOL,    /* the peer sent something undecodable */
	NET_REFUSED,     /* the server answered with an Error (see *error_code) */
};

#define NET_DEFAULT_TIMEOUT_MS 15000

/*
 * Connect to "HOST:PORT" ("[v6addr]:PORT" for IPv6).  Every later send and
 * receive must finish within timeout_ms.  On success *out is a new
 * connection owned by the caller (free with net_close).
 */
enum net_status net_connect(const char *hostport, int timeout_ms,
			    struct sk_conn **out, char *err, size_t errlen);

/*
 * Send Hello with the credential (NULL or "" for an anonymous session that may
 * only enroll).  When reply_out is not NULL it receives the server's answer
 * on NET_OK (use (*reply_out)->hello_reply) and on NET_REFUSED (the Error);
 * the caller frees it with wire_envelope_free().  On NET_REFUSED,
 * *error_code (when not NULL) is the server's code.
 */
enum net_status net_hello(struct sk_conn *c, const char *credential,
			  const char *client_name, Sangkien__Envelope **reply_out,
			  Sangkien__ErrorCode *error_code, char *err,
			  size_t errlen);

/*
 * One request, one reply.  The request's request_id is set here.  A reply
 * whose body is an Error becomes NET_REFUSED with *error_code set and the
 * server's message in err (the envelope is still returned in *reply_out so
 * Error.field can be read).  The caller frees *reply_out with
 * wire_envelope_free(); on statuses other than NET_OK / NET_REFUSED it is NULL.
 */
enum net_status net_call(struct sk_conn *c, Sangkien__Envelope *request,
			 Sangkien__Envelope **reply_out,
			 Sangkien__ErrorCode *error_code, char *err,
			 size_t errlen);

/* The limits from the server's HelloReply (0 before hello). */
uint32_t net_max_frame(const struct sk_conn *c);
uint32_t net_max_batch(const struct sk_conn *c);

/* Close the socket and free.  NULL is fine. */
void net_close(struct sk_conn *c);

#endif
