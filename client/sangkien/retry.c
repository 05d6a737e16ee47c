/* retry.c - see retry.h. */
#include "retry.h"

#include <openssl/rand.h>
#include <time.h>

#include "platform.h"

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

	if (RAND_bytes((unsigned char *)&v, sizeof(v)) != 1)
		v = (uint32_t)time(NULL) * 2654435761u; /* still spreads clients apart */
	return (double)v / 4294967296.0;
}

void retry_sleep_ms(int64_t ms)
{
	sk_sleep_ms(ms);
}
