/*
 * review_check.h - the rules of the operators' requests that need no
 * database: a ReviewAction's fields for its op, credential labels and free
 * text.  Pure functions, so the server checks every field from the network
 * before SQL sees it and the tests can try each rule alone.
 */
#ifndef SK_REVIEW_CHECK_H
#define SK_REVIEW_CHECK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "initiative_check.h"
#include "review_flow.h"
#include "sangkien.pb-c.h"

/* Limits in Unicode code points. */
#define REVIEW_NOTE_MAX 4000		  /* a note, a reason */
#define REVIEW_DECISION_MAX 100		  /* decision numbers, reward level */
#define REVIEW_NAME_MAX 200		  /* recognized_by, credential labels */
#define REVIEW_AMOUNT_MAX 1000000000000LL /* VND */

/* How free text may look. */
enum review_text {
	REVIEW_TEXT_LINE,      /* one line: no control characters */
	REVIEW_TEXT_MULTILINE, /* newlines and tabs allowed */
};

/* The op's code in review_flow.h's table, as sk_review_item() takes it
 * ("start", "recognize", "request_changes", "reject", "reward", "note"),
 * NULL when unknown. */
const char *review_op_name(Sangkien__ReviewOp op);

/*
 * Check text: valid UTF-8, allowed characters, at most max_cp code points,
 * not blank when required.  On failure fills *err with field and reason.
 */
bool review_check_text(const char *field, const char *value, enum review_text kind, bool required,
		       size_t max_cp, struct check_error *err);

/*
 * Check one action: uuid, op, and what the op needs (a note for
 * REQUEST_CHANGES, REJECT and NOTE; recognition for RECOGNIZE; reward for
 * REWARD; neither where the op has no use for it).  Decision dates must be
 * real dates from CHECK_FIRST_DAY to today_days + 1.  True when valid.
 */
bool review_check_action(const Sangkien__ReviewAction *a, int32_t today_days,
			 struct check_error *err);

#endif
