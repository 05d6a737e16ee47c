/*
 * test_admin_unit_tree.c - the scope's tree of a ProgressReply as the
 * operators' client accepts it: a good tree is indexed, every hostile one
 * (loop, orphan, duplicate, wrong level, bad code, negative time) refused.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "unit_tree.h"

#define MAX_NODES 8

struct fixture {
	Sangkien__ProgressReply reply;
	Sangkien__UnitNode nodes[MAX_NODES];
	Sangkien__UnitNode *ptrs[MAX_NODES];
};

static void add(struct fixture *f, const char *code, Sangkien__UnitLevel level, const char *parent,
		int64_t synced)
{
	size_t i = f->reply.n_tree++;

	sangkien__unit_node__init(&f->nodes[i]);
	f->nodes[i].code = (char *)code;
	f->nodes[i].name = (char *)"Đơn vị";
	f->nodes[i].level = level;
	f->nodes[i].parent_code = (char *)parent;
	f->nodes[i].last_sync_unix_ms = synced;
	f->ptrs[i] = &f->nodes[i];
	f->reply.tree = f->ptrs;
}

/* District Q11 with two grassroots units. */
static void district(struct fixture *f)
{
	memset(f, 0, sizeof(*f));
	sangkien__progress_reply__init(&f->reply);
	add(f, "Q11", SANGKIEN__UNIT_LEVEL__LEVEL_DISTRICT, "", 0);
	add(f, "Q11-044", SANGKIEN__UNIT_LEVEL__LEVEL_GRASSROOTS, "Q11", 1654000000000);
	add(f, "Q11-027", SANGKIEN__UNIT_LEVEL__LEVEL_GRASSROOTS, "Q11", 0);
}

static void refused(struct fixture *f, const char *want)
{
	struct unit_tree t;
	char err[200] = "";

	assert_false(unit_tree_index(&t, &f->reply, err, sizeof(err)));
	assert_int_equal(t.n, 0);
	if (strstr(err, want) == NULL)
		fail_msg("reason '%s' does not say '%s'", err, want);
}

static void test_good_tree(void **state)
{
	struct fixture f;
	struct unit_tree t;
	char err[200];

	(void)state;
	district(&f);
	assert_true(unit_tree_index(&t, &f.reply, err, sizeof(err)));
	assert_int_equal(t.n, 3);
	assert_int_equal(unit_tree_find(&t, "Q11-044")->last_sync_unix_ms, 1654000000000);
	assert_string_equal(unit_tree_find(&t, "Q11-027")->parent_code, "Q11");
	assert_null(unit_tree_find(&t, "Q10"));
	unit_tree_release(&t);

	/* No tree (omitted): valid, finds nothing. */
	f.reply.n_tree = 0;
	assert_true(unit_tree_index(&t, &f.reply, err, sizeof(err)));
	assert_null(unit_tree_find(&t, "Q11"));
	unit_tree_release(&t);
}

static void test_hostile_trees(void **state)
{
	struct fixture f;

	(void)state;
	district(&f);
	f.nodes[1].code = (char *)"Q11\x1b[2J";
	refused(&f, "mã không hợp lệ");

	district(&f);
	f.nodes[2].code = (char *)"Q11-044";
	refused(&f, "Q11-044 hai lần");

	district(&f);
	f.nodes[2].parent_code = (char *)"Q10";
	refused(&f, "Q11-027 không nằm dưới");

	/* A parent listed after its child, or a child's level not below. */
	district(&f);
	add(&f, "P1", SANGKIEN__UNIT_LEVEL__LEVEL_GRASSROOTS, "Q11-X", 0);
	add(&f, "Q11-X", SANGKIEN__UNIT_LEVEL__LEVEL_GRASSROOTS, "Q11", 0);
	refused(&f, "P1 không nằm dưới");
	district(&f);
	f.nodes[1].level = SANGKIEN__UNIT_LEVEL__LEVEL_DISTRICT;
	refused(&f, "Q11-044 không nằm dưới");

	/* Two roots, a root with a parent, a loop through itself. */
	district(&f);
	f.nodes[2].parent_code = (char *)"";
	refused(&f, "Q11-027 không nằm dưới");
	district(&f);
	f.nodes[0].parent_code = (char *)"HCM";
	refused(&f, "Q11 không nằm dưới");
	district(&f);
	f.nodes[1].parent_code = (char *)"Q11-044";
	refused(&f, "Q11-044 không nằm dưới");

	district(&f);
	f.nodes[1].level = (Sangkien__UnitLevel)9;
	refused(&f, "Q11-044 với cấp");
	district(&f);
	f.nodes[1].last_sync_unix_ms = -5;
	refused(&f, "thời gian không hợp lệ");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_good_tree),
	    cmocka_unit_test(test_hostile_trees),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
