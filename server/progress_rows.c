/* progress_rows.c - see progress_rows.h. */
#include "progress_rows.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "handlers.h"

uint32_t progress_u32(int64_t v)
{
	if (v < 0)
		return 0;
	if (v > (int64_t)UINT32_MAX)
		return UINT32_MAX;
	return (uint32_t)v;
}

bool progress_parse_counts(const char *text, uint32_t *out, size_t n)
{
	const char *p = text;
	size_t i = 0;

	if (p == NULL || *p++ != '{')
		return false;
	if (*p == '}')
		return n == 0 && p[1] == '\0';
	for (;;) {
		char *end;
		unsigned long long v;

		if (*p < '0' || *p > '9' || i >= n)
			return false;
		errno = 0;
		v = strtoull(p, &end, 10);
		if (errno != 0 || end == p)
			return false;
		out[i++] = v > UINT32_MAX ? UINT32_MAX : (uint32_t)v;
		p = end;
		if (*p == ',') {
			p++;
			continue;
		}
		if (*p == '}' && p[1] == '\0')
			return i == n;
		return false;
	}
}

void progress_rows_release(struct progress_rows *pr)
{
	free(pr->units);
	free(pr->unit_ptrs);
	free(pr->cells);
	free(pr->cell_ptrs);
	memset(pr, 0, sizeof(*pr));
}

/* Fill unit u from row `row`; phase_rows lists the rows of the phases. */
static bool fill_unit(struct progress_rows *pr, size_t u, const PGresult *r, int row,
		      const int *phase_rows, uint32_t *nums)
{
	Sangkien__QuotaReply *q = &pr->units[u];
	size_t np = pr->n_phases;

	sangkien__quota_reply__init(q);
	q->unit_code = (char *)handler_text(r, row, PROGRESS_COL_CODE);
	q->unit_name = (char *)handler_text(r, row, PROGRESS_COL_NAME);
	q->campaign_code = (char *)handler_text(r, row, PROGRESS_COL_T1);
	q->campaign_name = (char *)handler_text(r, row, PROGRESS_COL_T2);
	q->counts_from = (char *)handler_text(r, row, PROGRESS_COL_T3);
	q->quota = progress_u32(handler_int(r, row, PROGRESS_COL_N1));
	q->submitted = progress_u32(handler_int(r, row, PROGRESS_COL_N2));
	q->recognized = progress_u32(handler_int(r, row, PROGRESS_COL_N3));
	q->as_of_unix_ms = handler_int(r, row, PROGRESS_COL_N4);
	if (!progress_parse_counts(handler_text(r, row, PROGRESS_COL_A1), nums, np) ||
	    !progress_parse_counts(handler_text(r, row, PROGRESS_COL_A2), nums + np, np) ||
	    !progress_parse_counts(handler_text(r, row, PROGRESS_COL_A3), nums + 2 * np, np))
		return false;
	for (size_t k = 0; k < np; k++) {
		Sangkien__PhaseProgress *cell = &pr->cells[u * np + k];
		int prow = phase_rows[k];

		sangkien__phase_progress__init(cell);
		cell->code = (char *)handler_text(r, prow, PROGRESS_COL_CODE);
		cell->name = (char *)handler_text(r, prow, PROGRESS_COL_NAME);
		cell->starts_on = (char *)handler_text(r, prow, PROGRESS_COL_T1);
		cell->ends_on = (char *)handler_text(r, prow, PROGRESS_COL_T2);
		cell->target = nums[k];
		cell->submitted = nums[np + k];
		cell->recognized = nums[2 * np + k];
		pr->cell_ptrs[u * np + k] = cell;
	}
	q->n_phases = np;
	q->phases = np ? &pr->cell_ptrs[u * np] : NULL;
	pr->unit_ptrs[u] = q;
	return true;
}

enum progress_status progress_rows_build(struct progress_rows *pr, const PGresult *r,
					 const char **refusal)
{
	int nrows = PQntuples(r);
	size_t nu = 0, np = 0;

	memset(pr, 0, sizeof(*pr));
	if (PQnfields(r) != PROGRESS_COLS)
		return PROGRESS_BAD;
	for (int i = 0; i < nrows; i++) {
		const char *part = handler_text(r, i, PROGRESS_COL_PART);

		if (strcmp(part, "error") == 0) {
			*refusal = handler_text(r, i, PROGRESS_COL_CODE);
			return PROGRESS_REFUSED;
		}
		nu += strcmp(part, "unit") == 0;
		np += strcmp(part, "phase") == 0;
	}
	/* Both are below INT_MAX (rows of one result): no overflow. */
	int *phase_rows = calloc(np ? np : 1, sizeof(*phase_rows));
	uint32_t *nums = calloc(np ? 3 * np : 1, sizeof(*nums));
	pr->n_phases = np;
	pr->units = calloc(nu ? nu : 1, sizeof(*pr->units));
	pr->unit_ptrs = calloc(nu ? nu : 1, sizeof(*pr->unit_ptrs));
	size_t ncells = nu * np;
	pr->cells = calloc(ncells ? ncells : 1, sizeof(*pr->cells));
	pr->cell_ptrs = calloc(ncells ? ncells : 1, sizeof(*pr->cell_ptrs));
	enum progress_status st = PROGRESS_OK;
	if (phase_rows == NULL || nums == NULL || pr->units == NULL || pr->unit_ptrs == NULL ||
	    pr->cells == NULL || pr->cell_ptrs == NULL) {
		st = PROGRESS_NOMEM;
		goto out;
	}
	for (int i = 0, k = 0; i < nrows; i++)
		if (strcmp(handler_text(r, i, PROGRESS_COL_PART), "phase") == 0)
			phase_rows[k++] = i;
	for (int i = 0; i < nrows; i++) {
		if (strcmp(handler_text(r, i, PROGRESS_COL_PART), "unit") != 0)
			continue;
		if (!fill_unit(pr, pr->n_units, r, i, phase_rows, nums)) {
			st = PROGRESS_BAD;
			goto out;
		}
		pr->n_units++;
	}
out:
	free(phase_rows);
	free(nums);
	return st;
}
