/* scope_check.c - see scope_check.h. */
#include "scope_check.h"

#include <string.h>

#include "handlers.h"

bool scope_query(struct db_job *job, const struct conn *c, const char *code)
{
	char scope[24];
	const char *params[] = {code, handler_scope_param(c, scope)};
	return db_job_add(job,
			  "SELECT sk_in_scope(u.id, $2::bigint) AS in_scope FROM units u"
			  " WHERE u.code = $1",
			  2, params);
}

bool scope_refuse_outcome(struct conn *c, uint64_t request_id, const char *outcome,
			  const char *field, const char *code)
{
	if (strcmp(outcome, "not_found") == 0) {
		conn_send_error(c, request_id, SANGKIEN__ERROR_CODE__ERROR_NOT_FOUND, field,
				"unit %s does not exist", code);
		return true;
	}
	if (strcmp(outcome, "forbidden") == 0) {
		conn_send_error(c, request_id, SANGKIEN__ERROR_CODE__ERROR_FORBIDDEN, field,
				"unit %s is outside this credential's scope", code);
		return true;
	}
	return false;
}

bool scope_refused(struct conn *c, uint64_t request_id, const PGresult *r, const char *field,
		   const char *code)
{
	if (PQntuples(r) != 1)
		return scope_refuse_outcome(c, request_id, "not_found", field, code);
	if (strcmp(handler_field(r, "in_scope"), "t") != 0)
		return scope_refuse_outcome(c, request_id, "forbidden", field, code);
	return false;
}
