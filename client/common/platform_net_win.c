/* platform_net_win.c - platform_net.h on Windows (Winsock 2). */
#include "platform_net.h"

#include <stdint.h>
#include <stdio.h>
#include <windows.h>

#include "platform_win.h"

sk_socket sk_socket_connect(const struct addrinfo *ai, bool *in_progress)
{
	/* WSA_FLAG_NO_HANDLE_INHERIT: the Windows form of SOCK_CLOEXEC. */
	SOCKET s = WSASocketW(ai->ai_family, ai->ai_socktype, ai->ai_protocol, NULL, 0,
			      WSA_FLAG_OVERLAPPED | WSA_FLAG_NO_HANDLE_INHERIT);
	u_long nonblocking = 1;

	*in_progress = false;
	if (s == INVALID_SOCKET)
		return SK_SOCKET_NONE;
	if (ioctlsocket(s, FIONBIO, &nonblocking) != 0) {
		int saved = WSAGetLastError();

		closesocket(s);
		WSASetLastError(saved);
		return SK_SOCKET_NONE;
	}
	if (connect(s, ai->ai_addr, (int)ai->ai_addrlen) == 0)
		return s;
	if (WSAGetLastError() == WSAEWOULDBLOCK) {
		*in_progress = true;
		return s;
	}
	int saved = WSAGetLastError();
	closesocket(s);
	WSASetLastError(saved);
	return SK_SOCKET_NONE;
}

int sk_socket_connect_result(sk_socket s)
{
	int soerr = 0;
	int sl = sizeof(soerr);

	if (getsockopt(s, SOL_SOCKET, SO_ERROR, (char *)&soerr, &sl) != 0)
		return WSAGetLastError();
	return soerr;
}

/* select(), not WSAPoll: WSAPoll does not report a refused connect on older
 * Windows 10 releases.  A failed connect shows in the exception set. */
int sk_socket_wait(sk_socket s, enum sk_wait what, int timeout_ms)
{
	fd_set rd, wr, ex;
	struct timeval tv = {timeout_ms / 1000, (timeout_ms % 1000) * 1000};
	int rc;

	FD_ZERO(&rd);
	FD_ZERO(&wr);
	FD_ZERO(&ex);
	if (what == SK_WAIT_READ)
		FD_SET(s, &rd);
	else
		FD_SET(s, &wr);
	FD_SET(s, &ex);
	rc = select(0, &rd, &wr, &ex, &tv);
	if (rc > 0)
		return 1;
	return rc == 0 ? 0 : -1;
}

ptrdiff_t sk_socket_send(sk_socket s, const void *buf, size_t len)
{
	int n = send(s, buf, len > INT32_MAX ? INT32_MAX : (int)len, 0);

	return n == SOCKET_ERROR ? -1 : n;
}

ptrdiff_t sk_socket_recv(sk_socket s, void *buf, size_t len)
{
	int n = recv(s, buf, len > INT32_MAX ? INT32_MAX : (int)len, 0);

	return n == SOCKET_ERROR ? -1 : n;
}

int sk_socket_last_error(void)
{
	return WSAGetLastError();
}

void sk_socket_clear_error(void)
{
	WSASetLastError(0);
}

bool sk_socket_error_again(int e)
{
	return e == WSAEWOULDBLOCK;
}

bool sk_socket_error_intr(int e)
{
	return e == WSAEINTR;
}

const char *sk_socket_strerror(int e)
{
	static char text[256];

	sk_win_error_text((unsigned long)e, text, sizeof(text));
	return text;
}

void sk_socket_close(sk_socket s)
{
	closesocket(s);
}

void sk_sigpipe_ignore(struct sk_sigpipe *saved)
{
	saved->unused = 0;
}

void sk_sigpipe_restore(const struct sk_sigpipe *saved)
{
	(void)saved;
}
