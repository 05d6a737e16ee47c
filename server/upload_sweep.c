/* upload_sweep.c - see upload_sweep.h. */
#include "upload_sweep.h"

#include "db.h"
#include "dossier_queries.h"
#include "log.h"
#include "server.h"
#include "settings.h"

/* Uploads or files dropped per statement: each may hold max_file_bytes of
 * chunks. */
#define UPLOAD_SWEEP_BATCH 100

static int64_t interval_ms(const struct settings *set)
{
	return set->upload_sweep_ms;
}

static bool build(struct db_job *job, const struct settings *set)
{
	return dossier_query_sweep(job, set->upload_abandon_s, UPLOAD_SWEEP_BATCH) &&
	       dossier_query_file_sweep(job, set->unattached_file_keep_s, UPLOAD_SWEEP_BATCH);
}

static bool done(struct server *srv, const struct db_outcome *out)
{
	long dropped = periodic_job_count(out->results[0]);
	long removed = periodic_job_count(out->results[1]);
	if (dropped > 0) {
		srv->metrics.uploads_abandoned += (uint64_t)dropped;
		log_info("dossiers: %ld abandoned upload%s dropped", dropped,
			 dropped == 1 ? "" : "s");
	}
	if (removed > 0) {
		srv->metrics.files_unattached_removed += (uint64_t)removed;
		log_info("dossiers: %ld file%s attached to no initiative removed", removed,
			 removed == 1 ? "" : "s");
	}
	return dropped >= UPLOAD_SWEEP_BATCH || removed >= UPLOAD_SWEEP_BATCH;
}

static const struct periodic_job_kind upload_sweep_kind = {
    "dossiers: sweep",
    interval_ms,
    build,
    done,
};

struct periodic_job *upload_sweep_start(struct server *srv)
{
	return periodic_job_start(srv, &upload_sweep_kind);
}
