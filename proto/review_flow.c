/* review_flow.c - see review_flow.h. */
#include "review_flow.h"

#include <string.h>

#define ST(s) SANGKIEN__INITIATIVE_STATUS__STATUS_##s
#define OP(o) SANGKIEN__REVIEW_OP__REVIEW_OP_##o

static const struct review_flow flows[] = {
    {OP(START), "start", ST(SUBMITTED), ST(UNDER_REVIEW), false},
    {OP(RECOGNIZE), "recognize", ST(UNDER_REVIEW), ST(RECOGNIZED), false},
    {OP(REQUEST_CHANGES), "request_changes", ST(UNDER_REVIEW), ST(NEEDS_CHANGES), true},
    {OP(REJECT), "reject", ST(UNDER_REVIEW), ST(REJECTED), true},
    {OP(REWARD), "reward", ST(RECOGNIZED), ST(REWARDED), false},
    {OP(NOTE), "note", ST(UNSPECIFIED), ST(UNSPECIFIED), true},
};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

const struct review_flow *review_flow_table(size_t *n)
{
	*n = COUNT(flows);
	return flows;
}

const struct review_flow *review_flow_find(Sangkien__ReviewOp op)
{
	for (size_t i = 0; i < COUNT(flows); i++)
		if (flows[i].op == op)
			return &flows[i];
	return NULL;
}

const struct review_flow *review_flow_find_code(const char *code)
{
	for (size_t i = 0; code && i < COUNT(flows); i++)
		if (strcmp(flows[i].code, code) == 0)
			return &flows[i];
	return NULL;
}

bool review_flow_allows(Sangkien__ReviewOp op, Sangkien__InitiativeStatus st)
{
	const struct review_flow *f = review_flow_find(op);

	if (f == NULL || st == ST(UNSPECIFIED))
		return false;
	return f->from == ST(UNSPECIFIED) || f->from == st;
}
