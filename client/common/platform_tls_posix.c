/* platform_tls_posix.c - platform_tls.h on Linux: OpenSSL's default CA
 * file and folder (Debian: /etc/ssl/certs). */
#include "platform_tls.h"

int sk_tls_trust_system(SSL_CTX *ctx, const char **why)
{
	*why = NULL;
	return SSL_CTX_set_default_verify_paths(ctx) == 1 ? 0 : -1;
}
