/* web_json.c - see web_json.h. */
#include "web_json.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include <event2/buffer.h>

#include "initiative_check.h"

int web_json_init(struct web_json *j)
{
	memset(j, 0, sizeof(*j));
	j->first[0] = true;
	j->buf = evbuffer_new();
	return j->buf != NULL ? 0 : -1;
}

void web_json_free(struct web_json *j)
{
	if (j->buf != NULL)
		evbuffer_free(j->buf);
	j->buf = NULL;
}

static void put(struct web_json *j, const char *s, size_t n)
{
	if (j->terminated)
		j->failed = true;
	if (!j->failed && evbuffer_add(j->buf, s, n) != 0)
		j->failed = true;
}

/* Length of the UTF-8 sequence a lead byte starts (1 for a stray byte). */
static size_t seq_len(unsigned char c)
{
	if (c >= 0xf0)
		return 4;
	if (c >= 0xe0)
		return 3;
	if (c >= 0xc0)
		return 2;
	return 1;
}

static void put_quoted(struct web_json *j, const char *s, size_t len)
{
	static const char hex[] = "0123456789abcdef";
	size_t i = 0, run = 0;

	put(j, "\"", 1);
	while (i < len) {
		unsigned char c = (unsigned char)s[i];
		char esc[8];
		size_t n;

		if (c >= 0x80) {
			n = seq_len(c);
			if (n <= len - i && utf8_is_valid(s + i, n, NULL)) {
				i += n;
				run += n;
				continue;
			}
			put(j, s + i - run, run);
			run = 0;
			put(j, "\xef\xbf\xbd", 3); /* U+FFFD */
			i++;
			continue;
		}
		if (c >= 0x20 && c != '"' && c != '\\' && c != '<' && c != '>' && c != '&') {
			i++;
			run++;
			continue;
		}
		put(j, s + i - run, run);
		run = 0;
		if (c == '"' || c == '\\') {
			esc[0] = '\\';
			esc[1] = (char)c;
			put(j, esc, 2);
		} else if (c == '\n') {
			put(j, "\\n", 2);
		} else {
			memcpy(esc, "\\u00", 4);
			esc[4] = hex[c >> 4];
			esc[5] = hex[c & 15];
			put(j, esc, 6);
		}
		i++;
	}
	put(j, s + i - run, run);
	put(j, "\"", 1);
}

/* The separator and key before a value. */
static void begin_value(struct web_json *j, const char *key)
{
	if (!j->first[j->depth])
		put(j, ",", 1);
	j->first[j->depth] = false;
	if (key != NULL) {
		put_quoted(j, key, strlen(key));
		put(j, ":", 1);
	}
}

static void open_nest(struct web_json *j, const char *key, const char *bracket)
{
	begin_value(j, key);
	if (j->depth >= WEB_JSON_MAX_DEPTH) {
		j->failed = true;
		return;
	}
	put(j, bracket, 1);
	j->first[++j->depth] = true;
}

static void close_nest(struct web_json *j, const char *bracket)
{
	if (j->depth == 0) {
		j->failed = true;
		return;
	}
	j->depth--;
	put(j, bracket, 1);
}

void web_json_object(struct web_json *j, const char *key)
{
	open_nest(j, key, "{");
}

void web_json_end_object(struct web_json *j)
{
	close_nest(j, "}");
}

void web_json_array(struct web_json *j, const char *key)
{
	open_nest(j, key, "[");
}

void web_json_end_array(struct web_json *j)
{
	close_nest(j, "]");
}

void web_json_string_n(struct web_json *j, const char *key, const char *value, size_t len)
{
	begin_value(j, key);
	put_quoted(j, value, len);
}

void web_json_string(struct web_json *j, const char *key, const char *value)
{
	if (value == NULL) {
		web_json_null(j, key);
		return;
	}
	web_json_string_n(j, key, value, strlen(value));
}

void web_json_int(struct web_json *j, const char *key, int64_t value)
{
	char num[24];
	int n = snprintf(num, sizeof(num), "%" PRId64, value);

	begin_value(j, key);
	put(j, num, (size_t)n);
}

void web_json_bool(struct web_json *j, const char *key, bool value)
{
	begin_value(j, key);
	put(j, value ? "true" : "false", value ? 4 : 5);
}

void web_json_null(struct web_json *j, const char *key)
{
	begin_value(j, key);
	put(j, "null", 4);
}

const char *web_json_text(struct web_json *j, size_t *len)
{
	if (j->failed || j->depth != 0)
		return NULL;
	if (!j->terminated) {
		put(j, "", 1);
		j->terminated = true;
	}
	if (j->failed)
		return NULL;
	*len = evbuffer_get_length(j->buf) - 1;
	return (const char *)evbuffer_pullup(j->buf, -1);
}
