/*
 * report_xlsx.c - the report as an Excel workbook (see report.h), one sheet
 * per section after a summary sheet, through xlsx_out.h.  The figures are
 * the same as in every other format (report_model.c).
 */
#include <stdio.h>
#include <stdlib.h>

#include "report.h"
#include "xlsx_out.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

static void summary(struct xlsx_book *b, const Sangkien__ReportReply *r)
{
	/* Both targets, each named, with the rate against each. */
	static const struct xlsx_column cols[] = {
	    {"Chỉ tiêu so sánh", XLSX_TEXT, 58},
	    {"Chỉ tiêu", XLSX_INT, 12},
	    {"Đã gửi", XLSX_INT, 12},
	    {"Tỷ lệ đạt", XLSX_PERCENT, 12},
	    {"Được công nhận", XLSX_INT, 16},
	};
	static const struct xlsx_column info_cols[] = {
	    {"Nội dung", XLSX_TEXT, 40},
	    {"Giá trị", XLSX_TEXT, 60},
	};
	struct xlsx_sheet *s = xlsx_sheet_add(b, "Tổng hợp", cols, N(cols));
	struct xlsx_sheet *info;
	struct report_totals tot;
	struct report_behind *list;
	size_t nb = report_behind_list(r, &list);
	char line[512];

	free(list);
	report_totals(r, &tot);
	snprintf(line, sizeof(line), "Chỉ tiêu của %s", r->scope_name ? r->scope_name : "");
	xlsx_text(s, line);
	if (r->target)
		xlsx_int(s, r->target);
	else
		xlsx_blank(s);
	xlsx_int(s, (int64_t)tot.submitted);
	xlsx_percent(s, tot.submitted, r->target);
	xlsx_int(s, (int64_t)tot.recognized);
	xlsx_row_end(s);
	snprintf(line, sizeof(line), "Tổng chỉ tiêu đã phân bổ cho %zu công đoàn cơ sở",
		 r->n_units);
	xlsx_text(s, line);
	xlsx_int(s, (int64_t)tot.quota);
	xlsx_int(s, (int64_t)tot.submitted);
	xlsx_percent(s, tot.submitted, tot.quota);
	xlsx_int(s, (int64_t)tot.recognized);
	xlsx_row_end(s);

	info = xlsx_sheet_add(b, "Thông tin", info_cols, N(info_cols));
	xlsx_text(info, "Đơn vị báo cáo");
	xlsx_text(info, r->scope_name);
	xlsx_row_end(info);
	xlsx_text(info, "Mã đơn vị");
	xlsx_text(info, r->scope_code);
	xlsx_row_end(info);
	xlsx_text(info, "Đợt thi đua");
	xlsx_text(info, r->campaign_name);
	xlsx_row_end(info);
	xlsx_text(info, "Mã đợt thi đua");
	xlsx_text(info, r->campaign_code);
	xlsx_row_end(info);
	xlsx_text(info, "Tính sáng kiến từ ngày");
	xlsx_date(info, r->counts_from);
	xlsx_row_end(info);
	xlsx_text(info, "Số liệu lúc (giờ địa phương)");
	xlsx_time_ms(info, r->as_of_unix_ms);
	xlsx_row_end(info);
	xlsx_text(info, "Số công đoàn cơ sở");
	xlsx_int(info, (int64_t)r->n_units);
	xlsx_row_end(info);
	xlsx_text(info, "Số đơn vị chưa đạt chỉ tiêu");
	xlsx_int(info, (int64_t)nb);
	xlsx_row_end(info);
}

static void units(struct xlsx_book *b, const Sangkien__ReportReply *r)
{
	static const struct xlsx_column cols[] = {
	    {"Mã", XLSX_TEXT, 10},
	    {"Công đoàn cơ sở", XLSX_TEXT, 44},
	    {"Chỉ tiêu", XLSX_INT, 10},
	    {"Đã gửi", XLSX_INT, 10},
	    {"Được công nhận", XLSX_INT, 15},
	    {"Tỷ lệ", XLSX_PERCENT, 10},
	    {"Hồ sơ đủ", XLSX_INT, 10},
	};
	struct xlsx_sheet *s = xlsx_sheet_add(b, "Đơn vị", cols, N(cols));
	size_t i;

	for (i = 0; i < r->n_units; i++) {
		const Sangkien__QuotaReply *u = r->units[i];

		xlsx_text(s, u->unit_code);
		xlsx_text(s, u->unit_name);
		xlsx_int(s, u->quota);
		xlsx_int(s, u->submitted);
		xlsx_int(s, u->recognized);
		xlsx_percent(s, u->submitted, u->quota);
		xlsx_int(s, u->dossiers_complete);
		xlsx_row_end(s);
	}
}

static void phases(struct xlsx_book *b, const Sangkien__ReportReply *r)
{
	static const struct xlsx_column cols[] = {
	    {"Mã", XLSX_TEXT, 8},
	    {"Giai đoạn", XLSX_TEXT, 36},
	    {"Từ ngày", XLSX_DATE, 12},
	    {"Đến ngày", XLSX_DATE, 12},
	    {"Chỉ tiêu", XLSX_INT, 10},
	    {"Đã gửi", XLSX_INT, 10},
	    {"Được công nhận", XLSX_INT, 15},
	    {"Tỷ lệ", XLSX_PERCENT, 10},
	};
	struct xlsx_sheet *s = xlsx_sheet_add(b, "Giai đoạn", cols, N(cols));
	size_t i;

	for (i = 0; i < r->n_phases; i++) {
		const Sangkien__PhaseReport *p = r->phases[i];

		xlsx_text(s, p->phase ? p->phase->code : "");
		xlsx_text(s, p->phase ? p->phase->name : "");
		xlsx_date(s, p->phase ? p->phase->starts_on : "");
		xlsx_date(s, p->phase ? p->phase->ends_on : "");
		xlsx_int(s, p->target);
		xlsx_int(s, p->submitted);
		xlsx_int(s, p->recognized);
		xlsx_percent(s, p->submitted, p->target);
		xlsx_row_end(s);
	}
}

static void behind(struct xlsx_book *b, const Sangkien__ReportReply *r)
{
	static const struct xlsx_column cols[] = {
	    {"Mã", XLSX_TEXT, 10},	 {"Công đoàn cơ sở", XLSX_TEXT, 44},
	    {"Chỉ tiêu", XLSX_INT, 10},	 {"Đã gửi", XLSX_INT, 10},
	    {"Còn thiếu", XLSX_INT, 10}, {"Tỷ lệ", XLSX_PERCENT, 10},
	};
	struct xlsx_sheet *s = xlsx_sheet_add(b, "Cần đôn đốc", cols, N(cols));
	struct report_behind *list;
	size_t i, n = report_behind_list(r, &list);

	for (i = 0; i < n; i++) {
		xlsx_text(s, list[i].unit->unit_code);
		xlsx_text(s, list[i].unit->unit_name);
		xlsx_int(s, list[i].unit->quota);
		xlsx_int(s, list[i].unit->submitted);
		xlsx_int(s, list[i].shortfall);
		xlsx_percent(s, list[i].unit->submitted, list[i].unit->quota);
		xlsx_row_end(s);
	}
	free(list);
}

static void counts(struct xlsx_book *b, const char *sheet, const struct xlsx_column *cols,
		   Sangkien__ReportCount *const *c, size_t n, const char *(*label)(const char *))
{
	struct xlsx_sheet *s = xlsx_sheet_add(b, sheet, cols, 3);
	size_t i;

	for (i = 0; i < n; i++) {
		if (label)
			xlsx_text(s, label(c[i]->key));
		else
			xlsx_date(s, c[i]->key);
		xlsx_int(s, c[i]->submitted);
		xlsx_int(s, c[i]->recognized);
		xlsx_row_end(s);
	}
}

void report_write_xlsx(struct xlsx_book *b, const Sangkien__ReportReply *r)
{
	static const struct xlsx_column kinds[] = {
	    {"Loại sáng kiến", XLSX_TEXT, 30},
	    {"Đã gửi", XLSX_INT, 10},
	    {"Được công nhận", XLSX_INT, 15},
	};
	static const struct xlsx_column themes[] = {
	    {"Chủ đề", XLSX_TEXT, 46},
	    {"Đã gửi", XLSX_INT, 10},
	    {"Được công nhận", XLSX_INT, 15},
	};
	static const struct xlsx_column weeks[] = {
	    {"Tuần từ thứ Hai", XLSX_DATE, 16},
	    {"Đã gửi", XLSX_INT, 10},
	    {"Được công nhận", XLSX_INT, 15},
	};

	summary(b, r);
	units(b, r);
	phases(b, r);
	behind(b, r);
	counts(b, "Loại", kinds, r->by_kind, r->n_by_kind, report_kind_label);
	counts(b, "Chủ đề", themes, r->by_theme, r->n_by_theme, report_theme_label);
	counts(b, "Theo tuần", weeks, r->by_week, r->n_by_week, NULL);
}
