/*
 * ui_review_queue.c - GET /api/review/queue: the review queue of the
 * operator's scope, filtered, a page at a time.
 *
 * Parameters (all optional): status (a status code, "queue" for submitted
 * and under review (the default), "all" for every one), unit (a unit code:
 * its whole subtree, as the server lists it), kind, phase (codes), from and
 * to (received on or after / on or before, dd/mm/yyyy, local days), after
 * (the record id the page starts after), limit (rows, 1..200, default 50).
 *
 * The server filters by scope, unit and status and pages by record id; the
 * rest is filtered here while its pages are read, so a page of rows costs
 * at most what it takes to find them.  The reply: {"items": [...],
 * "next": record id to ask after for the next page, or null, "scanned":
 * initiatives looked at}.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "initiative_check.h"
#include "names.h"
#include "ui_review.h"
#include "vn_date.h"
#include "vn_time.h"
#include "wire.h"
#include "xalloc.h"

#define QUEUE_DEFAULT_ROWS 50
#define QUEUE_MAX_ROWS 200
#define QUEUE_SERVER_PAGE 200

struct queue_filter {
	Sangkien__InitiativeStatus statuses[8];
	size_t n_statuses;
	char *unit;	  /* "": the scope */
	int kind;	  /* 0: any */
	char *phase;	  /* NULL: any */
	int32_t from, to; /* local days; INT32_MIN / INT32_MAX: open */
	uint64_t after;
	int64_t limit;
};

static const char *param(struct web_request *r, const char *name)
{
	const char *v = web_query(r, name);

	return v && v[0] ? v : NULL;
}

/* Parse the parameters; false with a Vietnamese message in err. */
static bool parse_filter(struct web_request *r, struct queue_filter *f, char *err, size_t errlen)
{
	const char *v;
	int64_t n;

	memset(f, 0, sizeof(*f));
	f->from = INT32_MIN;
	f->to = INT32_MAX;
	f->limit = QUEUE_DEFAULT_ROWS;
	v = param(r, "status");
	if (!v || strcmp(v, "queue") == 0) {
		f->statuses[f->n_statuses++] = SANGKIEN__INITIATIVE_STATUS__STATUS_SUBMITTED;
		f->statuses[f->n_statuses++] = SANGKIEN__INITIATIVE_STATUS__STATUS_UNDER_REVIEW;
	} else if (strcmp(v, "all") != 0) {
		const struct name_entry *e = names_find_code(NAMES_STATUS, v);

		if (!e) {
			snprintf(err, errlen, "Trạng thái không có: %s", v);
			return false;
		}
		f->statuses[f->n_statuses++] = (Sangkien__InitiativeStatus)e->value;
	}
	if ((v = param(r, "unit")) != NULL) {
		if (!unit_code_is_valid(v)) {
			snprintf(err, errlen, "Mã đơn vị không hợp lệ: %s", v);
			return false;
		}
		f->unit = xstrdup(v);
	}
	if ((v = param(r, "kind")) != NULL) {
		const struct name_entry *e = names_find_code(NAMES_KIND, v);

		if (!e) {
			snprintf(err, errlen, "Loại sáng kiến không có: %s", v);
			return false;
		}
		f->kind = e->value;
	}
	if ((v = param(r, "phase")) != NULL)
		f->phase = xstrdup(v);
	if ((v = param(r, "from")) != NULL && !vn_date_parse(v, &f->from, err, errlen))
		return false;
	if ((v = param(r, "to")) != NULL && !vn_date_parse(v, &f->to, err, errlen))
		return false;
	if ((v = param(r, "after")) != NULL) {
		if (!web_parse_int(v, 0, INT64_MAX, &n)) {
			snprintf(err, errlen, "Trang không hợp lệ.");
			return false;
		}
		f->after = (uint64_t)n;
	}
	if ((v = param(r, "limit")) != NULL && !web_parse_int(v, 1, QUEUE_MAX_ROWS, &f->limit)) {
		snprintf(err, errlen, "Số dòng một trang: từ 1 đến %d.", QUEUE_MAX_ROWS);
		return false;
	}
	return true;
}

static bool matches(const struct queue_filter *f, const Sangkien__ListedInitiative *li)
{
	const Sangkien__ServerInitiative *si = li->initiative;
	int32_t day;

	if (!si || !si->content || !si->receipt)
		return false;
	if (f->kind && (int)si->content->kind != f->kind)
		return false;
	if (f->phase && strcmp(f->phase, si->phase_code ? si->phase_code : "") != 0)
		return false;
	day = vn_time_day(si->receipt->received_unix_ms);
	return day >= f->from && day <= f->to;
}

struct queue_call {
	struct console_call k;
	struct queue_filter f;
};

static void queue_free(struct console_call *k)
{
	struct queue_call *q = (struct queue_call *)k;

	free(q->f.unit);
	free(q->f.phase);
}

static void queue_work(struct console_call *k)
{
	const struct queue_filter *f = &((struct queue_call *)k)->f;
	struct web_json *j = &k->j;
	uint64_t after, last;
	int64_t rows = 0, scanned = 0;
	bool more = true;
	int rc = ADMIN_EXIT_OK;

	web_json_object(j, NULL);
	web_json_array(j, "items");
	after = last = f->after;
	while (more && rows < f->limit) {
		Sangkien__ListInitiativesRequest lr = SANGKIEN__LIST_INITIATIVES_REQUEST__INIT;
		Sangkien__Envelope req = SANGKIEN__ENVELOPE__INIT, *reply = NULL;
		const Sangkien__ListInitiativesReply *lp;
		size_t i;

		lr.scope_code = f->unit ? f->unit : "";
		lr.statuses = (Sangkien__InitiativeStatus *)f->statuses;
		lr.n_statuses = f->n_statuses;
		lr.campaign_code = "";
		lr.after_record_id = after;
		lr.max_items = QUEUE_SERVER_PAGE;
		req.body_case = SANGKIEN__ENVELOPE__BODY_LIST_INITIATIVES;
		req.list_initiatives = &lr;
		if (!console_request(k, &req, SANGKIEN__ENVELOPE__BODY_LIST_INITIATIVES_REPLY,
				     "xem hàng chờ xem xét", &reply))
			return;
		lp = reply->list_initiatives_reply;
		more = lp->more && lp->n_items > 0;
		for (i = 0; i < lp->n_items && rows < f->limit; i++) {
			const Sangkien__ListedInitiative *li = lp->items[i];
			uint64_t id = li->initiative && li->initiative->receipt
					  ? (uint64_t)li->initiative->receipt->record_id
					  : 0;

			/* Pages go up by record id; a server whose do not is not
			 * followed round in circles. */
			if (id <= last) {
				rc = ADMIN_EXIT_ERROR;
				break;
			}
			last = id;
			scanned++;
			if (!matches(f, li))
				continue;
			web_json_object(j, NULL);
			ui_review_item_json(j, li);
			web_json_end_object(j);
			rows++;
		}
		/* Rows left unread on this page come again on the next. */
		if (i < lp->n_items)
			more = true;
		after = last;
		wire_envelope_free(reply);
		if (rc != ADMIN_EXIT_OK) {
			ui_review_fail(k, rc, "Máy chủ trả danh sách không theo thứ tự.");
			return;
		}
	}
	web_json_end_array(j);
	if (more)
		web_json_int(j, "next", (int64_t)last);
	else
		web_json_null(j, "next");
	web_json_int(j, "scanned", scanned);
	web_json_end_object(j);
}

static void on_queue(struct web_request *r, void *arg)
{
	struct queue_call *q = xcalloc(1, sizeof(*q));
	char err[256];

	if (!parse_filter(r, &q->f, err, sizeof(err))) {
		queue_free(&q->k);
		free(q);
		web_reply_error(r, 400, err);
		return;
	}
	q->k.work = queue_work;
	q->k.free_data = queue_free;
	console_run(arg, r, &q->k);
}

int ui_review_queue_routes(struct console *con)
{
	return web_route(con->web, WEB_GET, "/api/review/queue", on_queue, con);
}
