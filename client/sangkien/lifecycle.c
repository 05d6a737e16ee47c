/* lifecycle.c - see lifecycle.h. */
#include "lifecycle.h"

bool lc_is_own_later_revision(bool editable, bool server_is_own, bool server_is_base)
{
	return editable && server_is_own && !server_is_base;
}

static struct lc_next next(enum lc_step step, bool set_state, enum item_state state)
{
	struct lc_next n = {step, set_state, state};

	return n;
}

struct lc_next lc_pulled(const struct lc_item *it, const struct lc_server *sv)
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
