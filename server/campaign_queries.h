/*
 * campaign_queries.h - the statements of PutCampaignRequest and
 * SetTargetRequest (sql/repeatable/1_functions/sk_put_campaign.sql,
 * sk_set_target.sql).  Both answer one row with the column outcome, and
 * created/changed as booleans ("t"/"f").  The handlers validate every
 * value first (campaign_check); a scope is a unit id, 0 for an
 * administrator's whole tree.
 */
#ifndef SK_CAMPAIGN_QUERIES_H
#define SK_CAMPAIGN_QUERIES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "db.h"
#include "sangkien.pb-c.h"

/* sk_put_campaign: outcome "ok" or "phase_before_counts_from".  No phases
 * (n_phases 0) keeps the stored ones. */
bool campaign_query_put(struct db_job *job, const Sangkien__PutCampaignRequest *rq);

/* sk_set_target of unit_code for campaign_code ("": current), phase_code
 * ("": the whole campaign): outcome "ok", "unit_not_found", "forbidden",
 * "campaign_not_found" or "phase_not_found". */
bool campaign_query_set_target(struct db_job *job, const char *unit_code, const char *campaign_code,
			       const char *phase_code, uint32_t target, int64_t scope);

#endif
