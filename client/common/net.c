/* net.c - see net.h. */
#include "net.h"

#include <errno.h>
#include <limits.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "address.h"
#include "frame.h"
#include "platform.h"
#include "platform_net.h"
#include "platform_tls.h"
#include "wire.h"

/* Replies before hello are small; after it the server says its limit. */
#define NET_PREAUTH_MAX_FRAME (64u * 1024u)

#define NET_TLS_PREFIX "tls://"

struct sk_conn {
	sk_socket fd;
	SSL_CTX *ctx;	 /* TLS only, else NULL */
	SSL *ssl;	 /* TLS only, else NULL */
	bool tls_failed; /* a fatal TLS error: no close_notify at close */
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

/* Wait until fd is ready or the deadline passes. */
static int wait_fd(sk_socket fd, enum sk_wait what, int64_t deadline)
{
	for (;;) {
		int64_t left = deadline - now_ms();
		int rc;

		if (left <= 0)
			return 0;
		rc = sk_socket_wait(fd, what, left > 60000 ? 60000 : (int)left);
		if (rc != 0)
			return rc;
	}
}

bool net_address_valid(const char *address)
{
	char host[256], port[8];

	if (net_address_is_tls(address))
		address += strlen(NET_TLS_PREFIX);
	/* A client connects to a port: 0 ("any") is not one. */
	return address_split(address, host, sizeof(host), port, sizeof(port)) && atoi(port) > 0;
}

bool net_address_is_tls(const char *address)
{
	return address != NULL && strncmp(address, NET_TLS_PREFIX, strlen(NET_TLS_PREFIX)) == 0;
}

/* The reason of the oldest queued OpenSSL error, for messages; a failed
 * system call (e.g. opening the CA file) says which errno. */
static const char *ssl_reason(void)
{
	unsigned long e = ERR_peek_error();
	const char *r;

	if (e == 0)
		return "unknown TLS error";
	if (ERR_SYSTEM_ERROR(e))
		return strerror(ERR_GET_REASON(e));
	r = ERR_reason_error_string(e);
	return r != NULL ? r : "unknown TLS error";
}

/*
 * Add every certificate of the PEM text to store (NULL: only count them).
 * Returns how many were found, or -1 when a certificate block is damaged.
 */
static int pem_add_certs(const char *pem, X509_STORE *store)
{
	BIO *bio = BIO_new_mem_buf(pem, -1);
	X509 *x;
	int n = 0;

	if (bio == NULL)
		return -1;
	ERR_clear_error();
	while ((x = PEM_read_bio_X509(bio, NULL, NULL, NULL)) != NULL) {
		if (store != NULL && X509_STORE_add_cert(store, x) != 1) {
			X509_free(x);
			BIO_free(bio);
			return -1;
		}
		X509_free(x);
		n++;
	}
	BIO_free(bio);
	/* The loop ends with "no start line" at the end of the text; anything
	 * else means a damaged block. */
	if (ERR_GET_REASON(ERR_peek_last_error()) != PEM_R_NO_START_LINE)
		n = -1;
	ERR_clear_error();
	return n;
}

char *net_ca_file_read(const char *path, char *err, size_t errlen)
{
	FILE *f = sk_fopen(path, "rb");
	char *buf;
	size_t n;

	if (f == NULL) {
		set_err(err, errlen, "cannot open CA file %s: %s", path, strerror(errno));
		return NULL;
	}
	buf = malloc(NET_CA_PEM_MAX + 2);
	if (buf == NULL) {
		fclose(f);
		set_err(err, errlen, "out of memory");
		return NULL;
	}
	n = fread(buf, 1, NET_CA_PEM_MAX + 1, f);
	fclose(f);
	buf[n] = '\0';
	if (n > NET_CA_PEM_MAX) {
		set_err(err, errlen, "CA file %s is larger than %d bytes", path, NET_CA_PEM_MAX);
	} else if (strlen(buf) != n || pem_add_certs(buf, NULL) <= 0) {
		set_err(err, errlen, "CA file %s holds no PEM certificate", path);
	} else {
		return buf;
	}
	free(buf);
	return NULL;
}

/* A client context trusting what trust says, TLS 1.2 or later. */
static SSL_CTX *tls_ctx_create(const struct net_trust *trust, char *err, size_t errlen)
{
	SSL_CTX *ctx;
	int ok;

	ERR_clear_error();
	ctx = SSL_CTX_new(TLS_client_method());
	if (ctx == NULL) {
		set_err(err, errlen, "cannot set up TLS: %s", ssl_reason());
		return NULL;
	}
	SSL_CTX_set_min_proto_version(ctx, TLS1_2_VERSION);
	SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER, NULL);
	/* A server that closes without close_notify is a closed connection like
	 * any other: every frame carries its own length. */
	SSL_CTX_set_options(ctx, SSL_OP_IGNORE_UNEXPECTED_EOF);
	if (trust != NULL && trust->ca_file != NULL) {
		ok = SSL_CTX_load_verify_locations(ctx, trust->ca_file, NULL) == 1;
		if (!ok)
			set_err(err, errlen, "cannot load CA file %s: %s", trust->ca_file,
				ssl_reason());
	} else if (trust != NULL && trust->ca_pem != NULL) {
		ok = pem_add_certs(trust->ca_pem, SSL_CTX_get_cert_store(ctx)) > 0;
		if (!ok)
			set_err(err, errlen, "the stored CA certificate is not usable PEM");
	} else {
		const char *why = NULL;

		ok = sk_tls_trust_system(ctx, &why) == 0;
		if (!ok)
			set_err(err, errlen, "cannot load the system CA certificates: %s",
				why != NULL ? why : ssl_reason());
	}
	ERR_clear_error();
	if (!ok) {
		SSL_CTX_free(ctx);
		return NULL;
	}
	return ctx;
}

/* Handshake on c->fd with c->ctx and verify the certificate for host. */
static enum net_status tls_handshake(struct sk_conn *c, const char *host, int64_t deadline,
				     char *err, size_t errlen)
{
	unsigned char ip[sizeof(struct in6_addr)];
	struct sk_sigpipe old;
	enum net_status st = NET_OK;
	bool is_ip = inet_pton(AF_INET, host, ip) == 1 || inet_pton(AF_INET6, host, ip) == 1;

	c->ssl = SSL_new(c->ctx);
	if (c->ssl == NULL || SSL_set_fd(c->ssl, (int)c->fd) != 1 ||
	    (is_ip ? X509_VERIFY_PARAM_set1_ip_asc(SSL_get0_param(c->ssl), host) != 1
		   : SSL_set_tlsext_host_name(c->ssl, host) != 1 ||
			 SSL_set1_host(c->ssl, host) != 1)) {
		set_err(err, errlen, "cannot set up TLS for %s: %s", host, ssl_reason());
		c->tls_failed = true;
		ERR_clear_error();
		return NET_TLS;
	}
	sk_sigpipe_ignore(&old);
	for (;;) {
		int rc, e;
		long vr;

		ERR_clear_error();
		rc = SSL_connect(c->ssl);
		if (rc == 1)
			break;
		e = SSL_get_error(c->ssl, rc);
		if (e == SSL_ERROR_WANT_READ || e == SSL_ERROR_WANT_WRITE) {
			if (wait_fd(c->fd, e == SSL_ERROR_WANT_READ ? SK_WAIT_READ : SK_WAIT_WRITE,
				    deadline) > 0)
				continue;
			set_err(err, errlen, "timed out during the TLS handshake with %s", host);
			st = NET_IO;
			break;
		}
		c->tls_failed = true;
		vr = SSL_get_verify_result(c->ssl);
		if (vr != X509_V_OK) {
			set_err(err, errlen, "the TLS certificate of %s was not accepted: %s", host,
				X509_verify_cert_error_string(vr));
			st = NET_TLS;
		} else if (e == SSL_ERROR_SSL) {
			set_err(err, errlen,
				"TLS handshake with %s failed: %s (does the server speak TLS on "
				"this port?)",
				host, ssl_reason());
			st = NET_PROTOCOL;
		} else {
			int se = sk_socket_last_error();

			set_err(err, errlen, "connection lost during the TLS handshake with %s%s%s",
				host, se != 0 ? ": " : "", se != 0 ? sk_socket_strerror(se) : "");
			st = NET_IO;
		}
		break;
	}
	sk_sigpipe_restore(&old);
	ERR_clear_error();
	return st;
}

/* SSL_read or SSL_write all of buf before the deadline. */
static enum net_status tls_io(struct sk_conn *c, bool writing, uint8_t *buf, size_t len,
			      int64_t deadline, char *err, size_t errlen)
{
	const char *what = writing ? "sending" : "receiving";
	enum net_status st = NET_OK;
	struct sk_sigpipe old;

	if (c->tls_failed) {
		set_err(err, errlen, "the connection is no longer usable");
		return NET_IO;
	}
	sk_sigpipe_ignore(&old);
	while (len > 0) {
		int chunk = len > INT_MAX ? INT_MAX : (int)len;
		int n, e, se;

		ERR_clear_error();
		sk_socket_clear_error();
		n = writing ? SSL_write(c->ssl, buf, chunk) : SSL_read(c->ssl, buf, chunk);
		if (n > 0) {
			buf += n;
			len -= (size_t)n;
			continue;
		}
		e = SSL_get_error(c->ssl, n);
		if (e == SSL_ERROR_WANT_READ || e == SSL_ERROR_WANT_WRITE) {
			if (wait_fd(c->fd, e == SSL_ERROR_WANT_READ ? SK_WAIT_READ : SK_WAIT_WRITE,
				    deadline) > 0)
				continue;
			set_err(err, errlen,
				writing ? "timed out sending to the server"
					: "timed out waiting for the server");
			st = NET_IO;
			break;
		}
		c->tls_failed = true;
		se = sk_socket_last_error();
		if (e == SSL_ERROR_ZERO_RETURN || (e == SSL_ERROR_SYSCALL && se == 0))
			set_err(err, errlen, "the server closed the connection");
		else if (e == SSL_ERROR_SYSCALL)
			set_err(err, errlen, "connection lost while %s: %s", what,
				sk_socket_strerror(se));
		else
			set_err(err, errlen, "connection lost while %s: TLS error: %s", what,
				ssl_reason());
		st = NET_IO;
		break;
	}
	sk_sigpipe_restore(&old);
	ERR_clear_error();
	return st;
}

/* Connect to one address before the deadline; on failure *error is the
 * reason (0: timed out). */
static sk_socket connect_one(const struct addrinfo *ai, int64_t deadline, int *error)
{
	bool in_progress;
	sk_socket fd = sk_socket_connect(ai, &in_progress);

	*error = 0;
	if (fd == SK_SOCKET_NONE) {
		*error = sk_socket_last_error();
		return SK_SOCKET_NONE;
	}
	if (!in_progress)
		return fd;
	if (wait_fd(fd, SK_WAIT_WRITE, deadline) <= 0 ||
	    (*error = sk_socket_connect_result(fd)) != 0) {
		sk_socket_close(fd);
		return SK_SOCKET_NONE;
	}
	return fd;
}

enum net_status net_connect(const char *hostport, int timeout_ms, struct sk_conn **out, char *err,
			    size_t errlen)
{
	return net_connect_trust(hostport, timeout_ms, NULL, out, err, errlen);
}

enum net_status net_connect_trust(const char *address, int timeout_ms,
				  const struct net_trust *trust, struct sk_conn **out, char *err,
				  size_t errlen)
{
	bool tls = net_address_is_tls(address);
	const char *hostport = tls ? address + strlen(NET_TLS_PREFIX) : address;
	enum net_status st;
	struct addrinfo hints = {.ai_socktype = SOCK_STREAM}, *res = NULL, *ai;
	char host[256], port[16];
	int64_t deadline = now_ms() + timeout_ms;
	struct sk_conn *c;
	SSL_CTX *ctx = NULL;
	sk_socket fd = SK_SOCKET_NONE;
	int rc, saved = 0;

	*out = NULL;
	if (!net_address_valid(address) ||
	    !address_split(hostport, host, sizeof(host), port, sizeof(port))) {
		set_err(err, errlen,
			"bad server address '%s': expected HOST:PORT or "
			"tls://HOST:PORT",
			address ? address : "");
		return NET_UNREACHABLE;
	}
	/* The CAs first: an unusable CA file is the same error whether or not
	 * the server is up. */
	if (tls && (ctx = tls_ctx_create(trust, err, errlen)) == NULL)
		return NET_TLS;
	rc = getaddrinfo(host, port, &hints, &res);
	if (rc != 0) {
		set_err(err, errlen, "cannot resolve %s: %s", host, gai_strerror(rc));
		SSL_CTX_free(ctx);
		return NET_UNREACHABLE;
	}
	for (ai = res; ai != NULL && fd == SK_SOCKET_NONE; ai = ai->ai_next)
		fd = connect_one(ai, deadline, &saved);
	freeaddrinfo(res);
	if (fd == SK_SOCKET_NONE) {
		set_err(err, errlen, "cannot connect to %s: %s", hostport,
			saved ? sk_socket_strerror(saved) : "timed out");
		SSL_CTX_free(ctx);
		return NET_UNREACHABLE;
	}
	c = calloc(1, sizeof(*c));
	if (c == NULL) {
		sk_socket_close(fd);
		SSL_CTX_free(ctx);
		set_err(err, errlen, "out of memory");
		return NET_IO;
	}
	c->fd = fd;
	c->ctx = ctx;
	c->timeout_ms = timeout_ms;
	c->next_request_id = 1;
	c->max_frame = NET_PREAUTH_MAX_FRAME;
	if (tls) {
		st = tls_handshake(c, host, deadline, err, errlen);
		if (st != NET_OK) {
			net_close(c);
			return st;
		}
	}
	*out = c;
	return NET_OK;
}

static enum net_status send_all(struct sk_conn *c, const uint8_t *buf, size_t len, int64_t deadline,
				char *err, size_t errlen)
{
	if (c->ssl != NULL)
		return tls_io(c, true, (uint8_t *)buf, len, deadline, err, errlen);
	while (len > 0) {
		ptrdiff_t n = sk_socket_send(c->fd, buf, len);
		int se;

		if (n > 0) {
			buf += n;
			len -= (size_t)n;
			continue;
		}
		se = sk_socket_last_error();
		if (n < 0 && sk_socket_error_intr(se))
			continue;
		if (n < 0 && sk_socket_error_again(se)) {
			if (wait_fd(c->fd, SK_WAIT_WRITE, deadline) > 0)
				continue;
			set_err(err, errlen, "timed out sending to the server");
			return NET_IO;
		}
		set_err(err, errlen, "connection lost while sending: %s", sk_socket_strerror(se));
		return NET_IO;
	}
	return NET_OK;
}

static enum net_status recv_all(struct sk_conn *c, uint8_t *buf, size_t len, int64_t deadline,
				char *err, size_t errlen)
{
	if (c->ssl != NULL)
		return tls_io(c, false, buf, len, deadline, err, errlen);
	while (len > 0) {
		ptrdiff_t n = sk_socket_recv(c->fd, buf, len);
		int se;

		if (n > 0) {
			buf += n;
			len -= (size_t)n;
			continue;
		}
		if (n == 0) {
			set_err(err, errlen, "the server closed the connection");
			return NET_IO;
		}
		se = sk_socket_last_error();
		if (sk_socket_error_intr(se))
			continue;
		if (sk_socket_error_again(se)) {
			if (wait_fd(c->fd, SK_WAIT_READ, deadline) > 0)
				continue;
			set_err(err, errlen, "timed out waiting for the server");
			return NET_IO;
		}
		set_err(err, errlen, "connection lost while receiving: %s", sk_socket_strerror(se));
		return NET_IO;
	}
	return NET_OK;
}

/* Read one frame and decode it.  The length is judged before allocating. */
static enum net_status recv_envelope(struct sk_conn *c, int64_t deadline, Sangkien__Envelope **out,
				     char *err, size_t errlen)
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

enum net_status net_send(struct sk_conn *c, Sangkien__Envelope *request, char *err, size_t errlen)
{
	int64_t deadline = now_ms() + c->timeout_ms;
	enum net_status st;
	uint8_t *frame;
	size_t frame_len = 0;

	request->request_id = c->next_request_id++;
	frame = wire_encode(request, c->max_frame, &frame_len);
	if (frame == NULL) {
		set_err(err, errlen, "request too large for the server (limit %u bytes)",
			c->max_frame);
		return NET_PROTOCOL;
	}
	st = send_all(c, frame, frame_len, deadline, err, errlen);
	free(frame);
	return st;
}

enum net_status net_receive(struct sk_conn *c, uint64_t request_id, Sangkien__Envelope **reply_out,
			    Sangkien__ErrorCode *error_code, char *err, size_t errlen)
{
	int64_t deadline = now_ms() + c->timeout_ms;
	Sangkien__Envelope *reply = NULL;
	enum net_status st;

	*reply_out = NULL;
	st = recv_envelope(c, deadline, &reply, err, errlen);
	if (st != NET_OK)
		return st;
	if (reply->body_case == SANGKIEN__ENVELOPE__BODY_ERROR) {
		const Sangkien__Error *e = reply->error;

		if (error_code != NULL)
			*error_code = e->code;
		set_err(err, errlen, "%s%s%s%s", wire_error_code_name(e->code),
			e->message && *e->message ? ": " : "", e->message ? e->message : "", "");
		*reply_out = reply;
		return NET_REFUSED;
	}
	if (reply->request_id != request_id) {
		set_err(err, errlen, "server answered request %llu, expected %llu",
			(unsigned long long)reply->request_id, (unsigned long long)request_id);
		wire_envelope_free(reply);
		return NET_PROTOCOL;
	}
	*reply_out = reply;
	return NET_OK;
}

enum net_status net_call(struct sk_conn *c, Sangkien__Envelope *request,
			 Sangkien__Envelope **reply_out, Sangkien__ErrorCode *error_code, char *err,
			 size_t errlen)
{
	enum net_status st;

	*reply_out = NULL;
	st = net_send(c, request, err, errlen);
	if (st != NET_OK)
		return st;
	return net_receive(c, request->request_id, reply_out, error_code, err, errlen);
}

enum net_status net_hello(struct sk_conn *c, const char *credential, const char *client_name,
			  Sangkien__Envelope **reply_out, Sangkien__ErrorCode *error_code,
			  char *err, size_t errlen)
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
	/* Limits outside what any server may set are a broken or hostile
	 * server, never a reason to judge our own requests too large. */
	if (st == NET_OK && (reply->hello_reply->max_frame_bytes < NET_MIN_FRAME ||
			     reply->hello_reply->max_frame_bytes > FRAME_MAX_PAYLOAD_HARD)) {
		set_err(err, errlen, "server announced max_frame_bytes %u, outside %u..%u",
			reply->hello_reply->max_frame_bytes, NET_MIN_FRAME, FRAME_MAX_PAYLOAD_HARD);
		st = NET_PROTOCOL;
	}
	if (st == NET_OK && (reply->hello_reply->max_batch_items < 1 ||
			     reply->hello_reply->max_batch_items > NET_MAX_BATCH)) {
		set_err(err, errlen, "server announced max_batch_items %u, outside 1..%u",
			reply->hello_reply->max_batch_items, NET_MAX_BATCH);
		st = NET_PROTOCOL;
	}
	if (st == NET_OK) {
		c->max_frame = reply->hello_reply->max_frame_bytes;
		c->max_batch = reply->hello_reply->max_batch_items;
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
	if (c->ssl != NULL) {
		/* One try at close_notify; the socket is non-blocking and the
		 * server needs no answer. */
		if (!c->tls_failed && SSL_is_init_finished(c->ssl)) {
			struct sk_sigpipe old;

			sk_sigpipe_ignore(&old);
			SSL_shutdown(c->ssl);
			sk_sigpipe_restore(&old);
		}
		SSL_free(c->ssl);
		ERR_clear_error();
	}
	SSL_CTX_free(c->ctx);
	sk_socket_close(c->fd);
	free(c);
}
