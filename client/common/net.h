/*
 * net.h - the clients' side of the protocol: one blocking TCP connection to
 * sangkiend with a deadline on every step, in clear or inside TLS.  Used by
 * `sangkien` and `sangkien-admin`; the server has its own event-driven side.
 *
 * Addresses: "HOST:PORT" is plain TCP (loopback, or a trusted network);
 * "tls://HOST:PORT" is TLS 1.2 or later with the server's certificate
 * verified against the trusted CAs and HOST (SNI is sent for names).
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
	NET_IO,		 /* connection lost or timed out mid-call: transient */
	NET_PROTOCOL,	 /* the peer sent something undecodable */
	NET_REFUSED,	 /* the server answered with an Error (see *error_code) */
	NET_TLS,	 /* the server's certificate was not accepted, or the CA
			    certificates could not be loaded: permanent, retrying
			    cannot help */
};

#define NET_DEFAULT_TIMEOUT_MS 15000

/* The CA certificates a tls:// connection trusts (borrowed).  ca_file is a
 * PEM file, ca_pem PEM text; when both are NULL (or no trust is given) the
 * system's CA store is used.  ca_file wins over ca_pem. */
struct net_trust {
	const char *ca_file;
	const char *ca_pem;
};

/* Longest PEM text a client keeps for its CA (a few certificates). */
#define NET_CA_PEM_MAX (64 * 1024)

/*
 * Connect to "HOST:PORT" or "tls://HOST:PORT" ("[v6addr]:PORT" for IPv6).
 * With tls:// the handshake is part of the connect and shares its deadline;
 * a certificate that does not verify is NET_TLS with the host and the reason
 * in err, nothing having been sent.  A server that does not speak TLS is
 * NET_PROTOCOL.  Every later send and receive must finish within timeout_ms.
 * On success *out is a new connection owned by the caller (net_close).
 * net_connect() is net_connect_trust() with the system's CA store.
 */
enum net_status net_connect(const char *hostport, int timeout_ms, struct sk_conn **out, char *err,
			    size_t errlen);
enum net_status net_connect_trust(const char *address, int timeout_ms,
				  const struct net_trust *trust, struct sk_conn **out, char *err,
				  size_t errlen);

/* Whether address is "[tls://]HOST:PORT" with a port in 1..65535. */
bool net_address_valid(const char *address);

/* Whether address asks for TLS ("tls://..."). */
bool net_address_is_tls(const char *address);

/*
 * Read a CA file for keeping (e.g. in the unit's store): it must be PEM
 * holding at least one certificate and at most NET_CA_PEM_MAX bytes.
 * Returns a new string the caller frees, or NULL with a message in err.
 */
char *net_ca_file_read(const char *path, char *err, size_t errlen);

/*
 * Send Hello with the credential (NULL or "" for an anonymous session that may
 * only enroll).  When reply_out is not NULL it receives the server's answer
 * on NET_OK (use (*reply_out)->hello_reply) and on NET_REFUSED (the Error);
 * the caller frees it with wire_envelope_free().  On NET_REFUSED,
 * *error_code (when not NULL) is the server's code.
 */
enum net_status net_hello(struct sk_conn *c, const char *credential, const char *client_name,
			  Sangkien__Envelope **reply_out, Sangkien__ErrorCode *error_code,
			  char *err, size_t errlen);

/*
 * One request, one reply.  The request's request_id is set here.  A reply
 * whose body is an Error becomes NET_REFUSED with *error_code set and the
 * server's message in err (the envelope is still returned in *reply_out so
 * Error.field can be read).  The caller frees *reply_out with
 * wire_envelope_free(); on statuses other than NET_OK / NET_REFUSED it is NULL.
 */
enum net_status net_call(struct sk_conn *c, Sangkien__Envelope *request,
			 Sangkien__Envelope **reply_out, Sangkien__ErrorCode *error_code, char *err,
			 size_t errlen);

/*
 * net_call() in two halves, for pipelining (PROTOCOL.md 2: replies come in
 * the order sent): net_send() sets the request's request_id and sends it;
 * net_receive() reads the next reply, which must answer request_id, with
 * net_call()'s outcomes.  The caller keeps few enough requests in flight
 * that the server's replies never fill the socket.
 */
enum net_status net_send(struct sk_conn *c, Sangkien__Envelope *request, char *err, size_t errlen);
enum net_status net_receive(struct sk_conn *c, uint64_t request_id, Sangkien__Envelope **reply_out,
			    Sangkien__ErrorCode *error_code, char *err, size_t errlen);

/*
 * The bounds net_hello() holds a HelloReply's limits to (a server's own
 * settings cannot leave them); outside them the hello is NET_PROTOCOL.
 */
#define NET_MIN_FRAME (64u * 1024u)
#define NET_MAX_BATCH 10000u

/* The limits from the server's HelloReply (0 before hello). */
uint32_t net_max_frame(const struct sk_conn *c);
uint32_t net_max_batch(const struct sk_conn *c);

/* Close (a TLS connection says close_notify first, without waiting) and
 * free.  NULL is fine. */
void net_close(struct sk_conn *c);

#endif
