/* review_check.c - see review_check.h. */
#include "review_check.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "uuid7.h"

static bool fail(struct check_error *err, const char *field, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static bool fail(struct check_error *err, const char *field, const char *fmt, ...)
{
	va_list ap;
	snprintf(err->field, sizeof(err->field), "%s", field);
	va_start(ap, fmt);
	vsnprintf(err->reason, sizeof(err->reason), fmt, ap);
	va_end(ap);
	return false;
}

const char *review_op_name(Sangkien__ReviewOp op)
{
	const struct review_flow *f = review_flow_find(op);

	return f ? f->code : NULL;
}

bool review_check_text(const char *field, const char *value, enum review_text kind, bool required,
		       size_t max_cp, struct check_error *err)
{
	const unsigned char *s = (const unsigned char *)(value ? value : "");
	size_t len = strlen((const char *)s), cps = 0, n = 0;
	bool blank = true;

	if (!utf8_is_valid((const char *)s, len, &cps))
		return fail(err, field, "is not valid UTF-8");
	for (size_t i = 0; i < len; i++) {
		unsigned b = s[i];
		if ((b & 0xc0) != 0x80)
			n++; /* a character starts here */
		/* C0 controls and DEL; C1 controls are C2 80..C2 9F. */
		bool control = b < 0x20 || b == 0x7f ||
			       (b == 0xc2 && i + 1 < len && s[i + 1] >= 0x80 && s[i + 1] <= 0x9f);
		if (control && (kind == REVIEW_TEXT_LINE || !(b == '\n' || b == '\t' || b == '\r')))
			return fail(err, field, "contains a control character at character %zu", n);
		/* Blank: only spaces, tabs, newlines or U+00A0 (C2 A0). */
		if (b == 0xc2 && i + 1 < len && s[i + 1] == 0xa0) {
			i++;
			continue;
		}
		if (!(b == ' ' || b == '\t' || b == '\n' || b == '\r'))
			blank = false;
	}
	if (required && blank)
		return fail(err, field, "must not be empty");
	if (cps > max_cp)
		return fail(err, field, "has %zu characters, at most %zu allowed", cps, max_cp);
	return true;
}

static bool check_date(const char *field, const char *value, int32_t today_days,
		       struct check_error *err)
{
	int32_t days, first;
	if (!date_parse(value ? value : "", &days))
		return fail(err, field, "must be a real date YYYY-MM-DD");
	date_parse(CHECK_FIRST_DAY, &first);
	if (days < first)
		return fail(err, field, "must not be before %s", CHECK_FIRST_DAY);
	if (days > today_days + 1)
		return fail(err, field, "must not be in the future");
	return true;
}

static bool check_recognition(const Sangkien__Recognition *r, int32_t today,
			      struct check_error *err)
{
	if (r == NULL)
		return fail(err, "recognition", "RECOGNIZE needs the recognition decision");
	return review_check_text("recognition.decision_number", r->decision_number,
				 REVIEW_TEXT_LINE, true, REVIEW_DECISION_MAX, err) &&
	       check_date("recognition.decision_date", r->decision_date, today, err) &&
	       review_check_text("recognition.recognized_by", r->recognized_by, REVIEW_TEXT_LINE,
				 true, REVIEW_NAME_MAX, err);
}

static bool check_reward(const Sangkien__Reward *r, int32_t today, struct check_error *err)
{
	if (r == NULL)
		return fail(err, "reward", "REWARD needs the reward decision");
	if (r->kind != SANGKIEN__REWARD_KIND__REWARD_KIND_REWARD &&
	    r->kind != SANGKIEN__REWARD_KIND__REWARD_KIND_COMMENDATION)
		return fail(err, "reward.kind",
			    "must be REWARD_KIND_REWARD or "
			    "REWARD_KIND_COMMENDATION");
	if (!review_check_text("reward.level", r->level, REVIEW_TEXT_LINE, true,
			       REVIEW_DECISION_MAX, err) ||
	    !review_check_text("reward.decision_number", r->decision_number, REVIEW_TEXT_LINE, true,
			       REVIEW_DECISION_MAX, err) ||
	    !check_date("reward.decision_date", r->decision_date, today, err))
		return false;
	if (r->amount_vnd < 0 || r->amount_vnd > REVIEW_AMOUNT_MAX)
		return fail(err, "reward.amount_vnd", "must be 0 (none) to %lld",
			    (long long)REVIEW_AMOUNT_MAX);
	return true;
}

bool review_check_action(const Sangkien__ReviewAction *a, int32_t today_days,
			 struct check_error *err)
{
	if (!uuid7_is_valid(a->uuid))
		return fail(err, "uuid", "must be a lower-case version 7 UUID");
	Sangkien__ReviewOp op = a->op;
	if (review_op_name(op) == NULL)
		return fail(err, "op", "unknown review op %d", (int)op);
	bool needs_note = review_flow_find(op)->needs_note;
	if (!review_check_text("note", a->note, REVIEW_TEXT_MULTILINE, needs_note, REVIEW_NOTE_MAX,
			       err)) {
		if (needs_note && strcmp(err->reason, "must not be empty") == 0)
			snprintf(err->reason, sizeof(err->reason), "%s needs a note%s",
				 review_op_name(op),
				 op == SANGKIEN__REVIEW_OP__REVIEW_OP_REJECT ? " (the reason)"
									     : "");
		return false;
	}
	bool recognize = op == SANGKIEN__REVIEW_OP__REVIEW_OP_RECOGNIZE;
	bool reward = op == SANGKIEN__REVIEW_OP__REVIEW_OP_REWARD;
	if (recognize && !check_recognition(a->recognition, today_days, err))
		return false;
	if (!recognize && a->recognition != NULL)
		return fail(err, "recognition", "only RECOGNIZE takes a recognition");
	if (reward && !check_reward(a->reward, today_days, err))
		return false;
	if (!reward && a->reward != NULL)
		return fail(err, "reward", "only REWARD takes a reward");
	return true;
}
