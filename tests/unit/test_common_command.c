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

/* command_help of one command, as a string the caller frees. */
static const struct command *help_of;

static void print_help(FILE *out)
{
	command_help(out, help_of);
}

static char *help_text(const struct command *c)
{
	help_of = c;
	return capture(print_help);
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
	s = help_text(&table[0].cmd);
	assert_string_equal(s, "Cách dùng: prog review apply TỆP.csv\n  prog review list\n\n"
			       "xem xét sáng kiến.\n\n  ghi chú\n\n"
			       "Tùy chọn chung và mã thoát: `prog --help`.\n");
	free(s);
	s = help_text(&table[1].cmd);
	assert_string_equal(s, "Cách dùng: prog add-unit MÃ TÊN\n\nthêm đơn vị.\n\n"
			       "Tùy chọn chung và mã thoát: `prog --help`.\n");
	free(s);
	s = capture(list_all);
	assert_string_equal(
	    s, "  review apply TỆP.csv\n    prog review list\n      xem xét sáng kiến\n"
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
	s = stderr_of(usage_error, &rc);
	assert_int_equal(rc, SK_EXIT_USAGE);
	assert_string_equal(s, "sangkien-admin review apply: cần đúng 1 tệp\n"
			       "cách dùng: sangkien-admin review apply TỆP.csv\n");
	free(s);
}

/* ---- declared options: parsing and help from one table ---------------- */

/* Before the first command_getopt of an argv, as the programs do it. */
static void parse_from_start(const char *program)
{
	command_set_program(program);
	optind = 0;
	opterr = 0;
}

static const struct command_option list_options[] = {
    {"status", 's', "TRẠNG_THÁI", "chỉ những sáng kiến ở trạng thái này"},
    {"all", 'a', NULL, "cả những mục đã thu hồi"},
    {NULL, 0, NULL, NULL},
};

static const struct entry with_options = {
    {"list", "list [--status S] [--all]", "liệt kê", NULL, list_options}, 3};

static void test_option_table(void **state)
{
	char *argv[] = {"list", "--all", "--status=submitted", "--status", "xét duyệt", "x", NULL};
	const char *value = NULL;
	char *s;

	(void)state;
	parse_from_start("prog");
	assert_int_equal(command_getopt("list", "list", list_options, 6, argv, &value), 'a');
	assert_null(value);
	assert_int_equal(command_getopt("list", "list", list_options, 6, argv, &value), 's');
	assert_string_equal(value, "submitted");
	assert_int_equal(command_getopt("list", "list", list_options, 6, argv, &value), 's');
	assert_string_equal(value, "xét duyệt");
	assert_int_equal(command_getopt("list", "list", list_options, 6, argv, &value), -1);
	assert_string_equal(argv[optind], "x");
	/* The help lists every declared option, aligned by display width. */
	s = help_text(&with_options.cmd);
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

/* ---- global options, before the command name ----------------------------- */

static const struct command_option global_options[] = {
    {"server", 's', "HOST:PORT", "máy chủ"},
    {"help", COMMAND_SHORT('h'), NULL, "cách dùng này"},
    {NULL, 0, NULL, NULL},
};

static int globals_bad(void)
{
	char *argv[] = {"prog", "--bogus", "list", NULL};
	const char *value;

	optind = 0;
	opterr = 0;
	return command_getopt_globals("[--server HOST:PORT] LỆNH", global_options, 3, argv, &value);
}

static void test_global_options(void **state)
{
	/* The command's own options after its name are left to the command. */
	char *argv[] = {"prog", "--server=h:1", "-h",	    "--server", "h:2",
			"list", "--all",	"--status", "x",	NULL};
	const char *value = NULL;
	char *s;
	int rc;

	(void)state;
	parse_from_start("prog");
	assert_int_equal(command_getopt_globals("u", global_options, 9, argv, &value), 's');
	assert_string_equal(value, "h:1");
	assert_int_equal(command_getopt_globals("u", global_options, 9, argv, &value), 'h');
	assert_int_equal(command_getopt_globals("u", global_options, 9, argv, &value), 's');
	assert_string_equal(value, "h:2");
	assert_int_equal(command_getopt_globals("u", global_options, 9, argv, &value), -1);
	assert_int_equal(optind, 5);
	assert_string_equal(argv[optind], "list");
	/* Then the command parses what follows its name. */
	parse_from_start("prog");
	assert_int_equal(command_getopt("list", "list", list_options, 4, argv + 5, &value), 'a');
	assert_int_equal(command_getopt("list", "list", list_options, 4, argv + 5, &value), 's');
	assert_string_equal(value, "x");
	assert_int_equal(command_getopt("list", "list", list_options, 4, argv + 5, &value), -1);
	/* A mistake names the program alone. */
	s = stderr_of(globals_bad, &rc);
	assert_int_equal(rc, COMMAND_OPT_BAD);
	assert_string_equal(s, "prog: tùy chọn không hợp lệ '--bogus'\n"
			       "cách dùng: prog [--server HOST:PORT] LỆNH\n");
	free(s);
}

/* ---- short forms, declared in the same table ----------------------------- */

static const struct command_option get_options[] = {
    {"output", COMMAND_SHORT('o'), "ĐƯỜNG-DẪN", "lưu vào đây"},
    {"format", 'f', "table|tsv", "dạng in ra"},
    {"dry-run", COMMAND_SHORT('n'), NULL, "chỉ thử"},
    {"verbose", COMMAND_SHORT('v'), NULL, "kể từng bước"},
    {NULL, 0, NULL, NULL},
};

static const struct entry get_entry = {
    {"get", "get ID [-o ĐƯỜNG-DẪN] [--format table|tsv]", "tải một tệp", NULL, get_options}, 4};

static void test_short_options(void **state)
{
	/* Positional arguments among the options: getopt_long moves them last. */
	char *argv[] = {"get",
			"-o",
			"tờ trình.pdf",
			"ID",
			"--format",
			"tsv",
			"-nv",
			"--output=x.pdf",
			"-oy.pdf",
			"--dry-run",
			"--out",
			"z.pdf",
			"--",
			"-o",
			NULL};
	const int argc = 14;
	const char *value = NULL;
	char *s;

	(void)state;
	parse_from_start("prog");
	/* Short and long forms mixed, each returning the letter. */
	assert_int_equal(command_getopt("get", "get", get_options, argc, argv, &value), 'o');
	assert_string_equal(value, "tờ trình.pdf");
	assert_int_equal(command_getopt("get", "get", get_options, argc, argv, &value), 'f');
	assert_string_equal(value, "tsv");
	/* Flags grouped after one dash. */
	assert_int_equal(command_getopt("get", "get", get_options, argc, argv, &value), 'n');
	assert_null(value);
	assert_int_equal(command_getopt("get", "get", get_options, argc, argv, &value), 'v');
	assert_null(value);
	/* -o given again (and again): every occurrence is returned in order; the
	 * command decides whether that is allowed. */
	assert_int_equal(command_getopt("get", "get", get_options, argc, argv, &value), 'o');
	assert_string_equal(value, "x.pdf");
	assert_int_equal(command_getopt("get", "get", get_options, argc, argv, &value), 'o');
	assert_string_equal(value, "y.pdf");
	assert_int_equal(command_getopt("get", "get", get_options, argc, argv, &value), 'n');
	assert_int_equal(command_getopt("get", "get", get_options, argc, argv, &value), 'o');
	assert_string_equal(value, "z.pdf");
	/* After "--", "-o" is an argument. */
	assert_int_equal(command_getopt("get", "get", get_options, argc, argv, &value), -1);
	assert_int_equal(argc - optind, 2);
	assert_string_equal(argv[optind], "ID");
	assert_string_equal(argv[optind + 1], "-o");
	assert_string_equal(command_option_name(get_options, 'o'), "output");
	assert_string_equal(command_option_name(get_options, 'f'), "format");
	/* The help gives both forms, long names aligned under each other. */
	s = help_text(&get_entry.cmd);
	assert_string_equal(s, "Cách dùng: prog get ID [-o ĐƯỜNG-DẪN] [--format table|tsv]\n\n"
			       "tải một tệp.\n\n"
			       "Tùy chọn:\n"
			       "  -o, --output ĐƯỜNG-DẪN  lưu vào đây\n"
			       "      --format table|tsv  dạng in ra\n"
			       "  -n, --dry-run           chỉ thử\n"
			       "  -v, --verbose           kể từng bước\n"
			       "\nTùy chọn chung và mã thoát: `prog --help`.\n");
	free(s);
}

/* The options of get_options in argv[1 ..), through command_getopt_own for
 * a subcommand taking own (NULL: plain command_getopt); the keys returned
 * before the first -1 or COMMAND_OPT_BAD, which ends the string. */
static const char *get_args[4];
static const char *get_own;
static char get_keys[16];

static int parse_get(void)
{
	char *argv[6] = {"get"};
	const char *value;
	size_t n = 0, k = 0;
	int opt;

	while (n < 4 && get_args[n] != NULL) {
		argv[n + 1] = (char *)get_args[n];
		n++;
	}
	optind = 0;
	opterr = 0;
	do {
		opt = get_own ? command_getopt_own("attachment get", "get ID [-o ĐƯỜNG-DẪN]",
						   get_options, get_own, (int)n + 1, argv, &value)
			      : command_getopt("attachment get", "get ID [-o ĐƯỜNG-DẪN]",
					       get_options, (int)n + 1, argv, &value);
		if (opt > 0)
			get_keys[k++] = (char)opt;
	} while (opt > 0 && k + 1 < sizeof(get_keys));
	get_keys[k] = '\0';
	return opt;
}

/* What parsing a0 a1 a2 says on stderr; *rc its last answer. */
static char *parse_get_errors(const char *own, const char *a0, const char *a1, const char *a2,
			      int *rc)
{
	get_own = own;
	get_args[0] = a0;
	get_args[1] = a1;
	get_args[2] = a2;
	get_args[3] = NULL;
	return stderr_of(parse_get, rc);
}

static void expect_get(const char *own, const char *a0, const char *a1, const char *a2,
		       const char *keys, const char *message)
{
	int rc;
	char *s = parse_get_errors(own, a0, a1, a2, &rc);

	assert_string_equal(get_keys, keys);
	if (message == NULL) {
		assert_int_equal(rc, -1);
		assert_string_equal(s, "");
	} else {
		char want[512];

		snprintf(want, sizeof(want),
			 "%s\ncách dùng: sangkien-admin get ID [-o ĐƯỜNG-DẪN]\n", message);
		assert_int_equal(rc, COMMAND_OPT_BAD);
		assert_string_equal(s, want);
	}
	free(s);
}

static void test_short_option_errors(void **state)
{
	(void)state;
	command_set_program("sangkien-admin");
	expect_get(NULL, "-o", "a.pdf", NULL, "o", NULL);
	/* A missing value, named as it was written. */
	expect_get(NULL, "-o", NULL, NULL, "",
		   "sangkien-admin attachment get: tùy chọn -o cần một giá trị");
	expect_get(NULL, "-nvo", NULL, NULL, "nv",
		   "sangkien-admin attachment get: tùy chọn -o cần một giá trị");
	expect_get(NULL, "--output", NULL, NULL, "",
		   "sangkien-admin attachment get: tùy chọn --output cần một giá trị");
	/* An unknown short option, alone or inside a group, after a long one. */
	expect_get(NULL, "-x", NULL, NULL, "",
		   "sangkien-admin attachment get: tùy chọn không hợp lệ '-x'");
	expect_get(NULL, "--dry-run", "-nxv", NULL, "nn",
		   "sangkien-admin attachment get: tùy chọn không hợp lệ '-x'");
	/* A letter that is only a key is no short form: -f is unknown. */
	expect_get(NULL, "-f", "tsv", NULL, "",
		   "sangkien-admin attachment get: tùy chọn không hợp lệ '-f'");
	expect_get(NULL, "--bogus=1", NULL, NULL, "",
		   "sangkien-admin attachment get: tùy chọn không hợp lệ '--bogus=1'");
	/* A value given to a flag. */
	expect_get(NULL, "--dry-run=yes", NULL, NULL, "",
		   "sangkien-admin attachment get: tùy chọn --dry-run không nhận giá trị "
		   "('--dry-run=yes')");
	/* A subcommand refuses the others' options by name, in either form. */
	expect_get("o", "-o", "a.pdf", "-o", "o",
		   "sangkien-admin attachment get: tùy chọn -o cần một giá trị");
	expect_get("o", "--format", "tsv", NULL, "",
		   "sangkien-admin attachment get: attachment get không dùng --format");
	expect_get("o", "-o", "a.pdf", "-n", "o",
		   "sangkien-admin attachment get: attachment get không dùng -n/--dry-run");
	expect_get("fn", "-n", "--format=tsv", NULL, "nf", NULL);
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
	    cmocka_unit_test(test_find),	  cmocka_unit_test(test_help_asked),
	    cmocka_unit_test(test_texts),	  cmocka_unit_test(test_errors),
	    cmocka_unit_test(test_option_table),  cmocka_unit_test(test_option_table_errors),
	    cmocka_unit_test(test_short_options), cmocka_unit_test(test_short_option_errors),
	    cmocka_unit_test(test_no_options),	  cmocka_unit_test(test_global_options),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
