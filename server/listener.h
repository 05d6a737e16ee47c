/*
 * listener.h - the listening socket.  Accepted sockets become connections
 * (conn_create); beyond max_connections a newcomer gets ERROR_UNAVAILABLE
 * and is closed.  With tls_cert_file and tls_key_file set the listener
 * accepts TLS only (tls.h); without them, plaintext.
 *
 * Out of descriptors (EMFILE, ENFILE) the listener stops accepting for a
 * moment (100 ms, doubling to 2 s while it lasts) instead of spinning, and
 * first uses a reserve descriptor to accept the clients waiting in the
 * backlog, answer each ERROR_UNAVAILABLE and close it.
 */
#ifndef SK_LISTENER_H
#define SK_LISTENER_H

#include <stdbool.h>
#include <stddef.h>

struct server;
struct listener;

/* Bind and listen on srv->settings->listen, after loading the TLS
 * certificate and key when set.  NULL with a message in err. */
struct listener *listener_create(struct server *srv, char *err, size_t errlen);

/* The port actually bound (useful with port 0). */
int listener_port(const struct listener *l);

/* Write the port into path atomically (temporary file, then rename). */
bool listener_write_port_file(const struct listener *l, const char *path, char *err, size_t errlen);

void listener_free(struct listener *l);

#endif
