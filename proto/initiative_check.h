/*
 * initiative_check.h - the rules an initiative must meet, shared by the
 * client (checked at entry and before sync) and the server (checked again,
 * since the network is hostile).
 */
#ifndef SANGKIEN_INITIATIVE_CHECK_H
#define SANGKIEN_INITIATIVE_CHECK_H

#include <openssl/evp.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sangkien.pb-c.h"

/* Limits, in Unicode code points unless said otherwise. */
#define CHECK_TITLE_MAX 300
#define CHECK_TEXT_MAX 20000 /* summary, effect */
#define CHECK_NAME_MAX 200   /* author name, position */
#define CHECK_AUTHORS_MAX 50
#define CHECK_UNIT_CODE_MAX 32 /* bytes: [A-Za-z0-9._-] */

/* Initiatives count from this date (the programme's start). */
#define CHECK_FIRST_DAY "2021-09-01"

struct check_error {
	char field[48];	  /* e.g. "title", "authors[2].name" */
	char reason[160]; /* English, e.g. "must not be empty" */
};

/* Fill *err with field and the formatted reason; returns false (a check's
 * refusal: `return check_fail(err, "title", "too long");`). */
bool check_fail(struct check_error *err, const char *field, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/*
 * Check every field.  today_days is the current date as days since
 * 1970-01-01; applied_on may not be later than today + 1 (time zones).
 * Returns true when valid; otherwise fills *err with the first problem.
 */
bool initiative_check(const Sangkien__Initiative *it, int32_t today_days, struct check_error *err);

/* Strict UTF-8: no overlong forms, surrogates or code points above
 * U+10FFFF.  On success *code_points is set (when not NULL). */
bool utf8_is_valid(const char *s, size_t len, size_t *code_points);

/* Parse YYYY-MM-DD (a real calendar date) into days since 1970-01-01. */
bool date_parse(const char *text, int32_t *days);

/* Format days since 1970-01-01 as YYYY-MM-DD (buffer of 11). */
void date_format(int32_t days, char out[11]);

/* Today's date in UTC as days since 1970-01-01. */
int32_t date_today_utc(void);

/* A unit code: 1..32 bytes of [A-Za-z0-9._-]. */
bool unit_code_is_valid(const char *code);

/* Kind and theme codes used in files and the protocol's text forms:
 * "scientific", "technical", "management"; "covid", "workers-life",
 * "production", "admin-reform", "union-work" (the table is names.c; their
 * Vietnamese names and what people may type are client/common/vn_names.h).
 * Parsers return false for an unknown code; *_name returns NULL for an
 * unknown value. */
bool kind_parse(const char *name, Sangkien__InitiativeKind *kind);
const char *kind_name(Sangkien__InitiativeKind kind);
bool theme_parse(const char *name, Sangkien__Theme *theme);
const char *theme_name(Sangkien__Theme theme);

/*
 * The canonical content hash (SHA-256) of an initiative, as the server
 * computes it for receipts and duplicate detection; PROTOCOL.md defines the
 * byte layout.  The uuid and unit_code are part of it.
 */
void initiative_content_sha256(const Sangkien__Initiative *it, uint8_t out[32]);

/* The same hash with the caller's context (from EVP_MD_CTX_new, reset
 * here), for a program that hashes many initiatives on one thread: one
 * allocation for all of them. */
void initiative_content_sha256_ctx(EVP_MD_CTX *ctx, const Sangkien__Initiative *it,
				   uint8_t out[32]);

#endif
