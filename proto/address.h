/*
 * address.h - "HOST:PORT" as every program of the project writes a TCP
 * address: the server's listen and metrics settings, the clients' server
 * address (after its "tls://"), the test tools.  One rule for all.
 */
#ifndef SANGKIEN_ADDRESS_H
#define SANGKIEN_ADDRESS_H

#include <stdbool.h>
#include <stddef.h>

/*
 * Split "HOST:PORT" or "[IPV6]:PORT" into host (without brackets) and port.
 * HOST is 1 .. hostlen-1 bytes without white space, and holds no ':' unless
 * bracketed; PORT is 1..5 digits, at most 65535 (0 is left to the caller:
 * "any port" to a listener, refused by a client).  False, with host and
 * port unspecified, for anything else.
 */
bool address_split(const char *addr, char *host, size_t hostlen, char *port, size_t portlen);

#endif
