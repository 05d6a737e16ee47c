/*
 * report_json.c - the whole report as one JSON document (see report.h).
 * Keys are English; labels for people are in Vietnamese beside the keys.
 * A percentage is a number with one decimal, or null without a quota.
 */
#include <stdlib.h>

#include "admin_parse.h"
#include "out_json.h"
#include "report.h"
#include "vn_time.h"

static void percent(struct out_json *j, uint64_t num, uint64_t den)
{
	out_json_key(j, "percent");
	if (den == 0)
		out_json_null(j);
	else
		out_json_fixed(j, (double)num * 100.0 / (double)den, 1);
}

static void counts(struct out_json *j, const char *key, Sangkien__ReportCount *const *c, size_t n,
		   const char *(*label)(const char *))
{
	size_t i;

	out_json_key(j, key);
	out_json_begin_array(j);
	for (i = 0; i < n; i++) {
		out_json_begin_object(j);
		out_json_kv_string(j, "key", c[i]->key);
		if (label)
			out_json_kv_string(j, "label", label(c[i]->key));
		out_json_kv_uint(j, "submitted", c[i]->submitted);
		out_json_kv_uint(j, "recognized", c[i]->recognized);
		out_json_end_object(j);
	}
	out_json_end_array(j);
}

void report_write_json(FILE *f, const Sangkien__ReportReply *r)
{
	struct out_json j;
	struct report_totals t;
	struct report_behind *list;
	size_t n, i, k;
	char at[VN_TIME_LEN];

	out_json_init(&j, f);
	report_totals(r, &t);
	vn_time_format_iso(r->as_of_unix_ms, at);
	out_json_begin_object(&j);
	out_json_key(&j, "scope");
	out_json_begin_object(&j);
	out_json_kv_string(&j, "code", r->scope_code);
	out_json_kv_string(&j, "name", r->scope_name);
	out_json_kv_uint(&j, "target", r->target);
	out_json_end_object(&j);
	out_json_key(&j, "campaign");
	out_json_begin_object(&j);
	out_json_kv_string(&j, "code", r->campaign_code);
	out_json_kv_string(&j, "name", r->campaign_name);
	out_json_kv_string(&j, "counts_from", r->counts_from);
	out_json_end_object(&j);
	out_json_kv_int(&j, "as_of_unix_ms", r->as_of_unix_ms);
	out_json_kv_string(&j, "as_of_local", at);
	out_json_key(&j, "totals");
	out_json_begin_object(&j);
	out_json_kv_uint(&j, "quota", t.quota);
	out_json_kv_uint(&j, "submitted", t.submitted);
	out_json_kv_uint(&j, "recognized", t.recognized);
	percent(&j, t.submitted, t.quota);
	out_json_kv_uint(&j, "dossiers_complete", t.dossiers_complete);
	out_json_end_object(&j);

	out_json_key(&j, "units");
	out_json_begin_array(&j);
	for (i = 0; i < r->n_units; i++) {
		const Sangkien__QuotaReply *u = r->units[i];

		out_json_begin_object(&j);
		out_json_kv_string(&j, "code", u->unit_code);
		out_json_kv_string(&j, "name", u->unit_name);
		out_json_kv_uint(&j, "quota", u->quota);
		out_json_kv_uint(&j, "submitted", u->submitted);
		out_json_kv_uint(&j, "recognized", u->recognized);
		percent(&j, u->submitted, u->quota);
		out_json_kv_uint(&j, "dossiers_complete", u->dossiers_complete);
		out_json_key(&j, "phases");
		out_json_begin_array(&j);
		for (k = 0; k < u->n_phases; k++) {
			out_json_begin_object(&j);
			out_json_kv_string(&j, "code", u->phases[k]->code);
			out_json_kv_uint(&j, "target", u->phases[k]->target);
			out_json_kv_uint(&j, "submitted", u->phases[k]->submitted);
			out_json_kv_uint(&j, "recognized", u->phases[k]->recognized);
			out_json_end_object(&j);
		}
		out_json_end_array(&j);
		out_json_end_object(&j);
	}
	out_json_end_array(&j);

	out_json_key(&j, "phases");
	out_json_begin_array(&j);
	for (i = 0; i < r->n_phases; i++) {
		const Sangkien__PhaseReport *p = r->phases[i];

		out_json_begin_object(&j);
		out_json_kv_string(&j, "code", p->phase ? p->phase->code : "");
		out_json_kv_string(&j, "name", p->phase ? p->phase->name : "");
		out_json_kv_string(&j, "starts_on", p->phase ? p->phase->starts_on : "");
		out_json_kv_string(&j, "ends_on", p->phase ? p->phase->ends_on : "");
		out_json_kv_uint(&j, "target", p->target);
		out_json_kv_uint(&j, "submitted", p->submitted);
		out_json_kv_uint(&j, "recognized", p->recognized);
		percent(&j, p->submitted, p->target);
		out_json_end_object(&j);
	}
	out_json_end_array(&j);

	n = report_behind_list(r, &list);
	out_json_key(&j, "behind");
	out_json_begin_array(&j);
	for (i = 0; i < n; i++) {
		out_json_begin_object(&j);
		out_json_kv_string(&j, "code", list[i].unit->unit_code);
		out_json_kv_string(&j, "name", list[i].unit->unit_name);
		out_json_kv_uint(&j, "quota", list[i].unit->quota);
		out_json_kv_uint(&j, "submitted", list[i].unit->submitted);
		out_json_kv_uint(&j, "shortfall", list[i].shortfall);
		out_json_end_object(&j);
	}
	out_json_end_array(&j);
	free(list);

	counts(&j, "by_kind", r->by_kind, r->n_by_kind, report_kind_label);
	counts(&j, "by_theme", r->by_theme, r->n_by_theme, report_theme_label);
	counts(&j, "by_week", r->by_week, r->n_by_week, NULL);
	out_json_end_object(&j);
	out_json_finish(&j);
}
