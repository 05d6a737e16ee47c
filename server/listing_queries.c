/* listing_queries.c - see listing_queries.h. */
#include "listing_queries.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "handlers.h"
#include "query_params.h"

bool listing_query_campaign(struct db_job *job, const char *campaign_code)
{
	const char *params[] = {campaign_code};
	return db_job_add(job,
			  "SELECT counts_from FROM campaigns"
			  " WHERE CASE WHEN $1 = '' THEN is_current ELSE code = $1 END",
			  1, params);
}

/*
 * $1 scope code ('' for the credential's scope $2, NULL: the whole tree),
 * $3 campaign code, $4 statuses (text[] or NULL), $5 last record id seen,
 * $6 page size + 1.  The unit filter is one of two texts rather than an
 * OR, so that PostgreSQL can turn the IN into a join.
 */
#define LIST_IN_SCOPE                                                                              \
	" WHERE v.unit_id IN (SELECT s.unit_id FROM sk_scope_units($2::bigint) s WHERE $1 = ''"    \
	"  UNION ALL SELECT s.unit_id FROM units x, sk_scope_units(x.id) s"                        \
	"  WHERE $1 <> '' AND x.code = $1 AND sk_in_scope(x.id, $2::bigint))"
#define LIST_WHOLE_TREE " WHERE $1 = '' AND $2::bigint IS NULL"
/* $7, $8: the uuid range of a prefix, through the uuid index. */
#define LIST_BY_UUID                                                                               \
	" WHERE v.record_id IN (SELECT i.id FROM initiatives i"                                    \
	"  WHERE i.uuid BETWEEN $7::uuid AND $8::uuid AND sk_in_scope(i.unit_id, $2::bigint)"      \
	"  AND ($1 = '' OR EXISTS (SELECT 1 FROM units x"                                          \
	"   WHERE x.code = $1 AND sk_in_scope(i.unit_id, x.id))))"
#define LIST_SQL(unit_filter)                                                                      \
	"WITH k AS (SELECT counts_from FROM campaigns"                                             \
	"  WHERE CASE WHEN $3 = '' THEN is_current ELSE code = $3 END)"                            \
	" SELECT v.*, u.name AS unit_name FROM sk_server_initiatives v"                            \
	" JOIN units u ON u.id = v.unit_id" unit_filter " AND v.record_id > $5::bigint"            \
	" AND ($4::text[] IS NULL OR v.status = ANY ($4::text[]))"                                 \
	" AND v.applied_on::date >= (SELECT counts_from FROM k)"                                   \
	" ORDER BY v.record_id LIMIT $6::int"

bool listing_query_page(struct db_job *job, const struct listing_filter *f)
{
	char scope[QUERY_PARAM_LEN], after[QUERY_PARAM_LEN], limit[QUERY_PARAM_LEN];
	const char *params[] = {f->scope_code,
				query_param_scope(scope, f->scope),
				f->campaign_code,
				f->statuses,
				query_param_uint(after, f->after_record_id),
				query_param_uint(limit, f->limit),
				f->uuid_lo,
				f->uuid_hi};
	/* An administrator listing everything: no unit list to build and
	 * probe, the record-id index gives the page directly. */
	bool whole_tree = f->scope_code[0] == '\0' && f->scope == 0;
	if (f->uuid_lo != NULL)
		return db_job_add(job, LIST_SQL(LIST_BY_UUID), 8, params);
	return db_job_add(job, whole_tree ? LIST_SQL(LIST_WHOLE_TREE) : LIST_SQL(LIST_IN_SCOPE), 6,
			  params);
}

bool listing_uuid_range(const char *prefix, char lo[37], char hi[37])
{
	static const char shape[] = "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx";
	size_t n = prefix ? strlen(prefix) : 0;

	if (n < 8 || n > 36)
		return false;
	for (size_t i = 0; i < 36; i++) {
		char c = (char)(i < n ? tolower((unsigned char)prefix[i]) : 0);

		if (shape[i] == '-') {
			if (i < n && c != '-')
				return false;
			lo[i] = hi[i] = '-';
		} else if (i < n) {
			if (!isxdigit((unsigned char)c))
				return false;
			lo[i] = hi[i] = c;
		} else {
			lo[i] = '0';
			hi[i] = 'f';
		}
	}
	lo[36] = hi[36] = '\0';
	return true;
}

bool similar_query_target(struct db_job *job, const char *uuid, int64_t scope)
{
	char s[QUERY_PARAM_LEN];
	const char *params[] = {uuid, query_param_scope(s, scope)};
	return db_job_add(job,
			  "SELECT i.id FROM initiatives i"
			  " WHERE i.uuid = $1::uuid AND sk_in_scope(i.unit_id, $2::bigint)",
			  2, params);
}

bool similar_query_items(struct db_job *job, const char *uuid, int64_t scope, uint32_t limit)
{
	char s[QUERY_PARAM_LEN], l[QUERY_PARAM_LEN];
	const char *params[] = {uuid, query_param_scope(s, scope), query_param_uint(l, limit)};
	return db_job_add(job,
			  "WITH c AS (SELECT * FROM sk_similar($1::uuid, $2::bigint))"
			  " SELECT v.*, u.name AS unit_name, round(c.sim::numeric, 4) AS similarity"
			  " FROM c JOIN sk_server_initiatives v ON v.record_id = c.id"
			  " JOIN units u ON u.id = v.unit_id"
			  " ORDER BY c.sim DESC, v.record_id LIMIT $3::int",
			  3, params);
}

bool listing_cols_find(struct listing_cols *cols, const PGresult *r, bool similar, char *err,
		       size_t errlen)
{
	if (!initiative_cols_find(&cols->row, r, err, errlen))
		return false;
	cols->unit_name = PQfnumber(r, "unit_name");
	cols->similarity = similar ? PQfnumber(r, "similarity") : -1;
	if (cols->unit_name < 0 || (similar && cols->similarity < 0)) {
		snprintf(err, errlen, "no column %s",
			 cols->unit_name < 0 ? "unit_name" : "similarity");
		return false;
	}
	return true;
}

bool listing_read(Sangkien__ListedInitiative *li, struct initiative_row **ir, const PGresult *r,
		  int row, const struct listing_cols *cols, char *err, size_t errlen)
{
	*ir = initiative_row_create(r, row, &cols->row, err, errlen);
	if (*ir == NULL)
		return false;
	sangkien__listed_initiative__init(li);
	li->initiative = &(*ir)->msg;
	li->unit_code = (*ir)->content.unit_code;
	li->unit_name = (char *)handler_text(r, row, cols->unit_name);
	return true;
}
