/*
 * sk-flood - opens many connections to sangkiend at once, as a hostile
 * client exhausting descriptors would, and says how each was answered.
 *
 * Usage: sk-flood [--timeout MS] [--hold-file PATH] HOST:PORT N
 * Opens N connections, sends an anonymous hello on each, waits (at most
 * MS, default 5000, in all) for each one's first reply and prints one line:
 *   hello=A unavailable=B other=C closed=D timeout=E connect_failed=F
 * With --hold-file the connections stay open until PATH exists (at most
 * 60 s), so a test can look at the server meanwhile; the counts are printed
 * before the wait.  Exit status 0 when it ran, 2 on a usage error.
 */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include "frame.h"
#include "sangkien.pb-c.h"
#include "tool_net.h"
#include "wire.h"

#define FLOOD_MAX 100000

enum outcome { O_WAITING, O_HELLO, O_UNAVAILABLE, O_OTHER, O_CLOSED, O_TIMEOUT, O_NOCONNECT };

static void usage(void)
{
	fprintf(stderr, "usage: sk-flood [--timeout MS] [--hold-file PATH] HOST:PORT N\n");
	exit(2);
}

/* One reply frame; the socket is readable.  Classifies it. */
static enum outcome read_first_reply(int fd)
{
	uint8_t hdr[FRAME_HEADER_BYTES];
	if (tool_read_full(fd, hdr, sizeof(hdr), 1000) != TOOL_READ_OK)
		return O_CLOSED;
	uint32_t len = frame_get_length(hdr);
	if (len == 0 || len > 65536)
		return O_OTHER;
	uint8_t *buf = malloc(len);
	if (buf == NULL) {
		fprintf(stderr, "sk-flood: out of memory\n");
		exit(1);
	}
	enum outcome o = O_OTHER;
	Sangkien__Envelope *env = NULL;
	if (tool_read_full(fd, buf, len, 1000) != TOOL_READ_OK)
		o = O_CLOSED;
	else if (wire_decode(buf, len, &env) == WIRE_OK) {
		if (env->body_case == SANGKIEN__ENVELOPE__BODY_HELLO_REPLY)
			o = O_HELLO;
		else if (env->body_case == SANGKIEN__ENVELOPE__BODY_ERROR &&
			 env->error->code == SANGKIEN__ERROR_CODE__ERROR_UNAVAILABLE)
			o = O_UNAVAILABLE;
		wire_envelope_free(env);
	}
	free(buf);
	return o;
}

int main(int argc, char **argv)
{
	int timeout_ms = 5000;
	const char *hold = NULL;
	int i = 1;
	for (; i < argc && argv[i][0] == '-'; i += 2) {
		if (i + 1 >= argc)
			usage();
		if (strcmp(argv[i], "--timeout") == 0)
			timeout_ms = atoi(argv[i + 1]);
		else if (strcmp(argv[i], "--hold-file") == 0)
			hold = argv[i + 1];
		else
			usage();
	}
	if (argc - i != 2)
		usage();
	const char *addr = argv[i];
	long n = strtol(argv[i + 1], NULL, 10);
	if (n < 1 || n > FLOOD_MAX || timeout_ms < 1)
		usage();
	signal(SIGPIPE, SIG_IGN);
	struct rlimit rl;
	if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < rl.rlim_max) {
		rl.rlim_cur = rl.rlim_max;
		setrlimit(RLIMIT_NOFILE, &rl);
	}

	struct pollfd *pfd = calloc((size_t)n, sizeof(*pfd));
	enum outcome *out = calloc((size_t)n, sizeof(*out));
	if (pfd == NULL || out == NULL) {
		fprintf(stderr, "sk-flood: out of memory\n");
		return 1;
	}
	/* A hello with an empty credential: an anonymous session. */
	Sangkien__Hello hello = SANGKIEN__HELLO__INIT;
	hello.protocol_version = SANGKIEN__PROTOCOL_VERSION__PROTOCOL_VERSION_CURRENT;
	hello.credential = (char *)"";
	Sangkien__Envelope env = SANGKIEN__ENVELOPE__INIT;
	env.request_id = 1;
	env.body_case = SANGKIEN__ENVELOPE__BODY_HELLO;
	env.hello = &hello;
	size_t flen;
	uint8_t *frame = wire_encode(&env, 65536, &flen);
	if (frame == NULL) {
		fprintf(stderr, "sk-flood: cannot encode hello\n");
		return 1;
	}
	for (long k = 0; k < n; k++) {
		char err[256];
		pfd[k].fd = tool_connect(addr, err, sizeof(err));
		pfd[k].events = POLLIN;
		if (pfd[k].fd < 0)
			out[k] = O_NOCONNECT;
		else if (!tool_write_all(pfd[k].fd, frame, flen))
			out[k] = O_CLOSED;
	}
	free(frame);
	int64_t deadline = tool_now_ms() + timeout_ms;
	for (;;) {
		long waiting = 0;
		for (long k = 0; k < n; k++) {
			bool wait = pfd[k].fd >= 0 && out[k] == O_WAITING;
			pfd[k].events = wait ? POLLIN : 0;
			waiting += wait;
		}
		int64_t left = deadline - tool_now_ms();
		if (waiting == 0 || left <= 0)
			break;
		int rc = poll(pfd, (nfds_t)n, (int)left);
		if (rc < 0 && errno != EINTR) {
			perror("sk-flood: poll");
			return 1;
		}
		for (long k = 0; k < n && rc > 0; k++)
			if (out[k] == O_WAITING && (pfd[k].revents & (POLLIN | POLLHUP | POLLERR)))
				out[k] = read_first_reply(pfd[k].fd);
	}
	long count[O_NOCONNECT + 1] = {0};
	for (long k = 0; k < n; k++)
		count[out[k] == O_WAITING ? O_TIMEOUT : out[k]]++;
	printf("hello=%ld unavailable=%ld other=%ld closed=%ld timeout=%ld connect_failed=%ld\n",
	       count[O_HELLO], count[O_UNAVAILABLE], count[O_OTHER], count[O_CLOSED],
	       count[O_TIMEOUT], count[O_NOCONNECT]);
	fflush(stdout);
	if (hold != NULL) {
		int64_t until = tool_now_ms() + 60000;
		while (access(hold, F_OK) != 0 && tool_now_ms() < until)
			usleep(20000);
	}
	for (long k = 0; k < n; k++)
		if (pfd[k].fd >= 0)
			close(pfd[k].fd);
	free(pfd);
	free(out);
	return 0;
}
