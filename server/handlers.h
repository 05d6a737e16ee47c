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
void handle_edit(struct conn *c, const Sangkien__Envelope *env);     /* handle_change.c */
void handle_withdraw(struct conn *c, const Sangkien__Envelope *env); /* handle_change.c */
void handle_pull(struct conn *c, const Sangkien__Envelope *env);
void handle_put_campaign(struct conn *c, const Sangkien__Envelope *env);
void handle_set_target(struct conn *c, const Sangkien__Envelope *env);
void handle_report(struct conn *c, const Sangkien__Envelope *env);
void handle_review(struct conn *c, const Sangkien__Envelope *env);
void handle_list_initiatives(struct conn *c, const Sangkien__Envelope *env);
void handle_similar(struct conn *c, const Sangkien__Envelope *env);
void handle_audit(struct conn *c, const Sangkien__Envelope *env);
void handle_create_credential(struct conn *c, const Sangkien__Envelope *env);
void handle_list_credentials(struct conn *c, const Sangkien__Envelope *env);  /* handle_revoke.c */
void handle_revoke_credential(struct conn *c, const Sangkien__Envelope *env); /* handle_revoke.c */
/* Dossiers (PROTOCOL.md 10): uploads in handle_upload.c, the rest in handle_dossier.c. */
void handle_upload_start(struct conn *c, const Sangkien__Envelope *env);
void handle_upload_chunk(struct conn *c, const Sangkien__Envelope *env);
void handle_upload_commit(struct conn *c, const Sangkien__Envelope *env);
void handle_attach(struct conn *c, const Sangkien__Envelope *env);
void handle_detach(struct conn *c, const Sangkien__Envelope *env);
void handle_list_attachments(struct conn *c, const Sangkien__Envelope *env);
void handle_file_chunk(struct conn *c, const Sangkien__Envelope *env);

/* Helpers shared by the handlers (handle_common.c). */

/* Session's scope unit id as a query parameter: NULL for administrators
 * (the whole tree), else the decimal id in buf. */
const char *handler_scope_param(const struct conn *c, char buf[24]);

/* The same as a unit id for the query functions: 0 for administrators. */
int64_t handler_scope_id(const struct conn *c);

/* Current time in Unix milliseconds. */
int64_t handler_now_ms(void);

/* credentials.role as stored ("unit", "operator", "administrator");
 * ROLE_UNSPECIFIED for anything else. */
Sangkien__Role handler_role_from_text(const char *role);

/* Text of a column, "" for NULL. */
const char *handler_text(const PGresult *r, int row, int col);
/* Text of the column `name` of row 0, "" when absent or NULL: for results
 * of one row, read once. */
const char *handler_field(const PGresult *r, const char *name);
/* Text of the column `name` of row `row`, "" when absent or NULL. */
const char *handler_named(const PGresult *r, int row, const char *name);
/* Column as an integer (0 for NULL or junk). */
int64_t handler_int(const PGresult *r, int row, int col);

/*
 * Append "SELECT sk_set_actor(credential, action)": the FIRST statement of
 * every job that writes, so the audit triggers (sql/002) name who asked and
 * what for.  Anonymous sessions are recorded as the server (NULL).  False
 * when out of memory.
 */
bool handler_job_actor(struct db_job *job, const struct conn *c, const char *action);
/* The same for a credential (0: the server) rather than a session's. */
bool handler_job_actor_of(struct db_job *job, int64_t credential_id, const char *action);

/* A new job of a write: its first statement handler_job_actor's.  NULL
 * when out of memory. */
struct db_job *handler_writing_job(const struct conn *c, const char *action);

/*
 * Reply to the refusal outcome of a progress or report query
 * (sql/005_reports.sql sk_report_scope: not_found, forbidden,
 * campaign_not_found, no_root, several_roots).  handle_report.c.
 */
void handler_send_scope_refusal(struct conn *c, uint64_t request_id, const char *refusal,
				const char *scope_code, const char *campaign_code);

#endif
