/* audit_queries.c - see audit_queries.h. */
#include "audit_queries.h"

#include <stdlib.h>

#include "handlers.h"
#include "query_params.h"

bool audit_query_page(struct db_job *job, const struct audit_filter *f)
{
	char after[QUERY_PARAM_LEN], scope[QUERY_PARAM_LEN], since[QUERY_PARAM_LEN],
	    until[QUERY_PARAM_LEN], limit[QUERY_PARAM_LEN];
	const char *params[] = {
	    query_param_uint(after, f->after_id),     query_param_scope(scope, f->scope),
	    query_param_text_or_null(f->unit_code),   query_param_text_or_null(f->uuid),
	    query_param_text_or_null(f->actor),	      query_param_int(since, f->since_unix_ms),
	    query_param_int(until, f->until_unix_ms), query_param_uint(limit, f->limit),
	};
	return db_job_add(
	    job,
	    "SELECT a.id, floor(extract(epoch FROM a.at) * 1000)::bigint AS at_unix_ms,"
	    " a.actor, a.actor_role, a.action, u.code AS unit_code,"
	    " i.uuid::text AS uuid, a.before::text AS before_json,"
	    " a.after::text AS after_json"
	    " FROM audit_log a"
	    " LEFT JOIN units u ON u.id = a.unit_id"
	    " LEFT JOIN initiatives i ON i.id = a.initiative_id"
	    " WHERE a.id > $1::bigint"
	    " AND ($2::bigint IS NULL OR a.unit_id IN"
	    "  (SELECT s.unit_id FROM sk_scope_units($2::bigint) s))"
	    " AND ($3::text IS NULL OR a.unit_id ="
	    "  (SELECT x.id FROM units x WHERE x.code = $3))"
	    " AND ($4::uuid IS NULL OR a.initiative_id ="
	    "  (SELECT y.id FROM initiatives y WHERE y.uuid = $4::uuid))"
	    " AND ($5::text IS NULL OR a.actor = $5)"
	    " AND ($6::bigint = 0 OR a.at >= to_timestamp($6::bigint / 1000.0))"
	    " AND ($7::bigint = 0 OR a.at < to_timestamp($7::bigint / 1000.0))"
	    " ORDER BY a.id LIMIT $8::int",
	    8, params);
}

void audit_entry_read(Sangkien__AuditEntry *e, const PGresult *r, int row)
{
	sangkien__audit_entry__init(e);
	e->id = strtoull(handler_named(r, row, "id"), NULL, 10);
	e->at_unix_ms = strtoll(handler_named(r, row, "at_unix_ms"), NULL, 10);
	e->actor = (char *)handler_named(r, row, "actor");
	e->actor_role = (char *)handler_named(r, row, "actor_role");
	e->action = (char *)handler_named(r, row, "action");
	e->unit_code = (char *)handler_named(r, row, "unit_code");
	e->uuid = (char *)handler_named(r, row, "uuid");
	e->before_json = (char *)handler_named(r, row, "before_json");
	e->after_json = (char *)handler_named(r, row, "after_json");
}
