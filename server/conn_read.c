/* conn_read.c - see conn_read.h. */
#include "conn_read.h"

#include <errno.h>
#include <event2/bufferevent.h>
#include <stdbool.h>
#include <stdlib.h>
#include <sys/uio.h>

struct conn_reader {
	struct event *ev;
	struct evbuffer *in;
	struct evbuffer_cb_entry *drained;
	size_t max_input, max_read;
	bool stopped, armed;
	conn_reader_fn fn;
	void *arg;
};

/* Wait for the socket exactly while the input has room. */
static void arm(struct conn_reader *r)
{
	bool want = !r->stopped && evbuffer_get_length(r->in) < r->max_input;
	if (want && !r->armed)
		r->armed = event_add(r->ev, NULL) == 0;
	else if (!want && r->armed) {
		event_del(r->ev);
		r->armed = false;
	}
}

static void on_input_changed(struct evbuffer *buf, const struct evbuffer_cb_info *info, void *arg)
{
	(void)buf;
	if (info->n_deleted > 0)
		arm(arg);
}

static void end(struct conn_reader *r, short what)
{
	conn_reader_stop(r);
	r->fn(r->arg, (short)(BEV_EVENT_READING | what));
}

static void on_readable(evutil_socket_t fd, short what, void *arg)
{
	struct conn_reader *r = arg;
	(void)what;
	size_t held = evbuffer_get_length(r->in);
	if (held >= r->max_input) {
		arm(r);
		return;
	}
	size_t want = r->max_input - held < r->max_read ? r->max_input - held : r->max_read;
	struct evbuffer_iovec vec[2];
	/* A bufferevent's input is frozen at its end but while it reads. */
	evbuffer_unfreeze(r->in, 0);
	int n = evbuffer_reserve_space(r->in, (ev_ssize_t)want, vec, 2);
	if (n <= 0) {
		evbuffer_freeze(r->in, 0);
		end(r, BEV_EVENT_ERROR);
		return;
	}
	struct iovec iov[2];
	size_t room = want;
	for (int i = 0; i < n; i++) {
		iov[i].iov_base = vec[i].iov_base;
		iov[i].iov_len = vec[i].iov_len < room ? vec[i].iov_len : room;
		room -= iov[i].iov_len;
	}
	ssize_t got = readv(fd, iov, n);
	if (got <= 0) {
		evbuffer_commit_space(r->in, vec, 0);
		evbuffer_freeze(r->in, 0);
		if (got < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR))
			return;
		end(r, got == 0 ? BEV_EVENT_EOF : BEV_EVENT_ERROR);
		return;
	}
	size_t left = (size_t)got;
	for (int i = 0; i < n; i++) {
		vec[i].iov_len = iov[i].iov_len < left ? iov[i].iov_len : left;
		left -= vec[i].iov_len;
	}
	evbuffer_commit_space(r->in, vec, n);
	evbuffer_freeze(r->in, 0);
	arm(r);
	r->fn(r->arg, 0);
}

struct conn_reader *conn_reader_new(struct event_base *base, evutil_socket_t fd,
				    struct evbuffer *in, conn_reader_fn fn, void *arg)
{
	struct conn_reader *r = calloc(1, sizeof(*r));
	if (r == NULL)
		return NULL;
	r->in = in;
	r->fn = fn;
	r->arg = arg;
	r->ev = event_new(base, fd, EV_READ | EV_PERSIST, on_readable, r);
	r->drained = evbuffer_add_cb(in, on_input_changed, r);
	if (r->ev == NULL || r->drained == NULL) {
		conn_reader_free(r);
		return NULL;
	}
	return r;
}

void conn_reader_limits(struct conn_reader *r, size_t max_input, size_t max_read)
{
	r->max_input = max_input;
	r->max_read = max_read;
	arm(r);
}

void conn_reader_stop(struct conn_reader *r)
{
	r->stopped = true;
	arm(r);
}

void conn_reader_free(struct conn_reader *r)
{
	if (r == NULL)
		return;
	if (r->drained != NULL)
		evbuffer_remove_cb_entry(r->in, r->drained);
	if (r->ev != NULL)
		event_free(r->ev);
	free(r);
}
