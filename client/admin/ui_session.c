/*
 * ui_session.c - GET /api/session: who the credential is, as the server
 * says in its hello (the operator's label, the scope), and the display
 * zone.  Every page asks first, so a server that cannot be reached shows
 * at once, in words, on whatever page was opened.
 */
#include <stdlib.h>

#include "console.h"
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

int ui_session_routes(struct console *con)
{
	return web_route(con->web, WEB_GET, "/api/session", session, con);
}
