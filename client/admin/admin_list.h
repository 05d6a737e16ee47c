/*
 * admin_list.h - every initiative of a scope, page by page
 * (ListInitiativesRequest with after_record_id), for review lists and
 * exports.
 */
#ifndef SANGKIEN_ADMIN_LIST_H
#define SANGKIEN_ADMIN_LIST_H

#include <stddef.h>

#include "net.h"
#include "sangkien.pb-c.h"

/* Called once per initiative, in record order; the item is borrowed for
 * the call only. */
typedef void (*admin_list_fn)(const Sangkien__ListedInitiative *li, void *ctx);

/*
 * Ask for pages until the server says there are no more, calling fn for
 * each item.  scope and campaign: "" for the defaults; statuses: n_statuses
 * filters (0: all).  Returns an enum admin_exit status (messages printed).
 */
int admin_list_initiatives(struct sk_conn *c, const char *scope, const char *campaign,
			   const Sangkien__InitiativeStatus *statuses, size_t n_statuses,
			   admin_list_fn fn, void *ctx);
/* The same with the message put in msg (admin_session_call_msg). */
int admin_list_initiatives_msg(struct sk_conn *c, const char *scope, const char *campaign,
			       const Sangkien__InitiativeStatus *statuses, size_t n_statuses,
			       admin_list_fn fn, void *ctx, char *msg, size_t msglen);

/* The same for an export: every status, and a server with a report standby
 * may read it from there, a moment behind the primary (may_lag). */
int admin_export_initiatives(struct sk_conn *c, const char *scope, const char *campaign,
			     admin_list_fn fn, void *ctx);

/* The initiatives of the scope (current campaign) whose uuid begins with
 * prefix (8..36 characters of a uuid), found by the server through its
 * uuid index: naming one initiative never lists the scope.  fn must still
 * check each uuid (a server before uuid_prefix lists them all).  The
 * message in msg. */
int admin_list_by_uuid(struct sk_conn *c, const char *scope, const char *prefix, admin_list_fn fn,
		       void *ctx, char *msg, size_t msglen);

#endif
