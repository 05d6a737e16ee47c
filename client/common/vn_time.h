/*
 * vn_time.h - moments shown to people in local time, dd/mm/yyyy HH:MM.
 *
 * Which zone: the machine's when the user chose one, Vietnam's otherwise.
 *  - TZ set and not empty: that zone, whatever it is (TZ=UTC included).
 *  - TZ unset: the system zone (/etc/localtime), unless it is UTC all year
 *    round (UTC, GMT, or none configured): a machine left at UTC is an
 *    unconfigured one, and the users are Vietnamese offices, so then
 *    Asia/Ho_Chi_Minh (UTC+07:00, no daylight saving since 1975).
 * Output says the zone once, from vn_time_zone_label(), not on every time.
 */
#ifndef SANGKIEN_VN_TIME_H
#define SANGKIEN_VN_TIME_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Room for a formatted time: "dd/mm/yyyy HH:MM:SS" and its NUL, with room
 * to spare. */
#define VN_TIME_LEN 32

/*
 * unix_ms (milliseconds since 1970 UTC) in the display zone as
 * "15/03/2022 14:05", or with seconds "15/03/2022 14:05:09".  A moment
 * outside years 1..9999 (e.g. a hostile INT64_MAX) is written "?".
 */
void vn_time_format(int64_t unix_ms, bool seconds, char out[VN_TIME_LEN]);

/*
 * The same moment in the same zone for files and programs (TSV, CSV, JSON):
 * "2022-03-15 14:05", sorting as text.  "?" where vn_time_format gives it.
 */
void vn_time_format_iso(int64_t unix_ms, char out[VN_TIME_LEN]);

/*
 * The display zone for a sentence said once per output, e.g.
 * "giờ Việt Nam, UTC+07:00" or "UTC+09:00, JST".  Static storage, valid until
 * the next call.
 */
const char *vn_time_zone_label(void);

/* Offset of the display zone from UTC at unix_ms, in seconds (east +). */
int32_t vn_time_offset(int64_t unix_ms);

/*
 * A wall time typed by a person, read in the display zone (the one
 * vn_time_format shows, by the same rule): days since 1970-01-01 and
 * seconds into that day (0..86399) to *unix_ms, milliseconds since 1970
 * UTC.  With second 0 it is where a typed date begins a span of time
 * ("--since 15/03/2022": from the office's midnight; an exclusive end is
 * the start of the next day).  A time the zone's clock skips (daylight
 * saving starting) gives the first moment after the skip; one it says
 * twice (daylight saving ending), the first of the two.  False outside the
 * moments vn_time_format can show.  A date that names a calendar day
 * (applied_on, a decision date, a phase) is no moment: it is sent as its
 * ISO date (vn_date.h) and never goes through here.
 */
bool vn_time_from_local(int32_t days, int32_t second_of_day, int64_t *unix_ms);

/*
 * The day a moment is shown on in the display zone, as days since
 * 1970-01-01: what a typed date is compared with (a filter "received from
 * 15/03/2022" keeps what vn_time_format shows on 15/03/2022 or later).  A
 * moment the display cannot show (a hostile INT64_MAX) is taken at UTC,
 * bounded to int32_t.
 */
int32_t vn_time_day(int64_t unix_ms);

/* Today's date in the display zone, as days since 1970-01-01 (what "today"
 * means for an office: applied_on may not be later). */
int32_t vn_today(void);

#endif
