/*
 * retry.h - when to try again after a transient failure: exponential
 * backoff with full jitter, bounded in attempts and in each wait.
 */
#ifndef SANGKIEN_RETRY_H
#define SANGKIEN_RETRY_H

#include <stdint.h>

#define RETRY_DEFAULT_ATTEMPTS 5
#define RETRY_DEFAULT_MAX_WAIT_S 60
#define RETRY_BASE_MS 500 /* the first wait is at most this */

/*
 * The wait before retry number attempt (1 for the first retry): a uniform
 * draw (r in [0, 1)) between 0 and min(cap_ms, base_ms * 2^(attempt-1)).
 * Full jitter spreads the retries of many clients cut off at once.
 */
int64_t retry_delay_ms(unsigned attempt, int64_t base_ms, int64_t cap_ms, double r);

/* A uniform draw in [0, 1) from the system's random source. */
double retry_random(void);

/* Sleep for ms milliseconds (resumes after signals). */
void retry_sleep_ms(int64_t ms);

#endif
