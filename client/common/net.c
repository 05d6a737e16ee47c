/* net.c - see net.h. */
#include "net.h"

#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "frame.h"
#include "wire.h"

/* Replies before hello are small; after it the server says its limit. */
#define NET_PREAUTH_MAX_FRAME (64u * 1024u)

struct sk_conn {
	int fd;
	int timeout_ms;
	uint64_t next_request_id;
	uint32_t max_frame;
	uint32_t max_batch;
};

static void set_err(char *err, size_t errlen, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void set_err(char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;

	if (err == NULL || errlen == 0)
		return;
	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
}

static int64_t now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Wait until fd is ready for events or the deadline passes. */
static int wait_fd(int fd, short events, int64_t deadline)
{
	struct pollfd p = { .fd = fd, .events = events };

	for (;;) {
		int64_t left = deadline - now_ms();
		int rc;

		if (left <= 0)
			return 0;
		rc = poll(&p, 1, left > 60000 ? 60000 : (int)left);
		if (rc > 0)
			return 1;
		if (rc < 0 && errno != EINTR)
			return -1;
	}
}

/* Split "host:port" or "[v6]:port" into its parts. */
static bool split_hostport(const char *hostport, char *host, size_t hostlen,
			   char *port, size_t portlen)
{
	const char *colon;
	size_t hlen;

	if (hostport[0] == '[') {
		const char *end = strchr(hostport, ']');

		if (end == NULL || end[1] != ':')
			return false;
		hlen = (size_t)(end - hostport - 1);
		colon = end + 1;
		hostport++;
	} else {
		colon = strrchr(hostport, ':');
		if (colon == NULL)
			return false;
		hlen = (size_t)(colon - hostport);
	}
	if (hlen == 0 || hlen >= hostlen || strlen(colon + 1) == 0 ||
	    strlen(colon + 1) >= portlen)
		return false;
	memcpy(host, hostport, hlen);
	host[hlen] = '\0';
	strcpy(port, colon + 1);
	return strspn(port, "0123456789") == strlen(port);
}

static int connect_one(const struct addrinfo *ai, int64_t deadline)
{
	int fd = socket(ai->ai_family, ai->ai_socktype | SOCK_CLOEXEC, ai->ai_protocol);
	int soerr = 0;
	socklen_t sl = sizeof(soerr);

	if (fd < 0)
		return -1;
	fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
	if (connect(fd, ai->ai_addr, ai->ai_addrlen) == 0)
		return fd;
	if (errno != EINPROGRESS || wait_fd(fd, POLLOUT, deadline) <= 0 ||
	    getsockopt(fd, SOL_SOCKET, SO_ERROR, &soerr, &sl) < 0 || soerr != 0) {
		if (soerr != 0)
			errno = soerr;
		close(fd);
		return -1;
	}
	return fd;
}

enum net_status net_connect(const char *hostport, int timeout_ms,
			    struct sk_conn **out, char *err, size_t errlen)
{
	struct addrinfo hints = { .ai_socktype = SOCK_STREAM }, *res = NULL, *ai;
	char host[256], port[16];
	int64_t deadline = now_ms() + timeout_ms;
	struct sk_conn *c;
	int fd = -1, rc, saved = 0;

	*out = NULL;
	if (hostport == NULL || !split_hostport(hostport, host, sizeof(host), port, sizeof(port))) {
		set_err(err, errlen, "bad server address '%s': expected HOST:PORT",
			hostport ? hostport : "");
		return NET_UNREACHABLE;
	}
	rc = getaddrinfo(host, port, &hints, &res);
	if (rc != 0) {
		set_err(err, errlen, "cannot resolve %s: %s", host, gai_strerror(rc));
		return NET_UNREACHABLE;
	}
	for (ai = res; ai != NULL && fd < 0; ai = ai->ai_next) {
		fd = connect_one(ai, deadline);
		if (fd < 0)
			saved = errno;
	}
	freeaddrinfo(res);
	if (fd < 0) {
		set_err(err, errlen, "cannot connect to %s: %s", hostport,
			saved ? strerror(saved) : "timed out");
		return NET_UNREACHABLE;
	}
	c = calloc(1, sizeof(*c));
	if (c == NULL) {
		close(fd);
		set_err(err, errlen, "out of memory");
		return NET_IO;
	}
	c->fd = fd;
	c->timeout_ms = timeout_ms;
	c->next_request_id = 1;
	c->max_frame = NET_PREAUTH_MAX_FRAME;
	*out = c;
	return NET_OK;
}

static enum net_status send_all(struct sk_conn *c, const uint8_t *buf, size_t len,
				int64_t deadline, char *err, size_t errlen)
{
	while (len > 0) {
		ssize_t n = send(c->fd, buf, len, MSG_NOSIGNAL);

		if (n > 0) {
			buf += n;
			len -= (size_t)n;
			continue;
		}
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
			if (wait_fd(c->fd, POLLOUT, deadline) > 0)
				continue;
			set_err(err, errlen, "timed out sending to the server");
			return NET_IO;
		}
		set_err(err, errlen, "connection lost while sending: %s", strerror(errno));
		return NET_IO;
	}
	return NET_OK;
}

static enum net_status recv_all(struct sk_conn *c, uint8_t *buf, size_t len,
				int64_t deadline, char *err, size_t errlen)
{
	while (len > 0) {
		ssize_t n = recv(c->fd, buf, len, 0);

		if (n > 0) {
			buf += n;
			len -= (size_t)n;
			continue;
		}
		if (n == 0) {
			set_err(err, errlen, "the server closed the connection");
			return NET_IO;
		}
		if (errno == EINTR)
			continue;
		if (errno == EAGAIN || errno == EWOULDBLOCK) {
			if (wait_fd(c->fd, POLLIN, deadline) > 0)
				continue;
			set_err(err, errlen, "timed out waiting for the server");
			return NET_IO;
		}
		set_err(err, errlen, "connection lost while receiving: %s", strerror(errno));
		return NET_IO;
	}
	return NET_OK;
}

/* Read one frame and decode it.  The length is judged before allocating. */
static enum net_status recv_envelope(struct sk_conn *c, int64_t deadline,
				     Sangkien__Envelope **out, char *err, size_t errlen)
{
	uint8_t header[FRAME_HEADER_BYTES], *payload;
	uint32_t len = 0;
	enum net_status st;
	enum frame_status fs;
	enum wire_status ws;

	st = recv_all(c, header, sizeof(header), deadline, err, errlen);
	if (st != NET_OK)
		return st;
	/* The peer's limit for us is not ours for it: accept up to the hard cap. */
	fs = frame_peek(header, sizeof(header), FRAME_MAX_PAYLOAD_HARD, &len);
	if (fs == FRAME_EMPTY || fs == FRAME_TOO_LARGE) {
		set_err(err, errlen, "server sent a bad frame header: %s (%u bytes)",
			frame_status_name(fs), len);
		return NET_PROTOCOL;
	}
	payload = malloc(len);
	if (payload == NULL) {
		set_err(err, errlen, "out of memory");
		return NET_IO;
	}
	st = recv_all(c, payload, len, deadline, err, errlen);
	if (st == NET_OK) {
		ws = wire_decode(payload, len, out);
		if (ws != WIRE_OK) {
			set_err(err, errlen, "server sent an undecodable message: %s",
				wire_status_name(ws));
			st = NET_PROTOCOL;
		}
	}
	free(payload);
	return st;
}

enum net_status net_call(struct sk_conn *c, Sangkien__Envelope *request,
			 Sangkien__Envelope **reply_out,
			 Sangkien__ErrorCode *error_code, char *err, size_t errlen)
{
	int64_t deadline = now_ms() + c->timeout_ms;
	Sangkien__Envelope *reply = NULL;
	enum net_status st;
	uint8_t *frame;
	size_t frame_len = 0;

	*reply_out = NULL;
	request->request_id = c->next_request_id++;
	frame = wire_encode(request, c->max_frame, &frame_len);
	if (frame == NULL) {
		set_err(err, errlen, "request too large for the server (limit %u bytes)",
			c->max_frame);
		return NET_PROTOCOL;
	}
	st = send_all(c, frame, frame_len, deadline, err, errlen);
	free(frame);
	if (st != NET_OK)
		return st;
	st = recv_envelope(c, deadline, &reply, err, errlen);
	if (st != NET_OK)
		return st;
	if (reply->body_case == SANGKIEN__ENVELOPE__BODY_ERROR) {
		const Sangkien__Error *e = reply->error;

		if (error_code != NULL)
			*error_code = e->code;
		set_err(err, errlen, "%s%s%s%s", wire_error_code_name(e->code),
			e->message && *e->message ? ": " : "", e->message ? e->message : "",
			"");
		*reply_out = reply;
		return NET_REFUSED;
	}
	if (reply->request_id != request->request_id) {
		set_err(err, errlen, "server answered request %llu, expected %llu",
			(unsigned long long)reply->request_id,
			(unsigned long long)request->request_id);
		wire_envelope_free(reply);
		return NET_PROTOCOL;
	}
	*reply_out = reply;
	return NET_OK;
}

enum net_status net_hello(struct sk_conn *c, const char *credential,
			  const char *client_name, Sangkien__Envelope **reply_out,
			  Sangkien__ErrorCode *error_code, char *err, size_t errlen)
{
	Sangkien__Envelope req = SANGKIEN__ENVELOPE__INIT, *reply = NULL;
	Sangkien__Hello hello = SANGKIEN__HELLO__INIT;
	enum net_status st;

	if (reply_out != NULL)
		*reply_out = NULL;
	hello.protocol_version = SANGKIEN__PROTOCOL_VERSION__PROTOCOL_VERSION_CURRENT;
	hello.credential = (char *)(credential ? credential : "");
	hello.client_name = (char *)(client_name ? client_name : "");
	req.body_case = SANGKIEN__ENVELOPE__BODY_HELLO;
	req.hello = &hello;
	st = net_call(c, &req, &reply, error_code, err, errlen);
	if (st == NET_OK && reply->body_case != SANGKIEN__ENVELOPE__BODY_HELLO_REPLY) {
		set_err(err, errlen, "server answered hello with %s",
			wire_body_name(reply->body_case));
		st = NET_PROTOCOL;
	}
	if (st == NET_OK) {
		c->max_frame = reply->hello_reply->max_frame_bytes;
		c->max_batch = reply->hello_reply->max_batch_items;
		if (c->max_frame == 0 || c->max_frame > FRAME_MAX_PAYLOAD_HARD)
			c->max_frame = NET_PREAUTH_MAX_FRAME;
	}
	if (reply_out != NULL && (st == NET_OK || st == NET_REFUSED))
		*reply_out = reply;
	else
		wire_envelope_free(reply);
	return st;
}

uint32_t net_max_frame(const struct sk_conn *c)
{
	return c->max_frame;
}

uint32_t net_max_batch(const struct sk_conn *c)
{
	return c->max_batch;
}

void net_close(struct sk_conn *c)
{
	if (c == NULL)
		return;
	close(c->fd);
	free(c);
}
