/*
 * admin_parse.c - command-line values (see admin_parse.h).
 */
#include "admin_parse.h"

#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "admin_session.h"
#include "initiative_check.h"
#include "names.h"
#include "vn_date.h"
#include "vn_names.h"
#include "vn_time.h"

bool admin_parse_uint(const char *s, uint64_t max, uint64_t *out)
{
	uint64_t v = 0;

	if (!s || !*s)
		return false;
	for (; *s; s++) {
		if (*s < '0' || *s > '9')
			return false;
		if (v > (UINT64_MAX - 9) / 10)
			return false;
		v = v * 10 + (uint64_t)(*s - '0');
		if (v > max)
			return false;
	}
	*out = v;
	return true;
}

/* n digits at s, as a number. */
static bool digits(const char *s, int n, int *out)
{
	int v = 0, i;

	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return false;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return true;
}

bool admin_parse_time(const char *s, bool end_of_day, int64_t *ms)
{
	char day[11], typed[VN_DATE_LEN];
	int32_t days;
	int hh = 0, mm = 0, ss = 0, frac = 0, oh, om;
	int64_t offset;
	const char *p;

	/* A day as the office writes it (dd/mm/yyyy) stands for its ISO form. */
	if (s && strchr(s, '/') && vn_date_to_iso(s, typed, NULL, 0))
		s = typed;
	if (!s || strlen(s) < 10)
		return false;
	memcpy(day, s, 10);
	day[10] = '\0';
	if (!date_parse(day, &days))
		return false;
	p = s + 10;
	/* A day alone: its first moment in the office's zone (vn_time.h). */
	if (*p == '\0')
		return vn_time_from_local(days + (end_of_day ? 1 : 0), 0, ms);
	if (*p != 'T' && *p != ' ')
		return false;
	p++;
	if (!digits(p, 2, &hh) || p[2] != ':' || !digits(p + 3, 2, &mm))
		return false;
	p += 5;
	if (*p == ':') {
		if (!digits(p + 1, 2, &ss))
			return false;
		p += 3;
		if (*p == '.') {
			int n = 0;

			p++;
			while (*p >= '0' && *p <= '9') {
				if (n < 3)
					frac = frac * 10 + (*p - '0');
				n++;
				p++;
			}
			if (n == 0)
				return false;
			for (; n < 3; n++)
				frac *= 10;
		}
	}
	if (hh > 23 || mm > 59 || ss > 59)
		return false;
	if (*p == '\0') {
		/* No zone written: the office's, as times are shown. */
		if (!vn_time_from_local(days, hh * 3600 + mm * 60 + ss, ms))
			return false;
		*ms += frac;
		return true;
	}
	if (*p == 'Z') {
		offset = 0;
		p++;
	} else if (*p == '+' || *p == '-') {
		if (!digits(p + 1, 2, &oh) || p[3] != ':' || !digits(p + 4, 2, &om) || oh > 14 ||
		    om > 59)
			return false;
		offset = ((int64_t)oh * 60 + om) * 60000LL * (*p == '-' ? -1 : 1);
		p += 6;
	} else {
		return false;
	}
	if (*p != '\0')
		return false;
	*ms = (int64_t)days * 86400000LL + ((int64_t)hh * 3600 + mm * 60 + ss) * 1000LL + frac -
	      offset;
	return true;
}

const char *admin_status_name(Sangkien__InitiativeStatus st)
{
	const struct name_entry *e = names_find(NAMES_STATUS, (int)st);

	return e != NULL ? e->code : "unknown";
}

bool admin_status_list_parse(const char *list, Sangkien__InitiativeStatus *out, size_t *n,
			     char *err, size_t errlen)
{
	const char *p = list, *end;
	size_t k;

	*n = 0;
	for (;;) {
		char name[128];
		size_t len;
		Sangkien__InitiativeStatus st;
		bool found;

		end = strchr(p, ',');
		len = end ? (size_t)(end - p) : strlen(p);
		if (len == 0 || len >= sizeof(name)) {
			snprintf(err, errlen,
				 "--status: danh sách trạng thái có mục rỗng hoặc quá dài: '%s'",
				 list);
			return false;
		}
		memcpy(name, p, len);
		name[len] = '\0';
		found = vn_status_lookup(name, &st);
		/* A Vietnamese name may hold a comma ("Cần bổ sung, sửa đổi"). */
		if (!found && end != NULL) {
			const char *next = strchr(end + 1, ',');
			size_t len2 = next ? (size_t)(next - p) : strlen(p);

			if (len2 < sizeof(name)) {
				memcpy(name, p, len2);
				name[len2] = '\0';
				if ((found = vn_status_lookup(name, &st)))
					end = next;
				else
					name[len] = '\0';
			}
		}
		if (!found) {
			char choices[512];

			vn_names_choices(NAMES_STATUS, choices, sizeof(choices));
			snprintf(err, errlen, "--status: trạng thái '%s' không có; dùng %s", name,
				 choices);
			return false;
		}
		for (k = 0; k < *n && out[k] != st; k++)
			;
		if (k == *n)
			out[(*n)++] = st;
		if (!end)
			return true;
		p = end + 1;
	}
}

static bool text_ok(const char *s, bool multiline)
{
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (multiline && (c == '\n' || c == '\t' || c == '\r'))
			continue;
		if (c < 0x20 || c == 0x7F)
			return false;
	}
	return true;
}

static bool blank(const char *s)
{
	for (; *s; s++) {
		if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
			continue;
		if ((unsigned char)s[0] == 0xC2 && (unsigned char)s[1] == 0xA0) { /* U+00A0 */
			s++;
			continue;
		}
		return false;
	}
	return true;
}

bool admin_text_check(const char *what, const char *s, size_t max_cp, bool multiline, char *err,
		      size_t errlen)
{
	size_t cps = 0;

	if (!utf8_is_valid(s, strlen(s), &cps)) {
		snprintf(err, errlen, "%s: văn bản không phải UTF-8 hợp lệ", what);
		return false;
	}
	if (blank(s)) {
		snprintf(err, errlen, "%s: không được để trống", what);
		return false;
	}
	if (cps > max_cp) {
		snprintf(err, errlen, "%s: dài %zu ký tự, tối đa %zu", what, cps, max_cp);
		return false;
	}
	if (!text_ok(s, multiline)) {
		snprintf(err, errlen, "%s: có ký tự điều khiển%s", what,
			 multiline ? "" : " (phải viết trên một dòng)");
		return false;
	}
	return true;
}

bool admin_decision_date_parse(const char *what, const char *s, char iso[VN_DATE_LEN], char *err,
			       size_t errlen)
{
	int32_t d, first;
	char why[160];

	if (!vn_date_to_iso(s, iso, why, sizeof(why))) {
		snprintf(err, errlen, "%s: %s", what, why);
		return false;
	}
	date_parse(iso, &d);
	date_parse(CHECK_FIRST_DAY, &first);
	if (d < first || d > date_today_utc() + 1) {
		char day[VN_DATE_LEN], from[VN_DATE_LEN];

		vn_date_format(d, day);
		vn_date_format(first, from);
		snprintf(err, errlen, "%s: ngày %s phải từ %s đến hôm nay", what, day, from);
		return false;
	}
	return true;
}

bool admin_phase_spec_parse(const char *spec, struct admin_phase_spec *out, char *err,
			    size_t errlen)
{
	char *parts[4], *p;
	int32_t a, b;
	int n = 0;

	if (strlen(spec) >= sizeof(out->buf)) {
		snprintf(err, errlen, "--phase: quá dài");
		return false;
	}
	snprintf(out->buf, sizeof(out->buf), "%s", spec);
	p = out->buf;
	parts[n++] = p;
	for (; *p; p++) {
		if (*p == '|') {
			if (n == 4) {
				n = 5;
				break;
			}
			*p = '\0';
			parts[n++] = p + 1;
		}
	}
	if (n != 4) {
		snprintf(err, errlen,
			 "--phase '%s': cần đúng 4 phần MÃ|TÊN|NGÀY_BẮT_ĐẦU|NGÀY_KẾT_THÚC", spec);
		return false;
	}
	out->code = parts[0];
	out->name = parts[1];
	out->starts_on = parts[2];
	out->ends_on = parts[3];
	if (!unit_code_is_valid(out->code)) {
		snprintf(err, errlen,
			 "--phase '%s': mã giai đoạn '%s' không hợp lệ (1 đến %d ký tự A-Z a-z "
			 "0-9 . _ -)",
			 spec, out->code, CHECK_UNIT_CODE_MAX);
		return false;
	}
	if (!admin_text_check("--phase: tên giai đoạn", out->name, ADMIN_NAME_MAX, false, err,
			      errlen))
		return false;
	if (!vn_date_to_iso(parts[2], out->starts_iso, NULL, 0) ||
	    !vn_date_to_iso(parts[3], out->ends_iso, NULL, 0)) {
		snprintf(err, errlen,
			 "--phase '%s': ngày phải có dạng dd/mm/yyyy (hoặc YYYY-MM-DD) và có thật",
			 spec);
		return false;
	}
	out->starts_on = out->starts_iso;
	out->ends_on = out->ends_iso;
	date_parse(out->starts_on, &a);
	date_parse(out->ends_on, &b);
	if (a > b) {
		char from[VN_DATE_LEN], to[VN_DATE_LEN];

		vn_date_format(a, from);
		vn_date_format(b, to);
		snprintf(err, errlen, "--phase '%s': ngày bắt đầu %s sau ngày kết thúc %s", spec,
			 from, to);
		return false;
	}
	return true;
}
