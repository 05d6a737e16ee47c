/*
 * web_instance.h - one local web interface per store: the first `ui`
 * holds an exclusive lock on a file beside the store and writes its
 * address (secret included; the file is 0600) into it; a second `ui` on
 * the same store finds the lock held, reads the address and opens the
 * browser there instead of starting another server.  The kernel drops the
 * lock when the process ends, however it ends, so a stale file never
 * blocks a new start (sk_lockfile, platform.h).
 */
#ifndef SANGKIEN_WEB_INSTANCE_H
#define SANGKIEN_WEB_INSTANCE_H

#include <stddef.h>

struct web_instance;

enum web_instance_claim {
	WEB_INSTANCE_ERROR = -1,
	WEB_INSTANCE_MINE = 0,	 /* *out holds the lock: publish the address */
	WEB_INSTANCE_RUNNING = 1 /* another process has it: url is its address */
};

/*
 * Claim path.  RUNNING fills url (NUL-terminated) with the running one's
 * address, waiting up to 5 seconds for it to be written.  ERROR puts a
 * Vietnamese message in err.
 */
enum web_instance_claim web_instance_claim(const char *path, struct web_instance **out, char *url,
					   size_t urllen, char *err, size_t errlen);

/* Write the address for later claimants.  Returns 0 or -1. */
int web_instance_publish(struct web_instance *in, const char *url);

/* Remove the file and drop the lock (NULL allowed). */
void web_instance_release(struct web_instance *in);

#endif
