/* proxy_accept.c - see proxy_accept.h. */
#include "proxy_accept.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "log.h"
#include "proxy_proto.h"

struct proxy_wait {
	struct proxy_acceptor *pa;
	evutil_socket_t fd;
	struct sockaddr_storage peer;
	int peerlen;
	struct event *ev;
	uint8_t buf[PROXY_V2_MAX_BYTES];
	size_t len, want;
	struct proxy_wait *prev, *next;
};

struct proxy_acceptor {
	struct event_base *base;
	const struct proxy_allow *allow;
	proxy_admit_fn admit;
	void *arg;
	struct proxy_wait *waiting;
	size_t nwaiting;
};

struct proxy_acceptor *proxy_acceptor_create(struct event_base *base,
					     const struct proxy_allow *allow, proxy_admit_fn admit,
					     void *arg)
{
	struct proxy_acceptor *pa = calloc(1, sizeof(*pa));
	if (pa == NULL)
		return NULL;
	pa->base = base;
	pa->allow = allow;
	pa->admit = admit;
	pa->arg = arg;
	return pa;
}

bool proxy_acceptor_wants(const struct proxy_acceptor *pa, const struct sockaddr *peer)
{
	return proxy_allowed(pa->allow, peer);
}

size_t proxy_acceptor_waiting(const struct proxy_acceptor *pa)
{
	return pa->nwaiting;
}

/* Free w, already out of the list; its socket is closed unless handed on
 * (fd -1). */
static void wait_release(struct proxy_wait *w)
{
	event_free(w->ev);
	if (w->fd >= 0)
		evutil_closesocket(w->fd);
	free(w);
}

/* Unlink and free w. */
static void wait_end(struct proxy_wait *w)
{
	struct proxy_acceptor *pa = w->pa;
	if (w->prev)
		w->prev->next = w->next;
	else
		pa->waiting = w->next;
	if (w->next)
		w->next->prev = w->prev;
	pa->nwaiting--;
	wait_release(w);
}

static void wait_cb(evutil_socket_t fd, short what, void *arg)
{
	struct proxy_wait *w = arg;
	if (what & EV_TIMEOUT) {
		log_info_limited("connection from a proxy_from address: no PROXY header in time");
		wait_end(w);
		return;
	}
	/* Only as many bytes as the header still needs. */
	ssize_t n = recv(fd, w->buf + w->len, w->want - w->len, 0);
	if (n <= 0) {
		if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR))
			return;
		wait_end(w);
		return;
	}
	w->len += (size_t)n;
	struct sockaddr_storage client;
	socklen_t clientlen = 0;
	size_t need = 0;
	enum proxy_result r = proxy_v2_parse(w->buf, w->len, &client, &clientlen, &need);
	if (r == PROXY_NEED_MORE) {
		w->want = need; /* at most PROXY_V2_MAX_BYTES, checked by the parser */
		return;
	}
	if (r == PROXY_INVALID) {
		log_warn_limited("connection from a proxy_from address without a valid PROXY v2 "
				 "header: closed");
		wait_end(w);
		return;
	}
	struct proxy_acceptor *pa = w->pa;
	evutil_socket_t sock = w->fd;
	struct sockaddr_storage peer = w->peer;
	int peerlen = w->peerlen;
	w->fd = -1;
	wait_end(w);
	if (r == PROXY_OK)
		pa->admit(pa->arg, sock, (const struct sockaddr *)&client, (int)clientlen);
	else
		pa->admit(pa->arg, sock, (const struct sockaddr *)&peer, peerlen);
}

void proxy_acceptor_take(struct proxy_acceptor *pa, evutil_socket_t fd, const struct sockaddr *peer,
			 int peerlen, int64_t timeout_ms)
{
	struct proxy_wait *w = calloc(1, sizeof(*w));
	if (w == NULL || (size_t)peerlen > sizeof(w->peer) ||
	    evutil_make_socket_nonblocking(fd) != 0) {
		free(w);
		evutil_closesocket(fd);
		return;
	}
	w->pa = pa;
	w->fd = fd;
	memcpy(&w->peer, peer, (size_t)peerlen);
	w->peerlen = peerlen;
	w->want = PROXY_V2_HEADER_MIN;
	w->ev = event_new(pa->base, fd, EV_READ | EV_PERSIST, wait_cb, w);
	if (w->ev == NULL) {
		free(w);
		evutil_closesocket(fd);
		return;
	}
	w->next = pa->waiting;
	if (pa->waiting)
		pa->waiting->prev = w;
	pa->waiting = w;
	pa->nwaiting++;
	struct timeval tv = {.tv_sec = (time_t)(timeout_ms / 1000),
			     .tv_usec = (suseconds_t)((timeout_ms % 1000) * 1000)};
	event_add(w->ev, &tv);
}

void proxy_acceptor_free(struct proxy_acceptor *pa)
{
	if (pa == NULL)
		return;
	/* The whole list goes: walk it rather than unlink one by one. */
	struct proxy_wait *w = pa->waiting;
	while (w != NULL) {
		struct proxy_wait *next = w->next;
		wait_release(w);
		w = next;
	}
	free(pa);
}
