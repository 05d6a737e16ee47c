/*
 * initiative_params.h - an initiative's content as the text parameters the
 * storing SQL functions take (sk_submit_initiative, sk_edit_initiative):
 * the canonical content hash as a bytea literal, the authors as a jsonb
 * array, the theme name or NULL.  One place, so that a submit and an edit
 * of the same content always store the same bytes and the same hash.
 */
#ifndef SK_INITIATIVE_PARAMS_H
#define SK_INITIATIVE_PARAMS_H

#include <stdbool.h>

#include "sangkien.pb-c.h"
#include "strbuf.h"

struct initiative_params {
	char sha_sql[67];      /* "\x" + 64 hex digits of the content SHA-256 */
	struct strbuf authors; /* [{"name": ..., "position": ...}, ...] in order */
	const char *kind;      /* "scientific", ... (static) */
	const char *theme;     /* NULL when no theme is given (static) */
};

/*
 * Fill p from a checked initiative (initiative_check() passed).  Returns
 * false when out of memory; release p with initiative_params_release()
 * either way.
 */
bool initiative_params_init(struct initiative_params *p, const Sangkien__Initiative *it);

/* The authors JSON, valid while p is. */
const char *initiative_params_authors(struct initiative_params *p);

void initiative_params_release(struct initiative_params *p);

#endif
