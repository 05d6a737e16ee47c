/*
 * tls.h - the server's TLS context, made once at startup from the settings
 * tls_cert_file and tls_key_file (PEM).  Reading the files blocks, which is
 * why it happens before the event loop runs and is not reloadable.
 *
 * The context asks for TLS 1.2 or later, prefers the server's order of
 * modern AEAD ciphers (ECDHE with AES-GCM or ChaCha20-Poly1305 for TLS 1.2;
 * OpenSSL's TLS 1.3 suites), refuses renegotiation and releases idle buffers
 * (many connections sit idle between requests).  Clients are not asked for
 * certificates: they authenticate with the credential in Hello.
 */
#ifndef SK_TLS_H
#define SK_TLS_H

#include <event2/bufferevent.h>
#include <openssl/ssl.h>
#include <stdbool.h>
#include <stddef.h>

#include "settings.h"

/*
 * Make the context when s names a certificate and key; *out stays NULL when
 * it names neither (plaintext).  Returns false with an English message in
 * err when a file cannot be read or the key does not match the certificate.
 * The caller frees *out with tls_context_free().
 */
bool tls_context_create(const struct settings *s, SSL_CTX **out, char *err, size_t errlen);

/* NULL is fine.  Connections still open keep their own reference. */
void tls_context_free(SSL_CTX *ctx);

/*
 * A bufferevent for an accepted socket that runs the server side of the
 * handshake and then carries the plaintext stream.  Takes ownership of fd
 * (closed on failure and when the bufferevent is freed).  BEV_EVENT_CONNECTED
 * reports a finished handshake; BEV_EVENT_ERROR a failed one or a broken
 * connection.  NULL when out of memory.
 */
struct bufferevent *tls_bufferevent_accept(struct event_base *base, SSL_CTX *ctx,
					   evutil_socket_t fd);

/*
 * Why the TLS layer of bev failed, from the errors libevent saved for it
 * (which this consumes), e.g. "wrong version number".  Writes "" when there
 * are none (the peer simply went away).
 */
void tls_describe_errors(struct bufferevent *bev, char *out, size_t outlen);

#endif
