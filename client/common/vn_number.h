/*
 * vn_number.h - numbers and percentages as Vietnamese readers write them,
 * for human-facing output only: a dot between thousands, a comma before
 * decimals ("1.000", "1.234.567", "44,1%").  Machine formats (JSON, CSV for
 * scripts, TSV) keep plain digits and a decimal point.
 */
#ifndef SANGKIEN_VN_NUMBER_H
#define SANGKIEN_VN_NUMBER_H

#include <stdint.h>

/* Room for any formatted number: a sign, 20 digits, 6 dots, ",d%" and NUL. */
#define VN_NUMBER_LEN 40

/* v with thousands separated by dots: 1000 -> "1.000", -1500 -> "-1.500". */
void vn_number_format(int64_t v, char out[VN_NUMBER_LEN]);

/* The same for an unsigned value (counts, amounts in VND). */
void vn_number_format_u(uint64_t v, char out[VN_NUMBER_LEN]);

/*
 * num / den as a percentage with one decimal, rounded half up: 441 / 1000 ->
 * "44,1%", 3 / 2 -> "150,0%", 12345 / 10 -> "123.450,0%".  den 0 gives "-"
 * (no target: no percentage).
 */
void vn_percent_format(uint64_t num, uint64_t den, char out[VN_NUMBER_LEN]);

#endif
