/*
 * store_query.h - the questions the pages of `sangkien ui` ask the store
 * (a page of the list, with its filters; the counts for Home), answered
 * in SQL with only the columns shown, so a store of 10,000 initiatives
 * costs one scan rather than 10,000 loaded items.
 *
 * Functions return 0, or -1 with a message in store_errmsg().
 */
#ifndef SANGKIEN_STORE_QUERY_H
#define SANGKIEN_STORE_QUERY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "store.h"

/* One row of the list; strings valid only during the callback. */
struct store_row {
	int64_t id;
	const char *uuid;
	const char *title;
	Sangkien__InitiativeKind kind;
	const char *applied_on; /* ISO */
	enum item_state state;
	enum item_op op;
	bool has_receipt;
	Sangkien__InitiativeStatus server_status;
	const char *refusal_reason; /* may be NULL */
};

/* The state a row shows: the local state, or for an item the server holds
 * (synced), its status there. */
enum store_state_filter {
	STORE_ANY_STATE = 0,
	STORE_NEEDS_ACTION, /* invalid, forbidden, conflict, or sent back (needs_changes) */
	STORE_LOCAL_STATE,  /* state == local */
	STORE_SERVER_STATUS /* synced with server_status == status */
};

/* Folds text for comparison (vn_fold's contract: false when cut). */
typedef bool (*store_fold_fn)(const char *s, char *out, size_t outlen);

struct store_filter {
	enum store_state_filter by_state;
	enum item_state local;
	Sangkien__InitiativeStatus status;
	bool by_kind;
	Sangkien__InitiativeKind kind;
	const char *from, *to; /* applied_on within [from, to], ISO; NULL: open */
	/* Search: the id, a uuid prefix, or folded text within the folded
	 * title (fold applied to each title).  NULL or "": no search. */
	const char *search;
	const char *search_folded;
	store_fold_fn fold;
};

/*
 * Call fn for the rows matching f, in id order, skipping offset and at
 * most limit of them; *total receives how many match in all.  fn returns
 * non-zero to stop (returned).
 */
int store_query_items(struct store *st, const struct store_filter *f, int64_t offset, int64_t limit,
		      int (*fn)(const struct store_row *r, void *arg), void *arg, int64_t *total);

struct store_counts {
	int64_t by_state[ITEM_CONFLICT + 1];
	int64_t needs_changes; /* synced, sent back with a note */
	int64_t needs_action;  /* as STORE_NEEDS_ACTION */
};

int store_query_counts(struct store *st, struct store_counts *c);

/*
 * Before the store changes unit (`enroll --switch-unit`): remove every
 * initiative, the quota, the pull cursor and the last sync, in one
 * transaction, so nothing of the old unit shows under the new one.  The
 * caller has made sure nothing is unsent.
 */
int store_forget_unit(struct store *st);

#endif
