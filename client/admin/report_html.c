/*
 * report_html.c - the report as one self-contained HTML file (see
 * report.h): inline CSS, inline SVG bar charts, no script, no external
 * asset, so it opens the same anywhere and can be mailed up the chain.
 *
 * Every string from the server passes through html_text(), which escapes
 * & < > " ' and replaces control characters and invalid UTF-8, both in HTML
 * and inside SVG.  Numbers are written the Vietnamese way (1.000; 12,5%).
 */
#include <inttypes.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "admin_alloc.h"
#include "admin_parse.h"
#include "utf8.h"
#include "report.h"

/* Charts draw at most this many bars; the tables below them list all. */
#define CHART_ROWS_MAX 300
/* Labels in horizontal charts are cut to this many characters (the full
 * text is in the bar's tooltip and in the table). */
#define LABEL_MAX_CP 38

#define C_SUBMITTED "#1f5f99"
#define C_RECOGNIZED "#2e8b57"
#define C_TARGET "#dfe6ee"
#define C_BEHIND "#c0392b"

/* Escaped text; at most max_cp code points, "…" when cut (0: no limit). */
static void html_text_cut(FILE *f, const char *s, size_t max_cp)
{
	const char *p = s ? s : "", *end = p + strlen(p);
	size_t cps = 0;

	while (p < end) {
		const char *start = p;
		uint32_t cp = utf8_next(&p, end);
		char buf[4];

		if (max_cp && cps++ == max_cp - 1 && p < end) {
			fputs("…", f);
			return;
		}
		switch (cp) {
		case '&':
			fputs("&amp;", f);
			break;
		case '<':
			fputs("&lt;", f);
			break;
		case '>':
			fputs("&gt;", f);
			break;
		case '"':
			fputs("&quot;", f);
			break;
		case '\'':
			fputs("&#39;", f);
			break;
		default:
			if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0))
				putc(' ', f);
			else if (cp == UTF8_REPLACEMENT)
				fwrite(buf, 1, utf8_put(cp, buf), f);
			else
				fwrite(start, 1, (size_t)(p - start), f);
		}
	}
}

static void html_text(FILE *f, const char *s)
{
	html_text_cut(f, s, 0);
}

/* 1234567 -> "1.234.567". */
static void num_vi(uint64_t v, char out[32])
{
	char digits[32];
	int n = snprintf(digits, sizeof(digits), "%" PRIu64, v), i, o = 0;

	for (i = 0; i < n; i++) {
		if (i > 0 && (n - i) % 3 == 0)
			out[o++] = '.';
		out[o++] = digits[i];
	}
	out[o] = '\0';
}

/* "12,5%", or "–" without a base. */
static void pct_vi(uint64_t num, uint64_t den, char out[32])
{
	char *dot;

	report_percent(num, den, out);
	if (strcmp(out, "-") == 0) {
		strcpy(out, "–");
		return;
	}
	dot = strchr(out, '.');
	if (dot)
		*dot = ',';
	strcat(out, "%");
}

static void num(FILE *f, uint64_t v)
{
	char b[32];

	num_vi(v, b);
	fputs(b, f);
}

static const char css[] =
    "*{box-sizing:border-box}"
    "body{margin:0;background:#f4f6f9;color:#1d2733;font:15px/1.5 'Noto Sans','Segoe UI',"
    "Roboto,Arial,sans-serif}"
    "main{max-width:1080px;margin:0 auto;padding:28px 32px 48px}"
    "header.top{background:#123a63;color:#fff;padding:26px 32px}"
    "header.top .inner{max-width:1080px;margin:0 auto;padding:0 32px}"
    "header.top p{margin:2px 0;color:#cfe0f1}"
    "header.top .kicker{text-transform:uppercase;letter-spacing:.08em;font-size:12px;"
    "color:#9ec3e6}"
    "h1{font-size:26px;margin:4px 0 6px;font-weight:700}"
    "h2{font-size:19px;margin:36px 0 12px;color:#123a63;border-bottom:2px solid #d5dee8;"
    "padding-bottom:6px}"
    ".cards{display:flex;gap:14px;flex-wrap:wrap;margin-top:4px}"
    ".card{flex:1 1 200px;background:#fff;border:1px solid #dde3ea;border-radius:8px;"
    "padding:14px 16px}"
    ".card .label{font-size:13px;color:#5b6b7c}"
    ".card .value{font-size:26px;font-weight:700;color:#123a63}"
    ".card .sub{font-size:13px;color:#5b6b7c}"
    ".chart{background:#fff;border:1px solid #dde3ea;border-radius:8px;padding:10px;"
    "margin:8px 0 14px}"
    ".chart svg{display:block;width:100%;height:auto}"
    ".legend{font-size:13px;color:#44525f;margin:0 0 6px 4px}"
    ".legend i{display:inline-block;width:12px;height:12px;border-radius:2px;"
    "margin:0 5px -1px 14px}"
    "table{border-collapse:collapse;width:100%;background:#fff;font-size:14px;"
    "border:1px solid #dde3ea}"
    "th,td{padding:6px 10px;border-bottom:1px solid #e6ebf0;text-align:left;"
    "vertical-align:top}"
    "th{background:#eef2f7;color:#2b3a4a;font-weight:600}"
    "td.n,th.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}"
    "tr.total td{font-weight:700;background:#f7f9fb}"
    "tr.low td.n:last-child{color:" C_BEHIND "}"
    ".note{color:#5b6b7c;font-size:13px}"
    "footer{color:#7a8896;font-size:12px;margin-top:40px}"
    "@media print{body{background:#fff}.chart,table,.card{break-inside:avoid}}";

/* One horizontal bar: value over an optional target, and a second value
 * (recognized) drawn inside it. */
struct hbar {
	const char *label;
	uint64_t target; /* 0: none drawn */
	uint64_t value;
	uint64_t value2;
	char text[128]; /* shown right of the bar */
};

static void legend(FILE *f, bool target, const char *target_label, const char *value_color,
		   const char *value_label, bool second)
{
	fputs("<p class=\"legend\">", f);
	if (target)
		fprintf(f, "<i style=\"background:%s;border:1px solid #c5d0dc\"></i>%s", C_TARGET,
			target_label);
	fprintf(f, "<i style=\"background:%s\"></i>%s", value_color, value_label);
	if (second)
		fprintf(f, "<i style=\"background:%s\"></i>Được công nhận", C_RECOGNIZED);
	fputs("</p>\n", f);
}

static void svg_hbars(FILE *f, const char *title, const struct hbar *bars, size_t n,
		      const char *value_color)
{
	const double w = 1000, label_w = 300, bar_x = 310, bar_w = 560, row_h = 24;
	double h, max = 0;
	size_t i;

	for (i = 0; i < n; i++) {
		if ((double)bars[i].target > max)
			max = (double)bars[i].target;
		if ((double)bars[i].value > max)
			max = (double)bars[i].value;
	}
	if (max <= 0)
		max = 1;
	h = (double)n * row_h + 12;
	fprintf(f,
		"<div class=\"chart\"><svg xmlns=\"http://www.w3.org/2000/svg\" "
		"viewBox=\"0 0 %.0f %.0f\" role=\"img\" aria-label=\"",
		w, h);
	html_text(f, title);
	fputs("\" font-family=\"Noto Sans, Segoe UI, Roboto, Arial, sans-serif\" "
	      "font-size=\"13\">\n",
	      f);
	for (i = 0; i < n; i++) {
		double y = 6 + (double)i * row_h;
		double tw = (double)bars[i].target / max * bar_w;
		double vw = (double)bars[i].value / max * bar_w;
		double rw = (double)bars[i].value2 / max * bar_w;

		fputs("<g><title>", f);
		html_text(f, bars[i].label);
		fprintf(f, ": %s</title>", bars[i].text);
		fprintf(f, "<text x=\"%.0f\" y=\"%.1f\" text-anchor=\"end\" fill=\"#2b3a4a\">",
			label_w, y + 16);
		html_text_cut(f, bars[i].label, LABEL_MAX_CP);
		fputs("</text>", f);
		if (bars[i].target > 0)
			fprintf(f,
				"<rect x=\"%.0f\" y=\"%.1f\" width=\"%.1f\" height=\"18\" "
				"fill=\"%s\" stroke=\"#c5d0dc\"/>",
				bar_x, y + 2, tw, C_TARGET);
		if (vw > 0)
			fprintf(f,
				"<rect x=\"%.0f\" y=\"%.1f\" width=\"%.1f\" height=\"18\" "
				"fill=\"%s\"/>",
				bar_x, y + 2, vw, value_color);
		if (rw > 0)
			fprintf(f,
				"<rect x=\"%.0f\" y=\"%.1f\" width=\"%.1f\" height=\"8\" "
				"fill=\"%s\"/>",
				bar_x, y + 7, rw, C_RECOGNIZED);
		fprintf(f, "<text x=\"%.1f\" y=\"%.1f\" fill=\"#44525f\">%s</text></g>\n",
			bar_x + fmax(tw, vw) + 6, y + 16, bars[i].text);
	}
	fputs("</svg></div>\n", f);
}

/* The summary cards under the title. */
static void cards(FILE *f, const Sangkien__ReportReply *r, size_t n_behind)
{
	struct report_totals t;
	char a[32], b[32];

	report_totals(r, &t);
	fputs("<div class=\"cards\">\n", f);
	num_vi(r->target, a);
	fprintf(f,
		"<div class=\"card\"><div class=\"label\">Chỉ tiêu của đơn vị</div>"
		"<div class=\"value\">%s</div><div class=\"sub\">",
		a);
	num_vi(t.quota, a);
	fprintf(f, "tổng chỉ tiêu đã giao các đơn vị: %s</div></div>\n", a);
	num_vi(t.submitted, a);
	pct_vi(t.submitted, r->target ? r->target : t.quota, b);
	fprintf(f,
		"<div class=\"card\"><div class=\"label\">Sáng kiến đã gửi</div>"
		"<div class=\"value\">%s</div><div class=\"sub\">đạt %s chỉ tiêu</div></div>\n",
		a, b);
	num_vi(t.recognized, a);
	pct_vi(t.recognized, t.submitted, b);
	fprintf(f,
		"<div class=\"card\"><div class=\"label\">Được công nhận</div>"
		"<div class=\"value\">%s</div><div class=\"sub\">%s số đã gửi</div></div>\n",
		a, b);
	num_vi(n_behind, a);
	num_vi(r->n_units, b);
	fprintf(f,
		"<div class=\"card\"><div class=\"label\">Đơn vị chưa đạt chỉ tiêu</div>"
		"<div class=\"value\">%s</div><div class=\"sub\">trên %s công đoàn cơ sở</div>"
		"</div>\n",
		a, b);
	fputs("</div>\n", f);
}

static void th(FILE *f, const char *const *head, const bool *right, size_t n)
{
	size_t i;

	fputs("<table><thead><tr>", f);
	for (i = 0; i < n; i++)
		fprintf(f, "<th%s>%s</th>", right[i] ? " class=\"n\"" : "", head[i]);
	fputs("</tr></thead><tbody>\n", f);
}

static void td_text(FILE *f, const char *s)
{
	fputs("<td>", f);
	html_text(f, s);
	fputs("</td>", f);
}

static void td_num(FILE *f, uint64_t v)
{
	fputs("<td class=\"n\">", f);
	num(f, v);
	fputs("</td>", f);
}

static void td_pct(FILE *f, uint64_t a, uint64_t b)
{
	char p[32];

	pct_vi(a, b, p);
	fprintf(f, "<td class=\"n\">%s</td>", p);
}

static void bar_text(struct hbar *b, uint64_t value, uint64_t base)
{
	char v[32], t[32], p[32];

	num_vi(value, v);
	if (base == 0) {
		snprintf(b->text, sizeof(b->text), "%s", v);
		return;
	}
	num_vi(base, t);
	pct_vi(value, base, p);
	snprintf(b->text, sizeof(b->text), "%s / %s (%s)", v, t, p);
}

static void section_units(FILE *f, const Sangkien__ReportReply *r)
{
	static const char *const head[] = {"Mã",     "Công đoàn cơ sở", "Chỉ tiêu",
					   "Đã gửi", "Được công nhận",	"Tỷ lệ"};
	static const bool right[] = {0, 0, 1, 1, 1, 1};
	size_t n = r->n_units < CHART_ROWS_MAX ? r->n_units : CHART_ROWS_MAX, i;
	struct report_totals t;

	fprintf(f, "<h2>1. %s</h2>\n", report_section_title(REPORT_UNITS));
	if (r->n_units == 0) {
		fputs("<p class=\"note\">Không có công đoàn cơ sở nào trong phạm vi.</p>\n", f);
		return;
	}
	{
		struct hbar *bars = admin_xcalloc(n, sizeof(*bars));

		if (bars) {
			for (i = 0; i < n; i++) {
				bars[i].label = r->units[i]->unit_name;
				bars[i].target = r->units[i]->quota;
				bars[i].value = r->units[i]->submitted;
				bars[i].value2 = r->units[i]->recognized;
				bar_text(&bars[i], r->units[i]->submitted, r->units[i]->quota);
			}
			legend(f, true, "Chỉ tiêu", C_SUBMITTED, "Đã gửi", true);
			svg_hbars(f, "Tiến độ từng đơn vị so với chỉ tiêu", bars, n, C_SUBMITTED);
			free(bars);
		}
		if (n < r->n_units)
			fprintf(f,
				"<p class=\"note\">Biểu đồ vẽ %zu đơn vị đầu; bảng dưới đây có "
				"đủ %zu đơn vị.</p>\n",
				n, r->n_units);
	}
	th(f, head, right, 6);
	for (i = 0; i < r->n_units; i++) {
		const Sangkien__QuotaReply *u = r->units[i];

		fprintf(f, "<tr%s>", u->quota > u->submitted ? " class=\"low\"" : "");
		td_text(f, u->unit_code);
		td_text(f, u->unit_name);
		td_num(f, u->quota);
		td_num(f, u->submitted);
		td_num(f, u->recognized);
		td_pct(f, u->submitted, u->quota);
		fputs("</tr>\n", f);
	}
	report_totals(r, &t);
	fputs("<tr class=\"total\"><td></td><td>Tổng cộng</td>", f);
	td_num(f, t.quota);
	td_num(f, t.submitted);
	td_num(f, t.recognized);
	td_pct(f, t.submitted, t.quota);
	fputs("</tr>\n</tbody></table>\n", f);
}

static void section_phases(FILE *f, const Sangkien__ReportReply *r)
{
	static const char *const head[] = {"Giai đoạn", "Thời gian",	  "Chỉ tiêu",
					   "Đã gửi",	"Được công nhận", "Tỷ lệ"};
	static const bool right[] = {0, 0, 1, 1, 1, 1};
	size_t i, n = r->n_phases < CHART_ROWS_MAX ? r->n_phases : CHART_ROWS_MAX;
	struct hbar *bars;

	fprintf(f, "<h2>2. %s</h2>\n", report_section_title(REPORT_PHASES));
	if (r->n_phases == 0) {
		fputs("<p class=\"note\">Đợt thi đua chưa chia giai đoạn.</p>\n", f);
		return;
	}
	bars = admin_xcalloc(n, sizeof(*bars));
	if (bars) {
		for (i = 0; i < n; i++) {
			const Sangkien__PhaseReport *p = r->phases[i];

			bars[i].label = p->phase ? p->phase->name : "";
			bars[i].target = p->target;
			bars[i].value = p->submitted;
			bars[i].value2 = p->recognized;
			bar_text(&bars[i], p->submitted, p->target);
		}
		legend(f, true, "Chỉ tiêu giai đoạn", C_SUBMITTED, "Đã gửi", true);
		svg_hbars(f, "Từng giai đoạn so với chỉ tiêu", bars, n, C_SUBMITTED);
		free(bars);
	}
	th(f, head, right, 6);
	for (i = 0; i < r->n_phases; i++) {
		const Sangkien__PhaseReport *p = r->phases[i];
		const Sangkien__Phase *ph = p->phase;

		fputs("<tr><td>", f);
		html_text(f, ph ? ph->name : "");
		fputs(" (", f);
		html_text(f, ph ? ph->code : "");
		fputs(")</td><td>", f);
		html_text(f, ph ? ph->starts_on : "");
		fputs(" – ", f);
		html_text(f, ph ? ph->ends_on : "");
		fputs("</td>", f);
		td_num(f, p->target);
		td_num(f, p->submitted);
		td_num(f, p->recognized);
		td_pct(f, p->submitted, p->target);
		fputs("</tr>\n", f);
	}
	fputs("</tbody></table>\n", f);
}

static void section_behind(FILE *f, const struct report_behind *list, size_t nb)
{
	static const char *const head[] = {"Mã",     "Công đoàn cơ sở", "Chỉ tiêu",
					   "Đã gửi", "Còn thiếu",	"Tỷ lệ"};
	static const bool right[] = {0, 0, 1, 1, 1, 1};
	size_t i, n = nb < CHART_ROWS_MAX ? nb : CHART_ROWS_MAX;
	struct hbar *bars;

	fprintf(f, "<h2>3. %s</h2>\n", report_section_title(REPORT_BEHIND));
	if (nb == 0) {
		fputs("<p class=\"note\">Mọi đơn vị có chỉ tiêu đều đã đạt.</p>\n", f);
		return;
	}
	fputs("<p class=\"note\">Xếp theo số còn thiếu, nhiều nhất trước.</p>\n", f);
	bars = admin_xcalloc(n, sizeof(*bars));
	if (bars) {
		for (i = 0; i < n; i++) {
			char v[32];

			bars[i].label = list[i].unit->unit_name;
			bars[i].value = list[i].shortfall;
			num_vi(list[i].shortfall, v);
			snprintf(bars[i].text, sizeof(bars[i].text), "thiếu %s", v);
		}
		legend(f, false, "", C_BEHIND, "Số sáng kiến còn thiếu so với chỉ tiêu", false);
		svg_hbars(f, "Đơn vị chưa đạt chỉ tiêu", bars, n, C_BEHIND);
		free(bars);
	}
	th(f, head, right, 6);
	for (i = 0; i < nb; i++) {
		const Sangkien__QuotaReply *u = list[i].unit;

		fputs("<tr class=\"low\">", f);
		td_text(f, u->unit_code);
		td_text(f, u->unit_name);
		td_num(f, u->quota);
		td_num(f, u->submitted);
		td_num(f, list[i].shortfall);
		td_pct(f, u->submitted, u->quota);
		fputs("</tr>\n", f);
	}
	fputs("</tbody></table>\n", f);
}

static void section_counts(FILE *f, int no, enum report_section sec, const char *first,
			   Sangkien__ReportCount *const *c, size_t n,
			   const char *(*label)(const char *))
{
	const char *const head[] = {first, "Đã gửi", "Được công nhận"};
	static const bool right[] = {0, 1, 1};
	struct hbar *bars;
	uint64_t sub = 0, rec = 0;
	size_t i;

	fprintf(f, "<h2>%d. %s</h2>\n", no, report_section_title(sec));
	bars = n ? admin_xcalloc(n, sizeof(*bars)) : NULL;
	if (bars) {
		for (i = 0; i < n; i++) {
			bars[i].label = label(c[i]->key);
			bars[i].value = c[i]->submitted;
			bars[i].value2 = c[i]->recognized;
			bar_text(&bars[i], c[i]->submitted, 0);
		}
		legend(f, false, "", C_SUBMITTED, "Đã gửi", true);
		svg_hbars(f, report_section_title(sec), bars, n, C_SUBMITTED);
		free(bars);
	}
	th(f, head, right, 3);
	for (i = 0; i < n; i++) {
		fputs("<tr>", f);
		td_text(f, label(c[i]->key));
		td_num(f, c[i]->submitted);
		td_num(f, c[i]->recognized);
		fputs("</tr>\n", f);
		sub += c[i]->submitted;
		rec += c[i]->recognized;
	}
	fputs("<tr class=\"total\"><td>Tổng cộng</td>", f);
	td_num(f, sub);
	td_num(f, rec);
	fputs("</tr>\n</tbody></table>\n", f);
}

/* Columns per week from the first to the last week with an initiative. */
static void section_weeks(FILE *f, const Sangkien__ReportReply *r)
{
	const double w = 1000, left = 56, right = 16, top = 16, plot_h = 220, bottom = 44;
	size_t first, end, i, n, step;
	uint64_t max = 0;
	double cw, scale;
	char b[32];

	fprintf(f, "<h2>6. %s</h2>\n", report_section_title(REPORT_WEEKS));
	report_week_span(r, &first, &end);
	if (first == end) {
		fputs("<p class=\"note\">Chưa nhận được sáng kiến nào.</p>\n", f);
		return;
	}
	n = end - first;
	for (i = first; i < end; i++)
		if (r->by_week[i]->submitted > max)
			max = r->by_week[i]->submitted;
	if (max == 0)
		max = 1;
	/* A round top for the axis: 1, 2 or 5 times a power of ten. */
	{
		double p = pow(10, floor(log10((double)max))), top_v = p;

		while (top_v < (double)max)
			top_v += top_v < 2 * p ? p : (top_v < 5 * p ? 3 * p : 5 * p);
		scale = plot_h / top_v;
		max = (uint64_t)top_v;
	}
	/* A few weeks stay narrow columns rather than filling the width. */
	cw = fmin((w - left - right) / (double)n, 48);
	step = (size_t)ceil(90.0 / cw);
	if (step < 1)
		step = 1;
	fputs("<p class=\"note\">Theo ngày máy chủ nhận, tuần tính từ thứ Hai.</p>\n", f);
	legend(f, false, "", C_SUBMITTED, "Nhận được", true);
	fprintf(f,
		"<div class=\"chart\"><svg xmlns=\"http://www.w3.org/2000/svg\" "
		"viewBox=\"0 0 %.0f %.0f\" role=\"img\" aria-label=\"Số sáng kiến nhận được "
		"theo tuần\" font-family=\"Noto Sans, Segoe UI, Roboto, Arial, sans-serif\" "
		"font-size=\"12\">\n",
		w, top + plot_h + bottom);
	for (i = 0; i <= 2; i++) {
		double y = top + plot_h - plot_h * (double)i / 2;

		/* The middle line only where it falls on a whole number. */
		if (i == 1 && max % 2 != 0)
			continue;
		num_vi(max * i / 2, b);
		fprintf(
		    f,
		    "<line x1=\"%.0f\" y1=\"%.1f\" x2=\"%.0f\" y2=\"%.1f\" stroke=\"%s\"/>"
		    "<text x=\"%.0f\" y=\"%.1f\" text-anchor=\"end\" fill=\"#5b6b7c\">%s</text>\n",
		    left, y, w - right, y, i == 0 ? "#9aa8b6" : "#e3e8ef", left - 6, y + 4, b);
	}
	for (i = 0; i < n; i++) {
		const Sangkien__ReportCount *c = r->by_week[first + i];
		double x = left + (double)i * cw, bw = cw > 3 ? cw * 0.8 : cw;
		double h1 = (double)c->submitted * scale, h2 = (double)c->recognized * scale;

		fputs("<g><title>Tuần ", f);
		html_text(f, c->key);
		fprintf(f, ": nhận %" PRIu32 ", công nhận %" PRIu32 "</title>", c->submitted,
			c->recognized);
		if (h1 > 0)
			fprintf(f,
				"<rect x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" height=\"%.2f\" "
				"fill=\"%s\"/>",
				x + (cw - bw) / 2, top + plot_h - h1, bw, h1, C_SUBMITTED);
		if (h2 > 0)
			fprintf(f,
				"<rect x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" height=\"%.2f\" "
				"fill=\"%s\"/>",
				x + (cw - bw) / 2 + bw * 0.25, top + plot_h - h2, bw * 0.5, h2,
				C_RECOGNIZED);
		fputs("</g>\n", f);
		if (i % step == 0) {
			fprintf(f,
				"<text x=\"%.1f\" y=\"%.0f\" text-anchor=\"middle\" "
				"fill=\"#5b6b7c\">",
				x + cw / 2, top + plot_h + 18);
			html_text(f, c->key);
			fputs("</text>\n", f);
		}
	}
	fputs("</svg></div>\n", f);
}

void report_write_html(FILE *f, const Sangkien__ReportReply *r)
{
	struct report_behind *list;
	size_t nb = report_behind_list(r, &list);
	char at[32];

	admin_format_time(r->as_of_unix_ms, at);
	fputs("<!DOCTYPE html>\n<html lang=\"vi\">\n<head>\n<meta charset=\"utf-8\">\n"
	      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
	      "<title>Báo cáo tiến độ – ",
	      f);
	html_text(f, r->scope_name);
	fprintf(f, "</title>\n<style>%s</style>\n</head>\n<body>\n", css);
	fputs("<header class=\"top\"><div class=\"inner\">\n<p class=\"kicker\">", f);
	html_text(f, r->campaign_name);
	fputs("</p>\n<h1>Báo cáo tiến độ: ", f);
	html_text(f, r->scope_name);
	fputs("</h1>\n<p>Mã đơn vị: ", f);
	html_text(f, r->scope_code);
	fputs(" · Đợt thi đua: ", f);
	html_text(f, r->campaign_code);
	fputs(" · Tính sáng kiến từ ngày ", f);
	html_text(f, r->counts_from);
	fprintf(f, "</p>\n<p>Số liệu lúc %s (giờ Việt Nam)</p>\n</div></header>\n<main>\n", at);
	cards(f, r, nb);
	section_units(f, r);
	section_phases(f, r);
	section_behind(f, list, nb);
	section_counts(f, 4, REPORT_KINDS, "Loại sáng kiến", r->by_kind, r->n_by_kind,
		       report_kind_label);
	section_counts(f, 5, REPORT_THEMES, "Chủ đề", r->by_theme, r->n_by_theme,
		       report_theme_label);
	section_weeks(f, r);
	fputs("<footer>Lập bằng sangkien-admin. Sáng kiến tính vào giai đoạn chứa ngày áp "
	      "dụng; “được công nhận” gồm cả sáng kiến đã được khen thưởng.</footer>\n",
	      f);
	fputs("</main>\n</body>\n</html>\n", f);
	free(list);
}
