/*
 * handlers.h - one handler per request; each lives in handle_<family>.c.
 *
 * Contract: called by dispatch_request() after the state and role checks,
 * with env valid only during the call.  A handler either replies at once
 * (conn_send / conn_send_error) or starts one database job with
 * conn_run_job() and replies from its completion.  Every field from the
 * network is validated here before it reaches SQL (always as a parameter).
 */
#ifndef SK_HANDLERS_H
#define SK_HANDLERS_H

#include "conn.h"

void handle_hello(struct conn *c, const Sangkien__Envelope *env);
void handle_ping(struct conn *c, const Sangkien__Envelope *env);
void handle_enroll(struct conn *c, const Sangkien__Envelope *env);
void handle_create_enrollment(struct conn *c, const Sangkien__Envelope *env);
void handle_submit(struct conn *c, const Sangkien__Envelope *env);
void handle_quota(struct conn *c, const Sangkien__Envelope *env);
void handle_progress(struct conn *c, const Sangkien__Envelope *env);
void handle_put_unit(struct conn *c, const Sangkien__Envelope *env);
void handle_import_units(struct conn *c, const Sangkien__Envelope *env);

/* Helpers shared by the handlers (handle_common.c). */

/* Session's scope unit id as a query parameter: NULL for administrators
 * (the whole tree), else the decimal id in buf. */
const char *handler_scope_param(const struct conn *c, char buf[24]);

/* Current time in Unix milliseconds. */
int64_t handler_now_ms(void);

/* Text of a column, "" for NULL. */
const char *handler_text(const PGresult *r, int row, int col);
/* Column as an integer (0 for NULL or junk). */
int64_t handler_int(const PGresult *r, int row, int col);

#endif
