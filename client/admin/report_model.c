/*
 * report_model.c - figures derived from a ReportReply, shared by every
 * renderer so the table, CSV, JSON and HTML always agree (see report.h).
 */
#include "report.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "xalloc.h"
#include "initiative_check.h"
#include "vn_names.h"

static const struct {
	const char *name;
	const char *title;
} sections[REPORT_SECTION_COUNT] = {
    [REPORT_UNITS] = {"units", "Tiến độ theo đơn vị"},
    [REPORT_PHASES] = {"phases", "Theo giai đoạn, so với chỉ tiêu"},
    [REPORT_BEHIND] = {"behind", "Đơn vị chưa đạt chỉ tiêu (cần đôn đốc)"},
    [REPORT_KINDS] = {"kinds", "Theo loại sáng kiến"},
    [REPORT_THEMES] = {"themes", "Theo chủ đề"},
    [REPORT_WEEKS] = {"weeks", "Số sáng kiến nhận được theo tuần"},
};

bool report_section_parse(const char *name, enum report_section *out)
{
	int s;

	for (s = 0; s < REPORT_SECTION_COUNT; s++) {
		if (strcmp(name, sections[s].name) == 0) {
			*out = (enum report_section)s;
			return true;
		}
	}
	return false;
}

const char *report_section_name(enum report_section s)
{
	return s < REPORT_SECTION_COUNT ? sections[s].name : "?";
}

const char *report_section_title(enum report_section s)
{
	return s < REPORT_SECTION_COUNT ? sections[s].title : "?";
}

static int behind_cmp(const void *a, const void *b)
{
	const struct report_behind *x = a, *y = b;

	if (x->shortfall != y->shortfall)
		return x->shortfall > y->shortfall ? -1 : 1;
	return strcmp(x->unit->unit_code ? x->unit->unit_code : "",
		      y->unit->unit_code ? y->unit->unit_code : "");
}

size_t report_behind_list(const Sangkien__ReportReply *r, struct report_behind **out)
{
	size_t i, n = 0;

	*out = NULL;
	for (i = 0; i < r->n_units; i++) {
		const Sangkien__QuotaReply *u = r->units[i];

		if (u->quota > u->submitted) {
			if (!*out)
				*out = xcalloc(r->n_units, sizeof(**out));
			(*out)[n].unit = u;
			(*out)[n].shortfall = u->quota - u->submitted;
			n++;
		}
	}
	if (n > 1)
		qsort(*out, n, sizeof(**out), behind_cmp);
	return n;
}

void report_totals(const Sangkien__ReportReply *r, struct report_totals *t)
{
	size_t i;

	memset(t, 0, sizeof(*t));
	for (i = 0; i < r->n_units; i++) {
		t->quota += r->units[i]->quota;
		t->submitted += r->units[i]->submitted;
		t->recognized += r->units[i]->recognized;
		t->dossiers_complete += r->units[i]->dossiers_complete;
	}
}

void report_percent(uint64_t num, uint64_t den, char out[32])
{
	uint64_t tenths;

	if (den == 0 || num > UINT64_MAX / 1000) {
		snprintf(out, 32, "-");
		return;
	}
	tenths = (num * 1000 + den / 2) / den;
	snprintf(out, 32, "%" PRIu64 ".%" PRIu64, tenths / 10, tenths % 10);
}

const char *report_kind_label(const char *key)
{
	Sangkien__InitiativeKind k;

	if (key && kind_parse(key, &k))
		return vn_kind_name(k);
	return key ? key : "";
}

const char *report_theme_label(const char *key)
{
	Sangkien__Theme t;

	if (key == NULL || key[0] == '\0')
		return vn_theme_name(SANGKIEN__THEME__THEME_UNSPECIFIED);
	if (theme_parse(key, &t))
		return vn_theme_name(t);
	return key;
}

void report_week_span(const Sangkien__ReportReply *r, size_t *first, size_t *end)
{
	size_t i;

	*first = *end = 0;
	for (i = 0; i < r->n_by_week; i++) {
		if (r->by_week[i]->submitted == 0 && r->by_week[i]->recognized == 0)
			continue;
		if (*end == 0)
			*first = i;
		*end = i + 1;
	}
}

const Sangkien__PhaseProgress *report_unit_phase(const Sangkien__QuotaReply *u, const char *code)
{
	size_t i;

	for (i = 0; i < u->n_phases; i++)
		if (u->phases[i]->code && code && strcmp(u->phases[i]->code, code) == 0)
			return u->phases[i];
	return NULL;
}

double report_axis_end(const uint64_t *value, const uint64_t *target, size_t n, bool *capped)
{
	uint64_t longest = 0, top_value = 0, second = 0;
	size_t i, top = 0;

	for (i = 0; i < n; i++) {
		uint64_t len = target && target[i] > value[i] ? target[i] : value[i];

		if (len > longest)
			longest = len;
		if (value[i] > top_value) {
			top_value = value[i];
			top = i;
		}
	}
	for (i = 0; i < n; i++) {
		uint64_t len = target && target[i] > value[i] ? target[i] : value[i];

		if (i != top && len > second)
			second = len;
	}
	*capped = second > 0 && (double)top_value > REPORT_CAP_RATIO * (double)second;
	if (*capped)
		return (double)second * 1.3;
	return longest > 0 ? (double)longest : 1;
}
