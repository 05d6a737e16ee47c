/*
 * web_json.h - writing JSON replies.  Keys and strings are escaped; invalid
 * UTF-8 (text from the network or a damaged store) becomes U+FFFD, and
 * '<', '>' and '&' are written as \u escapes so a reply never reads as
 * markup.  Nesting is tracked (commas, depth up to WEB_JSON_MAX_DEPTH);
 * out of memory or a nesting mistake sets failed, and web_reply_json then
 * answers 500.
 *
 * Inside an object every value needs a key; inside an array key is NULL.
 */
#ifndef SANGKIEN_WEB_JSON_H
#define SANGKIEN_WEB_JSON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define WEB_JSON_MAX_DEPTH 32

struct evbuffer;

struct web_json {
	struct evbuffer *buf;
	int depth;
	bool first[WEB_JSON_MAX_DEPTH + 1]; /* no value yet at this depth */
	bool failed;
	bool terminated; /* a NUL ends buf (web_json_text) */
};

/* Returns 0, or -1 when out of memory. */
int web_json_init(struct web_json *j);
void web_json_free(struct web_json *j);

void web_json_object(struct web_json *j, const char *key);		      /* { */
void web_json_end_object(struct web_json *j);				      /* } */
void web_json_array(struct web_json *j, const char *key);		      /* [ */
void web_json_end_array(struct web_json *j);				      /* ] */
void web_json_string(struct web_json *j, const char *key, const char *value); /* NULL: null */
void web_json_string_n(struct web_json *j, const char *key, const char *value, size_t len);
void web_json_int(struct web_json *j, const char *key, int64_t value);
void web_json_bool(struct web_json *j, const char *key, bool value);
void web_json_null(struct web_json *j, const char *key);

/* The finished document, NUL-terminated (owned by j; nothing may be
 * added after); NULL when failed or not closed. */
const char *web_json_text(struct web_json *j, size_t *len);

#endif
