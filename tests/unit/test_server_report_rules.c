/* test_server_report_rules.c - campaign and phase rules (campaign_check.h)
 * and the building of quota replies from progress rows (progress_rows.h),
 * on results made in memory with libpq's result constructors. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>
#include <libpq-fe.h>

#include "campaign_check.h"
#include "progress_rows.h"

/* ---- campaign_check ---------------------------------------------------- */

struct campaign_fixture {
	Sangkien__PutCampaignRequest rq;
	Sangkien__Phase phases[CAMPAIGN_PHASES_MAX + 1];
	Sangkien__Phase *ptrs[CAMPAIGN_PHASES_MAX + 1];
	char codes[CAMPAIGN_PHASES_MAX + 1][8];
};

/* District 11's campaign: P1 2021-09-01..2022-05-31, P2 2022-06-01..2023-09-30. */
static void district11(struct campaign_fixture *f)
{
	memset(f, 0, sizeof(*f));
	sangkien__put_campaign_request__init(&f->rq);
	f->rq.code = "MTSK";
	f->rq.name = "01 triệu sáng kiến";
	f->rq.counts_from = "2021-09-01";
	f->rq.make_current = true;
	for (int i = 0; i < 2; i++) {
		sangkien__phase__init(&f->phases[i]);
		f->ptrs[i] = &f->phases[i];
	}
	f->phases[0].code = "P1";
	f->phases[0].name = "Giai đoạn 1 (đến Tháng Công nhân)";
	f->phases[0].starts_on = "2021-09-01";
	f->phases[0].ends_on = "2022-05-31";
	f->phases[1].code = "P2";
	f->phases[1].name = "Giai đoạn 2";
	f->phases[1].starts_on = "2022-06-01";
	f->phases[1].ends_on = "2023-09-30";
	f->rq.n_phases = 2;
	f->rq.phases = f->ptrs;
}

static void expect_problem(const Sangkien__PutCampaignRequest *rq, const char *field)
{
	struct campaign_problem err;
	memset(&err, 0, sizeof(err));
	assert_false(campaign_check(rq, &err));
	assert_string_equal(err.field, field);
	assert_true(err.reason[0] != '\0');
}

static void test_district11_is_valid(void **state)
{
	(void)state;
	struct campaign_fixture f;
	struct campaign_problem err;
	district11(&f);
	assert_true(campaign_check(&f.rq, &err));
	/* Without phases: the stored ones are kept. */
	f.rq.n_phases = 0;
	assert_true(campaign_check(&f.rq, &err));
	/* Phases may be sent in any order. */
	district11(&f);
	f.ptrs[0] = &f.phases[1];
	f.ptrs[1] = &f.phases[0];
	assert_true(campaign_check(&f.rq, &err));
}

static void test_campaign_fields(void **state)
{
	(void)state;
	struct campaign_fixture f;
	district11(&f);
	f.rq.code = "MTSK 2";
	expect_problem(&f.rq, "code");
	district11(&f);
	f.rq.code = "";
	expect_problem(&f.rq, "code");
	district11(&f);
	f.rq.name = "   ";
	expect_problem(&f.rq, "name");
	district11(&f);
	f.rq.name = "hai\ndòng";
	expect_problem(&f.rq, "name");
	district11(&f);
	f.rq.name = "\xc3\x28"; /* invalid UTF-8 */
	expect_problem(&f.rq, "name");
	district11(&f);
	f.rq.counts_from = "2022-02-30";
	expect_problem(&f.rq, "counts_from");
	district11(&f);
	f.rq.counts_from = "";
	expect_problem(&f.rq, "counts_from");
}

static void test_phase_dates(void **state)
{
	(void)state;
	struct campaign_fixture f;
	struct campaign_problem err;

	/* The counting start: a phase may start on counts_from, not before. */
	district11(&f);
	f.phases[0].starts_on = "2021-08-31";
	expect_problem(&f.rq, "phases[0].starts_on");
	district11(&f);
	f.rq.counts_from = "2021-09-02";
	expect_problem(&f.rq, "phases[0].starts_on");

	/* Boundaries: phases sharing a day overlap; consecutive days do not. */
	district11(&f);
	f.phases[1].starts_on = "2022-05-31";
	expect_problem(&f.rq, "phases[1]");
	district11(&f);
	f.phases[0].ends_on = "2022-06-01";
	expect_problem(&f.rq, "phases[1]");
	district11(&f);
	f.phases[1].starts_on = "2022-06-02"; /* a gap is allowed */
	assert_true(campaign_check(&f.rq, &err));
	/* One phase inside another. */
	district11(&f);
	f.phases[1].starts_on = "2021-10-01";
	f.phases[1].ends_on = "2021-10-31";
	expect_problem(&f.rq, "phases[1]");

	district11(&f);
	f.phases[1].ends_on = "2022-05-31"; /* before its start */
	expect_problem(&f.rq, "phases[1].ends_on");
	district11(&f);
	f.phases[1].starts_on = "2022-06-01";
	f.phases[1].ends_on = "2022-06-01"; /* one day is fine */
	assert_true(campaign_check(&f.rq, &err));
	district11(&f);
	f.phases[0].ends_on = "2022-5-31";
	expect_problem(&f.rq, "phases[0].ends_on");
	district11(&f);
	f.phases[1].starts_on = "2023-02-29";
	expect_problem(&f.rq, "phases[1].starts_on");
}

static void test_phase_codes_and_limits(void **state)
{
	(void)state;
	struct campaign_fixture f;
	struct campaign_problem err;
	district11(&f);
	f.phases[1].code = "P1";
	expect_problem(&f.rq, "phases[1].code");
	district11(&f);
	f.phases[0].code = "giai đoạn";
	expect_problem(&f.rq, "phases[0].code");
	district11(&f);
	f.phases[1].name = "";
	expect_problem(&f.rq, "phases[1].name");

	/* CAMPAIGN_PHASES_MAX one-day phases pass; one more is refused. */
	district11(&f);
	for (int i = 0; i <= CAMPAIGN_PHASES_MAX; i++) {
		static char dates[CAMPAIGN_PHASES_MAX + 1][11];
		sangkien__phase__init(&f.phases[i]);
		snprintf(f.codes[i], sizeof(f.codes[i]), "D%d", i);
		snprintf(dates[i], sizeof(dates[i]), "2022-01-%02d", i % 31 + 1);
		f.phases[i].code = f.codes[i];
		f.phases[i].name = "Một ngày";
		f.phases[i].starts_on = dates[i];
		f.phases[i].ends_on = dates[i];
		f.ptrs[i] = &f.phases[i];
	}
	/* Days repeat after 31: keep the first 31 distinct, move the rest. */
	static char later[CAMPAIGN_PHASES_MAX + 1][11];
	for (int i = 31; i <= CAMPAIGN_PHASES_MAX; i++) {
		snprintf(later[i], sizeof(later[i]), "2022-03-%02d", i - 30);
		f.phases[i].starts_on = later[i];
		f.phases[i].ends_on = later[i];
	}
	f.rq.n_phases = CAMPAIGN_PHASES_MAX;
	assert_true(campaign_check(&f.rq, &err));
	f.rq.n_phases = CAMPAIGN_PHASES_MAX + 1;
	expect_problem(&f.rq, "phases");
}

/* ---- progress_rows ------------------------------------------------------ */

static void test_parse_counts(void **state)
{
	(void)state;
	uint32_t v[4] = {9, 9, 9, 9};
	assert_true(progress_parse_counts("{}", v, 0));
	assert_true(progress_parse_counts("{1,0,25}", v, 3));
	assert_int_equal(v[0], 1);
	assert_int_equal(v[1], 0);
	assert_int_equal(v[2], 25);
	assert_true(progress_parse_counts("{99999999999}", v, 1));
	assert_int_equal(v[0], UINT32_MAX);
	assert_false(progress_parse_counts("{1,2}", v, 3));   /* too few */
	assert_false(progress_parse_counts("{1,2,3}", v, 2)); /* too many */
	assert_false(progress_parse_counts("{}", v, 1));
	assert_false(progress_parse_counts("{1,,2}", v, 3));
	assert_false(progress_parse_counts("{-1}", v, 1));
	assert_false(progress_parse_counts("{NULL}", v, 1));
	assert_false(progress_parse_counts("{1} ", v, 1));
	assert_false(progress_parse_counts("1", v, 1));
	assert_false(progress_parse_counts("", v, 0));
	assert_false(progress_parse_counts(NULL, v, 0));
}

/* A result with the sk_progress_row columns and the given rows; each row
 * is PROGRESS_COLS strings, NULL for SQL NULL. */
static PGresult *make_result(const char *const (*rows)[PROGRESS_COLS], int nrows)
{
	static const char *names[PROGRESS_COLS] = {"part", "code", "name", "t1", "t2", "t3", "n1",
						   "n2",   "n3",   "n4",   "a1", "a2", "a3"};
	PGresAttDesc att[PROGRESS_COLS];
	PGresult *r = PQmakeEmptyPGresult(NULL, PGRES_TUPLES_OK);
	assert_non_null(r);
	memset(att, 0, sizeof(att));
	for (int c = 0; c < PROGRESS_COLS; c++) {
		att[c].name = (char *)names[c];
		att[c].format = 0;
		att[c].typlen = -1;
		att[c].atttypmod = -1;
	}
	assert_true(PQsetResultAttrs(r, PROGRESS_COLS, att));
	for (int i = 0; i < nrows; i++)
		for (int c = 0; c < PROGRESS_COLS; c++) {
			const char *v = rows[i][c];
			assert_true(PQsetvalue(r, i, c, (char *)v, v ? (int)strlen(v) : -1));
		}
	return r;
}

static void test_build_units_and_phases(void **state)
{
	(void)state;
	/* Phase rows may come before or after the units (the report puts
	 * them first). */
	static const char *const rows[][PROGRESS_COLS] = {
	    {"scope", "Q11", "LĐLĐ Quận 11", "MTSK", "x", "2021-09-01", "1000", NULL, NULL, "5",
	     NULL, NULL, NULL},
	    {"unit", "Q11-001", "Phường 1", "MTSK", "01 triệu sáng kiến", "2021-09-01", "3", "4",
	     "2", "1700000000000", "{1,0}", "{2,1}", "{1,1}"},
	    {"phase", "P1", "Giai đoạn 1", "2021-09-01", "2022-05-31", NULL, "200", "7", "3", NULL,
	     NULL, NULL, NULL},
	    {"unit", "Q11-002", "Mầm non 4", "MTSK", "01 triệu sáng kiến", "2021-09-01", "0", "2",
	     "1", "1700000000000", "{0,0}", "{0,1}", "{0,0}"},
	    {"phase", "P2", "Giai đoạn 2", "2022-06-01", "2023-09-30", NULL, "800", "2", "1", NULL,
	     NULL, NULL, NULL},
	    {"kind", "technical", NULL, NULL, NULL, NULL, NULL, "3", "2", NULL, NULL, NULL, NULL},
	};
	PGresult *r = make_result(rows, 6);
	struct progress_rows pr;
	const char *refusal = NULL;
	assert_int_equal(progress_rows_build(&pr, r, &refusal), PROGRESS_OK);
	assert_int_equal(pr.n_units, 2);
	assert_int_equal(pr.n_phases, 2);
	const Sangkien__QuotaReply *a = pr.unit_ptrs[0], *b = pr.unit_ptrs[1];
	assert_string_equal(a->unit_code, "Q11-001");
	assert_string_equal(a->unit_name, "Phường 1");
	assert_string_equal(a->campaign_code, "MTSK");
	assert_string_equal(a->counts_from, "2021-09-01");
	assert_int_equal(a->quota, 3);
	assert_int_equal(a->submitted, 4);
	assert_int_equal(a->recognized, 2);
	assert_int_equal(a->as_of_unix_ms, 1700000000000LL);
	assert_int_equal(a->n_phases, 2);
	assert_string_equal(a->phases[0]->code, "P1");
	assert_string_equal(a->phases[0]->name, "Giai đoạn 1");
	assert_string_equal(a->phases[0]->starts_on, "2021-09-01");
	assert_string_equal(a->phases[0]->ends_on, "2022-05-31");
	assert_int_equal(a->phases[0]->target, 1);
	assert_int_equal(a->phases[0]->submitted, 2);
	assert_int_equal(a->phases[0]->recognized, 1);
	assert_string_equal(a->phases[1]->code, "P2");
	assert_int_equal(a->phases[1]->target, 0);
	assert_int_equal(a->phases[1]->submitted, 1);
	assert_int_equal(a->phases[1]->recognized, 1);
	assert_string_equal(b->unit_code, "Q11-002");
	assert_int_equal(b->phases[1]->submitted, 1);
	assert_int_equal(b->phases[1]->recognized, 0);
	/* The message encodes: every pointer is in place. */
	assert_true(sangkien__quota_reply__get_packed_size(b) > 0);
	progress_rows_release(&pr);
	PQclear(r);
}

static void test_build_refusals_and_faults(void **state)
{
	(void)state;
	struct progress_rows pr;
	const char *refusal = NULL;

	static const char *const refused[][PROGRESS_COLS] = {
	    {"error", "forbidden", NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
	     NULL},
	};
	PGresult *r = make_result(refused, 1);
	assert_int_equal(progress_rows_build(&pr, r, &refusal), PROGRESS_REFUSED);
	assert_string_equal(refusal, "forbidden");
	progress_rows_release(&pr);
	PQclear(r);

	/* A unit whose arrays do not match the phases is a fault, not a
	 * reply with made-up zeros. */
	static const char *const mismatched[][PROGRESS_COLS] = {
	    {"unit", "Q11-001", "Phường 1", "MTSK", "x", "2021-09-01", "3", "4", "2", "1", "{1}",
	     "{2}", "{1}"},
	    {"phase", "P1", "Giai đoạn 1", "2021-09-01", "2022-05-31", NULL, NULL, NULL, NULL, NULL,
	     NULL, NULL, NULL},
	    {"phase", "P2", "Giai đoạn 2", "2022-06-01", "2023-09-30", NULL, NULL, NULL, NULL, NULL,
	     NULL, NULL, NULL},
	};
	r = make_result(mismatched, 3);
	assert_int_equal(progress_rows_build(&pr, r, &refusal), PROGRESS_BAD);
	progress_rows_release(&pr);
	PQclear(r);

	/* No phases: units with empty arrays. */
	static const char *const plain[][PROGRESS_COLS] = {
	    {"unit", "Q11-001", "Phường 1", "MTSK", "x", "2021-09-01", "3", "4", "2", "1", "{}",
	     "{}", "{}"},
	};
	r = make_result(plain, 1);
	assert_int_equal(progress_rows_build(&pr, r, &refusal), PROGRESS_OK);
	assert_int_equal(pr.n_units, 1);
	assert_int_equal(pr.units[0].n_phases, 0);
	progress_rows_release(&pr);
	PQclear(r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_district11_is_valid),
	    cmocka_unit_test(test_campaign_fields),
	    cmocka_unit_test(test_phase_dates),
	    cmocka_unit_test(test_phase_codes_and_limits),
	    cmocka_unit_test(test_parse_counts),
	    cmocka_unit_test(test_build_units_and_phases),
	    cmocka_unit_test(test_build_refusals_and_faults),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
