/*
 * tool_net.h - small blocking socket helpers shared by the test tools
 * (sk-probe, sk-cutproxy).  Tools talk to loopback only and exit on the
 * first surprise, so these helpers stay simple: plain fds, no buffering.
 */
#ifndef SANGKIEN_TOOL_NET_H
#define SANGKIEN_TOOL_NET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum tool_read {
	TOOL_READ_OK = 0,
	TOOL_READ_EOF,	   /* the peer closed or reset before all bytes came */
	TOOL_READ_TIMEOUT, /* nothing complete within the deadline */
	TOOL_READ_ERROR,   /* any other socket error (errno is kept) */
};

/*
 * Connect to "HOST:PORT" ("[v6]:PORT" for IPv6).  Returns a connected
 * blocking fd owned by the caller, or -1 with a message in err.
 */
int tool_connect(const char *hostport, char *err, size_t errlen);

/*
 * Listen on 127.0.0.1:port (0 picks a free port); *bound_port receives the
 * actual port.  Returns the listening fd, or -1 with a message in err.
 */
int tool_listen_loopback(uint16_t port, uint16_t *bound_port, char *err, size_t errlen);

/* Write all len bytes (retrying on EINTR and short writes).  False on any
 * error, including a peer that closed (SIGPIPE must be ignored). */
bool tool_write_all(int fd, const void *buf, size_t len);

/* Read exactly len bytes, waiting at most timeout_ms in total. */
enum tool_read tool_read_full(int fd, void *buf, size_t len, int timeout_ms);

/* Write text to path through a temporary file and rename(), so readers
 * never see a partial file.  False on error (errno is kept). */
bool tool_write_file_atomic(const char *path, const char *text);

/* Milliseconds from a monotonic clock. */
int64_t tool_now_ms(void);

#endif
