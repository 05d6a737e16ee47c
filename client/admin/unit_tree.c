/* unit_tree.c - see unit_tree.h. */
#include "unit_tree.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "initiative_check.h"
#include "names.h"
#include "xalloc.h"

/* A node and its place in the reply, sorted by code. */
struct entry {
	const Sangkien__UnitNode *node;
	size_t pos;
};

static int entry_cmp(const void *a, const void *b)
{
	const struct entry *x = a, *y = b;

	return strcmp(x->node->code, y->node->code);
}

static int node_cmp(const void *a, const void *b)
{
	const Sangkien__UnitNode *const *x = a, *const *y = b;

	return strcmp((*x)->code, (*y)->code);
}

static const struct entry *entry_find(const struct entry *sorted, size_t n, const char *code)
{
	Sangkien__UnitNode node = SANGKIEN__UNIT_NODE__INIT;
	struct entry key = {.node = &node};

	node.code = (char *)code;
	return bsearch(&key, sorted, n, sizeof(*sorted), entry_cmp);
}

static bool check(const Sangkien__ProgressReply *r, struct entry *e, char *err, size_t errlen)
{
	size_t n = r->n_tree;

	for (size_t i = 0; i < n; i++) {
		const Sangkien__UnitNode *u = r->tree[i];

		if (u->code == NULL || !unit_code_is_valid(u->code)) {
			snprintf(err, errlen, "máy chủ trả về cây đơn vị có mã không hợp lệ");
			return false;
		}
		if (names_find(NAMES_LEVEL, u->level) == NULL || u->last_sync_unix_ms < 0) {
			snprintf(err, errlen,
				 "máy chủ trả về đơn vị %s với cấp hoặc thời gian không hợp lệ",
				 u->code);
			return false;
		}
		e[i].node = u;
		e[i].pos = i;
	}
	qsort(e, n, sizeof(*e), entry_cmp);
	for (size_t i = 1; i < n; i++) {
		if (strcmp(e[i - 1].node->code, e[i].node->code) == 0) {
			snprintf(err, errlen, "máy chủ trả về đơn vị %s hai lần", e[i].node->code);
			return false;
		}
	}
	for (size_t i = 0; i < n; i++) {
		const Sangkien__UnitNode *u = r->tree[i];
		const char *pc = u->parent_code ? u->parent_code : "";
		const struct entry *parent = pc[0] ? entry_find(e, n, pc) : NULL;

		if (i == 0
			? pc[0] != '\0'
			: parent == NULL || parent->pos >= i || parent->node->level >= u->level) {
			snprintf(err, errlen,
				 "máy chủ trả về đơn vị %s không nằm dưới đơn vị cấp trên nào "
				 "của cây",
				 u->code);
			return false;
		}
	}
	return true;
}

bool unit_tree_index(struct unit_tree *t, const Sangkien__ProgressReply *r, char *err,
		     size_t errlen)
{
	size_t n = r->n_tree;
	struct entry *e;
	bool ok;

	memset(t, 0, sizeof(*t));
	if (n == 0)
		return true;
	e = xcalloc(n, sizeof(*e));
	ok = check(r, e, err, errlen);
	if (ok) {
		t->by_code = xcalloc(n, sizeof(*t->by_code));
		for (size_t i = 0; i < n; i++)
			t->by_code[i] = e[i].node;
		t->n = n;
	}
	free(e);
	return ok;
}

const Sangkien__UnitNode *unit_tree_find(const struct unit_tree *t, const char *code)
{
	Sangkien__UnitNode key = SANGKIEN__UNIT_NODE__INIT;
	const Sangkien__UnitNode *kp = &key, **hit;

	if (t->n == 0 || code == NULL)
		return NULL;
	key.code = (char *)code;
	hit = bsearch(&kp, t->by_code, t->n, sizeof(*t->by_code), node_cmp);
	return hit ? *hit : NULL;
}

void unit_tree_release(struct unit_tree *t)
{
	free(t->by_code);
	memset(t, 0, sizeof(*t));
}
