/*
 * quota.h - the unit's quota: asked from the server and cached in the store
 * (used by `quota` and after `sync`).
 */
#ifndef SANGKIEN_QUOTA_H
#define SANGKIEN_QUOTA_H

#include <stddef.h>

#include "format.h"
#include "session.h"
#include "store.h"

/*
 * Ask the server for the session's own unit, save the answer in the store's
 * cache and return it in *q (clear with store_quota_clear).  Returns
 * CLIENT_EXIT_OK, or the exit status of the failure with a Vietnamese
 * message in err.
 */
int quota_refresh(struct session *s, struct store *st, struct store_quota *q, char *err,
		  size_t errlen);

/* Print q in fmt; from_cache says whether it is the offline copy. */
void quota_print(const struct store_quota *q, enum out_format fmt, int from_cache);

#endif
