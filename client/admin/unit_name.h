/*
 * unit_name.h - when are two unit names the same unit?
 *
 * Published tables spell one unit many ways ("Mầm Non 1", "mầm non 1 ",
 * decomposed diacritics from another editor).  The key below erases those
 * differences so an importer can catch a repeated unit; it is never shown or
 * stored, the name keeps its original spelling.
 */
#ifndef SANGKIEN_UNIT_NAME_H
#define SANGKIEN_UNIT_NAME_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*
 * The comparison key of name[0 .. len): leading and trailing white space
 * removed, every run of white space (including no-break spaces) made one
 * ASCII space, zero-width characters dropped, letters decomposed into base
 * letter + combining marks in canonical order (vn_letters.h) (so precomposed and
 * decomposed Vietnamese compare equal) and case-folded (A-Z, Latin-1,
 * Latin Extended-A/B incl. Đ/đ, Ơ/ơ, Ư/ư, and Latin Extended Additional
 * U+1E00..U+1EFF).  Invalid UTF-8 bytes become U+FFFD.
 * Returns a new NUL-terminated string; the caller frees it with free().
 */
char *unit_name_key(const char *name, size_t len);

/* Simple case folding of one code point (identity when not a cased
 * letter this module knows). */
uint32_t unit_name_fold(uint32_t cp);

/* True for the white space that unit_name_key collapses. */
bool unit_name_is_space(uint32_t cp);

#endif
