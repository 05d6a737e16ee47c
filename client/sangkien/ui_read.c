/* ui_read.c - the pages' read-only endpoints: Home, List, Detail, drafts.
 * Dates and times are given both as stored (ISO, milliseconds) and as
 * people read them (dd/mm/yyyy, local time): the page shows the latter. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "client.h"
#include "cmd_sync.h"
#include "draft.h"
#include "messages.h"
#include "names.h"
#include "store_attach.h"
#include "store_draft.h"
#include "store_query.h"
#include "text.h"
#include "ui.h"
#include "vn_date.h"
#include "vn_names.h"
#include "vn_number.h"
#include "vn_time.h"
#include "web_vn.h"

/* Rows of the list in one reply; the page asks for the next ones. */
#define UI_LIST_PAGE 100
/* Items needing action shown on Home (the count says if there are more). */
#define UI_NEEDS_MAX 50
#define UI_FOLD_MAX 1024

static bool reply_start(struct web_request *r, struct web_json *j)
{
	if (web_json_init(j) != 0) {
		web_reply_error(r, 500, "Hết bộ nhớ.");
		return false;
	}
	web_json_object(j, NULL);
	return true;
}

static void reply_end(struct web_request *r, struct web_json *j)
{
	web_json_end_object(j);
	web_reply_json(r, 200, j);
	web_json_free(j);
}

static void json_date(struct web_json *j, const char *key, const char *iso)
{
	char vn[VN_DATE_LEN + 8];

	vn_date_show_iso(iso, vn, sizeof(vn));
	web_json_string(j, key, vn);
}

static void json_number(struct web_json *j, const char *key, int64_t v)
{
	char n[VN_NUMBER_LEN];

	vn_number_format(v, n);
	web_json_string(j, key, n);
}

const char *ui_state_words(const struct store_row *r)
{
	switch (r->state) {
	case ITEM_PENDING:
		if (r->op == ITEM_OP_WITHDRAW)
			return "Chờ gửi yêu cầu rút";
		if (r->has_receipt && r->op == ITEM_OP_EDIT)
			return "Chờ gửi bản sửa";
		return "Chờ gửi";
	case ITEM_SYNCED:
		if (r->server_status != SANGKIEN__INITIATIVE_STATUS__STATUS_UNSPECIFIED)
			return vn_status_name(r->server_status);
		return "Đã gửi";
	case ITEM_INVALID:
		return "Không hợp lệ – cần sửa";
	case ITEM_FORBIDDEN:
		return "Không thuộc đơn vị này";
	case ITEM_CONFLICT:
		return "Xung đột với bản của quận";
	}
	return "?";
}

/* The filter key of a row's state: the local state, or for an item the
 * server holds, its status code (the list's state= values). */
static const char *state_key(const struct store_row *r)
{
	const struct name_entry *e;

	if (r->state == ITEM_SYNCED &&
	    (e = names_find(NAMES_STATUS, (int)r->server_status)) != NULL)
		return e->code;
	return item_state_name(r->state);
}

static bool needs_action(const struct store_row *r)
{
	return r->state == ITEM_INVALID || r->state == ITEM_FORBIDDEN ||
	       r->state == ITEM_CONFLICT ||
	       (r->state == ITEM_SYNCED &&
		r->server_status == SANGKIEN__INITIATIVE_STATUS__STATUS_NEEDS_CHANGES);
}

static void row_of_item(const struct item *it, struct store_row *r)
{
	memset(r, 0, sizeof(*r));
	r->id = it->id;
	r->uuid = it->uuid;
	r->title = it->title;
	r->kind = it->kind;
	r->applied_on = it->applied_on;
	r->state = it->state;
	r->op = it->op;
	r->has_receipt = it->has_receipt;
	r->server_status = it->server_status;
	r->refusal_reason = it->refusal_reason;
}

/* ---- phases, from the last quota the server sent ---- */

struct phases {
	Sangkien__QuotaReply *reply; /* NULL when none is kept */
};

static void phases_load(struct store *st, struct store_quota *q, bool *found, struct phases *ph)
{
	ph->reply = NULL;
	if (store_quota_load(st, q, found) != 0)
		*found = false;
	if (*found && q->reply != NULL)
		ph->reply = sangkien__quota_reply__unpack(NULL, q->reply_len, q->reply);
}

static void phases_free(struct phases *ph)
{
	if (ph->reply != NULL)
		sangkien__quota_reply__free_unpacked(ph->reply, NULL);
}

/* The phase applied_on falls in (NULL: none), as the server counts it. */
static const Sangkien__PhaseProgress *phase_of(const struct phases *ph, const char *applied_on)
{
	if (ph->reply == NULL)
		return NULL;
	for (size_t i = 0; i < ph->reply->n_phases; i++) {
		const Sangkien__PhaseProgress *p = ph->reply->phases[i];

		if (strcmp(applied_on, p->starts_on) >= 0 && strcmp(applied_on, p->ends_on) <= 0)
			return p;
	}
	return NULL;
}

static void phases_json(struct web_json *j, const struct phases *ph)
{
	char pct[VN_NUMBER_LEN];

	web_json_array(j, "phases");
	for (size_t i = 0; ph->reply != NULL && i < ph->reply->n_phases; i++) {
		const Sangkien__PhaseProgress *p = ph->reply->phases[i];

		web_json_object(j, NULL);
		web_json_string(j, "code", p->code);
		web_json_string(j, "name", p->name[0] ? p->name : p->code);
		json_date(j, "starts", p->starts_on);
		json_date(j, "ends", p->ends_on);
		web_json_int(j, "target", p->target);
		web_json_int(j, "submitted", p->submitted);
		web_json_int(j, "recognized", p->recognized);
		json_number(j, "target_text", p->target);
		json_number(j, "submitted_text", p->submitted);
		vn_percent_format(p->submitted, p->target, pct);
		web_json_string(j, "percent_text", pct);
		web_json_end_object(j);
	}
	web_json_end_array(j);
}

/* ---- Home ---- */

struct home_walk {
	struct store *st;
	struct web_json *j;
};

/* The newest district note of an item (NULL when none); caller frees si. */
static const char *last_note(struct store *st, int64_t id, Sangkien__ServerInitiative **si)
{
	*si = NULL;
	if (store_server_copy(st, id, si) != 0 || *si == NULL || (*si)->n_notes == 0)
		return NULL;
	return (*si)->notes[(*si)->n_notes - 1]->text;
}

static int home_item(const struct store_row *it, void *arg)
{
	struct home_walk *w = arg;
	Sangkien__ServerInitiative *si = NULL;
	const char *why;

	web_json_object(w->j, NULL);
	web_json_int(w->j, "id", it->id);
	web_json_string(w->j, "title", it->title);
	web_json_string(w->j, "state", ui_state_words(it));
	web_json_string(w->j, "key", state_key(it));
	if (it->state == ITEM_CONFLICT) {
		web_json_string(w->j, "why",
				"Quận đã thay đổi sáng kiến trong khi đơn vị sửa; "
				"hãy chọn giữ bản nào.");
	} else if (it->state == ITEM_SYNCED) {
		why = last_note(w->st, it->id, &si);
		web_json_string(w->j, "why", why != NULL ? why : "Quận trả lại để bổ sung, sửa.");
	} else {
		web_json_string(w->j, "why", it->refusal_reason);
	}
	if (si != NULL)
		sangkien__server_initiative__free_unpacked(si, NULL);
	web_json_end_object(w->j);
	return 0;
}

static int home_draft(const struct store_draft *d, void *arg)
{
	struct web_json *j = arg;
	struct add_options o;

	web_json_object(j, NULL);
	web_json_int(j, "id", d->id);
	web_json_int(j, "item", d->item_id);
	if (draft_decode(d->fields, &o) == 0) {
		web_json_string(j, "title", o.title != NULL ? o.title : "");
		add_options_clear(&o);
	} else {
		web_json_string(j, "title", "");
	}
	web_json_vn_time(j, "updated", d->updated_unix_ms);
	web_json_end_object(j);
	return 0;
}

static void quota_json(struct web_json *j, const struct store_quota *q, const struct phases *ph)
{
	char pct[VN_NUMBER_LEN];

	web_json_object(j, "quota");
	web_json_string(j, "campaign", q->campaign_name);
	json_date(j, "counts_from", q->counts_from);
	web_json_int(j, "quota", q->quota);
	web_json_int(j, "submitted", q->submitted);
	web_json_int(j, "recognized", q->recognized);
	json_number(j, "quota_text", q->quota);
	json_number(j, "submitted_text", q->submitted);
	json_number(j, "recognized_text", q->recognized);
	vn_percent_format(q->submitted, q->quota, pct);
	web_json_string(j, "percent_text", pct);
	web_json_vn_time(j, "as_of", q->as_of_unix_ms);
	phases_json(j, ph);
	web_json_end_object(j);
}

static const char *sync_result_words(int rc)
{
	switch (rc) {
	case CLIENT_EXIT_OK:
		return "Thành công";
	case CLIENT_EXIT_REFUSED:
		return "Xong, có sáng kiến bị từ chối hoặc xung đột";
	case CLIENT_EXIT_OFFLINE:
		return "Không kết nối được máy chủ";
	case CLIENT_EXIT_CREDENTIAL:
		return "Máy chủ không chấp nhận thiết bị này";
	default:
		return "Có lỗi";
	}
}

static void home(struct web_request *r, void *arg)
{
	struct ui *ui = arg;
	struct home_walk w;
	struct store_filter needs_filter;
	struct store_counts counts;
	int64_t needs = 0;
	struct store_quota q;
	struct phases ph;
	struct sync_last last;
	struct web_json j;
	char *unit = NULL, *unit_name = NULL, *server = NULL;
	bool found_q = false, found_last = false;
	int rc = 0;

	if (!reply_start(r, &j))
		return;
	memset(&w, 0, sizeof(w));
	memset(&needs_filter, 0, sizeof(needs_filter));
	w.st = ui->st;
	w.j = &j;
	if (store_setting_get(ui->st, STORE_KEY_UNIT_CODE, &unit) != 0 ||
	    store_setting_get(ui->st, STORE_KEY_UNIT_NAME, &unit_name) != 0 ||
	    store_setting_get(ui->st, STORE_KEY_SERVER, &server) != 0 ||
	    sync_load_last(ui->st, &last, &found_last) != 0) {
		rc = -1;
		goto out;
	}
	web_json_string(&j, "unit_code", unit);
	web_json_string(&j, "unit_name", unit_name);
	web_json_string(&j, "server", server);
	web_json_string(&j, "zone", vn_time_zone_label());
	phases_load(ui->st, &q, &found_q, &ph);
	if (found_q)
		quota_json(&j, &q, &ph);
	else
		web_json_null(&j, "quota");
	phases_free(&ph);
	if (found_q)
		store_quota_clear(&q);
	if (found_last) {
		web_json_object(&j, "last_sync");
		web_json_vn_time(&j, "at", last.at_unix_ms);
		web_json_int(&j, "rc", last.rc);
		web_json_string(&j, "result", sync_result_words(last.rc));
		web_json_int(&j, "sent", last.sent);
		web_json_int(&j, "refused", last.refused);
		web_json_int(&j, "pulled", last.pulled);
		web_json_int(&j, "notes", last.notes);
		web_json_end_object(&j);
	} else {
		web_json_null(&j, "last_sync");
	}
	ui_sync_json(ui, &j, "sync");
	web_json_array(&j, "needs");
	needs_filter.by_state = STORE_NEEDS_ACTION;
	if (store_query_items(ui->st, &needs_filter, 0, UI_NEEDS_MAX, home_item, &w, &needs) != 0)
		rc = -1;
	web_json_end_array(&j);
	web_json_int(&j, "needs_total", needs);
	if (store_query_counts(ui->st, &counts) != 0)
		rc = -1;
	web_json_object(&j, "counts");
	for (int s = ITEM_PENDING; s <= ITEM_CONFLICT; s++)
		web_json_int(&j, item_state_name((enum item_state)s), counts.by_state[s]);
	web_json_int(&j, "changes_requested", counts.needs_changes);
	web_json_end_object(&j);
	web_json_array(&j, "drafts");
	if (store_draft_foreach(ui->st, home_draft, &j) != 0)
		rc = -1;
	web_json_end_array(&j);
out:
	free(unit);
	free(unit_name);
	free(server);
	if (rc != 0) {
		ui_store_failed(ui, "home");
		web_json_free(&j);
		web_reply_error(r, 500, "Không đọc được kho dữ liệu.");
		return;
	}
	reply_end(r, &j);
}

/* ---- List ---- */

struct list_walk {
	struct web_json *j;
	const struct phases *ph;
};

static int list_item(const struct store_row *it, void *arg)
{
	struct list_walk *w = arg;
	const Sangkien__PhaseProgress *p = phase_of(w->ph, it->applied_on);

	web_json_object(w->j, NULL);
	web_json_int(w->j, "id", it->id);
	web_json_string(w->j, "title", it->title);
	web_json_string(w->j, "state", ui_state_words(it));
	web_json_string(w->j, "key", state_key(it));
	web_json_bool(w->j, "needs", needs_action(it));
	web_json_string(w->j, "kind", vn_kind_name(it->kind));
	json_date(w->j, "applied_on", it->applied_on);
	web_json_string(w->j, "phase", p != NULL ? (p->name[0] ? p->name : p->code) : "");
	web_json_end_object(w->j);
	return 0;
}

static const char *param(struct web_request *r, const char *name)
{
	const char *v = web_query(r, name);

	return v != NULL && v[0] != '\0' ? v : NULL;
}

/* The list's filters from the query string; a message when one is bad. */
static const char *list_filter(struct web_request *r, const struct phases *ph,
			       struct store_filter *f, char *folded, size_t foldlen)
{
	const char *state = param(r, "state"), *kind = param(r, "kind"), *phase = param(r, "phase"),
		   *q = param(r, "q");

	memset(f, 0, sizeof(*f));
	if (state == NULL)
		f->by_state = STORE_ANY_STATE;
	else if (strcmp(state, "needs") == 0)
		f->by_state = STORE_NEEDS_ACTION;
	else if (item_state_parse(state, &f->local))
		f->by_state = STORE_LOCAL_STATE;
	else if (item_status_parse(state, &f->status))
		f->by_state = STORE_SERVER_STATUS;
	else
		return "Trạng thái lọc không hợp lệ.";
	if (kind != NULL) {
		if (!kind_parse(kind, &f->kind))
			return "Loại lọc không hợp lệ.";
		f->by_kind = true;
	}
	if (phase != NULL) {
		bool found = false;

		for (size_t i = 0; ph->reply != NULL && i < ph->reply->n_phases; i++) {
			if (strcmp(ph->reply->phases[i]->code, phase) == 0) {
				f->from = ph->reply->phases[i]->starts_on;
				f->to = ph->reply->phases[i]->ends_on;
				found = true;
			}
		}
		if (!found)
			return "Giai đoạn lọc không có.";
	}
	if (q != NULL) {
		if (strlen(q) >= foldlen / 2)
			return "Từ khóa tìm kiếm quá dài.";
		vn_fold(q, folded, foldlen);
		f->search = q;
		f->search_folded = folded;
		f->fold = vn_fold;
	}
	return NULL;
}

static void list(struct web_request *r, void *arg)
{
	struct ui *ui = arg;
	struct list_walk w;
	struct store_filter f;
	struct store_quota q;
	struct phases ph;
	struct web_json j;
	char folded[UI_FOLD_MAX];
	const char *bad;
	bool found = false;
	int64_t offset = 0, total = 0;
	int rc;

	if (param(r, "offset") != NULL &&
	    !web_parse_int(param(r, "offset"), 0, INT32_MAX, &offset)) {
		web_reply_error(r, 400, "Tham số offset không hợp lệ.");
		return;
	}
	phases_load(ui->st, &q, &found, &ph);
	bad = list_filter(r, &ph, &f, folded, sizeof(folded));
	if (bad != NULL || !reply_start(r, &j)) {
		if (bad != NULL)
			web_reply_error(r, 400, bad);
		phases_free(&ph);
		if (found)
			store_quota_clear(&q);
		return;
	}
	w.j = &j;
	w.ph = &ph;
	web_json_array(&j, "items");
	rc = store_query_items(ui->st, &f, offset, UI_LIST_PAGE, list_item, &w, &total);
	web_json_end_array(&j);
	web_json_int(&j, "total", total);
	web_json_int(&j, "offset", offset);
	web_json_int(&j, "page", UI_LIST_PAGE);
	phases_json(&j, &ph);
	phases_free(&ph);
	if (found)
		store_quota_clear(&q);
	if (rc != 0) {
		ui_store_failed(ui, "list");
		web_json_free(&j);
		web_reply_error(r, 500, "Không đọc được kho dữ liệu.");
		return;
	}
	reply_end(r, &j);
}

/* ---- Detail ---- */

static void content_json(struct web_json *j, const char *key, const Sangkien__Initiative *c)
{
	web_json_object(j, key);
	web_json_string(j, "title", c->title);
	web_json_string(j, "kind", kind_name(c->kind));
	web_json_string(j, "kind_name", vn_kind_name(c->kind));
	web_json_string(j, "theme", theme_name(c->theme) ? theme_name(c->theme) : "");
	web_json_string(j, "theme_name", vn_theme_name(c->theme));
	json_date(j, "applied_on", c->applied_on);
	web_json_array(j, "authors");
	for (size_t i = 0; i < c->n_authors; i++) {
		web_json_object(j, NULL);
		web_json_string(j, "name", c->authors[i]->name);
		web_json_string(j, "position", c->authors[i]->position);
		web_json_end_object(j);
	}
	web_json_end_array(j);
	web_json_string(j, "summary", c->summary);
	web_json_string(j, "effect", c->effect);
	web_json_end_object(j);
}

static void server_json(struct web_json *j, const Sangkien__ServerInitiative *si)
{
	web_json_object(j, "server");
	web_json_string(j, "status", vn_status_name(si->status));
	web_json_int(j, "version", si->version);
	web_json_vn_time(j, "updated", si->updated_unix_ms);
	web_json_string(j, "phase", si->phase_code);
	if (si->recognition != NULL && si->recognition->decision_number[0] != '\0') {
		web_json_object(j, "recognition");
		web_json_string(j, "decision", si->recognition->decision_number);
		json_date(j, "date", si->recognition->decision_date);
		web_json_string(j, "by", si->recognition->recognized_by);
		web_json_end_object(j);
	}
	if (si->reward != NULL &&
	    si->reward->kind != SANGKIEN__REWARD_KIND__REWARD_KIND_UNSPECIFIED) {
		web_json_object(j, "reward");
		web_json_string(j, "kind",
				si->reward->kind == SANGKIEN__REWARD_KIND__REWARD_KIND_REWARD
				    ? "Khen thưởng"
				    : "Biểu dương");
		web_json_string(j, "level", si->reward->level);
		web_json_string(j, "decision", si->reward->decision_number);
		json_date(j, "date", si->reward->decision_date);
		if (si->reward->amount_vnd > 0)
			json_number(j, "amount", si->reward->amount_vnd);
		web_json_end_object(j);
	}
	web_json_array(j, "notes");
	for (size_t i = 0; i < si->n_notes; i++) {
		web_json_object(j, NULL);
		web_json_vn_time(j, "at", si->notes[i]->at_unix_ms);
		web_json_string(j, "author", si->notes[i]->author);
		web_json_string(j, "status", vn_status_name(si->notes[i]->status));
		web_json_string(j, "text", si->notes[i]->text);
		web_json_end_object(j);
	}
	web_json_end_array(j);
	/* the server sends only the newest notes that fit in a frame */
	web_json_int(j, "notes_omitted", si->notes_omitted);
	if (si->notes_omitted > 0) {
		char omitted[96];

		messages_notes_omitted(si->notes_omitted, omitted, sizeof(omitted));
		web_json_string(j, "notes_omitted_text", omitted);
	}
	web_json_end_object(j);
}

static int history_item(const struct store_event *e, void *arg)
{
	struct web_json *j = arg;

	web_json_object(j, NULL);
	web_json_vn_time(j, "at", e->at_unix_ms);
	web_json_string(j, "event", messages_event(e->event));
	web_json_string(j, "detail", e->detail);
	web_json_end_object(j);
	return 0;
}

/* Why the unit may not change it now, or NULL. */
static const char *locked_words(const struct item *it, char *buf, size_t len)
{
	if (it->state == ITEM_CONFLICT)
		return "Sáng kiến đang xung đột với bản của quận: hãy chọn giữ bản nào trước.";
	if (it->op == ITEM_OP_WITHDRAW)
		return "Đã có yêu cầu rút sáng kiến này.";
	if (it->has_receipt &&
	    it->server_status != SANGKIEN__INITIATIVE_STATUS__STATUS_UNSPECIFIED &&
	    !item_status_editable(it->server_status)) {
		snprintf(buf, len,
			 "Sáng kiến đang ở trạng thái “%s” trên máy chủ nên không sửa hay rút "
			 "được nữa.",
			 vn_status_name(it->server_status));
		return buf;
	}
	return NULL;
}

static int attachment_item(const struct store_attachment *a, void *arg)
{
	struct web_json *j = arg;
	char size[32];

	attach_size_text(a->size, size, sizeof(size));
	web_json_object(j, NULL);
	web_json_int(j, "id", a->id);
	web_json_string(j, "name", a->file_name);
	web_json_string(j, "label", a->label);
	web_json_string(j, "type", file_type_label(a->type));
	web_json_string(j, "size", size);
	web_json_int(j, "bytes", (int64_t)a->size);
	web_json_string(j, "key", attach_state_name(a->state));
	switch (a->state) {
	case ATTACH_PENDING:
		web_json_string(j, "state",
				a->uploaded > 0 && a->uploaded < a->size
				    ? "Chờ gửi (đã gửi một phần)"
				    : "Chờ gửi");
		break;
	case ATTACH_ATTACHED:
		web_json_string(j, "state", "Đã gửi");
		break;
	case ATTACH_DETACH:
		web_json_string(j, "state", "Chờ gỡ ở lần đồng bộ tới");
		break;
	case ATTACH_REFUSED:
		web_json_string(j, "state", "Máy chủ từ chối");
		break;
	}
	web_json_int(j, "uploaded", (int64_t)a->uploaded);
	web_json_string(j, "refusal", a->refusal);
	web_json_end_object(j);
	return 0;
}

/* The dossier and its limits, for Detail. */
static void dossier_json(struct ui *ui, struct web_json *j, int64_t id)
{
	struct attach_limits lim;
	char f[32], d[32];

	web_json_array(j, "attachments");
	if (store_attachment_foreach(ui->st, id, attachment_item, j) != 0)
		j->failed = true;
	web_json_end_array(j);
	if (store_attach_limits(ui->st, &lim) != 0) {
		j->failed = true;
		return;
	}
	attach_size_text(lim.max_file, f, sizeof(f));
	attach_size_text(lim.max_dossier, d, sizeof(d));
	web_json_object(j, "limits");
	web_json_int(j, "max_file", (int64_t)lim.max_file);
	web_json_string(j, "max_file_text", f);
	web_json_string(j, "max_dossier_text", d);
	web_json_int(j, "piece", UI_FILE_PIECE);
	web_json_string(j, "types", file_type_accepted_list);
	web_json_end_object(j);
}

static void detail(struct web_request *r, void *arg)
{
	struct ui *ui = arg;
	Sangkien__ServerInitiative *si = NULL;
	struct item *it = NULL;
	struct store_row row;
	struct item_pb pb;
	struct web_json j;
	char lock[256], hex[65];
	const char *why;
	int64_t id;

	if (!web_parse_int(web_query(r, "id"), 1, INT64_MAX, &id)) {
		web_reply_error(r, 400, "Thiếu số của sáng kiến.");
		return;
	}
	if (store_item_get(ui->st, id, &it) != 0 || store_server_copy(ui->st, id, &si) != 0) {
		item_free(it);
		web_reply_error(r, 500, "Không đọc được kho dữ liệu.");
		return;
	}
	if (it == NULL) {
		web_reply_error(r, 404, "Không có sáng kiến này trên máy.");
		return;
	}
	if (item_pb_init(&pb, it, "") != 0 || !reply_start(r, &j)) {
		item_free(it);
		if (si != NULL)
			sangkien__server_initiative__free_unpacked(si, NULL);
		return;
	}
	web_json_int(&j, "id", it->id);
	web_json_string(&j, "uuid", it->uuid);
	row_of_item(it, &row);
	web_json_string(&j, "state", ui_state_words(&row));
	web_json_string(&j, "key", state_key(&row));
	web_json_vn_time(&j, "created", it->created_unix_ms);
	content_json(&j, "content", &pb.msg);
	item_pb_release(&pb);
	web_json_string(&j, "refusal", it->refusal_reason);
	web_json_string(&j, "withdraw_reason", it->withdraw_reason);
	if (it->has_receipt) {
		web_json_object(&j, "receipt");
		web_json_int(&j, "record_id", it->receipt.record_id);
		web_json_int(&j, "version", it->receipt.version);
		web_json_vn_time(&j, "received", it->receipt.received_unix_ms);
		text_hex(it->receipt.content_sha256, 32, hex);
		web_json_string(&j, "sha256", hex);
		web_json_end_object(&j);
	} else {
		web_json_null(&j, "receipt");
	}
	if (si != NULL)
		server_json(&j, si);
	if (it->state == ITEM_CONFLICT && si != NULL && si->content != NULL)
		content_json(&j, "server_content", si->content);
	why = locked_words(it, lock, sizeof(lock));
	web_json_bool(&j, "can_change", why == NULL);
	web_json_string(&j, "locked", why);
	dossier_json(ui, &j, id);
	web_json_array(&j, "history");
	if (store_history_foreach(ui->st, id, history_item, &j) != 0)
		j.failed = true;
	web_json_end_array(&j);
	if (si != NULL)
		sangkien__server_initiative__free_unpacked(si, NULL);
	item_free(it);
	reply_end(r, &j);
}

int ui_read_routes(struct ui *ui)
{
	return web_route(ui->web, WEB_GET, "/api/home", home, ui) ||
	       web_route(ui->web, WEB_GET, "/api/items", list, ui) ||
	       web_route(ui->web, WEB_GET, "/api/item", detail, ui);
}
