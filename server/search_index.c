/* search_index.c - see search_index.h. */
#include "search_index.h"

#include "db.h"
#include "log.h"
#include "settings.h"

#define SEARCH_INDEX_BATCH 5000
#define SEARCH_INDEX_BATCH_TEXT "5000"

static int64_t interval_ms(const struct settings *set)
{
	return set->search_index_ms;
}

static bool build(struct db_job *job, const struct settings *set)
{
	const char *params[] = {SEARCH_INDEX_BATCH_TEXT};
	return db_job_add(job, "SELECT sk_search_index($1::int)", 1, params);
}

static bool done(struct server *srv, const struct db_outcome *out)
{
	long taken = periodic_job_count(out->results[0]);
	if (taken > 0)
		log_debug("search index: %ld initiative%s indexed", taken, taken == 1 ? "" : "s");
	return taken >= SEARCH_INDEX_BATCH;
}

static const struct periodic_job_kind search_index_kind = {
    "search index",
    interval_ms,
    build,
    done,
};

struct periodic_job *search_index_start(struct server *srv)
{
	return periodic_job_start(srv, &search_index_kind);
}
