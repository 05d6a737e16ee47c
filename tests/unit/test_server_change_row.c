/* A row of sk_server_initiatives (built with libpq's result constructors,
 * the same text PostgreSQL sends) turned into a ServerInitiative, and the
 * packed lists it carries. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "initiative_row.h"

#define SHA_HEX "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff"

/* A result with `lead` leading columns then the view's, one row of the
 * given values (NULL: SQL NULL). */
static PGresult *make_result(int lead, const char *const *lead_vals, const char *const *vals)
{
	int n = lead + IROW_NCOLS;
	PGresAttDesc *att = calloc((size_t)n, sizeof(*att));
	PGresult *r = PQmakeEmptyPGresult(NULL, PGRES_TUPLES_OK);
	char(*names)[16] = calloc((size_t)n, sizeof(*names));
	assert_non_null(att);
	assert_non_null(r);
	assert_non_null(names);
	for (int i = 0; i < n; i++) {
		snprintf(names[i], sizeof(names[i]), "c%d", i);
		att[i].name = i < lead ? names[i] : (char *)initiative_row_col_names[i - lead];
		att[i].typid = 25; /* text */
		att[i].typlen = -1;
		att[i].atttypmod = -1;
	}
	assert_true(PQsetResultAttrs(r, n, att));
	for (int i = 0; i < n; i++) {
		const char *v = i < lead ? lead_vals[i] : vals[i - lead];
		assert_true(PQsetvalue(r, 0, i, (char *)v, v ? (int)strlen(v) : -1));
	}
	free(att);
	free(names);
	return r;
}

/* Append values to a packed list as sql/003's sk_pack() writes them. */
static void pack(char *out, size_t size, int n, ...)
{
	va_list ap;
	va_start(ap, n);
	for (int i = 0; i < n; i++) {
		const char *v = va_arg(ap, const char *);
		size_t used = strlen(out);
		snprintf(out + used, size - used, "%zu:%s", strlen(v), v);
	}
	va_end(ap);
}

/* A recognized and rewarded initiative with two authors and two notes. */
static void full_values(const char *vals[IROW_NCOLS])
{
	static char authors[256], notes[512];
	authors[0] = notes[0] = '\0';
	pack(authors, sizeof(authors), 4, "Nguyễn Văn A", "Tổ trưởng", "Lê Thị B", "");
	pack(notes, sizeof(notes), 8, "1650000000000", "needs_changes", "Cán bộ", "Bổ sung số liệu",
	     "1650000100000", "recognized", "", "Đạt");
	for (int i = 0; i < IROW_NCOLS; i++)
		vals[i] = "";
	vals[IROW_RECORD_ID] = "42";
	vals[IROW_UUID] = "0190a000-0000-7000-8000-000000000001";
	vals[IROW_UNIT_CODE] = "Q11-027";
	vals[IROW_TITLE] = "Số hóa sổ đoàn viên";
	vals[IROW_KIND] = "technical";
	vals[IROW_AUTHORS_PACKED] = authors;
	vals[IROW_SUMMARY] = "Tóm tắt\nhai dòng";
	vals[IROW_EFFECT] = "Hiệu quả";
	vals[IROW_APPLIED_ON] = "2022-03-16";
	vals[IROW_THEME] = "admin-reform";
	vals[IROW_VERSION] = "5";
	vals[IROW_STATUS] = "rewarded";
	vals[IROW_RECEIPT_UNIX_MS] = "1650000000123";
	vals[IROW_SHA256_HEX] = SHA_HEX;
	vals[IROW_NOTES_PACKED] = notes;
	vals[IROW_RECOGNITION_DECISION] = "12/QĐ-CĐCS";
	vals[IROW_RECOGNITION_DATE] = "2022-05-20";
	vals[IROW_RECOGNIZED_BY] = "Giám đốc";
	vals[IROW_REWARD_KIND] = "commendation";
	vals[IROW_REWARD_LEVEL] = "Quận";
	vals[IROW_REWARD_DECISION] = "34/QĐ-LĐLĐ";
	vals[IROW_REWARD_DATE] = "2022-06-01";
	vals[IROW_REWARD_AMOUNT_VND] = "500000";
	vals[IROW_UPDATED_UNIX_MS] = "1650000200000";
	vals[IROW_PHASE_CODE] = "GD1";
	vals[IROW_FEED_SEQ] = "77";
	vals[IROW_UNIT_ID] = "9";
}

static void test_full_row(void **state)
{
	const char *vals[IROW_NCOLS];
	const char *lead[] = {"accepted", ""};
	char err[200] = "";
	(void)state;
	full_values(vals);
	PGresult *r = make_result(2, lead, vals);
	struct initiative_row *ir = initiative_row_read_one(r, err, sizeof(err));
	assert_non_null(ir);
	const Sangkien__ServerInitiative *m = &ir->msg;
	assert_string_equal(m->content->uuid, "0190a000-0000-7000-8000-000000000001");
	assert_string_equal(m->content->unit_code, "Q11-027");
	assert_string_equal(m->content->title, "Số hóa sổ đoàn viên");
	assert_int_equal(m->content->kind, SANGKIEN__INITIATIVE_KIND__KIND_TECHNICAL);
	assert_int_equal(m->content->n_authors, 2);
	assert_string_equal(m->content->authors[0]->name, "Nguyễn Văn A");
	assert_string_equal(m->content->authors[0]->position, "Tổ trưởng");
	assert_string_equal(m->content->authors[1]->name, "Lê Thị B");
	assert_string_equal(m->content->authors[1]->position, "");
	assert_string_equal(m->content->summary, "Tóm tắt\nhai dòng");
	assert_string_equal(m->content->applied_on, "2022-03-16");
	assert_int_equal(m->content->theme, SANGKIEN__THEME__THEME_ADMIN_REFORM);
	assert_int_equal(m->version, 5);
	assert_int_equal(m->status, SANGKIEN__INITIATIVE_STATUS__STATUS_REWARDED);
	assert_int_equal(m->receipt->record_id, 42);
	assert_int_equal(m->receipt->version, 5);
	assert_int_equal(m->receipt->received_unix_ms, 1650000000123LL);
	assert_int_equal(m->receipt->content_sha256.len, 32);
	assert_int_equal(m->receipt->content_sha256.data[0], 0x00);
	assert_int_equal(m->receipt->content_sha256.data[15], 0xff);
	assert_int_equal(m->n_notes, 2);
	assert_int_equal(m->notes[0]->at_unix_ms, 1650000000000LL);
	assert_int_equal(m->notes[0]->status, SANGKIEN__INITIATIVE_STATUS__STATUS_NEEDS_CHANGES);
	assert_string_equal(m->notes[0]->author, "Cán bộ");
	assert_string_equal(m->notes[0]->text, "Bổ sung số liệu");
	assert_int_equal(m->notes[1]->status, SANGKIEN__INITIATIVE_STATUS__STATUS_RECOGNIZED);
	assert_string_equal(m->notes[1]->author, "");
	assert_string_equal(m->notes[1]->text, "Đạt");
	assert_non_null(m->recognition);
	assert_string_equal(m->recognition->decision_number, "12/QĐ-CĐCS");
	assert_string_equal(m->recognition->recognized_by, "Giám đốc");
	assert_non_null(m->reward);
	assert_int_equal(m->reward->kind, SANGKIEN__REWARD_KIND__REWARD_KIND_COMMENDATION);
	assert_string_equal(m->reward->level, "Quận");
	assert_int_equal(m->reward->amount_vnd, 500000);
	assert_int_equal(m->updated_unix_ms, 1650000200000LL);
	assert_string_equal(m->phase_code, "GD1");
	assert_int_equal(ir->feed_seq, 77);
	assert_int_equal(ir->unit_id, 9);

	/* It encodes and decodes back to the same content. */
	size_t len = sangkien__server_initiative__get_packed_size(m);
	uint8_t *buf = malloc(len);
	assert_non_null(buf);
	sangkien__server_initiative__pack(m, buf);
	Sangkien__ServerInitiative *back = sangkien__server_initiative__unpack(NULL, len, buf);
	assert_non_null(back);
	assert_string_equal(back->notes[0]->text, "Bổ sung số liệu");
	assert_string_equal(back->content->authors[0]->name, "Nguyễn Văn A");
	sangkien__server_initiative__free_unpacked(back, NULL);
	free(buf);
	initiative_row_free(ir);
	PQclear(r);
}

static void test_plain_submitted(void **state)
{
	const char *vals[IROW_NCOLS];
	char err[200] = "";
	(void)state;
	full_values(vals);
	vals[IROW_NOTES_PACKED] = "";
	vals[IROW_STATUS] = "submitted";
	vals[IROW_THEME] = "";
	vals[IROW_RECOGNITION_DECISION] = "";
	vals[IROW_RECOGNITION_DATE] = "";
	vals[IROW_RECOGNIZED_BY] = "";
	vals[IROW_REWARD_KIND] = "";
	vals[IROW_PHASE_CODE] = NULL;
	PGresult *r = make_result(0, NULL, vals);
	struct initiative_row *ir = initiative_row_read_one(r, err, sizeof(err));
	assert_non_null(ir);
	assert_int_equal(ir->msg.n_notes, 0);
	assert_null(ir->msg.recognition);
	assert_null(ir->msg.reward);
	assert_int_equal(ir->msg.content->theme, SANGKIEN__THEME__THEME_UNSPECIFIED);
	assert_string_equal(ir->msg.phase_code, "");
	initiative_row_free(ir);
	PQclear(r);
}

/* `current` copies ride along only while the reply stays within its frame. */
static void test_current_budget(void **state)
{
	const char *vals[IROW_NCOLS];
	char err[200] = "";
	struct current_budget b;
	Sangkien__ItemResult res[3];
	(void)state;
	full_values(vals);
	PGresult *r = make_result(0, NULL, vals);
	struct initiative_row *ir = initiative_row_read_one(r, err, sizeof(err));
	assert_non_null(ir);
	size_t copy = sangkien__server_initiative__get_packed_size(&ir->msg);

	for (int i = 0; i < 3; i++)
		sangkien__item_result__init(&res[i]);
	/* Room for the three results and two copies, not three. */
	current_budget_init(&b, (uint32_t)(1024 + 3 * 400 + 2 * (copy + 8) + copy / 2), 3);
	for (int i = 0; i < 3; i++)
		current_budget_attach(&b, &res[i], ir);
	assert_ptr_equal(res[0].current, &ir->msg);
	assert_ptr_equal(res[1].current, &ir->msg);
	assert_null(res[2].current);
	/* A frame too small for the results alone leaves no room at all. */
	sangkien__item_result__init(&res[0]);
	current_budget_init(&b, 1000, 3);
	current_budget_attach(&b, &res[0], ir);
	assert_null(res[0].current);
	initiative_row_free(ir);
	PQclear(r);
}

/* Each broken column makes the row unreadable with a message, never a
 * half-filled message. */
static void test_malformed(void **state)
{
	static const struct {
		int col;
		const char *value;
		const char *expect;
	} cases[] = {
	    {IROW_RECORD_ID, NULL, "no initiative"},
	    {IROW_KIND, "robotics", "unknown kind"},
	    {IROW_THEME, "space", "unknown theme"},
	    {IROW_STATUS, "lost", "unknown status"},
	    {IROW_SHA256_HEX, "00", "bad content hash"},
	    {IROW_SHA256_HEX, SHA_HEX "00", "bad content hash"},
	    {IROW_VERSION, "5x", "bad number"},
	    {IROW_AUTHORS_PACKED, "3:abc", "malformed authors"},    /* name without position */
	    {IROW_AUTHORS_PACKED, "30:abc0:", "malformed authors"}, /* length past the end */
	    {IROW_AUTHORS_PACKED, "abc", "malformed authors"},
	    {IROW_NOTES_PACKED, "1:11:x0:0:", "malformed notes"},	  /* bad status */
	    {IROW_NOTES_PACKED, "1:x9:submitted0:0:", "malformed notes"}, /* bad time */
	    {IROW_NOTES_PACKED, "1:19:submitted0:", "malformed notes"},	  /* three values */
	    {IROW_REWARD_KIND, "medal", "unknown reward kind"},
	    {IROW_FEED_SEQ, "", "bad number"},
	};
	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const char *vals[IROW_NCOLS];
		char err[200] = "";
		full_values(vals);
		vals[cases[i].col] = cases[i].value;
		PGresult *r = make_result(0, NULL, vals);
		assert_null(initiative_row_read_one(r, err, sizeof(err)));
		if (strstr(err, cases[i].expect) == NULL)
			fail_msg("case %zu: message '%s' lacks '%s'", i, err, cases[i].expect);
		PQclear(r);
	}
}

static void test_out_of_range(void **state)
{
	const char *vals[IROW_NCOLS];
	char err[200] = "";
	(void)state;
	full_values(vals);
	PGresult *r = make_result(0, NULL, vals);
	struct initiative_cols cols;
	assert_true(initiative_cols_find(&cols, r, err, sizeof(err)));
	assert_null(initiative_row_create(r, 1, &cols, err, sizeof(err)));
	assert_non_null(strstr(err, "out of range"));
	cols.num[IROW_PHASE_CODE] = IROW_NCOLS;
	assert_null(initiative_row_create(r, 0, &cols, err, sizeof(err)));
	assert_non_null(strstr(err, "phase_code out of range"));
	assert_null(initiative_row_create(r, 0, &cols, NULL, 0));
	PQclear(r);
}

static void test_unpack(void **state)
{
	const char *list = "3:abc0:11:hello:world";
	const char *cur = list, *end = list + strlen(list), *val;
	size_t len;
	(void)state;
	assert_int_equal(initiative_row_unpack(&cur, end, &val, &len), 1);
	assert_int_equal(len, 3);
	assert_memory_equal(val, "abc", 3);
	assert_int_equal(initiative_row_unpack(&cur, end, &val, &len), 1);
	assert_int_equal(len, 0);
	assert_int_equal(initiative_row_unpack(&cur, end, &val, &len), 1);
	assert_int_equal(len, 11);
	assert_memory_equal(val, "hello:world", 11);
	assert_int_equal(initiative_row_unpack(&cur, end, &val, &len), 0);

	const char *bad[] = {":abc", "3abc", "4:abc", "99999999999:x", "-1:x", "3:"};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		cur = bad[i];
		end = bad[i] + strlen(bad[i]);
		assert_int_equal(initiative_row_unpack(&cur, end, &val, &len), -1);
	}
}

static void test_status_names(void **state)
{
	(void)state;
	for (int s = 1; s <= 7; s++) {
		const char *t = initiative_status_text((Sangkien__InitiativeStatus)s);
		assert_non_null(t);
		assert_int_equal(initiative_status_parse(t), s);
	}
	assert_null(initiative_status_text(SANGKIEN__INITIATIVE_STATUS__STATUS_UNSPECIFIED));
	assert_int_equal(initiative_status_parse("Submitted"),
			 SANGKIEN__INITIATIVE_STATUS__STATUS_UNSPECIFIED);
	assert_int_equal(initiative_status_parse(NULL),
			 SANGKIEN__INITIATIVE_STATUS__STATUS_UNSPECIFIED);
	assert_string_equal(
	    initiative_status_text(SANGKIEN__INITIATIVE_STATUS__STATUS_NEEDS_CHANGES),
	    "needs_changes");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_full_row),	   cmocka_unit_test(test_plain_submitted),
	    cmocka_unit_test(test_malformed),	   cmocka_unit_test(test_out_of_range),
	    cmocka_unit_test(test_unpack),	   cmocka_unit_test(test_status_names),
	    cmocka_unit_test(test_current_budget),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
