/*
 * socket_recv.h - what the unit tests' fake servers on a thread use to read
 * a client's frames: recv() of exactly len bytes.
 */
#ifndef SANGKIEN_TEST_SOCKET_RECV_H
#define SANGKIEN_TEST_SOCKET_RECV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "platform_net.h"

/* false on a short read or an error. */
static inline bool recv_all(sk_socket fd, uint8_t *buf, size_t len)
{
	for (size_t got = 0; got < len;) {
		int n = (int)recv(fd, (char *)buf + got, (int)(len - got), 0);

		if (n <= 0)
			return false;
		got += (size_t)n;
	}
	return true;
}

#endif
