/*
 * report_table.c - the report as aligned tables on a terminal (see
 * report.h).  The weekly table runs from the first to the last week with
 * an initiative; CSV and JSON keep every week the server sent.
 */
#include <inttypes.h>
#include <stdlib.h>

#include "admin_parse.h"
#include "out_table.h"
#include "report.h"
#include "term_text.h"
#include "vn_date.h"
#include "vn_time.h"

static const char *s(const char *v)
{
	return v ? v : "";
}

static void header(FILE *f, const Sangkien__ReportReply *r)
{
	struct report_totals t;
	char at[VN_TIME_LEN], pct[32];

	report_totals(r, &t);
	vn_time_format(r->as_of_unix_ms, false, at);
	term_printf(f, "BÁO CÁO TIẾN ĐỘ: %s (%s)\n", s(r->scope_name), s(r->scope_code));
	term_printf(f, "Đợt thi đua: %s (%s), tính sáng kiến từ ngày %s\n", s(r->campaign_name),
		    s(r->campaign_code), s(r->counts_from));
	fprintf(f, "Số liệu lúc: %s (%s)\n", at, vn_time_zone_label());
	fprintf(f, "Đã gửi: %" PRIu64 "; được công nhận: %" PRIu64 "\n", t.submitted, t.recognized);
	/* Each rate next to the target it is measured against, named. */
	if (r->target) {
		report_percent(t.submitted, r->target, pct);
		term_printf(f, "  so với chỉ tiêu của %s (%" PRIu32 "): %s%%\n", s(r->scope_name),
			    r->target, pct);
	} else {
		term_printf(f, "  chỉ tiêu của %s: chưa đặt\n", s(r->scope_name));
	}
	report_percent(t.submitted, t.quota, pct);
	fprintf(f, "  so với tổng chỉ tiêu phân bổ cho %zu công đoàn cơ sở (%" PRIu64 "): %s%%\n",
		r->n_units, t.quota, pct);
}

static void title(FILE *f, int n, enum report_section sec)
{
	fprintf(f, "\n%d. %s\n\n", n, report_section_title(sec));
}

static void units(FILE *f, const Sangkien__ReportReply *r)
{
	static const char *const head[] = {
	    "Mã", "Đơn vị", "Chỉ tiêu", "Đã gửi", "Được công nhận", "Tỷ lệ (%)", "Hồ sơ đủ"};
	static const bool right[] = {0, 0, 1, 1, 1, 1, 1};
	struct out_table *t = out_table_create(7, head, right);
	struct report_totals tot;
	char b[5][32];
	size_t i;

	for (i = 0; i < r->n_units; i++) {
		const Sangkien__QuotaReply *u = r->units[i];
		const char *row[7] = {u->unit_code, u->unit_name, b[0], b[1], b[2], b[3], b[4]};

		snprintf(b[0], 32, "%" PRIu32, u->quota);
		snprintf(b[1], 32, "%" PRIu32, u->submitted);
		snprintf(b[2], 32, "%" PRIu32, u->recognized);
		report_percent(u->submitted, u->quota, b[3]);
		snprintf(b[4], 32, "%" PRIu32, u->dossiers_complete);
		out_table_add(t, row);
	}
	report_totals(r, &tot);
	{
		const char *row[7] = {"", "Tổng cộng", b[0], b[1], b[2], b[3], b[4]};

		snprintf(b[0], 32, "%" PRIu64, tot.quota);
		snprintf(b[1], 32, "%" PRIu64, tot.submitted);
		snprintf(b[2], 32, "%" PRIu64, tot.recognized);
		report_percent(tot.submitted, tot.quota, b[3]);
		snprintf(b[4], 32, "%" PRIu64, tot.dossiers_complete);
		out_table_add_rule(t);
		out_table_add(t, row);
	}
	if (r->n_units == 0)
		fputs("Không có công đoàn cơ sở nào trong phạm vi.\n", f);
	else
		out_table_print(t, f);
	out_table_free(t);
}

static void phases(FILE *f, const Sangkien__ReportReply *r)
{
	static const char *const head[] = {"Giai đoạn", "Tên",	  "Từ ngày",	    "Đến ngày",
					   "Chỉ tiêu",	"Đã gửi", "Được công nhận", "Tỷ lệ (%)"};
	static const bool right[] = {0, 0, 0, 0, 1, 1, 1, 1};
	struct out_table *t;
	char b[4][32];
	size_t i;

	if (r->n_phases == 0) {
		fputs("Đợt thi đua chưa chia giai đoạn.\n", f);
		return;
	}
	t = out_table_create(8, head, right);
	for (i = 0; i < r->n_phases; i++) {
		const Sangkien__PhaseReport *p = r->phases[i];
		const Sangkien__Phase *ph = p->phase;
		const char *row[8] = {ph ? ph->code : "",
				      ph ? ph->name : "",
				      ph ? ph->starts_on : "",
				      ph ? ph->ends_on : "",
				      b[0],
				      b[1],
				      b[2],
				      b[3]};

		snprintf(b[0], 32, "%" PRIu32, p->target);
		snprintf(b[1], 32, "%" PRIu32, p->submitted);
		snprintf(b[2], 32, "%" PRIu32, p->recognized);
		report_percent(p->submitted, p->target, b[3]);
		out_table_add(t, row);
	}
	out_table_print(t, f);
	out_table_free(t);
}

static void behind(FILE *f, const Sangkien__ReportReply *r)
{
	static const char *const head[] = {"Mã",     "Đơn vị",	  "Chỉ tiêu",
					   "Đã gửi", "Còn thiếu", "Tỷ lệ (%)"};
	static const bool right[] = {0, 0, 1, 1, 1, 1};
	struct report_behind *list;
	size_t n = report_behind_list(r, &list), i;
	struct out_table *t;
	char b[4][32];

	if (n == 0) {
		fputs("Mọi đơn vị có chỉ tiêu đều đã đạt.\n", f);
		return;
	}
	t = out_table_create(6, head, right);
	for (i = 0; i < n; i++) {
		const Sangkien__QuotaReply *u = list[i].unit;
		const char *row[6] = {u->unit_code, u->unit_name, b[0], b[1], b[2], b[3]};

		snprintf(b[0], 32, "%" PRIu32, u->quota);
		snprintf(b[1], 32, "%" PRIu32, u->submitted);
		snprintf(b[2], 32, "%" PRIu32, list[i].shortfall);
		report_percent(u->submitted, u->quota, b[3]);
		out_table_add(t, row);
	}
	out_table_print(t, f);
	out_table_free(t);
	free(list);
}

static void counts(FILE *f, const char *first, Sangkien__ReportCount *const *c,
		   const char *(*label)(const char *), size_t from, size_t to)
{
	const char *head[] = {first, "Đã gửi", "Được công nhận"};
	static const bool right[] = {0, 1, 1};
	struct out_table *t = out_table_create(3, head, right);
	uint64_t sub = 0, rec = 0;
	char b[2][32];
	size_t i;

	for (i = from; i < to; i++) {
		const char *row[3] = {label ? label(c[i]->key) : c[i]->key, b[0], b[1]};

		snprintf(b[0], 32, "%" PRIu32, c[i]->submitted);
		snprintf(b[1], 32, "%" PRIu32, c[i]->recognized);
		sub += c[i]->submitted;
		rec += c[i]->recognized;
		out_table_add(t, row);
	}
	{
		const char *row[3] = {"Tổng cộng", b[0], b[1]};

		snprintf(b[0], 32, "%" PRIu64, sub);
		snprintf(b[1], 32, "%" PRIu64, rec);
		out_table_add_rule(t);
		out_table_add(t, row);
	}
	out_table_print(t, f);
	out_table_free(t);
}

/* A week's Monday as the office writes dates (the table copies it). */
static const char *week_label(const char *iso)
{
	static char b[64];

	vn_date_show_iso(iso, b, sizeof(b));
	return b;
}

void report_write_table(FILE *f, const Sangkien__ReportReply *r)
{
	char from[64], to[64];

	size_t first, end;

	header(f, r);
	title(f, 1, REPORT_UNITS);
	units(f, r);
	title(f, 2, REPORT_PHASES);
	phases(f, r);
	title(f, 3, REPORT_BEHIND);
	behind(f, r);
	title(f, 4, REPORT_KINDS);
	counts(f, "Loại sáng kiến", r->by_kind, report_kind_label, 0, r->n_by_kind);
	title(f, 5, REPORT_THEMES);
	counts(f, "Chủ đề", r->by_theme, report_theme_label, 0, r->n_by_theme);
	title(f, 6, REPORT_WEEKS);
	report_week_span(r, &first, &end);
	if (first == end) {
		fputs("Chưa nhận được sáng kiến nào.\n", f);
		return;
	}
	vn_date_show_iso(r->by_week[first]->key, from, sizeof(from));
	vn_date_show_iso(r->by_week[end - 1]->key, to, sizeof(to));
	/* The keys come from the server: the table filters its cells, this
	 * line is filtered like them. */
	term_printf(f, "(tuần tính từ thứ Hai; từ tuần %s đến tuần %s)\n", from, to);
	counts(f, "Tuần bắt đầu", r->by_week, week_label, first, end);
}
