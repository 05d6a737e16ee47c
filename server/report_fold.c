/* report_fold.c - see report_fold.h. */
#include "report_fold.h"

#include "log.h"
#include "settings.h"

static int64_t interval_ms(const struct settings *set)
{
	return set->report_fold_ms;
}

static bool build(struct db_job *job, const struct settings *set)
{
	return db_job_add(job, "SELECT sk_report_fold()", 0, NULL);
}

static bool done(struct server *srv, const struct db_outcome *out)
{
	long folded = periodic_job_count(out->results[0]);
	if (folded > 0)
		log_debug("report counters: %ld change%s folded", folded, folded == 1 ? "" : "s");
	return false; /* a run takes everything queued */
}

static const struct periodic_job_kind report_fold_kind = {
    "report counters",
    interval_ms,
    build,
    done,
};

struct periodic_job *report_fold_start(struct server *srv)
{
	return periodic_job_start(srv, &report_fold_kind);
}
