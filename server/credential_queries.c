/* credential_queries.c - see credential_queries.h. */
#include "credential_queries.h"

#include <stdlib.h>

#include "handlers.h"
#include "query_params.h"

/* The columns credential_info_read reads, for credentials c and units u. */
#define CREDENTIAL_COLUMNS                                                                         \
	"c.id, c.role, coalesce(u.code, '') AS unit_code, c.label,"                                \
	" (extract(epoch FROM c.created_at) * 1000)::bigint AS created_unix_ms,"

bool credential_query_create(struct db_job *job, const char *role, const char *scope_code,
			     int64_t scope, const char *digest_sql, const char *label)
{
	char s[QUERY_PARAM_LEN];
	const char *params[] = {role, scope_code, query_param_scope(s, scope), digest_sql, label};
	return db_job_add(job,
			  "SELECT * FROM sk_create_credential($1, $2, $3::bigint, $4::bytea, $5)",
			  5, params);
}

bool credential_query_list(struct db_job *job, int64_t after_id, int64_t scope,
			   bool include_revoked, const char *unit_code, uint32_t limit)
{
	char a[QUERY_PARAM_LEN], s[QUERY_PARAM_LEN], l[QUERY_PARAM_LEN];
	const char *params[] = {query_param_int(a, after_id), query_param_scope(s, scope),
				query_param_bool(include_revoked), unit_code,
				query_param_uint(l, limit)};
	return db_job_add(job,
			  "SELECT " CREDENTIAL_COLUMNS
			  " coalesce((extract(epoch FROM c.revoked_at) * 1000)::bigint, 0)"
			  " AS revoked_unix_ms FROM credentials c"
			  " LEFT JOIN units u ON u.id = c.unit_id"
			  " WHERE c.id > $1::bigint"
			  " AND ($2::bigint IS NULL OR c.unit_id IN"
			  " (SELECT s.id FROM sk_subtree($2::bigint) s))"
			  " AND ($3::boolean OR c.revoked_at IS NULL)"
			  " AND ($4 = '' OR u.code = $4)"
			  " ORDER BY c.id LIMIT $5::int",
			  5, params);
}

bool credential_query_revoke(struct db_job *job, int64_t id, int64_t scope)
{
	char i[QUERY_PARAM_LEN], s[QUERY_PARAM_LEN];
	const char *params[] = {query_param_int(i, id), query_param_scope(s, scope)};
	/* The outer SELECT sees the row as before the UPDATE: the revocation
	 * time of a fresh revocation is now(), the transaction's time. */
	return db_job_add(
	    job,
	    "WITH t AS (SELECT c.id, c.revoked_at IS NOT NULL AS was FROM credentials c"
	    " WHERE c.id = $1::bigint AND ($2::bigint IS NULL OR (c.unit_id IS NOT NULL"
	    " AND sk_in_scope(c.unit_id, $2::bigint))) FOR UPDATE),"
	    " upd AS (UPDATE credentials c SET revoked_at = now() FROM t"
	    " WHERE c.id = t.id AND NOT t.was RETURNING c.id)"
	    " SELECT " CREDENTIAL_COLUMNS
	    " (extract(epoch FROM coalesce(c.revoked_at, now())) * 1000)::bigint"
	    " AS revoked_unix_ms, t.was AS already_revoked"
	    " FROM t JOIN credentials c ON c.id = t.id"
	    " LEFT JOIN units u ON u.id = c.unit_id",
	    2, params);
}

void credential_info_read(Sangkien__CredentialInfo *ci, const PGresult *r, int row)
{
	sangkien__credential_info__init(ci);
	ci->id = strtoll(handler_named(r, row, "id"), NULL, 10);
	ci->role = handler_role_from_text(handler_named(r, row, "role"));
	ci->unit_code = (char *)handler_named(r, row, "unit_code");
	ci->label = (char *)handler_named(r, row, "label");
	ci->created_unix_ms = strtoll(handler_named(r, row, "created_unix_ms"), NULL, 10);
	ci->revoked_unix_ms = strtoll(handler_named(r, row, "revoked_unix_ms"), NULL, 10);
}
