/*
 * out_json.h - writing one JSON document (RFC 8259) to a stream, member by
 * member, so a long export is never held in memory.
 *
 * Strings are escaped completely: quote, backslash and every control
 * character; bytes that are not valid UTF-8 become U+FFFD, so the output is
 * valid JSON whatever the server sent.  The writer places commas and
 * indentation itself; the caller only opens, writes and closes.
 */
#ifndef SANGKIEN_OUT_JSON_H
#define SANGKIEN_OUT_JSON_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#define OUT_JSON_DEPTH_MAX 16

struct out_json {
	FILE *f;
	int depth;
	bool has_items[OUT_JSON_DEPTH_MAX]; /* something written at this depth */
	bool after_key;			    /* a key is waiting for its value */
};

void out_json_init(struct out_json *j, FILE *f);

void out_json_begin_object(struct out_json *j);
void out_json_end_object(struct out_json *j);
void out_json_begin_array(struct out_json *j);
void out_json_end_array(struct out_json *j);

/* A member name inside an object; the next value is its value. */
void out_json_key(struct out_json *j, const char *key);

void out_json_string(struct out_json *j, const char *s); /* NULL: "" */
void out_json_int(struct out_json *j, int64_t v);
void out_json_uint(struct out_json *j, uint64_t v);
/* A number with up to `decimals` decimals (trailing zeros kept). */
void out_json_fixed(struct out_json *j, double v, int decimals);
void out_json_bool(struct out_json *j, bool v);
void out_json_null(struct out_json *j);

/* Finish the document with a newline (all containers must be closed). */
void out_json_finish(struct out_json *j);

/* key + value shorthands for objects. */
void out_json_kv_string(struct out_json *j, const char *key, const char *s);
void out_json_kv_uint(struct out_json *j, const char *key, uint64_t v);
void out_json_kv_int(struct out_json *j, const char *key, int64_t v);

/* The escaped string, quotes included, on f (for other writers). */
void out_json_write_string(FILE *f, const char *s);

#endif
