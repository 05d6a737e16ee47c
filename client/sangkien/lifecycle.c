/* lifecycle.c - see lifecycle.h. */
#include "lifecycle.h"

bool lc_is_own_later_revision(bool editable, bool server_is_own, bool server_is_base)
{
	return editable && server_is_own && !server_is_base;
}

static struct lc_next next(enum lc_step step, bool set_state, enum item_state state)
{
	struct lc_next n = {step, set_state, state, ITEM_OP_NONE};

	return n;
}

/* The decision without the op, which follows from it (lc_pulled). */
static struct lc_next pulled_step(const struct lc_item *it, const struct lc_server *sv)
{
	bool has_change = it->op != ITEM_OP_NONE || !it->content_is_server;
	bool own_later = lc_is_own_later_revision(sv->editable, it->server_is_own,
						  it->has_receipt && it->server_is_base);

	if (it->state == ITEM_CONFLICT)
		/* A "conflict" with our own earlier revision, applied there: the
		 * local change goes again.  Otherwise the user decides. */
		return own_later ? next(LC_REBASE, true, ITEM_PENDING)
				 : next(LC_KEEP, false, it->state);
	if (!it->has_receipt)
		/* Stored there, the answer lost: a later local change stays
		 * pending, else the item is synced. */
		return next(LC_RECEIPT, true, has_change ? ITEM_PENDING : ITEM_SYNCED);
	if (it->op != ITEM_OP_NONE && sv->version > it->base_version)
		/* The server moved past the change's base. */
		return own_later ? next(LC_REBASE, false, it->state)
				 : next(LC_CONFLICT, true, ITEM_CONFLICT);
	if (it->op == ITEM_OP_NONE && !it->content_is_server)
		/* No local change waits: the server's content is the truth. */
		return next(LC_ADOPT, true, ITEM_SYNCED);
	return next(LC_KEEP, false, it->state);
}

struct lc_next lc_pulled(const struct lc_item *it, const struct lc_server *sv)
{
	struct lc_next n = pulled_step(it, sv);

	n.op = it->op;
	/* Pending again on a version the server holds: what waits is an edit
	 * (a withdrawal stays a withdrawal). */
	if (n.set_state && n.state == ITEM_PENDING && (!it->has_receipt || n.step == LC_REBASE) &&
	    n.op == ITEM_OP_NONE)
		n.op = ITEM_OP_EDIT;
	return n;
}

/* Whether the change sent is the one still waiting in from. */
static bool waiting(const struct lc_local *from, const struct lc_event *ev)
{
	if (from->state != ITEM_PENDING)
		return false;
	if (ev->sent == ITEM_OP_NONE)
		return !ev->has_receipt;
	return ev->has_receipt && from->op == ev->sent;
}

/* No local change during a conflict (resolve first) or once a withdrawal
 * waits; an edit that goes before a withdrawal may still be changed. */
enum lc_lock lc_locked(const struct lc_local *l)
{
	if (l->state == ITEM_CONFLICT)
		return LC_LOCKED_CONFLICT;
	if (l->op == ITEM_OP_WITHDRAW)
		return LC_LOCKED_WITHDRAWAL;
	return LC_UNLOCKED;
}

static bool locked(const struct lc_local *from)
{
	return lc_locked(from) != LC_UNLOCKED;
}

/* The server stored what was sent; what still waits goes next. */
static void accepted(const struct lc_local *from, const struct lc_event *ev, struct lc_local *to)
{
	bool changed = ev->changed_in_flight;

	switch (ev->sent) {
	case ITEM_OP_NONE:
		/* Changed while in flight: the newer content goes as an edit. */
		to->op = changed && from->op == ITEM_OP_NONE ? ITEM_OP_EDIT : from->op;
		to->state = to->op == ITEM_OP_NONE ? ITEM_SYNCED : ITEM_PENDING;
		break;
	case ITEM_OP_EDIT:
		/* The withdrawal asked for after this edit goes next. */
		to->op = changed		     ? ITEM_OP_EDIT
			 : from->withdraw_after_edit ? ITEM_OP_WITHDRAW
						     : ITEM_OP_NONE;
		to->withdraw_after_edit = changed && from->withdraw_after_edit;
		to->state = to->op == ITEM_OP_NONE ? ITEM_SYNCED : ITEM_PENDING;
		break;
	case ITEM_OP_WITHDRAW:
		to->state = ITEM_SYNCED;
		to->op = ITEM_OP_NONE;
		to->withdraw_after_edit = false;
		break;
	}
}

bool lc_step(const struct lc_local *from, const struct lc_event *ev, struct lc_local *to)
{
	struct lc_local n = *from;

	switch (ev->kind) {
	case LC_EDIT:
		if (locked(from))
			return false;
		/* Never acknowledged: still the submission, with a new content. */
		n.state = ITEM_PENDING;
		if (ev->has_receipt)
			n.op = ITEM_OP_EDIT;
		break;
	case LC_WITHDRAW:
		if (locked(from))
			return false;
		n.state = ITEM_PENDING;
		/* An edit still to be sent goes first; a refused one is dropped. */
		n.withdraw_after_edit =
		    from->state == ITEM_PENDING && from->op == ITEM_OP_EDIT && ev->has_receipt;
		n.op = n.withdraw_after_edit ? ITEM_OP_EDIT : ITEM_OP_WITHDRAW;
		break;
	case LC_RESOLVE_MINE:
		if (from->state != ITEM_CONFLICT)
			return false;
		/* Based now on the version the user has seen; a withdrawal stays
		 * a withdrawal. */
		n.state = ITEM_PENDING;
		if (n.op == ITEM_OP_NONE)
			n.op = ITEM_OP_EDIT;
		break;
	case LC_RESOLVE_SERVER:
		if (from->state != ITEM_CONFLICT)
			return false;
		n.state = ITEM_SYNCED;
		n.op = ITEM_OP_NONE;
		n.withdraw_after_edit = false;
		break;
	case LC_ACCEPTED:
		if (!waiting(from, ev))
			return false;
		accepted(from, ev, &n);
		break;
	case LC_REFUSED:
		if (!waiting(from, ev) || ev->changed_in_flight ||
		    (ev->refused_as != ITEM_INVALID && ev->refused_as != ITEM_FORBIDDEN &&
		     ev->refused_as != ITEM_CONFLICT))
			return false;
		n.state = ev->refused_as;
		break;
	case LC_REBASED:
		if (!waiting(from, ev) || ev->changed_in_flight)
			return false;
		if (n.op == ITEM_OP_NONE)
			n.op = ITEM_OP_EDIT;
		break;
	default:
		return false;
	}
	*to = n;
	return true;
}
