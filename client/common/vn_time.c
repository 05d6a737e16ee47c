/* vn_time.c - see vn_time.h. */
#include "vn_time.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "platform.h"
#include "vn_date.h"

#define VIETNAM_OFFSET (7 * 3600)

/* Seconds between 0001-01-01 and 1970-01-01, and 1970 to 10000-01-01: the
 * moments dd/mm/yyyy can say. */
#define FIRST_SECOND (-62135596800LL)
#define END_SECOND 253402300800LL

/* True when the machine's zone is to be used, false for Vietnam's. */
static bool use_machine_zone(void)
{
	const char *tz = getenv("TZ");
	struct tm tm;
	time_t jan = 1704067200, jul = 1719792000; /* 2024-01-01, 2024-07-01 UTC */
	long off;

	if (tz != NULL && tz[0] != '\0')
		return true;
	tzset();
	if (!sk_localtime(jan, &tm, &off) || off != 0)
		return true;
	if (!sk_localtime(jul, &tm, &off) || off != 0)
		return true;
	return false;
}

/* The broken-down local time of t and its offset; false when out of range. */
static bool local(int64_t t, struct tm *tm, int32_t *offset)
{
	time_t tt;
	long off;

	if (t < FIRST_SECOND + 86400 || t >= END_SECOND - 86400)
		return false;
	if (use_machine_zone()) {
		tt = (time_t)t;
		if (!sk_localtime(tt, tm, &off))
			return false;
		*offset = (int32_t)off;
		return true;
	}
	tt = (time_t)(t + VIETNAM_OFFSET);
	if (gmtime_r(&tt, tm) == NULL)
		return false;
	*offset = VIETNAM_OFFSET;
	return true;
}

/* The local time of unix_ms split for printing; false when out of range.
 * Floor division: a moment before 1970 rounds down, like the clock. */
struct parts {
	unsigned day, mon, year, hour, min, sec;
};

static bool split(int64_t unix_ms, struct parts *p)
{
	int64_t t = unix_ms / 1000 - (unix_ms % 1000 < 0 ? 1 : 0);
	struct tm tm;
	int32_t offset;

	if (!local(t, &tm, &offset))
		return false;
	/* local() bounded the year to 1..9999; the modulos tell the compiler. */
	p->day = (unsigned)tm.tm_mday % 100u;
	p->mon = (unsigned)(tm.tm_mon + 1) % 100u;
	p->year = (unsigned)(tm.tm_year + 1900) % 10000u;
	p->hour = (unsigned)tm.tm_hour % 100u;
	p->min = (unsigned)tm.tm_min % 100u;
	p->sec = (unsigned)tm.tm_sec % 100u;
	return true;
}

void vn_time_format(int64_t unix_ms, bool seconds, char out[VN_TIME_LEN])
{
	struct parts p;

	if (!split(unix_ms, &p))
		snprintf(out, VN_TIME_LEN, "?");
	else if (seconds)
		snprintf(out, VN_TIME_LEN, "%02u/%02u/%04u %02u:%02u:%02u", p.day, p.mon, p.year,
			 p.hour, p.min, p.sec);
	else
		snprintf(out, VN_TIME_LEN, "%02u/%02u/%04u %02u:%02u", p.day, p.mon, p.year, p.hour,
			 p.min);
}

void vn_time_format_iso(int64_t unix_ms, char out[VN_TIME_LEN])
{
	struct parts p;

	if (!split(unix_ms, &p))
		snprintf(out, VN_TIME_LEN, "?");
	else
		snprintf(out, VN_TIME_LEN, "%04u-%02u-%02u %02u:%02u", p.year, p.mon, p.day, p.hour,
			 p.min);
}

int32_t vn_time_offset(int64_t unix_ms)
{
	struct tm tm;
	int32_t offset = 0;

	if (!local(unix_ms / 1000, &tm, &offset))
		return 0;
	return offset;
}

/* The display zone's offset at t (seconds); false when out of range. */
static bool offset_at(int64_t t, int32_t *offset)
{
	struct tm tm;

	return local(t, &tm, offset);
}

bool vn_time_from_local(int32_t days, int32_t second_of_day, int64_t *unix_ms)
{
	int64_t wall = (int64_t)days * 86400 + second_of_day, t, lo, hi;
	int32_t around[2], off;

	if (second_of_day < 0 || second_of_day >= 86400)
		return false;
	/* The zone's offsets a day either side: the same, or the two of a
	 * change between them.  The earlier first: of a time said twice, the
	 * first. */
	if (!offset_at(wall - 86400, &around[0]) || !offset_at(wall + 86400, &around[1]))
		return false;
	for (int i = 0; i < 2; i++) {
		t = wall - around[i];
		if (!offset_at(t, &off))
			return false;
		if (t + off == wall) {
			*unix_ms = t * 1000;
			return true;
		}
	}
	/* Skipped by the clock: the first moment shown later, between the
	 * moment read with the later offset (shown earlier than wall) and the
	 * one read with the earlier offset (shown later). */
	lo = wall - (around[0] > around[1] ? around[0] : around[1]);
	hi = wall - (around[0] > around[1] ? around[1] : around[0]);
	while (hi - lo > 1) {
		t = lo + (hi - lo) / 2;
		if (!offset_at(t, &off))
			return false;
		if (t + off >= wall)
			hi = t;
		else
			lo = t;
	}
	*unix_ms = hi * 1000;
	return true;
}

int32_t vn_time_day(int64_t unix_ms)
{
	/* Floor division: a moment before 1970 is on the day before. */
	int64_t t = unix_ms / 1000 - (unix_ms % 1000 < 0 ? 1 : 0), d;

	t += vn_time_offset(unix_ms);
	d = t / 86400 - (t % 86400 < 0 ? 1 : 0);
	return d < INT32_MIN ? INT32_MIN : d > INT32_MAX ? INT32_MAX : (int32_t)d;
}

const char *vn_time_zone_label(void)
{
	static char label[64];
	time_t now = time(NULL);
	struct tm tm;
	int32_t offset;
	unsigned a;
	const char *zone;

	if (!local((int64_t)now, &tm, &offset))
		return "UTC";
	zone = sk_tm_zone(&tm);
	a = (unsigned)(offset < 0 ? -offset : offset);
	if (offset == VIETNAM_OFFSET)
		snprintf(label, sizeof(label), "giờ Việt Nam, UTC+07:00");
	else if (use_machine_zone() && zone != NULL && zone[0] != '\0' && zone[0] != '+' &&
		 zone[0] != '-' && strcmp(zone, "UTC") != 0)
		snprintf(label, sizeof(label), "UTC%c%02u:%02u, %.16s", offset < 0 ? '-' : '+',
			 a / 3600, a / 60 % 60, zone);
	else
		snprintf(label, sizeof(label), "UTC%c%02u:%02u", offset < 0 ? '-' : '+', a / 3600,
			 a / 60 % 60);
	return label;
}

int32_t vn_today(void)
{
	time_t now = time(NULL);
	struct tm tm;
	int32_t offset;

	if (!local((int64_t)now, &tm, &offset))
		return (int32_t)(now / 86400);
	return (int32_t)(((int64_t)now + offset) / 86400);
}
