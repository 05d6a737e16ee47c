/*
 * report_queries.h - the statements of QuotaRequest and ReportRequest, and
 * of the quota a pull's last page carries: the progress functions of
 * sql/repeatable/1_functions (sk_quota, sk_report), whose rows
 * progress_rows.h reads (a ProgressRequest's page: progress_page.h).  The
 * handlers validate every value first; a scope is a unit id, 0 for an
 * administrator's whole tree.
 */
#ifndef SK_REPORT_QUERIES_H
#define SK_REPORT_QUERIES_H

#include <stdbool.h>
#include <stdint.h>

#include "db.h"

/* sk_quota: one unit's quota for the current campaign when inside scope.
 * No row: no such unit. */
bool report_query_quota(struct db_job *job, const char *unit_code, int64_t scope);

/* Two statements: the most units sk_report may list (max_units; more and
 * it lists none, the reply could not carry them), then sk_report of
 * scope_code ("": the credential's scope, or the root for administrators)
 * for campaign_code ("": current), with the parts 'scope', 'kind',
 * 'theme' and 'week' besides the units and phases. */
bool report_query_report(struct db_job *job, const char *scope_code, int64_t scope,
			 const char *campaign_code, uint32_t max_units);

#endif
