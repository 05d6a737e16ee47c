/* The unit client's command lines: `add` options into a checked item (with
 * Vietnamese errors naming the option), `sync --batch`, `enroll`,
 * `--format`, and where the store lives. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "client.h"
#include "cmd_add.h"
#include "cmd_enroll.h"
#include "cmd_sync.h"
#include "format.h"
#include "paths.h"

#define ARGC(a) ((int)(sizeof(a) / sizeof((a)[0])) - 1)

static int32_t day(const char *text)
{
	int32_t d;

	assert_true(date_parse(text, &d));
	return d;
}

static void test_add_parses_all_options(void **state)
{
	char *argv[] = {"add",
			"--title",
			"Máy bóc vỏ tỏi",
			"--kind",
			"technical",
			"--author",
			"Phạm Văn Tú|Tổ trưởng",
			"--author",
			"Lý Thị Mai",
			"--summary",
			"Tóm tắt",
			"--effect",
			"Năng suất gấp đôi",
			"--applied-on",
			"2022-05-01",
			"--theme",
			"production",
			NULL};
	struct add_options o;
	char err[256] = "", missing[128];

	(void)state;
	assert_int_equal(add_options_parse(ARGC(argv), argv, &o, err, sizeof(err)), 0);
	assert_string_equal(o.title, "Máy bóc vỏ tỏi");
	assert_string_equal(o.kind, "technical");
	assert_int_equal(o.n_authors, 2);
	assert_string_equal(o.authors[0], "Phạm Văn Tú|Tổ trưởng");
	assert_string_equal(o.authors[1], "Lý Thị Mai");
	assert_string_equal(o.applied_on, "2022-05-01");
	assert_string_equal(o.theme, "production");
	assert_int_equal(add_options_missing(&o, missing, sizeof(missing)), 0);
	assert_string_equal(missing, "");
	add_options_clear(&o);
}

static void test_add_reports_missing_options(void **state)
{
	char *argv[] = {"add", "--title", "Chỉ có tên", "--kind", "management", NULL};
	struct add_options o;
	char err[256], missing[128];

	(void)state;
	assert_int_equal(add_options_parse(ARGC(argv), argv, &o, err, sizeof(err)), 0);
	assert_int_equal(add_options_missing(&o, missing, sizeof(missing)), 4);
	assert_string_equal(missing, "--author, --summary, --effect, --applied-on");
	add_options_clear(&o);
}

static void test_add_usage_errors(void **state)
{
	char *twice[] = {"add", "--title", "a", "--title", "b", NULL};
	char *unknown[] = {"add", "--colour", "x", NULL};
	char *novalue[] = {"add", "--title", NULL};
	char *extra[] = {"add", "--title", "a", "stray", NULL};
	struct add_options o;
	char err[256];

	(void)state;
	assert_int_equal(add_options_parse(ARGC(twice), twice, &o, err, sizeof(err)),
			 CLIENT_EXIT_USAGE);
	assert_non_null(strstr(err, "--title"));
	add_options_clear(&o);
	/* Reported on stderr by command_getopt (test_common_command). */
	assert_int_equal(add_options_parse(ARGC(unknown), unknown, &o, err, sizeof(err)),
			 CLIENT_EXIT_USAGE);
	assert_string_equal(err, "");
	add_options_clear(&o);
	assert_int_equal(add_options_parse(ARGC(novalue), novalue, &o, err, sizeof(err)),
			 CLIENT_EXIT_USAGE);
	assert_string_equal(err, "");
	add_options_clear(&o);
	assert_int_equal(add_options_parse(ARGC(extra), extra, &o, err, sizeof(err)),
			 CLIENT_EXIT_USAGE);
	assert_non_null(strstr(err, "stray"));
	add_options_clear(&o);
}

/* Options for a valid initiative; tests then spoil one field. */
static void fill(struct add_options *o)
{
	memset(o, 0, sizeof(*o));
	o->title = strdup("  Ứng dụng Zalo trong sinh hoạt công đoàn \t");
	o->kind = strdup(" management ");
	o->authors = calloc(2, sizeof(char *));
	o->authors[0] = strdup("  Võ Thị Ngọc Ánh |  Phó Chủ tịch ");
	o->authors[1] = strdup("Đặng Quốc Huy");
	o->n_authors = 2;
	o->summary = strdup("Lập nhóm Zalo cho từng tổ.\nGửi thông báo nhanh.\n");
	o->effect = strdup("Đoàn viên nắm tin kịp thời");
	o->applied_on = strdup("2022-02-10");
}

static void test_add_builds_trimmed_item(void **state)
{
	struct add_options o;
	struct item *it = NULL;
	char err[256] = "";

	(void)state;
	fill(&o);
	assert_int_equal(add_build_item(&o, "Q11-042", day("2022-06-01"), &it, err, sizeof(err)),
			 0);
	assert_non_null(it);
	assert_string_equal(it->title, "Ứng dụng Zalo trong sinh hoạt công đoàn");
	assert_int_equal(it->kind, SANGKIEN__INITIATIVE_KIND__KIND_MANAGEMENT);
	assert_int_equal(it->n_authors, 2);
	assert_string_equal(it->authors[0].name, "Võ Thị Ngọc Ánh");
	assert_string_equal(it->authors[0].position, "Phó Chủ tịch");
	assert_string_equal(it->authors[1].name, "Đặng Quốc Huy");
	assert_string_equal(it->authors[1].position, "");
	assert_string_equal(it->summary, "Lập nhóm Zalo cho từng tổ.\nGửi thông báo nhanh.");
	assert_string_equal(it->unit_code, "Q11-042");
	assert_int_equal(it->theme, SANGKIEN__THEME__THEME_UNSPECIFIED);
	assert_true(uuid7_is_valid(it->uuid));
	assert_true(it->created_unix_ms > 0);
	item_free(it);

	/* Before enrollment the unit is unknown and that is fine. */
	assert_int_equal(add_build_item(&o, NULL, day("2022-06-01"), &it, err, sizeof(err)), 0);
	assert_null(it->unit_code);
	item_free(it);
	add_options_clear(&o);
}

static void expect_refusal(struct add_options *o, const char *needle1, const char *needle2)
{
	struct item *it = (struct item *)1;
	char err[512] = "";

	assert_int_equal(add_build_item(o, NULL, day("2022-06-01"), &it, err, sizeof(err)),
			 CLIENT_EXIT_USAGE);
	assert_null(it);
	if (strstr(err, needle1) == NULL || (needle2 && strstr(err, needle2) == NULL))
		fail_msg("message \"%s\" lacks \"%s\" / \"%s\"", err, needle1,
			 needle2 ? needle2 : "");
}

static void test_add_refusals_name_the_option(void **state)
{
	struct add_options o;

	(void)state;
	fill(&o);
	free(o.kind);
	o.kind = strdup("sáng kiến");
	expect_refusal(&o, "--kind", "scientific");

	free(o.kind);
	o.kind = strdup("technical");
	o.theme = strdup("sports");
	expect_refusal(&o, "--theme", "union-work");

	free(o.theme);
	o.theme = strdup("covid");
	free(o.applied_on);
	o.applied_on = strdup("2021-08-31");
	expect_refusal(&o, "--applied-on", "2021-09-01");
	free(o.applied_on);
	o.applied_on = strdup("2022-02-30");
	expect_refusal(&o, "--applied-on", "YYYY-MM-DD");
	free(o.applied_on);
	o.applied_on = strdup("2022-02-10 extra text");
	expect_refusal(&o, "--applied-on", "YYYY-MM-DD");
	free(o.applied_on);
	o.applied_on = strdup("2022-06-05"); /* after "today" + 1 */
	expect_refusal(&o, "--applied-on", "tương lai");
	free(o.applied_on);
	o.applied_on = strdup("2022-02-10");

	free(o.title);
	o.title = strdup("   ");
	expect_refusal(&o, "--title", "không được để trống");
	free(o.title);
	o.title = strdup("Tiêu đề\tcó tab");
	expect_refusal(&o, "--title", "ký tự điều khiển");
	free(o.title);
	o.title = strdup("Hợp lệ");

	free(o.authors[1]);
	o.authors[1] = strdup("|Kế toán");
	expect_refusal(&o, "tác giả thứ 2", "họ tên");
	add_options_clear(&o);
}

static void test_add_title_length_counts_characters(void **state)
{
	struct add_options o;
	struct item *it = NULL;
	char err[256];
	char *title = malloc(300 * 2 + 3);

	(void)state;
	fill(&o);
	/* 300 two-byte letters are 600 bytes but within the 300-character limit. */
	title[0] = '\0';
	for (int i = 0; i < 300; i++)
		strcat(title, "ư");
	free(o.title);
	o.title = title;
	assert_int_equal(add_build_item(&o, NULL, day("2022-06-01"), &it, err, sizeof(err)), 0);
	item_free(it);
	strcat(title, "ư");
	expect_refusal(&o, "--title", "quá dài");
	add_options_clear(&o);
}

static void test_sync_options(void **state)
{
	char *none[] = {"sync", NULL};
	char *ten[] = {"sync", "--batch", "10", NULL};
	char *zero[] = {"sync", "--batch", "0", NULL};
	char *neg[] = {"sync", "--batch=-5", NULL};
	char *junk[] = {"sync", "--batch", "10x", NULL};
	char *huge[] = {"sync", "--batch", "99999999999999999999", NULL};
	char *retry[] = {"sync", "--retries", "0", "--max-wait=7", "--dry-run", NULL};
	char *bad_retry[] = {"sync", "--retries", "101", NULL};
	char *bad_wait[] = {"sync", "--max-wait", "-1", NULL};
	struct sync_options o;
	char err[256];

	(void)state;
	assert_int_equal(sync_options_parse(ARGC(none), none, &o, err, sizeof(err)), 0);
	assert_int_equal(o.batch, 0);
	assert_int_equal(o.retries, 5);
	assert_int_equal(o.max_wait, 60);
	assert_false(o.dry_run);
	assert_int_equal(sync_options_parse(ARGC(ten), ten, &o, err, sizeof(err)), 0);
	assert_int_equal(o.batch, 10);
	assert_int_equal(sync_options_parse(ARGC(retry), retry, &o, err, sizeof(err)), 0);
	assert_int_equal(o.retries, 0);
	assert_int_equal(o.max_wait, 7);
	assert_true(o.dry_run);
	assert_int_equal(sync_options_parse(ARGC(bad_retry), bad_retry, &o, err, sizeof(err)),
			 CLIENT_EXIT_USAGE);
	assert_non_null(strstr(err, "--retries"));
	assert_int_equal(sync_options_parse(ARGC(bad_wait), bad_wait, &o, err, sizeof(err)),
			 CLIENT_EXIT_USAGE);
	assert_non_null(strstr(err, "--max-wait"));
	assert_int_equal(sync_options_parse(ARGC(zero), zero, &o, err, sizeof(err)),
			 CLIENT_EXIT_USAGE);
	assert_non_null(strstr(err, "--batch"));
	assert_int_equal(sync_options_parse(ARGC(neg), neg, &o, err, sizeof(err)),
			 CLIENT_EXIT_USAGE);
	assert_int_equal(sync_options_parse(ARGC(junk), junk, &o, err, sizeof(err)),
			 CLIENT_EXIT_USAGE);
	assert_int_equal(sync_options_parse(ARGC(huge), huge, &o, err, sizeof(err)),
			 CLIENT_EXIT_USAGE);

	assert_int_equal(sync_batch_size(0, 0), 100);
	assert_int_equal(sync_batch_size(0, 25), 25);
	assert_int_equal(sync_batch_size(500, 200), 200);
	assert_int_equal(sync_batch_size(7, 200), 7);
}

static void test_enroll_args(void **state)
{
	char *ok[] = {"enroll", "127.0.0.1:7450", "ABCD-1234", "--label", "Máy văn phòng", NULL};
	char *one[] = {"enroll", "127.0.0.1:7450", NULL};
	char *badaddr[] = {"enroll", "localhost", "ABCD", NULL};
	struct enroll_args a;
	char err[256];

	(void)state;
	assert_int_equal(enroll_args_parse(ARGC(ok), ok, &a, err, sizeof(err)), 0);
	assert_string_equal(a.server, "127.0.0.1:7450");
	assert_string_equal(a.code, "ABCD-1234");
	assert_string_equal(a.label, "Máy văn phòng");
	assert_int_equal(enroll_args_parse(ARGC(one), one, &a, err, sizeof(err)),
			 CLIENT_EXIT_USAGE);
	assert_int_equal(enroll_args_parse(ARGC(badaddr), badaddr, &a, err, sizeof(err)),
			 CLIENT_EXIT_USAGE);
	assert_non_null(strstr(err, "localhost"));

	assert_true(net_address_valid("sangkien.ldld-q11.vn:7450"));
	assert_true(net_address_valid("[::1]:7450"));
	assert_false(net_address_valid("host:0"));
	assert_false(net_address_valid("host:65536"));
	assert_false(net_address_valid("host:"));
	assert_false(net_address_valid(":7450"));
	assert_false(net_address_valid("::1:7450"));
	assert_false(net_address_valid("host:74a"));
	assert_true(net_address_valid("tls://sangkien.ldld-q11.vn:7450"));
	assert_false(net_address_valid("tls://host:0"));
	assert_false(net_address_valid("tls://"));
}

static void test_format_option(void **state)
{
	char *tsv[] = {"list", "--format", "tsv", NULL};
	char *table[] = {"list", "--format=table", NULL};
	char *bad[] = {"list", "--format", "csv", NULL};
	char *help[] = {"quota", "--help", NULL};
	enum out_format f;
	char err[256];

	(void)state;
	assert_int_equal(format_options_parse(ARGC(tsv), tsv, &f, err, sizeof(err)), 0);
	assert_int_equal(f, FORMAT_TSV);
	assert_int_equal(format_options_parse(ARGC(table), table, &f, err, sizeof(err)), 0);
	assert_int_equal(f, FORMAT_TABLE);
	assert_int_equal(format_options_parse(ARGC(bad), bad, &f, err, sizeof(err)),
			 CLIENT_EXIT_USAGE);
	assert_non_null(strstr(err, "csv"));
	/* --help is answered before any command runs (main.c), never here. */
	assert_int_equal(format_options_parse(ARGC(help), help, &f, err, sizeof(err)),
			 CLIENT_EXIT_USAGE);
}

static void test_store_path_precedence(void **state)
{
	char *p;

	(void)state;
	unsetenv("SANGKIEN_STORE");
#ifdef _WIN32
	/* Windows: the per-user data folder is %LOCALAPPDATA%\sangkien. */
	setenv("LOCALAPPDATA", "C:\\Users\\cdcs\\AppData\\Local", 1);
	p = paths_store(NULL);
	assert_string_equal(p, "C:\\Users\\cdcs\\AppData\\Local\\sangkien\\store.db");
	free(p);
#else
	setenv("HOME", "/home/cdcs", 1);
	unsetenv("XDG_DATA_HOME");
	p = paths_store(NULL);
	assert_string_equal(p, "/home/cdcs/.local/share/sangkien/store.db");
	free(p);
	setenv("XDG_DATA_HOME", "", 1); /* empty counts as unset */
	p = paths_store(NULL);
	assert_string_equal(p, "/home/cdcs/.local/share/sangkien/store.db");
	free(p);
	setenv("XDG_DATA_HOME", "/data", 1);
	p = paths_store(NULL);
	assert_string_equal(p, "/data/sangkien/store.db");
	free(p);
#endif
	setenv("SANGKIEN_STORE", "/env/store.db", 1);
	p = paths_store(NULL);
	assert_string_equal(p, "/env/store.db");
	free(p);
	p = paths_store("/opt/store.db");
	assert_string_equal(p, "/opt/store.db");
	free(p);
	unsetenv("SANGKIEN_STORE");
#ifndef _WIN32
	unsetenv("XDG_DATA_HOME");
	unsetenv("HOME");
	assert_null(paths_store(NULL));
#endif
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_add_parses_all_options),
	    cmocka_unit_test(test_add_reports_missing_options),
	    cmocka_unit_test(test_add_usage_errors),
	    cmocka_unit_test(test_add_builds_trimmed_item),
	    cmocka_unit_test(test_add_refusals_name_the_option),
	    cmocka_unit_test(test_add_title_length_counts_characters),
	    cmocka_unit_test(test_sync_options),
	    cmocka_unit_test(test_enroll_args),
	    cmocka_unit_test(test_format_option),
	    cmocka_unit_test(test_store_path_precedence),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
