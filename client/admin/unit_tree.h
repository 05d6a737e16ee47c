/*
 * unit_tree.h - the scope's tree of a ProgressReply (6.8 of PROTOCOL.md),
 * checked as the server's rules have it before anything of it is shown:
 * a compromised server must not make the console or the terminal draw a
 * loop or a unit under one that is not there.
 */
#ifndef SANGKIEN_UNIT_TREE_H
#define SANGKIEN_UNIT_TREE_H

#include <stdbool.h>
#include <stddef.h>

#include "sangkien.pb-c.h"

/* The reply's nodes by code; borrows them from the reply, which must
 * outlive it.  Free with unit_tree_release. */
struct unit_tree {
	size_t n;
	const Sangkien__UnitNode **by_code;
};

/*
 * Check r's tree and index it.  Rules: every code valid and once, a known
 * level, the first node the scope unit (parent ""), every other node's
 * parent earlier in the list and of a higher level, a last sync not before
 * 1970.  An empty tree (tree_omitted, or an older server) is valid and
 * finds nothing.  False with a Vietnamese reason in err (naming a code only
 * once it is valid, so plain ASCII) when a rule fails; t is then empty.
 */
bool unit_tree_index(struct unit_tree *t, const Sangkien__ProgressReply *r, char *err,
		     size_t errlen);

/* The node of code, NULL when none. */
const Sangkien__UnitNode *unit_tree_find(const struct unit_tree *t, const char *code);

void unit_tree_release(struct unit_tree *t);

#endif
