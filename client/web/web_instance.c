/* web_instance.c - see web_instance.h. */
#include "web_instance.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "platform.h"

#define MAX_URL 512

struct web_instance {
	struct sk_lockfile *lock;
};

/* The address another process wrote, once it is there (ends in '\n'). */
static int read_url(struct sk_lockfile *lf, char *url, size_t urllen)
{
	char buf[MAX_URL];
	ptrdiff_t n = sk_lockfile_read(lf, buf, sizeof(buf) - 1);
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
	struct sk_lockfile *lf;

	*out = NULL;
	switch (sk_lockfile_open(path, &lf)) {
	case SK_LOCK_ERROR:
		snprintf(err, errlen, "không mở hoặc khóa được %s: %s", path, strerror(errno));
		return WEB_INSTANCE_ERROR;
	case SK_LOCK_HELD:
		/* Running: its address may still be on its way. */
		for (int i = 0; i < 50; i++) {
			if (read_url(lf, url, urllen) == 0) {
				sk_lockfile_close(lf, false);
				return WEB_INSTANCE_RUNNING;
			}
			sk_sleep_ms(100);
		}
		snprintf(err, errlen,
			 "một giao diện khác đang chạy trên kho dữ liệu này nhưng không cho "
			 "biết địa chỉ (%s)",
			 path);
		sk_lockfile_close(lf, false);
		return WEB_INSTANCE_ERROR;
	case SK_LOCK_MINE:
		break;
	}
	in = calloc(1, sizeof(*in));
	if (in == NULL || sk_lockfile_write(lf, "", 0) != 0) {
		snprintf(err, errlen, "không chuẩn bị được %s", path);
		free(in);
		sk_lockfile_close(lf, false);
		return WEB_INSTANCE_ERROR;
	}
	in->lock = lf;
	*out = in;
	return WEB_INSTANCE_MINE;
}

int web_instance_publish(struct web_instance *in, const char *url)
{
	char buf[MAX_URL];
	size_t n = strlen(url);

	if (n + 1 >= MAX_URL)
		return -1;
	memcpy(buf, url, n);
	buf[n] = '\n';
	return sk_lockfile_write(in->lock, buf, n + 1);
}

void web_instance_release(struct web_instance *in)
{
	if (in == NULL)
		return;
	/* Removed while still locked, so no newcomer reads an old address. */
	sk_lockfile_close(in->lock, true);
	free(in);
}
