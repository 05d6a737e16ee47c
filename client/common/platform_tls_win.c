/* platform_tls_win.c - platform_tls.h on Windows: the certificates of the
 * "ROOT" system store (the machine's and the user's trusted root CAs, as
 * the Windows certificate manager shows them) copied into OpenSSL's store. */
#include "platform_tls.h"

#include <openssl/err.h>
#include <openssl/x509.h>
/* winsock2.h before windows.h, or windows.h brings the old winsock.h. */
#include <winsock2.h>
#include <windows.h>
#include <wincrypt.h>

int sk_tls_trust_system(SSL_CTX *ctx, const char **why)
{
	X509_STORE *store = SSL_CTX_get_cert_store(ctx);
	HCERTSTORE sys = CertOpenSystemStoreW(0, L"ROOT");
	PCCERT_CONTEXT cert = NULL;
	int added = 0;

	*why = NULL;
	if (sys == NULL) {
		*why = "the Windows ROOT certificate store cannot be opened";
		return -1;
	}
	while ((cert = CertEnumCertificatesInStore(sys, cert)) != NULL) {
		const unsigned char *der = cert->pbCertEncoded;
		X509 *x = d2i_X509(NULL, &der, (long)cert->cbCertEncoded);

		/* A certificate OpenSSL cannot read is skipped, not fatal: the
		 * store holds many the server will never present. */
		if (x != NULL && X509_STORE_add_cert(store, x) == 1)
			added++;
		X509_free(x);
	}
	CertCloseStore(sys, 0);
	ERR_clear_error();
	if (added == 0) {
		*why = "the Windows ROOT certificate store holds no usable certificate";
		return -1;
	}
	return 0;
}
