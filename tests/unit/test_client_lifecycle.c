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

/* The op a pull leaves: pending again on a version the server holds means
 * an edit waits; a withdrawal stays one; otherwise the op is kept. */
static void test_pull_op(void **state)
{
	struct lc_item lost = {P, NONE, false, 0, false, false, true};
	struct lc_item lost_wd = {P, WDRW, false, 0, true, false, true};
	struct lc_item conflict = {C, NONE, false, 0, false, false, true};
	struct lc_item edit_own = {P, EDIT, true, 1, false, false, true};
	struct lc_item synced = {S, NONE, true, 1, false, false, false};
	struct lc_server sv = {2, true};

	(void)state;
	assert_int_equal(lc_pulled(&lost, &sv).op, EDIT);
	assert_int_equal(lc_pulled(&lost_wd, &sv).op, WDRW);
	assert_int_equal(lc_pulled(&conflict, &sv).op, EDIT);
	assert_int_equal(lc_pulled(&edit_own, &sv).op, EDIT);
	assert_int_equal(lc_pulled(&synced, &sv).op, NONE);
}

/* ---- lc_step: the user's changes and the server's answers ---------------- */

#define F ITEM_FORBIDDEN
#define NO false /* refused: the state stays as it was */
#define OK true

enum { EV_EDIT, EV_WDRW, EV_MINE, EV_SRV, EV_ACC, EV_REF, EV_REB };

static const struct step_row {
	const char *what;
	enum item_state state;
	enum item_op op;
	bool wae, receipt;
	int event;
	enum item_op sent;
	bool changed;
	enum item_state refused_as;
	bool allowed;
	enum item_state next_state;
	enum item_op next_op;
	bool next_wae;
} steps[] = {
    /* what the user does */
    {"edit a new item", P, NONE, 0, 0, EV_EDIT, NONE, 0, P, OK, P, NONE, 0},
    {"edit a synced item", S, NONE, 0, 1, EV_EDIT, NONE, 0, P, OK, P, EDIT, 0},
    {"edit a refused edit", I, EDIT, 0, 1, EV_EDIT, NONE, 0, P, OK, P, EDIT, 0},
    {"edit a refused submission", I, NONE, 0, 0, EV_EDIT, NONE, 0, P, OK, P, NONE, 0},
    {"edit a forbidden item", F, NONE, 0, 0, EV_EDIT, NONE, 0, P, OK, P, NONE, 0},
    {"edit before a withdrawal", P, EDIT, 1, 1, EV_EDIT, NONE, 0, P, OK, P, EDIT, 1},
    {"edit during a conflict", C, EDIT, 0, 1, EV_EDIT, NONE, 0, P, NO, 0, 0, 0},
    {"edit once withdrawal waits", P, WDRW, 0, 1, EV_EDIT, NONE, 0, P, NO, 0, 0, 0},
    {"withdraw a synced item", S, NONE, 0, 1, EV_WDRW, NONE, 0, P, OK, P, WDRW, 0},
    {"withdraw a new item", P, NONE, 0, 0, EV_WDRW, NONE, 0, P, OK, P, WDRW, 0},
    {"withdraw after an unsent edit", P, EDIT, 0, 1, EV_WDRW, NONE, 0, P, OK, P, EDIT, 1},
    {"withdraw after a refused edit", I, EDIT, 0, 1, EV_WDRW, NONE, 0, P, OK, P, WDRW, 0},
    {"withdraw twice", P, WDRW, 0, 1, EV_WDRW, NONE, 0, P, NO, 0, 0, 0},
    {"withdraw during a conflict", C, EDIT, 0, 1, EV_WDRW, NONE, 0, P, NO, 0, 0, 0},
    {"keep mine", C, EDIT, 0, 1, EV_MINE, NONE, 0, P, OK, P, EDIT, 0},
    {"keep mine, no op", C, NONE, 0, 1, EV_MINE, NONE, 0, P, OK, P, EDIT, 0},
    {"keep mine, a withdrawal", C, WDRW, 0, 1, EV_MINE, NONE, 0, P, OK, P, WDRW, 0},
    {"take the server's", C, EDIT, 1, 1, EV_SRV, NONE, 0, P, OK, S, NONE, 0},
    {"resolve without a conflict", P, EDIT, 0, 1, EV_MINE, NONE, 0, P, NO, 0, 0, 0},
    {"take the server's, synced", S, NONE, 0, 1, EV_SRV, NONE, 0, P, NO, 0, 0, 0},
    /* what the server answers */
    {"submission accepted", P, NONE, 0, 0, EV_ACC, NONE, 0, P, OK, S, NONE, 0},
    {"submission accepted, edited meanwhile", P, NONE, 0, 0, EV_ACC, NONE, 1, P, OK, P, EDIT, 0},
    {"submission accepted, withdrawal waits", P, WDRW, 0, 0, EV_ACC, NONE, 0, P, OK, P, WDRW, 0},
    {"submission answered twice", S, NONE, 0, 1, EV_ACC, NONE, 0, P, NO, 0, 0, 0},
    {"edit accepted", P, EDIT, 0, 1, EV_ACC, EDIT, 0, P, OK, S, NONE, 0},
    {"edit accepted, edited meanwhile", P, EDIT, 0, 1, EV_ACC, EDIT, 1, P, OK, P, EDIT, 0},
    {"edit accepted, withdrawal next", P, EDIT, 1, 1, EV_ACC, EDIT, 0, P, OK, P, WDRW, 0},
    {"edit accepted, edited, withdrawal next", P, EDIT, 1, 1, EV_ACC, EDIT, 1, P, OK, P, EDIT, 1},
    {"edit accepted, withdrawal now waiting", P, WDRW, 0, 1, EV_ACC, EDIT, 0, P, NO, 0, 0, 0},
    {"withdrawal accepted", P, WDRW, 0, 1, EV_ACC, WDRW, 0, P, OK, S, NONE, 0},
    {"withdrawal answered, edit waits", P, EDIT, 1, 1, EV_ACC, WDRW, 0, P, NO, 0, 0, 0},
    {"submission refused", P, NONE, 0, 0, EV_REF, NONE, 0, I, OK, I, NONE, 0},
    {"edit forbidden", P, EDIT, 0, 1, EV_REF, EDIT, 0, F, OK, F, EDIT, 0},
    {"edit in conflict", P, EDIT, 1, 1, EV_REF, EDIT, 0, C, OK, C, EDIT, 1},
    {"refusal of older content", P, EDIT, 0, 1, EV_REF, EDIT, 1, I, NO, 0, 0, 0},
    {"refusal as pending", P, EDIT, 0, 1, EV_REF, EDIT, 0, P, NO, 0, 0, 0},
    {"refusal of an item not waiting", S, NONE, 0, 1, EV_REF, EDIT, 0, I, NO, 0, 0, 0},
    {"rebased edit", P, EDIT, 0, 1, EV_REB, EDIT, 0, C, OK, P, EDIT, 0},
    {"rebased submission", P, NONE, 0, 0, EV_REB, NONE, 0, C, OK, P, EDIT, 0},
    {"rebase of older content", P, EDIT, 0, 1, EV_REB, EDIT, 1, C, NO, 0, 0, 0},
};

static void test_step_table(void **state)
{
	static const enum lc_event_kind kinds[] = {
	    [EV_EDIT] = LC_EDIT,	  [EV_WDRW] = LC_WITHDRAW, [EV_MINE] = LC_RESOLVE_MINE,
	    [EV_SRV] = LC_RESOLVE_SERVER, [EV_ACC] = LC_ACCEPTED,  [EV_REF] = LC_REFUSED,
	    [EV_REB] = LC_REBASED,
	};

	(void)state;
	for (size_t i = 0; i < sizeof(steps) / sizeof(steps[0]); i++) {
		const struct step_row *r = &steps[i];
		struct lc_local from = {r->state, r->op, r->wae};
		struct lc_local to = {ITEM_INVALID, ITEM_OP_WITHDRAW, true}; /* a marker */
		struct lc_event ev = {kinds[r->event], r->receipt, r->sent, r->changed,
				      r->refused_as};
		bool allowed = lc_step(&from, &ev, &to);

		if (allowed != r->allowed)
			fail_msg("row %zu (%s): %s, expected %s", i, r->what,
				 allowed ? "allowed" : "refused",
				 r->allowed ? "allowed" : "refused");
		if (!allowed) {
			/* a refused step leaves the output as it was */
			if (to.state != ITEM_INVALID || to.op != ITEM_OP_WITHDRAW ||
			    !to.withdraw_after_edit)
				fail_msg("row %zu (%s): refused but wrote a state", i, r->what);
			continue;
		}
		if (to.state != r->next_state || to.op != r->next_op ||
		    to.withdraw_after_edit != r->next_wae)
			fail_msg("row %zu (%s): %s/%s/%d, expected %s/%s/%d", i, r->what,
				 item_state_name(to.state),
				 item_op_name(to.op) ? item_op_name(to.op) : "none",
				 to.withdraw_after_edit, item_state_name(r->next_state),
				 item_op_name(r->next_op) ? item_op_name(r->next_op) : "none",
				 r->next_wae);
	}
}

/* Edit then withdraw before a sync: both wait, and go in that order. */
static void test_edit_then_withdraw_sends_both(void **state)
{
	struct lc_local l = {S, NONE, false}, next;
	struct lc_event edit = {.kind = LC_EDIT, .has_receipt = true};
	struct lc_event wd = {.kind = LC_WITHDRAW, .has_receipt = true};
	struct lc_event edit_ok = {.kind = LC_ACCEPTED, .has_receipt = true, .sent = EDIT};
	struct lc_event wd_ok = {.kind = LC_ACCEPTED, .has_receipt = true, .sent = WDRW};

	(void)state;
	assert_true(lc_step(&l, &edit, &next));
	l = next;
	assert_true(lc_step(&l, &wd, &next));
	l = next;
	assert_int_equal(l.op, EDIT); /* the edit goes first */
	assert_true(l.withdraw_after_edit);
	assert_false(lc_step(&l, &wd_ok, &next)); /* not before the edit */
	assert_true(lc_step(&l, &edit_ok, &next));
	l = next;
	assert_int_equal(l.state, P);
	assert_int_equal(l.op, WDRW); /* then the withdrawal */
	assert_false(l.withdraw_after_edit);
	assert_true(lc_step(&l, &wd_ok, &next));
	assert_int_equal(next.state, S);
	assert_int_equal(next.op, NONE);
}

/* What the commands and the page tell the user (lc_locked) is exactly
 * what lc_step refuses, for every state, op and withdraw_after_edit. */
static void test_locked_is_what_step_refuses(void **state)
{
	(void)state;
	assert_int_equal(lc_locked(&(struct lc_local){C, EDIT, false}), LC_LOCKED_CONFLICT);
	assert_int_equal(lc_locked(&(struct lc_local){P, WDRW, false}), LC_LOCKED_WITHDRAWAL);
	assert_int_equal(lc_locked(&(struct lc_local){P, EDIT, true}), LC_UNLOCKED);
	assert_int_equal(lc_locked(&(struct lc_local){S, NONE, false}), LC_UNLOCKED);
	for (int st = ITEM_PENDING; st <= ITEM_CONFLICT; st++)
		for (int op = ITEM_OP_NONE; op <= ITEM_OP_WITHDRAW; op++)
			for (int w = 0; w < 2; w++)
				for (int rc = 0; rc < 2; rc++) {
					struct lc_local l = {(enum item_state)st, (enum item_op)op,
							     w != 0},
							to;
					struct lc_event edit = {.kind = LC_EDIT, .has_receipt = rc};
					struct lc_event wd = {.kind = LC_WITHDRAW,
							      .has_receipt = rc};
					bool locked = lc_locked(&l) != LC_UNLOCKED;

					assert_int_equal(lc_step(&l, &edit, &to), !locked);
					assert_int_equal(lc_step(&l, &wd, &to), !locked);
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
	    cmocka_unit_test(test_pull_op),
	    cmocka_unit_test(test_step_table),
	    cmocka_unit_test(test_edit_then_withdraw_sends_both),
	    cmocka_unit_test(test_locked_is_what_step_refuses),
	    cmocka_unit_test(test_own_later_revision_rule),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
