/*
 * vn_letters.h - the one table of Vietnamese (and other Latin) letters with
 * diacritics: each precomposed letter as its ASCII base letter and its
 * combining marks in canonical order (Unicode NFD).  Both uses derive from
 * it: vn_fold (vn_names.h) keeps the base and drops the marks, for lookups
 * and search without diacritics; unit_name_key (client/admin/unit_name.h)
 * keeps both, so that precomposed and decomposed spellings compare equal.
 */
#ifndef SANGKIEN_VN_LETTERS_H
#define SANGKIEN_VN_LETTERS_H

#include <stdint.h>

struct vn_letter {
	uint16_t cp;	   /* the precomposed letter, e.g. U+1EAD ậ */
	char base;	   /* its ASCII letter, in its case: 'a' */
	uint16_t marks[2]; /* U+0323, U+0302; 0 when unused */
};

/*
 * The decomposition of cp, or NULL when it has none here: ASCII, a mark, a
 * letter that is not a base plus marks (Đ/đ U+0110/U+0111 is d with a
 * stroke, which Unicode does not decompose), anything else.
 */
const struct vn_letter *vn_letter_find(uint32_t cp);

#endif
