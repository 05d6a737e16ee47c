/*
 * test_client_lifecycle.c - the item life cycle's pull decisions as a
 * table: state x pending change x receipt x server version (and whose
 * content it holds) -> the step and the next state.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <cmocka.h>

#include "lifecycle.h"

#define P ITEM_PENDING
#define S ITEM_SYNCED
#define I ITEM_INVALID
#define C ITEM_CONFLICT
#define NONE ITEM_OP_NONE
#define EDIT ITEM_OP_EDIT
#define WDRW ITEM_OP_WITHDRAW
#define SAME -1 /* the state stays */

static const struct row {
	const char *what;
	enum item_state state;
	enum item_op op;
	bool receipt;
	uint32_t base;
	bool content_is_server, server_is_base, server_is_own;
	uint32_t version;
	bool editable;
	enum lc_step step;
	int next; /* an enum item_state, or SAME */
} rows[] = {
    {"synced, nothing new", S, NONE, true, 1, true, true, true, 1, true, LC_KEEP, SAME},
    {"synced, reviewed (status only)", S, NONE, true, 1, true, true, true, 2, false, LC_KEEP, SAME},
    {"synced, server content changed", S, NONE, true, 1, false, false, false, 2, true, LC_ADOPT, S},
    {"refused item, server content", I, NONE, true, 1, false, false, false, 2, true, LC_ADOPT, S},
    {"answer lost, same content", P, NONE, false, 0, true, false, true, 1, true, LC_RECEIPT, S},
    {"answer lost, edited since", P, NONE, false, 0, false, false, true, 1, true, LC_RECEIPT, P},
    {"answer lost, withdrawal waits", P, WDRW, false, 0, true, false, true, 1, true, LC_RECEIPT, P},
    {"edit waits, server still at base", P, EDIT, true, 1, false, true, true, 1, true, LC_KEEP,
     SAME},
    {"edit waits, reviewer moved on", P, EDIT, true, 1, false, false, false, 2, true, LC_CONFLICT,
     C},
    {"edit waits, not editable any more", P, EDIT, true, 1, false, false, false, 2, false,
     LC_CONFLICT, C},
    {"edit waits, our earlier edit applied", P, EDIT, true, 1, false, false, true, 2, true,
     LC_REBASE, SAME},
    {"edit waits, own revision but locked", P, EDIT, true, 1, false, false, true, 2, false,
     LC_CONFLICT, C},
    {"withdrawal waits, reviewer moved on", P, WDRW, true, 1, true, false, false, 3, true,
     LC_CONFLICT, C},
    {"conflict, a reviewer's version", C, EDIT, true, 1, false, false, false, 3, true, LC_KEEP,
     SAME},
    {"conflict, our own revision there", C, EDIT, true, 1, false, false, true, 3, true, LC_REBASE,
     P},
    {"conflict, own revision at our base", C, EDIT, true, 1, false, true, true, 3, true, LC_KEEP,
     SAME},
    {"conflict, no receipt, own revision", C, NONE, false, 0, false, false, true, 2, true,
     LC_REBASE, P},
    {"conflict, own revision, locked", C, EDIT, true, 1, false, false, true, 3, false, LC_KEEP,
     SAME},
};

static void test_pull_table(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		const struct row *r = &rows[i];
		struct lc_item it = {
		    r->state,	       r->op,		r->receipt, r->base, r->content_is_server,
		    r->server_is_base, r->server_is_own};
		struct lc_server sv = {r->version, r->editable};
		struct lc_next n = lc_pulled(&it, &sv);

		if (n.step != r->step || n.set_state != (r->next != SAME) ||
		    (r->next != SAME && n.state != (enum item_state)r->next))
			fail_msg("row %zu (%s): step %d, state %s%s; expected step %d, %s", i,
				 r->what, (int)n.step, n.set_state ? "" : "kept ",
				 item_state_name(n.state), (int)r->step,
				 r->next == SAME ? "state kept"
						 : item_state_name((enum item_state)r->next));
	}
}

/* The one rebase rule: all three conditions, nothing else. */
static void test_own_later_revision_rule(void **state)
{
	(void)state;
	for (int m = 0; m < 8; m++) {
		bool editable = m & 1, own = m & 2, base = m & 4;

		assert_int_equal(lc_is_own_later_revision(editable, own, base),
				 editable && own && !base);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_pull_table),
	    cmocka_unit_test(test_own_later_revision_rule),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
