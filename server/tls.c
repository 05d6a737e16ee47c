/* tls.c - see tls.h. */
#include "tls.h"

#include <event2/bufferevent_ssl.h>
#include <openssl/err.h>
#include <stdio.h>
#include <string.h>

/* TLS 1.2 suites: forward secrecy and AEAD only.  TLS 1.3 keeps OpenSSL's
 * defaults, which are all of that kind. */
#define TLS12_CIPHERS "ECDHE+AESGCM:ECDHE+CHACHA20"

static const char *ssl_reason(void)
{
	unsigned long e = ERR_peek_last_error();
	const char *r = e != 0 ? ERR_reason_error_string(e) : NULL;

	return r != NULL ? r : "unknown error";
}

bool tls_context_create(const struct settings *s, SSL_CTX **out, char *err, size_t errlen)
{
	SSL_CTX *ctx;

	*out = NULL;
	if (s->tls_cert_file == NULL && s->tls_key_file == NULL)
		return true;
	if (s->tls_cert_file == NULL || s->tls_key_file == NULL) {
		snprintf(err, errlen, "tls_cert_file and tls_key_file must be given together");
		return false;
	}
	ERR_clear_error();
	ctx = SSL_CTX_new(TLS_server_method());
	if (ctx == NULL) {
		snprintf(err, errlen, "cannot create a TLS context: %s", ssl_reason());
		goto fail;
	}
	if (SSL_CTX_set_min_proto_version(ctx, TLS1_2_VERSION) != 1 ||
	    SSL_CTX_set_cipher_list(ctx, TLS12_CIPHERS) != 1) {
		snprintf(err, errlen, "cannot configure TLS: %s", ssl_reason());
		goto fail;
	}
	SSL_CTX_set_options(ctx, SSL_OP_CIPHER_SERVER_PREFERENCE | SSL_OP_NO_RENEGOTIATION);
	SSL_CTX_set_mode(ctx, SSL_MODE_RELEASE_BUFFERS);
	if (SSL_CTX_use_certificate_chain_file(ctx, s->tls_cert_file) != 1) {
		snprintf(err, errlen, "tls_cert_file %s: %s", s->tls_cert_file, ssl_reason());
		goto fail;
	}
	if (SSL_CTX_use_PrivateKey_file(ctx, s->tls_key_file, SSL_FILETYPE_PEM) != 1) {
		snprintf(err, errlen,
			 "tls_key_file %s: %s (it must be the key of tls_cert_file %s)",
			 s->tls_key_file, ssl_reason(), s->tls_cert_file);
		goto fail;
	}
	if (SSL_CTX_check_private_key(ctx) != 1) {
		snprintf(err, errlen, "tls_key_file %s does not match tls_cert_file %s: %s",
			 s->tls_key_file, s->tls_cert_file, ssl_reason());
		goto fail;
	}
	ERR_clear_error();
	*out = ctx;
	return true;
fail:
	ERR_clear_error();
	SSL_CTX_free(ctx);
	return false;
}

void tls_context_free(SSL_CTX *ctx)
{
	SSL_CTX_free(ctx);
}

struct bufferevent *tls_bufferevent_accept(struct event_base *base, SSL_CTX *ctx,
					   evutil_socket_t fd)
{
	struct bufferevent *bev;
	SSL *ssl = SSL_new(ctx);

	if (ssl == NULL) {
		ERR_clear_error();
		evutil_closesocket(fd);
		return NULL;
	}
	bev = bufferevent_openssl_socket_new(base, fd, ssl, BUFFEREVENT_SSL_ACCEPTING,
					     BEV_OPT_CLOSE_ON_FREE);
	if (bev == NULL) {
		/* With BEV_OPT_CLOSE_ON_FREE libevent has freed ssl already. */
		evutil_closesocket(fd);
		return NULL;
	}
	/* A client that closes without close_notify has merely gone away:
	 * every frame carries its own length, so nothing can be truncated
	 * unnoticed. */
	bufferevent_openssl_set_allow_dirty_shutdown(bev, 1);
	return bev;
}

void tls_describe_errors(struct bufferevent *bev, char *out, size_t outlen)
{
	unsigned long e;
	size_t used = 0;

	if (outlen == 0)
		return;
	out[0] = '\0';
	/* libevent saves the SSL_get_error() code too (no reason string): only
	 * OpenSSL's own errors say anything. */
	while ((e = bufferevent_get_openssl_error(bev)) != 0) {
		const char *r = ERR_reason_error_string(e);
		int n;

		if (r == NULL || used + 1 >= outlen)
			continue;
		n = snprintf(out + used, outlen - used, "%s%s", used > 0 ? "; " : "", r);
		if (n > 0)
			used += (size_t)n < outlen - used ? (size_t)n : outlen - used - 1;
	}
}
