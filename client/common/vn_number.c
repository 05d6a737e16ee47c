/* vn_number.c - see vn_number.h. */
#include "vn_number.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

/* Digits of v with a dot every three from the right, after prefix. */
static void grouped(const char *prefix, uint64_t v, char *out, size_t outlen)
{
	char digits[24];
	size_t n, used, i;

	n = (size_t)snprintf(digits, sizeof(digits), "%" PRIu64, v);
	used = (size_t)snprintf(out, outlen, "%s", prefix);
	for (i = 0; i < n && used + 2 < outlen; i++) {
		if (i > 0 && (n - i) % 3 == 0)
			out[used++] = '.';
		out[used++] = digits[i];
	}
	out[used] = '\0';
}

void vn_number_format_u(uint64_t v, char out[VN_NUMBER_LEN])
{
	grouped("", v, out, VN_NUMBER_LEN);
}

void vn_number_format(int64_t v, char out[VN_NUMBER_LEN])
{
	/* The magnitude of INT64_MIN does not fit int64_t: negate unsigned. */
	if (v < 0)
		grouped("-", (uint64_t)0 - (uint64_t)v, out, VN_NUMBER_LEN);
	else
		grouped("", (uint64_t)v, out, VN_NUMBER_LEN);
}

void vn_percent_format(uint64_t num, uint64_t den, char out[VN_NUMBER_LEN])
{
	uint64_t per_mille; /* tenths of a percent, rounded half up */
	size_t used;

	if (den == 0) {
		snprintf(out, VN_NUMBER_LEN, "-");
		return;
	}
	if (num <= UINT64_MAX / 1000) {
		per_mille = num * 1000 / den;
		if (num * 1000 % den >= den - num * 1000 % den)
			per_mille++;
	} else {
		/* Beyond any real count; approximate rather than overflow. */
		long double pm = (long double)num * 1000.0L / (long double)den + 0.5L;

		per_mille = pm >= 1.8e19L ? UINT64_MAX : (uint64_t)pm;
	}
	grouped("", per_mille / 10, out, VN_NUMBER_LEN);
	used = strlen(out);
	snprintf(out + used, VN_NUMBER_LEN - used, ",%" PRIu64 "%%", per_mille % 10);
}
