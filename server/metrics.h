/*
 * metrics.h - the server's counters, kept in struct server and shown in
 * the Prometheus text format on the metrics port (metrics_http.c).
 * Everything runs in the one event loop, so plain integers suffice.
 */
#ifndef SK_METRICS_H
#define SK_METRICS_H

#include <stdint.h>

struct metrics {
	/* listener */
	uint64_t conn_accepted;
	uint64_t conn_refused_full; /* beyond max_connections: ERROR_UNAVAILABLE */
	uint64_t conn_shed_nofile;  /* out of descriptors: answered busy, closed */
	uint64_t accept_pauses;	    /* times accepting stopped for lack of descriptors */
	/* enrollment limits (ratelimit.h) */
	uint64_t enroll_refused_address;
	uint64_t enroll_refused_global;
	uint64_t enroll_failed; /* wrong, used or expired codes */
	uint64_t enroll_succeeded;
	/* credentials */
	uint64_t sessions_revoked; /* sessions ended because their credential was revoked */
};

#endif
