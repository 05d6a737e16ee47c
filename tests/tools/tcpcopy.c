/*
 * sk-tcpcopy: the baseline of tests/bench/bench_dossier_upload.sh, a plain
 * TCP copy of the same files over loopback, measured the same way.
 *
 *   sk-tcpcopy [--sink DIR] FILE...
 *
 * A child process listens on 127.0.0.1; the parent connects and sends each
 * file (an 8-byte big-endian length, then its bytes, read in 1 MiB pieces);
 * the child writes each into DIR (or throws it away without --sink), fsyncs
 * it when it is whole, and answers one byte.  The parent prints
 * "bytes seconds" for the time from connecting to the last answer.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tool_net.h"

#define PIECE (1024u * 1024u)

/* All of buf into a file (tool_write_all is for sockets). */
static bool write_file(int fd, const char *buf, size_t len)
{
	while (len > 0) {
		ssize_t n = write(fd, buf, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return false;
		buf += n;
		len -= (size_t)n;
	}
	return true;
}

static int receive(int lfd, const char *sink, int n_files)
{
	char *buf = malloc(PIECE), path[4096];
	int fd = accept(lfd, NULL, NULL);

	if (fd < 0 || buf == NULL)
		return 1;
	for (int i = 0; i < n_files; i++) {
		uint8_t hdr[8];
		uint64_t len = 0, got = 0;
		int out = -1;

		if (tool_read_full(fd, hdr, 8, 60000) != TOOL_READ_OK)
			return 1;
		for (int k = 0; k < 8; k++)
			len = len << 8 | hdr[k];
		if (sink != NULL) {
			snprintf(path, sizeof(path), "%s/copy-%d", sink, i);
			if ((out = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600)) < 0)
				return 1;
		}
		while (got < len) {
			size_t want = len - got < PIECE ? (size_t)(len - got) : PIECE;
			ssize_t n = read(fd, buf, want);

			if (n <= 0)
				return 1;
			if (out >= 0 && !write_file(out, buf, (size_t)n))
				return 1;
			got += (uint64_t)n;
		}
		if (out >= 0 && (fsync(out) != 0 || close(out) != 0))
			return 1;
		if (!tool_write_all(fd, "k", 1))
			return 1;
	}
	close(fd);
	free(buf);
	return 0;
}

int main(int argc, char **argv)
{
	const char *sink = NULL;
	char err[256], addr[32], *buf;
	uint16_t port = 0;
	uint64_t total = 0;
	int first = 1, lfd, fd, status;
	int64_t start;
	pid_t child;

	signal(SIGPIPE, SIG_IGN);
	if (argc > 2 && strcmp(argv[1], "--sink") == 0) {
		sink = argv[2];
		first = 3;
	}
	if (first >= argc) {
		fprintf(stderr, "usage: sk-tcpcopy [--sink DIR] FILE...\n");
		return 2;
	}
	if ((lfd = tool_listen_loopback(0, &port, err, sizeof(err))) < 0) {
		fprintf(stderr, "sk-tcpcopy: %s\n", err);
		return 1;
	}
	if ((child = fork()) == 0)
		_exit(receive(lfd, sink, argc - first));
	close(lfd);
	snprintf(addr, sizeof(addr), "127.0.0.1:%u", port);
	buf = malloc(PIECE);
	start = tool_now_ms();
	if (buf == NULL || (fd = tool_connect(addr, err, sizeof(err))) < 0) {
		fprintf(stderr, "sk-tcpcopy: %s\n", buf == NULL ? "out of memory" : err);
		return 1;
	}
	for (int i = first; i < argc; i++) {
		int in = open(argv[i], O_RDONLY);
		uint64_t len;
		uint8_t hdr[8];
		char ack;
		ssize_t n;

		if (in < 0 || (len = (uint64_t)lseek(in, 0, SEEK_END)) == (uint64_t)-1 ||
		    lseek(in, 0, SEEK_SET) != 0) {
			fprintf(stderr, "sk-tcpcopy: %s: %s\n", argv[i], strerror(errno));
			return 1;
		}
		for (int k = 0; k < 8; k++)
			hdr[k] = (uint8_t)(len >> (56 - 8 * k));
		if (!tool_write_all(fd, hdr, 8))
			return 1;
		while ((n = read(in, buf, PIECE)) > 0)
			if (!tool_write_all(fd, buf, (size_t)n))
				return 1;
		close(in);
		if (tool_read_full(fd, &ack, 1, 60000) != TOOL_READ_OK)
			return 1;
		total += len;
	}
	printf("%llu %.3f\n", (unsigned long long)total, (double)(tool_now_ms() - start) / 1000.0);
	close(fd);
	free(buf);
	return waitpid(child, &status, 0) == child && WIFEXITED(status) && WEXITSTATUS(status) == 0
		   ? 0
		   : 1;
}
