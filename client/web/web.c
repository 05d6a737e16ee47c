/* web.c - see web.h. */
#include "web.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <event2/buffer.h>
#include <event2/bufferevent.h>
#include <event2/event.h>
#include <event2/http.h>
#include <event2/keyvalq_struct.h>
#include <openssl/crypto.h>
#include <openssl/rand.h>

#include "platform_net.h"
#include "platform_queue.h"
#include "web_json.h"

#define SECRET_BYTES 24
#define SECRET_HEX (SECRET_BYTES * 2)
#define MAX_HEADERS_BYTES (16 * 1024)

struct route {
	int methods;
	char *path;
	web_handler fn;
	void *arg;
};

struct web {
	struct evhttp *http;
	uint16_t port;
	const struct web_asset *assets;
	size_t n_assets;
	char secret[SECRET_HEX + 1];
	char cookie_name[32]; /* sk_web_PORT */
	char host_ip[32];     /* 127.0.0.1:PORT */
	char host_name[32];   /* localhost:PORT */
	char origin_ip[48];   /* http://127.0.0.1:PORT */
	char origin_name[48]; /* http://localhost:PORT */
	char url[96];	      /* http://127.0.0.1:PORT/?k=SECRET */
	struct route routes[WEB_MAX_ROUTES];
	size_t n_routes;
};

struct web_request {
	struct web *w;
	struct evhttp_request *req;
	const char *path; /* decoded */
	char *path_owned;
	bool query_parsed, form_parsed, form_ok;
	struct evkeyvalq query;
	struct evkeyvalq form;
	char *body;
};

static const char security_headers[][2][96] = {
    {"Content-Security-Policy",
     "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "},
    {"X-Content-Type-Options", "nosniff"},
    {"Referrer-Policy", "no-referrer"},
    {"Cache-Control", "no-store"},
    {"X-Frame-Options", "DENY"},
};
/* The CSP's tail (too long for one cell above). */
static const char csp_tail[] =
    "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

/* A document of the program's own (web_reply_document): its styles inline,
 * and nothing that runs. */
static const char document_csp[] =
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'none'; "
    "frame-ancestors 'none'; base-uri 'none'";

static void add_headers_with_csp(struct evhttp_request *req, const char *csp_value)
{
	struct evkeyvalq *h = evhttp_request_get_output_headers(req);
	char csp[256];

	if (csp_value == NULL) {
		snprintf(csp, sizeof(csp), "%s%s", security_headers[0][1], csp_tail);
		csp_value = csp;
	}
	evhttp_add_header(h, security_headers[0][0], csp_value);
	for (size_t i = 1; i < sizeof(security_headers) / sizeof(security_headers[0]); i++)
		evhttp_add_header(h, security_headers[i][0], security_headers[i][1]);
}

static void add_security_headers(struct evhttp_request *req)
{
	add_headers_with_csp(req, NULL);
}

static void send_plain(struct evhttp_request *req, int status, const char *reason, const char *text)
{
	struct evbuffer *b = evbuffer_new();

	add_security_headers(req);
	evhttp_add_header(evhttp_request_get_output_headers(req), "Content-Type",
			  "text/plain; charset=utf-8");
	if (b != NULL)
		evbuffer_add(b, text, strlen(text));
	evhttp_send_reply(req, status, reason, b);
	if (b != NULL)
		evbuffer_free(b);
}

static void request_free(struct web_request *r)
{
	if (r->query_parsed)
		evhttp_clear_headers(&r->query);
	if (r->form_parsed)
		evhttp_clear_headers(&r->form);
	free(r->body);
	free(r->path_owned);
	free(r);
}

/* ---- checks ---- */

static bool secret_equal(const struct web *w, const char *s)
{
	return s != NULL && strlen(s) == SECRET_HEX && CRYPTO_memcmp(s, w->secret, SECRET_HEX) == 0;
}

/* The secret's cookie, from a Cookie header ("a=1; sk_web_PORT=..."). */
static bool cookie_ok(const struct web *w, const char *header)
{
	size_t name_len = strlen(w->cookie_name);
	const char *p = header;

	while (p != NULL && *p != '\0') {
		while (*p == ' ' || *p == ';')
			p++;
		if (strncmp(p, w->cookie_name, name_len) == 0 && p[name_len] == '=') {
			const char *v = p + name_len + 1;
			size_t n = strcspn(v, ";");

			if (n == SECRET_HEX && CRYPTO_memcmp(v, w->secret, SECRET_HEX) == 0)
				return true;
		}
		p = strchr(p, ';');
	}
	return false;
}

static bool host_ok(const struct web *w, const char *host)
{
	return host != NULL &&
	       (strcmp(host, w->host_ip) == 0 || strcasecmp(host, w->host_name) == 0);
}

static bool origin_ok(const struct web *w, const char *origin)
{
	return strcmp(origin, w->origin_ip) == 0 || strcasecmp(origin, w->origin_name) == 0;
}

/* First visit: trade ?k=SECRET for the cookie, then go to the page without
 * the secret in the address bar. */
static void grant_cookie(struct web *w, struct evhttp_request *req)
{
	struct evkeyvalq *h = evhttp_request_get_output_headers(req);
	char cookie[128];

	snprintf(cookie, sizeof(cookie), "%s=%s; Path=/; HttpOnly; SameSite=Strict", w->cookie_name,
		 w->secret);
	add_security_headers(req);
	evhttp_add_header(h, "Set-Cookie", cookie);
	evhttp_add_header(h, "Location", "/");
	evhttp_send_reply(req, 303, "See Other", NULL);
}

static const struct web_asset *find_asset(const struct web *w, const char *path)
{
	if (strcmp(path, "/") == 0)
		path = "/index.html";
	for (size_t i = 0; i < w->n_assets; i++)
		if (strcmp(w->assets[i].path, path) == 0)
			return &w->assets[i];
	return NULL;
}

static void serve_asset(struct evhttp_request *req, const struct web_asset *a, bool head)
{
	struct evbuffer *b = evbuffer_new();
	char len[24];

	add_security_headers(req);
	evhttp_add_header(evhttp_request_get_output_headers(req), "Content-Type", a->content_type);
	if (b == NULL) {
		evhttp_send_error(req, 500, NULL);
		return;
	}
	if (head) {
		snprintf(len, sizeof(len), "%zu", a->len);
		evhttp_add_header(evhttp_request_get_output_headers(req), "Content-Length", len);
	} else {
		/* The asset is static: no copy. */
		evbuffer_add_reference(b, a->data, a->len, NULL, NULL);
	}
	evhttp_send_reply(req, 200, "OK", b);
	evbuffer_free(b);
}

static const char refused_text[] =
    "Từ chối truy cập: hãy mở trang bằng địa chỉ chương trình in ra khi khởi động\n"
    "(chạy lại lệnh ui để mở lại trình duyệt).\n";

static void dispatch(struct evhttp_request *req, void *arg)
{
	struct web *w = arg;
	struct evkeyvalq *in = evhttp_request_get_input_headers(req);
	const struct evhttp_uri *uri = evhttp_request_get_evhttp_uri(req);
	const char *origin, *site, *raw_path, *q;
	enum evhttp_cmd_type cmd = evhttp_request_get_command(req);
	int method = cmd == EVHTTP_REQ_POST ? WEB_POST : WEB_GET;
	struct web_request *r;
	bool path_known = false;
	char *path;

	if (!host_ok(w, evhttp_find_header(in, "Host"))) {
		send_plain(req, 421, "Misdirected Request", "Host không hợp lệ.\n");
		return;
	}
	origin = evhttp_find_header(in, "Origin");
	if ((origin != NULL && !origin_ok(w, origin)) || (method == WEB_POST && origin == NULL)) {
		send_plain(req, 403, "Forbidden", "Nguồn yêu cầu (Origin) không hợp lệ.\n");
		return;
	}
	site = evhttp_find_header(in, "Sec-Fetch-Site");
	if (site != NULL && strcmp(site, "same-origin") != 0 && strcmp(site, "none") != 0) {
		send_plain(req, 403, "Forbidden", "Yêu cầu từ trang khác bị từ chối.\n");
		return;
	}
	raw_path = uri != NULL ? evhttp_uri_get_path(uri) : NULL;
	if (raw_path == NULL || raw_path[0] != '/') {
		send_plain(req, 400, "Bad Request", "Địa chỉ không hợp lệ.\n");
		return;
	}
	if (!cookie_ok(w, evhttp_find_header(in, "Cookie"))) {
		struct evkeyvalq params;

		q = evhttp_uri_get_query(uri);
		if (method == WEB_GET && strcmp(raw_path, "/") == 0 && q != NULL &&
		    evhttp_parse_query_str(q, &params) == 0) {
			bool ok = secret_equal(w, evhttp_find_header(&params, "k"));

			evhttp_clear_headers(&params);
			if (ok) {
				grant_cookie(w, req);
				return;
			}
		}
		send_plain(req, 403, "Forbidden", refused_text);
		return;
	}
	path = evhttp_uridecode(raw_path, 0, NULL);
	if (path == NULL) {
		send_plain(req, 500, "Internal Server Error", "Hết bộ nhớ.\n");
		return;
	}
	for (size_t i = 0; i < w->n_routes; i++) {
		if (strcmp(w->routes[i].path, path) != 0)
			continue;
		if ((w->routes[i].methods & method) == 0) {
			path_known = true;
			continue;
		}
		r = calloc(1, sizeof(*r));
		if (r == NULL) {
			free(path);
			send_plain(req, 500, "Internal Server Error", "Hết bộ nhớ.\n");
			return;
		}
		r->w = w;
		r->req = req;
		r->path = r->path_owned = path;
		w->routes[i].fn(r, w->routes[i].arg);
		return;
	}
	if (path_known) {
		free(path);
		send_plain(req, 405, "Method Not Allowed", "Phương thức không được phép.\n");
		return;
	}
	{
		const struct web_asset *a = method == WEB_GET ? find_asset(w, path) : NULL;

		free(path);
		if (a != NULL)
			serve_asset(req, a, cmd == EVHTTP_REQ_HEAD);
		else
			send_plain(req, 404, "Not Found", "Không có trang này.\n");
	}
}

/* ---- setup ---- */

int web_start(struct event_base *base, const struct web_config *cfg, struct web **out, char *err,
	      size_t errlen)
{
	unsigned char raw[SECRET_BYTES];
	struct evhttp_bound_socket *sock;
	struct sockaddr_in sa;
	socklen_t salen = sizeof(sa);
	struct web *w;

	*out = NULL;
	w = calloc(1, sizeof(*w));
	if (w == NULL) {
		snprintf(err, errlen, "hết bộ nhớ");
		return -1;
	}
	if (RAND_bytes(raw, sizeof(raw)) != 1) {
		snprintf(err, errlen, "không tạo được khóa bí mật ngẫu nhiên");
		free(w);
		return -1;
	}
	for (size_t i = 0; i < sizeof(raw); i++)
		snprintf(w->secret + 2 * i, 3, "%02x", raw[i]);
	OPENSSL_cleanse(raw, sizeof(raw));
	w->assets = cfg->assets;
	w->n_assets = cfg->n_assets;
	w->http = evhttp_new(base);
	if (w->http == NULL) {
		snprintf(err, errlen, "hết bộ nhớ");
		free(w);
		return -1;
	}
	evhttp_set_allowed_methods(w->http, EVHTTP_REQ_GET | EVHTTP_REQ_HEAD | EVHTTP_REQ_POST);
	evhttp_set_max_headers_size(w->http, MAX_HEADERS_BYTES);
	evhttp_set_max_body_size(w->http, (ev_ssize_t)cfg->max_body);
	evhttp_set_timeout(w->http, 60);
	evhttp_set_gencb(w->http, dispatch, w);
	sock = evhttp_bind_socket_with_handle(w->http, "127.0.0.1", cfg->port);
	if (sock == NULL) {
		snprintf(err, errlen, "không mở được cổng 127.0.0.1:%u: %s", cfg->port,
			 sk_socket_strerror(sk_socket_last_error()));
		evhttp_free(w->http);
		free(w);
		return -1;
	}
	if (getsockname(evhttp_bound_socket_get_fd(sock), (struct sockaddr *)&sa, &salen) != 0) {
		snprintf(err, errlen, "getsockname: %s",
			 sk_socket_strerror(sk_socket_last_error()));
		evhttp_free(w->http);
		free(w);
		return -1;
	}
	w->port = ntohs(sa.sin_port);
	snprintf(w->cookie_name, sizeof(w->cookie_name), "sk_web_%u", w->port);
	snprintf(w->host_ip, sizeof(w->host_ip), "127.0.0.1:%u", w->port);
	snprintf(w->host_name, sizeof(w->host_name), "localhost:%u", w->port);
	snprintf(w->origin_ip, sizeof(w->origin_ip), "http://127.0.0.1:%u", w->port);
	snprintf(w->origin_name, sizeof(w->origin_name), "http://localhost:%u", w->port);
	snprintf(w->url, sizeof(w->url), "http://127.0.0.1:%u/?k=%s", w->port, w->secret);
	*out = w;
	return 0;
}

void web_free(struct web *w)
{
	if (w == NULL)
		return;
	evhttp_free(w->http);
	for (size_t i = 0; i < w->n_routes; i++)
		free(w->routes[i].path);
	OPENSSL_cleanse(w->secret, sizeof(w->secret));
	free(w);
}

static void on_signal(evutil_socket_t sig, short what, void *arg)
{
	(void)sig;
	(void)what;
	event_base_loopexit(arg, NULL);
}

int web_run(struct event_base *base, void (*ready)(void *arg), void *arg)
{
	struct event *ev_int = evsignal_new(base, SIGINT, on_signal, base);
	struct event *ev_term = evsignal_new(base, SIGTERM, on_signal, base);
	int rc = -1;

	if (ev_int != NULL && ev_term != NULL && evsignal_add(ev_int, NULL) == 0 &&
	    evsignal_add(ev_term, NULL) == 0) {
		ready(arg);
		rc = event_base_dispatch(base) == 0 ? 0 : -1;
	}
	if (ev_int != NULL)
		event_free(ev_int);
	if (ev_term != NULL)
		event_free(ev_term);
	return rc;
}

const char *web_url(const struct web *w)
{
	return w->url;
}

uint16_t web_port(const struct web *w)
{
	return w->port;
}

int web_route(struct web *w, int methods, const char *path, web_handler fn, void *arg)
{
	if (w->n_routes >= WEB_MAX_ROUTES)
		return -1;
	w->routes[w->n_routes].path = strdup(path);
	if (w->routes[w->n_routes].path == NULL)
		return -1;
	w->routes[w->n_routes].methods = methods;
	w->routes[w->n_routes].fn = fn;
	w->routes[w->n_routes].arg = arg;
	w->n_routes++;
	return 0;
}

/* ---- the request ---- */

enum web_method web_request_method(const struct web_request *r)
{
	return evhttp_request_get_command(r->req) == EVHTTP_REQ_POST ? WEB_POST : WEB_GET;
}

const char *web_request_path(const struct web_request *r)
{
	return r->path;
}

bool web_request_is_head(const struct web_request *r)
{
	return evhttp_request_get_command(r->req) == EVHTTP_REQ_HEAD;
}

const char *web_request_header(const struct web_request *r, const char *name)
{
	return evhttp_find_header(evhttp_request_get_input_headers(r->req), name);
}

const char *web_query(struct web_request *r, const char *name)
{
	if (!r->query_parsed) {
		const char *q = evhttp_uri_get_query(evhttp_request_get_evhttp_uri(r->req));

		TAILQ_INIT(&r->query);
		r->query_parsed = true;
		if (q == NULL || evhttp_parse_query_str(q, &r->query) != 0)
			return NULL;
	}
	return evhttp_find_header(&r->query, name);
}

const char *web_body(struct web_request *r, size_t *len)
{
	struct evbuffer *in = evhttp_request_get_input_buffer(r->req);
	size_t n = evbuffer_get_length(in);

	if (r->body == NULL) {
		/* Bounded by evhttp_set_max_body_size before it was read. */
		r->body = malloc(n + 1);
		if (r->body == NULL)
			return NULL;
		evbuffer_copyout(in, r->body, n);
		r->body[n] = '\0';
	}
	if (len != NULL)
		*len = n;
	return r->body;
}

const struct evkeyvalq *web_form(struct web_request *r)
{
	const char *body;
	size_t n;

	if (!r->form_parsed) {
		TAILQ_INIT(&r->form);
		r->form_parsed = true;
		body = web_body(r, &n);
		/* A NUL inside the body would hide the rest from the parser. */
		r->form_ok = body != NULL && strlen(body) == n &&
			     evhttp_parse_query_str(body, &r->form) == 0;
	}
	return r->form_ok ? &r->form : NULL;
}

const char *web_form_get(struct web_request *r, const char *name)
{
	const struct evkeyvalq *f = web_form(r);

	return f != NULL ? evhttp_find_header(f, name) : NULL;
}

/* ---- replies ---- */

void web_reply_json(struct web_request *r, int status, struct web_json *j)
{
	struct evbuffer *b;

	if (j->failed || j->depth != 0 || j->terminated) {
		web_reply_error(r, 500, "lỗi nội bộ khi tạo trả lời");
		return;
	}
	b = evbuffer_new();
	add_security_headers(r->req);
	evhttp_add_header(evhttp_request_get_output_headers(r->req), "Content-Type",
			  "application/json; charset=utf-8");
	if (b == NULL || evbuffer_add_buffer(b, j->buf) != 0) {
		if (b != NULL)
			evbuffer_free(b);
		evhttp_send_error(r->req, 500, NULL);
	} else {
		evhttp_send_reply(r->req, status, status == 200 ? "OK" : "Error", b);
		evbuffer_free(b);
	}
	request_free(r);
}

void web_reply_range_unsatisfiable(struct web_request *r, uint64_t size, const char *message)
{
	char cr[48];

	snprintf(cr, sizeof(cr), "bytes */%llu", (unsigned long long)size);
	evhttp_add_header(evhttp_request_get_output_headers(r->req), "Content-Range", cr);
	web_reply_error(r, 416, message);
}

void web_reply_error(struct web_request *r, int status, const char *message)
{
	struct web_json j;

	if (web_json_init(&j) != 0) {
		evhttp_send_error(r->req, 500, NULL);
		request_free(r);
		return;
	}
	web_json_object(&j, NULL);
	web_json_string(&j, "error", message);
	web_json_end_object(&j);
	web_reply_json(r, status, &j);
	web_json_free(&j);
}

static void send_whole(struct web_request *r, const char *content_type, const char *disposition,
		       const void *data, size_t len)
{
	struct evbuffer *b = evbuffer_new();

	add_headers_with_csp(r->req, document_csp);
	evhttp_add_header(evhttp_request_get_output_headers(r->req), "Content-Type", content_type);
	if (disposition != NULL)
		evhttp_add_header(evhttp_request_get_output_headers(r->req), "Content-Disposition",
				  disposition);
	if (b == NULL || evbuffer_add(b, data, len) != 0) {
		if (b != NULL)
			evbuffer_free(b);
		evhttp_send_error(r->req, 500, NULL);
	} else {
		evhttp_send_reply(r->req, 200, "OK", b);
		evbuffer_free(b);
	}
	request_free(r);
}

void web_reply_document(struct web_request *r, const char *content_type, const void *data,
			size_t len)
{
	send_whole(r, content_type, NULL, data, len);
}

/* attachment; filename="ASCII stand-in"; filename*=UTF-8''percent-encoded
 * (RFC 6266, RFC 5987): 255 bytes of name make at most 1,100 of header. */
#define DISPOSITION_MAX 1200
static void disposition(const char *file_name, char d[DISPOSITION_MAX])
{
	size_t n = 0, max = strlen(file_name) > 255 ? 255 : strlen(file_name);

	n += (size_t)snprintf(d + n, DISPOSITION_MAX - n, "attachment; filename=\"");
	for (size_t i = 0; i < max; i++) {
		unsigned char c = (unsigned char)file_name[i];
		d[n++] = (char)(c < 0x20 || c >= 0x7F || c == '"' || c == '\\' ? '_' : c);
	}
	n += (size_t)snprintf(d + n, DISPOSITION_MAX - n, "\"; filename*=UTF-8''");
	for (size_t i = 0; i < max; i++) {
		unsigned char c = (unsigned char)file_name[i];

		if ((c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') ||
		    strchr("!#$&+-.^_`|~", c) != NULL)
			d[n++] = (char)c;
		else
			n += (size_t)snprintf(d + n, DISPOSITION_MAX - n, "%%%02X", c);
	}
	d[n] = '\0';
}

/* ---- streamed downloads ---- */

struct web_stream {
	struct evhttp_request *req;
	struct evhttp_connection *evcon;
	struct evbuffer *out; /* the connection's output */
	struct evbuffer_cb_entry *drain;
	struct event *kick; /* writable() from the loop, not from a drain */
	size_t bound, peak;
	bool waiting; /* writable() owed once out is at or below bound */
	struct web_stream_events ev;
	void *arg;
};

/* Every change of the output's length (bytes added or sent). */
static void on_drain(struct evbuffer *b, const struct evbuffer_cb_info *info, void *arg)
{
	struct web_stream *s = arg;

	(void)info;
	if (s->waiting && evbuffer_get_length(b) <= s->bound) {
		s->waiting = false;
		event_active(s->kick, EV_TIMEOUT, 1);
	}
}

static void on_kick(evutil_socket_t fd, short what, void *arg)
{
	struct web_stream *s = arg;

	(void)fd;
	(void)what;
	s->ev.writable(s->arg);
}

/* Our hooks off the connection, before it or s goes. */
static void stream_detach(struct web_stream *s)
{
	evhttp_connection_set_closecb(s->evcon, NULL, NULL);
	evbuffer_remove_cb_entry(s->out, s->drain);
	event_free(s->kick);
}

/* The connection is being freed.  When libevent dropped it for an end of
 * file or a timeout it left the request to us (unlinked, no connection);
 * otherwise (evhttp_free at stop) it frees the request itself. */
static void on_close(struct evhttp_connection *evcon, void *arg)
{
	struct web_stream *s = arg;
	void (*gone)(void *) = s->ev.gone;
	void *garg = s->arg;

	(void)evcon;
	stream_detach(s);
	if (evhttp_request_get_connection(s->req) == NULL)
		evhttp_request_free(s->req);
	free(s);
	gone(garg);
}

/* The headers of a download, whole or partial; the status and reason. */
static int download_headers(struct evhttp_request *req, const struct web_download_head *h,
			    const char **reason)
{
	struct evkeyvalq *out = evhttp_request_get_output_headers(req);
	char d[DISPOSITION_MAX], len[24], cr[72];

	add_headers_with_csp(req, document_csp);
	disposition(h->file_name, d);
	evhttp_add_header(out, "Content-Type", h->content_type);
	evhttp_add_header(out, "Content-Disposition", d);
	evhttp_add_header(out, "Accept-Ranges", "bytes");
	if (h->etag != NULL)
		evhttp_add_header(out, "ETag", h->etag);
	snprintf(len, sizeof(len), "%llu", (unsigned long long)(h->partial ? h->length : h->size));
	evhttp_add_header(out, "Content-Length", len);
	if (!h->partial) {
		*reason = "OK";
		return 200;
	}
	snprintf(cr, sizeof(cr), "bytes %llu-%llu/%llu", (unsigned long long)h->first,
		 (unsigned long long)(h->first + h->length - 1), (unsigned long long)h->size);
	evhttp_add_header(out, "Content-Range", cr);
	*reason = "Partial Content";
	return 206;
}

void web_download_head(struct web_request *r, const struct web_download_head *h)
{
	const char *reason;
	int status = download_headers(r->req, h, &reason);

	/* No body: libevent keeps the Content-Length given for a HEAD. */
	evhttp_send_reply(r->req, status, reason, NULL);
	request_free(r);
}

struct web_stream *web_download_start(struct web_request *r, const struct web_download_head *h,
				      size_t bound, const struct web_stream_events *ev, void *arg)
{
	struct evhttp_connection *evcon = evhttp_request_get_connection(r->req);
	struct web_stream *s = calloc(1, sizeof(*s));
	const char *reason;
	int status;

	if (s == NULL || evcon == NULL ||
	    (s->kick = event_new(evhttp_connection_get_base(evcon), -1, 0, on_kick, s)) == NULL) {
		free(s);
		web_reply_error(r, 500, "Hết bộ nhớ.");
		return NULL;
	}
	s->out = bufferevent_get_output(evhttp_connection_get_bufferevent(evcon));
	s->drain = evbuffer_add_cb(s->out, on_drain, s);
	if (s->drain == NULL) {
		event_free(s->kick);
		free(s);
		web_reply_error(r, 500, "Hết bộ nhớ.");
		return NULL;
	}
	s->req = r->req;
	s->evcon = evcon;
	s->bound = bound;
	s->ev = *ev;
	s->arg = arg;
	status = download_headers(r->req, h, &reason);
	evhttp_connection_set_closecb(evcon, on_close, s);
	evhttp_send_reply_start(r->req, status, reason);
	request_free(r);
	return s;
}

bool web_stream_write(struct web_stream *s, const void *data, size_t len)
{
	struct evbuffer *b = evbuffer_new();
	size_t queued;

	/* Out of memory: nothing queued, and the short reply fails in the
	 * browser once the caller cuts or ends it. */
	if (b != NULL && evbuffer_add(b, data, len) == 0)
		evhttp_send_reply_chunk(s->req, b);
	if (b != NULL)
		evbuffer_free(b);
	queued = evbuffer_get_length(s->out);
	if (queued > s->peak)
		s->peak = queued;
	s->waiting = queued > s->bound;
	return !s->waiting;
}

size_t web_stream_peak(const struct web_stream *s)
{
	return s->peak;
}

void web_stream_end(struct web_stream *s)
{
	stream_detach(s);
	evhttp_send_reply_end(s->req);
	free(s);
}

void web_stream_cut(struct web_stream *s)
{
	stream_detach(s);
	/* Frees the request with it: the browser sees the connection close
	 * before Content-Length bytes came. */
	evhttp_connection_free(s->evcon);
	free(s);
}

bool web_parse_int(const char *s, int64_t lo, int64_t hi, int64_t *out)
{
	char *end;
	long long v;

	if (s == NULL || s[0] < '0' || s[0] > '9')
		if (s == NULL || s[0] != '-')
			return false;
	errno = 0;
	v = strtoll(s, &end, 10);
	if (errno != 0 || *end != '\0' || v < lo || v > hi)
		return false;
	*out = v;
	return true;
}
