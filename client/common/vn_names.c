/* vn_names.c - see vn_names.h. */
#include "vn_names.h"

#include <stdio.h>
#include <string.h>

#include "utf8.h"
#include "vn_letters.h"

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

/* The folded form of one code point: a letter or digit, 0 for a combining
 * mark (dropped), ' ' for a separator. */
static char fold_cp(uint32_t cp)
{
	const struct vn_letter *l;

	if (cp < 0x80) {
		if (cp >= 'A' && cp <= 'Z')
			return (char)(cp - 'A' + 'a');
		if ((cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9'))
			return (char)cp;
		return ' ';
	}
	if (cp >= 0x300 && cp <= 0x36F)
		return 0;
	/* d with a stroke has no decomposition: Đ/đ, and Ð/ð that old
	 * encodings put in its place. */
	if (cp == 0x110 || cp == 0x111 || cp == 0xD0 || cp == 0xF0)
		return 'd';
	if ((l = vn_letter_find(cp)) != NULL)
		return (char)(l->base >= 'A' && l->base <= 'Z' ? l->base - 'A' + 'a' : l->base);
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
