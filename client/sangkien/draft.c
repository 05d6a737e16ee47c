/* draft.c - see draft.h. */
#include "draft.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "platform_queue.h"

#include <event2/buffer.h>
#include <event2/http.h>
#include <event2/keyvalq_struct.h>

#include "client.h"
#include "messages.h"
#include "names.h"
#include "text.h"
#include "vn_date.h"
#include "vn_names.h"

static const char *const field_names[DRAFT_N_FIELDS] = {
    "title", "kind", "authors", "summary", "effect", "applied_on", "theme",
};

static const char *const field_labels[DRAFT_N_FIELDS] = {
    "tên sáng kiến", "loại sáng kiến", "tác giả", "tóm tắt nội dung",
    "hiệu quả",	     "ngày áp dụng",   "chủ đề",
};

const char *draft_field_label(enum draft_field f)
{
	return f < DRAFT_N_FIELDS ? field_labels[f] : "";
}

const char *draft_field_name(enum draft_field f)
{
	return f < DRAFT_N_FIELDS ? field_names[f] : "";
}

bool draft_field_parse(const char *name, enum draft_field *f)
{
	for (int i = 0; i < DRAFT_N_FIELDS; i++) {
		if (name != NULL && strcmp(name, field_names[i]) == 0) {
			*f = (enum draft_field)i;
			return true;
		}
	}
	return false;
}

/* ---- conventions ---- */

static int replace_code(char **slot, char **owned, const char *code)
{
	if ((*owned = strdup(code)) == NULL)
		return -1;
	*slot = *owned;
	return 0;
}

int draft_normalize(const struct add_options *o, struct draft_normalized *norm)
{
	Sangkien__InitiativeKind kind;
	Sangkien__Theme theme;
	char iso[VN_DATE_LEN];

	memset(norm, 0, sizeof(*norm));
	norm->o = *o;
	norm->o.from_file = NULL;
	if (o->kind != NULL && vn_kind_lookup(o->kind, &kind) &&
	    replace_code(&norm->o.kind, &norm->owned[0], kind_name(kind)) != 0)
		goto nomem;
	if (o->theme != NULL && vn_theme_lookup(o->theme, &theme) &&
	    replace_code(&norm->o.theme, &norm->owned[1], theme_name(theme)) != 0)
		goto nomem;
	if (o->applied_on != NULL && vn_date_to_iso(o->applied_on, iso, NULL, 0) &&
	    replace_code(&norm->o.applied_on, &norm->owned[2], iso) != 0)
		goto nomem;
	return 0;
nomem:
	draft_normalized_clear(norm);
	return -1;
}

void draft_normalized_clear(struct draft_normalized *norm)
{
	for (size_t i = 0; i < sizeof(norm->owned) / sizeof(norm->owned[0]); i++)
		free(norm->owned[i]);
	memset(norm, 0, sizeof(*norm));
}

/* What the conventions say about a kind, theme or date that is not one. */
static bool convention_problem(const struct add_options *o, enum draft_field f,
			       struct draft_problem *p)
{
	char choices[400], *t = NULL;
	Sangkien__InitiativeKind kind;
	Sangkien__Theme theme;
	int32_t days;
	bool bad = false;

	switch (f) {
	case DRAFT_KIND:
		t = text_trim_dup(o->kind != NULL ? o->kind : "");
		if (t != NULL && t[0] == '\0') {
			snprintf(p->message, sizeof(p->message), "hãy chọn loại sáng kiến");
			bad = true;
		} else if (t != NULL && !vn_kind_lookup(t, &kind)) {
			vn_names_choices(NAMES_KIND, choices, sizeof(choices));
			snprintf(p->message, sizeof(p->message),
				 "“%.60s” không phải loại nào; chọn %s", t, choices);
			bad = true;
		}
		break;
	case DRAFT_THEME:
		t = text_trim_dup(o->theme != NULL ? o->theme : "");
		if (t != NULL && t[0] != '\0' && !vn_theme_lookup(t, &theme)) {
			vn_names_choices(NAMES_THEME, choices, sizeof(choices));
			snprintf(p->message, sizeof(p->message),
				 "“%.60s” không phải chủ đề nào; chọn %s, hoặc để trống", t,
				 choices);
			bad = true;
		}
		break;
	case DRAFT_APPLIED_ON:
		t = text_trim_dup(o->applied_on != NULL ? o->applied_on : "");
		if (t != NULL && t[0] == '\0') {
			snprintf(p->message, sizeof(p->message),
				 "hãy nhập ngày áp dụng, dạng ngày/tháng/năm (ví dụ 15/03/2022)");
			bad = true;
		} else if (t != NULL && !vn_date_parse(t, &days, p->message, sizeof(p->message))) {
			bad = true;
		}
		break;
	default:
		break;
	}
	free(t);
	return bad;
}

/* ---- the rules, one field at a time ---- */

/* Values the rules accept, standing in for the fields not being checked. */
static char placeholder_author[] = "Tác giả";
static char *placeholder_authors[] = {placeholder_author};
static const struct add_options placeholder = {
    .title = (char *)"Tên",
    .kind = (char *)"technical",
    .authors = placeholder_authors,
    .n_authors = 1,
    .summary = (char *)"Tóm tắt",
    .effect = (char *)"Hiệu quả",
    .applied_on = (char *)CHECK_FIRST_DAY,
    .theme = (char *)"",
};

static void use_field(struct add_options *probe, const struct add_options *o, enum draft_field f)
{
	switch (f) {
	case DRAFT_TITLE:
		probe->title = o->title != NULL ? o->title : (char *)"";
		break;
	case DRAFT_KIND:
		probe->kind = o->kind != NULL ? o->kind : (char *)"";
		break;
	case DRAFT_AUTHORS:
		probe->authors = o->authors;
		probe->n_authors = o->n_authors;
		break;
	case DRAFT_SUMMARY:
		probe->summary = o->summary != NULL ? o->summary : (char *)"";
		break;
	case DRAFT_EFFECT:
		probe->effect = o->effect != NULL ? o->effect : (char *)"";
		break;
	case DRAFT_APPLIED_ON:
		probe->applied_on = o->applied_on != NULL ? o->applied_on : (char *)"";
		break;
	default:
		probe->theme = o->theme != NULL ? o->theme : (char *)"";
		break;
	}
}

/* "authors[2].name" gives row 2 and part "name". */
static int author_row(const char *field, const char **part)
{
	char *end;
	long row;

	*part = "";
	if (strncmp(field, "authors[", 8) != 0)
		return -1;
	row = strtol(field + 8, &end, 10);
	if (end[0] != ']' || end[1] != '.')
		return -1;
	*part = end + 2;
	return (int)row;
}

bool draft_check_field(const struct add_options *o, enum draft_field f, int32_t today_days,
		       struct draft_problem *p)
{
	struct draft_normalized norm;
	struct add_options probe = placeholder;
	struct check_error ce;
	struct item *it = NULL;
	char err[sizeof(p->message)], reason[256];
	const char *part;
	bool ok;

	memset(p, 0, sizeof(*p));
	p->field = f;
	p->author = -1;
	if (convention_problem(o, f, p))
		return false;
	if (draft_normalize(o, &norm) != 0) {
		snprintf(p->message, sizeof(p->message), "hết bộ nhớ");
		return false;
	}
	use_field(&probe, &norm.o, f);
	it = item_create();
	if (it == NULL || add_apply_options(&probe, it, err, sizeof(err)) != 0) {
		snprintf(p->message, sizeof(p->message), "%s", it == NULL ? "hết bộ nhớ" : err);
		item_free(it);
		draft_normalized_clear(&norm);
		return false;
	}
	snprintf(it->uuid, sizeof(it->uuid), "00000000-0000-7000-8000-000000000000");
	ok = item_check(it, today_days, &ce);
	item_free(it);
	draft_normalized_clear(&norm);
	if (ok)
		return true;
	messages_check_reason(&ce, reason, sizeof(reason));
	p->author = author_row(ce.field, &part);
	if (p->author >= 0)
		snprintf(p->message, sizeof(p->message), "tác giả thứ %d, %s: %s", p->author + 1,
			 strcmp(part, "position") == 0 ? "chức vụ" : "họ tên", reason);
	else
		snprintf(p->message, sizeof(p->message), "%s", reason);
	return false;
}

size_t draft_check_all(const struct add_options *o, int32_t today_days, struct draft_problem *p,
		       size_t max)
{
	size_t n = 0;

	for (int f = 0; f < DRAFT_N_FIELDS && n < max; f++)
		if (!draft_check_field(o, (enum draft_field)f, today_days, &p[n]))
			n++;
	return n;
}

int draft_build_item(const struct add_options *o, const char *unit_code, int32_t today_days,
		     struct item **out, char *err, size_t errlen)
{
	struct draft_problem p;
	struct draft_normalized norm;
	int rc;

	*out = NULL;
	for (int f = 0; f < DRAFT_N_FIELDS; f++) {
		if (!draft_check_field(o, (enum draft_field)f, today_days, &p)) {
			char option[96];

			messages_field_option(draft_field_name(p.field), option, sizeof(option));
			snprintf(err, errlen, "%s: %s", option, p.message);
			return CLIENT_EXIT_USAGE;
		}
	}
	if (draft_normalize(o, &norm) != 0) {
		snprintf(err, errlen, "hết bộ nhớ");
		return CLIENT_EXIT_ERROR;
	}
	rc = add_build_item(&norm.o, unit_code, today_days, out, err, errlen);
	draft_normalized_clear(&norm);
	return rc;
}

/* ---- the form encoding ---- */

static int set_field(char **slot, const char *value)
{
	free(*slot);
	*slot = strdup(value);
	return *slot != NULL ? 0 : -1;
}

static int push_author(struct add_options *o, const char *name, const char *position)
{
	char **grown;
	size_t n;

	if (name[0] == '\0' && position[0] == '\0')
		return 0;
	grown = realloc(o->authors, (o->n_authors + 1) * sizeof(*grown));
	if (grown == NULL)
		return -1;
	o->authors = grown;
	n = strlen(name) + strlen(position) + 2;
	if ((o->authors[o->n_authors] = malloc(n)) == NULL)
		return -1;
	/* "NAME|POSITION", as --author takes it (split at the first '|'). */
	snprintf(o->authors[o->n_authors], n, "%s%s%s", name, position[0] ? "|" : "", position);
	o->n_authors++;
	return 0;
}

int draft_from_form(const struct evkeyvalq *fields, struct add_options *o)
{
	const struct evkeyval *kv;
	const char *name = NULL;
	int rc = 0;

	memset(o, 0, sizeof(*o));
	TAILQ_FOREACH(kv, fields, next)
	{
		const char *k = kv->key, *v = kv->value;

		if (strcmp(k, "title") == 0)
			rc = set_field(&o->title, v);
		else if (strcmp(k, "kind") == 0)
			rc = set_field(&o->kind, v);
		else if (strcmp(k, "theme") == 0)
			rc = set_field(&o->theme, v);
		else if (strcmp(k, "applied_on") == 0)
			rc = set_field(&o->applied_on, v);
		else if (strcmp(k, "summary") == 0)
			rc = set_field(&o->summary, v);
		else if (strcmp(k, "effect") == 0)
			rc = set_field(&o->effect, v);
		else if (strcmp(k, "author_name") == 0) {
			if (name != NULL)
				rc = push_author(o, name, "");
			name = v;
		} else if (strcmp(k, "author_position") == 0) {
			rc = push_author(o, name != NULL ? name : "", v);
			name = NULL;
		}
		if (rc != 0)
			break;
	}
	if (rc == 0 && name != NULL)
		rc = push_author(o, name, "");
	if (rc != 0)
		add_options_clear(o);
	return rc;
}

static int put_pair(struct evbuffer *b, const char *key, const char *value)
{
	char *enc;
	int rc;

	if (value == NULL)
		return 0;
	if ((enc = evhttp_encode_uri(value)) == NULL)
		return -1;
	rc = evbuffer_add_printf(b, "%s%s=%s", evbuffer_get_length(b) ? "&" : "", key, enc);
	free(enc);
	return rc < 0 ? -1 : 0;
}

char *draft_encode(const struct add_options *o)
{
	struct evbuffer *b = evbuffer_new();
	char *out = NULL;
	int rc = 0;

	if (b == NULL)
		return NULL;
	rc |= put_pair(b, "title", o->title);
	rc |= put_pair(b, "kind", o->kind);
	rc |= put_pair(b, "theme", o->theme);
	rc |= put_pair(b, "applied_on", o->applied_on);
	rc |= put_pair(b, "summary", o->summary);
	rc |= put_pair(b, "effect", o->effect);
	for (size_t i = 0; rc == 0 && i < o->n_authors; i++) {
		const char *bar = strchr(o->authors[i], '|');
		char *name = bar ? strndup(o->authors[i], (size_t)(bar - o->authors[i]))
				 : strdup(o->authors[i]);

		if (name == NULL) {
			rc = -1;
			break;
		}
		rc |= put_pair(b, "author_name", name);
		rc |= put_pair(b, "author_position", bar ? bar + 1 : "");
		free(name);
	}
	if (rc == 0 && evbuffer_add(b, "", 1) == 0) {
		size_t n = evbuffer_get_length(b);

		if ((out = malloc(n)) != NULL)
			evbuffer_copyout(b, out, n);
	}
	evbuffer_free(b);
	return out;
}

int draft_decode(const char *encoded, struct add_options *o)
{
	struct evkeyvalq fields;
	int rc;

	memset(o, 0, sizeof(*o));
	TAILQ_INIT(&fields);
	if (evhttp_parse_query_str(encoded, &fields) != 0) {
		evhttp_clear_headers(&fields);
		return -1;
	}
	rc = draft_from_form(&fields, o);
	evhttp_clear_headers(&fields);
	return rc;
}
