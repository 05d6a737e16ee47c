/*
 * web_vn.h - JSON values as Vietnamese office staff read them, for both
 * clients' pages: dates dd/mm/yyyy and moments in local time (vn_date.h,
 * vn_time.h), so the pages never format a date themselves.
 */
#ifndef SANGKIEN_WEB_VN_H
#define SANGKIEN_WEB_VN_H

#include <stdint.h>

#include "web_json.h"

/* An ISO date ("2022-05-20") as "20/05/2022"; null when iso is NULL or "". */
void web_json_vn_date(struct web_json *j, const char *key, const char *iso);

/* A moment (ms since 1970 UTC) as "20/05/2022 14:05" in the display zone;
 * null when unix_ms <= 0 (none). */
void web_json_vn_time(struct web_json *j, const char *key, int64_t unix_ms);

#endif
