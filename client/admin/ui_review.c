/* ui_review.c - the review endpoints' shared parts and their choices (see
 * ui_review.h). */
#include "ui_review.h"

#include <stdio.h>
#include <string.h>

#include "names.h"
#include "progress_pages.h"
#include "review_flow.h"
#include "review_plan.h"
#include "vn_date.h"
#include "vn_names.h"
#include "vn_time.h"
#include "wire.h"
#include "xalloc.h"

/* Units listed as choices; a scope with more is filtered by typed code. */
#define UI_REVIEW_UNITS_MAX 2000

void ui_review_fail(struct console_call *k, int rc, const char *fallback)
{
	k->status = console_status_for(rc);
	if (!k->msg[0])
		snprintf(k->msg, sizeof(k->msg), "%s", fallback);
}

void ui_review_actions_json(struct web_json *j, const char *key, Sangkien__InitiativeStatus st)
{
	size_t n;
	const struct review_flow *t = review_flow_table(&n);

	web_json_array(j, key);
	for (size_t i = 0; i < n; i++)
		if (review_flow_allows(t[i].op, st))
			web_json_string(j, NULL, t[i].code);
	web_json_end_array(j);
}

static const char *code_of(enum name_set set, int value)
{
	const struct name_entry *e = names_find(set, value);

	return e ? e->code : "";
}

void ui_review_item_json(struct web_json *j, const Sangkien__ListedInitiative *li)
{
	const Sangkien__ServerInitiative *si = li->initiative;
	const Sangkien__Initiative *it = si ? si->content : NULL;
	Sangkien__InitiativeStatus st = si ? si->status : 0;

	web_json_string(j, "uuid", it ? it->uuid : "");
	web_json_string(j, "title", it ? it->title : "");
	web_json_string(j, "unit_code", li->unit_code);
	web_json_string(j, "unit_name", li->unit_name);
	web_json_string(j, "status", code_of(NAMES_STATUS, (int)st));
	web_json_string(j, "status_text", vn_status_name(st));
	web_json_string(j, "kind", code_of(NAMES_KIND, it ? (int)it->kind : 0));
	web_json_string(j, "kind_text", vn_kind_name(it ? it->kind : 0));
	web_json_string(j, "theme_text", vn_theme_name(it ? it->theme : 0));
	web_json_string(j, "phase", si ? si->phase_code : "");
	web_json_vn_date(j, "applied_on", it ? it->applied_on : "");
	web_json_vn_time(j, "received", si && si->receipt ? si->receipt->received_unix_ms : 0);
	web_json_vn_time(j, "updated", si ? si->updated_unix_ms : 0);
	web_json_int(j, "record_id", si && si->receipt ? si->receipt->record_id : 0);
	web_json_int(j, "version", si ? si->version : 0);
	ui_review_actions_json(j, "actions", st);
}

static void names_json(struct web_json *j, const char *key, enum name_set set)
{
	size_t n;
	const struct name_entry *t = names_table(set, &n);

	web_json_array(j, key);
	for (size_t i = 0; i < n; i++) {
		web_json_object(j, NULL);
		web_json_string(j, "code", t[i].code);
		web_json_string(j, "text", t[i].vi);
		web_json_end_object(j);
	}
	web_json_end_array(j);
}

/* The decisions: code, the words of a button, the status needed and the
 * one reached (review_flow.h), and whether a note is needed. */
static void ops_json(struct web_json *j)
{
	size_t n;
	const struct review_flow *t = review_flow_table(&n);

	web_json_array(j, "actions");
	for (size_t i = 0; i < n; i++) {
		web_json_object(j, NULL);
		web_json_string(j, "code", t[i].code);
		web_json_string(j, "text", review_op_label(t[i].op));
		web_json_string(j, "from", code_of(NAMES_STATUS, (int)t[i].from));
		web_json_string(j, "to", code_of(NAMES_STATUS, (int)t[i].to));
		web_json_bool(j, "needs_note", t[i].needs_note);
		web_json_end_object(j);
	}
	web_json_end_array(j);
}

/* Units and phases of the scope, from the pages of its progress up to
 * UI_REVIEW_UNITS_MAX units: a scope with more (a province, the nation)
 * lists none after its first pages, and the filters still work by typed
 * code. */
static void scope_json(struct console_call *k)
{
	struct web_json *j = &k->j;
	struct progress_pages pages;
	const Sangkien__ProgressReply *p = &pages.whole;
	char msg[512];

	if (progress_pages_fetch(k->conn, "", 0, UI_REVIEW_UNITS_MAX, NULL, NULL, &pages, msg,
				 sizeof(msg)) != ADMIN_EXIT_OK) {
		web_json_null(j, "units");
		web_json_array(j, "phases");
		web_json_end_array(j);
		return;
	}
	if (pages.cut || p->n_units > UI_REVIEW_UNITS_MAX) {
		web_json_null(j, "units");
	} else {
		web_json_array(j, "units");
		for (size_t i = 0; i < p->n_units; i++) {
			web_json_object(j, NULL);
			web_json_string(j, "code", p->units[i]->unit_code);
			web_json_string(j, "text", p->units[i]->unit_name);
			web_json_end_object(j);
		}
		web_json_end_array(j);
	}
	web_json_array(j, "phases");
	for (size_t i = 0; p->n_units > 0 && i < p->units[0]->n_phases; i++) {
		const Sangkien__PhaseProgress *ph = p->units[0]->phases[i];

		web_json_object(j, NULL);
		web_json_string(j, "code", ph->code);
		web_json_string(j, "text", ph->name);
		web_json_vn_date(j, "starts", ph->starts_on);
		web_json_vn_date(j, "ends", ph->ends_on);
		web_json_end_object(j);
	}
	web_json_end_array(j);
	progress_pages_release(&pages);
}

static void choices_work(struct console_call *k)
{
	struct web_json *j = &k->j;

	web_json_object(j, NULL);
	names_json(j, "statuses", NAMES_STATUS);
	names_json(j, "kinds", NAMES_KIND);
	ops_json(j);
	scope_json(k);
	web_json_end_object(j);
}

static void on_choices(struct web_request *r, void *arg)
{
	struct console_call *k = xcalloc(1, sizeof(*k));

	k->work = choices_work;
	console_run(arg, r, k);
}

int ui_review_routes(struct console *con)
{
	if (web_route(con->web, WEB_GET, "/api/review/choices", on_choices, con) != 0 ||
	    ui_review_queue_routes(con) != 0 || ui_review_read_routes(con) != 0 ||
	    ui_review_decide_routes(con) != 0 || ui_review_file_routes(con) != 0)
		return -1;
	return 0;
}
