/* handle_campaign.c - PutCampaign (a campaign, its counting start and its
 * phases; administrators) and SetTarget (one unit's target for a campaign
 * or a phase; operators below their scope unit, administrators anywhere). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "campaign_check.h"
#include "campaign_queries.h"
#include "handlers.h"
#include "scope_check.h"
#include "initiative_check.h"
#include "server.h"

struct campaign_data {
	char code[CHECK_UNIT_CODE_MAX + 1];
};

static void put_campaign_done(struct conn *c, struct request *req, const struct db_outcome *out)
{
	struct campaign_data *d = req->data;
	if (out->status != DB_OK) {
		conn_send_db_error(c, req->request_id, out);
		return;
	}
	const PGresult *r = out->results[out->nresults - 1];
	const char *outcome = handler_field(r, "outcome");
	if (strcmp(outcome, "phase_before_counts_from") == 0) {
		conn_send_error(c, req->request_id, SANGKIEN__ERROR_CODE__ERROR_INVALID_ARGUMENT,
				"counts_from",
				"campaign %s has phases starting before this date: send the "
				"phases again with the new counts_from",
				d->code);
		return;
	}
	if (strcmp(outcome, "ok") != 0) {
		conn_send_error(c, req->request_id, SANGKIEN__ERROR_CODE__ERROR_INTERNAL, NULL,
				"unexpected outcome");
		return;
	}
	Sangkien__PutCampaignReply pr = SANGKIEN__PUT_CAMPAIGN_REPLY__INIT;
	pr.created = strcmp(handler_field(r, "created"), "t") == 0;
	pr.changed = strcmp(handler_field(r, "changed"), "t") == 0;
	conn_reply(c, req->request_id, SANGKIEN__ENVELOPE__BODY_PUT_CAMPAIGN_REPLY, &pr);
}

void handle_put_campaign(struct conn *c, const Sangkien__Envelope *env)
{
	const Sangkien__PutCampaignRequest *rq = env->put_campaign;
	struct campaign_problem prob;

	if (!campaign_check(rq, &prob)) {
		conn_send_error(c, env->request_id, SANGKIEN__ERROR_CODE__ERROR_INVALID_ARGUMENT,
				prob.field, "%s", prob.reason);
		return;
	}
	struct campaign_data *d = calloc(1, sizeof(*d));
	struct db_job *job = handler_writing_job(c, "campaign.put");
	if (d == NULL || job == NULL || !campaign_query_put(job, rq)) {
		free(d);
		db_job_free(job);
		conn_send_oom(c, env->request_id);
		return;
	}
	snprintf(d->code, sizeof(d->code), "%s", rq->code);
	conn_run_job(c, env->request_id, job, put_campaign_done, d, free);
}

struct target_data {
	char unit[CHECK_UNIT_CODE_MAX + 1];
	char campaign[CHECK_UNIT_CODE_MAX + 1];
	char phase[CHECK_UNIT_CODE_MAX + 1];
};

static void set_target_done(struct conn *c, struct request *req, const struct db_outcome *out)
{
	struct target_data *d = req->data;
	if (out->status != DB_OK) {
		conn_send_db_error(c, req->request_id, out);
		return;
	}
	const PGresult *r = out->results[out->nresults - 1];
	const char *outcome = handler_field(r, "outcome");
	const char *campaign = d->campaign[0] ? d->campaign : "(current)";
	if (strcmp(outcome, "unit_not_found") == 0) {
		scope_refuse_outcome(c, req->request_id, "not_found", "unit_code", d->unit);
	} else if (strcmp(outcome, "forbidden") == 0) {
		conn_send_error(c, req->request_id, SANGKIEN__ERROR_CODE__ERROR_FORBIDDEN,
				"unit_code",
				"unit %s is not below this credential's scope unit: its target is "
				"set from above",
				d->unit);
	} else if (strcmp(outcome, "campaign_not_found") == 0) {
		conn_send_error(c, req->request_id, SANGKIEN__ERROR_CODE__ERROR_NOT_FOUND,
				"campaign_code", "campaign %s does not exist", campaign);
	} else if (strcmp(outcome, "phase_not_found") == 0) {
		conn_send_error(c, req->request_id, SANGKIEN__ERROR_CODE__ERROR_NOT_FOUND,
				"phase_code", "campaign %s has no phase %s", campaign, d->phase);
	} else if (strcmp(outcome, "ok") == 0) {
		Sangkien__SetTargetReply sr = SANGKIEN__SET_TARGET_REPLY__INIT;
		sr.changed = strcmp(handler_field(r, "changed"), "t") == 0;
		conn_reply(c, req->request_id, SANGKIEN__ENVELOPE__BODY_SET_TARGET_REPLY, &sr);
	} else {
		conn_send_error(c, req->request_id, SANGKIEN__ERROR_CODE__ERROR_INTERNAL, NULL,
				"unexpected outcome");
	}
}

void handle_set_target(struct conn *c, const Sangkien__Envelope *env)
{
	const Sangkien__SetTargetRequest *rq = env->set_target;
	const char *unit = rq->unit_code ? rq->unit_code : "";
	const char *campaign = rq->campaign_code ? rq->campaign_code : "";
	const char *phase = rq->phase_code ? rq->phase_code : "";

	if (!unit_code_is_valid(unit)) {
		conn_send_error(c, env->request_id, SANGKIEN__ERROR_CODE__ERROR_INVALID_ARGUMENT,
				"unit_code",
				"unit code must be 1..32 characters of A-Z a-z 0-9 . _ -");
		return;
	}
	if (campaign[0] != '\0' && !unit_code_is_valid(campaign)) {
		conn_send_error(c, env->request_id, SANGKIEN__ERROR_CODE__ERROR_INVALID_ARGUMENT,
				"campaign_code",
				"campaign code must be 1..32 characters of A-Z a-z 0-9 . _ -");
		return;
	}
	if (phase[0] != '\0' && !unit_code_is_valid(phase)) {
		conn_send_error(c, env->request_id, SANGKIEN__ERROR_CODE__ERROR_INVALID_ARGUMENT,
				"phase_code",
				"phase code must be 1..32 characters of A-Z a-z 0-9 . _ -");
		return;
	}
	if (rq->target > CAMPAIGN_TARGET_MAX) {
		conn_send_error(c, env->request_id, SANGKIEN__ERROR_CODE__ERROR_INVALID_ARGUMENT,
				"target", "target %u is above the limit of %d", rq->target,
				CAMPAIGN_TARGET_MAX);
		return;
	}
	struct target_data *d = calloc(1, sizeof(*d));
	struct db_job *job = handler_writing_job(c, "target.set");
	if (d == NULL || job == NULL ||
	    !campaign_query_set_target(job, unit, campaign, phase, rq->target,
				       handler_scope_id(c))) {
		free(d);
		db_job_free(job);
		conn_send_oom(c, env->request_id);
		return;
	}
	snprintf(d->unit, sizeof(d->unit), "%s", unit);
	snprintf(d->campaign, sizeof(d->campaign), "%s", campaign);
	snprintf(d->phase, sizeof(d->phase), "%s", phase);
	conn_run_job(c, env->request_id, job, set_target_done, d, free);
}
