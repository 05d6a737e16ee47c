/* unit_queries.c - see unit_queries.h. */
#include "unit_queries.h"

#include <stdlib.h>
#include <string.h>

#include "handlers.h"
#include "import_check.h"
#include "query_params.h"
#include "strbuf.h"

bool unit_query_put(struct db_job *job, const char *code, const char *name, const char *level,
		    const char *parent_code, int64_t scope)
{
	char s[QUERY_PARAM_LEN];
	const char *params[] = {
	    code,
	    name,
	    level,
	    parent_code,
	    query_param_scope(s, scope),
	    query_param_bool(scope == 0),
	};
	return db_job_add(job, "SELECT * FROM sk_put_unit($1, $2, $3, $4, $5::bigint, $6::boolean)",
			  6, params);
}

bool unit_query_import(struct db_job *job, const char *parent_code, const char *campaign_code,
		       int64_t scope, Sangkien__UnitRow *const *rows, size_t n_rows)
{
	struct strbuf json = STRBUF_INIT;
	strbuf_appends(&json, "[");
	for (size_t i = 0; i < n_rows; i++) {
		const Sangkien__UnitRow *row = rows[i];
		char *norm = malloc(strlen(row->name) + 1);
		if (norm == NULL) {
			json.failed = true;
			break;
		}
		import_normalize_name(row->name, norm);
		strbuf_appendf(&json, "%s{\"line\":%u,\"code\":", i ? "," : "", row->line);
		strbuf_append_json(&json, row->code);
		strbuf_appends(&json, ",\"name\":");
		strbuf_append_json(&json, norm);
		strbuf_appendf(&json, ",\"quota\":%u}", row->quota);
		free(norm);
	}
	strbuf_appends(&json, "]");
	char s[QUERY_PARAM_LEN];
	const char *params[] = {parent_code, campaign_code, query_param_scope(s, scope),
				strbuf_str(&json)};
	bool ok = params[3] != NULL &&
		  db_job_add(job, "SELECT * FROM sk_import_units($1, $2, $3::bigint, $4::jsonb)", 4,
			     params);
	strbuf_release(&json);
	return ok;
}

void unit_import_problem_read(Sangkien__ImportProblem *p, const PGresult *r, int row)
{
	sangkien__import_problem__init(p);
	p->line = (uint32_t)strtoul(handler_named(r, row, "line"), NULL, 10);
	p->field = (char *)handler_named(r, row, "field");
	p->message = (char *)handler_named(r, row, "message");
}

void unit_import_summary_read(Sangkien__ImportUnitsReply *ir, const PGresult *r)
{
	ir->created = (uint32_t)strtoul(handler_field(r, "created"), NULL, 10);
	ir->updated = (uint32_t)strtoul(handler_field(r, "updated"), NULL, 10);
	ir->unchanged = (uint32_t)strtoul(handler_field(r, "unchanged"), NULL, 10);
	ir->total_quota = (uint32_t)strtoul(handler_field(r, "total_quota"), NULL, 10);
}
