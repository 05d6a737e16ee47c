/*
 * ratelimit.h - limits on enrollment attempts, which anyone may make
 * before having a credential: each wrong code costs a database lookup.
 *
 * Per source address (IPv4, or the /64 of IPv6): the first `free` failed
 * attempts cost nothing; after that each new attempt must wait a delay
 * that doubles with every further failure, from 1 s up to `max_delay_ms`.
 * Attempts made before the delay has passed are refused without looking
 * at the code (and do not lengthen the delay).  A success, or a quiet
 * spell of twice max_delay_ms, forgets the address.  So the rightful unit
 * behind the same address as a guesser waits at most max_delay_ms.
 *
 * Overall: a token bucket of `global_per_minute` failed attempts a minute,
 * with bursts of a tenth of that (at least 1), whatever their addresses;
 * while it is empty every attempt is refused.  Successes take nothing
 * from it, so a district enrolling all its units at once is never slowed.
 *
 * The address table has a fixed size chosen at creation: a flood of
 * addresses replaces the least recently failing entries, it never grows
 * memory.  Pure bookkeeping with the time passed in, so it is testable;
 * the caller decides what a refusal says.
 */
#ifndef SK_RATELIMIT_H
#define SK_RATELIMIT_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/socket.h>

#define RATELIMIT_TABLE_SLOTS 4096 /* power of two */
#define RATELIMIT_BASE_DELAY_MS 1000

struct ratelimit_params {
	int64_t free_failures;
	int64_t max_delay_ms;
	int64_t global_per_minute;
};

enum ratelimit_verdict {
	RATELIMIT_ADMIT,
	RATELIMIT_REFUSE_ADDRESS, /* this address must wait *wait_ms */
	RATELIMIT_REFUSE_GLOBAL,  /* the whole server is at its rate */
};

struct ratelimit;

/* NULL when out of memory. */
struct ratelimit *ratelimit_create(void);
void ratelimit_free(struct ratelimit *rl);

/* May this address try a code now?  On a refusal *wait_ms says how long
 * until it may (at least 1). */
enum ratelimit_verdict ratelimit_check(struct ratelimit *rl, const struct ratelimit_params *p,
				       const struct sockaddr *addr, int64_t now_ms,
				       int64_t *wait_ms);

/* The attempt's outcome, once known.  A failure takes a token from the
 * overall bucket (which may go below zero by the attempts in flight). */
void ratelimit_failed(struct ratelimit *rl, const struct ratelimit_params *p,
		      const struct sockaddr *addr, int64_t now_ms);
void ratelimit_succeeded(struct ratelimit *rl, const struct sockaddr *addr);

#endif
