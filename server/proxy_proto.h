/*
 * proxy_proto.h - the PROXY protocol, version 2 (binary), as HAProxy sends
 * it with `send-proxy-v2`: a header before anything else on the connection
 * that names the client the balancer accepted.  sangkiend requires it from
 * the addresses in proxy_from and accepts it from nobody else, so logs and
 * the enrollment limits see the union's address, and nobody can claim
 * another address by sending a header of their own.
 */
#ifndef SK_PROXY_PROTO_H
#define SK_PROXY_PROTO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/socket.h>

#define PROXY_V2_HEADER_MIN 16
#define PROXY_V2_MAX_BYTES 536 /* header with addresses and some TLVs; longer is refused */

enum proxy_result {
	PROXY_NEED_MORE, /* not a whole header yet: *consumed is how many bytes it needs */
	PROXY_OK,	 /* *src holds the client (PROXY over TCP) */
	PROXY_LOCAL,	 /* LOCAL command or unspecified family: keep the peer's address */
	PROXY_INVALID,	 /* not a PROXY v2 header, or one we do not take */
};

/*
 * Parse the header at buf[0..len).  On PROXY_OK, *src and *srclen are the
 * client's address; on PROXY_OK and PROXY_LOCAL *consumed is the header's
 * length; on PROXY_NEED_MORE it is the length needed so far (16, then the
 * whole header).  Pure: never reads past buf[len - 1].
 */
enum proxy_result proxy_v2_parse(const uint8_t *buf, size_t len, struct sockaddr_storage *src,
				 socklen_t *srclen, size_t *consumed);

/* The trusted balancers: a list of IPv4/IPv6 addresses separated by
 * commas or spaces.  NULL with a message in err when one does not parse
 * (an empty list is an error too). */
struct proxy_allow;
struct proxy_allow *proxy_allow_parse(const char *text, char *err, size_t errlen);
bool proxy_allowed(const struct proxy_allow *a, const struct sockaddr *peer);
void proxy_allow_free(struct proxy_allow *a);

#endif
