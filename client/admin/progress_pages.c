/* progress_pages.c - see progress_pages.h. */
#include "progress_pages.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "admin_session.h"
#include "initiative_check.h"
#include "wire.h"
#include "xalloc.h"

bool progress_page_check(const Sangkien__ProgressReply *r, const char *cursor, char *err,
			 size_t errlen)
{
	const char *prev = cursor;
	const char *next = r->next_cursor ? r->next_cursor : "";

	for (size_t i = 0; i < r->n_units; i++) {
		const char *code = r->units[i]->unit_code;

		if (code == NULL || !unit_code_is_valid(code)) {
			snprintf(err, errlen, "máy chủ trả về đơn vị có mã không hợp lệ");
			return false;
		}
		if (strcmp(code, prev) <= 0) {
			snprintf(err, errlen,
				 "máy chủ trả về đơn vị %s không theo thứ tự mã (lặp lại hoặc "
				 "lùi lại)",
				 code);
			return false;
		}
		prev = code;
	}
	if (strcmp(next, prev) != 0) {
		snprintf(err, errlen, "máy chủ trả về con trỏ trang không khớp đơn vị cuối trang");
		return false;
	}
	if (r->more && r->n_units == 0) {
		snprintf(err, errlen, "máy chủ báo còn trang sau nhưng không trả thêm đơn vị nào");
		return false;
	}
	return true;
}

void progress_pages_release(struct progress_pages *p)
{
	for (size_t i = 0; i < p->n_pages; i++)
		wire_envelope_free(p->pages[i]);
	free(p->pages);
	free(p->whole.units);
	free(p->whole.tree);
	memset(p, 0, sizeof(*p));
}

/* Append r's units and nodes to whole (its arrays grow as needed). */
static void append(struct progress_pages *p, const Sangkien__ProgressReply *r, size_t *cap_units,
		   size_t *cap_tree)
{
	Sangkien__ProgressReply *w = &p->whole;

	if (w->n_units + r->n_units > *cap_units) {
		*cap_units = (w->n_units + r->n_units) * 2;
		w->units = xreallocarray(w->units, *cap_units, sizeof(*w->units));
	}
	if (r->n_units > 0) /* units is NULL without any */
		memcpy(w->units + w->n_units, r->units, r->n_units * sizeof(*r->units));
	w->n_units += r->n_units;
	if (w->tree_omitted || r->tree_omitted) {
		w->tree_omitted = true;
		w->n_tree = 0;
		return;
	}
	if (w->n_tree + r->n_tree > *cap_tree) {
		*cap_tree = (w->n_tree + r->n_tree) * 2;
		w->tree = xreallocarray(w->tree, *cap_tree, sizeof(*w->tree));
	}
	if (r->n_tree > 0)
		memcpy(w->tree + w->n_tree, r->tree, r->n_tree * sizeof(*r->tree));
	w->n_tree += r->n_tree;
}

int progress_pages_fetch(struct sk_conn *c, const char *scope, uint32_t page_units, size_t most,
			 progress_pages_fn shown, void *arg, struct progress_pages *out, char *msg,
			 size_t msglen)
{
	Sangkien__ProgressRequest pr = SANGKIEN__PROGRESS_REQUEST__INIT;
	Sangkien__Envelope req = SANGKIEN__ENVELOPE__INIT;
	/* A unit code is at most CHECK_UNIT_CODE_MAX bytes: checked before it
	 * is copied. */
	char cursor[CHECK_UNIT_CODE_MAX + 1] = "";
	size_t cap_pages = 0, cap_units = 0, cap_tree = 0;
	char err[200];

	memset(out, 0, sizeof(*out));
	sangkien__progress_reply__init(&out->whole);
	pr.scope_code = (char *)scope;
	pr.paged = true;
	pr.max_units = page_units;
	req.body_case = SANGKIEN__ENVELOPE__BODY_PROGRESS;
	req.progress = &pr;
	for (;;) {
		Sangkien__Envelope *reply = NULL;
		const Sangkien__ProgressReply *r;
		int rc;

		pr.cursor = cursor;
		rc = admin_session_call_msg(c, &req, SANGKIEN__ENVELOPE__BODY_PROGRESS_REPLY,
					    "xem tiến độ", &reply, msg, msglen);
		if (rc != ADMIN_EXIT_OK) {
			progress_pages_release(out);
			return rc;
		}
		r = reply->progress_reply;
		if (!progress_page_check(r, cursor, err, sizeof(err)) ||
		    r->n_units > PROGRESS_PAGES_MAX_UNITS - out->whole.n_units) {
			if (r->n_units > PROGRESS_PAGES_MAX_UNITS - out->whole.n_units)
				snprintf(err, sizeof(err),
					 "máy chủ trả về hơn %d đơn vị trong một phạm vi",
					 PROGRESS_PAGES_MAX_UNITS);
			snprintf(msg, msglen, "xem tiến độ: %s", err);
			wire_envelope_free(reply);
			progress_pages_release(out);
			return ADMIN_EXIT_ERROR;
		}
		if (out->n_pages == cap_pages) {
			cap_pages = cap_pages ? cap_pages * 2 : 8;
			out->pages = xreallocarray(out->pages, cap_pages, sizeof(*out->pages));
		}
		out->pages[out->n_pages++] = reply;
		append(out, r, &cap_units, &cap_tree);
		if (r->n_units > 0)
			snprintf(cursor, sizeof(cursor), "%s", r->next_cursor);
		if (shown)
			shown(arg, out->whole.n_units);
		if (!r->more)
			return ADMIN_EXIT_OK;
		if (most > 0 && out->whole.n_units > most) {
			out->cut = true;
			return ADMIN_EXIT_OK;
		}
	}
}
