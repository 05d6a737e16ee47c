/*
 * credential_queries.h - the statements of CreateCredentialRequest,
 * ListCredentialsRequest and RevokeCredentialRequest, and the row decoder
 * of their answers.  Each query function appends its one statement to a
 * job (false when out of memory); the handlers validate every value first.
 * A scope is a unit id, 0 for an administrator's whole tree.
 */
#ifndef SK_CREDENTIAL_QUERIES_H
#define SK_CREDENTIAL_QUERIES_H

#include <libpq-fe.h>
#include <stdbool.h>
#include <stdint.h>

#include "db.h"
#include "sangkien.pb-c.h"

/* sk_create_credential (sql/004): one row, columns outcome ("ok",
 * "not_found", "forbidden") and id.  scope_code is "" for an
 * administrator; digest_sql the secret's SHA-256 as a bytea literal. */
bool credential_query_create(struct db_job *job, const char *role, const char *scope_code,
			     int64_t scope, const char *digest_sql, const char *label);

/* Up to limit credentials with an id above after_id inside scope, oldest
 * first; revoked ones too when include_revoked; only unit_code's when it
 * is not "".  Rows of credential_info_read. */
bool credential_query_list(struct db_job *job, int64_t after_id, int64_t scope,
			   bool include_revoked, const char *unit_code, uint32_t limit);

/* Revoke credential id when inside scope (a unit's or an operator's scoped
 * to a unit; administrators only by an administrator).  No row: no such
 * credential in scope; else one row of credential_info_read (its
 * revocation time now() when fresh) plus already_revoked (t/f). */
bool credential_query_revoke(struct db_job *job, int64_t id, int64_t scope);

/* Fill ci from row `row` of a credential result, by column name; its
 * strings point into r. */
void credential_info_read(Sangkien__CredentialInfo *ci, const PGresult *r, int row);

#endif
