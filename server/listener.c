/* listener.c - see listener.h. */
#include "listener.h"

#include <errno.h>
#include <event2/listener.h>
#include <netdb.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "conn.h"
#include "log.h"
#include "server.h"
#include "tls.h"

struct listener {
	struct server *srv;
	struct evconnlistener *evl;
	SSL_CTX *tls; /* NULL: plaintext */
	int port;
};

bool listener_split_address(const char *addr, char *host, size_t hostlen, char *port,
			    size_t portlen)
{
	const char *colon;
	const char *h = addr;
	size_t hl;
	if (addr[0] == '[') {
		const char *close = strchr(addr, ']');
		if (close == NULL || close[1] != ':')
			return false;
		h = addr + 1;
		hl = (size_t)(close - h);
		colon = close + 1;
	} else {
		colon = strrchr(addr, ':');
		if (colon == NULL || memchr(addr, ':', (size_t)(colon - addr)) != NULL)
			return false;
		hl = (size_t)(colon - addr);
	}
	const char *p = colon + 1;
	size_t pl = strlen(p);
	if (hl == 0 || hl >= hostlen || pl == 0 || pl >= portlen || pl > 5)
		return false;
	for (size_t i = 0; i < pl; i++)
		if (p[i] < '0' || p[i] > '9')
			return false;
	if (atoi(p) > 65535)
		return false;
	memcpy(host, h, hl);
	host[hl] = '\0';
	memcpy(port, p, pl + 1);
	return true;
}

static void accept_cb(struct evconnlistener *evl, evutil_socket_t fd, struct sockaddr *addr,
		      int addrlen, void *arg)
{
	struct listener *l = arg;
	struct server *srv = l->srv;
	bool full = srv->nconns >= (size_t)srv->settings->max_connections;
	struct conn *c = conn_create(srv, fd, addr, addrlen, l->tls);
	if (c == NULL) {
		log_error("cannot set up a connection (out of memory)");
		return;
	}
	if (full) {
		log_warn("max_connections (%lld) reached: refusing %s",
			 (long long)srv->settings->max_connections, c->peer);
		conn_send_error(c, 0, SANGKIEN__ERROR_CODE__ERROR_UNAVAILABLE, NULL,
				"server busy: too many connections, retry later");
		conn_close(c);
	}
}

static void accept_error_cb(struct evconnlistener *evl, void *arg)
{
	/* EMFILE and friends: keep serving the connections we have. */
	log_error("accept failed: %s", strerror(errno));
}

struct listener *listener_create(struct server *srv, char *err, size_t errlen)
{
	char host[256], port[8];
	const char *addr = srv->settings->listen;
	if (!listener_split_address(addr, host, sizeof(host), port, sizeof(port))) {
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
	/* Loading the key blocks: done here, before the loop runs. */
	if (!tls_context_create(srv->settings, &l->tls, err, errlen)) {
		freeaddrinfo(ai);
		free(l);
		return NULL;
	}
	l->evl = evconnlistener_new_bind(srv->base, accept_cb, l,
					 LEV_OPT_CLOSE_ON_FREE | LEV_OPT_REUSEABLE |
					     LEV_OPT_CLOSE_ON_EXEC,
					 511, ai->ai_addr, (int)ai->ai_addrlen);
	freeaddrinfo(ai);
	if (l->evl == NULL) {
		snprintf(err, errlen, "listen: cannot bind %s: %s", addr, strerror(errno));
		tls_context_free(l->tls);
		free(l);
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
	evconnlistener_free(l->evl);
	tls_context_free(l->tls);
	free(l);
}
