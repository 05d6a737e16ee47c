/*
 * test_zones.h - the time zones unit tests set through TZ, spelled as each
 * C library reads it: zone names (tzdata) on POSIX; the fixed form
 * NAME[+-]H[DST] on Windows, whose C runtime knows no zone names (a
 * Windows machine keeps its zone in its settings; TZ, when set, overrides
 * them as on POSIX) and applies its own daylight saving dates, so cases
 * at a change of the clock are tzdata's alone.
 */
#ifndef SANGKIEN_TEST_ZONES_H
#define SANGKIEN_TEST_ZONES_H

#include <stdlib.h>
#include <time.h>

#ifdef _WIN32
#define TZ_TOKYO "JST-9"
#define TZ_UTC "UTC0"
#define TZ_VIETNAM "ICT-7"
#define TZ_NEW_YORK "EST5EDT"
#define TZ_BERLIN "CET-1CEST"
#else
#define TZ_TOKYO "Asia/Tokyo"
#define TZ_UTC "UTC"
#define TZ_VIETNAM "Asia/Ho_Chi_Minh"
#define TZ_NEW_YORK "America/New_York"
#define TZ_BERLIN "Europe/Berlin"
#endif

/* TZ set to tz (NULL: unset) and read again by the C library. */
static inline void set_tz(const char *tz)
{
	if (tz)
		setenv("TZ", tz, 1);
	else
		unsetenv("TZ");
	tzset();
}

#endif
