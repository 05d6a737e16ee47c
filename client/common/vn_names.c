/* vn_names.c - see vn_names.h. */
#include "vn_names.h"

#include <stdio.h>
#include <string.h>

#include "utf8.h"

const char *vn_status_name(Sangkien__InitiativeStatus status)
{
	const struct name_entry *e = names_find(NAMES_STATUS, (int)status);

	return e != NULL ? e->vi : "Không rõ";
}

const char *vn_kind_name(Sangkien__InitiativeKind kind)
{
	const struct name_entry *e = names_find(NAMES_KIND, (int)kind);

	return e != NULL ? e->vi : "Không rõ";
}

const char *vn_theme_name(Sangkien__Theme theme)
{
	const struct name_entry *e;

	if (theme == SANGKIEN__THEME__THEME_UNSPECIFIED)
		return "Không ghi chủ đề";
	e = names_find(NAMES_THEME, (int)theme);
	return e != NULL ? e->vi : "Không rõ";
}

/*
 * Base letters of the precomposed letters Vietnamese uses: U+00C0..U+00FF
 * and U+1EA0..U+1EF9 (Latin Extended Additional: every vowel with a tone).
 * A space is a character that is not a letter with a plain base.
 */
static const char latin1_base[] = "aaaaaa ceeeeiiiidnooooo  uuuuy  "
				  "aaaaaa ceeeeiiiidnooooo  uuuuy y";
static const char vietnamese_base[] =
    "aaaaaaaaaaaaaaaaaaaaaaaa" /* U+1EA0 ạ ả ấ ầ ẩ ẫ ậ ắ ằ ẳ ẵ ặ */
    "eeeeeeeeeeeeeeee"	       /* U+1EB8 ẹ ẻ ẽ ế ề ể ễ ệ */
    "iiii"		       /* U+1EC8 ỉ ị */
    "oooooooooooooooooooooooo" /* U+1ECC ọ ỏ ố ồ ổ ỗ ộ ớ ờ ở ỡ ợ */
    "uuuuuuuuuuuuuu"	       /* U+1EE4 ụ ủ ứ ừ ử ữ ự */
    "yyyyyyyy";		       /* U+1EF2 ỳ ỵ ỷ ỹ */

/* The folded form of one code point: a letter or digit, 0 for a combining
 * mark (dropped), ' ' for a separator. */
static char fold_cp(uint32_t cp)
{
	if (cp < 0x80) {
		if (cp >= 'A' && cp <= 'Z')
			return (char)(cp - 'A' + 'a');
		if ((cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9'))
			return (char)cp;
		return ' ';
	}
	if (cp >= 0x300 && cp <= 0x36F)
		return 0;
	if (cp >= 0xC0 && cp <= 0xFF)
		return latin1_base[cp - 0xC0];
	if (cp >= 0x1EA0 && cp <= 0x1EF9)
		return vietnamese_base[cp - 0x1EA0];
	switch (cp) {
	case 0x102: /* Ă ă */
	case 0x103:
		return 'a';
	case 0x110: /* Đ đ */
	case 0x111:
		return 'd';
	case 0x128: /* Ĩ ĩ */
	case 0x129:
		return 'i';
	case 0x168: /* Ũ ũ */
	case 0x169:
	case 0x1AF: /* Ư ư */
	case 0x1B0:
		return 'u';
	case 0x1A0: /* Ơ ơ */
	case 0x1A1:
		return 'o';
	}
	return ' ';
}

bool vn_fold(const char *s, char *out, size_t outlen)
{
	const char *pos = s, *end = s + strlen(s);
	size_t n = 0;
	bool space = false;

	if (outlen == 0)
		return false;
	while (pos < end) {
		char c = fold_cp(utf8_next(&pos, end));

		if (c == 0)
			continue;
		if (c == ' ') {
			space = n > 0;
			continue;
		}
		if (n + (space ? 2 : 1) >= outlen) {
			out[n] = '\0';
			return false;
		}
		if (space)
			out[n++] = ' ';
		space = false;
		out[n++] = c;
	}
	out[n] = '\0';
	return true;
}

/* Long enough for every name in the table, folded. */
#define FOLD_MAX 128

bool vn_names_lookup(enum name_set set, const char *text, int *value)
{
	char key[FOLD_MAX], name[FOLD_MAX];
	const struct name_entry *t;
	size_t n;

	if (text == NULL || !vn_fold(text, key, sizeof(key)) || key[0] == '\0')
		return false;
	t = names_table(set, &n);
	for (size_t i = 0; i < n; i++) {
		if ((vn_fold(t[i].code, name, sizeof(name)) && strcmp(key, name) == 0) ||
		    (vn_fold(t[i].vi, name, sizeof(name)) && strcmp(key, name) == 0)) {
			*value = t[i].value;
			return true;
		}
	}
	return false;
}

bool vn_status_lookup(const char *text, Sangkien__InitiativeStatus *out)
{
	int v;

	if (!vn_names_lookup(NAMES_STATUS, text, &v))
		return false;
	*out = (Sangkien__InitiativeStatus)v;
	return true;
}

bool vn_kind_lookup(const char *text, Sangkien__InitiativeKind *out)
{
	int v;

	if (!vn_names_lookup(NAMES_KIND, text, &v))
		return false;
	*out = (Sangkien__InitiativeKind)v;
	return true;
}

bool vn_theme_lookup(const char *text, Sangkien__Theme *out)
{
	int v;

	if (!vn_names_lookup(NAMES_THEME, text, &v))
		return false;
	*out = (Sangkien__Theme)v;
	return true;
}

void vn_names_choices(enum name_set set, char *out, size_t outlen)
{
	size_t n, used = 0;
	const struct name_entry *t = names_table(set, &n);

	if (outlen == 0)
		return;
	out[0] = '\0';
	for (size_t i = 0; i < n && used < outlen; i++) {
		int w = snprintf(out + used, outlen - used, "%s%s (%s)", i > 0 ? ", " : "",
				 t[i].code, t[i].vi);

		if (w < 0)
			break;
		used += (size_t)w;
	}
}
