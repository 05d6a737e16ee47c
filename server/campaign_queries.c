/* campaign_queries.c - see campaign_queries.h. */
#include "campaign_queries.h"

#include "query_params.h"
#include "strbuf.h"

/* Phases as JSON for jsonb_to_recordset. */
static void phases_json(struct strbuf *json, Sangkien__Phase *const *phases, size_t n)
{
	strbuf_appends(json, "[");
	for (size_t i = 0; i < n; i++) {
		const Sangkien__Phase *p = phases[i];
		strbuf_appends(json, i ? ",{\"code\":" : "{\"code\":");
		strbuf_append_json(json, p->code);
		strbuf_appends(json, ",\"name\":");
		strbuf_append_json(json, p->name);
		strbuf_appends(json, ",\"starts_on\":");
		strbuf_append_json(json, p->starts_on);
		strbuf_appends(json, ",\"ends_on\":");
		strbuf_append_json(json, p->ends_on);
		strbuf_appends(json, "}");
	}
	strbuf_appends(json, "]");
}

bool campaign_query_put(struct db_job *job, const Sangkien__PutCampaignRequest *rq)
{
	struct strbuf json = STRBUF_INIT;
	if (rq->n_phases > 0)
		phases_json(&json, rq->phases, rq->n_phases);
	const char *phases = rq->n_phases > 0 ? strbuf_str(&json) : NULL;
	const char *params[] = {rq->code, rq->name, rq->counts_from,
				query_param_bool(rq->make_current), phases};
	bool ok =
	    (rq->n_phases == 0 || phases != NULL) &&
	    db_job_add(job,
		       "SELECT * FROM sk_put_campaign($1, $2, $3::date, $4::boolean, $5::jsonb)", 5,
		       params);
	strbuf_release(&json);
	return ok;
}

bool campaign_query_set_target(struct db_job *job, const char *unit_code, const char *campaign_code,
			       const char *phase_code, uint32_t target, int64_t scope)
{
	char t[QUERY_PARAM_LEN], s[QUERY_PARAM_LEN];
	const char *params[] = {
	    unit_code,
	    campaign_code,
	    phase_code,
	    query_param_uint(t, target),
	    query_param_scope(s, scope),
	    query_param_bool(scope == 0), /* an administrator */
	};
	return db_job_add(
	    job, "SELECT * FROM sk_set_target($1, $2, $3, $4::int, $5::bigint, $6::boolean)", 6,
	    params);
}
