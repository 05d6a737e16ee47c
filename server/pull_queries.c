/* pull_queries.c - see pull_queries.h. */
#include "pull_queries.h"

#include "query_params.h"

bool pull_query_page(struct db_job *job, int64_t unit_id, uint64_t cursor, uint32_t limit)
{
	char u[QUERY_PARAM_LEN], c[QUERY_PARAM_LEN], l[QUERY_PARAM_LEN];
	const char *params[] = {query_param_int(u, unit_id), query_param_uint(c, cursor),
				query_param_uint(l, limit)};
	return db_job_add(job,
			  "SELECT v.* FROM sk_server_initiatives v WHERE v.unit_id = $1::bigint"
			  " AND v.feed_seq > $2::bigint ORDER BY v.feed_seq LIMIT $3::int",
			  3, params);
}

bool pull_query_note_sync(struct db_job *job, int64_t unit_id)
{
	char u[QUERY_PARAM_LEN];
	const char *params[] = {query_param_int(u, unit_id)};
	return db_job_add(job, "SELECT sk_note_sync($1::bigint)", 1, params);
}
