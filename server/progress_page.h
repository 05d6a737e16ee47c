/*
 * progress_page.h - one page of a ProgressRequest (PROTOCOL.md 6.8): its
 * statement (sk_progress_page, sql/repeatable/1_functions) and the reply
 * built from its rows, cut to what a frame holds.
 *
 * Rows: those progress_rows.h reads ('unit', 'phase', 'error'), then
 * 'node' rows (code, name, t1 level, t2 parent's code, n1 last sync in ms)
 * - the levels above the grassroots units on a first page, then one per
 * unit in the units' order - and a 'more' row when units remain after the
 * page.
 */
#ifndef SK_PROGRESS_PAGE_H
#define SK_PROGRESS_PAGE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "db.h"
#include "progress_rows.h"

/* sk_progress_page: the grassroots units at or below scope_code ("": the
 * credential's scope, the root for an administrator) inside scope (a unit
 * id, 0: everything) whose code comes after `after` in byte order, at most
 * `limit`; `whole`: no figures when more than limit remain. */
bool progress_page_query(struct db_job *job, const char *scope_code, int64_t scope,
			 const char *after, uint32_t limit, bool whole);

/* A page read from the rows.  Strings point into the PGresult it was
 * built from: keep that alive while the page is in use. */
struct progress_page {
	struct progress_rows rows;
	size_t n_inner;		   /* nodes above the grassroots level, first */
	size_t n_nodes;		   /* n_inner + one per unit */
	Sangkien__UnitNode *nodes; /* n_nodes */
	Sangkien__UnitNode **ptrs; /* n_nodes, for the repeated field */
	bool more;		   /* units remain after the rows' units */
};

/* PROGRESS_BAD also when the nodes do not match the units one for one.
 * Release pg whatever the result. */
enum progress_status progress_page_build(struct progress_page *pg, const PGresult *r,
					 const char **refusal);
void progress_page_release(struct progress_page *pg);

/*
 * Fill reply from pg (borrowing its messages) within `budget` encoded
 * bytes.  Paged: the units in order while each fits with its node (the
 * levels above first, on a first page), at least one; the tree is left out
 * (tree_omitted) when the levels above and the first unit do not fit
 * together; more and next_cursor set (next_cursor: the last unit's code,
 * else `cursor`).  Whole: every unit, and the tree when it fits beside them.
 */
void progress_page_reply(struct progress_page *pg, bool paged, const char *cursor, size_t budget,
			 Sangkien__ProgressReply *reply);

#endif
