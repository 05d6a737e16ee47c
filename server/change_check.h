/*
 * change_check.h - pure rules for the unit's changes after submission
 * (edit, withdraw) and for pull paging.  No I/O: unit-tested directly.
 */
#ifndef SK_CHANGE_CHECK_H
#define SK_CHANGE_CHECK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "initiative_check.h"

/* A withdrawal reason: at most this many code points; may be empty. */
#define CHANGE_REASON_MAX 2000

/*
 * A withdrawal reason: strict UTF-8, 0..CHANGE_REASON_MAX code points,
 * newlines and tabs allowed, no other control characters.  False with
 * err->field = "reason" and err->reason filled otherwise.
 */
bool change_reason_check(const char *reason, struct check_error *err);

/* Items to return in one pull page: `requested`, or `cap` when it is 0 or
 * above the cap. */
uint32_t change_pull_page_items(uint32_t requested, uint32_t cap);

/*
 * Pull paging by size: given the encoded sizes of the candidate items in
 * feed order and a byte budget, how many to send.  At least one when
 * there is any (a lone item larger than the budget still goes, alone).
 */
size_t change_pull_fit(const size_t *item_bytes, size_t n, size_t budget);

#endif
