/* change_check.c - see change_check.h. */
#include "change_check.h"

#include <stdio.h>
#include <string.h>

bool change_reason_check(const char *reason, struct check_error *err)
{
	size_t len = reason ? strlen(reason) : 0, cps = 0;

	snprintf(err->field, sizeof(err->field), "reason");
	if (len == 0)
		return true;
	if (!utf8_is_valid(reason, len, &cps)) {
		snprintf(err->reason, sizeof(err->reason), "is not valid UTF-8");
		return false;
	}
	if (cps > CHANGE_REASON_MAX) {
		snprintf(err->reason, sizeof(err->reason), "has %zu characters, at most %d allowed",
			 cps, CHANGE_REASON_MAX);
		return false;
	}
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)reason[i];
		if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7f) {
			snprintf(err->reason, sizeof(err->reason),
				 "contains a control character (byte %zu)", i);
			return false;
		}
	}
	return true;
}

uint32_t change_pull_page_items(uint32_t requested, uint32_t cap)
{
	return requested == 0 || requested > cap ? cap : requested;
}

size_t change_pull_fit(const size_t *item_bytes, size_t n, size_t budget)
{
	size_t used = 0, k = 0;

	while (k < n) {
		/* A repeated message field costs its tag and length prefix too. */
		size_t cost = item_bytes[k] + 1 + 10;
		if (k > 0 && cost > budget - used)
			break;
		used += cost;
		k++;
		if (used >= budget)
			break;
	}
	return k;
}
