/*
 * tool_net.c - blocking socket helpers for the test tools.
 */
#include "tool_net.h"

#include "address.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netdb.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

int64_t tool_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int tool_connect(const char *hostport, char *err, size_t errlen)
{
	char host[256], port[16];
	struct addrinfo hints = {0}, *res = NULL, *ai;
	int fd = -1, rc;

	if (!address_split(hostport, host, sizeof(host), port, sizeof(port))) {
		snprintf(err, errlen, "bad address '%s' (want HOST:PORT)", hostport);
		return -1;
	}
	hints.ai_family = AF_UNSPEC;
	hints.ai_socktype = SOCK_STREAM;
	rc = getaddrinfo(host, port, &hints, &res);
	if (rc != 0) {
		snprintf(err, errlen, "%s: %s", hostport, gai_strerror(rc));
		return -1;
	}
	for (ai = res; ai; ai = ai->ai_next) {
		fd = socket(ai->ai_family, ai->ai_socktype, ai->ai_protocol);
		if (fd < 0)
			continue;
		if (connect(fd, ai->ai_addr, ai->ai_addrlen) == 0)
			break;
		snprintf(err, errlen, "connect %s: %s", hostport, strerror(errno));
		close(fd);
		fd = -1;
	}
	freeaddrinfo(res);
	return fd;
}

int tool_listen_loopback(uint16_t port, uint16_t *bound_port, char *err, size_t errlen)
{
	struct sockaddr_in sa = {0};
	socklen_t salen = sizeof(sa);
	int one = 1;
	int fd = socket(AF_INET, SOCK_STREAM, 0);

	if (fd < 0) {
		snprintf(err, errlen, "socket: %s", strerror(errno));
		return -1;
	}
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	sa.sin_family = AF_INET;
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	sa.sin_port = htons(port);
	if (bind(fd, (struct sockaddr *)&sa, sizeof(sa)) != 0 || listen(fd, 16) != 0 ||
	    getsockname(fd, (struct sockaddr *)&sa, &salen) != 0) {
		snprintf(err, errlen, "listen on 127.0.0.1:%u: %s", (unsigned)port,
			 strerror(errno));
		close(fd);
		return -1;
	}
	*bound_port = ntohs(sa.sin_port);
	return fd;
}

bool tool_write_all(int fd, const void *buf, size_t len)
{
	const uint8_t *p = buf;

	while (len > 0) {
		ssize_t n = send(fd, p, len, MSG_NOSIGNAL);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return false;
		p += n;
		len -= (size_t)n;
	}
	return true;
}

enum tool_read tool_read_full(int fd, void *buf, size_t len, int timeout_ms)
{
	uint8_t *p = buf;
	int64_t deadline = tool_now_ms() + timeout_ms;

	while (len > 0) {
		struct pollfd pfd = {.fd = fd, .events = POLLIN};
		int64_t left = deadline - tool_now_ms();
		ssize_t n;
		int rc;

		if (left <= 0)
			return TOOL_READ_TIMEOUT;
		rc = poll(&pfd, 1, (int)left);
		if (rc < 0 && errno == EINTR)
			continue;
		if (rc < 0)
			return TOOL_READ_ERROR;
		if (rc == 0)
			return TOOL_READ_TIMEOUT;
		n = recv(fd, p, len, 0);
		if (n < 0 && errno == EINTR)
			continue;
		if (n == 0 || (n < 0 && (errno == ECONNRESET || errno == EPIPE)))
			return TOOL_READ_EOF;
		if (n < 0)
			return TOOL_READ_ERROR;
		p += n;
		len -= (size_t)n;
	}
	return TOOL_READ_OK;
}

bool tool_write_file_atomic(const char *path, const char *text)
{
	size_t len = strlen(path) + 16;
	char *tmp = malloc(len);
	FILE *f;
	bool ok;

	if (!tmp)
		return false;
	snprintf(tmp, len, "%s.tmp%ld", path, (long)getpid());
	f = fopen(tmp, "w");
	if (!f) {
		free(tmp);
		return false;
	}
	ok = fputs(text, f) >= 0;
	ok = (fclose(f) == 0) && ok;
	ok = ok && rename(tmp, path) == 0;
	if (!ok)
		unlink(tmp);
	free(tmp);
	return ok;
}
