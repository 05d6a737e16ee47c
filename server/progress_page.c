/* progress_page.c - see progress_page.h. */
#include "progress_page.h"

#include <stdlib.h>
#include <string.h>

#include "handlers.h"
#include "names.h"
#include "query_params.h"
#include "reply_page.h"

bool progress_page_query(struct db_job *job, const char *scope_code, int64_t scope,
			 const char *after, uint32_t limit, bool whole)
{
	char s[QUERY_PARAM_LEN], l[QUERY_PARAM_LEN];
	const char *params[] = {scope_code, query_param_scope(s, scope), after,
				query_param_uint(l, limit), whole ? "true" : "false"};
	return db_job_add(
	    job, "SELECT * FROM sk_progress_page($1, $2::bigint, $3, $4::int, $5::boolean)", 5,
	    params);
}

void progress_page_release(struct progress_page *pg)
{
	progress_rows_release(&pg->rows);
	free(pg->nodes);
	free(pg->ptrs);
	memset(pg, 0, sizeof(*pg));
}

static void node_fill(Sangkien__UnitNode *n, const PGresult *r, int row)
{
	const struct name_entry *level =
	    names_find_code(NAMES_LEVEL, handler_text(r, row, PROGRESS_COL_T1));

	sangkien__unit_node__init(n);
	n->code = (char *)handler_text(r, row, PROGRESS_COL_CODE);
	n->name = (char *)handler_text(r, row, PROGRESS_COL_NAME);
	n->level =
	    level ? (Sangkien__UnitLevel)level->value : SANGKIEN__UNIT_LEVEL__LEVEL_UNSPECIFIED;
	n->parent_code = (char *)handler_text(r, row, PROGRESS_COL_T2);
	n->last_sync_unix_ms = handler_int(r, row, PROGRESS_COL_N1);
}

enum progress_status progress_page_build(struct progress_page *pg, const PGresult *r,
					 const char **refusal)
{
	int nrows = PQntuples(r);
	size_t n = 0;

	memset(pg, 0, sizeof(*pg));
	enum progress_status st = progress_rows_build(&pg->rows, r, refusal);
	if (st != PROGRESS_OK)
		return st;
	for (int i = 0; i < nrows; i++) {
		const char *part = handler_text(r, i, PROGRESS_COL_PART);

		n += strcmp(part, "node") == 0;
		pg->more = pg->more || strcmp(part, "more") == 0;
	}
	pg->nodes = calloc(n ? n : 1, sizeof(*pg->nodes));
	pg->ptrs = calloc(n ? n : 1, sizeof(*pg->ptrs));
	if (pg->nodes == NULL || pg->ptrs == NULL)
		return PROGRESS_NOMEM;
	for (int i = 0; i < nrows; i++) {
		if (strcmp(handler_text(r, i, PROGRESS_COL_PART), "node") != 0)
			continue;
		node_fill(&pg->nodes[pg->n_nodes], r, i);
		pg->ptrs[pg->n_nodes] = &pg->nodes[pg->n_nodes];
		if (pg->nodes[pg->n_nodes].level != SANGKIEN__UNIT_LEVEL__LEVEL_GRASSROOTS)
			pg->n_inner++;
		pg->n_nodes++;
	}
	/* The levels above first, then the units' own nodes in their order. */
	if (pg->n_nodes - pg->n_inner != pg->rows.n_units)
		return PROGRESS_BAD;
	for (size_t u = 0; u < pg->rows.n_units; u++) {
		const char *node = pg->nodes[pg->n_inner + u].code;
		const char *unit = pg->rows.units[u].unit_code;

		if (node == NULL || unit == NULL || strcmp(node, unit) != 0)
			return PROGRESS_BAD;
	}
	return PROGRESS_OK;
}

static size_t node_bytes(const Sangkien__UnitNode *n)
{
	return reply_page_entry_size(sangkien__unit_node__get_packed_size(n));
}

static size_t unit_bytes(const Sangkien__QuotaReply *q)
{
	return reply_page_entry_size(sangkien__quota_reply__get_packed_size(q));
}

void progress_page_reply(struct progress_page *pg, bool paged, const char *cursor, size_t budget,
			 Sangkien__ProgressReply *reply)
{
	size_t nu = pg->rows.n_units, inner = 0, units = 0, taken = nu;

	sangkien__progress_reply__init(reply);
	for (size_t i = 0; i < pg->n_inner; i++)
		inner += node_bytes(&pg->nodes[i]);
	bool with_tree;
	if (paged) {
		size_t first =
		    nu ? unit_bytes(&pg->rows.units[0]) + node_bytes(pg->ptrs[pg->n_inner]) : 0;
		struct reply_page p;

		with_tree = inner + first <= budget;
		reply_page_init_budget(&p, with_tree ? budget - inner : budget);
		for (size_t u = 0; u < nu; u++) {
			size_t sz = unit_bytes(&pg->rows.units[u]);

			if (with_tree)
				sz += node_bytes(pg->ptrs[pg->n_inner + u]);
			if (!reply_page_take(&p, sz))
				break;
		}
		taken = p.n;
		reply->more = pg->more || taken < nu;
		reply->next_cursor = (char *)(taken ? pg->rows.units[taken - 1].unit_code : cursor);
	} else {
		for (size_t i = pg->n_inner; i < pg->n_nodes; i++)
			inner += node_bytes(pg->ptrs[i]);
		for (size_t u = 0; u < nu; u++)
			units += unit_bytes(&pg->rows.units[u]);
		/* The units first: a scope too large for both goes without its
		 * tree. */
		with_tree = units + inner <= budget;
	}
	reply->n_units = taken;
	reply->units = pg->rows.unit_ptrs;
	reply->tree_omitted = !with_tree;
	reply->n_tree = with_tree ? pg->n_inner + taken : 0;
	reply->tree = with_tree ? pg->ptrs : NULL;
}
