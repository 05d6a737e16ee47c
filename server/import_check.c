/* import_check.c - see import_check.h. */
#include "import_check.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "initiative_check.h"

static bool add_problem(struct import_problems *p, uint32_t line, const char *field,
			const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static bool add_problem(struct import_problems *p, uint32_t line, const char *field,
			const char *fmt, ...)
{
	if (p->n == p->cap) {
		size_t cap = p->cap ? p->cap * 2 : 16;
		struct import_problem *items = realloc(p->items, cap * sizeof(*items));
		if (items == NULL)
			return false;
		p->items = items;
		p->cap = cap;
	}
	struct import_problem *pr = &p->items[p->n++];
	pr->line = line;
	pr->order = p->n - 1;
	snprintf(pr->field, sizeof(pr->field), "%s", field);
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(pr->message, sizeof(pr->message), fmt, ap);
	va_end(ap);
	return true;
}

void import_problems_release(struct import_problems *p)
{
	free(p->items);
	p->items = NULL;
	p->n = p->cap = 0;
}

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

void import_normalize_name(const char *in, char *out)
{
	size_t o = 0;
	bool pending_space = false;
	for (const char *p = in; *p; p++) {
		if (is_space(*p)) {
			pending_space = o > 0;
			continue;
		}
		if (pending_space)
			out[o++] = ' ';
		pending_space = false;
		out[o++] = *p;
	}
	out[o] = '\0';
}

/* Key for duplicate names: normalized and ASCII lower case. */
static char *name_key(const char *name)
{
	char *k = malloc(strlen(name) + 1);
	if (k == NULL)
		return NULL;
	import_normalize_name(name, k);
	for (char *p = k; *p; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p - 'A' + 'a');
	return k;
}

struct keyed {
	const char *key;
	uint32_t line;
	size_t index;
};

static int keyed_cmp(const void *a, const void *b)
{
	const struct keyed *x = a, *y = b;
	int c = strcmp(x->key, y->key);
	if (c != 0)
		return c;
	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	return x->index < y->index ? -1 : (x->index > y->index);
}

static int problem_cmp(const void *a, const void *b)
{
	const struct import_problem *x = a, *y = b;
	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	return x->order < y->order ? -1 : (x->order > y->order);
}

/* Report each key seen before, at its later line, quoting the row's own
 * text. */
static bool report_duplicates(struct keyed *k, size_t n, const char *field, const char *what,
			      Sangkien__UnitRow *const *rows, bool by_name,
			      struct import_problems *out)
{
	qsort(k, n, sizeof(*k), keyed_cmp);
	for (size_t i = 1; i < n; i++) {
		size_t first = i - 1;
		while (i < n && strcmp(k[i].key, k[first].key) == 0) {
			const Sangkien__UnitRow *row = rows[k[i].index];
			if (!add_problem(out, k[i].line, field, "%s \"%s\" already on line %u",
					 what, by_name ? row->name : row->code, k[first].line))
				return false;
			i++;
		}
	}
	return true;
}

static bool check_row(const Sangkien__UnitRow *row, struct import_problems *out)
{
	uint32_t line = row->line;
	const char *code = row->code ? row->code : "";
	const char *name = row->name ? row->name : "";
	size_t cps = 0;

	if (line == 0 && !add_problem(out, 0, "line", "row without a line number"))
		return false;
	if (!unit_code_is_valid(code) &&
	    !add_problem(out, line, "ma_don_vi",
			 "unit code must be 1..32 characters of A-Z a-z 0-9 . _ -"))
		return false;
	if (!utf8_is_valid(name, strlen(name), NULL))
		return add_problem(out, line, "don_vi", "unit name is not valid UTF-8");
	char *norm = malloc(strlen(name) + 1);
	if (norm == NULL)
		return false;
	import_normalize_name(name, norm);
	utf8_is_valid(norm, strlen(norm), &cps);
	bool ok = true;
	bool control = false;
	for (const unsigned char *p = (const unsigned char *)norm; *p; p++)
		if (*p < 0x20 || *p == 0x7f)
			control = true;
	if (norm[0] == '\0')
		ok = add_problem(out, line, "don_vi", "unit name is empty");
	else if (cps > IMPORT_NAME_MAX)
		ok = add_problem(out, line, "don_vi",
				 "unit name is %zu characters long, at most %d allowed", cps,
				 IMPORT_NAME_MAX);
	else if (control)
		ok = add_problem(out, line, "don_vi", "unit name contains control characters");
	free(norm);
	if (ok && row->quota > IMPORT_QUOTA_MAX)
		ok = add_problem(out, line, "so_phan_bo", "quota %u is above %d", row->quota,
				 IMPORT_QUOTA_MAX);
	return ok;
}

bool import_check_rows(Sangkien__UnitRow *const *rows, size_t n, struct import_problems *out)
{
	bool ok = true;
	for (size_t i = 0; i < n && ok; i++)
		ok = check_row(rows[i], out);
	if (!ok)
		return false;

	struct keyed *codes = calloc(n ? n : 1, sizeof(*codes));
	struct keyed *names = calloc(n ? n : 1, sizeof(*names));
	char **keys = calloc(n ? n : 1, sizeof(char *));
	size_t ncodes = 0, nnames = 0;
	if (codes == NULL || names == NULL || keys == NULL) {
		ok = false;
		goto done;
	}
	for (size_t i = 0; i < n; i++) {
		const Sangkien__UnitRow *row = rows[i];
		const char *code = row->code ? row->code : "";
		const char *name = row->name ? row->name : "";
		/* Only well-formed values take part: a broken one is reported
		 * already and would make confusing duplicates. */
		if (unit_code_is_valid(code))
			codes[ncodes++] = (struct keyed){code, row->line, i};
		if (name[0] != '\0' && utf8_is_valid(name, strlen(name), NULL)) {
			keys[i] = name_key(name);
			if (keys[i] == NULL) {
				ok = false;
				goto done;
			}
			if (keys[i][0] != '\0')
				names[nnames++] = (struct keyed){keys[i], row->line, i};
		}
	}
	ok = report_duplicates(codes, ncodes, "ma_don_vi", "unit code", rows, false, out) &&
	     report_duplicates(names, nnames, "don_vi", "unit name", rows, true, out);
	/* By line; within a line in the order found. */
	if (ok && out->n > 1)
		qsort(out->items, out->n, sizeof(out->items[0]), problem_cmp);
done:
	if (keys)
		for (size_t i = 0; i < n; i++)
			free(keys[i]);
	free(keys);
	free(codes);
	free(names);
	return ok;
}
