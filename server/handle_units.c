/* handle_units.c - PutUnit (one unit of the tree) and ImportUnits
 * (grassroots units and quotas under one parent, all or nothing). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "handlers.h"
#include "scope_check.h"
#include "import_check.h"
#include "initiative_check.h"
#include "server.h"
#include "unit_queries.h"

static const char *level_text(Sangkien__UnitLevel level)
{
	switch (level) {
	case SANGKIEN__UNIT_LEVEL__LEVEL_NATIONAL:
		return "national";
	case SANGKIEN__UNIT_LEVEL__LEVEL_PROVINCE:
		return "province";
	case SANGKIEN__UNIT_LEVEL__LEVEL_DISTRICT:
		return "district";
	case SANGKIEN__UNIT_LEVEL__LEVEL_GRASSROOTS:
		return "grassroots";
	default:
		return NULL;
	}
}

struct put_unit_data {
	char code[CHECK_UNIT_CODE_MAX + 1];
	char parent[CHECK_UNIT_CODE_MAX + 1];
};

static void put_unit_done(struct conn *c, struct request *req, const struct db_outcome *out)
{
	struct put_unit_data *d = req->data;
	if (out->status != DB_OK) {
		conn_send_db_error(c, req->request_id, out);
		return;
	}
	const PGresult *r = out->results[1]; /* [0] is sk_set_actor */
	const char *outcome = handler_field(r, "outcome");
	if (strcmp(outcome, "parent_not_found") == 0) {
		conn_send_error(c, req->request_id, SANGKIEN__ERROR_CODE__ERROR_NOT_FOUND,
				"parent_code", "parent unit %s does not exist", d->parent);
	} else if (strcmp(outcome, "forbidden") == 0) {
		conn_send_error(c, req->request_id, SANGKIEN__ERROR_CODE__ERROR_FORBIDDEN, "code",
				"unit %s or its parent is outside this credential's scope",
				d->code);
	} else if (strcmp(outcome, "bad_level") == 0) {
		conn_send_error(c, req->request_id, SANGKIEN__ERROR_CODE__ERROR_INVALID_ARGUMENT,
				"level",
				"a unit's level must be below its parent's and above its "
				"children's (only a national unit has no parent)");
	} else if (strcmp(outcome, "cycle") == 0) {
		conn_send_error(c, req->request_id, SANGKIEN__ERROR_CODE__ERROR_INVALID_ARGUMENT,
				"parent_code", "unit %s cannot be placed below itself", d->code);
	} else if (strcmp(outcome, "ok") == 0) {
		Sangkien__PutUnitReply pr = SANGKIEN__PUT_UNIT_REPLY__INIT;
		pr.created = strcmp(handler_field(r, "created"), "t") == 0;
		pr.changed = strcmp(handler_field(r, "changed"), "t") == 0;
		conn_reply(c, req->request_id, SANGKIEN__ENVELOPE__BODY_PUT_UNIT_REPLY, &pr);
	} else {
		conn_send_error(c, req->request_id, SANGKIEN__ERROR_CODE__ERROR_INTERNAL, NULL,
				"unexpected outcome");
	}
}

void handle_put_unit(struct conn *c, const Sangkien__Envelope *env)
{
	const Sangkien__PutUnitRequest *rq = env->put_unit;
	const char *code = rq->code ? rq->code : "";
	const char *parent = rq->parent_code ? rq->parent_code : "";
	const char *name = rq->name ? rq->name : "";
	const char *level = level_text(rq->level);
	size_t cps = 0;

	if (!unit_code_is_valid(code)) {
		conn_send_error(c, env->request_id, SANGKIEN__ERROR_CODE__ERROR_INVALID_ARGUMENT,
				"code", "unit code must be 1..32 characters of A-Z a-z 0-9 . _ -");
		return;
	}
	if (parent[0] != '\0' && !unit_code_is_valid(parent)) {
		conn_send_error(c, env->request_id, SANGKIEN__ERROR_CODE__ERROR_INVALID_ARGUMENT,
				"parent_code",
				"unit code must be 1..32 characters of A-Z a-z 0-9 . _ -");
		return;
	}
	if (level == NULL) {
		conn_send_error(c, env->request_id, SANGKIEN__ERROR_CODE__ERROR_INVALID_ARGUMENT,
				"level",
				"level must be national, province, district or grassroots");
		return;
	}
	char *norm = malloc(strlen(name) + 1);
	if (norm == NULL) {
		conn_send_oom(c, env->request_id);
		return;
	}
	import_normalize_name(name, norm);
	bool control = false;
	for (const unsigned char *p = (const unsigned char *)norm; *p; p++)
		control |= *p < 0x20 || *p == 0x7f;
	if (!utf8_is_valid(norm, strlen(norm), &cps) || norm[0] == '\0' || cps > IMPORT_NAME_MAX ||
	    control) {
		free(norm);
		conn_send_error(c, env->request_id, SANGKIEN__ERROR_CODE__ERROR_INVALID_ARGUMENT,
				"name", "unit name must be 1..%d characters of valid UTF-8 text",
				IMPORT_NAME_MAX);
		return;
	}
	struct put_unit_data *d = calloc(1, sizeof(*d));
	struct db_job *job = handler_writing_job(c, "unit.put");
	if (d == NULL || job == NULL ||
	    !unit_query_put(job, code, norm, level, parent, handler_scope_id(c))) {
		free(norm);
		free(d);
		db_job_free(job);
		conn_send_oom(c, env->request_id);
		return;
	}
	free(norm);
	snprintf(d->code, sizeof(d->code), "%s", code);
	snprintf(d->parent, sizeof(d->parent), "%s", parent);
	conn_run_job(c, env->request_id, job, put_unit_done, d, free);
}

/* Send an ImportUnitsReply listing problems (nothing imported). */
static void send_problems(struct conn *c, uint64_t request_id,
			  Sangkien__ImportProblem *const *problems, size_t n)
{
	Sangkien__ImportUnitsReply ir = SANGKIEN__IMPORT_UNITS_REPLY__INIT;
	ir.n_problems = n;
	ir.problems = (Sangkien__ImportProblem **)problems;
	conn_reply(c, request_id, SANGKIEN__ENVELOPE__BODY_IMPORT_UNITS_REPLY, &ir);
}

static void send_check_problems(struct conn *c, uint64_t request_id,
				const struct import_problems *p)
{
	Sangkien__ImportProblem *items = calloc(p->n, sizeof(*items));
	Sangkien__ImportProblem **ptrs = calloc(p->n, sizeof(*ptrs));
	if (items == NULL || ptrs == NULL) {
		conn_send_oom(c, request_id);
	} else {
		for (size_t i = 0; i < p->n; i++) {
			sangkien__import_problem__init(&items[i]);
			items[i].line = p->items[i].line;
			items[i].field = (char *)p->items[i].field;
			items[i].message = (char *)p->items[i].message;
			ptrs[i] = &items[i];
		}
		send_problems(c, request_id, ptrs, p->n);
	}
	free(items);
	free(ptrs);
}

struct import_data {
	char parent[CHECK_UNIT_CODE_MAX + 1];
	char campaign[CHECK_UNIT_CODE_MAX + 1];
};

static void import_done(struct conn *c, struct request *req, const struct db_outcome *out)
{
	struct import_data *d = req->data;
	if (out->status != DB_OK) {
		conn_send_db_error(c, req->request_id, out);
		return;
	}
	const PGresult *r = out->results[1]; /* [0] is sk_set_actor */
	int n = PQntuples(r);
	const char *kind = handler_field(r, "kind");
	if (n >= 1 && strcmp(kind, "error") == 0) {
		const char *what = handler_field(r, "field");
		if (strcmp(what, "parent_not_found") == 0)
			conn_send_error(c, req->request_id, SANGKIEN__ERROR_CODE__ERROR_NOT_FOUND,
					"parent_code", "parent unit %s does not exist", d->parent);
		else if (strcmp(what, "campaign_not_found") == 0)
			conn_send_error(c, req->request_id, SANGKIEN__ERROR_CODE__ERROR_NOT_FOUND,
					"campaign_code", "campaign %s does not exist",
					d->campaign[0] ? d->campaign : "(current)");
		else if (scope_refuse_outcome(c, req->request_id, what, "parent_code", d->parent))
			; /* answered */
		else
			conn_send_error(
			    c, req->request_id, SANGKIEN__ERROR_CODE__ERROR_INVALID_ARGUMENT,
			    "parent_code",
			    "unit %s is a grassroots unit and cannot have units below it",
			    d->parent);
		return;
	}
	if (n >= 1 && strcmp(kind, "problem") == 0) {
		Sangkien__ImportProblem *items = calloc((size_t)n, sizeof(*items));
		Sangkien__ImportProblem **ptrs = calloc((size_t)n, sizeof(*ptrs));
		if (items == NULL || ptrs == NULL) {
			conn_send_oom(c, req->request_id);
		} else {
			for (int i = 0; i < n; i++) {
				unit_import_problem_read(&items[i], r, i);
				ptrs[i] = &items[i];
			}
			send_problems(c, req->request_id, ptrs, (size_t)n);
		}
		free(items);
		free(ptrs);
		return;
	}
	if (n != 1 || strcmp(kind, "summary") != 0) {
		conn_send_error(c, req->request_id, SANGKIEN__ERROR_CODE__ERROR_INTERNAL, NULL,
				"unexpected outcome");
		return;
	}
	Sangkien__ImportUnitsReply ir = SANGKIEN__IMPORT_UNITS_REPLY__INIT;
	unit_import_summary_read(&ir, r);
	conn_reply(c, req->request_id, SANGKIEN__ENVELOPE__BODY_IMPORT_UNITS_REPLY, &ir);
}

void handle_import_units(struct conn *c, const Sangkien__Envelope *env)
{
	const Sangkien__ImportUnitsRequest *rq = env->import_units;
	const char *parent = rq->parent_code ? rq->parent_code : "";
	const char *campaign = rq->campaign_code ? rq->campaign_code : "";
	size_t max = (size_t)c->srv->settings->max_import_rows;

	if (!unit_code_is_valid(parent)) {
		conn_send_error(c, env->request_id, SANGKIEN__ERROR_CODE__ERROR_INVALID_ARGUMENT,
				"parent_code",
				"unit code must be 1..32 characters of A-Z a-z 0-9 . _ -");
		return;
	}
	if (campaign[0] != '\0' && !unit_code_is_valid(campaign)) {
		conn_send_error(c, env->request_id, SANGKIEN__ERROR_CODE__ERROR_INVALID_ARGUMENT,
				"campaign_code",
				"campaign code must be 1..32 characters of A-Z a-z 0-9 . _ -");
		return;
	}
	if (rq->n_rows == 0) {
		conn_send_error(c, env->request_id, SANGKIEN__ERROR_CODE__ERROR_INVALID_ARGUMENT,
				"rows", "no rows to import");
		return;
	}
	if (rq->n_rows > max) {
		conn_send_error(c, env->request_id, SANGKIEN__ERROR_CODE__ERROR_LIMIT_EXCEEDED,
				"rows", "%zu rows in one import, at most %zu allowed", rq->n_rows,
				max);
		return;
	}
	struct import_problems problems = {0};
	if (!import_check_rows(rq->rows, rq->n_rows, &problems)) {
		import_problems_release(&problems);
		conn_send_oom(c, env->request_id);
		return;
	}
	if (problems.n > 0) {
		send_check_problems(c, env->request_id, &problems);
		import_problems_release(&problems);
		return;
	}
	import_problems_release(&problems);

	struct import_data *d = calloc(1, sizeof(*d));
	struct db_job *job = handler_writing_job(c, "unit.import");
	if (d == NULL || job == NULL ||
	    !unit_query_import(job, parent, campaign, handler_scope_id(c), rq->rows, rq->n_rows)) {
		free(d);
		db_job_free(job);
		conn_send_oom(c, env->request_id);
		return;
	}
	snprintf(d->parent, sizeof(d->parent), "%s", parent);
	snprintf(d->campaign, sizeof(d->campaign), "%s", campaign);
	conn_run_job(c, env->request_id, job, import_done, d, free);
}
