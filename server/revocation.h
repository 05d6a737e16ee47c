/*
 * revocation.h - sessions of a revoked credential end within seconds.
 *
 * The server that revokes ends its own sessions at once
 * (revocation_end_sessions).  Every server also asks the database every
 * revocation_check_ms whether a credential of one of its live sessions
 * was revoked (elsewhere, or by hand), so behind a load balancer all of
 * them notice.  The question names only the credentials in use here and
 * goes through the primary key: its cost follows the sessions, not the
 * size of the credentials table.
 */
#ifndef SK_REVOCATION_H
#define SK_REVOCATION_H

#include <stdint.h>

struct server;
struct revocation;

/* Start the periodic check on srv's loop and pool.  NULL when out of memory. */
struct revocation *revocation_start(struct server *srv);
void revocation_free(struct revocation *rv);

/* End every session of credential_id on this server: ERROR_BAD_CREDENTIAL
 * and close (a session waiting for the database ends once its reply is
 * sent).  Returns how many sessions were ended. */
int revocation_end_sessions(struct server *srv, int64_t credential_id);

#endif
