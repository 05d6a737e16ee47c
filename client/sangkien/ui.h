/*
 * ui.h - `sangkien ui`: the union office's web interface over the store
 * and the sync of the command line (client/web carries the HTTP side).
 *
 * The pages are static files in ui/ compiled into the program
 * (sangkien_ui_assets); they talk to the JSON endpoints routed here:
 *   ui_read.c   GET  /api/home, /api/items, /api/item, /api/drafts
 *   ui_form.c   POST /api/check, /api/draft, /api/draft/delete,
 *               /api/draft/ready, /api/withdraw, /api/resolve; GET /api/draft
 *   ui_sync.c   POST /api/sync; GET /api/sync (progress while it runs)
 * Every endpoint runs on the event loop's thread with ui.st, except the
 * sync itself (a web_job with its own store connection).
 */
#ifndef SANGKIEN_UI_H
#define SANGKIEN_UI_H

#include <stdbool.h>
#include <stdint.h>

#include "store.h"
#include "sync.h"
#include "web.h"
#include "web_job.h"
#include "web_json.h"

/* Request bodies: a draft is the largest (20,000-character texts). */
#define UI_MAX_BODY (256u * 1024u)

/* The sync job's state, shared with the page under job's lock. */
struct ui_sync {
	bool running;
	int64_t started_unix_ms, finished_unix_ms;
	int attempt;		  /* 1, 2, ... while retrying */
	struct sync_counts total; /* earlier attempts of this run */
	struct sync_counts now;	  /* the current attempt */
	int rc;			  /* enum client_exit of the last run (-1: none yet) */
	char message[512];	  /* Vietnamese, for the last run's failure */
	int64_t history_mark;	  /* to name the items the run left the user */
};

struct ui {
	struct web *web;
	struct store *st; /* the event loop thread's connection */
	const char *store_path;
	struct web_job job;
	struct ui_sync sync; /* under job's lock */
};

/* Route each file's endpoints.  Return 0, or -1 when routing failed. */
int ui_read_routes(struct ui *ui);
int ui_form_routes(struct ui *ui);
int ui_sync_routes(struct ui *ui);

/* The last sync run, for Home (takes the job's lock). */
void ui_sync_json(struct ui *ui, struct web_json *j, const char *key);

/* Log a store failure of an endpoint on stderr (the page gets a short
 * Vietnamese message; the details are for whoever runs the program). */
void ui_store_failed(struct ui *ui, const char *what);

/* A row's state in words, as the list, Home and Detail show it. */
struct store_row;
const char *ui_state_words(const struct store_row *r);

#endif
