/*
 * ui_review_decide.c - POST /api/review/decide: one decision on one or many
 * initiatives, sent as `sangkien-admin review` sends it (review_plan.h
 * checks it, review_send.h sends it with the operator's credential).
 *
 * Form fields: op (a code of review_flow.h), uuid (repeated: the
 * initiatives, full uuids, at most UI_DECIDE_MAX), and the fields the op
 * takes, named as review apply's columns: ghi_chu, so_quyet_dinh,
 * ngay_quyet_dinh (dd/mm/yyyy as typed), nguoi_cong_nhan, hinh_thuc
 * (reward | commendation), cap_khen, so_tien.
 *
 * Replies: 422 {"problems": [{"field", "message"}]} when the decision is
 * not complete (nothing sent); else 200 {"results": [{"uuid", "ok",
 * "text", "field_text", "detail", "status_text", "version"}], "done", "refused"} with
 * one result per initiative in order: the server may refuse some (another
 * district's, one whose status moved on) and apply the others.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "platform_queue.h"
#include <event2/keyvalq_struct.h>

#include "admin_parse.h"
#include "names.h"
#include "review_flow.h"
#include "review_plan.h"
#include "review_send.h"
#include "ui_review.h"
#include "uuid7.h"
#include "vn_date.h"
#include "vn_names.h"
#include "xalloc.h"

/* One decision on at most a few pages of the queue. */
#define UI_DECIDE_MAX 1000

struct decide_out {
	struct web_json *j;
	size_t refused;
};

static const char *field(struct web_request *r, const char *name)
{
	const char *v = web_form_get(r, name);

	return v ? v : "";
}

static void problems_reply(struct web_request *r, const struct review_plan *p, const char *field,
			   const char *message)
{
	struct web_json j;

	if (web_json_init(&j) != 0) {
		web_reply_error(r, 500, "Hết bộ nhớ.");
		return;
	}
	web_json_object(&j, NULL);
	web_json_string(&j, "error", "Quyết định chưa đủ thông tin; chưa gửi gì.");
	web_json_array(&j, "problems");
	if (field) {
		web_json_object(&j, NULL);
		web_json_string(&j, "field", field);
		web_json_string(&j, "message", message);
		web_json_end_object(&j);
	}
	for (size_t i = 0; p && i < p->n_problems; i++) {
		const struct review_problem *pr = &p->problems[i];
		const char *m = pr->message;
		size_t cl = strlen(pr->column);

		/* The field is named beside it on the page: "so_quyet_dinh: " goes. */
		if (cl && strncmp(m, pr->column, cl) == 0 && strncmp(m + cl, ": ", 2) == 0)
			m += cl + 2;
		web_json_object(&j, NULL);
		web_json_string(&j, "field", pr->column);
		web_json_string(&j, "message", m);
		web_json_end_object(&j);
	}
	web_json_end_array(&j);
	web_json_end_object(&j);
	web_reply_json(r, 422, &j);
	web_json_free(&j);
}

static void on_result(const struct review_item *it, const Sangkien__ItemResult *res, void *ctx)
{
	struct decide_out *o = ctx;
	bool ok = review_result_ok(res->status);
	char detail[REVIEW_DETAIL_LEN];

	web_json_object(o->j, NULL);
	web_json_string(o->j, "uuid", it->uuid);
	web_json_bool(o->j, "ok", ok);
	web_json_string(o->j, "text", review_result_text(res->status));
	web_json_string(o->j, "field_text", ok ? NULL : review_result_field(res->field));
	web_json_string(o->j, "detail",
			ok ? "" : review_result_detail(res, detail, sizeof(detail)));
	if (res->current)
		web_json_string(o->j, "status_text", vn_status_name(res->current->status));
	else
		web_json_null(o->j, "status_text");
	web_json_int(o->j, "version", res->receipt ? res->receipt->version : 0);
	web_json_end_object(o->j);
	if (!ok)
		o->refused++;
}

/* The decision's fields as review apply's row would hold them; false
 * (replied) for what only the page can get wrong. */
static bool read_item(struct web_request *r, struct review_item *it, bool *has_amount,
		      char iso[VN_DATE_LEN])
{
	const struct review_flow *f = review_flow_find_code(web_form_get(r, "op"));
	const char *date = field(r, "ngay_quyet_dinh"), *kind = field(r, "hinh_thuc");
	const char *amount = field(r, "so_tien");
	char err[256];
	uint64_t v = 0;

	memset(it, 0, sizeof(*it));
	if (!f) {
		problems_reply(r, NULL, "op", "Chưa chọn quyết định.");
		return false;
	}
	it->op = f->op;
	it->note = (char *)field(r, "ghi_chu");
	it->decision_number = (char *)field(r, "so_quyet_dinh");
	it->recognized_by = (char *)field(r, "nguoi_cong_nhan");
	it->reward_level = (char *)field(r, "cap_khen");
	it->decision_date = "";
	if (date[0]) {
		if (!vn_date_to_iso(date, iso, err, sizeof(err))) {
			problems_reply(r, NULL, "ngay_quyet_dinh", err);
			return false;
		}
		it->decision_date = iso;
	}
	if (strcmp(kind, "reward") == 0)
		it->reward_kind = SANGKIEN__REWARD_KIND__REWARD_KIND_REWARD;
	else if (strcmp(kind, "commendation") == 0)
		it->reward_kind = SANGKIEN__REWARD_KIND__REWARD_KIND_COMMENDATION;
	else if (kind[0]) {
		problems_reply(r, NULL, "hinh_thuc", "Chọn khen thưởng hoặc biểu dương.");
		return false;
	}
	*has_amount = amount[0] != '\0';
	if (*has_amount && !admin_parse_uint(amount, ADMIN_AMOUNT_MAX, &v)) {
		problems_reply(r, NULL, "so_tien", "Số tiền chỉ gồm chữ số (đơn vị đồng).");
		return false;
	}
	it->amount_vnd = (int64_t)v;
	return true;
}

struct decide_call {
	struct console_call k;
	struct review_plan *p;
};

static void decide_free(struct console_call *k)
{
	review_plan_free(((struct decide_call *)k)->p);
}

static void decide_work(struct console_call *k)
{
	const struct review_plan *p = ((struct decide_call *)k)->p;
	struct decide_out out = {&k->j, 0};
	size_t sent = 0;
	int rc;

	web_json_object(&k->j, NULL);
	web_json_array(&k->j, "results");
	rc = review_plan_send(k->conn, p, on_result, &out, &sent, k->msg, sizeof(k->msg));
	if (rc != ADMIN_EXIT_OK && sent == 0) {
		ui_review_fail(k, rc,
			       "Không gửi được quyết định tới máy chủ; chưa có gì thay đổi.");
		return;
	}
	web_json_end_array(&k->j);
	web_json_int(&k->j, "done", (int64_t)(sent - out.refused));
	web_json_int(&k->j, "refused", (int64_t)out.refused);
	web_json_int(&k->j, "unsent", (int64_t)(p->n - sent));
	if (rc != ADMIN_EXIT_OK)
		web_json_string(&k->j, "error",
				"Mất kết nối giữa chừng: những sáng kiến còn lại chưa được gửi.");
	web_json_end_object(&k->j);
}

static void on_decide(struct web_request *r, void *arg)
{
	const struct evkeyvalq *form = web_form(r);
	const struct evkeyval *kv;
	struct review_item it;
	struct decide_call *q;
	struct review_plan *p;
	char iso[VN_DATE_LEN];
	bool has_amount = false;
	size_t n = 0;

	if (!form) {
		web_reply_error(r, 400, "Dữ liệu gửi lên không đọc được.");
		return;
	}
	if (!read_item(r, &it, &has_amount, iso))
		return;
	p = review_plan_create();
	TAILQ_FOREACH(kv, form, next)
	{
		if (strcmp(kv->key, "uuid") != 0)
			continue;
		/* Full uuids only: the page names what it shows. */
		if (!uuid7_is_valid(kv->value) || ++n > UI_DECIDE_MAX) {
			review_plan_free(p);
			problems_reply(r, NULL, "uuid",
				       n > UI_DECIDE_MAX ? "Chọn quá nhiều sáng kiến cho một lần."
							 : "Mã sáng kiến không hợp lệ.");
			return;
		}
		it.uuid = kv->value;
		/* The same fields for every item: their problems are said once. */
		if (!review_plan_add(p, &it, has_amount))
			break;
	}
	if (n == 0 || p->n_problems > 0) {
		problems_reply(r, p, n == 0 ? "uuid" : NULL, "Chưa chọn sáng kiến nào.");
		review_plan_free(p);
		return;
	}
	q = xcalloc(1, sizeof(*q));
	q->p = p;
	q->k.work = decide_work;
	q->k.free_data = decide_free;
	console_run(arg, r, &q->k);
}

int ui_review_decide_routes(struct console *con)
{
	return web_route(con->web, WEB_POST, "/api/review/decide", on_decide, con);
}
