/*
 * scope_check.h - the one scope check of the handlers and its one refusal
 * path: is a named unit inside the credential's scope (PROTOCOL.md 4,
 * "Scope")?  A unit that does not exist is ERROR_NOT_FOUND, one outside the
 * scope ERROR_FORBIDDEN, both with the request field that named it.
 *
 * Either the handler adds scope_query() to its job and reads the answer
 * with scope_refused(), or an SQL function answers with an outcome text
 * ("not_found", "forbidden") given to scope_refuse_outcome().
 */
#ifndef SK_SCOPE_CHECK_H
#define SK_SCOPE_CHECK_H

#include <libpq-fe.h>
#include <stdbool.h>
#include <stdint.h>

#include "conn.h"

/* Append the check of unit `code` for c's credential: one row with the
 * column in_scope (t/f), no row when no such unit.  False when out of
 * memory. */
bool scope_query(struct db_job *job, const struct conn *c, const char *code);

/* Read scope_query()'s result r; when the unit is missing or outside the
 * scope, reply (field names the request field) and return true. */
bool scope_refused(struct conn *c, uint64_t request_id, const PGresult *r, const char *field,
		   const char *code);

/* Reply to outcome "not_found" or "forbidden" about unit code and return
 * true; false (nothing sent) for any other outcome. */
bool scope_refuse_outcome(struct conn *c, uint64_t request_id, const char *outcome,
			  const char *field, const char *code);

#endif
