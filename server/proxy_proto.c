/* proxy_proto.c - see proxy_proto.h. */
#include "proxy_proto.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const uint8_t signature[12] = {0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D,
				      0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A};

enum proxy_result proxy_v2_parse(const uint8_t *buf, size_t len, struct sockaddr_storage *src,
				 socklen_t *srclen, size_t *consumed)
{
	size_t have = len < sizeof(signature) ? len : sizeof(signature);
	if (memcmp(buf, signature, have) != 0)
		return PROXY_INVALID;
	if (len < PROXY_V2_HEADER_MIN) {
		*consumed = PROXY_V2_HEADER_MIN;
		return PROXY_NEED_MORE;
	}
	uint8_t ver_cmd = buf[12], fam = buf[13];
	size_t body = ((size_t)buf[14] << 8) | buf[15];
	size_t total = PROXY_V2_HEADER_MIN + body;
	if ((ver_cmd >> 4) != 2 || total > PROXY_V2_MAX_BYTES)
		return PROXY_INVALID;
	if (len < total) {
		*consumed = total;
		return PROXY_NEED_MORE;
	}
	*consumed = total;
	uint8_t cmd = ver_cmd & 0x0F;
	if (cmd == 0x0)
		return PROXY_LOCAL; /* the balancer's own health check */
	if (cmd != 0x1)
		return PROXY_INVALID;
	const uint8_t *a = buf + PROXY_V2_HEADER_MIN;
	memset(src, 0, sizeof(*src));
	switch (fam) {
	case 0x00: /* UNSPEC */
		return PROXY_LOCAL;
	case 0x11: { /* TCP over IPv4: src, dst, src port, dst port */
		if (body < 12)
			return PROXY_INVALID;
		struct sockaddr_in *in = (struct sockaddr_in *)src;
		in->sin_family = AF_INET;
		memcpy(&in->sin_addr, a, 4);
		memcpy(&in->sin_port, a + 8, 2);
		*srclen = sizeof(*in);
		return PROXY_OK;
	}
	case 0x21: { /* TCP over IPv6 */
		if (body < 36)
			return PROXY_INVALID;
		struct sockaddr_in6 *in6 = (struct sockaddr_in6 *)src;
		in6->sin6_family = AF_INET6;
		memcpy(&in6->sin6_addr, a, 16);
		memcpy(&in6->sin6_port, a + 32, 2);
		*srclen = sizeof(*in6);
		return PROXY_OK;
	}
	default:
		return PROXY_INVALID; /* UDP, unix sockets: not ours */
	}
}

#define PROXY_ALLOW_MAX 64

struct proxy_allow {
	int n;
	struct sockaddr_storage addr[PROXY_ALLOW_MAX];
};

struct proxy_allow *proxy_allow_parse(const char *text, char *err, size_t errlen)
{
	struct proxy_allow *a = calloc(1, sizeof(*a));
	if (a == NULL) {
		snprintf(err, errlen, "proxy_from: out of memory");
		return NULL;
	}
	const char *p = text;
	while (*p) {
		while (*p == ',' || *p == ' ')
			p++;
		if (*p == '\0')
			break;
		size_t n = strcspn(p, ", ");
		char one[INET6_ADDRSTRLEN];
		if (n >= sizeof(one) || a->n == PROXY_ALLOW_MAX) {
			snprintf(err, errlen, "proxy_from: too long or too many addresses");
			free(a);
			return NULL;
		}
		memcpy(one, p, n);
		one[n] = '\0';
		struct sockaddr_storage *ss = &a->addr[a->n];
		struct sockaddr_in *in = (struct sockaddr_in *)ss;
		struct sockaddr_in6 *in6 = (struct sockaddr_in6 *)ss;
		if (inet_pton(AF_INET, one, &in->sin_addr) == 1) {
			in->sin_family = AF_INET;
		} else if (inet_pton(AF_INET6, one, &in6->sin6_addr) == 1) {
			in6->sin6_family = AF_INET6;
		} else {
			snprintf(err, errlen, "proxy_from: \"%s\" is not an IP address", one);
			free(a);
			return NULL;
		}
		a->n++;
		p += n;
	}
	if (a->n == 0) {
		snprintf(err, errlen, "proxy_from: no address given");
		free(a);
		return NULL;
	}
	return a;
}

bool proxy_allowed(const struct proxy_allow *a, const struct sockaddr *peer)
{
	for (int i = 0; a != NULL && i < a->n; i++) {
		const struct sockaddr *s = (const struct sockaddr *)&a->addr[i];
		if (s->sa_family != peer->sa_family)
			continue;
		if (s->sa_family == AF_INET &&
		    memcmp(&((const struct sockaddr_in *)s)->sin_addr,
			   &((const struct sockaddr_in *)(const void *)peer)->sin_addr, 4) == 0)
			return true;
		if (s->sa_family == AF_INET6 &&
		    memcmp(&((const struct sockaddr_in6 *)s)->sin6_addr,
			   &((const struct sockaddr_in6 *)(const void *)peer)->sin6_addr, 16) == 0)
			return true;
	}
	return false;
}

void proxy_allow_free(struct proxy_allow *a)
{
	free(a);
}
