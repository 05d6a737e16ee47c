/*
 * report_csv.c - one section of the report as a CSV file (see report.h and
 * out_csv.h): a BOM so Excel reads UTF-8, Vietnamese column titles, CRLF.
 * Percentages use a dot and one decimal ("12.5"); "-" means no quota.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "xalloc.h"
#include "out_csv.h"
#include "report.h"

static void units(FILE *f, const Sangkien__ReportReply *r)
{
	/* The fixed columns, target and submitted per phase, then the complete
	 * dossiers. */
	size_t ncol = 6 + 2 * r->n_phases + 1, i, k;
	const char **row = xcalloc(ncol, sizeof(char *));
	char **own = xcalloc(ncol, sizeof(char *));

	row[0] = "Mã đơn vị";
	row[1] = "Đơn vị";
	row[2] = "Chỉ tiêu";
	row[3] = "Đã gửi";
	row[4] = "Được công nhận";
	row[5] = "Tỷ lệ (%)";
	for (k = 0; k < r->n_phases; k++) {
		const char *code = r->phases[k]->phase ? r->phases[k]->phase->code : "";

		own[6 + 2 * k] = xasprintf("%s: chỉ tiêu", code ? code : "");
		own[7 + 2 * k] = xasprintf("%s: đã gửi", code ? code : "");
		row[6 + 2 * k] = own[6 + 2 * k];
		row[7 + 2 * k] = own[7 + 2 * k];
	}
	row[ncol - 1] = "Hồ sơ đủ";
	out_csv_row(f, row, ncol);
	for (k = 6; k < ncol; k++) {
		free(own[k]);
		own[k] = xcalloc(1, 32);
	}
	for (i = 0; i < r->n_units; i++) {
		const Sangkien__QuotaReply *u = r->units[i];
		char b[5][32];

		snprintf(b[0], 32, "%" PRIu32, u->quota);
		snprintf(b[1], 32, "%" PRIu32, u->submitted);
		snprintf(b[2], 32, "%" PRIu32, u->recognized);
		report_percent(u->submitted, u->quota, b[3]);
		row[0] = u->unit_code;
		row[1] = u->unit_name;
		for (k = 0; k < 4; k++)
			row[2 + k] = b[k];
		for (k = 0; k < r->n_phases; k++) {
			const Sangkien__PhaseProgress *p = report_unit_phase(
			    u, r->phases[k]->phase ? r->phases[k]->phase->code : NULL);

			snprintf(own[6 + 2 * k], 32, "%" PRIu32, p ? p->target : 0);
			snprintf(own[7 + 2 * k], 32, "%" PRIu32, p ? p->submitted : 0);
			row[6 + 2 * k] = own[6 + 2 * k];
			row[7 + 2 * k] = own[7 + 2 * k];
		}
		snprintf(b[4], 32, "%" PRIu32, u->dossiers_complete);
		row[ncol - 1] = b[4];
		out_csv_row(f, row, ncol);
	}
	for (k = 0; k < ncol; k++)
		free(own[k]);
	free(own);
	free(row);
}

static void phases(FILE *f, const Sangkien__ReportReply *r)
{
	static const char *const head[] = {"Mã giai đoạn",   "Tên giai đoạn", "Từ ngày",
					   "Đến ngày",	     "Chỉ tiêu",      "Đã gửi",
					   "Được công nhận", "Tỷ lệ (%)"};
	size_t i;

	out_csv_row(f, head, 8);
	for (i = 0; i < r->n_phases; i++) {
		const Sangkien__PhaseReport *p = r->phases[i];
		const Sangkien__Phase *ph = p->phase;
		char b[4][32];
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
		out_csv_row(f, row, 8);
	}
}

static void behind(FILE *f, const Sangkien__ReportReply *r)
{
	static const char *const head[] = {"Mã đơn vị", "Đơn vị",    "Chỉ tiêu",
					   "Đã gửi",	"Còn thiếu", "Tỷ lệ (%)"};
	struct report_behind *list;
	size_t n = report_behind_list(r, &list), i;

	out_csv_row(f, head, 6);
	for (i = 0; i < n; i++) {
		const Sangkien__QuotaReply *u = list[i].unit;
		char b[4][32];
		const char *row[6] = {u->unit_code, u->unit_name, b[0], b[1], b[2], b[3]};

		snprintf(b[0], 32, "%" PRIu32, u->quota);
		snprintf(b[1], 32, "%" PRIu32, u->submitted);
		snprintf(b[2], 32, "%" PRIu32, list[i].shortfall);
		report_percent(u->submitted, u->quota, b[3]);
		out_csv_row(f, row, 6);
	}
	free(list);
}

static void counts(FILE *f, const char *first, bool with_key, Sangkien__ReportCount *const *c,
		   size_t n, const char *(*label)(const char *))
{
	const char *head[4] = {first, "Đã gửi", "Được công nhận", "Khóa"};
	size_t i;

	out_csv_row(f, head, with_key ? 4 : 3);
	for (i = 0; i < n; i++) {
		char b[2][32];
		const char *row[4] = {label ? label(c[i]->key) : c[i]->key, b[0], b[1], c[i]->key};

		snprintf(b[0], 32, "%" PRIu32, c[i]->submitted);
		snprintf(b[1], 32, "%" PRIu32, c[i]->recognized);
		out_csv_row(f, row, with_key ? 4 : 3);
	}
}

void report_write_csv(FILE *f, const Sangkien__ReportReply *r, enum report_section s)
{
	out_csv_bom(f);
	switch (s) {
	case REPORT_UNITS:
		units(f, r);
		break;
	case REPORT_PHASES:
		phases(f, r);
		break;
	case REPORT_BEHIND:
		behind(f, r);
		break;
	case REPORT_KINDS:
		counts(f, "Loại sáng kiến", true, r->by_kind, r->n_by_kind, report_kind_label);
		break;
	case REPORT_THEMES:
		counts(f, "Chủ đề", true, r->by_theme, r->n_by_theme, report_theme_label);
		break;
	case REPORT_WEEKS:
	default:
		counts(f, "Tuần bắt đầu (thứ Hai)", false, r->by_week, r->n_by_week, NULL);
		break;
	}
}
