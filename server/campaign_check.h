/*
 * campaign_check.h - the rules for campaigns, their phases and targets,
 * checked by the server before anything reaches the database.  Pure
 * functions.
 */
#ifndef SK_CAMPAIGN_CHECK_H
#define SK_CAMPAIGN_CHECK_H

#include <stdbool.h>
#include <stdint.h>

#include "sangkien.pb-c.h"

#define CAMPAIGN_NAME_MAX 200	     /* code points, campaign and phase names */
#define CAMPAIGN_PHASES_MAX 50	     /* phases in one campaign */
#define CAMPAIGN_TARGET_MAX 10000000 /* a target or quota, at any level */

struct campaign_problem {
	char field[48];	  /* e.g. "counts_from", "phases[1].starts_on" */
	char reason[160]; /* English */
};

/*
 * Check a PutCampaignRequest: code as a unit code ([A-Za-z0-9._-]{1,32}),
 * name 1..CAMPAIGN_NAME_MAX characters of one line, not blank, counts_from
 * a real date; each phase with a unique code, a name, real dates with
 * starts_on <= ends_on and starts_on >= counts_from, no two phases sharing
 * a day, at most CAMPAIGN_PHASES_MAX phases.  Returns true when valid;
 * otherwise fills *err with the first problem.
 */
bool campaign_check(const Sangkien__PutCampaignRequest *rq, struct campaign_problem *err);

/* A campaign or phase name: valid UTF-8, 1..CAMPAIGN_NAME_MAX code points,
 * not only white space, no control characters. */
bool campaign_name_is_valid(const char *name);

#endif
