/*
 * platform_tls.h - the system's trusted CAs for a TLS client context, when
 * no CA is given: OpenSSL's default locations on Linux
 * (platform_tls_posix.c), the Windows certificate store's "ROOT"
 * certificates on Windows (platform_tls_win.c).
 */
#ifndef SANGKIEN_PLATFORM_TLS_H
#define SANGKIEN_PLATFORM_TLS_H

#include <openssl/ssl.h>

/* Trust the system's CAs in ctx.  Returns 0, or -1 with *why the reason
 * (static text), or NULL when OpenSSL's error queue holds it. */
int sk_tls_trust_system(SSL_CTX *ctx, const char **why);

#endif
