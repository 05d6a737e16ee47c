/*
 * ui_review.h - the review part of `sangkien-admin ui`: the queue, an
 * initiative read in full beside its similar ones, and decisions (one or
 * many).  Its page is ui/review.js; its JSON endpoints:
 *   ui_review_queue.c   GET  /api/review/queue    the queue, filtered, page by page
 *   ui_review_read.c    GET  /api/review/item     one initiative, history, similar
 *   ui_review_decide.c  POST /api/review/decide   a decision on one or many
 *   ui_review_file.c    GET  /api/review/file     one file of the dossier, streamed
 *                                             (HEAD: its headers; Range: a part)
 *                       GET  /api/review/file/state  how a download stands
 *   ui_review.c         GET  /api/review/choices  filters' and decisions' choices
 * Everything goes to sangkiend over the protocol with the operator's
 * credential (admin_session.h), so scope and audit stay in the server:
 * an initiative of another district is refused there, not here.  The
 * decisions an initiative is offered come from review_flow.h, the table
 * the server applies; the page holds no rule of its own.
 *
 * Each endpoint takes its parameters on the loop and talks to the server
 * in a console_call on the worker (console.h).
 */
#ifndef SANGKIEN_UI_REVIEW_H
#define SANGKIEN_UI_REVIEW_H

#include <stdint.h>

#include "console.h"
#include "sangkien.pb-c.h"
#include "web_json.h"
#include "web_vn.h"

/* ---- shared by the endpoint files (ui_review_routes is in console.h) ---- */

int ui_review_queue_routes(struct console *con);
int ui_review_read_routes(struct console *con);
int ui_review_decide_routes(struct console *con);
int ui_review_file_routes(struct console *con);

/* On the worker: end k with the failure rc (an enum admin_exit status) of
 * a call whose message is in k->msg, or with fallback when it is empty. */
void ui_review_fail(struct console_call *k, int rc, const char *fallback);

/* The list row of an initiative: uuid, title, unit, status (code and
 * words), kind, theme, phase, dates as people read them, version, and the
 * decisions its status allows ("actions": codes of review_flow.h). */
void ui_review_item_json(struct web_json *j, const Sangkien__ListedInitiative *li);

/* The decisions status allows, as an array of op codes under key. */
void ui_review_actions_json(struct web_json *j, const char *key, Sangkien__InitiativeStatus st);

#endif
