/* platform_net_posix.c - platform_net.h on Linux (and other POSIX systems). */
#include "platform_net.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <string.h>
#include <unistd.h>

sk_socket sk_socket_connect(const struct addrinfo *ai, bool *in_progress)
{
	int fd = socket(ai->ai_family, ai->ai_socktype | SOCK_CLOEXEC, ai->ai_protocol);

	*in_progress = false;
	if (fd < 0)
		return SK_SOCKET_NONE;
	fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
	if (connect(fd, ai->ai_addr, ai->ai_addrlen) == 0)
		return fd;
	if (errno == EINPROGRESS) {
		*in_progress = true;
		return fd;
	}
	int saved = errno;
	close(fd);
	errno = saved;
	return SK_SOCKET_NONE;
}

int sk_socket_connect_result(sk_socket s)
{
	int soerr = 0;
	socklen_t sl = sizeof(soerr);

	if (getsockopt(s, SOL_SOCKET, SO_ERROR, &soerr, &sl) < 0)
		return errno;
	return soerr;
}

int sk_socket_wait(sk_socket s, enum sk_wait what, int timeout_ms)
{
	struct pollfd p = {.fd = s, .events = what == SK_WAIT_READ ? POLLIN : POLLOUT};
	int rc = poll(&p, 1, timeout_ms);

	if (rc > 0)
		return 1;
	return rc == 0 || errno == EINTR ? 0 : -1;
}

ptrdiff_t sk_socket_send(sk_socket s, const void *buf, size_t len)
{
	return send(s, buf, len, MSG_NOSIGNAL);
}

ptrdiff_t sk_socket_recv(sk_socket s, void *buf, size_t len)
{
	return recv(s, buf, len, 0);
}

int sk_socket_last_error(void)
{
	return errno;
}

void sk_socket_clear_error(void)
{
	errno = 0;
}

bool sk_socket_error_again(int e)
{
	return e == EAGAIN || e == EWOULDBLOCK;
}

bool sk_socket_error_intr(int e)
{
	return e == EINTR;
}

const char *sk_socket_strerror(int e)
{
	return strerror(e);
}

void sk_socket_close(sk_socket s)
{
	close(s);
}

void sk_sigpipe_ignore(struct sk_sigpipe *saved)
{
	struct sigaction ign;

	memset(&ign, 0, sizeof(ign));
	ign.sa_handler = SIG_IGN;
	sigemptyset(&ign.sa_mask);
	sigaction(SIGPIPE, &ign, &saved->old);
}

void sk_sigpipe_restore(const struct sk_sigpipe *saved)
{
	sigaction(SIGPIPE, &saved->old, NULL);
}
