/*
 * session_queries.h - the statements that open sessions: the credential
 * lookup of a Hello, redeeming an enrollment code (EnrollRequest) and
 * issuing one (CreateEnrollmentRequest, sql/repeatable/1_functions/
 * sk_enroll.sql, sk_create_enrollment.sql).  Secrets reach SQL only as
 * their SHA-256 (auth.h's bytea literals).  A scope is a unit id, 0 for an
 * administrator's whole tree.
 */
#ifndef SK_SESSION_QUERIES_H
#define SK_SESSION_QUERIES_H

#include <libpq-fe.h>
#include <stdbool.h>
#include <stdint.h>

#include "db.h"

/* The live credential whose secret hashes to digest_sql: one row (id,
 * role, unit_id (0: none), unit_code, unit_name, label), none when unknown
 * or revoked. */
bool session_query_credential(struct db_job *job, const char *digest_sql);

/* sk_enroll: one row (unit_code, unit_name, credential_id) when the code
 * was valid and is now used, none otherwise. */
bool session_query_enroll(struct db_job *job, const char *code_sql, const char *credential_sql,
			  const char *device_label);

/* sk_create_enrollment: one row, outcome ("ok", "not_found", "forbidden",
 * "not_grassroots"), unit_code, unit_name, expires_unix_ms. */
bool session_query_create_enrollment(struct db_job *job, const char *unit_code, int64_t scope,
				     int64_t creator_credential_id, const char *digest_sql,
				     int64_t valid_hours);

#endif
