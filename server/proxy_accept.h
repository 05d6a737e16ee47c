/*
 * proxy_accept.h - connections from a trusted balancer (proxy_from) wait
 * here until their PROXY v2 header (proxy_proto.h) has been read, byte-
 * exact so nothing after it (TLS, the hello) is taken; then admit() gets
 * the socket with the client's address.  A header that is missing, wrong
 * or late (handshake_timeout_ms) closes the socket.  No callback runs
 * after proxy_acceptor_free(), which closes the sockets still waiting.
 */
#ifndef SK_PROXY_ACCEPT_H
#define SK_PROXY_ACCEPT_H

#include <event2/event.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/socket.h>

struct proxy_allow;
struct proxy_acceptor;

/* Takes ownership of fd. */
typedef void (*proxy_admit_fn)(void *arg, evutil_socket_t fd, const struct sockaddr *client,
			       int clientlen);

/* allow stays the caller's and must outlive the acceptor. */
struct proxy_acceptor *proxy_acceptor_create(struct event_base *base,
					     const struct proxy_allow *allow, proxy_admit_fn admit,
					     void *arg);
void proxy_acceptor_free(struct proxy_acceptor *pa);

/* Does a connection from peer have to start with a PROXY header? */
bool proxy_acceptor_wants(const struct proxy_acceptor *pa, const struct sockaddr *peer);

/* Read fd's header (taking ownership of fd), at most timeout_ms. */
void proxy_acceptor_take(struct proxy_acceptor *pa, evutil_socket_t fd, const struct sockaddr *peer,
			 int peerlen, int64_t timeout_ms);

/* Sockets waiting for their header (they count against max_connections). */
size_t proxy_acceptor_waiting(const struct proxy_acceptor *pa);

#endif
