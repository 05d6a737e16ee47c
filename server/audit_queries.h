/*
 * audit_queries.h - the statement of AuditRequest and the decoder of its
 * rows.  The handler validates every value first.
 */
#ifndef SK_AUDIT_QUERIES_H
#define SK_AUDIT_QUERIES_H

#include <libpq-fe.h>
#include <stdbool.h>
#include <stdint.h>

#include "db.h"
#include "sangkien.pb-c.h"

struct audit_filter {
	uint64_t after_id;     /* entries with a larger id */
	int64_t scope;	       /* units at or below this unit id; 0: everything */
	const char *unit_code; /* that unit itself; NULL or "": any */
	const char *uuid;      /* that initiative; NULL or "": any */
	const char *actor;     /* that credential label; NULL or "": any */
	int64_t since_unix_ms; /* inclusive; 0: open */
	int64_t until_unix_ms; /* exclusive; 0: open */
	uint32_t limit;	       /* rows at most */
};

/* Append the page of audit entries f selects, by id.  False when out of
 * memory. */
bool audit_query_page(struct db_job *job, const struct audit_filter *f);

/* Fill e from row `row` of audit_query_page's result; its strings point
 * into r. */
void audit_entry_read(Sangkien__AuditEntry *e, const PGresult *r, int row);

#endif
