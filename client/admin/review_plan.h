/*
 * review_plan.h - review actions to send, from the command line or from a
 * bulk file, each checked completely before anything is sent.
 *
 * The bulk file (CSV, see in_csv.h) has a header naming its columns:
 *   uuid             the initiative                            (required)
 *   thao_tac         start | recognize | changes | reject | reward | note
 *                                                              (required)
 *   ghi_chu          the note: required for changes (what to change),
 *                    reject (the reason) and note
 *   so_quyet_dinh    decision number: recognize, reward
 *   ngay_quyet_dinh  decision date dd/mm/yyyy or YYYY-MM-DD: recognize, reward
 *   nguoi_cong_nhan  who recognized it: recognize
 *   hinh_thuc        reward | commendation: reward
 *   cap_khen         the reward's level (e.g. "Quận"): reward
 *   so_tien          amount in VND, optional: reward
 * A cell the row's operation does not use must be empty.  Every problem is
 * listed with its line; a file with any problem is not sent at all.
 */
#ifndef SANGKIEN_REVIEW_PLAN_H
#define SANGKIEN_REVIEW_PLAN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "in_csv.h"
#include "sangkien.pb-c.h"

/* One action; strings owned by the plan ("" when not given). */
struct review_item {
	uint32_t line; /* the file's line; 0 from the command line */
	char *uuid;
	Sangkien__ReviewOp op;
	char *note;
	char *decision_number;
	char *decision_date;
	char *recognized_by;
	Sangkien__RewardKind reward_kind;
	char *reward_level;
	int64_t amount_vnd;
};

struct review_problem {
	uint32_t line;
	char *column;  /* "" when none */
	char *message; /* Vietnamese */
};

struct review_plan {
	struct review_item *items;
	size_t n, cap;
	struct review_problem *problems; /* in line order */
	size_t n_problems, problems_cap;
	bool cli; /* problems name command-line options, not file columns */
};

/* The file's names: "start", "recognize", "changes", "reject", "reward",
 * "note". */
bool review_op_parse(const char *name, Sangkien__ReviewOp *op);
const char *review_op_cli_name(Sangkien__ReviewOp op);
/* Vietnamese, e.g. "công nhận". */
const char *review_op_label(Sangkien__ReviewOp op);

struct review_plan *review_plan_create(void);
void review_plan_free(struct review_plan *p);

/*
 * Check an action and add it to the plan (strings copied), or add its
 * problems.  Fields the op does not use must be empty or zero (has_amount
 * says whether an amount was given).  Returns true when it was added.
 */
bool review_plan_add(struct review_plan *p, const struct review_item *it, bool has_amount);

/* Every row of a bulk file, checked.  Never NULL; problems are in it. */
struct review_plan *review_plan_from_csv(const struct in_csv *csv);

/* Print each problem as "FILE:LINE: column: message" (or "sangkien-admin
 * review: message" for the command line). */
void review_plan_print_problems(const struct review_plan *p, const char *file, FILE *out);

/*
 * Fill a ReviewAction for the item; rec and rw are storage the action
 * points into.  Strings are borrowed from the plan.
 */
void review_item_to_action(const struct review_item *it, Sangkien__ReviewAction *a,
			   Sangkien__Recognition *rec, Sangkien__Reward *rw);

#endif
