/* web_instance.c - see web_instance.h. */
#include "web_instance.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <sys/file.h>

#define MAX_URL 512

struct web_instance {
	int fd;
	char *path;
};

/* The address another process wrote, once it is there (ends in '\n'). */
static int read_url(int fd, char *url, size_t urllen)
{
	char buf[MAX_URL];
	ssize_t n = pread(fd, buf, sizeof(buf) - 1, 0);
	char *nl;

	if (n <= 0)
		return -1;
	buf[n] = '\0';
	nl = strchr(buf, '\n');
	if (nl == NULL || (size_t)(nl - buf) >= urllen ||
	    strncmp(buf, "http://127.0.0.1:", 17) != 0)
		return -1;
	*nl = '\0';
	memcpy(url, buf, (size_t)(nl - buf) + 1);
	return 0;
}

enum web_instance_claim web_instance_claim(const char *path, struct web_instance **out, char *url,
					   size_t urllen, char *err, size_t errlen)
{
	struct web_instance *in;
	int fd;

	*out = NULL;
	fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
	if (fd < 0) {
		snprintf(err, errlen, "không mở được %s: %s", path, strerror(errno));
		return WEB_INSTANCE_ERROR;
	}
	if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
		if (errno != EWOULDBLOCK) {
			snprintf(err, errlen, "không khóa được %s: %s", path, strerror(errno));
			close(fd);
			return WEB_INSTANCE_ERROR;
		}
		/* Running: its address may still be on its way. */
		for (int i = 0; i < 50; i++) {
			struct timespec ts = {0, 100 * 1000 * 1000};

			if (read_url(fd, url, urllen) == 0) {
				close(fd);
				return WEB_INSTANCE_RUNNING;
			}
			nanosleep(&ts, NULL);
		}
		snprintf(err, errlen,
			 "một giao diện khác đang chạy trên kho dữ liệu này nhưng không cho "
			 "biết địa chỉ (%s)",
			 path);
		close(fd);
		return WEB_INSTANCE_ERROR;
	}
	in = calloc(1, sizeof(*in));
	if (in == NULL || (in->path = strdup(path)) == NULL || ftruncate(fd, 0) != 0) {
		snprintf(err, errlen, "không chuẩn bị được %s", path);
		free(in);
		close(fd);
		return WEB_INSTANCE_ERROR;
	}
	in->fd = fd;
	*out = in;
	return WEB_INSTANCE_MINE;
}

int web_instance_publish(struct web_instance *in, const char *url)
{
	size_t n = strlen(url);

	if (n + 1 >= MAX_URL || ftruncate(in->fd, 0) != 0 ||
	    pwrite(in->fd, url, n, 0) != (ssize_t)n || pwrite(in->fd, "\n", 1, (off_t)n) != 1)
		return -1;
	return fsync(in->fd);
}

void web_instance_release(struct web_instance *in)
{
	if (in == NULL)
		return;
	/* Unlink while holding the lock, so no newcomer reads an old address. */
	unlink(in->path);
	close(in->fd);
	free(in->path);
	free(in);
}
