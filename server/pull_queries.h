/*
 * pull_queries.h - the statement of a PullRequest's page: a unit's
 * initiatives whose feed number is past the cursor, in feed order, as
 * sk_server_initiatives rows (initiative_row.h).  Read only.  And the
 * record of a unit's last sync, written apart from the pull's own job.
 */
#ifndef SK_PULL_QUERIES_H
#define SK_PULL_QUERIES_H

#include <stdbool.h>
#include <stdint.h>

#include "db.h"

/* Up to limit rows of unit_id's feed after cursor.  False when out of
 * memory. */
bool pull_query_page(struct db_job *job, int64_t unit_id, uint64_t cursor, uint32_t limit);

/* Record that unit_id synced now (sk_note_sync: a write at most once a
 * minute per unit).  False when out of memory. */
bool pull_query_note_sync(struct db_job *job, int64_t unit_id);

#endif
