/* listener.c - see listener.h. */
#include "listener.h"

#include <errno.h>
#include <event2/listener.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "address.h"
#include "conn.h"
#include "log.h"
#include "proxy_accept.h"
#include "proxy_proto.h"
#include "server.h"
#include "tls.h"
#include "wire.h"

/* Out of descriptors: waiting connections answered per pause, and the
 * pause before accepting again (doubling while the shortage lasts). */
#define LISTENER_SHED_MAX 256
#define LISTENER_PAUSE_MIN_MS 100
#define LISTENER_PAUSE_MAX_MS 2000

struct listener {
	struct server *srv;
	struct evconnlistener *evl;
	SSL_CTX *tls; /* NULL: plaintext */
	int port;
	/* Kept open so that, out of descriptors, one can be freed to accept
	 * and answer a waiting client instead of leaving it hanging. */
	int reserve_fd;
	struct event *resume_ev; /* re-enables accepting after a pause */
	int pause_ms;
	uint8_t *busy_frame; /* ERROR_UNAVAILABLE, encoded once */
	size_t busy_len;
	/* proxy_from set: balancers' connections start with a PROXY header */
	struct proxy_allow *proxy_allow;
	struct proxy_acceptor *proxy;
};

/* A socket whose client is known (from accept, or a PROXY header) becomes
 * a connection, or is refused when the server is full. */
static void admit(void *arg, evutil_socket_t fd, const struct sockaddr *addr, int addrlen)
{
	struct listener *l = arg;
	struct server *srv = l->srv;
	int64_t max = server_max_connections(srv);
	bool full = srv->nconns >= (size_t)max;
	struct conn *c = conn_create(srv, fd, addr, addrlen, l->tls);
	if (c == NULL) {
		log_error_limited("cannot set up a connection (out of memory)");
		return;
	}
	srv->metrics.conn_accepted++;
	if (full) {
		srv->metrics.conn_refused_full++;
		log_warn_limited("max_connections (%lld) reached: refusing %s", (long long)max,
				 c->peer);
		conn_send_error(c, 0, SANGKIEN__ERROR_CODE__ERROR_UNAVAILABLE, NULL,
				"server busy: too many connections, retry later");
		conn_close(c);
	}
}

static void accept_cb(struct evconnlistener *evl, evutil_socket_t fd, struct sockaddr *addr,
		      int addrlen, void *arg)
{
	struct listener *l = arg;
	struct server *srv = l->srv;
	l->pause_ms = 0;
	if (l->proxy != NULL && proxy_acceptor_wants(l->proxy, addr)) {
		/* Waiting headers hold descriptors too: bounded like connections. */
		if (srv->nconns + proxy_acceptor_waiting(l->proxy) >=
		    (size_t)server_max_connections(srv)) {
			srv->metrics.conn_refused_full++;
			evutil_closesocket(fd);
			return;
		}
		proxy_acceptor_take(l->proxy, fd, addr, addrlen,
				    srv->settings->handshake_timeout_ms);
		return;
	}
	admit(l, fd, addr, addrlen);
}

static void reserve_open(struct listener *l)
{
	if (l->reserve_fd < 0)
		l->reserve_fd = open("/dev/null", O_RDONLY | O_CLOEXEC);
}

/* Build the frame sent to clients turned away for lack of descriptors. */
static bool busy_frame_create(struct listener *l)
{
	Sangkien__Error err = SANGKIEN__ERROR__INIT;
	err.code = SANGKIEN__ERROR_CODE__ERROR_UNAVAILABLE;
	err.message = (char *)"server busy: out of file descriptors, retry later";
	err.field = (char *)"";
	err.retryable = true;
	Sangkien__Envelope env = SANGKIEN__ENVELOPE__INIT;
	env.body_case = SANGKIEN__ENVELOPE__BODY_ERROR;
	env.error = &err;
	l->busy_frame = wire_encode(&env, SETTINGS_PREAUTH_FRAME_BYTES, &l->busy_len);
	return l->busy_frame != NULL;
}

/*
 * With the reserve descriptor given back, accept the clients waiting in
 * the backlog one at a time, tell each (plaintext only: a TLS client
 * cannot read a frame before its handshake) and close it.  Returns how
 * many were answered.
 */
static int shed_waiting(struct listener *l)
{
	int lfd = evconnlistener_get_fd(l->evl);
	int n = 0;
	if (l->reserve_fd >= 0) {
		close(l->reserve_fd);
		l->reserve_fd = -1;
	}
	while (n < LISTENER_SHED_MAX) {
		int fd = accept(lfd, NULL, NULL); /* then only MSG_DONTWAIT calls */
		if (fd < 0)
			break;
		if (l->tls == NULL) {
			/* Read what the client already sent, so the close does not
			 * reset the connection before it reads the answer. */
			char sink[512];
			while (recv(fd, sink, sizeof(sink), MSG_DONTWAIT) > 0)
				;
			(void)send(fd, l->busy_frame, l->busy_len, MSG_DONTWAIT | MSG_NOSIGNAL);
			shutdown(fd, SHUT_WR);
		}
		close(fd);
		n++;
	}
	reserve_open(l);
	return n;
}

static void resume_cb(evutil_socket_t fd, short what, void *arg)
{
	struct listener *l = arg;
	evconnlistener_enable(l->evl);
}

static void accept_error_cb(struct evconnlistener *evl, void *arg)
{
	struct listener *l = arg;
	int err = EVUTIL_SOCKET_ERROR();
	if (err != EMFILE && err != ENFILE && err != ENOBUFS && err != ENOMEM) {
		log_error_limited("accept failed: %s", strerror(err));
		return;
	}
	/* Retrying at once would spin: the backlog stays readable.  Answer
	 * who waits, stop accepting for a moment, then try again. */
	struct server *srv = l->srv;
	evconnlistener_disable(evl);
	int shed = shed_waiting(l);
	srv->metrics.conn_shed_nofile += (uint64_t)shed;
	srv->metrics.accept_pauses++;
	l->pause_ms = l->pause_ms == 0 ? LISTENER_PAUSE_MIN_MS : l->pause_ms * 2;
	if (l->pause_ms > LISTENER_PAUSE_MAX_MS)
		l->pause_ms = LISTENER_PAUSE_MAX_MS;
	log_error_limited("out of file descriptors (%s) with %zu connections: %d waiting client%s "
			  "answered busy, accepting again in %d ms",
			  strerror(err), srv->nconns, shed, shed == 1 ? "" : "s", l->pause_ms);
	struct timeval tv = {.tv_sec = l->pause_ms / 1000, .tv_usec = (l->pause_ms % 1000) * 1000};
	evtimer_add(l->resume_ev, &tv);
}

struct listener *listener_create(struct server *srv, char *err, size_t errlen)
{
	char host[256], port[8];
	const char *addr = srv->settings->listen;
	if (!address_split(addr, host, sizeof(host), port, sizeof(port))) {
		snprintf(err, errlen, "listen: \"%s\" is not HOST:PORT", addr);
		return NULL;
	}
	struct addrinfo hints = {
	    .ai_family = AF_UNSPEC, .ai_socktype = SOCK_STREAM, .ai_flags = AI_PASSIVE};
	struct addrinfo *ai = NULL;
	int rc = getaddrinfo(host, port, &hints, &ai);
	if (rc != 0) {
		snprintf(err, errlen, "listen: %s: %s", addr, gai_strerror(rc));
		return NULL;
	}
	struct listener *l = calloc(1, sizeof(*l));
	if (l == NULL) {
		freeaddrinfo(ai);
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	l->srv = srv;
	l->reserve_fd = -1;
	reserve_open(l);
	l->resume_ev = evtimer_new(srv->base, resume_cb, l);
	if (l->reserve_fd < 0 || l->resume_ev == NULL || !busy_frame_create(l)) {
		freeaddrinfo(ai);
		snprintf(err, errlen, "cannot set up the listener: %s", strerror(errno));
		listener_free(l);
		return NULL;
	}
	if (srv->settings->proxy_from != NULL) {
		l->proxy_allow = proxy_allow_parse(srv->settings->proxy_from, err, errlen);
		l->proxy = l->proxy_allow
			       ? proxy_acceptor_create(srv->base, l->proxy_allow, admit, l)
			       : NULL;
		if (l->proxy == NULL) {
			if (l->proxy_allow != NULL)
				snprintf(err, errlen, "out of memory");
			freeaddrinfo(ai);
			listener_free(l);
			return NULL;
		}
		log_info("PROXY protocol v2 required from %s", srv->settings->proxy_from);
	}
	/* Loading the key blocks: done here, before the loop runs. */
	if (!tls_context_create(srv->settings, &l->tls, err, errlen)) {
		freeaddrinfo(ai);
		listener_free(l);
		return NULL;
	}
	l->evl = evconnlistener_new_bind(srv->base, accept_cb, l,
					 LEV_OPT_CLOSE_ON_FREE | LEV_OPT_REUSEABLE |
					     LEV_OPT_CLOSE_ON_EXEC,
					 511, ai->ai_addr, (int)ai->ai_addrlen);
	freeaddrinfo(ai);
	if (l->evl == NULL) {
		snprintf(err, errlen, "listen: cannot bind %s: %s", addr, strerror(errno));
		listener_free(l);
		return NULL;
	}
	if (l->tls != NULL)
		log_info("TLS on: accepting TLS 1.2+ only, certificate %s",
			 srv->settings->tls_cert_file);
	else
		log_info("TLS off: accepting plaintext connections (use on loopback or "
			 "behind a TLS terminator)");
	evconnlistener_set_error_cb(l->evl, accept_error_cb);
	struct sockaddr_storage ss;
	socklen_t sl = sizeof(ss);
	if (getsockname(evconnlistener_get_fd(l->evl), (struct sockaddr *)&ss, &sl) == 0) {
		if (ss.ss_family == AF_INET)
			l->port = ntohs(((struct sockaddr_in *)&ss)->sin_port);
		else if (ss.ss_family == AF_INET6)
			l->port = ntohs(((struct sockaddr_in6 *)&ss)->sin6_port);
	}
	return l;
}

int listener_port(const struct listener *l)
{
	return l->port;
}

bool listener_write_port_file(const struct listener *l, const char *path, char *err, size_t errlen)
{
	size_t n = strlen(path) + 16;
	char *tmp = malloc(n);
	if (tmp == NULL) {
		snprintf(err, errlen, "out of memory");
		return false;
	}
	snprintf(tmp, n, "%s.tmp%ld", path, (long)getpid());
	FILE *f = fopen(tmp, "w");
	bool ok = f != NULL && fprintf(f, "%d\n", l->port) > 0;
	if (f != NULL && fclose(f) != 0)
		ok = false;
	if (ok && rename(tmp, path) != 0)
		ok = false;
	if (!ok) {
		snprintf(err, errlen, "port file %s: %s", path, strerror(errno));
		unlink(tmp);
	}
	free(tmp);
	return ok;
}

void listener_free(struct listener *l)
{
	if (l == NULL)
		return;
	if (l->evl)
		evconnlistener_free(l->evl);
	if (l->resume_ev)
		event_free(l->resume_ev);
	if (l->reserve_fd >= 0)
		close(l->reserve_fd);
	proxy_acceptor_free(l->proxy);
	proxy_allow_free(l->proxy_allow);
	tls_context_free(l->tls);
	free(l->busy_frame);
	free(l);
}
