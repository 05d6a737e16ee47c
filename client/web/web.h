/*
 * web.h - the clients' local web interface (`sangkien ui`, `sangkien-admin
 * ui`): an HTTP server on loopback for one user's browser, on the
 * program's own libevent loop.
 *
 * What every request passes before a handler sees it:
 *   - the listening socket is bound to 127.0.0.1 only;
 *   - Host must be 127.0.0.1:PORT or localhost:PORT (no DNS rebinding);
 *   - Origin, when sent, must be this server (no cross-site requests), and
 *     a POST must carry it (browsers always do), so no form on another site
 *     can post here;
 *   - the secret made at web_start(): the URL the browser is first opened
 *     at (web_url) carries it as ?k=...; that request gets it back as a
 *     cookie (HttpOnly, SameSite=Strict, named after the port since
 *     cookies do not tell ports apart) and is redirected to the page, and
 *     every later request must bring the cookie;
 *   - methods GET, HEAD and POST only; headers within 16 KiB; a body over
 *     web_config.max_body is refused by its Content-Length before it is
 *     read (413).
 * Every reply carries a strict Content-Security-Policy (same-origin
 * scripts, styles and fetches only, no frames), nosniff, no-referrer and
 * no-store.
 *
 * Assets (HTML, CSS, JS) are compiled into the program: web_embed.cmake's
 * sk_web_embed() turns files of the source tree into a struct web_asset
 * table.  "/" serves "/index.html".
 *
 * Threads: everything here runs on the event loop's thread; slow work goes
 * to a web_job (web_job.h) that never touches a web_request.
 */
#ifndef SANGKIEN_WEB_H
#define SANGKIEN_WEB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct event_base;
struct evkeyvalq;
struct evhttp_request;
struct web;

/* One embedded file (the table is made by sk_web_embed). */
struct web_asset {
	const char *path;	  /* "/index.html" */
	const char *content_type; /* "text/html; charset=utf-8" */
	const unsigned char *data;
	size_t len;
};

struct web_config {
	uint16_t port;	 /* 0: a free one */
	size_t max_body; /* largest request body accepted, bytes */
	const struct web_asset *assets;
	size_t n_assets;
};

/* A request being handled; valid until a web_reply_* call. */
struct web_request;

/* Handlers reply exactly once, with one of the web_reply_* calls. */
typedef void (*web_handler)(struct web_request *r, void *arg);

enum web_method { WEB_GET = 1, WEB_POST = 2 };

/* Listen on 127.0.0.1:cfg->port on base.  *out is freed with web_free(). */
int web_start(struct event_base *base, const struct web_config *cfg, struct web **out, char *err,
	      size_t errlen);
void web_free(struct web *w);

/*
 * Serve on base until SIGINT or SIGTERM (Ctrl-C, or a service stop): the
 * handlers are set, then ready(arg) runs (say where the page is: a signal
 * from then on ends the loop cleanly), then the loop.  Returns 0 after a
 * signal, -1 when the handlers could not be set or the loop failed.
 */
int web_run(struct event_base *base, void (*ready)(void *arg), void *arg);

/* The address to open the browser at, secret included (owned by w). */
const char *web_url(const struct web *w);
uint16_t web_port(const struct web *w);

/* Route method(s) on an exact path ("/api/items") to fn.  Returns 0, or
 * -1 when the table is full (WEB_MAX_ROUTES). */
#define WEB_MAX_ROUTES 64
int web_route(struct web *w, int methods, const char *path, web_handler fn, void *arg);

/* ---- the request ---- */

enum web_method web_request_method(const struct web_request *r);
const char *web_request_path(const struct web_request *r);
/* True for HEAD (routed and handled as GET, whose headers it wants). */
bool web_request_is_head(const struct web_request *r);
/* A request header's value (as sent: hostile), or NULL. */
const char *web_request_header(const struct web_request *r, const char *name);

/* A query-string parameter (decoded), or NULL. */
const char *web_query(struct web_request *r, const char *name);

/* The POST body as application/x-www-form-urlencoded fields (decoded;
 * repeated names kept in order), or NULL when it does not parse.  Owned by
 * the request. */
const struct evkeyvalq *web_form(struct web_request *r);
/* The first form field called name, or NULL. */
const char *web_form_get(struct web_request *r, const char *name);

/* The raw body, NUL-terminated (len without the NUL); NULL when out of
 * memory.  Owned by the request. */
const char *web_body(struct web_request *r, size_t *len);

/* ---- replies (each ends the request) ---- */

struct web_json;

/* 200 with the JSON document j (j stays the caller's). */
void web_reply_json(struct web_request *r, int status, struct web_json *j);
/* {"error": message} with status (400, 404, 409, 500...). */
void web_reply_error(struct web_request *r, int status, const char *message);

/*
 * 200 with a whole document the program made (a printable report: inline
 * CSS, no script) of the given type.  Its Content-Security-Policy allows
 * inline styles and data: images only: no script of any kind runs in it,
 * and it loads nothing.  data is copied.
 */
void web_reply_document(struct web_request *r, const char *content_type, const void *data,
			size_t len);

/*
 * A file to save, sent as its bytes come (one too large to hold): the
 * headers go at once (Content-Disposition: attachment, named file_name:
 * UTF-8, at most 255 bytes, no control character, made safe by the caller;
 * Content-Length; Accept-Ranges: bytes; ETag when given; sandboxed and
 * nosniff like a document, so it never runs as a page of the program),
 * then each web_stream_write().  A partial reply is 206 with its
 * Content-Range (the caller decided it with web_range.h).  Memory stays
 * bounded however slow the browser: a write returns false once more than
 * bound bytes wait for the browser, and the caller then adds nothing until
 * writable() is called.  The reply ends only with web_stream_end();
 * web_stream_cut() closes the connection short of the length, so the
 * browser marks the download failed and keeps no file.
 *
 * Callbacks run on the loop, each from the loop itself (never from inside
 * a web_stream call), and may call web_stream_*:
 *   writable(arg): the waiting bytes went down to bound or fewer after a
 *     write returned false; once per such write.
 *   gone(arg): the browser went away (closed, or stopped reading for the
 *     server's timeout), or the program is stopping: the stream is freed
 *     and must not be used again.  Never after end or cut.
 */
struct web_stream;

struct web_stream_events {
	void (*writable)(void *arg);
	void (*gone)(void *arg);
};

/* What a download's headers say (strings are the caller's, copied). */
struct web_download_head {
	const char *content_type;
	const char *file_name;
	uint64_t size;	  /* the whole file's bytes */
	const char *etag; /* its strong tag, quoted ("\"...\""), or NULL */
	bool partial;	  /* 206 of bytes [first, first + length) */
	uint64_t first, length;
};

/* r is ended either way; NULL when out of memory (r got a 500). */
struct web_stream *web_download_start(struct web_request *r, const struct web_download_head *h,
				      size_t bound, const struct web_stream_events *ev, void *arg);
/* The same headers with no body, for a HEAD request; ends r. */
void web_download_head(struct web_request *r, const struct web_download_head *h);
/* 416 for a range that starts past the end of a file of size bytes
 * (its Content-Range gives the size alone), message as web_reply_error's. */
void web_reply_range_unsatisfiable(struct web_request *r, uint64_t size, const char *message);
/* Queue len bytes (copied).  True while at most bound bytes wait. */
bool web_stream_write(struct web_stream *s, const void *data, size_t len);
/* The most bytes that waited for the browser at once so far. */
size_t web_stream_peak(const struct web_stream *s);
/* All written: end the reply once the bytes are out; s is freed. */
void web_stream_end(struct web_stream *s);
/* Close the connection now, the reply unfinished; s is freed. */
void web_stream_cut(struct web_stream *s);

/* Parse a decimal int64 parameter in [lo, hi]; false when absent or bad. */
bool web_parse_int(const char *s, int64_t lo, int64_t hi, int64_t *out);

#endif
