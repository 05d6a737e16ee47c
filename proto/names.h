/*
 * names.h - the one table of the codes and Vietnamese names of initiative
 * statuses, kinds and themes, and of the levels of the unit tree (the enums
 * of sangkien.proto).
 *
 * The code is what the protocol's text forms, the database, files and
 * command-line options use ("under_review", "technical", "workers-life");
 * the Vietnamese name is what people read ("Đang xét duyệt").  Client
 * lookups that also accept the Vietnamese name (with or without diacritics)
 * are in client/common/vn_names.h.
 */
#ifndef SANGKIEN_NAMES_H
#define SANGKIEN_NAMES_H

#include <stdbool.h>
#include <stddef.h>

enum name_set {
	NAMES_STATUS, /* Sangkien__InitiativeStatus */
	NAMES_KIND,   /* Sangkien__InitiativeKind */
	NAMES_THEME,  /* Sangkien__Theme */
	NAMES_LEVEL,  /* Sangkien__UnitLevel: units.level's codes */
};

struct name_entry {
	int value;	  /* the enum value; never the UNSPECIFIED 0 */
	const char *code; /* stable code, ASCII */
	const char *vi;	  /* Vietnamese name, capitalised as a table cell */
};

/* The entries of one set, in enum order; *n is set to their number. */
const struct name_entry *names_table(enum name_set set, size_t *n);

/* The entry of value in set; NULL when the value has none (0 or unknown). */
const struct name_entry *names_find(enum name_set set, int value);

/* The entry whose code is exactly code; NULL when none (or code NULL). */
const struct name_entry *names_find_code(enum name_set set, const char *code);

#endif
