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

#include "admin_parse.h"
#include "audit_labels.h"
#include "vn_date.h"
#include "vn_time.h"
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
static void put_value(struct sbuf *b, const char *v, size_t len, size_t max)
{
	size_t k = len;

	if (len <= max) {
		put(b, v, len);
		return;
	}
	k = max;
	while (k > 0 && ((unsigned char)v[k] & 0xC0) == 0x80)
		k--;
	put(b, v, k);
	puts_(b, "…");
}

/* A date ("2022-04-15") or a moment ("2022-04-15T02:00:00.5+00:00", as the
 * rows record them) the way the office writes it: dd/mm/yyyy, local time.
 * False for any other text. */
static bool put_when(struct sbuf *b, const char *v, size_t len)
{
	char text[64], out[VN_TIME_LEN];
	int64_t ms;

	if (len < 10 || len >= sizeof(text) || v[4] != '-' || v[7] != '-')
		return false;
	memcpy(text, v, len);
	text[len] = '\0';
	if (!admin_parse_time(text, false, &ms))
		return false;
	if (len == 10)
		vn_date_show_iso(text, out, sizeof(out));
	else
		vn_time_format(ms, false, out);
	puts_(b, out);
	return true;
}

/* A member's value as a person reads it: codes by their Vietnamese names,
 * dates dd/mm/yyyy, strings without their quotes, null as "(trống)". */
static void put_member_value(struct sbuf *b, const struct member *m, size_t max)
{
	const char *label = audit_value_label(m->key, m->key_len, m->val, m->val_len);
	bool plain = m->val_len >= 2 && m->val[0] == '"' && !memchr(m->val, '\\', m->val_len);

	if (label)
		puts_(b, label);
	else if (plain && put_when(b, m->val + 1, m->val_len - 2))
		return;
	else if (m->val_len == 4 && memcmp(m->val, "null", 4) == 0)
		puts_(b, "(trống)");
	else if (plain)
		put_value(b, m->val + 1, m->val_len - 2, max);
	else
		put_value(b, m->val, m->val_len, max);
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

/* A member's value as text (caller frees). */
static char *member_text(const struct member *m, size_t max)
{
	struct sbuf b = {0};

	puts_(&b, "");
	put_member_value(&b, m, max);
	return b.p;
}

static char *key_text(const struct member *m)
{
	struct sbuf b = {0};

	puts_(&b, "");
	put_key(&b, m);
	return b.p;
}

static char *raw_text(const char *s, bool has, size_t max)
{
	struct sbuf b = {0};

	puts_(&b, "");
	put_value(&b, has ? s : "", has ? strlen(s) : 0, max);
	return b.p;
}

static void add(struct audit_changes *c, char *field, char *before, char *after)
{
	c->items = xreallocarray(c->items, c->n + 1, sizeof(*c->items));
	c->items[c->n].field = field;
	c->items[c->n].before = before;
	c->items[c->n].after = after;
	c->n++;
}

/* Every shown member of one row, as created (after) or deleted (before). */
static void add_all(struct audit_changes *c, const struct member *m, int n, bool created,
		    size_t max)
{
	int i;

	for (i = 0; i < n; i++) {
		if (!audit_field_label(m[i].key, m[i].key_len))
			continue;
		if (created)
			add(c, key_text(&m[i]), NULL, member_text(&m[i], max));
		else
			add(c, key_text(&m[i]), member_text(&m[i], max), NULL);
	}
}

void audit_changes_read(const char *before, const char *after, size_t value_max,
			struct audit_changes *c)
{
	struct member *mb = xcalloc(MEMBERS_MAX, sizeof(*mb));
	struct member *ma = xcalloc(MEMBERS_MAX, sizeof(*ma));
	bool has_b = before && *ws(before), has_a = after && *ws(after);
	int nb = has_b ? members(before, mb, MEMBERS_MAX) : 0;
	int na = has_a ? members(after, ma, MEMBERS_MAX) : 0;
	int i;

	memset(c, 0, sizeof(*c));
	if (nb < 0 || na < 0) {
		/* Not objects: both sides raw. */
		c->shape = AUDIT_RAW;
		add(c, xstrdup(""), raw_text(before, has_b, value_max),
		    raw_text(after, has_a, value_max));
	} else if (!has_b) {
		c->shape = AUDIT_CREATED;
		add_all(c, ma, na, true, value_max);
	} else if (!has_a) {
		c->shape = AUDIT_DELETED;
		add_all(c, mb, nb, false, value_max);
	} else {
		c->shape = AUDIT_CHANGED;
		for (i = 0; i < na; i++) {
			const struct member *old = find(mb, nb, &ma[i]);

			if ((old && same(old, &ma[i])) ||
			    !audit_field_label(ma[i].key, ma[i].key_len))
				continue;
			add(c, key_text(&ma[i]), old ? member_text(old, value_max) : NULL,
			    member_text(&ma[i], value_max));
		}
		for (i = 0; i < nb; i++) {
			if (find(ma, na, &mb[i]) || !audit_field_label(mb[i].key, mb[i].key_len))
				continue;
			add(c, key_text(&mb[i]), member_text(&mb[i], value_max), NULL);
		}
	}
	free(mb);
	free(ma);
}

void audit_changes_clear(struct audit_changes *c)
{
	size_t i;

	for (i = 0; i < c->n; i++) {
		free(c->items[i].field);
		free(c->items[i].before);
		free(c->items[i].after);
	}
	free(c->items);
	memset(c, 0, sizeof(*c));
}

static void put_or_absent(struct sbuf *b, const char *s)
{
	puts_(b, s ? s : "(không có)");
}

char *audit_diff(const char *before, const char *after)
{
	struct audit_changes c;
	struct sbuf b = {0};
	size_t i;

	audit_changes_read(before, after, VALUE_SHOWN_MAX, &c);
	puts_(&b, "");
	if (c.shape == AUDIT_RAW) {
		puts_(&b, c.items[0].before);
		puts_(&b, " → ");
		puts_(&b, c.items[0].after);
	} else {
		if (c.shape == AUDIT_CREATED)
			puts_(&b, "tạo mới: ");
		else if (c.shape == AUDIT_DELETED)
			puts_(&b, "xóa: ");
		for (i = 0; i < c.n; i++) {
			if (i > 0)
				puts_(&b, "; ");
			puts_(&b, c.items[i].field);
			puts_(&b, ": ");
			if (c.shape == AUDIT_CREATED) {
				puts_(&b, c.items[i].after);
			} else if (c.shape == AUDIT_DELETED) {
				puts_(&b, c.items[i].before);
			} else {
				put_or_absent(&b, c.items[i].before);
				puts_(&b, " → ");
				put_or_absent(&b, c.items[i].after);
			}
		}
		if (c.shape == AUDIT_CHANGED && c.n == 0)
			puts_(&b, "(không đổi)");
	}
	audit_changes_clear(&c);
	return b.p;
}
