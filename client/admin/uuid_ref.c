/*
 * uuid_ref.c - uuids or their prefixes (see uuid_ref.h).
 */
#include "uuid_ref.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xalloc.h"
#include "admin_list.h"
#include "admin_session.h"
#include "term_text.h"
#include "uuid7.h"

/* Matches named in the message about an ambiguous prefix. */
#define SHOWN_MAX 3

bool uuid_ref_is_valid(const char *ref)
{
	static const char shape[] = "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx";
	size_t i, len = strlen(ref);

	if (len < UUID_REF_MIN || len > UUID_TEXT_LEN)
		return false;
	for (i = 0; i < len; i++) {
		if (shape[i] == '-' ? ref[i] != '-' : !isxdigit((unsigned char)ref[i]))
			return false;
	}
	if (len == UUID_TEXT_LEN) {
		char low[UUID_TEXT_LEN + 1];

		for (i = 0; i <= len; i++)
			low[i] = (char)tolower((unsigned char)ref[i]);
		return uuid7_is_valid(low);
	}
	return true;
}

struct want {
	char *ref; /* lower case */
	size_t n_found;
	char *found[SHOWN_MAX]; /* "uuid (title)" */
	char uuid[UUID_TEXT_LEN + 1];
	uint8_t *packed; /* the first match, for uuid_ref_fetch */
	size_t packed_len;
};

struct scan {
	struct want *w;
	size_t n;
	bool keep;
};

static void on_item(const Sangkien__ListedInitiative *li, void *ctx)
{
	struct scan *s = ctx;
	const Sangkien__Initiative *it =
	    li->initiative && li->initiative->content ? li->initiative->content : NULL;
	size_t i;

	if (!it || !it->uuid || !uuid7_is_valid(it->uuid))
		return;
	for (i = 0; i < s->n; i++) {
		struct want *w = &s->w[i];

		if (strncmp(it->uuid, w->ref, strlen(w->ref)) != 0)
			continue;
		if (w->n_found == 0) {
			memcpy(w->uuid, it->uuid, UUID_TEXT_LEN + 1);
			if (s->keep) {
				w->packed_len = sangkien__listed_initiative__get_packed_size(li);
				w->packed = xmalloc(w->packed_len ? w->packed_len : 1);
				sangkien__listed_initiative__pack(li, w->packed);
			}
		}
		if (w->n_found < SHOWN_MAX)
			w->found[w->n_found] =
			    xasprintf("%s (%s)", it->uuid, it->title ? it->title : "");
		w->n_found++;
	}
}

static void want_clear(struct want *w)
{
	size_t k;

	free(w->ref);
	for (k = 0; k < SHOWN_MAX; k++)
		free(w->found[k]);
	free(w->packed);
}

/* Ask the server for each ref's initiatives (by uuid prefix, not the whole
 * scope), then report every ref that is not exactly one initiative. */
static int scan_refs(struct sk_conn *c, const char *scope, struct want *w, size_t n, bool keep,
		     const char *what, char *msg, size_t msglen)
{
	size_t i, k, bad = 0;
	char own[1024];
	int rc;

	for (i = 0; i < n; i++) {
		struct scan s = {&w[i], 1, keep};

		rc = admin_list_by_uuid(c, scope, w[i].ref, on_item, &s, msg ? msg : own,
					msg ? msglen : sizeof(own));
		if (rc != ADMIN_EXIT_OK) {
			if (msg == NULL)
				term_printf(stderr, "sangkien-admin %s: %s\n", what, own);
			return rc;
		}
	}
	for (i = 0; i < n; i++) {
		if (w[i].n_found == 1)
			continue;
		bad++;
		if (msg) {
			/* The page names the first problem. */
			if (bad == 1 && w[i].n_found == 0)
				snprintf(
				    msg, msglen,
				    "không có sáng kiến nào có mã bắt đầu bằng '%s' trong phạm vi",
				    w[i].ref);
			else if (bad == 1)
				snprintf(
				    msg, msglen,
				    "'%s' là đầu mã của %zu sáng kiến; gõ thêm ký tự cho đủ phân "
				    "biệt",
				    w[i].ref, w[i].n_found);
			continue;
		}
		if (w[i].n_found == 0) {
			fprintf(stderr,
				"sangkien-admin %s: không có sáng kiến nào có mã bắt đầu bằng '%s' "
				"trong phạm vi\n",
				what, w[i].ref);
			continue;
		}
		fprintf(stderr,
			"sangkien-admin %s: '%s' là đầu mã của %zu sáng kiến; gõ thêm ký tự cho "
			"đủ phân biệt:\n",
			what, w[i].ref, w[i].n_found);
		for (k = 0; k < SHOWN_MAX && w[i].found[k]; k++) {
			fputs("  ", stderr);
			term_put_line(stderr, w[i].found[k]);
			fputc('\n', stderr);
		}
	}
	return bad ? ADMIN_EXIT_REFUSED : ADMIN_EXIT_OK;
}

static void lower(char *s)
{
	for (; *s; s++)
		*s = (char)tolower((unsigned char)*s);
}

static int resolve(struct sk_conn *c, const char *scope, char **refs, size_t n, const char *what,
		   char *msg, size_t msglen)
{
	struct want *w = xcalloc(n ? n : 1, sizeof(*w));
	size_t i, m = 0, k;
	int rc = ADMIN_EXIT_OK;

	for (i = 0; i < n; i++) {
		lower(refs[i]);
		if (strlen(refs[i]) == UUID_TEXT_LEN)
			continue;
		/* The same prefix twice is looked for once. */
		for (k = 0; k < m && strcmp(w[k].ref, refs[i]) != 0; k++)
			;
		if (k == m)
			w[m++].ref = xstrdup(refs[i]);
	}
	if (m > 0)
		rc = scan_refs(c, scope, w, m, false, what, msg, msglen);
	for (i = 0; rc == ADMIN_EXIT_OK && i < n; i++) {
		for (k = 0; k < m; k++) {
			if (strcmp(w[k].ref, refs[i]) == 0) {
				free(refs[i]);
				refs[i] = xstrdup(w[k].uuid);
				break;
			}
		}
	}
	for (k = 0; k < m; k++)
		want_clear(&w[k]);
	free(w);
	return rc;
}

int uuid_ref_resolve(struct sk_conn *c, const char *scope, char **refs, size_t n, const char *what)
{
	return resolve(c, scope, refs, n, what, NULL, 0);
}

int uuid_ref_resolve_msg(struct sk_conn *c, const char *scope, char **ref, char *msg, size_t msglen)
{
	return resolve(c, scope, ref, 1, "", msg, msglen);
}

int uuid_ref_fetch(struct sk_conn *c, const char *scope, const char *ref,
		   Sangkien__ListedInitiative **out, const char *what)
{
	struct want w = {0};
	int rc;

	*out = NULL;
	w.ref = xstrdup(ref);
	lower(w.ref);
	rc = scan_refs(c, scope, &w, 1, true, what, NULL, 0);
	if (rc == ADMIN_EXIT_OK) {
		*out = sangkien__listed_initiative__unpack(NULL, w.packed_len, w.packed);
		if (!*out) {
			fprintf(stderr, "sangkien-admin %s: hết bộ nhớ\n", what);
			rc = ADMIN_EXIT_ERROR;
		}
	}
	want_clear(&w);
	return rc;
}
