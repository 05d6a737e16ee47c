/*
 * search_index.h - fills the similarity search's index off the insert path.
 *
 * Storing an initiative only queues it (initiative_search_pending, by a
 * trigger); every search_index_ms (1 s) the server moves what is queued into
 * initiative_search in one statement (sk_search_index, a batch at a time,
 * at once again while batches come back full).  SimilarRequest compares
 * against both, so nothing waits for this to be found.
 */
#ifndef SK_SEARCH_INDEX_H
#define SK_SEARCH_INDEX_H

struct server;
struct search_index;

/* Start on srv's loop and pool.  NULL when out of memory. */
struct search_index *search_index_start(struct server *srv);
/* A run still in the pool ends with its DB_SHUTDOWN callback later. */
void search_index_free(struct search_index *si);

#endif
