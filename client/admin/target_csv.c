/*
 * target_csv.c - checking a targets file (see target_csv.h).
 */
#include "target_csv.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "xalloc.h"
#include "admin_parse.h"
#include "initiative_check.h"

static void problem(struct target_csv *t, uint32_t line, const char *column, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void problem(struct target_csv *t, uint32_t line, const char *column, const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (t->n_problems == t->problems_cap) {
		t->problems_cap = t->problems_cap ? t->problems_cap * 2 : 16;
		t->problems = xreallocarray(t->problems, t->problems_cap, sizeof(*t->problems));
	}
	t->problems[t->n_problems].line = line;
	t->problems[t->n_problems].column = xstrdup(column);
	t->problems[t->n_problems].message = xstrdup(msg);
	t->problems[t->n_problems].seq = t->n_problems;
	t->n_problems++;
}

static int row_cmp(const void *a, const void *b)
{
	const struct target_row *x = *(const struct target_row *const *)a;
	const struct target_row *y = *(const struct target_row *const *)b;
	int c = strcmp(x->unit_code, y->unit_code);

	if (c == 0)
		c = strcmp(x->phase_code, y->phase_code);
	if (c == 0)
		c = x->line < y->line ? -1 : x->line > y->line;
	return c;
}

static int problem_cmp(const void *a, const void *b)
{
	const struct target_problem *x = a, *y = b;

	/* Same line: the order they were found in. */
	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* The same unit and phase twice: sort, compare neighbours, then put the
 * problems back in line order.  O(n log n) for files of any size. */
static void find_repeats(struct target_csv *t)
{
	struct target_row **idx;
	size_t i, first = 0, before = t->n_problems;

	if (t->n_rows < 2)
		return;
	idx = xcalloc(t->n_rows, sizeof(*idx));
	for (i = 0; i < t->n_rows; i++)
		idx[i] = &t->rows[i];
	qsort(idx, t->n_rows, sizeof(*idx), row_cmp);
	for (i = 1; i < t->n_rows; i++) {
		if (strcmp(idx[i]->unit_code, idx[first]->unit_code) != 0 ||
		    strcmp(idx[i]->phase_code, idx[first]->phase_code) != 0) {
			first = i;
			continue;
		}
		problem(t, idx[i]->line, "ma_don_vi", "%s%s%s trùng với dòng %u", idx[i]->unit_code,
			idx[i]->phase_code[0] ? ", giai đoạn " : "", idx[i]->phase_code,
			idx[first]->line);
	}
	free(idx);
	if (t->n_problems != before)
		qsort(t->problems, t->n_problems, sizeof(*t->problems), problem_cmp);
}

struct target_csv *target_csv_from(const struct in_csv *csv)
{
	static const char *const names[3] = {"ma_don_vi", "giai_doan", "chi_tieu"};
	struct target_csv *t = xcalloc(1, sizeof(*t));
	int col[3];
	size_t i, k;

	if (csv->n == 0) {
		problem(t, 1, "", "tệp rỗng; dòng đầu phải là ma_don_vi,giai_doan,chi_tieu");
		return t;
	}
	for (k = 0; k < csv->rows[0].n; k++) {
		const char *name = csv->rows[0].fields[k];

		if (strcmp(name, names[0]) != 0 && strcmp(name, names[1]) != 0 &&
		    strcmp(name, names[2]) != 0)
			problem(t, csv->rows[0].line, "",
				"cột '%s' không có; các cột: ma_don_vi, giai_doan, chi_tieu", name);
		else if (in_csv_column(csv, name) != (int)k)
			problem(t, csv->rows[0].line, name, "cột '%s' có hai lần", name);
	}
	for (k = 0; k < 3; k++) {
		col[k] = in_csv_column(csv, names[k]);
		if (col[k] < 0)
			problem(t, csv->rows[0].line, names[k], "thiếu cột %s", names[k]);
	}
	if (t->n_problems)
		return t;
	if (csv->n == 1)
		problem(t, csv->rows[0].line, "", "tệp không có dòng chỉ tiêu nào");
	t->rows = xcalloc(csv->n, sizeof(*t->rows));
	for (i = 1; i < csv->n; i++) {
		const struct in_csv_row *row = &csv->rows[i];
		const char *unit = in_csv_field(row, col[0]);
		const char *phase = in_csv_field(row, col[1]);
		const char *num = in_csv_field(row, col[2]);
		size_t before = t->n_problems;
		uint64_t v = 0;

		if (row->n > csv->rows[0].n)
			problem(t, row->line, "", "dòng có %zu ô, nhiều hơn %zu cột của tiêu đề",
				row->n, csv->rows[0].n);
		if (!unit_code_is_valid(unit))
			problem(t, row->line, "ma_don_vi",
				"mã đơn vị '%s' không hợp lệ (1 đến %d ký tự A-Z a-z 0-9 . _ -)",
				unit, CHECK_UNIT_CODE_MAX);
		if (phase[0] && !unit_code_is_valid(phase))
			problem(t, row->line, "giai_doan",
				"mã giai đoạn '%s' không hợp lệ (để trống cho chỉ tiêu cả đợt)",
				phase);
		if (!admin_parse_uint(num, ADMIN_TARGET_MAX, &v))
			problem(t, row->line, "chi_tieu",
				"'%s' không phải chỉ tiêu (số nguyên từ 0 đến %u)", num,
				ADMIN_TARGET_MAX);
		if (t->n_problems != before)
			continue;
		t->rows[t->n_rows].line = row->line;
		t->rows[t->n_rows].unit_code = xstrdup(unit);
		t->rows[t->n_rows].phase_code = xstrdup(phase);
		t->rows[t->n_rows].target = (uint32_t)v;
		t->n_rows++;
	}
	find_repeats(t);
	return t;
}

void target_csv_free(struct target_csv *t)
{
	size_t i;

	if (!t)
		return;
	for (i = 0; i < t->n_rows; i++) {
		free(t->rows[i].unit_code);
		free(t->rows[i].phase_code);
	}
	for (i = 0; i < t->n_problems; i++) {
		free(t->problems[i].column);
		free(t->problems[i].message);
	}
	free(t->rows);
	free(t->problems);
	free(t);
}

void target_csv_print_problems(const struct target_csv *t, const char *file, FILE *out)
{
	size_t i;

	for (i = 0; i < t->n_problems; i++) {
		fprintf(out, "%s:%u: ", file, t->problems[i].line);
		if (t->problems[i].column[0])
			fprintf(out, "%s: ", t->problems[i].column);
		fprintf(out, "%s\n", t->problems[i].message);
	}
}
