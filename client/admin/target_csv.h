/*
 * target_csv.h - a targets file for `target import`, parsed and checked.
 *
 * CSV (see in_csv.h) with a header naming the columns:
 *   ma_don_vi  the unit's code                                  (required)
 *   giai_doan  the phase's code; empty: the campaign's target   (required)
 *   chi_tieu   the target, an integer 0..10,000,000             (required)
 * The same unit and phase twice is a problem (named at the later line).
 * Every problem is listed with its line; a file with any problem must not
 * be sent at all.
 */
#ifndef SANGKIEN_TARGET_CSV_H
#define SANGKIEN_TARGET_CSV_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "in_csv.h"

struct target_row {
	uint32_t line;
	char *unit_code;
	char *phase_code; /* "" for the campaign */
	uint32_t target;
};

struct target_problem {
	uint32_t line;
	char *column;
	char *message;
	size_t seq; /* order found, keeps sorting stable */
};

struct target_csv {
	struct target_row *rows;
	size_t n_rows;
	struct target_problem *problems; /* in line order */
	size_t n_problems, problems_cap;
};

/* Check every row.  Never NULL; free with target_csv_free(). */
struct target_csv *target_csv_from(const struct in_csv *csv);
void target_csv_free(struct target_csv *t);

/* "FILE:LINE: column: message", one per line. */
void target_csv_print_problems(const struct target_csv *t, const char *file, FILE *out);

#endif
