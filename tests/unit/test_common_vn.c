/* The Vietnamese conventions both clients share: dates dd/mm/yyyy, local
 * time with Vietnam's zone as the fallback, numbers 1.000 / 44,1%, and the
 * names of statuses, kinds and themes looked up from what a user types. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <cmocka.h>

#include "initiative_check.h"
#include "platform.h"
#include "test_zones.h"
#include "utf8.h"
#include "vn_date.h"
#include "vn_letters.h"
#include "vn_names.h"
#include "vn_number.h"
#include "vn_time.h"

static int32_t iso_days(const char *iso)
{
	int32_t d = 0;

	assert_true(date_parse(iso, &d));
	return d;
}

static void test_date_parse_forms(void **state)
{
	int32_t d;
	char err[200];

	(void)state;
	assert_true(vn_date_parse("15/03/2022", &d, err, sizeof(err)));
	assert_int_equal(d, iso_days("2022-03-15"));
	assert_true(vn_date_parse("5/3/2022", &d, err, sizeof(err)));
	assert_int_equal(d, iso_days("2022-03-05"));
	assert_true(vn_date_parse("05/3/2022", &d, err, sizeof(err)));
	assert_int_equal(d, iso_days("2022-03-05"));
	assert_true(vn_date_parse("2022-03-15", &d, err, sizeof(err)));
	assert_int_equal(d, iso_days("2022-03-15"));
	assert_true(vn_date_parse("  29/02/2024 \n", &d, err, sizeof(err)));
	assert_int_equal(d, iso_days("2024-02-29"));
	assert_true(vn_date_parse("31/12/2021", &d, NULL, 0));
	assert_int_equal(d, iso_days("2021-12-31"));
}

static void test_date_parse_errors(void **state)
{
	int32_t d = 12345;
	char err[200];
	static const char *const not_dates[] = {
	    "",		  "15-03-2022", "2022/03/15", "15/03/22", "150/3/2022", "15/03/2022x",
	    "1/1/20222",  "2022-3-15",	"a/b/c",      "15/03/",	  "/03/2022",	"2022-03-15T00",
	    "15 03 2022", "15/03/-202", "+5/03/2022", "15//2022",
	};

	(void)state;
	for (size_t i = 0; i < sizeof(not_dates) / sizeof(not_dates[0]); i++) {
		err[0] = '\0';
		assert_false(vn_date_parse(not_dates[i], &d, err, sizeof(err)));
		assert_non_null(strstr(err, "không phải ngày"));
		assert_non_null(strstr(err, "15/03/2022"));
	}
	assert_false(vn_date_parse("31/02/2022", &d, err, sizeof(err)));
	assert_string_equal(err, "“31/02/2022”: không có ngày 31/02/2022");
	assert_false(vn_date_parse("29/02/2023", &d, err, sizeof(err)));
	assert_non_null(strstr(err, "không có ngày"));
	assert_false(vn_date_parse("2022-13-01", &d, err, sizeof(err)));
	assert_non_null(strstr(err, "không có ngày 01/13/2022"));
	assert_false(vn_date_parse("0/1/2022", &d, err, sizeof(err)));
	assert_false(vn_date_parse(NULL, &d, NULL, 0));
	assert_int_equal(d, 12345); /* untouched on error */
	/* A long line is quoted cut, on a character boundary. */
	assert_false(vn_date_parse("ngày mười lăm tháng ba năm hai nghìn không trăm hai mươi hai",
				   &d, err, sizeof(err)));
	assert_non_null(strstr(err, "“ngày mười lăm tháng ba năm"));
}

static void test_date_format(void **state)
{
	char out[VN_DATE_LEN], iso[VN_DATE_LEN], small[4];

	(void)state;
	vn_date_format(iso_days("2022-03-05"), out);
	assert_string_equal(out, "05/03/2022");
	vn_date_format(0, out);
	assert_string_equal(out, "01/01/1970");
	vn_date_show_iso("2021-09-01", out, sizeof(out));
	assert_string_equal(out, "01/09/2021");
	vn_date_show_iso("9999-99-99", out, sizeof(out)); /* shown as it came */
	assert_string_equal(out, "9999-99-99");
	vn_date_show_iso(NULL, out, sizeof(out));
	assert_string_equal(out, "");
	vn_date_show_iso("2021-09-01", small, sizeof(small));
	assert_string_equal(small, "202");
	assert_true(vn_date_to_iso("1/9/2021", iso, NULL, 0));
	assert_string_equal(iso, "2021-09-01");
}

#ifdef _WIN32
/* Windows gives local times no zone abbreviation: the offset alone. */
#define TOKYO_LABEL "UTC+09:00"
/* Its C runtime converts no moment before 1970. */
#define BEFORE_EPOCH "?"
#else
#define TOKYO_LABEL "UTC+09:00, JST"
#define BEFORE_EPOCH "31/12/1969 23:59:59"
#endif

/* 2022-03-15 07:05:09.500 UTC */
#define MOMENT 1647327909500LL
/* 2022-07-15 07:05:09 UTC: daylight saving in New York under any rules */
#define SUMMER 1657868709000LL

static void test_time_explicit_zone(void **state)
{
	char out[VN_TIME_LEN];

	(void)state;
	set_tz(TZ_TOKYO);
	vn_time_format(MOMENT, false, out);
	assert_string_equal(out, "15/03/2022 16:05");
	assert_string_equal(vn_time_zone_label(), TOKYO_LABEL);
	assert_int_equal(vn_time_offset(MOMENT), 9 * 3600);
	set_tz(TZ_UTC); /* chosen explicitly: kept */
	vn_time_format(MOMENT, true, out);
	assert_string_equal(out, "15/03/2022 07:05:09");
	assert_string_equal(vn_time_zone_label(), "UTC+00:00");
	set_tz(TZ_VIETNAM);
	vn_time_format(MOMENT, true, out);
	assert_string_equal(out, "15/03/2022 14:05:09");
	assert_string_equal(vn_time_zone_label(), "giờ Việt Nam, UTC+07:00");
	set_tz(TZ_NEW_YORK);
	vn_time_format(SUMMER, false, out);
	assert_string_equal(out, "15/07/2022 03:05");
	assert_int_equal(vn_time_offset(SUMMER), -4 * 3600);
#ifndef _WIN32
	/* tzdata's rules: daylight saving from 13/03/2022. */
	vn_time_format(MOMENT, false, out);
	assert_string_equal(out, "15/03/2022 03:05");
	assert_int_equal(vn_time_offset(MOMENT), -4 * 3600);
#endif
}

static void test_time_fallback_vietnam(void **state)
{
	char out[VN_TIME_LEN];
	struct tm tm;
	long off;

	(void)state;
	set_tz(NULL);
	assert_true(sk_localtime(1704067200, &tm, &off));
	vn_time_format(MOMENT, false, out);
	if (off == 0) {
		/* The machine is at UTC (CI, containers): Vietnam's time. */
		assert_string_equal(out, "15/03/2022 14:05");
		assert_string_equal(vn_time_zone_label(), "giờ Việt Nam, UTC+07:00");
	} else {
		/* A configured machine: its own zone. */
		char want[64];

		assert_true(sk_localtime((time_t)(MOMENT / 1000), &tm, &off));
		snprintf(want, sizeof(want), "%02d/%02d/%04d %02d:%02d", tm.tm_mday, tm.tm_mon + 1,
			 tm.tm_year + 1900, tm.tm_hour, tm.tm_min);
		assert_string_equal(out, want);
	}
#ifndef _WIN32 /* on Windows an empty variable is no variable */
	/* An empty TZ means UTC to the C library, the zone of an unconfigured
	 * machine: Vietnam's time. */
	set_tz("");
	vn_time_format(MOMENT, false, out);
	assert_string_equal(out, "15/03/2022 14:05");
	assert_string_equal(vn_time_zone_label(), "giờ Việt Nam, UTC+07:00");
#endif
}

static void test_time_edges(void **state)
{
	char out[VN_TIME_LEN];

	(void)state;
	set_tz(TZ_VIETNAM);
	vn_time_format(INT64_MAX, false, out);
	assert_string_equal(out, "?");
	vn_time_format(INT64_MIN, true, out);
	assert_string_equal(out, "?");
	/* The form for files and programs: same zone, same bounds. */
	vn_time_format_iso(MOMENT, out);
	assert_string_equal(out, "2022-03-15 14:05");
	vn_time_format_iso(INT64_MAX, out);
	assert_string_equal(out, "?");
	vn_time_format_iso(INT64_MAX - 3600000, out);
	assert_string_equal(out, "?");
	vn_time_format_iso(INT64_MIN, out);
	assert_string_equal(out, "?");
	vn_time_format(INT64_MAX - 3600000, false, out);
	assert_string_equal(out, "?");
	vn_time_format(1640995199999LL, true, out); /* 1 ms before 2022 in UTC */
	assert_string_equal(out, "01/01/2022 06:59:59");
	set_tz(TZ_UTC);
	vn_time_format(-1, true, out); /* before the epoch: rounded down */
	assert_string_equal(out, BEFORE_EPOCH);
	vn_time_format(0, false, out);
	assert_string_equal(out, "01/01/1970 00:00");
	assert_int_equal(vn_time_offset(INT64_MAX), 0);
	/* Today in Vietnam is today in UTC or the day after. */
	{
		int32_t utc = (int32_t)(time(NULL) / 86400);

		assert_true(vn_today() == utc || vn_today() == utc + 1);
	}
}

/* Where the day typed as dd/mm/yyyy (ISO here) begins, in ms, read as the
 * display reads moments; fails the test when it cannot be read. */
static int64_t day_start(const char *iso)
{
	int64_t ms = -1;

	assert_true(vn_time_from_local(iso_days(iso), 0, &ms));
	return ms;
}

/* The start of a typed day is where the display begins to show it: that
 * day at 00:00 (or the first time the clock shows, when it skips
 * midnight), and the day before a moment earlier. */
static void assert_day_starts_shown(const char *iso, const char *shown_at_start)
{
	char out[VN_TIME_LEN], want_before[VN_DATE_LEN];
	int64_t ms = day_start(iso);

	vn_time_format(ms, false, out);
	assert_string_equal(out, shown_at_start);
	vn_date_format(iso_days(iso) - 1, want_before);
	vn_time_format(ms - 1, true, out);
	out[10] = '\0';
	assert_string_equal(out, want_before);
	/* and the day of a moment, for filters, agrees */
	assert_int_equal(vn_time_day(ms), iso_days(iso));
	assert_int_equal(vn_time_day(ms - 1), iso_days(iso) - 1);
}

/* Dates and times people type are read in the zone times are shown in. */
static void test_typed_time_zones(void **state)
{
	int64_t ms;
	struct tm tm;
	long off;

	(void)state;
	set_tz(TZ_VIETNAM);
	assert_int_equal(day_start("2022-03-15"), 1647277200000LL); /* 14/03 17:00 UTC */
	assert_day_starts_shown("2022-03-15", "15/03/2022 00:00");
	assert_true(vn_time_from_local(iso_days("2022-03-15"), 14 * 3600 + 5 * 60 + 9, &ms));
	assert_int_equal(ms, MOMENT - 500);
	set_tz(TZ_UTC);
	assert_int_equal(day_start("2022-03-15"), 1647302400000LL);
	assert_day_starts_shown("2022-03-15", "15/03/2022 00:00");
	set_tz(TZ_TOKYO);
	assert_int_equal(day_start("2022-03-15"), 1647270000000LL);
	/* Unset: the zone the display falls back to, whatever the machine's. */
	set_tz(NULL);
	assert_day_starts_shown("2022-03-15", "15/03/2022 00:00");
	assert_true(sk_localtime(1704067200, &tm, &off));
	if (off == 0) /* a machine at UTC: Vietnam's midnight */
		assert_int_equal(day_start("2022-03-15"), 1647277200000LL);
	/* Berlin in winter. */
	set_tz(TZ_BERLIN);
	assert_int_equal(day_start("2022-01-15"), 1642201200000LL); /* 14/01 23:00 UTC */
#ifndef _WIN32
	/* Berlin in summer: tzdata's rules.  (The Windows C runtime's summer
	 * time for a TZ value follows its own dates, and Wine's follows the
	 * host's zone instead, so the summer cases are POSIX's alone.) */
	assert_int_equal(day_start("2022-07-15"), 1657836000000LL); /* 14/07 22:00 UTC */
	assert_day_starts_shown("2022-07-15", "15/07/2022 00:00");
	assert_true(vn_time_from_local(iso_days("2022-07-15"), 17 * 3600, &ms));
	assert_int_equal(ms, 1657897200000LL); /* 15:00 UTC */
	/* tzdata's rules: clocks forward at 02:00 on 27/03/2022, back at 03:00
	 * on 30/10/2022.  The days either side start at their midnights, one
	 * 23 hours long, the other 25. */
	assert_int_equal(day_start("2022-03-27"), 1648335600000LL);
	assert_int_equal(day_start("2022-03-28") - day_start("2022-03-27"), 23 * 3600000LL);
	assert_day_starts_shown("2022-03-28", "28/03/2022 00:00");
	assert_int_equal(day_start("2022-10-30"), 1667080800000LL);
	assert_int_equal(day_start("2022-10-31") - day_start("2022-10-30"), 25 * 3600000LL);
	assert_day_starts_shown("2022-10-31", "31/10/2022 00:00");
	/* 02:30 skipped: the first moment after (03:00 summer time); 02:30
	 * said twice: the first (summer time). */
	assert_true(vn_time_from_local(iso_days("2022-03-27"), 2 * 3600 + 1800, &ms));
	assert_int_equal(ms, 1648342800000LL);
	assert_true(vn_time_from_local(iso_days("2022-10-30"), 2 * 3600 + 1800, &ms));
	assert_int_equal(ms, 1667089800000LL);
	/* Santiago skips midnight itself (00:00 -> 01:00 on 11/09/2022). */
	set_tz("America/Santiago");
	assert_int_equal(day_start("2022-09-11"), 1662868800000LL);
	assert_day_starts_shown("2022-09-11", "11/09/2022 01:00");
#endif
	/* The day of a moment at either side of the epoch, and of a hostile one. */
	set_tz(TZ_UTC);
	assert_int_equal(vn_time_day(0), 0);
	assert_int_equal(vn_time_day(-1), -1);
	assert_int_equal(vn_time_day(INT64_MAX), INT32_MAX);
	assert_int_equal(vn_time_day(INT64_MIN), INT32_MIN);
	/* Outside a day's seconds, or the years the display can show. */
	set_tz(TZ_VIETNAM);
	ms = 42;
	assert_false(vn_time_from_local(iso_days("2022-03-15"), -1, &ms));
	assert_false(vn_time_from_local(iso_days("2022-03-15"), 86400, &ms));
	assert_false(vn_time_from_local(INT32_MAX, 0, &ms));
	assert_false(vn_time_from_local(INT32_MIN, 0, &ms));
	assert_int_equal(ms, 42);
}

static void test_numbers(void **state)
{
	char out[VN_NUMBER_LEN];

	(void)state;
	vn_number_format(0, out);
	assert_string_equal(out, "0");
	vn_number_format(999, out);
	assert_string_equal(out, "999");
	vn_number_format(1000, out);
	assert_string_equal(out, "1.000");
	vn_number_format(1234567, out);
	assert_string_equal(out, "1.234.567");
	vn_number_format(-1500, out);
	assert_string_equal(out, "-1.500");
	vn_number_format(INT64_MIN, out);
	assert_string_equal(out, "-9.223.372.036.854.775.808");
	vn_number_format_u(UINT64_MAX, out);
	assert_string_equal(out, "18.446.744.073.709.551.615");
	vn_number_format_u(100000, out);
	assert_string_equal(out, "100.000");
}

static void test_percent(void **state)
{
	char out[VN_NUMBER_LEN];

	(void)state;
	vn_percent_format(441, 1000, out);
	assert_string_equal(out, "44,1%");
	vn_percent_format(44, 1000, out);
	assert_string_equal(out, "4,4%");
	vn_percent_format(441, 300, out); /* 147% */
	assert_string_equal(out, "147,0%");
	vn_percent_format(1, 3, out); /* 33.333 */
	assert_string_equal(out, "33,3%");
	vn_percent_format(2, 3, out); /* 66.666 -> 66.7 */
	assert_string_equal(out, "66,7%");
	vn_percent_format(1, 8, out); /* 12.5 exactly */
	assert_string_equal(out, "12,5%");
	vn_percent_format(1, 16, out); /* 6.25 -> 6.3, half up */
	assert_string_equal(out, "6,3%");
	vn_percent_format(0, 5, out);
	assert_string_equal(out, "0,0%");
	vn_percent_format(12345, 10, out);
	assert_string_equal(out, "123.450,0%");
	vn_percent_format(5, 0, out);
	assert_string_equal(out, "-");
	vn_percent_format(UINT64_MAX, UINT64_MAX, out);
	assert_string_equal(out, "100,0%");
	vn_percent_format(UINT64_MAX, 1, out); /* absurd, but no overflow */
	assert_non_null(strstr(out, ","));
}

static void test_names_shown(void **state)
{
	(void)state;
	assert_string_equal(vn_status_name(SANGKIEN__INITIATIVE_STATUS__STATUS_UNDER_REVIEW),
			    "Đang xét duyệt");
	assert_string_equal(vn_status_name(SANGKIEN__INITIATIVE_STATUS__STATUS_UNSPECIFIED),
			    "Không rõ");
	assert_string_equal(vn_status_name((Sangkien__InitiativeStatus)99), "Không rõ");
	assert_string_equal(vn_kind_name(SANGKIEN__INITIATIVE_KIND__KIND_TECHNICAL),
			    "Cải tiến kỹ thuật");
	assert_string_equal(vn_kind_name((Sangkien__InitiativeKind)99), "Không rõ");
	assert_string_equal(vn_theme_name(SANGKIEN__THEME__THEME_COVID),
			    "Phòng, chống dịch Covid-19");
	assert_string_equal(vn_theme_name(SANGKIEN__THEME__THEME_UNSPECIFIED), "Không ghi chủ đề");
	assert_string_equal(vn_theme_name((Sangkien__Theme)99), "Không rõ");
}

static void test_names_lookup(void **state)
{
	Sangkien__InitiativeStatus st = 0;
	Sangkien__InitiativeKind k = 0;
	Sangkien__Theme t = 0;

	(void)state;
	/* Code, any case, any separator. */
	assert_true(vn_status_lookup("under_review", &st));
	assert_int_equal(st, SANGKIEN__INITIATIVE_STATUS__STATUS_UNDER_REVIEW);
	assert_true(vn_status_lookup("Under Review", &st));
	assert_int_equal(st, SANGKIEN__INITIATIVE_STATUS__STATUS_UNDER_REVIEW);
	/* Vietnamese, with diacritics (precomposed and decomposed), without, in
	 * capitals. */
	assert_true(vn_status_lookup("Được công nhận", &st));
	assert_int_equal(st, SANGKIEN__INITIATIVE_STATUS__STATUS_RECOGNIZED);
	/* "Được công nhận" with decomposed marks (U+031B horn, U+0323 dot). */
	assert_true(vn_status_lookup("Đu\xcc\x9b\xcc\xa3"
				     "o\xcc\x9b\xcc\xa3"
				     "c co\xcc\x82ng nha\xcc\x82\xcc\xa3n",
				     &st));
	assert_int_equal(st, SANGKIEN__INITIATIVE_STATUS__STATUS_RECOGNIZED);
	assert_true(vn_status_lookup("khong duoc cong nhan", &st));
	assert_int_equal(st, SANGKIEN__INITIATIVE_STATUS__STATUS_REJECTED);
	assert_true(vn_status_lookup("  ĐÃ RÚT ", &st));
	assert_int_equal(st, SANGKIEN__INITIATIVE_STATUS__STATUS_WITHDRAWN);
	assert_true(vn_status_lookup("da gui cho xem xet", &st));
	assert_int_equal(st, SANGKIEN__INITIATIVE_STATUS__STATUS_SUBMITTED);

	assert_true(vn_kind_lookup("technical", &k));
	assert_int_equal(k, SANGKIEN__INITIATIVE_KIND__KIND_TECHNICAL);
	assert_true(vn_kind_lookup("SÁNG KIẾN KHOA HỌC", &k));
	assert_int_equal(k, SANGKIEN__INITIATIVE_KIND__KIND_SCIENTIFIC);
	assert_true(vn_kind_lookup("giai phap quan ly", &k));
	assert_int_equal(k, SANGKIEN__INITIATIVE_KIND__KIND_MANAGEMENT);

	assert_true(vn_theme_lookup("workers-life", &t));
	assert_int_equal(t, SANGKIEN__THEME__THEME_WORKERS_LIFE);
	assert_true(vn_theme_lookup("phong chong dich covid 19", &t));
	assert_int_equal(t, SANGKIEN__THEME__THEME_COVID);
	assert_true(vn_theme_lookup("Cải cách hành chính, chuyển đổi số", &t));
	assert_int_equal(t, SANGKIEN__THEME__THEME_ADMIN_REFORM);
	assert_true(vn_theme_lookup("đổi mới hoạt động công đoàn", &t));
	assert_int_equal(t, SANGKIEN__THEME__THEME_UNION_WORK);

	/* Nothing else matches, and a failed lookup leaves *out alone. */
	st = SANGKIEN__INITIATIVE_STATUS__STATUS_SUBMITTED;
	assert_false(vn_status_lookup("đang", &st));
	assert_false(vn_status_lookup("", &st));
	assert_false(vn_status_lookup(" - ", &st));
	assert_false(vn_status_lookup(NULL, &st));
	assert_false(vn_status_lookup("recognised", &st));
	assert_false(vn_status_lookup("\xff\xfe", &st));
	assert_int_equal(st, SANGKIEN__INITIATIVE_STATUS__STATUS_SUBMITTED);
	assert_false(vn_kind_lookup("khoa học", &k));
	assert_false(vn_theme_lookup("covid-20", &t));
}

/* No two names of one set fold to the same key: lookup is never ambiguous. */
static void test_names_unambiguous(void **state)
{
	static const enum name_set sets[] = {NAMES_STATUS, NAMES_KIND, NAMES_THEME};

	(void)state;
	for (size_t s = 0; s < 3; s++) {
		size_t n;
		const struct name_entry *t = names_table(sets[s], &n);
		char keys[32][128];
		size_t nk = 0;

		assert_true(n > 0 && 2 * n <= 32);
		for (size_t i = 0; i < n; i++) {
			int v = -1;

			assert_true(vn_fold(t[i].code, keys[nk++], 128));
			assert_true(vn_fold(t[i].vi, keys[nk++], 128));
			assert_true(vn_names_lookup(sets[s], t[i].vi, &v));
			assert_int_equal(v, t[i].value);
			assert_true(vn_names_lookup(sets[s], t[i].code, &v));
			assert_int_equal(v, t[i].value);
		}
		for (size_t i = 0; i < nk; i++)
			for (size_t j = i + 1; j < nk; j++)
				assert_true(strcmp(keys[i], keys[j]) != 0);
	}
}

static void test_fold(void **state)
{
	char out[64], tiny[6];

	(void)state;
	assert_true(vn_fold("Phòng, chống dịch Covid-19", out, sizeof(out)));
	assert_string_equal(out, "phong chong dich covid 19");
	assert_true(vn_fold("ĐƯỜNG Ấp Bắc — Ỹ", out, sizeof(out)));
	assert_string_equal(out, "duong ap bac y");
	assert_true(vn_fold("", out, sizeof(out)));
	assert_string_equal(out, "");
	assert_false(vn_fold("abcdefgh", tiny, sizeof(tiny)));
	assert_string_equal(tiny, "abcde");
}

/* The 134 Vietnamese letters with diacritics, lower and upper case, with
 * the ASCII letter each folds to: all come from the one letter table. */
static void test_fold_every_vietnamese_letter(void **state)
{
	static const char *const letters[] = {
	    "aàáảãạăằắẳẵặâầấẩẫậ",
	    "AÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬ",
	    "eèéẻẽẹêềếểễệ",
	    "EÈÉẺẼẸÊỀẾỂỄỆ",
	    "iìíỉĩị",
	    "IÌÍỈĨỊ",
	    "oòóỏõọôồốổỗộơờớởỡợ",
	    "OÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢ",
	    "uùúủũụưừứửữự",
	    "UÙÚỦŨỤƯỪỨỬỮỰ",
	    "yỳýỷỹỵ",
	    "YỲÝỶỸỴ",
	    "dđ",
	    "DĐ",
	};

	(void)state;
	for (size_t i = 0; i < sizeof(letters) / sizeof(letters[0]); i++) {
		const char *pos = letters[i], *end = pos + strlen(pos);
		char base = (char)(letters[i][0] | 0x20);

		while (pos < end) {
			const char *start = pos;
			char one[8], out[8];
			const struct vn_letter *l;
			uint32_t cp = utf8_next(&pos, end);

			memcpy(one, start, (size_t)(pos - start));
			one[pos - start] = '\0';
			assert_true(vn_fold(one, out, sizeof(out)));
			assert_int_equal(out[0], base);
			assert_int_equal(out[1], '\0');
			/* the table's entry is the letter's base and marks */
			l = vn_letter_find(cp);
			if (cp < 0x80 || cp == 0x110 || cp == 0x111) {
				assert_null(l);
				continue;
			}
			assert_non_null(l);
			assert_int_equal(l->base | 0x20, base);
			assert_int_not_equal(l->marks[0], 0);
		}
	}
	assert_null(vn_letter_find(0x300));
	assert_null(vn_letter_find(0xD7)); /* × */
}

static void test_choices(void **state)
{
	char out[512], small[20];

	(void)state;
	vn_names_choices(NAMES_KIND, out, sizeof(out));
	assert_string_equal(out, "scientific (Sáng kiến khoa học), technical (Cải tiến kỹ "
				 "thuật), management (Giải pháp quản lý)");
	vn_names_choices(NAMES_THEME, small, sizeof(small));
	assert_int_equal(strlen(small), sizeof(small) - 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_date_parse_forms),
	    cmocka_unit_test(test_date_parse_errors),
	    cmocka_unit_test(test_date_format),
	    cmocka_unit_test(test_time_explicit_zone),
	    cmocka_unit_test(test_time_fallback_vietnam),
	    cmocka_unit_test(test_time_edges),
	    cmocka_unit_test(test_typed_time_zones),
	    cmocka_unit_test(test_numbers),
	    cmocka_unit_test(test_percent),
	    cmocka_unit_test(test_names_shown),
	    cmocka_unit_test(test_names_lookup),
	    cmocka_unit_test(test_names_unambiguous),
	    cmocka_unit_test(test_fold),
	    cmocka_unit_test(test_fold_every_vietnamese_letter),
	    cmocka_unit_test(test_choices),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
