/* similar_words.c - see similar_words.h. */
#include "similar_words.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "vn_names.h"
#include "xalloc.h"

#define FOLD_MAX 2048

/* Folded little words that say nothing of what an initiative is about. */
static const char *const little[] = {
    "va", "cua",  "cac", "cho",	 "trong", "tai", "voi",	 "de",	 "la",	"mot", "nhung",
    "tu", "bang", "o",	 "theo", "ve",	  "khi", "tren", "duoc", "vao", "ra",
};

static bool is_little(const char *w, size_t len)
{
	for (size_t i = 0; i < sizeof(little) / sizeof(little[0]); i++)
		if (strlen(little[i]) == len && memcmp(little[i], w, len) == 0)
			return true;
	return len < 2;
}

/* Whether the folded text hay has the word w (len bytes) as a whole word. */
static bool has_word(const char *hay, const char *w, size_t len)
{
	for (const char *p = hay; *p;) {
		const char *sp = strchr(p, ' ');
		size_t n = sp ? (size_t)(sp - p) : strlen(p);

		if (n == len && memcmp(p, w, len) == 0)
			return true;
		if (!sp)
			break;
		p = sp + 1;
	}
	return false;
}

/* Whether some word of the folded token is worth naming and is in other. */
static bool token_shared(const char *token_fold, const char *other_fold)
{
	const char *p = token_fold;

	while (*p) {
		const char *sp = strchr(p, ' ');
		size_t n = sp ? (size_t)(sp - p) : strlen(p);

		if (!is_little(p, n) && has_word(other_fold, p, n))
			return true;
		if (!sp)
			break;
		p = sp + 1;
	}
	return false;
}

/* The token [s, s + len) without punctuation at either end (ASCII). */
static char *trimmed(const char *s, size_t len)
{
	static const char punct[] = ".,;:!?()[]{}\"'“”‘’–-/";

	while (len > 0 && (unsigned char)s[0] < 0x80 && strchr(punct, s[0]))
		s++, len--;
	while (len > 0 && (unsigned char)s[len - 1] < 0x80 && strchr(punct, s[len - 1]))
		len--;
	return xstrndup(s, len);
}

size_t similar_words(const char *title, const char *other, char *words[SIMILAR_WORDS_MAX])
{
	char *other_fold = xmalloc(FOLD_MAX), *folds[SIMILAR_WORDS_MAX];
	const char *p = title ? title : "";
	size_t n = 0;

	vn_fold(other ? other : "", other_fold, FOLD_MAX);
	while (*p && n < SIMILAR_WORDS_MAX) {
		size_t len, i;
		char fold[256], *tok;

		while (*p == ' ' || *p == '\t' || *p == '\n')
			p++;
		len = strcspn(p, " \t\n");
		if (len == 0)
			break;
		tok = xstrndup(p, len);
		vn_fold(tok, fold, sizeof(fold));
		free(tok);
		p += len;
		if (!fold[0] || !token_shared(fold, other_fold))
			continue;
		/* Each word once ("Quy" and "quy" are one). */
		for (i = 0; i < n && strcmp(folds[i], fold) != 0; i++)
			;
		if (i < n)
			continue;
		words[n] = trimmed(p - len, len);
		folds[n++] = xstrdup(fold);
	}
	for (size_t i = 0; i < n; i++)
		free(folds[i]);
	free(other_fold);
	return n;
}

void similar_words_free(char **words, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(words[i]);
}
