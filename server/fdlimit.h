/*
 * fdlimit.h - open-file descriptors: how many the process may hold and how
 * many connections that leaves room for.
 */
#ifndef SK_FDLIMIT_H
#define SK_FDLIMIT_H

#include <stdint.h>

/* Descriptors the server keeps for itself besides one per client: the
 * database pool, listener, metrics port, event loop, logs, the reserve
 * descriptor (listener.c) and some slack for libraries. */
#define FDLIMIT_OVERHEAD 48

/*
 * Raise the soft RLIMIT_NOFILE to the hard limit (logged when it changes)
 * and return the soft limit now in force.
 */
int64_t fdlimit_raise(void);

/* Clients that `nofile` descriptors can hold next to a pool of db_pool_size
 * connections (at least 1). */
int64_t fdlimit_connection_capacity(int64_t nofile, int64_t db_pool_size);

#endif
