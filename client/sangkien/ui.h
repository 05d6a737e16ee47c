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
 *   ui_files.c  POST /api/attach/begin, /api/attach/part, /api/attach/end,
 *               /api/attach/cancel, /api/detach (the dossier's files)
 * Every endpoint runs on the event loop's thread with ui.st, except the
 * sync itself (a web_job with its own store connection).
 */
#ifndef SANGKIEN_UI_H
#define SANGKIEN_UI_H

#include <stdbool.h>
#include <stdint.h>

#include "attach_file.h"
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

/* The page sends a file in pieces of at most this many bytes (a request
 * body, within UI_MAX_BODY). */
#define UI_FILE_PIECE (192u * 1024u)
/* Files coming in at once. */
#define UI_UPLOADS_MAX 8

/* A file the page is sending (ui_files.c); token[0] == '\0': a free slot. */
struct ui_upload {
	char token[33];
	int64_t item_id;
	char *name;
	struct attach_copy copy; /* tmp_path, and size so far */
	FILE *f;
	uint64_t expect, max;
	int64_t touched_ms;
};

struct ui {
	struct web *web;
	struct store *st; /* the event loop thread's connection */
	const char *store_path;
	struct web_job job;
	struct ui_sync sync; /* under job's lock */
	struct ui_upload uploads[UI_UPLOADS_MAX];
};

/* Route each file's endpoints.  Return 0, or -1 when routing failed. */
int ui_read_routes(struct ui *ui);
int ui_form_routes(struct ui *ui);
int ui_sync_routes(struct ui *ui);
int ui_files_routes(struct ui *ui);

/* Drop the files still coming in (their copies are removed). */
void ui_files_close(struct ui *ui);

/* The last sync run, for Home (takes the job's lock). */
void ui_sync_json(struct ui *ui, struct web_json *j, const char *key);

/* Log a store failure of an endpoint on stderr (the page gets a short
 * Vietnamese message; the details are for whoever runs the program). */
void ui_store_failed(struct ui *ui, const char *what);

/* A row's state in words, as the list, Home and Detail show it. */
struct store_row;
const char *ui_state_words(const struct store_row *r);

#endif
