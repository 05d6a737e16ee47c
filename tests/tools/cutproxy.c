/*
 * sk-cutproxy - a loopback TCP proxy that breaks connections on purpose.
 *
 * It forwards each accepted connection to a target and, on the connections
 * chosen with --cut-on, closes both sides once a set number of bytes has gone
 * through in one direction.  Tests use it to lose a reply after the server
 * committed (--direction s2c --after-frames 1 --cut-after 0: the hello reply
 * passes, the next reply is never delivered) or to cut a stream at every
 * offset.
 *
 * With --delay-ms it also slows the link (each chunk read waits before it
 * is forwarded), so a test can stop a client or the server in the middle of
 * a conversation at a chosen moment.
 *
 * Connections are served one at a time, in accept order: tests drive one
 * client at a time and a sequential proxy keeps the cut point exact.
 */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "frame.h"
#include "tool_net.h"

#define CUT_ON_MAX 64

enum direction { DIR_C2S = 0, DIR_S2C = 1 };

struct options {
	const char *target;
	const char *port_file;
	uint16_t listen_port;
	enum direction dir;
	uint32_t after_frames;	   /* whole frames let through before counting */
	uint64_t cut_after;	   /* bytes let through after those frames */
	uint64_t cut_step;	   /* added to cut_after for each later cut connection */
	unsigned long connections; /* exit after this many; 0: never */
	unsigned long delay_ms;	   /* wait before forwarding each chunk */
	unsigned long cut_every;   /* cut only connections 1, 1+K, 1+2K ...; 0: no filter */
	bool cut_all;
	unsigned long cut_on[CUT_ON_MAX];
	size_t n_cut_on;
};

/* Where the watched direction of one connection stands. */
struct watch {
	uint8_t hdr[FRAME_HEADER_BYTES];
	unsigned hdr_have;
	uint32_t body_left;
	uint32_t frames;
	uint64_t counted;
	uint64_t limit; /* bytes let through after the frames */
};

static volatile sig_atomic_t stop_requested;

static void on_signal(int sig)
{
	(void)sig;
	stop_requested = 1;
}

static void usage(FILE *out)
{
	fprintf(out, "usage: sk-cutproxy --target HOST:PORT --port-file FILE [options]\n"
		     "  --listen-port P     port on 127.0.0.1 (default 0: a free one)\n"
		     "  --direction D       c2s (client to server) or s2c (default s2c)\n"
		     "  --after-frames K    let K whole frames through first (default 0)\n"
		     "  --cut-after N       then let N bytes through and cut (default 0)\n"
		     "  --cut-step S        each later cut connection lets S more bytes through,\n"
		     "                      so one proxy sweeps the cut point (default 0)\n"
		     "  --cut-on LIST       connections to cut: numbers from 1 (e.g. 2,3),\n"
		     "                      all (default) or none (only log the bytes)\n"
		     "  --cut-every K       of the connections chosen by --cut-on, cut only\n"
		     "                      numbers 1, 1+K, 1+2K ... (each cut one followed\n"
		     "                      by K-1 whole ones)\n"
		     "  --connections M     exit after M connections (default 0: never)\n"
		     "  --delay-ms MS       wait MS milliseconds before forwarding each chunk\n"
		     "                      read, in both directions (default 0)\n");
}

static bool parse_ulong(const char *s, unsigned long max, unsigned long *out)
{
	char *end;
	unsigned long v;

	errno = 0;
	v = strtoul(s, &end, 10);
	if (errno || end == s || *end || s[0] == '-' || v > max)
		return false;
	*out = v;
	return true;
}

static bool parse_cut_on(const char *s, struct options *o)
{
	char buf[512];
	char *save = NULL, *tok;

	if (strcmp(s, "all") == 0 || strcmp(s, "none") == 0) {
		o->cut_all = strcmp(s, "all") == 0;
		o->n_cut_on = 0;
		return true;
	}
	if (strlen(s) >= sizeof(buf))
		return false;
	strcpy(buf, s);
	o->cut_all = false;
	o->n_cut_on = 0;
	for (tok = strtok_r(buf, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		if (o->n_cut_on == CUT_ON_MAX ||
		    !parse_ulong(tok, ULONG_MAX, &o->cut_on[o->n_cut_on]))
			return false;
		o->n_cut_on++;
	}
	return o->n_cut_on > 0;
}

static bool parse_options(int argc, char **argv, struct options *o)
{
	static const struct option longopts[] = {
	    {"target", required_argument, NULL, 't'},
	    {"port-file", required_argument, NULL, 'p'},
	    {"listen-port", required_argument, NULL, 'l'},
	    {"direction", required_argument, NULL, 'd'},
	    {"after-frames", required_argument, NULL, 'f'},
	    {"cut-after", required_argument, NULL, 'n'},
	    {"cut-step", required_argument, NULL, 's'},
	    {"cut-on", required_argument, NULL, 'o'},
	    {"connections", required_argument, NULL, 'm'},
	    {"delay-ms", required_argument, NULL, 'w'},
	    {"cut-every", required_argument, NULL, 'e'},
	    {"help", no_argument, NULL, 'h'},
	    {NULL, 0, NULL, 0},
	};
	unsigned long v;
	int c, idx = 0;

	memset(o, 0, sizeof(*o));
	o->dir = DIR_S2C;
	o->cut_all = true;
	while ((c = getopt_long(argc, argv, "", longopts, &idx)) != -1) {
		switch (c) {
		case 't':
			o->target = optarg;
			break;
		case 'p':
			o->port_file = optarg;
			break;
		case 'l':
			if (!parse_ulong(optarg, 65535, &v))
				goto bad;
			o->listen_port = (uint16_t)v;
			break;
		case 'd':
			if (strcmp(optarg, "c2s") == 0)
				o->dir = DIR_C2S;
			else if (strcmp(optarg, "s2c") == 0)
				o->dir = DIR_S2C;
			else
				goto bad;
			break;
		case 'f':
			if (!parse_ulong(optarg, UINT32_MAX, &v))
				goto bad;
			o->after_frames = (uint32_t)v;
			break;
		case 'n':
			if (!parse_ulong(optarg, ULONG_MAX, &v))
				goto bad;
			o->cut_after = v;
			break;
		case 's':
			if (!parse_ulong(optarg, ULONG_MAX, &v))
				goto bad;
			o->cut_step = v;
			break;
		case 'o':
			if (!parse_cut_on(optarg, o))
				goto bad;
			break;
		case 'm':
			if (!parse_ulong(optarg, ULONG_MAX, &o->connections))
				goto bad;
			break;
		case 'w':
			if (!parse_ulong(optarg, 60000, &o->delay_ms))
				goto bad;
			break;
		case 'e':
			if (!parse_ulong(optarg, ULONG_MAX, &o->cut_every) || o->cut_every == 0)
				goto bad;
			break;
		case 'h':
			usage(stdout);
			exit(0);
		default:
			usage(stderr);
			return false;
		}
	}
	if (optind != argc || !o->target || !o->port_file) {
		usage(stderr);
		return false;
	}
	return true;
bad:
	fprintf(stderr, "sk-cutproxy: bad value for --%s: '%s'\n", longopts[idx].name, optarg);
	usage(stderr);
	return false;
}

static bool should_cut(const struct options *o, unsigned long conn_no)
{
	size_t i;

	if (o->cut_every > 0 && (conn_no - 1) % o->cut_every != 0)
		return false;
	if (o->cut_all)
		return true;
	for (i = 0; i < o->n_cut_on; i++)
		if (o->cut_on[i] == conn_no)
			return true;
	return false;
}

/*
 * How many of the n bytes at p may pass before the cut.  Sets *cut when the
 * cut point falls inside this chunk (the bytes beyond it are never sent).
 */
static size_t watch_allow(const struct options *o, struct watch *w, const uint8_t *p, size_t n,
			  bool *cut)
{
	size_t i = 0;

	*cut = false;
	while (i < n) {
		if (w->frames >= o->after_frames) {
			uint64_t room = w->limit - w->counted;

			if ((uint64_t)(n - i) <= room) {
				w->counted += n - i;
				return n;
			}
			w->counted += room;
			*cut = true;
			return i + (size_t)room;
		}
		if (w->hdr_have < FRAME_HEADER_BYTES) {
			w->hdr[w->hdr_have++] = p[i++];
			if (w->hdr_have == FRAME_HEADER_BYTES) {
				w->body_left = frame_get_length(w->hdr);
				if (w->body_left == 0) {
					w->frames++;
					w->hdr_have = 0;
				}
			}
			continue;
		}
		{
			size_t take = n - i;

			if (take > w->body_left)
				take = w->body_left;
			i += take;
			w->body_left -= (uint32_t)take;
			if (w->body_left == 0) {
				w->frames++;
				w->hdr_have = 0;
			}
		}
	}
	return n;
}

/* Slow the link: sleep before forwarding a chunk (signals end it early). */
static void link_delay(const struct options *o)
{
	struct timespec ts;

	if (o->delay_ms == 0)
		return;
	ts.tv_sec = (time_t)(o->delay_ms / 1000);
	ts.tv_nsec = (long)(o->delay_ms % 1000) * 1000000L;
	nanosleep(&ts, NULL);
}

/*
 * Forward one connection until either side closes or the cut happens.
 * cut_no counts the connections cut so far (for --cut-step).
 */
static void serve(const struct options *o, int cfd, unsigned long conn_no, unsigned long *cut_no)
{
	char err[256];
	int sfd = tool_connect(o->target, err, sizeof(err));
	bool cutting = should_cut(o, conn_no);
	struct watch w = {0};

	if (cutting) {
		w.limit = o->cut_after + o->cut_step * *cut_no;
		(*cut_no)++;
	}
	uint64_t moved[2] = {0, 0};
	static uint8_t buf[65536];

	if (sfd < 0) {
		fprintf(stderr, "sk-cutproxy: connection %lu: %s\n", conn_no, err);
		close(cfd);
		return;
	}
	while (!stop_requested) {
		struct pollfd pfd[2] = {
		    {.fd = cfd, .events = POLLIN},
		    {.fd = sfd, .events = POLLIN},
		};
		int k;

		if (poll(pfd, 2, -1) < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		for (k = 0; k < 2; k++) {
			/* k == 0: bytes from the client (c2s). */
			enum direction d = k == 0 ? DIR_C2S : DIR_S2C;
			int from = k == 0 ? cfd : sfd, to = k == 0 ? sfd : cfd;
			size_t pass;
			ssize_t n;
			bool cut = false;

			if (!(pfd[k].revents & (POLLIN | POLLHUP | POLLERR)))
				continue;
			n = recv(from, buf, sizeof(buf), 0);
			if (n < 0 && errno == EINTR)
				continue;
			if (n <= 0)
				goto done;
			link_delay(o);
			pass = (size_t)n;
			if (cutting && d == o->dir)
				pass = watch_allow(o, &w, buf, (size_t)n, &cut);
			if (pass > 0 && !tool_write_all(to, buf, pass))
				goto done;
			moved[d] += pass;
			if (cut) {
				fprintf(stderr,
					"sk-cutproxy: connection %lu: cut %s "
					"after %u frames + %llu bytes\n",
					conn_no, d == DIR_C2S ? "c2s" : "s2c", (unsigned)w.frames,
					(unsigned long long)w.counted);
				goto done;
			}
		}
	}
done:
	fprintf(stderr, "sk-cutproxy: connection %lu closed (c2s %llu bytes, s2c %llu bytes)\n",
		conn_no, (unsigned long long)moved[DIR_C2S], (unsigned long long)moved[DIR_S2C]);
	close(sfd);
	close(cfd);
}

int main(int argc, char **argv)
{
	struct options o;
	struct sigaction sa;
	char err[256], text[16];
	uint16_t port;
	unsigned long served = 0, cut_no = 0;
	int lfd;

	if (!parse_options(argc, argv, &o))
		return 2;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal; /* no SA_RESTART: wake poll() and accept() */
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);

	lfd = tool_listen_loopback(o.listen_port, &port, err, sizeof(err));
	if (lfd < 0) {
		fprintf(stderr, "sk-cutproxy: %s\n", err);
		return 1;
	}
	snprintf(text, sizeof(text), "%u\n", (unsigned)port);
	if (!tool_write_file_atomic(o.port_file, text)) {
		fprintf(stderr, "sk-cutproxy: cannot write %s: %s\n", o.port_file, strerror(errno));
		return 1;
	}
	while (!stop_requested && (o.connections == 0 || served < o.connections)) {
		int cfd = accept(lfd, NULL, NULL);

		if (cfd < 0) {
			if (errno == EINTR || errno == ECONNABORTED)
				continue;
			fprintf(stderr, "sk-cutproxy: accept: %s\n", strerror(errno));
			return 1;
		}
		served++;
		serve(&o, cfd, served, &cut_no);
	}
	close(lfd);
	return 0;
}
