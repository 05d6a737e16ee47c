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

		fprintf(out, "  %s\n      %s\n", c->usage, c->summary);
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

/* "--name ARG" as help shows it, and its display width. */
static size_t option_label(const struct command_option *o, char *buf, size_t len)
{
	snprintf(buf, len, "--%s%s%s", o->name, o->arg ? " " : "", o->arg ? o->arg : "");
	return display_width(buf);
}

void command_options_help(FILE *out, const struct command_option *opts)
{
	size_t width = 0;
	char label[128];

	for (const struct command_option *o = opts; o->name != NULL; o++) {
		size_t w = option_label(o, label, sizeof(label));

		if (w > width)
			width = w;
	}
	if (opts->name == NULL)
		return;
	fputs("\nTùy chọn:\n", out);
	for (const struct command_option *o = opts; o->name != NULL; o++) {
		size_t w = option_label(o, label, sizeof(label));

		fprintf(out, "  %s%*s  %s\n", label, (int)(width - w), "", o->help);
	}
}

int command_getopt(const char *cmd, const char *usage, const struct command_option *opts, int argc,
		   char **argv, const char **value)
{
	static struct option longs[COMMAND_OPTIONS_MAX + 1];
	size_t n = 0;
	int opt;

	for (const struct command_option *o = opts; o->name != NULL && n < COMMAND_OPTIONS_MAX;
	     o++, n++)
		longs[n] = (struct option){o->name, o->arg ? required_argument : no_argument, NULL,
					   o->key};
	longs[n] = (struct option){NULL, 0, NULL, 0};
	opt = getopt_long(argc, argv, ":", longs, NULL);
	*value = optarg;
	if (opt == ':' || opt == '?') {
		command_option_error(cmd, usage, opt, argv);
		return COMMAND_OPT_BAD;
	}
	return opt;
}

const char *command_option_name(const struct command_option *opts, int key)
{
	for (const struct command_option *o = opts; o->name != NULL; o++)
		if (o->key == key)
			return o->name;
	return "?";
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

int command_option_error(const char *cmd, const char *usage, int opt, char **argv)
{
	if (opt == ':')
		fprintf(stderr, "%s %s: tùy chọn %s cần một giá trị\n", program, cmd,
			argv[optind - 1]);
	else
		fprintf(stderr, "%s %s: tùy chọn không hợp lệ '%s'\n", program, cmd,
			argv[optind - 1]);
	fprintf(stderr, "cách dùng: %s %s\n", program, usage);
	return SK_EXIT_USAGE;
}

int command_usage_error(const char *cmd, const char *usage, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s %s: ", program, cmd);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\ncách dùng: %s %s\n", program, usage);
	return SK_EXIT_USAGE;
}
