/* ui_form.c - the entry form's endpoints: the choices, the per-field
 * checks (draft.h: the conventions and the server's rules), drafts saved
 * as typed, marking a draft ready (it becomes a pending initiative, or an
 * edit of one), withdrawal and the choice in a conflict.
 *
 * Request bodies are application/x-www-form-urlencoded (web_form); the
 * form's keys are draft.h's, plus draft (the draft's id, 0 or absent for
 * a new one) and item (the initiative an edit is for). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "client.h"
#include "lifecycle.h"
#include "draft.h"
#include "names.h"
#include "store_draft.h"
#include "text.h"
#include "ui.h"
#include "vn_date.h"
#include "vn_time.h"

#define UI_REASON_MAX 2000

static bool reply_start(struct web_request *r, struct web_json *j)
{
	if (web_json_init(j) != 0) {
		web_reply_error(r, 500, "Hết bộ nhớ.");
		return false;
	}
	web_json_object(j, NULL);
	return true;
}

static void reply_end(struct web_request *r, int status, struct web_json *j)
{
	web_json_end_object(j);
	web_reply_json(r, status, j);
	web_json_free(j);
}

static void choices_json(struct web_json *j, const char *key, enum name_set set)
{
	size_t n;
	const struct name_entry *e = names_table(set, &n);

	web_json_array(j, key);
	for (size_t i = 0; i < n; i++) {
		web_json_object(j, NULL);
		web_json_string(j, "code", e[i].code);
		web_json_string(j, "name", e[i].vi);
		web_json_end_object(j);
	}
	web_json_end_array(j);
}

/* GET /api/form: the lists of the form, and today. */
static void form_choices(struct web_request *r, void *arg)
{
	struct web_json j;
	char today[VN_DATE_LEN], first[VN_DATE_LEN];
	int32_t days;

	(void)arg;
	if (!reply_start(r, &j))
		return;
	choices_json(&j, "kinds", NAMES_KIND);
	choices_json(&j, "themes", NAMES_THEME);
	vn_date_format(vn_today(), today);
	web_json_string(&j, "today", today);
	if (date_parse(CHECK_FIRST_DAY, &days)) {
		vn_date_format(days, first);
		web_json_string(&j, "first_day", first);
	}
	reply_end(r, 200, &j);
}

static void problems_json(struct web_json *j, const struct draft_problem *p, size_t n)
{
	web_json_array(j, "problems");
	for (size_t i = 0; i < n; i++) {
		web_json_object(j, NULL);
		web_json_string(j, "field", draft_field_name(p[i].field));
		web_json_int(j, "author", p[i].author);
		web_json_string(j, "message", p[i].message);
		web_json_end_object(j);
	}
	web_json_end_array(j);
}

/* The form of the request as a draft; false (replied) when it does not parse. */
static bool read_form(struct web_request *r, struct add_options *o)
{
	const struct evkeyvalq *f = web_form(r);

	if (f == NULL) {
		web_reply_error(r, 400, "Dữ liệu gửi lên không đọc được.");
		return false;
	}
	if (draft_from_form(f, o) != 0) {
		web_reply_error(r, 500, "Hết bộ nhớ.");
		return false;
	}
	return true;
}

/* An optional id parameter of the form (0 when absent); false (replied)
 * when it is not a number. */
static bool form_id(struct web_request *r, const char *name, int64_t *id)
{
	const char *v = web_form_get(r, name);

	*id = 0;
	if (v == NULL || v[0] == '\0' || strcmp(v, "0") == 0)
		return true;
	if (web_parse_int(v, 1, INT64_MAX, id))
		return true;
	web_reply_error(r, 400, "Số của bản nháp hay sáng kiến không hợp lệ.");
	return false;
}

/* POST /api/check: field=NAME checks that field; without it, all. */
static void check(struct web_request *r, void *arg)
{
	struct draft_problem p[DRAFT_N_FIELDS];
	struct add_options o;
	enum draft_field f;
	const char *name;
	struct web_json j;
	size_t n;

	(void)arg;
	if (!read_form(r, &o))
		return;
	name = web_form_get(r, "field");
	if (name != NULL && !draft_field_parse(name, &f)) {
		add_options_clear(&o);
		web_reply_error(r, 400, "Không có trường này.");
		return;
	}
	if (name != NULL)
		n = draft_check_field(&o, f, vn_today(), &p[0]) ? 0 : 1;
	else
		n = draft_check_all(&o, vn_today(), p, DRAFT_N_FIELDS);
	add_options_clear(&o);
	if (!reply_start(r, &j))
		return;
	problems_json(&j, p, n);
	reply_end(r, 200, &j);
}

/* POST /api/draft: save what is typed; replies with the draft's id. */
static void draft_save(struct web_request *r, void *arg)
{
	struct ui *ui = arg;
	struct add_options o;
	struct item *it = NULL;
	struct web_json j;
	int64_t id, item_id;
	char *enc;

	if (!form_id(r, "draft", &id) || !form_id(r, "item", &item_id) || !read_form(r, &o))
		return;
	enc = draft_encode(&o);
	add_options_clear(&o);
	if (enc == NULL) {
		web_reply_error(r, 500, "Hết bộ nhớ.");
		return;
	}
	if (item_id > 0 && (store_item_get(ui->st, item_id, &it) != 0 || it == NULL)) {
		free(enc);
		web_reply_error(r, 404, "Không có sáng kiến này trên máy.");
		return;
	}
	item_free(it);
	if (store_draft_save(ui->st, &id, item_id, enc) != 0) {
		free(enc);
		web_reply_error(r, 409, "Không lưu được bản nháp (có thể đã được gửi hoặc xóa).");
		return;
	}
	free(enc);
	if (!reply_start(r, &j))
		return;
	web_json_int(&j, "draft", id);
	{
		char t[VN_TIME_LEN];

		vn_time_format(text_now_ms(), true, t);
		web_json_string(&j, "saved_at", t);
	}
	reply_end(r, 200, &j);
}

static void draft_fields_json(struct web_json *j, const struct add_options *o)
{
	web_json_object(j, "fields");
	web_json_string(j, "title", o->title ? o->title : "");
	web_json_string(j, "kind", o->kind ? o->kind : "");
	web_json_string(j, "theme", o->theme ? o->theme : "");
	web_json_string(j, "applied_on", o->applied_on ? o->applied_on : "");
	web_json_string(j, "summary", o->summary ? o->summary : "");
	web_json_string(j, "effect", o->effect ? o->effect : "");
	web_json_array(j, "authors");
	for (size_t i = 0; i < o->n_authors; i++) {
		const char *bar = strchr(o->authors[i], '|');

		web_json_object(j, NULL);
		if (bar != NULL)
			web_json_string_n(j, "name", o->authors[i], (size_t)(bar - o->authors[i]));
		else
			web_json_string(j, "name", o->authors[i]);
		web_json_string(j, "position", bar ? bar + 1 : "");
		web_json_end_object(j);
	}
	web_json_end_array(j);
	web_json_end_object(j);
}

/* GET /api/draft?id=N: a draft's fields as typed. */
static void draft_get(struct web_request *r, void *arg)
{
	struct ui *ui = arg;
	struct store_draft d;
	struct add_options o;
	struct web_json j;
	bool found;
	int64_t id;

	if (!web_parse_int(web_query(r, "id"), 1, INT64_MAX, &id)) {
		web_reply_error(r, 400, "Thiếu số của bản nháp.");
		return;
	}
	if (store_draft_get(ui->st, id, &d, &found) != 0) {
		web_reply_error(r, 500, "Không đọc được kho dữ liệu.");
		return;
	}
	if (!found) {
		web_reply_error(r, 404, "Không có bản nháp này (có thể đã được gửi hoặc xóa).");
		return;
	}
	if (draft_decode(d.fields, &o) != 0) {
		store_draft_clear(&d);
		web_reply_error(r, 500, "Bản nháp bị hỏng.");
		return;
	}
	if (reply_start(r, &j)) {
		web_json_int(&j, "draft", d.id);
		web_json_int(&j, "item", d.item_id);
		draft_fields_json(&j, &o);
		reply_end(r, 200, &j);
	}
	add_options_clear(&o);
	store_draft_clear(&d);
}

/* POST /api/draft/delete: draft=N. */
static void draft_delete(struct web_request *r, void *arg)
{
	struct ui *ui = arg;
	struct web_json j;
	int64_t id;

	if (!form_id(r, "draft", &id))
		return;
	if (id > 0 && store_draft_delete(ui->st, id) != 0) {
		web_reply_error(r, 500, "Không xóa được bản nháp.");
		return;
	}
	if (reply_start(r, &j)) {
		web_json_bool(&j, "deleted", true);
		reply_end(r, 200, &j);
	}
}

/* Why the unit may not change it now (NULL: it may). */
static const char *locked(const struct item *it)
{
	struct lc_local l = {it->state, it->op, it->withdraw_after_edit};

	switch (lc_locked(&l)) {
	case LC_LOCKED_CONFLICT:
		return "Sáng kiến đang xung đột với bản của quận: hãy chọn giữ bản nào trước.";
	case LC_LOCKED_WITHDRAWAL:
		return "Đã có yêu cầu rút sáng kiến này.";
	case LC_UNLOCKED:
		break;
	}
	if (it->has_receipt &&
	    it->server_status != SANGKIEN__INITIATIVE_STATUS__STATUS_UNSPECIFIED &&
	    !item_status_editable(it->server_status))
		return "Sáng kiến đã được quận xét duyệt nên không sửa hay rút được nữa.";
	return NULL;
}

/* The edit of item_id from o (checked); 0, or replied with an error. */
static int save_edit(struct web_request *r, struct ui *ui, int64_t item_id, int64_t draft_id,
		     const struct add_options *o)
{
	struct draft_normalized norm;
	struct item *old = NULL, *it = NULL;
	struct check_error ce;
	char err[600], fields[128];
	const char *why;
	int rc = -1;

	if (store_item_get(ui->st, item_id, &old) != 0 || old == NULL ||
	    store_item_get(ui->st, item_id, &it) != 0 || it == NULL) {
		web_reply_error(r, 404, "Không có sáng kiến này trên máy.");
		goto out;
	}
	if ((why = locked(old)) != NULL) {
		web_reply_error(r, 409, why);
		goto out;
	}
	if (draft_normalize(o, &norm) != 0) {
		web_reply_error(r, 500, "Hết bộ nhớ.");
		goto out;
	}
	if (add_apply_options(&norm.o, it, err, sizeof(err)) != 0 ||
	    !item_check(it, vn_today(), &ce)) {
		draft_normalized_clear(&norm);
		web_reply_error(r, 422, "Sáng kiến còn trường chưa hợp lệ.");
		goto out;
	}
	draft_normalized_clear(&norm);
	client_changed_fields(old, it, fields, sizeof(fields));
	if (fields[0] != '\0' && store_item_edit(ui->st, it, fields) != 0) {
		web_reply_error(r, 409, "Không lưu được bản sửa (sáng kiến vừa thay đổi).");
		goto out;
	}
	if (draft_id > 0)
		store_draft_delete(ui->st, draft_id);
	rc = 0;
out:
	item_free(old);
	item_free(it);
	return rc;
}

/* POST /api/ready: the draft is finished.  Every field is checked; with
 * problems nothing changes (422 and the problems), else it is stored as a
 * pending initiative (or the edit of item) and the draft removed. */
static void ready(struct web_request *r, void *arg)
{
	struct ui *ui = arg;
	struct draft_problem p[DRAFT_N_FIELDS];
	struct add_options o;
	struct item *it = NULL;
	struct web_json j;
	int64_t draft_id, item_id, id = 0;
	char err[600], *unit = NULL;
	size_t n;
	int rc;

	if (!form_id(r, "draft", &draft_id) || !form_id(r, "item", &item_id) || !read_form(r, &o))
		return;
	n = draft_check_all(&o, vn_today(), p, DRAFT_N_FIELDS);
	if (n > 0) {
		add_options_clear(&o);
		if (reply_start(r, &j)) {
			web_json_string(&j, "error",
					"Còn trường chưa hợp lệ; hãy sửa các chỗ được "
					"đánh dấu.");
			problems_json(&j, p, n);
			reply_end(r, 422, &j);
		}
		return;
	}
	if (item_id > 0) {
		rc = save_edit(r, ui, item_id, draft_id, &o);
		add_options_clear(&o);
		if (rc != 0)
			return;
		id = item_id;
	} else {
		if (store_setting_get(ui->st, STORE_KEY_UNIT_CODE, &unit) != 0) {
			add_options_clear(&o);
			web_reply_error(r, 500, "Không đọc được kho dữ liệu.");
			return;
		}
		rc = draft_build_item(&o, unit, vn_today(), &it, err, sizeof(err));
		add_options_clear(&o);
		free(unit);
		if (rc != 0) {
			web_reply_error(r, 422, err);
			return;
		}
		rc = draft_id > 0 ? store_draft_to_item(ui->st, draft_id, it, &id)
				  : store_item_add(ui->st, it, &id);
		item_free(it);
		if (rc != 0) {
			web_reply_error(r, 409,
					"Không lưu được sáng kiến (bản nháp có thể đã được "
					"gửi ở cửa sổ khác).");
			return;
		}
	}
	if (reply_start(r, &j)) {
		web_json_int(&j, "id", id);
		reply_end(r, 200, &j);
	}
}

static bool load_item(struct web_request *r, struct ui *ui, struct item **it)
{
	int64_t id;

	*it = NULL;
	if (!form_id(r, "id", &id))
		return false;
	if (id == 0 || store_item_get(ui->st, id, it) != 0 || *it == NULL) {
		web_reply_error(r, 404, "Không có sáng kiến này trên máy.");
		return false;
	}
	return true;
}

static void reply_ok(struct web_request *r, int64_t id)
{
	struct web_json j;

	if (reply_start(r, &j)) {
		web_json_int(&j, "id", id);
		reply_end(r, 200, &j);
	}
}

/* POST /api/withdraw: id, reason. */
static void withdraw(struct web_request *r, void *arg)
{
	struct ui *ui = arg;
	struct item *it;
	const char *why, *reason;
	size_t chars = 0;
	char *trimmed;

	if (!load_item(r, ui, &it))
		return;
	reason = web_form_get(r, "reason");
	trimmed = text_trim_dup(reason != NULL ? reason : "");
	if (trimmed == NULL || !utf8_is_valid(trimmed, strlen(trimmed), &chars) ||
	    chars > UI_REASON_MAX) {
		web_reply_error(r, 400, "Lý do quá dài (tối đa 2000 ký tự).");
	} else if ((why = locked(it)) != NULL) {
		web_reply_error(r, 409, why);
	} else if (store_item_withdraw(ui->st, it->id, it->local_rev, trimmed) != 0) {
		web_reply_error(r, 409, "Không lưu được yêu cầu rút (sáng kiến vừa thay đổi).");
	} else {
		reply_ok(r, it->id);
	}
	free(trimmed);
	item_free(it);
}

/* POST /api/resolve: id, keep=mine|server. */
static void resolve(struct web_request *r, void *arg)
{
	struct ui *ui = arg;
	struct item *it;
	const char *keep;

	if (!load_item(r, ui, &it))
		return;
	keep = web_form_get(r, "keep");
	if (keep == NULL || (strcmp(keep, "mine") != 0 && strcmp(keep, "server") != 0))
		web_reply_error(r, 400, "Hãy chọn giữ bản của đơn vị hay bản của quận.");
	else if (it->state != ITEM_CONFLICT)
		web_reply_error(r, 409, "Sáng kiến không còn xung đột.");
	else if (store_resolve(ui->st, it->id, strcmp(keep, "mine") == 0) != 0)
		web_reply_error(r, 500, "Không lưu được lựa chọn.");
	else
		reply_ok(r, it->id);
	item_free(it);
}

int ui_form_routes(struct ui *ui)
{
	return web_route(ui->web, WEB_GET, "/api/form", form_choices, ui) ||
	       web_route(ui->web, WEB_POST, "/api/check", check, ui) ||
	       web_route(ui->web, WEB_POST, "/api/draft", draft_save, ui) ||
	       web_route(ui->web, WEB_GET, "/api/draft", draft_get, ui) ||
	       web_route(ui->web, WEB_POST, "/api/draft/delete", draft_delete, ui) ||
	       web_route(ui->web, WEB_POST, "/api/ready", ready, ui) ||
	       web_route(ui->web, WEB_POST, "/api/withdraw", withdraw, ui) ||
	       web_route(ui->web, WEB_POST, "/api/resolve", resolve, ui);
}
