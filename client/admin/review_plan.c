/*
 * review_plan.c - review actions checked before sending (see
 * review_plan.h).  The checks mirror the server's (PROTOCOL.md), so a bad
 * action is reported with its line before the first batch leaves.
 */
#include "review_plan.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "xalloc.h"
#include "admin_parse.h"
#include "uuid_ref.h"

static const struct {
	Sangkien__ReviewOp op;
	const char *name;
	const char *label;
} ops[] = {
    {SANGKIEN__REVIEW_OP__REVIEW_OP_START, "start", "bắt đầu xem xét"},
    {SANGKIEN__REVIEW_OP__REVIEW_OP_RECOGNIZE, "recognize", "công nhận"},
    {SANGKIEN__REVIEW_OP__REVIEW_OP_REQUEST_CHANGES, "changes", "yêu cầu bổ sung, sửa"},
    {SANGKIEN__REVIEW_OP__REVIEW_OP_REJECT, "reject", "không công nhận"},
    {SANGKIEN__REVIEW_OP__REVIEW_OP_REWARD, "reward", "khen thưởng"},
    {SANGKIEN__REVIEW_OP__REVIEW_OP_NOTE, "note", "ghi chú"},
};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

bool review_op_parse(const char *name, Sangkien__ReviewOp *op)
{
	size_t i;

	for (i = 0; i < COUNT(ops); i++) {
		if (strcmp(name, ops[i].name) == 0) {
			*op = ops[i].op;
			return true;
		}
	}
	return false;
}

const char *review_op_cli_name(Sangkien__ReviewOp op)
{
	size_t i;

	for (i = 0; i < COUNT(ops); i++)
		if (ops[i].op == op)
			return ops[i].name;
	return "?";
}

const char *review_op_label(Sangkien__ReviewOp op)
{
	size_t i;

	for (i = 0; i < COUNT(ops); i++)
		if (ops[i].op == op)
			return ops[i].label;
	return "?";
}

struct review_plan *review_plan_create(void)
{
	return xcalloc(1, sizeof(struct review_plan));
}

static void item_free(struct review_item *it)
{
	free(it->uuid);
	free(it->note);
	free(it->decision_number);
	free(it->decision_date);
	free(it->recognized_by);
	free(it->reward_level);
}

void review_plan_free(struct review_plan *p)
{
	size_t i;

	if (!p)
		return;
	for (i = 0; i < p->n; i++)
		item_free(&p->items[i]);
	for (i = 0; i < p->n_problems; i++) {
		free(p->problems[i].column);
		free(p->problems[i].message);
	}
	free(p->items);
	free(p->problems);
	free(p);
}

static void problem(struct review_plan *p, uint32_t line, const char *column, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void problem(struct review_plan *p, uint32_t line, const char *column, const char *fmt, ...)
{
	struct review_problem *pr;
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (p->n_problems == p->problems_cap) {
		p->problems_cap = p->problems_cap ? p->problems_cap * 2 : 16;
		p->problems = xreallocarray(p->problems, p->problems_cap, sizeof(*p->problems));
	}
	pr = &p->problems[p->n_problems++];
	pr->line = line;
	pr->column = xstrdup(column ? column : "");
	pr->message = xstrdup(msg);
}

static const char *nz(const char *s)
{
	return s ? s : "";
}

/* A field's name as the operator typed it: the file's column, or the
 * command line's option. */
static const char *fname(const struct review_plan *p, const char *column, Sangkien__ReviewOp op)
{
	static const struct {
		const char *column, *option;
	} names[] = {
	    {"uuid", "UUID"},
	    {"so_quyet_dinh", "--decision"},
	    {"ngay_quyet_dinh", "--date"},
	    {"nguoi_cong_nhan", "--by"},
	    {"hinh_thuc", "--kind"},
	    {"cap_khen", "--level"},
	    {"so_tien", "--amount"},
	};
	size_t i;

	if (!p->cli)
		return column;
	if (strcmp(column, "ghi_chu") == 0)
		return op == SANGKIEN__REVIEW_OP__REVIEW_OP_REJECT ? "--reason"
		       : op == SANGKIEN__REVIEW_OP__REVIEW_OP_NOTE ? "--text"
								   : "--note";
	for (i = 0; i < COUNT(names); i++)
		if (strcmp(column, names[i].column) == 0)
			return names[i].option;
	return column;
}

/* Text the op needs (required) or must not have. */
static bool check_text(struct review_plan *p, const struct review_item *it, const char *column,
		       const char *value, bool used, size_t max_cp, bool multiline)
{
	const char *name = fname(p, column, it->op);
	char err[256];

	if (!used) {
		if (value[0] == '\0')
			return true;
		problem(p, it->line, column, "thao tác %s không dùng %s; hãy để trống",
			review_op_cli_name(it->op), name);
		return false;
	}
	if (!admin_text_check(name, value, max_cp, multiline, err, sizeof(err))) {
		problem(p, it->line, column, "%s (thao tác %s)", err, review_op_cli_name(it->op));
		return false;
	}
	return true;
}

bool review_plan_add(struct review_plan *p, const struct review_item *it, bool has_amount)
{
	size_t before = p->n_problems;
	Sangkien__ReviewOp op = it->op;
	bool rec = op == SANGKIEN__REVIEW_OP__REVIEW_OP_RECOGNIZE;
	bool rew = op == SANGKIEN__REVIEW_OP__REVIEW_OP_REWARD;
	bool noted = op == SANGKIEN__REVIEW_OP__REVIEW_OP_REQUEST_CHANGES ||
		     op == SANGKIEN__REVIEW_OP__REVIEW_OP_REJECT ||
		     op == SANGKIEN__REVIEW_OP__REVIEW_OP_NOTE;
	struct review_item *copy;
	char err[256], day[VN_DATE_LEN] = "";

	if (!uuid_ref_is_valid(nz(it->uuid)))
		problem(p, it->line, "uuid",
			"'%s' không phải mã sáng kiến (UUID dạng 8-4-4-4-12, hoặc %d ký tự "
			"đầu trở lên của nó)",
			nz(it->uuid), UUID_REF_MIN);
	check_text(p, it, "ghi_chu", nz(it->note), noted, ADMIN_NOTE_MAX, true);
	check_text(p, it, "so_quyet_dinh", nz(it->decision_number), rec || rew, ADMIN_DECISION_MAX,
		   false);
	if (rec || rew) {
		if (!admin_decision_date_parse(fname(p, "ngay_quyet_dinh", op),
					       nz(it->decision_date), day, err, sizeof(err)))
			problem(p, it->line, "ngay_quyet_dinh", "%s", err);
	} else {
		check_text(p, it, "ngay_quyet_dinh", nz(it->decision_date), false, 0, false);
	}
	check_text(p, it, "nguoi_cong_nhan", nz(it->recognized_by), rec, ADMIN_NAME_MAX, false);
	check_text(p, it, "cap_khen", nz(it->reward_level), rew, ADMIN_DECISION_MAX, false);
	if (rew && it->reward_kind != SANGKIEN__REWARD_KIND__REWARD_KIND_REWARD &&
	    it->reward_kind != SANGKIEN__REWARD_KIND__REWARD_KIND_COMMENDATION)
		problem(p, it->line, "hinh_thuc",
			"thao tác reward cần %s reward (khen thưởng) hoặc commendation "
			"(biểu dương)",
			fname(p, "hinh_thuc", op));
	if (!rew && it->reward_kind != SANGKIEN__REWARD_KIND__REWARD_KIND_UNSPECIFIED)
		problem(p, it->line, "hinh_thuc", "thao tác %s không dùng %s; hãy để trống",
			review_op_cli_name(op), fname(p, "hinh_thuc", op));
	if (!rew && has_amount)
		problem(p, it->line, "so_tien", "thao tác %s không dùng %s; hãy để trống",
			review_op_cli_name(op), fname(p, "so_tien", op));
	if (it->amount_vnd < 0 || (uint64_t)it->amount_vnd > ADMIN_AMOUNT_MAX)
		problem(p, it->line, "so_tien", "số tiền phải từ 0 đến %llu đồng",
			(unsigned long long)ADMIN_AMOUNT_MAX);
	if (p->n_problems != before)
		return false;
	if (p->n == p->cap) {
		p->cap = p->cap ? p->cap * 2 : 16;
		p->items = xreallocarray(p->items, p->cap, sizeof(*p->items));
	}
	copy = &p->items[p->n++];
	*copy = *it;
	copy->uuid = xstrdup(nz(it->uuid));
	copy->note = xstrdup(nz(it->note));
	copy->decision_number = xstrdup(nz(it->decision_number));
	/* Sent as ISO, whichever form the office typed. */
	copy->decision_date = xstrdup((rec || rew) ? day : nz(it->decision_date));
	copy->recognized_by = xstrdup(nz(it->recognized_by));
	copy->reward_level = xstrdup(nz(it->reward_level));
	return true;
}

static const char *const known_columns[] = {
    "uuid",	 "thao_tac", "ghi_chu", "so_quyet_dinh", "ngay_quyet_dinh", "nguoi_cong_nhan",
    "hinh_thuc", "cap_khen", "so_tien",
};

struct review_plan *review_plan_from_csv(const struct in_csv *csv)
{
	struct review_plan *p = review_plan_create();
	int col[COUNT(known_columns)];
	size_t i, k;

	if (csv->n == 0) {
		problem(p, 1, "", "tệp rỗng; dòng đầu phải là tên các cột (uuid,thao_tac,...)");
		return p;
	}
	for (k = 0; k < csv->rows[0].n; k++) {
		const char *name = csv->rows[0].fields[k];
		size_t j;

		for (j = 0; j < COUNT(known_columns) && strcmp(name, known_columns[j]) != 0; j++)
			;
		if (j == COUNT(known_columns))
			problem(p, csv->rows[0].line, "",
				"cột '%s' không có; các cột: uuid, thao_tac, ghi_chu, "
				"so_quyet_dinh, ngay_quyet_dinh, nguoi_cong_nhan, hinh_thuc, "
				"cap_khen, so_tien",
				name);
		else if (in_csv_column(csv, name) != (int)k)
			problem(p, csv->rows[0].line, name, "cột '%s' có hai lần", name);
	}
	for (k = 0; k < COUNT(known_columns); k++)
		col[k] = in_csv_column(csv, known_columns[k]);
	if (col[0] < 0 || col[1] < 0) {
		problem(p, csv->rows[0].line, col[0] < 0 ? "uuid" : "thao_tac", "thiếu cột %s",
			col[0] < 0 ? "uuid" : "thao_tac");
		return p;
	}
	if (csv->n == 1)
		problem(p, csv->rows[0].line, "", "tệp không có dòng thao tác nào");
	for (i = 1; i < csv->n; i++) {
		const struct in_csv_row *row = &csv->rows[i];
		struct review_item it = {0};
		const char *op = in_csv_field(row, col[1]);
		const char *kind = in_csv_field(row, col[6]);
		const char *amount = in_csv_field(row, col[8]);
		uint64_t v = 0;

		if (row->n > csv->rows[0].n)
			problem(p, row->line, "", "dòng có %zu ô, nhiều hơn %zu cột của tiêu đề",
				row->n, csv->rows[0].n);
		it.line = row->line;
		it.uuid = (char *)in_csv_field(row, col[0]);
		if (!review_op_parse(op, &it.op)) {
			problem(p, row->line, "thao_tac",
				"'%s' không phải thao tác; dùng start, recognize, changes, reject, "
				"reward hoặc note",
				op);
			continue;
		}
		it.note = (char *)in_csv_field(row, col[2]);
		it.decision_number = (char *)in_csv_field(row, col[3]);
		it.decision_date = (char *)in_csv_field(row, col[4]);
		it.recognized_by = (char *)in_csv_field(row, col[5]);
		it.reward_level = (char *)in_csv_field(row, col[7]);
		if (strcmp(kind, "reward") == 0)
			it.reward_kind = SANGKIEN__REWARD_KIND__REWARD_KIND_REWARD;
		else if (strcmp(kind, "commendation") == 0)
			it.reward_kind = SANGKIEN__REWARD_KIND__REWARD_KIND_COMMENDATION;
		else if (kind[0] != '\0') {
			problem(p, row->line, "hinh_thuc",
				"'%s' không phải hình thức; dùng reward (khen thưởng) hoặc "
				"commendation (biểu dương)",
				kind);
			continue;
		}
		if (amount[0] != '\0' && !admin_parse_uint(amount, ADMIN_AMOUNT_MAX, &v)) {
			problem(p, row->line, "so_tien",
				"'%s' không phải số tiền (chỉ chữ số, đơn vị đồng, tối đa %llu)",
				amount, (unsigned long long)ADMIN_AMOUNT_MAX);
			continue;
		}
		it.amount_vnd = (int64_t)v;
		review_plan_add(p, &it, amount[0] != '\0');
	}
	return p;
}

void review_plan_print_problems(const struct review_plan *p, const char *file, FILE *out)
{
	size_t i;

	for (i = 0; i < p->n_problems; i++) {
		const struct review_problem *pr = &p->problems[i];

		if (file && pr->line)
			fprintf(out, "%s:%u: ", file, pr->line);
		else
			fputs("sangkien-admin review: ", out);
		if (pr->column[0] && file)
			fprintf(out, "%s: ", pr->column);
		fprintf(out, "%s\n", pr->message);
	}
}

void review_item_to_action(const struct review_item *it, Sangkien__ReviewAction *a,
			   Sangkien__Recognition *rec, Sangkien__Reward *rw)
{
	sangkien__review_action__init(a);
	a->uuid = it->uuid;
	a->op = it->op;
	a->note = it->note;
	if (it->op == SANGKIEN__REVIEW_OP__REVIEW_OP_RECOGNIZE) {
		sangkien__recognition__init(rec);
		rec->decision_number = it->decision_number;
		rec->decision_date = it->decision_date;
		rec->recognized_by = it->recognized_by;
		a->recognition = rec;
	}
	if (it->op == SANGKIEN__REVIEW_OP__REVIEW_OP_REWARD) {
		sangkien__reward__init(rw);
		rw->kind = it->reward_kind;
		rw->level = it->reward_level;
		rw->decision_number = it->decision_number;
		rw->decision_date = it->decision_date;
		rw->amount_vnd = it->amount_vnd;
		a->reward = rw;
	}
}
