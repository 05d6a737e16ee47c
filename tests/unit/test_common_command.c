/* The command table both clients dispatch through: finding a command, the
 * --help check run before any command, the help and list texts, and the
 * reporting of option mistakes. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <getopt.h>
#include <cmocka.h>

#include "command.h"
#include "exit_status.h"

/* A program's table: entries that begin with struct command. */
static const struct entry {
	struct command cmd;
	int marker;
} table[] = {
    {{"review", "review apply TỆP.csv\n  prog review list", "xem xét sáng kiến", "  ghi chú\n",
      NULL},
     1},
    {{"add-unit", "add-unit MÃ TÊN", "thêm đơn vị", NULL, NULL}, 2},
};

#define N (sizeof(table) / sizeof(table[0]))

static void test_find(void **state)
{
	const struct command *c;

	(void)state;
	c = command_find(table, N, sizeof(table[0]), "add-unit");
	assert_non_null(c);
	assert_int_equal(((const struct entry *)(const void *)c)->marker, 2);
	assert_null(command_find(table, N, sizeof(table[0]), "add"));
	assert_null(command_find(table, N, sizeof(table[0]), "Review"));
	assert_null(command_find(table, N, sizeof(table[0]), NULL));
	assert_null(command_find(table, 0, sizeof(table[0]), "review"));
}

static bool asked(const char *a1, const char *a2, const char *a3)
{
	char *argv[] = {"review", (char *)a1, (char *)a2, (char *)a3, NULL};
	int argc = 1 + (a1 != NULL) + (a1 && a2 != NULL) + (a1 && a2 && a3 != NULL);

	return command_help_asked(argc, argv);
}

static void test_help_asked(void **state)
{
	(void)state;
	assert_true(asked("--help", NULL, NULL));
	assert_true(asked("-h", NULL, NULL));
	assert_true(asked("apply", "--help", NULL));
	assert_true(asked("apply", "x.csv", "-h"));
	assert_true(asked("--status", "submitted", "--help"));
	assert_false(asked(NULL, NULL, NULL));
	assert_false(asked("apply", "x.csv", NULL));
	assert_false(asked("apply", "--", "--help"));
	assert_false(asked("--", "-h", NULL));
	assert_false(asked("--help=yes", NULL, NULL));
	assert_false(asked("-hx", NULL, NULL));
	assert_false(asked("--note=--help", NULL, NULL));
	/* argv[0] is the command's name, never an argument. */
	{
		char *argv[] = {"--help", NULL};

		assert_false(command_help_asked(1, argv));
	}
}

/* What f writes on a memory stream, as a string the caller frees. */
static char *capture(void (*f)(FILE *))
{
	char *buf = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&buf, &len);

	assert_non_null(out);
	f(out);
	fclose(out);
	return buf;
}

static void help_of_review(FILE *out)
{
	command_help(out, &table[0].cmd);
}

static void help_of_add_unit(FILE *out)
{
	command_help(out, &table[1].cmd);
}

static void list_all(FILE *out)
{
	command_list(out, table, N, sizeof(table[0]));
}

static void test_texts(void **state)
{
	char *s;

	(void)state;
	command_set_program("prog");
	assert_string_equal(command_program(), "prog");
	s = capture(help_of_review);
	assert_string_equal(s, "Cách dùng: prog review apply TỆP.csv\n  prog review list\n\n"
			       "xem xét sáng kiến.\n\n  ghi chú\n\n"
			       "Tùy chọn chung và mã thoát: `prog --help`.\n");
	free(s);
	s = capture(help_of_add_unit);
	assert_string_equal(s, "Cách dùng: prog add-unit MÃ TÊN\n\nthêm đơn vị.\n\n"
			       "Tùy chọn chung và mã thoát: `prog --help`.\n");
	free(s);
	s = capture(list_all);
	assert_string_equal(s,
			    "  review apply TỆP.csv\n  prog review list\n      xem xét sáng kiến\n"
			    "  add-unit MÃ TÊN\n      thêm đơn vị\n");
	free(s);
}

/* Run f with stderr going to a temporary file; returns what it wrote. */
static char *stderr_of(int (*f)(void), int *rc)
{
	FILE *tmp = tmpfile();
	int saved = dup(2);
	char *buf = calloc(1, 1024);
	size_t n;

	assert_non_null(tmp);
	assert_non_null(buf);
	fflush(stderr);
	dup2(fileno(tmp), 2);
	*rc = f();
	fflush(stderr);
	dup2(saved, 2);
	close(saved);
	rewind(tmp);
	n = fread(buf, 1, 1023, tmp);
	buf[n] = '\0';
	fclose(tmp);
	return buf;
}

/* getopt_long over argv[0 .. 2), then its complaint. */
static int option_error_for(char *arg)
{
	char *argv[] = {"review", arg, NULL};
	static const struct option opts[] = {{"status", required_argument, NULL, 's'}, {0}};
	int opt;

	optind = 0;
	opterr = 0;
	opt = getopt_long(2, argv, ":", opts, NULL);
	return command_option_error("review list", "review list [--status S]", opt, argv);
}

static int bad_option(void)
{
	return option_error_for("--bogus");
}

static int missing_value(void)
{
	return option_error_for("--status");
}

static int usage_error(void)
{
	return command_usage_error("review apply", "review apply TỆP.csv", "cần đúng %d tệp", 1);
}

static void test_errors(void **state)
{
	char *s;
	int rc;

	(void)state;
	command_set_program("sangkien-admin");
	s = stderr_of(bad_option, &rc);
	assert_int_equal(rc, SK_EXIT_USAGE);
	assert_string_equal(s, "sangkien-admin review list: tùy chọn không hợp lệ '--bogus'\n"
			       "cách dùng: sangkien-admin review list [--status S]\n");
	free(s);
	s = stderr_of(missing_value, &rc);
	assert_int_equal(rc, SK_EXIT_USAGE);
	assert_string_equal(s, "sangkien-admin review list: tùy chọn --status cần một giá trị\n"
			       "cách dùng: sangkien-admin review list [--status S]\n");
	free(s);
	s = stderr_of(usage_error, &rc);
	assert_int_equal(rc, SK_EXIT_USAGE);
	assert_string_equal(s, "sangkien-admin review apply: cần đúng 1 tệp\n"
			       "cách dùng: sangkien-admin review apply TỆP.csv\n");
	free(s);
}

/* ---- declared options: parsing and help from one table ---------------- */

static const struct command_option list_options[] = {
    {"status", 's', "TRẠNG_THÁI", "chỉ những sáng kiến ở trạng thái này"},
    {"all", 'a', NULL, "cả những mục đã thu hồi"},
    {NULL, 0, NULL, NULL},
};

static const struct entry with_options = {
    {"list", "list [--status S] [--all]", "liệt kê", NULL, list_options}, 3};

static void help_of_list(FILE *out)
{
	command_help(out, &with_options.cmd);
}

static void test_option_table(void **state)
{
	char *argv[] = {"list", "--all", "--status=submitted", "--status", "xét duyệt", "x", NULL};
	const char *value = NULL;
	char *s;

	(void)state;
	command_set_program("prog");
	optind = 0;
	opterr = 0;
	assert_int_equal(command_getopt("list", "list", list_options, 6, argv, &value), 'a');
	assert_null(value);
	assert_int_equal(command_getopt("list", "list", list_options, 6, argv, &value), 's');
	assert_string_equal(value, "submitted");
	assert_int_equal(command_getopt("list", "list", list_options, 6, argv, &value), 's');
	assert_string_equal(value, "xét duyệt");
	assert_int_equal(command_getopt("list", "list", list_options, 6, argv, &value), -1);
	assert_string_equal(argv[optind], "x");
	/* The help lists every declared option, aligned by display width. */
	s = capture(help_of_list);
	assert_string_equal(s, "Cách dùng: prog list [--status S] [--all]\n\nliệt kê.\n\n"
			       "Tùy chọn:\n"
			       "  --status TRẠNG_THÁI  chỉ những sáng kiến ở trạng thái này\n"
			       "  --all                cả những mục đã thu hồi\n"
			       "\nTùy chọn chung và mã thoát: `prog --help`.\n");
	free(s);
}

/* command_getopt over argv[0 .. 2): its answer after reporting. */
static int table_error_for(char *arg)
{
	char *argv[] = {"list", arg, NULL};
	const char *value;

	optind = 0;
	opterr = 0;
	return command_getopt("list", "list [--status S]", list_options, 2, argv, &value);
}

static int table_bad_option(void)
{
	return table_error_for("--bogus");
}

static int table_missing_value(void)
{
	return table_error_for("--status");
}

static void test_option_table_errors(void **state)
{
	char *s;
	int rc;

	(void)state;
	command_set_program("sangkien");
	s = stderr_of(table_bad_option, &rc);
	assert_int_equal(rc, COMMAND_OPT_BAD);
	assert_string_equal(s, "sangkien list: tùy chọn không hợp lệ '--bogus'\n"
			       "cách dùng: sangkien list [--status S]\n");
	free(s);
	s = stderr_of(table_missing_value, &rc);
	assert_int_equal(rc, COMMAND_OPT_BAD);
	assert_string_equal(s, "sangkien list: tùy chọn --status cần một giá trị\n"
			       "cách dùng: sangkien list [--status S]\n");
	free(s);
}

static int no_options_given(void)
{
	char *argv[] = {"show", "12", NULL};

	return command_no_options_parse("show", "show ID", 2, argv);
}

static int no_options_refused(void)
{
	char *argv[] = {"show", "12", "--all", NULL};

	return command_no_options_parse("show", "show ID", 3, argv);
}

static void print_no_options(FILE *out)
{
	command_options_help(out, command_no_options);
}

static void test_no_options(void **state)
{
	char *s;
	int rc;

	(void)state;
	command_set_program("sangkien");
	s = stderr_of(no_options_given, &rc);
	assert_int_equal(rc, 0);
	assert_string_equal(s, "");
	free(s);
	s = stderr_of(no_options_refused, &rc);
	assert_int_equal(rc, SK_EXIT_USAGE);
	assert_string_equal(s, "sangkien show: tùy chọn không hợp lệ '--all'\n"
			       "cách dùng: sangkien show ID\n");
	free(s);
	s = capture(print_no_options);
	assert_string_equal(s, "");
	free(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_find),	 cmocka_unit_test(test_help_asked),
	    cmocka_unit_test(test_texts),	 cmocka_unit_test(test_errors),
	    cmocka_unit_test(test_option_table), cmocka_unit_test(test_option_table_errors),
	    cmocka_unit_test(test_no_options),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
