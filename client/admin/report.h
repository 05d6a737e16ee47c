/*
 * report.h - the progress report of an operator's scope (ReportReply) and
 * its renderers: an aligned table for the terminal, CSV, JSON, and one
 * self-contained HTML file with charts.
 *
 * The renderers are pure functions from a reply to a stream: they never
 * touch the network and never fail except on the stream (the caller checks
 * ferror/fflush).  Everything from the server is treated as text to escape
 * for the format at hand.
 *
 * Sections, in order: per unit (quota, submitted, recognized, percent), per
 * phase against the scope's target, units behind their quota (the list to
 * urge, largest shortfall first), by kind, by theme, per week.
 */
#ifndef SANGKIEN_REPORT_H
#define SANGKIEN_REPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "sangkien.pb-c.h"

enum report_section {
	REPORT_UNITS,
	REPORT_PHASES,
	REPORT_BEHIND,
	REPORT_KINDS,
	REPORT_THEMES,
	REPORT_WEEKS,
	REPORT_SECTION_COUNT,
};

/* "units", "phases", "behind", "kinds", "themes", "weeks". */
bool report_section_parse(const char *name, enum report_section *out);
const char *report_section_name(enum report_section s);
/* Vietnamese heading, e.g. "Đơn vị chưa đạt chỉ tiêu (cần đôn đốc)". */
const char *report_section_title(enum report_section s);

/* A unit behind its quota and by how much. */
struct report_behind {
	const Sangkien__QuotaReply *unit; /* borrowed from the reply */
	uint32_t shortfall;		  /* quota - submitted, > 0 */
};

/* Units with a quota and fewer submissions than it, largest shortfall
 * first (then by code).  Returns the count; *out is a new array the caller
 * frees (NULL when none). */
size_t report_behind_list(const Sangkien__ReportReply *r, struct report_behind **out);

struct report_totals {
	uint64_t quota, submitted, recognized; /* sums over the units */
	uint64_t dossiers_complete;	       /* of submitted, complete dossiers */
};
void report_totals(const Sangkien__ReportReply *r, struct report_totals *t);

/* num / den in percent with one decimal ("12.5"); "-" when den is 0. */
void report_percent(uint64_t num, uint64_t den, char out[32]);

/* Vietnamese labels of a by_kind / by_theme key ("technical" -> "Cải tiến
 * kỹ thuật", "" -> "Không ghi chủ đề"); an unknown key is returned as is. */
const char *report_kind_label(const char *key);
const char *report_theme_label(const char *key);

/* The weeks worth showing: [*first, *end) from the first to the last week
 * with any initiative (first == end when there is none). */
void report_week_span(const Sangkien__ReportReply *r, size_t *first, size_t *end);

/*
 * The end of a chart's axis, one rule for every chart (the HTML report and
 * the console): the longest bar (the larger of its value and its target),
 * unless the largest value is more than REPORT_CAP_RATIO times every other
 * bar; then that bar is cut (*capped true) and the axis ends at 1.3 times
 * the next longest, so one unit far ahead does not flatten the others.
 * value[n], target[n] (NULL: no targets).  At least 1.
 */
#define REPORT_CAP_RATIO 2.5
double report_axis_end(const uint64_t *value, const uint64_t *target, size_t n, bool *capped);

/* The unit's figures for phase `code` (NULL when the unit has none). */
const Sangkien__PhaseProgress *report_unit_phase(const Sangkien__QuotaReply *u, const char *code);

void report_write_table(FILE *f, const Sangkien__ReportReply *r);
/* One section as a CSV file (BOM, header row, CRLF). */
void report_write_csv(FILE *f, const Sangkien__ReportReply *r, enum report_section s);
/* The whole report as one JSON document. */
void report_write_json(FILE *f, const Sangkien__ReportReply *r);
struct report_doc;
struct xlsx_book;
/* The whole report as sheets of an Excel workbook (xlsx_out.h): Tổng hợp
 * (both targets, each named), Thông tin, Đơn vị, Giai đoạn, Cần đôn đốc,
 * Loại, Chủ đề, Theo tuần. */
void report_write_xlsx(struct xlsx_book *b, const Sangkien__ReportReply *r);
/* The whole report as an official document (report_doc.h: heading,
 * number, signer, recipients; NULL: none set) in one HTML file with inline
 * CSS and SVG charts, laid out for A4. */
void report_write_html(FILE *f, const Sangkien__ReportReply *r, const struct report_doc *doc);

#endif
