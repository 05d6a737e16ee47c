/* retry.c - see retry.h. */
#include "retry.h"

#include <errno.h>
#include <sys/random.h>
#include <time.h>

int64_t retry_delay_ms(unsigned attempt, int64_t base_ms, int64_t cap_ms, double r)
{
	int64_t ceiling = base_ms;

	if (attempt == 0 || base_ms <= 0)
		return 0;
	for (unsigned i = 1; i < attempt && ceiling < cap_ms; i++)
		ceiling *= 2;
	if (ceiling > cap_ms)
		ceiling = cap_ms;
	if (r < 0)
		r = 0;
	if (r >= 1)
		r = 0.999999;
	return (int64_t)(r * (double)(ceiling + 1));
}

double retry_random(void)
{
	uint32_t v = 0;

	if (getrandom(&v, sizeof(v), 0) != (ssize_t)sizeof(v))
		v = (uint32_t)time(NULL) * 2654435761u; /* still spreads clients apart */
	return (double)v / 4294967296.0;
}

void retry_sleep_ms(int64_t ms)
{
	struct timespec ts = {ms / 1000, (long)(ms % 1000) * 1000000L};

	while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
		;
}
