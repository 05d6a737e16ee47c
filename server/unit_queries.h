/*
 * unit_queries.h - the statements of PutUnitRequest and ImportUnitsRequest
 * (sql/repeatable/1_functions/sk_put_unit.sql, sk_import_units.sql) and
 * the decoders of their rows.  The handlers validate every value first; a
 * scope is a unit id, 0 for an administrator's whole tree.
 */
#ifndef SK_UNIT_QUERIES_H
#define SK_UNIT_QUERIES_H

#include <libpq-fe.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "db.h"
#include "sangkien.pb-c.h"

/* sk_put_unit: one row, outcome ("ok", "parent_not_found", "forbidden",
 * "bad_level", "cycle"), created, changed.  name is normalized already;
 * level the stored text ("district", ...); parent_code "" for none. */
bool unit_query_put(struct db_job *job, const char *code, const char *name, const char *level,
		    const char *parent_code, int64_t scope);

/* sk_import_units of rows (checked by import_check_rows; names are
 * normalized here) below parent_code, quotas for campaign_code ("":
 * current).  Rows of kind "error" (field: what), "problem" (line, field,
 * message) or one "summary" (created, updated, unchanged, total_quota). */
bool unit_query_import(struct db_job *job, const char *parent_code, const char *campaign_code,
		       int64_t scope, Sangkien__UnitRow *const *rows, size_t n_rows);

/* Row `row` of sk_import_units as a problem; strings point into r. */
void unit_import_problem_read(Sangkien__ImportProblem *p, const PGresult *r, int row);

/* The summary row (row 0) of sk_import_units into ir. */
void unit_import_summary_read(Sangkien__ImportUnitsReply *ir, const PGresult *r);

#endif
