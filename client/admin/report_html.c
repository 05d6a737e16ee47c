/*
 * report_html.c - the report as an official document in one self-contained
 * HTML file (see report.h): inline CSS, inline SVG charts, no script, no
 * external asset, so it opens and prints the same anywhere and can be
 * mailed up the chain.
 *
 * The layout is a Vietnamese administrative document (Decree 30/2020/NĐ-CP,
 * as the district's own plan 28/KH-LĐLĐ is laid out): issuing body top
 * left, national heading and motto top right, number and symbol, place and
 * date, title, body, recipients and signer; the per-unit lists follow as
 * appendices.  Printed: A4 portrait, margins 20 mm top and bottom, 30 mm left, 15 mm right, a serif
 * font, page numbers at the top centre from page 2, table headers repeated on every page, no table
 * row or chart cut across a page.
 *
 * Every string from the server or the operator passes through html_text(),
 * which escapes & < > " ' and replaces control characters and invalid
 * UTF-8, both in HTML and inside SVG.  Numbers are written the Vietnamese
 * way (1.000; 12,5%), dates dd/mm/yyyy.
 */
#include <inttypes.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "xalloc.h"
#include "admin_parse.h"
#include "utf8.h"
#include "vn_date.h"
#include "vn_number.h"
#include "vn_time.h"
#include "initiative_check.h"
#include "report.h"
#include "report_doc.h"

/* Bars in the body's charts; the appendices list every unit. */
#define TOP_UNITS 10
#define TOP_BEHIND 15
/* Chart labels are cut to this many characters (the full text is in the
 * bar's tooltip and in the tables). */
#define LABEL_MAX_CP 28

#define C_SUBMITTED "#1f4e79"
#define C_RECOGNIZED "#7fb2dd"
#define C_TARGET "#ffffff"
#define C_BEHIND "#8b1a1a"

#define FONTS "'Times New Roman','Liberation Serif','Noto Serif','DejaVu Serif',serif"
#define SVG_FONTS "Times New Roman, Liberation Serif, Noto Serif, DejaVu Serif, serif"

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

static void num(FILE *f, uint64_t v)
{
	char b[VN_NUMBER_LEN];

	vn_number_format_u(v, b);
	fputs(b, f);
}

/* "2022-03-16" -> "16/03/2022"; anything else is written escaped as is. */
static void date_vi(FILE *f, const char *iso)
{
	char b[64];

	vn_date_show_iso(iso, b, sizeof(b));
	html_text(f, b);
}

/* "ngày 05 tháng 3 năm 2022": the day with two digits, months 1 and 2
 * with a leading zero (Decree 30, appendix I). */
static void date_long_vi(FILE *f, int32_t days)
{
	char iso[11];
	int y, m, d;

	date_format(days, iso);
	if (sscanf(iso, "%4d-%2d-%2d", &y, &m, &d) != 3) {
		fputs("ngày … tháng … năm …", f);
		return;
	}
	fprintf(f, "ngày %02d tháng %s%d năm %d", d, m < 3 ? "0" : "", m, y);
}

/* "14:05 ngày 16/03/2022 (giờ Việt Nam, UTC+07:00)". */
static void time_vi(FILE *f, int64_t ms)
{
	char t[VN_TIME_LEN];

	vn_time_format(ms, false, t);
	/* "dd/mm/yyyy HH:MM", or "?" for a moment outside the calendar. */
	if (strlen(t) == 16)
		fprintf(f, "%s ngày %.10s", t + 11, t);
	else
		html_text(f, t);
	fputs(" (", f);
	html_text(f, vn_time_zone_label());
	fputs(")", f);
}

static const char css[] =
    "@page{size:A4 portrait;margin:20mm 15mm 20mm 30mm;"
    "@top-center{content:counter(page);font:13pt " FONTS ";vertical-align:bottom;"
    "padding-bottom:5mm}}"
    "@page:first{@top-center{content:none}}"
    "html{font:13pt/1.35 " FONTS ";color:#000}"
    "body{margin:0}"
    "@media screen{html{background:#d6d6d6}.sheet{width:210mm;min-height:297mm;"
    "margin:8mm auto;padding:20mm 15mm 20mm 30mm;background:#fff;"
    "box-shadow:0 1px 5px rgba(0,0,0,.35)}}"
    "@media print{.sheet{margin:0;padding:0}.sheet+.sheet{break-before:page}}"
    "table.head{width:100%;border-collapse:collapse;margin:0 0 7mm}"
    "table.head td{vertical-align:top;text-align:center;padding:0;line-height:1.25}"
    "td.issuer{font-size:12pt;padding-right:4mm}"
    "td.issuer span.up{display:block;text-wrap:balance}"
    "td.nation{white-space:nowrap}"
    ".up{text-transform:uppercase}"
    ".issuer b{display:block}"
    "td.nation b{display:block;font-size:12pt;white-space:nowrap}"
    ".motto{display:inline-block;font-weight:bold;font-size:13.5pt;"
    "border-bottom:1px solid #000;padding-bottom:1px}"
    ".rule{width:30%;margin:1mm auto 3mm;border-top:1px solid #000}"
    ".date{display:block;margin-top:4mm;font-style:italic}"
    ".number{display:block;font-size:13pt}"
    "h1{text-align:center;font-size:14pt;font-weight:bold;margin:2mm 0 0}"
    "p.subject{text-align:center;font-weight:bold;font-size:14pt;text-indent:0;"
    "margin:0 auto 1mm;max-width:150mm}"
    "p.subject+.rule{width:25%;margin-bottom:5mm}"
    "p.annexno{text-align:center;font-weight:bold;text-indent:0;margin:0}"
    "p.annexof{text-align:center;font-style:italic;text-indent:0;margin:0 0 4mm}"
    "h2{font-size:13pt;font-weight:bold;margin:5mm 0 2mm;break-after:avoid}"
    "p{margin:0 0 2mm;text-align:justify;text-indent:10mm}"
    "p.note{font-size:12pt;font-style:italic;text-indent:0}"
    "table.data{width:100%;border-collapse:collapse;font-size:12pt;margin:2mm 0 4mm;"
    "line-height:1.25}"
    "table.data th,table.data td{border:1px solid #000;padding:1mm 1.5mm;"
    "vertical-align:top;text-align:left}"
    "table.data th{font-weight:bold;text-align:center;vertical-align:middle;white-space:nowrap}"
    "table.data thead{display:table-header-group}"
    "table.data tr{break-inside:avoid}"
    "table.data td.n{text-align:right;white-space:nowrap}"
    "table.data td.c{text-align:center;white-space:nowrap}"
    "table.data td.code{white-space:nowrap}"
    "table.list{font-size:11pt}"
    "table.list th,table.list td{padding:.6mm 1.5mm}"
    "tr.total td{font-weight:bold}"
    "figure{margin:2mm 0 5mm;break-inside:avoid}"
    "figure svg{display:block;width:100%;height:auto}"
    "figcaption{text-align:center;font-style:italic;font-size:12pt;margin-top:1mm}"
    ".legend{font-size:11.5pt;text-align:center;margin:0 0 1mm}"
    ".legend i{display:inline-block;width:4mm;height:3mm;border:1px solid #000;"
    "margin:0 1.5mm 0 5mm;vertical-align:-1px}"
    "div.end{break-inside:avoid}"
    "table.sign{width:100%;border-collapse:collapse;margin-top:6mm}"
    "table.sign td{vertical-align:top;padding:0}"
    "td.recipients{width:50%;font-size:11pt;line-height:1.25}"
    "td.recipients b{font-style:italic;font-size:12pt}"
    "td.signer{text-align:center;font-weight:bold;line-height:1.3}"
    ".space{height:26mm}";

/* ---- charts --------------------------------------------------------- */

/* One horizontal bar: a value over an optional target, and a second value
 * (recognized) drawn inside it. */
struct hbar {
	const char *label;
	uint64_t target; /* 0: none drawn */
	uint64_t value;
	uint64_t value2;
	char text[128]; /* written right of the bar */
};

static uint64_t hbar_len(const struct hbar *b)
{
	return b->value > b->target ? b->value : b->target;
}

/* The axis' end by the one rule of every chart (report_axis_end). */
static double axis_max(const struct hbar *bars, size_t n, bool *capped)
{
	uint64_t *value = xcalloc(n ? n : 1, sizeof(*value));
	uint64_t *target = xcalloc(n ? n : 1, sizeof(*target));
	double end;
	size_t i;

	for (i = 0; i < n; i++) {
		value[i] = bars[i].value;
		target[i] = bars[i].target;
	}
	end = report_axis_end(value, target, n, capped);
	free(value);
	free(target);
	return end;
}

static void legend(FILE *f, bool target, const char *target_label, const char *value_color,
		   const char *value_label, bool second)
{
	fputs("<p class=\"legend\">", f);
	if (target)
		fprintf(f, "<i style=\"background:%s\"></i>%s", C_TARGET, target_label);
	fprintf(f, "<i style=\"background:%s\"></i>%s", value_color, value_label);
	if (second)
		fprintf(f, "<i style=\"background:%s\"></i>Được công nhận", C_RECOGNIZED);
	fputs("</p>\n", f);
}

/* A cut bar ends in two slanted white strokes at x. */
static void break_mark(FILE *f, double x, double y)
{
	fprintf(f,
		"<path d=\"M%.1f %.1fl6 -20M%.1f %.1fl6 -20\" stroke=\"#fff\" "
		"stroke-width=\"3\"/>",
		x - 14, y + 21, x - 8, y + 21);
}

static void svg_hbars(FILE *f, int no, const char *caption, const struct hbar *bars, size_t n,
		      const char *value_color)
{
	const double w = 640, label_w = 196, bar_x = 202, bar_w = 300, row_h = 24;
	bool capped;
	double max = axis_max(bars, n, &capped), h = (double)n * row_h + 8;
	size_t i;

	fprintf(f,
		"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %.0f %.0f\" "
		"role=\"img\" aria-label=\"",
		w, h);
	html_text(f, caption);
	fputs("\" font-family=\"" SVG_FONTS "\" font-size=\"13\">\n", f);
	for (i = 0; i < n; i++) {
		double y = 4 + (double)i * row_h;
		double tw = fmin((double)bars[i].target / max, 1) * bar_w;
		double vw = fmin((double)bars[i].value / max, 1) * bar_w;
		double rw = fmin((double)bars[i].value2 / max, 1) * bar_w;

		fputs("<g><title>", f);
		html_text(f, bars[i].label);
		fprintf(f, ": %s</title>", bars[i].text);
		fprintf(f, "<text x=\"%.0f\" y=\"%.1f\" text-anchor=\"end\">", label_w, y + 16);
		html_text_cut(f, bars[i].label, LABEL_MAX_CP);
		fputs("</text>", f);
		if (bars[i].target > 0)
			fprintf(f,
				"<rect x=\"%.0f\" y=\"%.1f\" width=\"%.1f\" height=\"18\" "
				"fill=\"%s\" stroke=\"#000\" stroke-width=\"0.8\"/>",
				bar_x, y + 3, tw, C_TARGET);
		if (vw > 0)
			fprintf(f,
				"<rect x=\"%.0f\" y=\"%.1f\" width=\"%.1f\" height=\"14\" "
				"fill=\"%s\"/>",
				bar_x, y + 5, vw, value_color);
		if (rw > 0)
			fprintf(f,
				"<rect x=\"%.0f\" y=\"%.1f\" width=\"%.1f\" height=\"6\" "
				"fill=\"%s\"/>",
				bar_x, y + 9, rw, C_RECOGNIZED);
		if ((double)hbar_len(&bars[i]) > max)
			break_mark(f, bar_x + bar_w, y);
		fprintf(f, "<text x=\"%.1f\" y=\"%.1f\">%s</text></g>\n", bar_x + fmax(tw, vw) + 5,
			y + 16, bars[i].text);
	}
	fputs("</svg>\n", f);
	fprintf(f, "<figcaption>Biểu đồ %d. ", no);
	html_text(f, caption);
	if (capped)
		fputs(" (thanh dài nhất bị cắt bớt, có dấu //, để các thanh khác dễ đọc; "
		      "số bên cạnh là số thật)",
		      f);
	fputs("</figcaption>\n", f);
}

static void bar_text(struct hbar *b, uint64_t value, uint64_t base)
{
	char v[VN_NUMBER_LEN], t[VN_NUMBER_LEN], p[VN_NUMBER_LEN];

	vn_number_format_u(value, v);
	if (base == 0) {
		snprintf(b->text, sizeof(b->text), "%s", v);
		return;
	}
	vn_number_format_u(base, t);
	vn_percent_format(value, base, p);
	snprintf(b->text, sizeof(b->text), "%s / %s (%s)", v, t, p);
}

/* ---- tables --------------------------------------------------------- */

/* Header cells are the renderer's own markup (may hold <br>), never data. */
static void th_class(FILE *f, const char *cls, const char *const *head, size_t n)
{
	size_t i;

	fprintf(f, "<table class=\"%s\"><thead><tr>", cls);
	for (i = 0; i < n; i++)
		fprintf(f, "<th>%s</th>", head[i]);
	fputs("</tr></thead><tbody>\n", f);
}

static void th(FILE *f, const char *const *head, size_t n)
{
	th_class(f, "data", head, n);
}

static void td_code(FILE *f, const char *s)
{
	fputs("<td class=\"code\">", f);
	html_text(f, s);
	fputs("</td>", f);
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
	char p[VN_NUMBER_LEN];

	vn_percent_format(a, b, p);
	fprintf(f, "<td class=\"n\">%s</td>", p);
}

/* ---- the document --------------------------------------------------- */

/* What every part needs: the reply, the operator's settings, figures. */
struct doc {
	FILE *f;
	const Sangkien__ReportReply *r;
	const struct report_doc *d;
	struct report_totals t;
	struct report_behind *behind;
	size_t n_behind;
	int32_t day;
	int charts;
};

static const char *issuer(const struct doc *x)
{
	return x->d->issuer ? x->d->issuer : x->r->scope_name;
}

/* "28/BC-LĐLĐ"; without a number, room to write it in by hand. */
static void number(const struct doc *x)
{
	const char *symbol = x->d->symbol ? x->d->symbol : "BC";

	if (x->d->number)
		html_text(x->f, x->d->number);
	else
		fputs("&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;", x->f);
	if (!x->d->number || !strchr(x->d->number, '/')) {
		fputs("/", x->f);
		html_text(x->f, symbol);
	}
}

/* Text in capitals (CSS, so the source keeps the operator's spelling). */
static void upper(FILE *f, const char *s, const char *after)
{
	fputs("<span class=\"up\">", f);
	html_text(f, s);
	fprintf(f, "</span>%s", after);
}

static void heading(const struct doc *x)
{
	FILE *f = x->f;

	fputs("<table class=\"head\"><tr><td class=\"issuer\">", f);
	if (x->d->parent_body)
		upper(f, x->d->parent_body, "");
	fputs("<b class=\"up\">", f);
	html_text(f, issuer(x));
	fputs("</b><div class=\"rule\"></div><span class=\"number\">Số: ", f);
	number(x);
	fputs("</span></td>\n<td class=\"nation\"><b>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</b>"
	      "<span class=\"motto\">Độc lập - Tự do - Hạnh phúc</span>"
	      "<span class=\"date\">",
	      f);
	if (x->d->place) {
		html_text(f, x->d->place);
		fputs(", ", f);
	}
	date_long_vi(f, x->day);
	fputs("</span></td></tr></table>\n", f);
}

static void title(const struct doc *x)
{
	fputs("<h1>BÁO CÁO</h1>\n<p class=\"subject\">Tiến độ thực hiện ", x->f);
	if (x->r->campaign_name && x->r->campaign_name[0]) {
		fputs("Chương trình “", x->f);
		html_text(x->f, x->r->campaign_name);
		fputs("”", x->f);
	} else {
		fputs("đợt thi đua", x->f);
	}
	fputs("<br>tại ", x->f);
	html_text(x->f, x->r->scope_name);
	fputs("</p>\n<div class=\"rule\"></div>\n", x->f);
}

static size_t units_with_submissions(const Sangkien__ReportReply *r)
{
	size_t i, n = 0;

	for (i = 0; i < r->n_units; i++)
		n += r->units[i]->submitted > 0;
	return n;
}

/* I. The headline figures, each against the target it is compared with,
 * named: the scope's own target and the sum of its units' quotas. */
static void part_overall(struct doc *x)
{
	static const char *const head[] = {"Chỉ tiêu so sánh", "Chỉ tiêu", "Đã gửi", "Tỷ lệ đạt",
					   "Được công<br>nhận"};
	FILE *f = x->f;
	const Sangkien__ReportReply *r = x->r;
	char b[VN_NUMBER_LEN];

	fputs("<h2>I. KẾT QUẢ CHUNG</h2>\n<p>Tính đến ", f);
	time_vi(f, r->as_of_unix_ms);
	fputs(", ", f);
	html_text(f, r->scope_name);
	fputs(" đã nhận <b>", f);
	num(f, x->t.submitted);
	fputs("</b> sáng kiến của ", f);
	num(f, units_with_submissions(r));
	fputs("/", f);
	num(f, r->n_units);
	fputs(" công đoàn cơ sở, trong đó <b>", f);
	num(f, x->t.recognized);
	vn_percent_format(x->t.recognized, x->t.submitted, b);
	fprintf(f, "</b> sáng kiến đã được công nhận (%s số đã gửi). Sáng kiến được tính từ ngày ",
		b);
	date_vi(f, r->counts_from);
	fputs(", vào giai đoạn chứa ngày áp dụng.</p>\n", f);

	th(f, head, 5);
	fputs("<tr><td>Chỉ tiêu của ", f);
	html_text(f, r->scope_name);
	fputs("</td>", f);
	if (r->target) {
		td_num(f, r->target);
		td_num(f, x->t.submitted);
		td_pct(f, x->t.submitted, r->target);
	} else {
		fputs("<td class=\"c\" colspan=\"3\">chưa đặt</td>", f);
	}
	td_num(f, x->t.recognized);
	fputs("</tr>\n<tr><td>Tổng chỉ tiêu đã phân bổ cho ", f);
	num(f, r->n_units);
	fputs(" công đoàn cơ sở</td>", f);
	td_num(f, x->t.quota);
	td_num(f, x->t.submitted);
	td_pct(f, x->t.submitted, x->t.quota);
	td_num(f, x->t.recognized);
	fputs("</tr>\n</tbody></table>\n<p class=\"note\">", f);
	if (r->target && r->target != x->t.quota) {
		fputs("Hai chỉ tiêu khác nhau: chỉ tiêu của ", f);
		html_text(f, r->scope_name);
		fputs(" là ", f);
		num(f, r->target);
		fputs(" sáng kiến, các công đoàn cơ sở được phân bổ tổng cộng ", f);
		num(f, x->t.quota);
		if (r->target > x->t.quota) {
			fputs(" (còn ", f);
			num(f, r->target - x->t.quota);
			fputs(" chưa phân bổ cho đơn vị nào)", f);
		}
		fputs(". Tỷ lệ của từng đơn vị ở Phụ lục 1 tính theo chỉ tiêu phân bổ.", f);
	} else if (r->target) {
		fputs("Tổng chỉ tiêu đã phân bổ bằng chỉ tiêu của ", f);
		html_text(f, r->scope_name);
		fputs(".", f);
	} else {
		fputs("Chưa đặt chỉ tiêu riêng cho ", f);
		html_text(f, r->scope_name);
		fputs("; tỷ lệ tính theo tổng chỉ tiêu đã phân bổ.", f);
	}
	fputs("</p>\n<p>Có <b>", f);
	num(f, x->n_behind);
	fputs("</b>/", f);
	num(f, r->n_units);
	fputs(" công đoàn cơ sở chưa đạt chỉ tiêu được phân bổ", f);
	if (r->n_units - units_with_submissions(r) > 0) {
		fputs(", trong đó ", f);
		num(f, r->n_units - units_with_submissions(r));
		fputs(" đơn vị chưa gửi sáng kiến nào", f);
	}
	fputs(" (danh sách ở Phụ lục 2).</p>\n", f);
	if (r->units_omitted)
		fputs("<p class=\"note\">Phạm vi quá lớn để liệt kê từng đơn vị: báo cáo này không "
		      "có danh sách đơn vị; hãy lập báo cáo cho từng quận, huyện.</p>\n",
		      f);
}

static void part_phases(struct doc *x)
{
	static const char *const head[] = {"Giai đoạn", "Thời gian", "Chỉ tiêu",
					   "Đã gửi",	"Tỷ lệ",     "Được công<br>nhận"};
	FILE *f = x->f;
	const Sangkien__ReportReply *r = x->r;
	struct hbar *bars;
	size_t i;

	fputs("<h2>II. THEO GIAI ĐOẠN</h2>\n", f);
	if (r->n_phases == 0) {
		fputs("<p>Đợt thi đua chưa chia giai đoạn.</p>\n", f);
		return;
	}
	fputs("<p>Chỉ tiêu từng giai đoạn là chỉ tiêu của ", f);
	html_text(f, r->scope_name);
	fputs(".</p>\n", f);
	th(f, head, 6);
	for (i = 0; i < r->n_phases; i++) {
		const Sangkien__PhaseReport *p = r->phases[i];
		const Sangkien__Phase *ph = p->phase;

		fputs("<tr>", f);
		td_text(f, ph ? ph->name : "");
		fputs("<td class=\"c\">", f);
		date_vi(f, ph ? ph->starts_on : "");
		fputs(" – ", f);
		date_vi(f, ph ? ph->ends_on : "");
		fputs("</td>", f);
		if (p->target)
			td_num(f, p->target);
		else
			fputs("<td class=\"c\">chưa đặt</td>", f);
		td_num(f, p->submitted);
		td_pct(f, p->submitted, p->target);
		td_num(f, p->recognized);
		fputs("</tr>\n", f);
	}
	fputs("</tbody></table>\n", f);
	bars = xcalloc(r->n_phases, sizeof(*bars));
	for (i = 0; i < r->n_phases; i++) {
		const Sangkien__PhaseReport *p = r->phases[i];

		bars[i].label = p->phase ? p->phase->name : "";
		bars[i].target = p->target;
		bars[i].value = p->submitted;
		bars[i].value2 = p->recognized;
		bar_text(&bars[i], p->submitted, p->target);
	}
	fputs("<figure>\n", f);
	legend(f, true, "Chỉ tiêu giai đoạn", C_SUBMITTED, "Đã gửi", true);
	svg_hbars(f, ++x->charts, "Từng giai đoạn so với chỉ tiêu", bars, r->n_phases, C_SUBMITTED);
	fputs("</figure>\n", f);
	free(bars);
}

static int by_submitted_desc(const void *a, const void *b)
{
	const Sangkien__QuotaReply *x = *(const Sangkien__QuotaReply *const *)a;
	const Sangkien__QuotaReply *y = *(const Sangkien__QuotaReply *const *)b;

	if (x->submitted != y->submitted)
		return x->submitted > y->submitted ? -1 : 1;
	return strcmp(x->unit_code ? x->unit_code : "", y->unit_code ? y->unit_code : "");
}

/* III. The units with most submissions, against their quotas. */
static void part_top_units(struct doc *x)
{
	FILE *f = x->f;
	const Sangkien__ReportReply *r = x->r;
	const Sangkien__QuotaReply **sorted;
	struct hbar *bars;
	size_t i, n = 0;
	char caption[128];

	fputs("<h2>III. CÁC ĐƠN VỊ CÓ NHIỀU SÁNG KIẾN NHẤT</h2>\n", f);
	if (units_with_submissions(r) == 0) {
		fputs("<p>Chưa đơn vị nào gửi sáng kiến.</p>\n", f);
		return;
	}
	sorted = xcalloc(r->n_units, sizeof(*sorted));
	for (i = 0; i < r->n_units; i++)
		sorted[i] = r->units[i];
	qsort(sorted, r->n_units, sizeof(*sorted), by_submitted_desc);
	bars = xcalloc(TOP_UNITS, sizeof(*bars));
	for (i = 0; i < r->n_units && n < TOP_UNITS && sorted[i]->submitted > 0; i++, n++) {
		bars[n].label = sorted[i]->unit_name;
		bars[n].target = sorted[i]->quota;
		bars[n].value = sorted[i]->submitted;
		bars[n].value2 = sorted[i]->recognized;
		bar_text(&bars[n], sorted[i]->submitted, sorted[i]->quota);
	}
	fputs("<p>Tiến độ của từng công đoàn cơ sở ở Phụ lục 1.</p>\n<figure>\n", f);
	legend(f, true, "Chỉ tiêu phân bổ", C_SUBMITTED, "Đã gửi", true);
	snprintf(caption, sizeof(caption), "%zu đơn vị có nhiều sáng kiến nhất, so với chỉ tiêu",
		 n);
	svg_hbars(f, ++x->charts, caption, bars, n, C_SUBMITTED);
	fputs("</figure>\n", f);
	free(bars);
	free(sorted);
}

/* IV. The units to urge: the largest shortfalls. */
static void part_behind(struct doc *x)
{
	FILE *f = x->f;
	size_t i, n = x->n_behind < TOP_BEHIND ? x->n_behind : TOP_BEHIND;
	struct hbar *bars;
	char caption[128];

	fputs("<h2>IV. CÁC ĐƠN VỊ CẦN ĐÔN ĐỐC</h2>\n", f);
	if (x->n_behind == 0) {
		fputs("<p>Mọi công đoàn cơ sở có chỉ tiêu đều đã đạt.</p>\n", f);
		return;
	}
	fputs("<p>", f);
	num(f, x->n_behind);
	fputs(" công đoàn cơ sở chưa đạt chỉ tiêu được phân bổ; Phụ lục 2 liệt kê đủ, "
	      "đơn vị còn thiếu nhiều nhất trước.</p>\n",
	      f);
	bars = xcalloc(n, sizeof(*bars));
	for (i = 0; i < n; i++) {
		char v[VN_NUMBER_LEN];

		bars[i].label = x->behind[i].unit->unit_name;
		bars[i].value = x->behind[i].shortfall;
		vn_number_format_u(x->behind[i].shortfall, v);
		snprintf(bars[i].text, sizeof(bars[i].text), "thiếu %s", v);
	}
	fputs("<figure>\n", f);
	legend(f, false, "", C_BEHIND, "Số sáng kiến còn thiếu so với chỉ tiêu", false);
	snprintf(caption, sizeof(caption), "%zu đơn vị còn thiếu nhiều nhất", n);
	svg_hbars(f, ++x->charts, caption, bars, n, C_BEHIND);
	fputs("</figure>\n", f);
	free(bars);
}

static void counts_table(FILE *f, const char *first, Sangkien__ReportCount *const *c, size_t n,
			 const char *(*label)(const char *))
{
	const char *const head[] = {first, "Đã gửi", "Tỷ lệ", "Được công nhận"};
	uint64_t sub = 0, rec = 0;
	size_t i;

	for (i = 0; i < n; i++) {
		sub += c[i]->submitted;
		rec += c[i]->recognized;
	}
	th(f, head, 4);
	for (i = 0; i < n; i++) {
		fputs("<tr>", f);
		td_text(f, label(c[i]->key));
		td_num(f, c[i]->submitted);
		td_pct(f, c[i]->submitted, sub);
		td_num(f, c[i]->recognized);
		fputs("</tr>\n", f);
	}
	fputs("<tr class=\"total\"><td>Tổng cộng</td>", f);
	td_num(f, sub);
	td_pct(f, sub, sub);
	td_num(f, rec);
	fputs("</tr>\n</tbody></table>\n", f);
}

static void part_kinds_themes(struct doc *x)
{
	fputs("<h2>V. THEO LOẠI SÁNG KIẾN VÀ CHỦ ĐỀ</h2>\n", x->f);
	counts_table(x->f, "Loại sáng kiến", x->r->by_kind, x->r->n_by_kind, report_kind_label);
	counts_table(x->f, "Chủ đề", x->r->by_theme, x->r->n_by_theme, report_theme_label);
}

/* VI. Columns per week from the first to the last week with an initiative;
 * a week far above the others is cut like a long bar. */
static void part_weeks(struct doc *x)
{
	const double w = 640, left = 40, right = 8, top = 14, plot_h = 170, bottom = 34;
	FILE *f = x->f;
	const Sangkien__ReportReply *r = x->r;
	size_t first, end, i, n, step;
	uint64_t axis;
	bool capped;
	double cw, scale;
	char b[VN_NUMBER_LEN];

	fputs("<h2>VI. SỐ SÁNG KIẾN NHẬN ĐƯỢC THEO TUẦN</h2>\n", f);
	report_week_span(r, &first, &end);
	if (first == end) {
		fputs("<p>Chưa nhận được sáng kiến nào.</p>\n", f);
		return;
	}
	n = end - first;
	{
		uint64_t *v = xcalloc(n, sizeof(*v));

		for (i = 0; i < n; i++)
			v[i] = r->by_week[first + i]->submitted;
		axis = (uint64_t)ceil(report_axis_end(v, NULL, n, &capped));
		free(v);
	}
	/* A round top for the axis: 1, 2 or 5 times a power of ten. */
	{
		double p = pow(10, floor(log10((double)axis))), top_v = p;

		while (top_v < (double)axis)
			top_v += top_v < 2 * p ? p : (top_v < 5 * p ? 3 * p : 5 * p);
		scale = plot_h / top_v;
		axis = (uint64_t)top_v;
	}
	/* A few weeks stay narrow columns rather than filling the width. */
	cw = fmin((w - left - right) / (double)n, 40);
	step = (size_t)ceil(70.0 / cw);
	if (step < 1)
		step = 1;
	fputs("<p>Theo ngày máy chủ nhận sáng kiến; tuần tính từ thứ Hai, ghi ngày thứ Hai "
	      "đầu tuần.</p>\n<figure>\n",
	      f);
	legend(f, false, "", C_SUBMITTED, "Nhận được", true);
	fprintf(f,
		"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %.0f %.0f\" "
		"role=\"img\" aria-label=\"Số sáng kiến nhận được theo tuần\" "
		"font-family=\"" SVG_FONTS "\" font-size=\"12\">\n",
		w, top + plot_h + bottom);
	for (i = 0; i <= 2; i++) {
		double y = top + plot_h - plot_h * (double)i / 2;

		/* The middle line only where it falls on a whole number. */
		if (i == 1 && axis % 2 != 0)
			continue;
		vn_number_format_u(axis * i / 2, b);
		fprintf(f,
			"<line x1=\"%.0f\" y1=\"%.1f\" x2=\"%.0f\" y2=\"%.1f\" stroke=\"%s\"/>"
			"<text x=\"%.0f\" y=\"%.1f\" text-anchor=\"end\">%s</text>\n",
			left, y, w - right, y, i == 0 ? "#000" : "#bbb", left - 5, y + 4, b);
	}
	for (i = 0; i < n; i++) {
		const Sangkien__ReportCount *c = r->by_week[first + i];
		double x0 = left + (double)i * cw, bw = cw > 3 ? cw * 0.8 : cw;
		double h1 = fmin((double)c->submitted * scale, plot_h);
		double h2 = fmin((double)c->recognized * scale, plot_h);

		fputs("<g><title>Tuần ", f);
		date_vi(f, c->key);
		fprintf(f, ": nhận %" PRIu32 ", công nhận %" PRIu32 "</title>", c->submitted,
			c->recognized);
		if (h1 > 0)
			fprintf(f,
				"<rect x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" height=\"%.2f\" "
				"fill=\"%s\"/>",
				x0 + (cw - bw) / 2, top + plot_h - h1, bw, h1, C_SUBMITTED);
		if (h2 > 0)
			fprintf(f,
				"<rect x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" height=\"%.2f\" "
				"fill=\"%s\"/>",
				x0 + (cw - bw) / 2 + bw * 0.25, top + plot_h - h2, bw * 0.5, h2,
				C_RECOGNIZED);
		if ((double)c->submitted * scale > plot_h) {
			/* Cut: two white strokes and the real figure on top. */
			fprintf(f,
				"<path d=\"M%.1f %.1fh%.1fM%.1f %.1fh%.1f\" stroke=\"#fff\" "
				"stroke-width=\"2\"/><text x=\"%.1f\" y=\"%.1f\" "
				"text-anchor=\"middle\">%" PRIu32 "</text>",
				x0, top + 14, cw, x0, top + 19, cw, x0 + cw / 2, top - 3,
				c->submitted);
		}
		fputs("</g>\n", f);
		if (i % step == 0) {
			fprintf(f, "<text x=\"%.1f\" y=\"%.0f\" text-anchor=\"middle\">",
				x0 + cw / 2, top + plot_h + 16);
			date_vi(f, c->key);
			fputs("</text>\n", f);
		}
	}
	fputs("</svg>\n", f);
	fprintf(f, "<figcaption>Biểu đồ %d. Số sáng kiến nhận được theo tuần", ++x->charts);
	if (capped)
		fputs(" (cột cao nhất bị cắt bớt, ghi số thật ở trên)", f);
	fputs("</figcaption>\n</figure>\n", f);
}

static void closing(const struct doc *x)
{
	FILE *f = x->f;
	size_t i;

	/* The last paragraph goes with the signature: never a page of only it. */
	fputs("<div class=\"end\">\n<p>Trên đây là báo cáo tiến độ thực hiện ", f);
	if (x->r->campaign_name && x->r->campaign_name[0]) {
		fputs("Chương trình “", f);
		html_text(f, x->r->campaign_name);
		fputs("”", f);
	} else {
		fputs("đợt thi đua", f);
	}
	fputs(" của ", f);
	html_text(f, issuer(x));
	fputs("./.</p>\n", f);
	fputs("<table class=\"sign\"><tr><td class=\"recipients\"><b>Nơi nhận:</b><br>\n", f);
	if (x->d->n_recipients == 0)
		fputs("- Lưu: VT.", f);
	for (i = 0; i < x->d->n_recipients; i++) {
		const char *s = x->d->recipients[i];
		size_t len = strlen(s);
		bool punct = len > 0 && strchr(".;,", s[len - 1]);

		fputs("- ", f);
		html_text(f, s);
		if (!punct)
			fputs(i + 1 < x->d->n_recipients ? ";" : ".", f);
		fputs("<br>\n", f);
	}
	fputs("</td>\n<td class=\"signer\">", f);
	if (x->d->signer_authority)
		upper(f, x->d->signer_authority, "<br>");
	upper(f, x->d->signer_title ? x->d->signer_title : "", "<div class=\"space\"></div>");
	html_text(f, x->d->signer_name ? x->d->signer_name : "");
	fputs("</td></tr></table>\n</div>\n", f);
}

/* The line under an appendix' title: which document it belongs to. */
static void annex_heading(const struct doc *x, int no, const char *title_text)
{
	FILE *f = x->f;

	fprintf(f,
		"<p class=\"annexno\">Phụ lục %d</p>\n<h1>%s</h1>\n<p class=\"annexof\">(Kèm "
		"theo Báo cáo số ",
		no, title_text);
	number(x);
	fputs(" ", f);
	date_long_vi(f, x->day);
	fputs(" của ", f);
	html_text(f, issuer(x));
	fputs(")</p>\n", f);
}

static void annex_units(const struct doc *x)
{
	static const char *const head[] = {"STT",      "Mã",	     "Công đoàn cơ sở",
					   "Chỉ tiêu", "Đã gửi",     "Được công<br>nhận",
					   "Tỷ lệ",    "Hồ sơ<br>đủ"};
	FILE *f = x->f;
	const Sangkien__ReportReply *r = x->r;
	size_t i;

	fputs("<section class=\"sheet\">\n", f);
	annex_heading(x, 1, "TIẾN ĐỘ TỪNG CÔNG ĐOÀN CƠ SỞ");
	if (r->n_units == 0) {
		fputs("<p>Không có công đoàn cơ sở nào trong phạm vi.</p>\n</section>\n", f);
		return;
	}
	th_class(f, "data list", head, 8);
	for (i = 0; i < r->n_units; i++) {
		const Sangkien__QuotaReply *u = r->units[i];

		fprintf(f, "<tr><td class=\"c\">%zu</td>", i + 1);
		td_code(f, u->unit_code);
		td_text(f, u->unit_name);
		td_num(f, u->quota);
		td_num(f, u->submitted);
		td_num(f, u->recognized);
		td_pct(f, u->submitted, u->quota);
		td_num(f, u->dossiers_complete);
		fputs("</tr>\n", f);
	}
	fputs("<tr class=\"total\"><td></td><td></td><td>Tổng cộng</td>", f);
	td_num(f, x->t.quota);
	td_num(f, x->t.submitted);
	td_num(f, x->t.recognized);
	td_pct(f, x->t.submitted, x->t.quota);
	td_num(f, x->t.dossiers_complete);
	fputs("</tr>\n</tbody></table>\n<p class=\"note\">Tỷ lệ: số đã gửi so với chỉ tiêu "
	      "phân bổ cho đơn vị. Hồ sơ đủ: số sáng kiến đã gửi có ít nhất một tệp hồ sơ "
	      "đính kèm.</p>\n</section>\n",
	      f);
}

static void annex_behind(const struct doc *x)
{
	static const char *const head[] = {
	    "STT", "Mã", "Công đoàn cơ sở", "Chỉ tiêu", "Đã gửi", "Còn thiếu", "Tỷ lệ"};
	FILE *f = x->f;
	size_t i;

	fputs("<section class=\"sheet\">\n", f);
	annex_heading(x, 2, "CÁC CÔNG ĐOÀN CƠ SỞ CHƯA ĐẠT CHỈ TIÊU");
	if (x->n_behind == 0) {
		fputs("<p>Mọi công đoàn cơ sở có chỉ tiêu đều đã đạt.</p>\n</section>\n", f);
		return;
	}
	fputs("<p class=\"note\">Xếp theo số còn thiếu, nhiều nhất trước.</p>\n", f);
	th_class(f, "data list", head, 7);
	for (i = 0; i < x->n_behind; i++) {
		const Sangkien__QuotaReply *u = x->behind[i].unit;

		fprintf(f, "<tr><td class=\"c\">%zu</td>", i + 1);
		td_code(f, u->unit_code);
		td_text(f, u->unit_name);
		td_num(f, u->quota);
		td_num(f, u->submitted);
		td_num(f, x->behind[i].shortfall);
		td_pct(f, u->submitted, u->quota);
		fputs("</tr>\n", f);
	}
	fputs("</tbody></table>\n</section>\n", f);
}

void report_write_html(FILE *f, const Sangkien__ReportReply *r, const struct report_doc *d)
{
	static const struct report_doc none;
	struct doc x = {.f = f, .r = r, .d = d ? d : &none};

	report_totals(r, &x.t);
	x.n_behind = report_behind_list(r, &x.behind);
	x.day = x.d->has_date ? x.d->date_days : vn_time_day(r->as_of_unix_ms);
	fputs("<!DOCTYPE html>\n<html lang=\"vi\">\n<head>\n<meta charset=\"utf-8\">\n"
	      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
	      "<title>Báo cáo tiến độ – ",
	      f);
	html_text(f, r->scope_name);
	fprintf(f, "</title>\n<style>%s</style>\n</head>\n<body>\n<section class=\"sheet\">\n",
		css);
	heading(&x);
	title(&x);
	part_overall(&x);
	part_phases(&x);
	part_top_units(&x);
	part_behind(&x);
	part_kinds_themes(&x);
	part_weeks(&x);
	closing(&x);
	fputs("</section>\n", f);
	if (!r->units_omitted) {
		annex_units(&x);
		annex_behind(&x);
	}
	fputs("</body>\n</html>\n", f);
	free(x.behind);
}
