/*
 * platform_net.h - the clients' sockets, the same calls on Linux
 * (platform_net_posix.c) and Windows (platform_net_win.c): one socket type,
 * a connect that does not block, waits with a timeout, send and receive
 * that never raise SIGPIPE, and the error of the last socket call.
 * Windows needs sk_platform_init() (platform.h) first: it starts Winsock.
 */
#ifndef SANGKIEN_PLATFORM_NET_H
#define SANGKIEN_PLATFORM_NET_H

#include <stdbool.h>
#include <stddef.h>

#ifdef _WIN32
#include <winsock2.h>
#include <ws2tcpip.h>
typedef SOCKET sk_socket;
#define SK_SOCKET_NONE INVALID_SOCKET
struct sk_sigpipe {
	int unused; /* Windows has no SIGPIPE */
};
#else
#include <arpa/inet.h>
#include <netdb.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
typedef int sk_socket;
#define SK_SOCKET_NONE (-1)
struct sk_sigpipe {
	struct sigaction old;
};
#endif

enum sk_wait { SK_WAIT_READ, SK_WAIT_WRITE };

/*
 * A non-blocking socket, not inherited by child processes, connecting to ai.
 * Returns it with *in_progress set when the connect goes on in the
 * background (wait for SK_WAIT_WRITE, then sk_socket_connect_result), or
 * SK_SOCKET_NONE with the reason in sk_socket_last_error().
 */
sk_socket sk_socket_connect(const struct addrinfo *ai, bool *in_progress);

/* Once a connect in progress is writable: 0 connected, else the error code
 * (for sk_socket_strerror). */
int sk_socket_connect_result(sk_socket s);

/* Wait up to timeout_ms for s to be readable or writable: 1 ready,
 * 0 timed out or interrupted by a signal, -1 failed. */
int sk_socket_wait(sk_socket s, enum sk_wait what, int timeout_ms);

/* Bytes sent or received (> 0), 0 for a connection closed by the peer
 * (receive only), -1 on error (sk_socket_last_error).  Never SIGPIPE. */
ptrdiff_t sk_socket_send(sk_socket s, const void *buf, size_t len);
ptrdiff_t sk_socket_recv(sk_socket s, void *buf, size_t len);

/* The error of the last failed socket call (errno on Linux, the Winsock
 * error on Windows); clear it before calls that report errors only there
 * (OpenSSL's SSL_ERROR_SYSCALL). */
int sk_socket_last_error(void);
void sk_socket_clear_error(void);
bool sk_socket_error_again(int e); /* would block: wait and retry */
bool sk_socket_error_intr(int e);  /* interrupted by a signal: retry */
/* Text for an error code; valid until the next call. */
const char *sk_socket_strerror(int e);

void sk_socket_close(sk_socket s);

/* OpenSSL writes to a socket without MSG_NOSIGNAL: ignore SIGPIPE around
 * those calls so a peer gone away is an error, not a killed process. */
void sk_sigpipe_ignore(struct sk_sigpipe *saved);
void sk_sigpipe_restore(const struct sk_sigpipe *saved);

#endif
