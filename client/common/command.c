/* command.c - see command.h. */
#include "command.h"

#include <getopt.h>
#include <stdarg.h>
#include <string.h>

#include "exit_status.h"
#include "display.h"

static const char *program = "sangkien";

void command_set_program(const char *name)
{
	program = name;
}

const char *command_program(void)
{
	return program;
}

static const struct command *entry(const void *table, size_t stride, size_t i)
{
	return (const struct command *)(const void *)((const char *)table + i * stride);
}

const struct command *command_find(const void *table, size_t n, size_t stride, const char *name)
{
	for (size_t i = 0; name != NULL && i < n; i++)
		if (strcmp(entry(table, stride, i)->name, name) == 0)
			return entry(table, stride, i);
	return NULL;
}

void command_list(FILE *out, const void *table, size_t n, size_t stride)
{
	for (size_t i = 0; i < n; i++) {
		const struct command *c = entry(table, stride, i);
		const char *line = c->usage;

		/* Further usage lines are indented for "Cách dùng: PROGRAM "; here they
		 * stand a little right of the first. */
		for (const char *indent = "  "; *line != '\0'; indent = "    ") {
			size_t len = strcspn(line, "\n");

			fprintf(out, "%s%.*s\n", indent, (int)len, line);
			line += len + (line[len] == '\n');
			line += strspn(line, " ");
		}
		fprintf(out, "      %s\n", c->summary);
	}
}

bool command_help_asked(int argc, char **argv)
{
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--") == 0)
			return false;
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0)
			return true;
	}
	return false;
}

/* The letter of an option's short form, or 0. */
static int short_letter(const struct command_option *o)
{
	return o->key & COMMAND_SHORT_FLAG ? o->key & ~COMMAND_SHORT_FLAG : 0;
}

/* Whether the option of opts whose key is key has a short form. */
static bool opts_short(const struct command_option *opts, int key)
{
	for (const struct command_option *o = opts; o->name != NULL; o++)
		if ((o->key & ~COMMAND_SHORT_FLAG) == key)
			return short_letter(o) != 0;
	return false;
}

/* "-o, --name ARG" as help shows it (with room for "-o, " before names
 * without one when the table has any), and its display width. */
static size_t option_label(const struct command_option *o, bool shorts, char *buf, size_t len)
{
	int letter = short_letter(o);
	char lead[8] = "";

	if (letter != 0)
		snprintf(lead, sizeof(lead), "-%c, ", letter);
	else if (shorts)
		snprintf(lead, sizeof(lead), "    ");
	snprintf(buf, len, "%s--%s%s%s", lead, o->name, o->arg ? " " : "", o->arg ? o->arg : "");
	return display_width(buf);
}

void command_options_help(FILE *out, const struct command_option *opts)
{
	size_t width = 0;
	bool shorts = false;
	char label[128];

	for (const struct command_option *o = opts; o->name != NULL; o++)
		shorts = shorts || short_letter(o) != 0;
	for (const struct command_option *o = opts; o->name != NULL; o++) {
		size_t w = option_label(o, shorts, label, sizeof(label));

		if (w > width)
			width = w;
	}
	if (opts->name == NULL)
		return;
	fputs("\nTùy chọn:\n", out);
	for (const struct command_option *o = opts; o->name != NULL; o++) {
		size_t w = option_label(o, shorts, label, sizeof(label));

		fprintf(out, "  %s%*s  %s\n", label, (int)(width - w), "", o->help);
	}
}

/* What getopt_long returns for the long form of opts[i]: above any letter,
 * so that a long option's mistakes (optopt) are told from a short one's. */
#define LONG_BASE 0x1000

/* Report getopt_long's complaint opt (':' or '?') on stderr, naming the
 * option as written: optopt is the letter of a short option, LONG_BASE + i
 * for a known long option, 0 for an unknown long one (argv[optind - 1]).
 * A known long option's mistake is told by its declaration, not by opt:
 * glibc says '?' for a value given to a flag, the BSD getopt_long of MinGW
 * ':'. */
static void option_error(const char *cmd, const char *usage, const struct command_option *opts,
			 int opt, char **argv)
{
	const struct command_option *o = optopt >= LONG_BASE ? &opts[optopt - LONG_BASE] : NULL;

	/* "PROGRAM CMD: ", or "PROGRAM: " before the command name. */
	const char *sp = cmd != NULL ? " " : "", *c = cmd != NULL ? cmd : "";

	if (o != NULL && o->arg == NULL)
		fprintf(stderr, "%s%s%s: tùy chọn --%s không nhận giá trị ('%s')\n", program, sp, c,
			o->name, argv[optind - 1]);
	else if (o != NULL)
		fprintf(stderr, "%s%s%s: tùy chọn --%s cần một giá trị\n", program, sp, c, o->name);
	else if (optopt > 0 && opt == ':')
		fprintf(stderr, "%s%s%s: tùy chọn -%c cần một giá trị\n", program, sp, c, optopt);
	else if (optopt > 0)
		fprintf(stderr, "%s%s%s: tùy chọn không hợp lệ '-%c'\n", program, sp, c, optopt);
	else
		fprintf(stderr, "%s%s%s: tùy chọn không hợp lệ '%s'\n", program, sp, c,
			argv[optind - 1]);
	command_usage_print(stderr, usage);
}

/* command_getopt, and with cmd NULL command_getopt_globals: getopt_long
 * stops at the first argument that is not an option ('+'). */
static int getopt_table(const char *cmd, const char *usage, const struct command_option *opts,
			int argc, char **argv, const char **value)
{
	static struct option longs[COMMAND_OPTIONS_MAX + 1];
	/* "+" before a command, ":" and each letter with its ':' when it takes a
	 * value. */
	char shorts[3 + 2 * COMMAND_OPTIONS_MAX + 1] = ":";
	size_t n = 0, k = 1;
	int opt;

	if (cmd == NULL) {
		shorts[0] = '+';
		shorts[1] = ':';
		k = 2;
	}

	for (const struct command_option *o = opts; o->name != NULL && n < COMMAND_OPTIONS_MAX;
	     o++, n++) {
		longs[n] = (struct option){o->name, o->arg ? required_argument : no_argument, NULL,
					   LONG_BASE + (int)n};
		if (short_letter(o) != 0) {
			shorts[k++] = (char)short_letter(o);
			if (o->arg)
				shorts[k++] = ':';
		}
	}
	longs[n] = (struct option){NULL, 0, NULL, 0};
	shorts[k] = '\0';
	optopt = 0;
	opt = getopt_long(argc, argv, shorts, longs, NULL);
	*value = optarg;
	if (opt == ':' || opt == '?') {
		option_error(cmd, usage, opts, opt, argv);
		return COMMAND_OPT_BAD;
	}
	if (opt >= LONG_BASE)
		opt = opts[opt - LONG_BASE].key;
	return opt == -1 ? -1 : opt & ~COMMAND_SHORT_FLAG;
}

int command_getopt(const char *cmd, const char *usage, const struct command_option *opts, int argc,
		   char **argv, const char **value)
{
	return getopt_table(cmd, usage, opts, argc, argv, value);
}

int command_getopt_globals(const char *usage, const struct command_option *opts, int argc,
			   char **argv, const char **value)
{
	return getopt_table(NULL, usage, opts, argc, argv, value);
}

const char *command_option_name(const struct command_option *opts, int key)
{
	for (const struct command_option *o = opts; o->name != NULL; o++)
		if ((o->key & ~COMMAND_SHORT_FLAG) == key)
			return o->name;
	return "?";
}

int command_getopt_own(const char *sub, const char *usage, const struct command_option *opts,
		       const char *own, int argc, char **argv, const char **value)
{
	int opt = command_getopt(sub, usage, opts, argc, argv, value);

	if (opt > 0 && (opt > 0xFF || strchr(own, opt) == NULL)) {
		const char *name = command_option_name(opts, opt);

		if (opt <= 0xFF && opts_short(opts, opt))
			command_usage_error(sub, usage, "%s không dùng -%c/--%s", sub, opt, name);
		else
			command_usage_error(sub, usage, "%s không dùng --%s", sub, name);
		return COMMAND_OPT_BAD;
	}
	return opt;
}

const struct command_option command_no_options[] = {{NULL, 0, NULL, NULL}};

int command_no_options_parse(const char *cmd, const char *usage, int argc, char **argv)
{
	const char *value;

	optind = 0;
	opterr = 0;
	return command_getopt(cmd, usage, command_no_options, argc, argv, &value) == -1
		   ? 0
		   : SK_EXIT_USAGE;
}

void command_help(FILE *out, const struct command *c)
{
	fprintf(out, "Cách dùng: %s %s\n\n%s.\n", program, c->usage, c->summary);
	if (c->options != NULL)
		command_options_help(out, c->options);
	if (c->help != NULL)
		fprintf(out, "\n%s", c->help);
	fprintf(out, "\nTùy chọn chung và mã thoát: `%s --help`.\n", program);
}

void command_usage_print(FILE *out, const char *usage)
{
	fprintf(out, "cách dùng: %s %s\n", program, usage);
}

int command_usage_error(const char *cmd, const char *usage, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s %s: ", program, cmd);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	command_usage_print(stderr, usage);
	return SK_EXIT_USAGE;
}
