/*
 * review_flow.h - the one table of the review's transitions: for each
 * ReviewOp, the status it needs and the status it leads to (PROTOCOL.md
 * 6.20).
 *
 * The server passes an op's row to sk_review_item() (which holds no table
 * of its own), and the clients ask it which decisions an initiative in a
 * given status allows, so what the district office's console offers is
 * exactly what the server accepts.
 */
#ifndef SANGKIEN_REVIEW_FLOW_H
#define SANGKIEN_REVIEW_FLOW_H

#include <stdbool.h>
#include <stddef.h>

#include "sangkien.pb-c.h"

struct review_flow {
	Sangkien__ReviewOp op;
	const char *code;		 /* "start", "recognize", "request_changes", ... */
	Sangkien__InitiativeStatus from; /* STATUS_UNSPECIFIED: any status */
	Sangkien__InitiativeStatus to;	 /* STATUS_UNSPECIFIED: unchanged */
	bool needs_note;		 /* a note is required (what to change, why) */
};

/* Every op, in enum order; *n is set to their number. */
const struct review_flow *review_flow_table(size_t *n);

/* The row of op; NULL when op is unknown. */
const struct review_flow *review_flow_find(Sangkien__ReviewOp op);

/* The row whose code is exactly code; NULL when none (or code NULL). */
const struct review_flow *review_flow_find_code(const char *code);

/* Whether op may be applied to an initiative whose status is st. */
bool review_flow_allows(Sangkien__ReviewOp op, Sangkien__InitiativeStatus st);

#endif
