/*
 * conn_read.h - the socket reads of a plain (not TLS) connection into its
 * bufferevent's input, each of up to a frame.  libevent 2.1's bufferevent
 * reads at most 4,096 bytes a time (EVBUFFER_MAX_READ; evbuffer_read caps
 * any larger size), so an upload chunk of 1 MiB took 256 reads and as many
 * turns of the event loop; here one or a few.  The bufferevent still
 * writes; its read side is never enabled.  A TLS connection reads through
 * OpenSSL's bufferevent, a record (16 KiB) at a time.
 */
#ifndef SK_CONN_READ_H
#define SK_CONN_READ_H

#include <event2/buffer.h>
#include <event2/event.h>
#include <stddef.h>

struct conn_reader;

/* Called after each read that brought bytes (what = 0), or once at the end
 * of the stream (what = BEV_EVENT_READING | BEV_EVENT_EOF or
 * BEV_EVENT_ERROR, as a bufferevent's event callback gets); the reader is
 * stopped before an end is told. */
typedef void (*conn_reader_fn)(void *arg, short what);

/* A reader of fd (not owned) into in (not owned), reading once limits are
 * set; NULL when out of memory. */
struct conn_reader *conn_reader_new(struct event_base *base, evutil_socket_t fd,
				    struct evbuffer *in, conn_reader_fn fn, void *arg);
/* Hold at most max_input bytes in the input (reads stop there and go on
 * once the input is drained below it), reading up to max_read at a time. */
void conn_reader_limits(struct conn_reader *r, size_t max_input, size_t max_read);
/* No more reads. */
void conn_reader_stop(struct conn_reader *r);
void conn_reader_free(struct conn_reader *r);

#endif
