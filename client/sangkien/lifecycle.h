/*
 * lifecycle.h - the item life cycle's decisions as pure functions: what a
 * server version pulled for an item held here does to it (keep, take the
 * receipt, rebase the pending change, keep both as a conflict, adopt the
 * server's content) and the one rule for "the server's version is our own
 * later revision".  The store (store_server.c) gathers the inputs, calls
 * these and writes what they say; tests/unit/test_client_lifecycle.c checks
 * them as a table.
 */
#ifndef SANGKIEN_LIFECYCLE_H
#define SANGKIEN_LIFECYCLE_H

#include <stdbool.h>
#include <stdint.h>

#include "item.h"

/* The item as held here, against the pulled server version. */
struct lc_item {
	enum item_state state;
	enum item_op op; /* the change waiting (or refused) */
	bool has_receipt;
	uint32_t base_version;	/* what the pending change is based on */
	bool content_is_server; /* local content hash = the server's content hash */
	bool server_is_base;	/* the server's content hash = our receipt's */
	bool server_is_own;	/* the server's content is one of our local revisions */
};

struct lc_server {
	uint32_t version;
	bool editable; /* the unit may still change it in its server status */
};

enum lc_step {
	LC_KEEP,     /* nothing of the item changes but the server copy */
	LC_RECEIPT,  /* the receipt comes this way (its answer was lost) */
	LC_REBASE,   /* the pending change now follows the server's version */
	LC_CONFLICT, /* keep both, the user resolves */
	LC_ADOPT,    /* the server's content replaces the local one */
};

struct lc_next {
	enum lc_step step;
	bool set_state; /* false: the state stays */
	enum item_state state;
};

/*
 * The one rebase rule: a server version we did not base our change on,
 * whose content is one of our own revisions (a change of ours applied
 * there, its answer lost), while the unit may still change it: not a
 * conflict, the pending change goes again on that version.
 */
bool lc_is_own_later_revision(bool editable, bool server_is_own, bool server_is_base);

/* What a pulled server version does to an item held here. */
struct lc_next lc_pulled(const struct lc_item *it, const struct lc_server *sv);

#endif
