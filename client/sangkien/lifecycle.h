/*
 * lifecycle.h - every transition of an item's local life cycle as pure
 * functions, so that the store writes plain columns and no SQL decides a
 * state: lc_step for what the user does (edit, withdraw, resolve) and what
 * the server answers to a sent change (accepted, refused, rebased), and
 * lc_pulled for what a pulled server version does to an item held here
 * (keep, take the receipt, rebase the pending change, keep both as a
 * conflict, adopt the server's content), with the one rebase rule.  The
 * store (store_local.c, store_server.c) reads the inputs, calls these and
 * writes what they say; tests/unit/test_client_lifecycle.c checks them as
 * tables.
 *
 * The local part of an item (struct lc_local), as the store keeps it:
 *   state      pending (waiting to be sent), synced, invalid, forbidden,
 *              conflict (item.h)
 *   op         the change waiting for an item the server holds: none, edit,
 *              withdraw (a submission without receipt is sent whole first)
 *   withdraw_after_edit  an edit waits and a withdrawal follows it; both go,
 *              in that order
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
	enum item_op op; /* the change waiting after the step */
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

struct lc_local {
	enum item_state state;
	enum item_op op;
	bool withdraw_after_edit;
};

enum lc_event_kind {
	LC_EDIT,	   /* the user changed the content */
	LC_WITHDRAW,	   /* the user asked to withdraw it */
	LC_RESOLVE_MINE,   /* a conflict resolved: the local change goes again */
	LC_RESOLVE_SERVER, /* a conflict resolved: the server's copy is taken */
	LC_ACCEPTED,	   /* the server stored the change sent */
	LC_REFUSED,	   /* the server refused it (refused_as says how) */
	LC_REBASED,	   /* a conflict with our own later revision: goes again */
};

struct lc_event {
	enum lc_event_kind kind;
	bool has_receipt; /* the server holds the item (a receipt is kept) */
	/* LC_ACCEPTED, LC_REFUSED, LC_REBASED: what was sent, and whether the
	 * user changed the item while it was on its way (its local_rev moved). */
	enum item_op sent;
	bool changed_in_flight;
	enum item_state refused_as; /* LC_REFUSED: invalid, forbidden, conflict */
};

/* Why the user may not edit or withdraw an item now, by its local part
 * alone (what the server's status allows is item_status_editable's). */
enum lc_lock {
	LC_UNLOCKED = 0,
	LC_LOCKED_CONFLICT,   /* resolve first */
	LC_LOCKED_WITHDRAWAL, /* a withdrawal waits */
};

enum lc_lock lc_locked(const struct lc_local *l);

/*
 * The item's local part after ev, in *to; false when ev is refused in that
 * state (*to then unchanged): no edit or withdrawal during a conflict or
 * after a withdrawal was asked, no resolve without a conflict, no answer
 * for a change that is not the one waiting (or that changed on its way,
 * for a refusal or a rebase).
 */
bool lc_step(const struct lc_local *from, const struct lc_event *ev, struct lc_local *to);

#endif
