/*
 * ui_dashboard.c - GET /api/dashboard[?scope=CODE]: the progress report of
 * the operator's scope (ReportRequest, the same figures `report` prints)
 * as the dashboard draws it: the headline against both targets, each
 * named; per unit; per phase against its target; the units to urge with
 * their shortfall; by kind and theme; per week.  Numbers and dates come
 * formatted the Vietnamese way; each chart carries its axis by the one
 * rule of every chart (report_axis_end).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "console.h"
#include "initiative_check.h"
#include "report.h"
#include "vn_date.h"
#include "vn_number.h"
#include "vn_time.h"
#include "wire.h"
#include "xalloc.h"

/* A report over a large scope is heavy on the server (as `report`). */
#define DASHBOARD_TIMEOUT_MS 120000

struct dashboard_call {
	struct console_call k;
	char *scope;
};

static void num(struct web_json *j, const char *key, uint64_t v)
{
	char b[VN_NUMBER_LEN], k[64];

	web_json_int(j, key, (int64_t)v);
	vn_number_format_u(v, b);
	snprintf(k, sizeof(k), "%s_text", key);
	web_json_string(j, k, b);
}

static void pct(struct web_json *j, const char *key, uint64_t a, uint64_t b)
{
	char p[VN_NUMBER_LEN];

	vn_percent_format(a, b, p);
	web_json_string(j, key, p);
}

static void date(struct web_json *j, const char *key, const char *iso)
{
	char b[64];

	vn_date_show_iso(iso ? iso : "", b, sizeof(b));
	web_json_string(j, key, b);
}

/* key: {"axis": N, "capped": bool} for bars of value[] over target[]. */
static void chart(struct web_json *j, const char *key, const uint64_t *value,
		  const uint64_t *target, size_t n)
{
	bool capped = false;
	double end = report_axis_end(value, target, n, &capped);

	web_json_object(j, key);
	web_json_int(j, "axis", (int64_t)ceil(end));
	web_json_bool(j, "capped", capped);
	web_json_end_object(j);
}

/* The headline: both targets, each named (as the HTML report's part I). */
static void headline(struct web_json *j, const Sangkien__ReportReply *r,
		     const struct report_totals *t)
{
	size_t i, with = 0;

	for (i = 0; i < r->n_units; i++)
		with += r->units[i]->submitted > 0;
	web_json_object(j, "totals");
	num(j, "submitted", t->submitted);
	num(j, "recognized", t->recognized);
	pct(j, "recognized_share", t->recognized, t->submitted);
	num(j, "units", r->n_units);
	num(j, "units_with_submissions", with);
	web_json_end_object(j);
	web_json_array(j, "targets");
	web_json_object(j, NULL);
	web_json_string(j, "name", "Chỉ tiêu của đơn vị");
	web_json_string(j, "of", r->scope_name);
	num(j, "target", r->target);
	pct(j, "percent", t->submitted, r->target);
	web_json_end_object(j);
	web_json_object(j, NULL);
	web_json_string(j, "name", "Tổng chỉ tiêu đã phân bổ cho các công đoàn cơ sở");
	web_json_string(j, "of", "");
	num(j, "target", t->quota);
	pct(j, "percent", t->submitted, t->quota);
	web_json_end_object(j);
	web_json_end_array(j);
}

static void units(struct web_json *j, const Sangkien__ReportReply *r)
{
	uint64_t *v = xcalloc(r->n_units + 1, sizeof(*v));
	uint64_t *t = xcalloc(r->n_units + 1, sizeof(*t));
	size_t i;

	web_json_array(j, "units");
	for (i = 0; i < r->n_units; i++) {
		const Sangkien__QuotaReply *u = r->units[i];

		v[i] = u->submitted;
		t[i] = u->quota;
		web_json_object(j, NULL);
		web_json_string(j, "code", u->unit_code);
		web_json_string(j, "name", u->unit_name);
		num(j, "quota", u->quota);
		num(j, "submitted", u->submitted);
		num(j, "recognized", u->recognized);
		pct(j, "percent", u->submitted, u->quota);
		web_json_end_object(j);
	}
	web_json_end_array(j);
	chart(j, "units_chart", v, t, r->n_units);
	free(v);
	free(t);
}

static void phases(struct web_json *j, const Sangkien__ReportReply *r)
{
	uint64_t *v = xcalloc(r->n_phases + 1, sizeof(*v));
	uint64_t *t = xcalloc(r->n_phases + 1, sizeof(*t));
	size_t i;

	web_json_array(j, "phases");
	for (i = 0; i < r->n_phases; i++) {
		const Sangkien__PhaseReport *p = r->phases[i];

		v[i] = p->submitted;
		t[i] = p->target;
		web_json_object(j, NULL);
		web_json_string(j, "code", p->phase ? p->phase->code : "");
		web_json_string(j, "name", p->phase ? p->phase->name : "");
		date(j, "starts", p->phase ? p->phase->starts_on : "");
		date(j, "ends", p->phase ? p->phase->ends_on : "");
		num(j, "target", p->target);
		num(j, "submitted", p->submitted);
		num(j, "recognized", p->recognized);
		pct(j, "percent", p->submitted, p->target);
		web_json_end_object(j);
	}
	web_json_end_array(j);
	chart(j, "phases_chart", v, t, r->n_phases);
	free(v);
	free(t);
}

static void behind(struct web_json *j, const Sangkien__ReportReply *r)
{
	struct report_behind *b = NULL;
	size_t i, n = report_behind_list(r, &b);
	uint64_t *v = xcalloc(n + 1, sizeof(*v));

	web_json_array(j, "behind");
	for (i = 0; i < n; i++) {
		v[i] = b[i].shortfall;
		web_json_object(j, NULL);
		web_json_string(j, "code", b[i].unit->unit_code);
		web_json_string(j, "name", b[i].unit->unit_name);
		num(j, "quota", b[i].unit->quota);
		num(j, "submitted", b[i].unit->submitted);
		num(j, "shortfall", b[i].shortfall);
		pct(j, "percent", b[i].unit->submitted, b[i].unit->quota);
		web_json_end_object(j);
	}
	web_json_end_array(j);
	chart(j, "behind_chart", v, NULL, n);
	free(v);
	free(b);
}

static void counts(struct web_json *j, const char *key, Sangkien__ReportCount *const *c, size_t n,
		   const char *(*label)(const char *))
{
	uint64_t sub = 0, rec = 0;
	size_t i;

	for (i = 0; i < n; i++) {
		sub += c[i]->submitted;
		rec += c[i]->recognized;
	}
	web_json_object(j, key);
	web_json_array(j, "rows");
	for (i = 0; i < n; i++) {
		web_json_object(j, NULL);
		web_json_string(j, "key", c[i]->key);
		web_json_string(j, "label", label(c[i]->key));
		num(j, "submitted", c[i]->submitted);
		num(j, "recognized", c[i]->recognized);
		pct(j, "share", c[i]->submitted, sub);
		web_json_end_object(j);
	}
	web_json_end_array(j);
	num(j, "submitted", sub);
	num(j, "recognized", rec);
	web_json_end_object(j);
}

/* From the first to the last week with an initiative (report_week_span). */
static void weeks(struct web_json *j, const Sangkien__ReportReply *r)
{
	size_t first, end, i;
	uint64_t *v;

	report_week_span(r, &first, &end);
	v = xcalloc(end - first + 1, sizeof(*v));
	web_json_array(j, "weeks");
	for (i = first; i < end; i++) {
		v[i - first] = r->by_week[i]->submitted;
		web_json_object(j, NULL);
		date(j, "start", r->by_week[i]->key);
		num(j, "submitted", r->by_week[i]->submitted);
		num(j, "recognized", r->by_week[i]->recognized);
		web_json_end_object(j);
	}
	web_json_end_array(j);
	chart(j, "weeks_chart", v, NULL, end - first);
	free(v);
}

static void work(struct console_call *k)
{
	struct dashboard_call *d = (struct dashboard_call *)k;
	Sangkien__Envelope req = SANGKIEN__ENVELOPE__INIT, *reply = NULL;
	Sangkien__ReportRequest rr = SANGKIEN__REPORT_REQUEST__INIT;
	const Sangkien__ReportReply *r;
	struct report_totals t;
	struct web_json *j = &k->j;
	char when[VN_TIME_LEN];

	rr.scope_code = d->scope;
	rr.campaign_code = "";
	req.body_case = SANGKIEN__ENVELOPE__BODY_REPORT;
	req.report = &rr;
	if (!console_request(k, &req, SANGKIEN__ENVELOPE__BODY_REPORT_REPLY, "lập báo cáo", &reply))
		return;
	r = reply->report_reply;
	report_totals(r, &t);
	vn_time_format(r->as_of_unix_ms, false, when);
	web_json_object(j, NULL);
	web_json_string(j, "scope_code", r->scope_code);
	web_json_string(j, "scope_name", r->scope_name);
	web_json_string(j, "campaign_name", r->campaign_name);
	date(j, "counts_from", r->counts_from);
	web_json_string(j, "as_of", when);
	web_json_string(j, "zone", vn_time_zone_label());
	web_json_bool(j, "units_omitted", r->units_omitted);
	headline(j, r, &t);
	units(j, r);
	phases(j, r);
	behind(j, r);
	counts(j, "kinds", r->by_kind, r->n_by_kind, report_kind_label);
	counts(j, "themes", r->by_theme, r->n_by_theme, report_theme_label);
	weeks(j, r);
	web_json_end_object(j);
	wire_envelope_free(reply);
}

static void free_data(struct console_call *k)
{
	free(((struct dashboard_call *)k)->scope);
}

static void dashboard(struct web_request *r, void *arg)
{
	struct dashboard_call *d = xcalloc(1, sizeof(*d));

	d->k.work = work;
	d->k.free_data = free_data;
	d->k.timeout_ms = DASHBOARD_TIMEOUT_MS;
	d->scope = console_param(r, "scope");
	if (d->scope[0] && !unit_code_is_valid(d->scope)) {
		free_data(&d->k);
		free(d);
		web_reply_error(r, 400, "Mã đơn vị không hợp lệ.");
		return;
	}
	console_run(arg, r, &d->k);
}

int ui_dashboard_routes(struct console *con)
{
	return web_route(con->web, WEB_GET, "/api/dashboard", dashboard, con);
}
