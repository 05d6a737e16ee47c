/* report_queries.c - see report_queries.h. */
#include "report_queries.h"

#include "query_params.h"

bool report_query_quota(struct db_job *job, const char *unit_code, int64_t scope)
{
	char s[QUERY_PARAM_LEN];
	const char *params[] = {unit_code, query_param_scope(s, scope)};
	return db_job_add(job, "SELECT * FROM sk_quota($1, $2::bigint)", 2, params);
}

bool report_query_report(struct db_job *job, const char *scope_code, int64_t scope,
			 const char *campaign_code, uint32_t max_units)
{
	char s[QUERY_PARAM_LEN], m[QUERY_PARAM_LEN];
	const char *limit_params[] = {query_param_uint(m, max_units)};
	const char *params[] = {scope_code, query_param_scope(s, scope), campaign_code};
	return db_job_add(job, "SELECT set_config('sangkien.report_max_units', $1, true)", 1,
			  limit_params) &&
	       db_job_add(job, "SELECT * FROM sk_report($1, $2::bigint, $3)", 3, params);
}
