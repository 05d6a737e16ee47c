/*
 * console.h - `sangkien-admin ui`: the district office's web console on
 * this machine (client/web carries the HTTP side and its protections).
 *
 * It talks to sangkiend over the protocol with the operator's credential,
 * exactly as the commands do, so the server keeps deciding scope and
 * keeps the audit trail; the console never reads a database.
 *
 * The pages are static files in ui/ compiled into the program
 * (admin_ui_assets); they call the JSON endpoints routed by the ui_*.c
 * files, one file per page:
 *   ui_session.c    GET  /api/session     who is signed in, the scope;
 *                   GET  /api/today       today in the office's zone
 *   ui_dashboard.c  GET  /api/dashboard   the progress report's figures
 *   ui_units.c      GET  /api/units, /api/units/progress, POST /api/enroll
 *   ui_audit.c      GET  /api/audit
 *   ui_print.c      GET  /print           the official report (A4)
 *   ui_review*.c    /api/review/...       queue, read, decide, dossier files
 *                                         (ui_review.h; files are streamed)
 * Every request that needs the server is a console_call: its parameters
 * are read on the event loop's thread, the call to the server runs on the
 * worker (web_task.h) over a connection of its own, and the reply is sent
 * back on the loop when it is done.  The loop never waits for the server.
 */
#ifndef SANGKIEN_CONSOLE_H
#define SANGKIEN_CONSOLE_H

#include <stdbool.h>
#include <stddef.h>

#include "admin_session.h"
#include "web.h"
#include "web_json.h"
#include "web_task.h"

/* Request bodies: forms of a few short fields. */
#define CONSOLE_MAX_BODY (16u * 1024u)

/* Where a download of the page stands (ui_review_file.c), kept for the
 * page's questions: the last CONSOLE_DOWNLOADS, on the loop only. */
#define CONSOLE_DOWNLOADS 16
enum {
	CONSOLE_DOWNLOAD_STARTING,
	CONSOLE_DOWNLOAD_SENDING,
	CONSOLE_DOWNLOAD_DONE,
	CONSOLE_DOWNLOAD_FAILED,  /* refused, a server error or a wrong SHA-256 */
	CONSOLE_DOWNLOAD_STOPPED, /* the browser went away */
};
struct console_download {
	char token[33]; /* the page's name for it; "" in a free slot */
	unsigned long seq;
	int state;
	uint64_t size, received; /* bytes of the file; read from the server */
	size_t peak;		 /* the most bytes that waited for the browser */
	char msg[1024];		 /* why it failed, Vietnamese */
};

/* The bytes of a download that may wait for the browser before the next
 * chunk is read from the server (SANGKIEN_UI_DOWNLOAD_BUFFER). */
#define CONSOLE_DOWNLOAD_BOUND (4u * 1024u * 1024u)

struct console {
	const struct admin_globals *g;
	size_t download_bound;
	struct console_download downloads[CONSOLE_DOWNLOADS];
	unsigned long download_seq;
	struct web *web;
	struct web_tasks *tasks;
	/* Units of the progress pages come so far while GET /api/units runs
	 * (written by the worker, read by GET /api/units/progress on the
	 * loop); -1 when none is running. */
	_Atomic long units_received;
};

/*
 * One request that needs the server.  An endpoint allocates its own struct
 * whose first member is this one, fills its copied parameters, and hands
 * it to console_run().  work() runs on the worker with conn open (the
 * operator's session) and builds the reply in j, or calls console_fail();
 * it may instead set doc (malloc'd, owned by the call) for a document.
 */
struct console_call {
	struct console *con;
	struct web_request *r; /* the loop's; never touched by work */
	void (*work)(struct console_call *k);
	void (*free_data)(struct console_call *k); /* the endpoint's fields, or NULL */
	int timeout_ms;				   /* each server call; 0: the default */
	struct sk_conn *conn;			   /* open during work */
	struct admin_identity who;		   /* from the session's hello */
	struct web_json j;
	int status;	/* 200, or the error's */
	char msg[1024]; /* Vietnamese, shown on the page when status != 200 */
	char *doc;	/* a document reply instead of j */
	size_t doc_len;
	const char *doc_type;
};

/* Route each file's endpoints.  Return 0, or -1 when routing failed. */
int ui_session_routes(struct console *con);
int ui_dashboard_routes(struct console *con);
int ui_units_routes(struct console *con);
int ui_audit_routes(struct console *con);
int ui_print_routes(struct console *con);
int ui_review_routes(struct console *con);

/*
 * Queue k (calloc'd by the caller, k->work set) for request r; the reply is
 * sent when it is done, and k freed (free_data first).  On failure to
 * queue, r gets a 500 and k is freed all the same.
 */
void console_run(struct console *con, struct web_request *r, struct console_call *k);

/* On the worker: one request over k->conn.  False with k's error set (the
 * caller returns from work). */
bool console_request(struct console_call *k, Sangkien__Envelope *request,
		     Sangkien__Envelope__BodyCase expected, const char *what,
		     Sangkien__Envelope **reply);

/* The HTTP status that tells the page how an exchange with the server
 * failed (rc an enum admin_exit status). */
int console_status_for(int rc);

/* On the worker: end with an error shown on the page. */
void console_fail(struct console_call *k, int status, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* A copy of a query parameter, "" when absent (caller frees). */
char *console_param(struct web_request *r, const char *name);

#endif
