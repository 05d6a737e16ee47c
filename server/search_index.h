/*
 * search_index.h - fills the similarity search's index off the insert path.
 *
 * Storing an initiative only queues it (initiative_search_pending, by a
 * trigger); every search_index_ms (1 s) the server moves what is queued into
 * initiative_search in one statement (sk_search_index, a batch at a time,
 * at once again while batches come back full: periodic_job.h).
 * SimilarRequest compares against both, so nothing waits for this to be
 * found.
 */
#ifndef SK_SEARCH_INDEX_H
#define SK_SEARCH_INDEX_H

#include "periodic_job.h"

/* Start on srv's loop and pool; stop with periodic_job_free.  NULL when
 * out of memory. */
struct periodic_job *search_index_start(struct server *srv);

#endif
