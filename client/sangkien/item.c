/* item.c - see item.h. */
#include "item.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "names.h"

static const char *const state_names[] = {
    [ITEM_PENDING] = "pending",	    [ITEM_SYNCED] = "synced",	  [ITEM_INVALID] = "invalid",
    [ITEM_FORBIDDEN] = "forbidden", [ITEM_CONFLICT] = "conflict",
};

#define N_STATES (sizeof(state_names) / sizeof(state_names[0]))

const char *item_state_name(enum item_state state)
{
	if ((size_t)state >= N_STATES)
		return "unknown";
	return state_names[state];
}

bool item_state_parse(const char *name, enum item_state *state)
{
	for (size_t i = 0; i < N_STATES; i++) {
		if (name != NULL && strcmp(name, state_names[i]) == 0) {
			*state = (enum item_state)i;
			return true;
		}
	}
	return false;
}

static const char *const op_names[] = {
    [ITEM_OP_NONE] = NULL,
    [ITEM_OP_EDIT] = "edit",
    [ITEM_OP_WITHDRAW] = "withdraw",
};

const char *item_op_name(enum item_op op)
{
	return (size_t)op < sizeof(op_names) / sizeof(op_names[0]) ? op_names[op] : NULL;
}

bool item_op_parse(const char *name, enum item_op *op)
{
	if (name == NULL) {
		*op = ITEM_OP_NONE;
		return true;
	}
	for (size_t i = 1; i < sizeof(op_names) / sizeof(op_names[0]); i++) {
		if (strcmp(name, op_names[i]) == 0) {
			*op = (enum item_op)i;
			return true;
		}
	}
	return false;
}

/* Status codes from the one table (proto/names.c). */
const char *item_status_name(Sangkien__InitiativeStatus status)
{
	const struct name_entry *e = names_find(NAMES_STATUS, (int)status);

	return e != NULL ? e->code : NULL;
}

bool item_status_parse(const char *name, Sangkien__InitiativeStatus *status)
{
	const struct name_entry *e = names_find_code(NAMES_STATUS, name);

	*status = e != NULL ? (Sangkien__InitiativeStatus)e->value
			    : SANGKIEN__INITIATIVE_STATUS__STATUS_UNSPECIFIED;
	return e != NULL;
}

bool item_status_editable(Sangkien__InitiativeStatus status)
{
	return status == SANGKIEN__INITIATIVE_STATUS__STATUS_SUBMITTED ||
	       status == SANGKIEN__INITIATIVE_STATUS__STATUS_NEEDS_CHANGES;
}

struct item *item_create(void)
{
	struct item *it = calloc(1, sizeof(*it));

	if (it != NULL)
		it->state = ITEM_PENDING;
	return it;
}

void item_free(struct item *it)
{
	if (it == NULL)
		return;
	free(it->unit_code);
	free(it->title);
	for (size_t i = 0; i < it->n_authors; i++) {
		free(it->authors[i].name);
		free(it->authors[i].position);
	}
	free(it->authors);
	free(it->summary);
	free(it->effect);
	free(it->refusal_field);
	free(it->refusal_reason);
	free(it->withdraw_reason);
	free(it);
}

int item_set_text(char **dst, const char *src)
{
	char *copy = NULL;

	if (src != NULL && (copy = strdup(src)) == NULL)
		return -1;
	free(*dst);
	*dst = copy;
	return 0;
}

int item_add_author(struct item *it, const char *name, const char *position)
{
	struct item_author *grown;
	struct item_author a = {NULL, NULL};

	if (item_set_text(&a.name, name ? name : "") != 0 ||
	    item_set_text(&a.position, position ? position : "") != 0)
		goto fail;
	grown = realloc(it->authors, (it->n_authors + 1) * sizeof(*grown));
	if (grown == NULL)
		goto fail;
	it->authors = grown;
	it->authors[it->n_authors++] = a;
	return 0;
fail:
	free(a.name);
	free(a.position);
	return -1;
}

/* protobuf-c packs strings through strlen: never hand it NULL. */
static char *or_empty(char *s)
{
	return s != NULL ? s : (char *)"";
}

int item_pb_init(struct item_pb *pb, const struct item *it, const char *unit_code_fallback)
{
	Sangkien__Initiative init = SANGKIEN__INITIATIVE__INIT;
	size_t n = it->n_authors;

	memset(pb, 0, sizeof(*pb));
	pb->msg = init;
	if (n > 0) {
		pb->authors = calloc(n, sizeof(*pb->authors));
		pb->author_ptrs = calloc(n, sizeof(*pb->author_ptrs));
		if (pb->authors == NULL || pb->author_ptrs == NULL) {
			item_pb_release(pb);
			return -1;
		}
	}
	for (size_t i = 0; i < n; i++) {
		Sangkien__Author a = SANGKIEN__AUTHOR__INIT;

		a.name = or_empty(it->authors[i].name);
		a.position = or_empty(it->authors[i].position);
		pb->authors[i] = a;
		pb->author_ptrs[i] = &pb->authors[i];
	}
	pb->msg.uuid = (char *)it->uuid;
	pb->msg.unit_code = it->unit_code != NULL && it->unit_code[0] != '\0'
				? it->unit_code
				: or_empty((char *)unit_code_fallback);
	pb->msg.title = or_empty(it->title);
	pb->msg.kind = it->kind;
	pb->msg.n_authors = n;
	pb->msg.authors = pb->author_ptrs;
	pb->msg.summary = or_empty(it->summary);
	pb->msg.effect = or_empty(it->effect);
	pb->msg.applied_on = (char *)it->applied_on;
	pb->msg.theme = it->theme;
	return 0;
}

void item_pb_release(struct item_pb *pb)
{
	free(pb->authors);
	free(pb->author_ptrs);
	pb->authors = NULL;
	pb->author_ptrs = NULL;
}

/* Stands in for the unit before enrollment: a valid code, so that only the
 * user's own fields are judged. */
#define UNIT_PLACEHOLDER "UNENROLLED"

bool item_check(const struct item *it, int32_t today_days, struct check_error *err)
{
	struct item_pb pb;
	bool ok;

	if (item_pb_init(&pb, it, UNIT_PLACEHOLDER) != 0) {
		snprintf(err->field, sizeof(err->field), "%s", "");
		snprintf(err->reason, sizeof(err->reason), "%s", "out of memory");
		return false;
	}
	ok = initiative_check(&pb.msg, today_days, err);
	item_pb_release(&pb);
	return ok;
}

int item_set_content(struct item *it, const Sangkien__Initiative *m)
{
	struct item *tmp = item_create();

	if (tmp == NULL)
		return -1;
	if (item_set_text(&tmp->unit_code, m->unit_code) != 0 ||
	    item_set_text(&tmp->title, m->title ? m->title : "") != 0 ||
	    item_set_text(&tmp->summary, m->summary ? m->summary : "") != 0 ||
	    item_set_text(&tmp->effect, m->effect ? m->effect : "") != 0)
		goto fail;
	for (size_t i = 0; i < m->n_authors; i++)
		if (m->authors[i] == NULL ||
		    item_add_author(tmp, m->authors[i]->name, m->authors[i]->position) != 0)
			goto fail;
	/* Swap the content in: the old content goes with tmp. */
	{
		char *u = it->unit_code, *t = it->title, *su = it->summary, *e = it->effect;
		struct item_author *a = it->authors;
		size_t na = it->n_authors;

		it->unit_code = tmp->unit_code;
		it->title = tmp->title;
		it->summary = tmp->summary;
		it->effect = tmp->effect;
		it->authors = tmp->authors;
		it->n_authors = tmp->n_authors;
		tmp->unit_code = u;
		tmp->title = t;
		tmp->summary = su;
		tmp->effect = e;
		tmp->authors = a;
		tmp->n_authors = na;
	}
	it->kind = m->kind;
	it->theme = m->theme;
	snprintf(it->applied_on, sizeof(it->applied_on), "%s", m->applied_on ? m->applied_on : "");
	item_free(tmp);
	return 0;
fail:
	item_free(tmp);
	return -1;
}

int item_content_sha256(const struct item *it, uint8_t out[32])
{
	struct item_pb pb;

	if (item_pb_init(&pb, it, NULL) != 0)
		return -1;
	initiative_content_sha256(&pb.msg, out);
	item_pb_release(&pb);
	return 0;
}
