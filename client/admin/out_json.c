/*
 * out_json.c - streaming JSON output (see out_json.h).
 */
#include "out_json.h"

#include <inttypes.h>
#include <math.h>
#include <string.h>

#include "utf8.h"

void out_json_init(struct out_json *j, FILE *f)
{
	memset(j, 0, sizeof(*j));
	j->f = f;
}

static void indent(struct out_json *j)
{
	int i;

	putc('\n', j->f);
	for (i = 0; i < j->depth; i++)
		fputs("  ", j->f);
}

/* Before any value: the comma and the new line, unless it follows a key. */
static void before_value(struct out_json *j)
{
	if (j->after_key) {
		j->after_key = false;
		return;
	}
	if (j->depth == 0)
		return;
	if (j->has_items[j->depth])
		putc(',', j->f);
	j->has_items[j->depth] = true;
	indent(j);
}

static void begin_container(struct out_json *j, char c)
{
	before_value(j);
	putc(c, j->f);
	if (j->depth + 1 < OUT_JSON_DEPTH_MAX)
		j->depth++;
	j->has_items[j->depth] = false;
}

static void end_container(struct out_json *j, char c)
{
	bool had = j->has_items[j->depth];

	if (j->depth > 0)
		j->depth--;
	if (had)
		indent(j);
	putc(c, j->f);
}

void out_json_begin_object(struct out_json *j)
{
	begin_container(j, '{');
}

void out_json_end_object(struct out_json *j)
{
	end_container(j, '}');
}

void out_json_begin_array(struct out_json *j)
{
	begin_container(j, '[');
}

void out_json_end_array(struct out_json *j)
{
	end_container(j, ']');
}

void out_json_write_string(FILE *f, const char *s)
{
	const char *p = s ? s : "", *end = p + strlen(p);

	putc('"', f);
	while (p < end) {
		const char *start = p;
		uint32_t cp = utf8_next(&p, end);
		char buf[4];

		switch (cp) {
		case '"':
			fputs("\\\"", f);
			break;
		case '\\':
			fputs("\\\\", f);
			break;
		case '\n':
			fputs("\\n", f);
			break;
		case '\r':
			fputs("\\r", f);
			break;
		case '\t':
			fputs("\\t", f);
			break;
		default:
			if (cp < 0x20 || cp == 0x7F) {
				fprintf(f, "\\u%04x", (unsigned)cp);
			} else if (cp == UTF8_REPLACEMENT) {
				/* Either a real U+FFFD or a bad byte: write it encoded. */
				fwrite(buf, 1, utf8_put(cp, buf), f);
			} else {
				fwrite(start, 1, (size_t)(p - start), f);
			}
		}
	}
	putc('"', f);
}

void out_json_key(struct out_json *j, const char *key)
{
	before_value(j);
	out_json_write_string(j->f, key);
	fputs(": ", j->f);
	j->after_key = true;
}

void out_json_string(struct out_json *j, const char *s)
{
	before_value(j);
	out_json_write_string(j->f, s);
}

void out_json_int(struct out_json *j, int64_t v)
{
	before_value(j);
	fprintf(j->f, "%" PRId64, v);
}

void out_json_uint(struct out_json *j, uint64_t v)
{
	before_value(j);
	fprintf(j->f, "%" PRIu64, v);
}

void out_json_fixed(struct out_json *j, double v, int decimals)
{
	before_value(j);
	if (!isfinite(v))
		fputs("null", j->f);
	else
		fprintf(j->f, "%.*f", decimals, v);
}

void out_json_bool(struct out_json *j, bool v)
{
	before_value(j);
	fputs(v ? "true" : "false", j->f);
}

void out_json_null(struct out_json *j)
{
	before_value(j);
	fputs("null", j->f);
}

void out_json_finish(struct out_json *j)
{
	putc('\n', j->f);
}

void out_json_kv_string(struct out_json *j, const char *key, const char *s)
{
	out_json_key(j, key);
	out_json_string(j, s);
}

void out_json_kv_uint(struct out_json *j, const char *key, uint64_t v)
{
	out_json_key(j, key);
	out_json_uint(j, v);
}

void out_json_kv_int(struct out_json *j, const char *key, int64_t v)
{
	out_json_key(j, key);
	out_json_int(j, v);
}
