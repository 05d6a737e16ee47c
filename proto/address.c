/* address.c - see address.h. */
#include "address.h"

#include <stdlib.h>
#include <string.h>

bool address_split(const char *addr, char *host, size_t hostlen, char *port, size_t portlen)
{
	const char *colon, *h = addr, *p;
	size_t hl, pl;

	if (addr == NULL)
		return false;
	if (addr[0] == '[') {
		const char *close = strchr(addr, ']');

		if (close == NULL || close[1] != ':')
			return false;
		h = addr + 1;
		hl = (size_t)(close - h);
		colon = close + 1;
	} else {
		colon = strrchr(addr, ':');
		if (colon == NULL || memchr(addr, ':', (size_t)(colon - addr)) != NULL)
			return false;
		hl = (size_t)(colon - addr);
	}
	p = colon + 1;
	pl = strlen(p);
	if (hl == 0 || hl >= hostlen || pl == 0 || pl >= portlen || pl > 5)
		return false;
	for (size_t i = 0; i < hl; i++)
		if (h[i] == ' ' || (h[i] >= '\t' && h[i] <= '\r'))
			return false;
	for (size_t i = 0; i < pl; i++)
		if (p[i] < '0' || p[i] > '9')
			return false;
	if (atoi(p) > 65535)
		return false;
	memcpy(host, h, hl);
	host[hl] = '\0';
	memcpy(port, p, pl + 1);
	return true;
}
