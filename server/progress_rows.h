/*
 * progress_rows.h - QuotaReply messages (with their phases) built from the
 * rows of the progress functions in sql/005_reports.sql (sk_quota,
 * sk_progress, sk_report: type sk_progress_row).
 *
 * Columns of every row: part, code, name, t1, t2, t3, n1, n2, n3, n4, a1,
 * a2, a3 (PROGRESS_COL_*).  This module reads the parts 'unit', 'phase' and
 * 'error' and ignores the others, so a report can add its own.
 */
#ifndef SK_PROGRESS_ROWS_H
#define SK_PROGRESS_ROWS_H

#include <libpq-fe.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sangkien.pb-c.h"

enum progress_col {
	PROGRESS_COL_PART,
	PROGRESS_COL_CODE,
	PROGRESS_COL_NAME,
	PROGRESS_COL_T1,
	PROGRESS_COL_T2,
	PROGRESS_COL_T3,
	PROGRESS_COL_N1,
	PROGRESS_COL_N2,
	PROGRESS_COL_N3,
	PROGRESS_COL_N4,
	PROGRESS_COL_A1,
	PROGRESS_COL_A2,
	PROGRESS_COL_A3,
	PROGRESS_COLS,
};

enum progress_status {
	PROGRESS_OK,	  /* units[] and phases filled */
	PROGRESS_REFUSED, /* an 'error' row: *refusal names it (e.g. "forbidden") */
	PROGRESS_BAD,	  /* rows that do not fit together (a server fault) */
	PROGRESS_NOMEM,
};

/*
 * The units of a reply.  Every string points into the PGresult it was
 * built from: keep that result alive while the messages are in use.
 */
struct progress_rows {
	size_t n_units;
	Sangkien__QuotaReply *units;	  /* n_units, in row order */
	Sangkien__QuotaReply **unit_ptrs; /* n_units, for repeated fields */
	size_t n_phases;		  /* phases of the campaign */
	Sangkien__PhaseProgress *cells;	  /* n_units * n_phases */
	Sangkien__PhaseProgress **cell_ptrs;
};

/* Build from r.  On PROGRESS_REFUSED *refusal points into r.  Release pr
 * whatever the result. */
enum progress_status progress_rows_build(struct progress_rows *pr, const PGresult *r,
					 const char **refusal);
void progress_rows_release(struct progress_rows *pr);

/* A counter to put on the wire: negative or beyond uint32 is clamped. */
uint32_t progress_u32(int64_t v);

/*
 * Parse a PostgreSQL integer array in text form ("{1,0,25}") holding
 * exactly n non-negative elements into out (clamped to UINT32_MAX).
 * "{}" is the empty array.  False for anything else.
 */
bool progress_parse_counts(const char *text, uint32_t *out, size_t n);

#endif
