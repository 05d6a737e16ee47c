/* campaign_check.c - see campaign_check.h. */
#include "campaign_check.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "initiative_check.h"

static bool fail(struct campaign_problem *err, const char *field, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static bool fail(struct campaign_problem *err, const char *field, const char *fmt, ...)
{
	va_list ap;

	snprintf(err->field, sizeof(err->field), "%s", field);
	va_start(ap, fmt);
	vsnprintf(err->reason, sizeof(err->reason), fmt, ap);
	va_end(ap);
	return false;
}

bool campaign_name_is_valid(const char *name)
{
	size_t cps = 0;
	bool blank = true;

	if (name == NULL || !utf8_is_valid(name, strlen(name), &cps) || cps == 0 ||
	    cps > CAMPAIGN_NAME_MAX)
		return false;
	for (const unsigned char *p = (const unsigned char *)name; *p; p++) {
		if (*p < 0x20 || *p == 0x7f)
			return false;
		if (*p != ' ')
			blank = false;
	}
	return !blank;
}

static const char *str(const char *s)
{
	return s ? s : "";
}

bool campaign_check(const Sangkien__PutCampaignRequest *rq, struct campaign_problem *err)
{
	int32_t from;
	int32_t start[CAMPAIGN_PHASES_MAX], end[CAMPAIGN_PHASES_MAX];
	char field[48];

	if (!unit_code_is_valid(str(rq->code)))
		return fail(err, "code",
			    "campaign code must be 1..32 characters of A-Z a-z 0-9 . _ -");
	if (!campaign_name_is_valid(rq->name))
		return fail(err, "name", "campaign name must be 1..%d characters on one line",
			    CAMPAIGN_NAME_MAX);
	if (!date_parse(str(rq->counts_from), &from))
		return fail(err, "counts_from", "must be a real date YYYY-MM-DD");
	if (rq->n_phases > CAMPAIGN_PHASES_MAX)
		return fail(err, "phases", "%zu phases, at most %d allowed", rq->n_phases,
			    CAMPAIGN_PHASES_MAX);
	for (size_t i = 0; i < rq->n_phases; i++) {
		const Sangkien__Phase *p = rq->phases[i];

		if (!unit_code_is_valid(str(p->code))) {
			snprintf(field, sizeof(field), "phases[%zu].code", i);
			return fail(err, field,
				    "phase code must be 1..32 characters of A-Z a-z 0-9 . _ -");
		}
		for (size_t j = 0; j < i; j++)
			if (strcmp(p->code, rq->phases[j]->code) == 0) {
				snprintf(field, sizeof(field), "phases[%zu].code", i);
				return fail(err, field,
					    "phase code %s is already used by phases[%zu]", p->code,
					    j);
			}
		if (!campaign_name_is_valid(p->name)) {
			snprintf(field, sizeof(field), "phases[%zu].name", i);
			return fail(err, field, "phase name must be 1..%d characters on one line",
				    CAMPAIGN_NAME_MAX);
		}
		if (!date_parse(str(p->starts_on), &start[i])) {
			snprintf(field, sizeof(field), "phases[%zu].starts_on", i);
			return fail(err, field, "must be a real date YYYY-MM-DD");
		}
		if (!date_parse(str(p->ends_on), &end[i])) {
			snprintf(field, sizeof(field), "phases[%zu].ends_on", i);
			return fail(err, field, "must be a real date YYYY-MM-DD");
		}
		if (end[i] < start[i]) {
			snprintf(field, sizeof(field), "phases[%zu].ends_on", i);
			return fail(err, field, "phase %s ends (%s) before it starts (%s)", p->code,
				    p->ends_on, p->starts_on);
		}
		if (start[i] < from) {
			snprintf(field, sizeof(field), "phases[%zu].starts_on", i);
			return fail(err, field,
				    "phase %s starts (%s) before the campaign counts (%s)", p->code,
				    p->starts_on, rq->counts_from);
		}
		for (size_t j = 0; j < i; j++)
			if (start[i] <= end[j] && start[j] <= end[i]) {
				snprintf(field, sizeof(field), "phases[%zu]", i);
				return fail(err, field,
					    "phase %s (%s..%s) overlaps phase %s (%s..%s)", p->code,
					    p->starts_on, p->ends_on, rq->phases[j]->code,
					    rq->phases[j]->starts_on, rq->phases[j]->ends_on);
			}
	}
	return true;
}
