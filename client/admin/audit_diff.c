/*
 * audit_diff.c - one-line summaries of audit entries (see audit_diff.h).
 *
 * The scanner knows only what it needs: an object's top-level members,
 * each value kept as its raw text (strings with their quotes, nested
 * objects whole).  Anything it cannot read is shown raw.
 */
#include "audit_diff.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "audit_labels.h"
#include "xalloc.h"

#define VALUE_SHOWN_MAX 60 /* bytes of a value shown, cut at a character */
#define MEMBERS_MAX 256

struct member {
	const char *key; /* inside the quotes */
	size_t key_len;
	const char *val;
	size_t val_len;
};

static const char *ws(const char *p)
{
	while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
		p++;
	return p;
}

/* p at '"': the byte after the closing quote, or NULL. */
static const char *scan_string(const char *p)
{
	for (p++; *p; p++) {
		if (*p == '\\') {
			if (!p[1])
				return NULL;
			p++;
		} else if (*p == '"') {
			return p + 1;
		}
	}
	return NULL;
}

static const char *scan_value(const char *p)
{
	int depth = 0;

	if (*p == '"')
		return scan_string(p);
	if (*p == '{' || *p == '[') {
		for (; *p; p++) {
			if (*p == '"') {
				p = scan_string(p);
				if (!p)
					return NULL;
				p--;
			} else if (*p == '{' || *p == '[') {
				depth++;
			} else if (*p == '}' || *p == ']') {
				if (--depth == 0)
					return p + 1;
			}
		}
		return NULL;
	}
	while (*p && *p != ',' && *p != '}' && *p != ' ' && *p != '\n' && *p != '\t' && *p != '\r')
		p++;
	return p;
}

/* The members of an object; -1 when s is not one. */
static int members(const char *s, struct member *m, int max)
{
	const char *p = ws(s);
	int n = 0;

	if (*p != '{')
		return -1;
	p = ws(p + 1);
	if (*p == '}')
		return *ws(p + 1) ? -1 : 0;
	for (;;) {
		const char *k, *v;

		if (*p != '"' || n == max)
			return -1;
		k = p + 1;
		p = scan_string(p);
		if (!p)
			return -1;
		m[n].key = k;
		m[n].key_len = (size_t)(p - 1 - k);
		p = ws(p);
		if (*p != ':')
			return -1;
		v = ws(p + 1);
		p = scan_value(v);
		if (!p || p == v)
			return -1;
		m[n].val = v;
		m[n].val_len = (size_t)(p - v);
		n++;
		p = ws(p);
		if (*p == '}')
			return *ws(p + 1) ? -1 : n;
		if (*p != ',')
			return -1;
		p = ws(p + 1);
	}
}

struct sbuf {
	char *p;
	size_t n, cap;
};

static void put(struct sbuf *b, const char *s, size_t len)
{
	if (b->n + len + 1 > b->cap) {
		while (b->n + len + 1 > b->cap)
			b->cap = b->cap ? b->cap * 2 : 128;
		b->p = xreallocarray(b->p, b->cap, 1);
	}
	memcpy(b->p + b->n, s, len);
	b->n += len;
	b->p[b->n] = '\0';
}

static void puts_(struct sbuf *b, const char *s)
{
	put(b, s, strlen(s));
}

/* A value, cut at a character boundary with "…". */
static void put_value(struct sbuf *b, const char *v, size_t len)
{
	size_t k = len;

	if (len <= VALUE_SHOWN_MAX) {
		put(b, v, len);
		return;
	}
	k = VALUE_SHOWN_MAX;
	while (k > 0 && ((unsigned char)v[k] & 0xC0) == 0x80)
		k--;
	put(b, v, k);
	puts_(b, "…");
}

/* A member's value as a person reads it: codes by their Vietnamese names,
 * strings without their quotes, null as "(trống)". */
static void put_member_value(struct sbuf *b, const struct member *m)
{
	const char *label = audit_value_label(m->key, m->key_len, m->val, m->val_len);

	if (label)
		puts_(b, label);
	else if (m->val_len == 4 && memcmp(m->val, "null", 4) == 0)
		puts_(b, "(trống)");
	else if (m->val_len >= 2 && m->val[0] == '"' && !memchr(m->val, '\\', m->val_len))
		put_value(b, m->val + 1, m->val_len - 2);
	else
		put_value(b, m->val, m->val_len);
}

/* The member's name in Vietnamese; false for bookkeeping not shown. */
static bool put_key(struct sbuf *b, const struct member *m)
{
	const char *label = audit_field_label(m->key, m->key_len);

	if (!label)
		return false;
	if (label[0])
		puts_(b, label);
	else
		put(b, m->key, m->key_len);
	return true;
}

static const struct member *find(const struct member *m, int n, const struct member *key)
{
	int i;

	for (i = 0; i < n; i++)
		if (m[i].key_len == key->key_len && memcmp(m[i].key, key->key, key->key_len) == 0)
			return &m[i];
	return NULL;
}

static bool same(const struct member *a, const struct member *b)
{
	return a->val_len == b->val_len && memcmp(a->val, b->val, a->val_len) == 0;
}

static void list_all(struct sbuf *b, const struct member *m, int n)
{
	bool any = false;
	int i;

	for (i = 0; i < n; i++) {
		if (!audit_field_label(m[i].key, m[i].key_len))
			continue;
		if (any)
			puts_(b, "; ");
		any = true;
		put_key(b, &m[i]);
		puts_(b, ": ");
		put_member_value(b, &m[i]);
	}
}

char *audit_diff(const char *before, const char *after)
{
	struct member *mb = xcalloc(MEMBERS_MAX, sizeof(*mb));
	struct member *ma = xcalloc(MEMBERS_MAX, sizeof(*ma));
	bool has_b = before && *ws(before), has_a = after && *ws(after);
	int nb = has_b ? members(before, mb, MEMBERS_MAX) : 0;
	int na = has_a ? members(after, ma, MEMBERS_MAX) : 0;
	struct sbuf b = {0};
	bool any = false;
	int i;

	puts_(&b, "");
	if (nb < 0 || na < 0) {
		/* Not objects: show both sides raw. */
		put_value(&b, has_b ? before : "", has_b ? strlen(before) : 0);
		puts_(&b, " → ");
		put_value(&b, has_a ? after : "", has_a ? strlen(after) : 0);
	} else if (!has_b) {
		puts_(&b, "tạo mới: ");
		list_all(&b, ma, na);
	} else if (!has_a) {
		puts_(&b, "xóa: ");
		list_all(&b, mb, nb);
	} else {
		for (i = 0; i < na; i++) {
			const struct member *old = find(mb, nb, &ma[i]);

			if ((old && same(old, &ma[i])) ||
			    !audit_field_label(ma[i].key, ma[i].key_len))
				continue;
			if (any)
				puts_(&b, "; ");
			any = true;
			put_key(&b, &ma[i]);
			puts_(&b, ": ");
			if (old)
				put_member_value(&b, old);
			else
				puts_(&b, "(không có)");
			puts_(&b, " → ");
			put_member_value(&b, &ma[i]);
		}
		for (i = 0; i < nb; i++) {
			if (find(ma, na, &mb[i]) || !audit_field_label(mb[i].key, mb[i].key_len))
				continue;
			if (any)
				puts_(&b, "; ");
			any = true;
			put_key(&b, &mb[i]);
			puts_(&b, ": ");
			put_member_value(&b, &mb[i]);
			puts_(&b, " → (không có)");
		}
		if (!any)
			puts_(&b, "(không đổi)");
	}
	free(mb);
	free(ma);
	return b.p;
}
