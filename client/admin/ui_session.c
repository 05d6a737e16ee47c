/*
 * ui_session.c - GET /api/session: who the credential is, as the server
 * says in its hello (the operator's label, the scope), and the display
 * zone.  Every page asks first, so a server that cannot be reached shows
 * at once, in words, on whatever page was opened.  GET /api/today: today's
 * date in that zone, the default of a decision date, so a browser whose
 * clock or zone is wrong still gets the office's day.
 */
#include <stdlib.h>

#include "console.h"
#include "vn_date.h"
#include "vn_time.h"
#include "xalloc.h"

static void work(struct console_call *k)
{
	struct web_json *j = &k->j;

	web_json_object(j, NULL);
	web_json_string(j, "label", k->who.label);
	web_json_bool(j, "administrator", k->who.administrator);
	web_json_string(j, "scope_code", k->who.scope_code);
	web_json_string(j, "scope_name", k->who.scope_name);
	web_json_string(j, "server", k->who.server);
	web_json_string(j, "zone", vn_time_zone_label());
	web_json_end_object(j);
}

static void session(struct web_request *r, void *arg)
{
	struct console_call *k = xcalloc(1, sizeof(*k));

	k->work = work;
	console_run(arg, r, k);
}

/* On the loop: no server needed, and asked afresh by each form (a page
 * left open overnight gets the new day). */
static void today(struct web_request *r, void *arg)
{
	struct web_json j;
	char day[VN_DATE_LEN];

	(void)arg;
	if (web_json_init(&j) != 0) {
		web_reply_error(r, 500, "Hết bộ nhớ.");
		return;
	}
	vn_date_format(vn_today(), day);
	web_json_object(&j, NULL);
	web_json_string(&j, "today", day);
	web_json_end_object(&j);
	web_reply_json(r, 200, &j);
	web_json_free(&j);
}

int ui_session_routes(struct console *con)
{
	if (web_route(con->web, WEB_GET, "/api/session", session, con) != 0)
		return -1;
	return web_route(con->web, WEB_GET, "/api/today", today, con);
}
