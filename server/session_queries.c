/* session_queries.c - see session_queries.h. */
#include "session_queries.h"

#include "query_params.h"

bool session_query_credential(struct db_job *job, const char *digest_sql)
{
	const char *params[] = {digest_sql};
	return db_job_add(job,
			  "SELECT c.id, c.role, coalesce(u.id, 0) AS unit_id,"
			  " coalesce(u.code, '') AS unit_code, coalesce(u.name, '') AS unit_name,"
			  " c.label FROM credentials c LEFT JOIN units u ON u.id = c.unit_id"
			  " WHERE c.secret_sha256 = $1::bytea AND c.revoked_at IS NULL",
			  1, params);
}

bool session_query_enroll(struct db_job *job, const char *code_sql, const char *credential_sql,
			  const char *device_label)
{
	const char *params[] = {code_sql, credential_sql, device_label};
	return db_job_add(job, "SELECT * FROM sk_enroll($1::bytea, $2::bytea, $3)", 3, params);
}

bool session_query_create_enrollment(struct db_job *job, const char *unit_code, int64_t scope,
				     int64_t creator_credential_id, const char *digest_sql,
				     int64_t valid_hours)
{
	char s[QUERY_PARAM_LEN], cr[QUERY_PARAM_LEN], h[QUERY_PARAM_LEN];
	const char *params[] = {unit_code, query_param_scope(s, scope),
				query_param_int(cr, creator_credential_id), digest_sql,
				query_param_int(h, valid_hours)};
	return db_job_add(job,
			  "SELECT * FROM sk_create_enrollment($1, $2::bigint, $3::bigint,"
			  " $4::bytea, $5::int)",
			  5, params);
}
