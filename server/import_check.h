/*
 * import_check.h - the server's own check of an ImportUnitsRequest's rows
 * before anything reaches the database.  Pure; every problem is reported,
 * not just the first, with the row's source line.
 *
 * Problem fields are the CSV column names: "ma_don_vi" (code), "don_vi"
 * (name), "so_phan_bo" (quota), or "line".
 */
#ifndef SK_IMPORT_CHECK_H
#define SK_IMPORT_CHECK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sangkien.pb-c.h"

#define IMPORT_NAME_MAX 200	 /* code points, after normalizing */
#define IMPORT_QUOTA_MAX 1000000 /* per unit */

struct import_problem {
	uint32_t line;
	char field[16];
	char message[256];
	size_t order; /* position when found, keeps sorting stable */
};

struct import_problems {
	struct import_problem *items; /* sorted by line once checked */
	size_t n, cap;
};

/*
 * Check n rows: form of each field and no code or name twice (names compare
 * after normalizing white space and ASCII case).  Problems are appended to
 * *out (caller releases it).  Returns false only when out of memory.
 */
bool import_check_rows(Sangkien__UnitRow *const *rows, size_t n, struct import_problems *out);

void import_problems_release(struct import_problems *p);

/*
 * A unit name as stored: leading and trailing white space removed, inner
 * runs of white space made one space.  out has room for strlen(in) + 1.
 */
void import_normalize_name(const char *in, char *out);

#endif
