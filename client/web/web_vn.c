/* web_vn.c - see web_vn.h. */
#include "web_vn.h"

#include "vn_date.h"
#include "vn_time.h"

void web_json_vn_date(struct web_json *j, const char *key, const char *iso)
{
	char vn[VN_DATE_LEN + 8];

	if (!iso || !iso[0]) {
		web_json_null(j, key);
		return;
	}
	vn_date_show_iso(iso, vn, sizeof(vn));
	web_json_string(j, key, vn);
}

void web_json_vn_time(struct web_json *j, const char *key, int64_t unix_ms)
{
	char t[VN_TIME_LEN];

	if (unix_ms <= 0) {
		web_json_null(j, key);
		return;
	}
	vn_time_format(unix_ms, false, t);
	web_json_string(j, key, t);
}
