/*
 * vn_names.h - initiative statuses, kinds and themes for people: their
 * Vietnamese names, and lookup of what a user typed.
 *
 * The table itself (code and Vietnamese name of each value) is proto/names.c,
 * shared with the server.  A user may type the code ("under_review",
 * "workers-life") or the Vietnamese name, with or without diacritics, in any
 * case, with any spacing or punctuation: "Đang xét duyệt", "dang xet duyet",
 * "ĐANG XÉT DUYỆT" and "under review" all name the same status.
 */
#ifndef SANGKIEN_VN_NAMES_H
#define SANGKIEN_VN_NAMES_H

#include <stdbool.h>
#include <stddef.h>

#include "names.h"
#include "sangkien.pb-c.h"

/* Vietnamese name of a status, e.g. "Đang xét duyệt"; "Không rõ" for a value
 * outside the table.  Never NULL; static storage. */
const char *vn_status_name(Sangkien__InitiativeStatus status);

/* Vietnamese name of a kind, e.g. "Cải tiến kỹ thuật"; "Không rõ" when
 * unknown.  Never NULL. */
const char *vn_kind_name(Sangkien__InitiativeKind kind);

/* Vietnamese name of a theme, e.g. "Phòng, chống dịch Covid-19";
 * "Không ghi chủ đề" for THEME_UNSPECIFIED, "Không rõ" when unknown. */
const char *vn_theme_name(Sangkien__Theme theme);

/*
 * What the user typed, as a status / kind / theme: the code or the
 * Vietnamese name, compared after vn_fold().  True with *out set; false (and
 * *out untouched) when text names none.  text NULL or empty names none
 * (an empty theme is the caller's decision, not a lookup).
 */
bool vn_status_lookup(const char *text, Sangkien__InitiativeStatus *out);
bool vn_kind_lookup(const char *text, Sangkien__InitiativeKind *out);
bool vn_theme_lookup(const char *text, Sangkien__Theme *out);

/* The same for any set; *value is the enum value. */
bool vn_names_lookup(enum name_set set, const char *text, int *value);

/*
 * The choices of a set for an error message or a prompt, one per entry:
 * "code (Vietnamese name)" joined by ", ", e.g. "scientific (Sáng kiến khoa
 * học), technical (Cải tiến kỹ thuật), ...".  Cut to fit outlen.
 */
void vn_names_choices(enum name_set set, char *out, size_t outlen);

/*
 * The comparison form of s: Vietnamese letters without diacritics (precomposed
 * or combining; đ/Đ as d), lower-case ASCII letters and digits, every other
 * run of characters one space, none at either end.  "Phòng, chống dịch
 * Covid-19" gives "phong chong dich covid 19".  Returns false (out then holds
 * a cut key) when the key does not fit outlen.
 */
bool vn_fold(const char *s, char *out, size_t outlen);

#endif
