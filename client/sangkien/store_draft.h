/*
 * store_draft.h - drafts in the unit's store: what the user typed into the
 * entry form (or at `add`'s prompts) before it is a valid initiative.
 *
 * A draft holds the fields as typed, encoded as one
 * application/x-www-form-urlencoded string (draft.h decodes it), so a draft
 * may be incomplete or invalid: it is never sent.  It becomes an initiative
 * only when the user marks it ready and it passes the rules
 * (store_draft_to_item).  A draft for a new initiative has item_id 0; a
 * draft of an edit names the stored item (deleted with it).
 *
 * Each call is one transaction: a draft saved is on disk when the call
 * returns.  Functions return 0, or -1 with a message in store_errmsg().
 */
#ifndef SANGKIEN_STORE_DRAFT_H
#define SANGKIEN_STORE_DRAFT_H

#include <stdbool.h>
#include <stdint.h>

#include "store.h"

/* Largest fields string kept (the form's own limits are far below). */
#define STORE_DRAFT_MAX_BYTES (256u * 1024u)

struct store_draft {
	int64_t id;
	int64_t item_id; /* 0: a new initiative */
	char *fields;	 /* owned; freed by store_draft_clear() */
	int64_t updated_unix_ms;
};

/*
 * Save fields as draft *id; *id 0 makes a new draft and receives its id.
 * Saving a draft id that no longer exists fails (it was made ready or
 * deleted meanwhile).  fields longer than STORE_DRAFT_MAX_BYTES fail.
 */
int store_draft_save(struct store *st, int64_t *id, int64_t item_id, const char *fields);

/* Load draft id into *d (*found false when there is none). */
int store_draft_get(struct store *st, int64_t id, struct store_draft *d, bool *found);
void store_draft_clear(struct store_draft *d);

/* Delete draft id (no error when it does not exist). */
int store_draft_delete(struct store *st, int64_t id);

/* Call fn for every draft, newest first; fn returns non-zero to stop (that
 * value is returned).  The draft is valid only during the call. */
int store_draft_foreach(struct store *st, int (*fn)(const struct store_draft *d, void *arg),
			void *arg);

/* Number of drafts. */
int store_draft_count(struct store *st, int64_t *count);

/* Store it as a new pending initiative and delete draft draft_id, in one
 * transaction (never both or neither lost).  *id receives the local id. */
int store_draft_to_item(struct store *st, int64_t draft_id, const struct item *it, int64_t *id);

#endif
