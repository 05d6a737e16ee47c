/*
 * draft.h - an initiative as the user types it (the entry form of `ui`,
 * the prompts of `add`): every field a string as typed, in struct
 * add_options, and how it is checked field by field.
 *
 * Checking has two steps, both shared with the rest of the client:
 *   1. the conventions (vn_*): a kind or theme given by its Vietnamese
 *      name (with or without diacritics) or its code, a date as
 *      dd/mm/yyyy, d/m/yyyy or ISO;
 *   2. the rules (initiative_check, the same as the server's), applied to
 *      one field alone: the other fields are set to values the rules
 *      accept, so every error reported belongs to that field.
 *
 * A draft is kept in the store (store_draft.h) as its form encoding:
 * application/x-www-form-urlencoded with the keys title, kind, theme,
 * applied_on, summary, effect and, per author row, author_name and
 * author_position (in pairs, in order).
 */
#ifndef SANGKIEN_DRAFT_H
#define SANGKIEN_DRAFT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "cmd_add.h"

struct evkeyvalq;

enum draft_field {
	DRAFT_TITLE = 0,
	DRAFT_KIND,
	DRAFT_AUTHORS,
	DRAFT_SUMMARY,
	DRAFT_EFFECT,
	DRAFT_APPLIED_ON,
	DRAFT_THEME,
	DRAFT_N_FIELDS
};

/* "title", "kind", "authors", "summary", "effect", "applied_on", "theme". */
const char *draft_field_name(enum draft_field f);
bool draft_field_parse(const char *name, enum draft_field *f);
/* "tên sáng kiến", "loại sáng kiến", ... (lower case, for sentences). */
const char *draft_field_label(enum draft_field f);

struct draft_problem {
	enum draft_field field;
	int author;	   /* the author row (from 0) for DRAFT_AUTHORS, or -1 */
	char message[640]; /* Vietnamese, without the field's name */
};

/*
 * Check field f of o as typed (a field not typed, NULL, counts as empty).
 * True when it is fine; otherwise *p says what is wrong.
 */
bool draft_check_field(const struct add_options *o, enum draft_field f, int32_t today_days,
		       struct draft_problem *p);

/* Every field's problem (at most one per field), in field order, at most
 * max of them.  Returns how many. */
size_t draft_check_all(const struct add_options *o, int32_t today_days, struct draft_problem *p,
		       size_t max);

/*
 * The checked item o describes (conventions applied, then add_build_item),
 * or CLIENT_EXIT_USAGE with a Vietnamese message in err.
 */
int draft_build_item(const struct add_options *o, const char *unit_code, int32_t today_days,
		     struct item **out, char *err, size_t errlen);

/*
 * o with the conventions applied (kind and theme as codes, the date as
 * ISO) into *norm, which borrows o's strings except those it replaces
 * (free with draft_normalized_clear).  A value the conventions do not
 * recognise is left as typed, for the rules to refuse.  Returns 0 or -1
 * (out of memory).
 */
struct draft_normalized {
	struct add_options o;
	char *owned[3];
};
int draft_normalize(const struct add_options *o, struct draft_normalized *norm);
void draft_normalized_clear(struct draft_normalized *norm);

/* The form's fields into *o (cleared first; free with add_options_clear).
 * An author row with both parts empty is skipped.  Returns 0 or -1. */
int draft_from_form(const struct evkeyvalq *fields, struct add_options *o);

/* o as its form encoding: a new string, or NULL when out of memory. */
char *draft_encode(const struct add_options *o);

/* Decode a stored draft into *o.  Returns 0, or -1 when it does not
 * parse or memory runs out. */
int draft_decode(const char *encoded, struct add_options *o);

#endif
