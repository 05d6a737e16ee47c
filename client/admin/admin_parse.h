/*
 * admin_parse.h - command-line values of sangkien-admin: numbers, dates and
 * times, initiative statuses, campaign phases.  Pure functions (no network),
 * unit-tested.  Option errors are reported by client/common/command.h.
 */
#ifndef SANGKIEN_ADMIN_PARSE_H
#define SANGKIEN_ADMIN_PARSE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "command.h"
#include "vn_date.h"
#include "sangkien.pb-c.h"

/* Limits of operators' free text, in code points, as the server checks
 * them (PROTOCOL.md): notes and reasons, decision numbers and reward
 * levels, names (recognized by, credential labels, phases). */
#define ADMIN_NOTE_MAX 4000
#define ADMIN_DECISION_MAX 100
#define ADMIN_NAME_MAX 200
#define ADMIN_TARGET_MAX 10000000u
#define ADMIN_AMOUNT_MAX 1000000000000ull /* VND */

/* A decimal number of digits only (no sign, no spaces), at most max. */
bool admin_parse_uint(const char *s, uint64_t max, uint64_t *out);

/*
 * A time for filters: a day "dd/mm/yyyy" or "YYYY-MM-DD" (vn_date.h; a day
 * in the zone times are shown in, vn_time.h: its first moment, or when
 * end_of_day the first of the next day, for exclusive upper bounds), or
 * ISO 8601 "YYYY-MM-DDTHH:MM[:SS[.fff]]" with an optional "Z" or "+HH:MM" /
 * "-HH:MM" (none: that same zone).  A space may replace the 'T'.  Sets *ms
 * to milliseconds since 1970 UTC.
 */
bool admin_parse_time(const char *s, bool end_of_day, int64_t *ms);

/* Times are shown through vn_time.h: vn_time_format for people,
 * vn_time_format_iso in TSV, CSV and JSON. */

/* The status code for machine output (CSV, JSON): submitted, under_review,
 * ...; "unknown" for a value not in the table.  Vietnamese names and typed
 * statuses: vn_names.h. */
const char *admin_status_name(Sangkien__InitiativeStatus st);

#define ADMIN_STATUS_MAX 7
/*
 * A comma-separated list of statuses, each a code or a Vietnamese name as
 * vn_status_lookup() takes them ("submitted,dang xet duyet") into
 * out (room for ADMIN_STATUS_MAX); repeats are kept once.  Returns false
 * with a Vietnamese message in err naming the bad entry.
 */
bool admin_status_list_parse(const char *list, Sangkien__InitiativeStatus *out, size_t *n,
			     char *err, size_t errlen);

/* A phase given as "CODE|NAME|START|END" on the command line; the strings
 * point into buf, owned by the struct. */
struct admin_phase_spec {
	char buf[1024];
	const char *code;
	const char *name;
	const char *starts_on; /* ISO, whichever form was typed */
	const char *ends_on;
	char starts_iso[VN_DATE_LEN];
	char ends_iso[VN_DATE_LEN];
};

/* Parse and check one --phase value (code as a unit code, name 1..200
 * characters of one line, real dates, start <= end).  False with a
 * Vietnamese message in err. */
bool admin_phase_spec_parse(const char *spec, struct admin_phase_spec *out, char *err,
			    size_t errlen);

/* Free text from the command line: valid UTF-8, 1..max_cp code points, not
 * blank; one line unless multiline (then newlines and tabs too).  False with
 * a Vietnamese message in err that names what (e.g. "--note"). */
bool admin_text_check(const char *what, const char *s, size_t max_cp, bool multiline, char *err,
		      size_t errlen);

/* A decision date as typed (dd/mm/yyyy, d/m/yyyy or YYYY-MM-DD: vn_date.h),
 * a real day from 01/09/2021 to tomorrow (UTC), into iso.  False with a
 * Vietnamese message in err that names what. */
bool admin_decision_date_parse(const char *what, const char *s, char iso[VN_DATE_LEN], char *err,
			       size_t errlen);

#endif
