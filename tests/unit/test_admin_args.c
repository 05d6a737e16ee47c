/*
 * test_admin_args.c - sangkien-admin's command-line values and argument
 * errors: times and dates in the office's zone, status lists, phases, and each
 * new command refusing bad arguments with exit status 2 before it needs a
 * server; also the audit table's change summary and the export row.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "admin_parse.h"
#include "attachment_get.h"
#include "audit_labels.h"
#include "audit_diff.h"
#include "cmd.h"
#include "test_zones.h"
#include "export_format.h"
#include "vn_names.h"

static void test_times(void **state)
{
	int64_t ms;

	(void)state;
	/* Days and times without a zone are read in the zone times are shown
	 * in (vn_time.h): here Vietnam's. */
	set_tz(TZ_VIETNAM);
	/* 2022-05-31 in Vietnam starts at 2022-05-30 17:00 UTC. */
	assert_true(admin_parse_time("2022-05-31", false, &ms));
	assert_int_equal(ms, 1653930000000LL);
	assert_true(admin_parse_time("2022-05-31", true, &ms));
	assert_int_equal(ms, 1653930000000LL + 86400000LL);
	assert_true(admin_parse_time("2022-05-31T10:00:00Z", false, &ms));
	assert_int_equal(ms, 1653991200000LL);
	assert_true(admin_parse_time("2022-05-31T17:00", false, &ms));
	assert_int_equal(ms, 1653991200000LL);
	assert_true(admin_parse_time("2022-05-31 12:30:00.5+02:30", false, &ms));
	assert_int_equal(ms, 1653991200500LL);
	assert_false(admin_parse_time("2022-02-29", false, &ms));
	assert_false(admin_parse_time("2022-05-31T24:00", false, &ms));
	assert_false(admin_parse_time("2022-05-31T10:00Zx", false, &ms));
	/* The day as the office writes it is the same day. */
	assert_true(admin_parse_time("31/05/2022", true, &ms));
	assert_int_equal(ms, 1653930000000LL + 86400000LL);
	assert_true(admin_parse_time("1/6/2022", false, &ms));
	assert_int_equal(ms, 1653930000000LL + 86400000LL);
	assert_false(admin_parse_time("31/02/2022", false, &ms));
	assert_false(admin_parse_time("31/05/2022T10:00", false, &ms));
	assert_false(admin_parse_time("", false, &ms));
	/* The office's zone in Berlin (summer time at the end of May): the
	 * same day starts 5 hours later; times with a zone do not move. */
	set_tz(TZ_BERLIN);
	assert_true(admin_parse_time("31/05/2022", false, &ms));
	assert_int_equal(ms, 1653930000000LL + 5 * 3600000LL);
	assert_true(admin_parse_time("31/05/2022", true, &ms));
	assert_int_equal(ms, 1653930000000LL + 29 * 3600000LL);
	assert_true(admin_parse_time("2022-05-31T12:00", false, &ms));
	assert_int_equal(ms, 1653991200000LL);
	assert_true(admin_parse_time("2022-05-31T10:00:00Z", false, &ms));
	assert_int_equal(ms, 1653991200000LL);
	assert_true(admin_parse_time("2022-05-31 12:30:00.5+02:30", false, &ms));
	assert_int_equal(ms, 1653991200500LL);
	set_tz(TZ_UTC);
	assert_true(admin_parse_time("31/05/2022", false, &ms));
	assert_int_equal(ms, 1653955200000LL);
	set_tz(TZ_VIETNAM);
}

static void test_numbers_and_statuses(void **state)
{
	Sangkien__InitiativeStatus st[ADMIN_STATUS_MAX];
	uint64_t v;
	size_t n;
	char err[256];

	(void)state;
	assert_true(admin_parse_uint("0", 5, &v));
	assert_true(admin_parse_uint("10000000", ADMIN_TARGET_MAX, &v));
	assert_false(admin_parse_uint("10000001", ADMIN_TARGET_MAX, &v));
	assert_false(admin_parse_uint("-1", 5, &v));
	assert_false(admin_parse_uint(" 1", 5, &v));
	assert_false(admin_parse_uint("99999999999999999999999", UINT64_MAX, &v));
	assert_true(
	    admin_status_list_parse("submitted,under_review,submitted", st, &n, err, sizeof(err)));
	assert_int_equal(n, 2);
	assert_int_equal(st[1], SANGKIEN__INITIATIVE_STATUS__STATUS_UNDER_REVIEW);
	assert_false(admin_status_list_parse("submitted,,rejected", st, &n, err, sizeof(err)));
	assert_false(admin_status_list_parse("approved", st, &n, err, sizeof(err)));
	assert_non_null(strstr(err, "'approved' không có"));
	assert_non_null(strstr(err, "under_review (Đang xét duyệt)"));
	/* Vietnamese names, with or without diacritics, commas inside them. */
	assert_true(admin_status_list_parse("Cần bổ sung, sửa đổi,dang xet duyet,rejected", st, &n,
					    err, sizeof(err)));
	assert_int_equal(n, 3);
	assert_int_equal(st[0], SANGKIEN__INITIATIVE_STATUS__STATUS_NEEDS_CHANGES);
	assert_int_equal(st[1], SANGKIEN__INITIATIVE_STATUS__STATUS_UNDER_REVIEW);
	assert_int_equal(st[2], SANGKIEN__INITIATIVE_STATUS__STATUS_REJECTED);
	assert_true(admin_status_list_parse("Đã gửi, chờ xem xét", st, &n, err, sizeof(err)));
	assert_int_equal(n, 1);
	assert_int_equal(st[0], SANGKIEN__INITIATIVE_STATUS__STATUS_SUBMITTED);
	assert_string_equal(vn_status_name(SANGKIEN__INITIATIVE_STATUS__STATUS_REWARDED),
			    "Được khen thưởng");
}

static void test_phase_spec(void **state)
{
	struct admin_phase_spec p;
	char err[512], day[VN_DATE_LEN];

	(void)state;
	assert_true(
	    admin_phase_spec_parse("P1|Giai đoạn 1|2021-09-01|2022-05-31", &p, err, sizeof(err)));
	assert_string_equal(p.code, "P1");
	assert_string_equal(p.name, "Giai đoạn 1");
	assert_string_equal(p.ends_on, "2022-05-31");
	/* Dates typed dd/mm/yyyy are kept in ISO, as sent. */
	assert_true(
	    admin_phase_spec_parse("P2|Giai đoạn 2|1/6/2022|31/05/2023", &p, err, sizeof(err)));
	assert_string_equal(p.starts_on, "2022-06-01");
	assert_string_equal(p.ends_on, "2023-05-31");
	assert_false(admin_phase_spec_parse("P2|a|30/02/2022|31/05/2023", &p, err, sizeof(err)));
	assert_non_null(strstr(err, "dd/mm/yyyy"));
	assert_false(admin_phase_spec_parse("P1|Giai đoạn 1|2021-09-01", &p, err, sizeof(err)));
	assert_false(admin_phase_spec_parse("P1|a|2021-09-01|2022-05-31|x", &p, err, sizeof(err)));
	assert_false(admin_phase_spec_parse("P 1|a|2021-09-01|2022-05-31", &p, err, sizeof(err)));
	assert_false(admin_phase_spec_parse("P1| |2021-09-01|2022-05-31", &p, err, sizeof(err)));
	assert_false(admin_phase_spec_parse("P1|a|2022-06-01|2022-05-31", &p, err, sizeof(err)));
	assert_non_null(strstr(err, "ngày bắt đầu 01/06/2022 sau ngày kết thúc 31/05/2022"));
	/* A decision date out of range, said the way the office writes dates. */
	assert_true(admin_decision_date_parse("--date", "2022-05-20", day, err, sizeof(err)));
	assert_string_equal(day, "2022-05-20");
	assert_true(admin_decision_date_parse("--date", "20/05/2022", day, err, sizeof(err)));
	assert_string_equal(day, "2022-05-20");
	assert_false(admin_decision_date_parse("--date", "2021-08-31", day, err, sizeof(err)));
	assert_string_equal(err, "--date: ngày 31/08/2021 phải từ 01/09/2021 đến hôm nay");
	assert_false(admin_decision_date_parse("--date", "31/02/2022", day, err, sizeof(err)));
	assert_non_null(strstr(err, "31/02/2022"));
}

/* Run a command with a server that does not exist: argument errors must
 * come first (exit 2); anything that gets past them fails to connect (4). */
static int run(int (*cmd)(const struct admin_globals *, int, char **), ...)
{
	static const struct admin_globals g = {.server = "127.0.0.1:1",
					       .credential_file = "/nonexistent/cred"};
	char *argv[32];
	int argc = 0, rc;
	va_list ap;

	va_start(ap, cmd);
	while (argc < 31 && (argv[argc] = va_arg(ap, char *)) != NULL)
		argc++;
	va_end(ap);
	argv[argc] = NULL;
	rc = cmd(&g, argc, argv);
	return rc;
}

#define U1 "01890a5d-ac96-774b-bcce-b302099a8057"

static void test_argument_errors(void **state)
{
	(void)state;
	assert_int_equal(run(cmd_review, "review", NULL), ADMIN_EXIT_USAGE);
	assert_int_equal(run(cmd_review, "review", "approve", U1, NULL), ADMIN_EXIT_USAGE);
	assert_int_equal(run(cmd_review, "review", "start", NULL), ADMIN_EXIT_USAGE);
	assert_int_equal(run(cmd_review, "review", "start", "nope", NULL), ADMIN_EXIT_USAGE);
	assert_int_equal(run(cmd_review, "review", "changes", U1, U1, "--note", "x", NULL),
			 ADMIN_EXIT_USAGE);
	assert_int_equal(run(cmd_review, "review", "changes", U1, "--reason", "x", NULL),
			 ADMIN_EXIT_USAGE);
	assert_int_equal(run(cmd_review, "review", "reject", U1, NULL), ADMIN_EXIT_USAGE);
	assert_int_equal(run(cmd_review, "review", "reward", U1, "--kind", "gold", NULL),
			 ADMIN_EXIT_USAGE);
	assert_int_equal(run(cmd_review, "review", "reward", U1, "--kind", "reward", "--level",
			     "Quận", "--decision", "1", "--date", "2022-06-01", "--amount", "1,5",
			     NULL),
			 ADMIN_EXIT_USAGE);
	assert_int_equal(run(cmd_review, "review", "recognize", U1, "--decision", "1", "--date",
			     "2022-06-01", NULL),
			 ADMIN_EXIT_USAGE);
	assert_int_equal(run(cmd_review, "review", "list", "--status", "done", NULL),
			 ADMIN_EXIT_USAGE);
	assert_int_equal(run(cmd_review, "review", "list", "--format", "xml", NULL),
			 ADMIN_EXIT_USAGE);
	assert_int_equal(run(cmd_review, "review", "similar", NULL), ADMIN_EXIT_USAGE);
	assert_int_equal(run(cmd_review, "review", "apply", NULL), ADMIN_EXIT_USAGE);
	assert_int_equal(run(cmd_report, "report", "--format", "pdf", NULL), ADMIN_EXIT_USAGE);
	assert_int_equal(run(cmd_report, "report", "--section", "units", NULL), ADMIN_EXIT_USAGE);
	assert_int_equal(run(cmd_report, "report", "--format", "csv", "--section", "all", NULL),
			 ADMIN_EXIT_USAGE);
	assert_int_equal(run(cmd_report, "report", "--scope", "Q 11", NULL), ADMIN_EXIT_USAGE);
	assert_int_equal(run(cmd_report, "report", "--output", NULL), ADMIN_EXIT_USAGE);
	assert_int_equal(run(cmd_export, "export", "--format", "xlsx", NULL), ADMIN_EXIT_USAGE);
	assert_int_equal(run(cmd_audit, "audit", "--since", "2022-13-01", NULL), ADMIN_EXIT_USAGE);
	assert_int_equal(
	    run(cmd_audit, "audit", "--since", "2022-06-01", "--until", "2022-05-01", NULL),
	    ADMIN_EXIT_USAGE);
	assert_int_equal(run(cmd_audit, "audit", "--initiative", "abc", NULL), ADMIN_EXIT_USAGE);
	assert_int_equal(run(cmd_campaign, "campaign", "put", "MTSK", "Tên", NULL),
			 ADMIN_EXIT_USAGE);
	assert_int_equal(run(cmd_campaign, "campaign", "put", "MTSK", "Tên", "--counts-from",
			     "2021-09-01", "--phase", "P1|a|2021-09-01|2022-05-31", "--phase",
			     "P2|b|2022-05-01|2022-12-31", NULL),
			 ADMIN_EXIT_USAGE);
	assert_int_equal(run(cmd_campaign, "campaign", "put", "MTSK", "Tên", "--counts-from",
			     "2021-09-01", "--phase", "P1|a|2021-08-01|2022-05-31", NULL),
			 ADMIN_EXIT_USAGE);
	assert_int_equal(run(cmd_campaign, "campaign", "delete", NULL), ADMIN_EXIT_USAGE);
	assert_int_equal(run(cmd_target, "target", "set", "Q11", "many", NULL), ADMIN_EXIT_USAGE);
	assert_int_equal(run(cmd_target, "target", "set", "Q11", NULL), ADMIN_EXIT_USAGE);
	assert_int_equal(run(cmd_target, "target", "import", "x.csv", "--phase", "P1", NULL),
			 ADMIN_EXIT_USAGE);
	assert_int_equal(
	    run(cmd_credential, "credential", "create", "--role", "unit", "--label", "x", NULL),
	    ADMIN_EXIT_USAGE);
	assert_int_equal(
	    run(cmd_credential, "credential", "create", "--role", "operator", "--label", "x", NULL),
	    ADMIN_EXIT_USAGE);
	assert_int_equal(run(cmd_credential, "credential", "create", "--role", "administrator",
			     "--scope", "Q11", "--label", "x", NULL),
			 ADMIN_EXIT_USAGE);
	/* Valid arguments get as far as the missing credential file. */
	assert_int_equal(run(cmd_report, "report", "--format", "csv", "--section", "weeks", NULL),
			 ADMIN_EXIT_USAGE);
	/* A bulk file with problems is refused (3) before any connection. */
	{
		char path[] = "/tmp/test_admin_args_XXXXXX";
		int fd = mkstemp(path);
		FILE *f = fdopen(fd, "w");

		fputs("uuid,thao_tac\nnope,start\n", f);
		fclose(f);
		assert_int_equal(run(cmd_review, "review", "apply", path, NULL),
				 ADMIN_EXIT_REFUSED);
		f = fopen(path, "w");
		fputs("ma_don_vi,giai_doan,chi_tieu\nQ11,,x\n", f);
		fclose(f);
		assert_int_equal(run(cmd_target, "target", "import", path, NULL),
				 ADMIN_EXIT_REFUSED);
		unlink(path);
	}
}

static void test_audit_diff(void **state)
{
	char *d;

	(void)state;
	d = audit_diff("{\"status\": \"submitted\", \"version\": 1, \"title\": \"Tiếng Việt\"}",
		       "{\"status\": \"under_review\", \"version\": 2, \"title\": \"Tiếng Việt\", "
		       "\"notes\": [{\"a\": \"}\"}]}");
	/* Fields and codes in Vietnamese, bookkeeping (version) left out. */
	assert_string_equal(d, "trạng thái: Đã gửi, chờ xem xét → Đang xét duyệt; "
			       "notes: (không có) → [{\"a\": \"}\"}]");
	free(d);
	d = audit_diff("{\"version\": 1, \"feed_seq\": 7}", "{\"version\": 2, \"feed_seq\": 9}");
	assert_string_equal(d, "(không đổi)");
	free(d);
	d = audit_diff("", "{\"code\": \"Q11\", \"level\": \"district\"}");
	assert_string_equal(d, "tạo mới: mã: Q11; cấp: quận, huyện");
	free(d);
	d = audit_diff("{\"code\": \"Q11\", \"x\": null}", "");
	assert_string_equal(d, "xóa: mã: Q11; x: (trống)");
	free(d);
	/* Decision dates and moments as the office writes them. */
	d = audit_diff("{\"recognition_date\": null}", "{\"recognition_date\": \"2022-05-20\"}");
	assert_non_null(strstr(d, "(trống) → 20/05/2022"));
	assert_null(strstr(d, "2022-05-20"));
	free(d);
	d = audit_diff("{\"a\": 1}", "{\"a\": 1}");
	assert_string_equal(d, "(không đổi)");
	free(d);
	d = audit_diff("not json", "{\"a\": 1");
	assert_string_equal(d, "not json → {\"a\": 1");
	free(d);
	/* Long values are cut at a character boundary. */
	d = audit_diff("{\"t\": \"ááááááááááááááááááááááááááááááá\"}", "{}");
	assert_non_null(strstr(d, "…"));
	assert_null(strstr(d, "\xC3…"));
	free(d);
}

static void test_export_row(void **state)
{
	Sangkien__Author a1 = SANGKIEN__AUTHOR__INIT, a2 = SANGKIEN__AUTHOR__INIT;
	Sangkien__Author *authors[2] = {&a1, &a2};
	Sangkien__Initiative it = SANGKIEN__INITIATIVE__INIT;
	Sangkien__ServerInitiative si = SANGKIEN__SERVER_INITIATIVE__INIT;
	Sangkien__Receipt rc = SANGKIEN__RECEIPT__INIT;
	Sangkien__Reward rw = SANGKIEN__REWARD__INIT;
	Sangkien__ListedInitiative li = SANGKIEN__LISTED_INITIATIVE__INIT;
	char *buf = NULL, *authors_text;
	size_t len;
	FILE *m;

	(void)state;
	a1.name = "Nguyễn Văn A";
	a1.position = "Tổ trưởng, \"tổ 3\"";
	a2.name = "Lê Thị B";
	a2.position = "";
	it.uuid = U1;
	it.title = "Đèn LED";
	it.kind = SANGKIEN__INITIATIVE_KIND__KIND_TECHNICAL;
	it.authors = authors;
	it.n_authors = 2;
	it.summary = "dòng 1\ndòng 2";
	it.effect = "tiết kiệm";
	it.applied_on = "2022-04-15";
	rc.record_id = 42;
	rc.received_unix_ms = 1653991200000LL;
	rw.kind = SANGKIEN__REWARD_KIND__REWARD_KIND_REWARD;
	rw.level = "Quận";
	rw.amount_vnd = 2000000;
	si.content = &it;
	si.version = 3;
	si.status = SANGKIEN__INITIATIVE_STATUS__STATUS_REWARDED;
	si.receipt = &rc;
	si.reward = &rw;
	si.phase_code = "P1";
	/* One file attached: a complete dossier. */
	Sangkien__Attachment att = SANGKIEN__ATTACHMENT__INIT;
	Sangkien__Attachment *atts[1] = {&att};
	att.file_name = "Tờ trình.pdf";
	si.attachments = atts;
	si.n_attachments = 1;
	li.initiative = &si;
	li.unit_code = "Q11-027";
	li.unit_name = "Phường 1";
	authors_text = export_authors(&it);
	assert_string_equal(authors_text, "Nguyễn Văn A (Tổ trưởng, \"tổ 3\"); Lê Thị B");
	free(authors_text);
	m = open_memstream(&buf, &len);
	export_csv_item(m, &li);
	fclose(m);
	assert_string_equal(buf, "Q11-027,Phường 1," U1 ",42,rewarded,Được khen thưởng,Đèn LED,"
				 "technical,,\"Nguyễn Văn A (Tổ trưởng, \"\"tổ 3\"\"); Lê Thị B\","
				 "\"dòng 1\ndòng 2\",tiết kiệm,2022-04-15,P1,3,2022-05-31 17:00,,"
				 ",,,reward,Quận,,,2000000,1,1\r\n");
	free(buf);
}

/* A name from the server becomes a file name here, never a path. */
static void test_attachment_name(void **state)
{
	char out[256];
	(void)state;
	attachment_safe_name("Tờ trình đề nghị.pdf", out, sizeof(out));
	assert_string_equal(out, "Tờ trình đề nghị.pdf");
	attachment_safe_name("../../etc/passwd", out, sizeof(out));
	assert_string_equal(out, "tep.._.._etc_passwd");
	attachment_safe_name("C:\\a<b>|c?*\"d\".jpg", out, sizeof(out));
	assert_string_equal(out, "C__a_b__c___d_.jpg");
	attachment_safe_name("-rf \x1b[2J\xe2\x80\xae.png", out, sizeof(out));
	assert_string_equal(out, "tep-rf _[2J_.png");
	attachment_safe_name("", out, sizeof(out));
	assert_string_equal(out, "tep");
	attachment_safe_name("\xff\xfe", out, sizeof(out));
	assert_string_equal(out, "__");
	char longname[600];
	memset(longname, 'a', sizeof(longname) - 1);
	longname[sizeof(longname) - 1] = '\0';
	attachment_safe_name(longname, out, sizeof(out));
	assert_int_equal(strlen(out), 200);
	assert_string_equal(audit_action_label("initiative.attach"), "Đính kèm tệp vào hồ sơ");
	assert_string_equal(audit_action_label("attachment.download"), "Tải tệp của hồ sơ");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_times),	    cmocka_unit_test(test_numbers_and_statuses),
	    cmocka_unit_test(test_phase_spec),	    cmocka_unit_test(test_argument_errors),
	    cmocka_unit_test(test_audit_diff),	    cmocka_unit_test(test_export_row),
	    cmocka_unit_test(test_attachment_name),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
