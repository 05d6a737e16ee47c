/* ui_files.c - the dossier's endpoints of the Detail page: a file picked or
 * dropped on the page comes in pieces (each request body at most
 * UI_FILE_PIECE bytes, so memory stays bounded whatever the file's size)
 * into a copy in the store's folder, then joins the dossier under the
 * rules of `sangkien attach`; and detach.
 *
 *   POST /api/attach/begin   id, name, size         -> token
 *   POST /api/attach/part?token=T&offset=N  (the bytes as the body)
 *   POST /api/attach/end     token, label           -> the attachment
 *   POST /api/attach/cancel  token
 *   POST /api/detach         id, file
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/rand.h>

#include "attach_file.h"
#include "attachment_check.h"
#include "client.h"
#include "messages.h"
#include "platform.h"
#include "store_attach.h"
#include "text.h"
#include "ui.h"

/* An upload nobody sent to for this long gives its place to a new one. */
#define UI_UPLOAD_IDLE_MS (10 * 60 * 1000)

static void reply_ok(struct web_request *r, const char *key, const char *value, int64_t n)
{
	struct web_json j;

	if (web_json_init(&j) != 0) {
		web_reply_error(r, 500, "Hết bộ nhớ.");
		return;
	}
	web_json_object(&j, NULL);
	if (key != NULL)
		web_json_string(&j, key, value);
	web_json_int(&j, "n", n);
	web_json_end_object(&j);
	web_reply_json(r, 200, &j);
	web_json_free(&j);
}

/* A sentence for the page: capital first letter, a full stop. */
static void reply_refusal(struct web_request *r, int status, const char *msg)
{
	char out[800];

	snprintf(out, sizeof(out), "%s.", msg);
	if (out[0] >= 'a' && out[0] <= 'z')
		out[0] = (char)(out[0] - 'a' + 'A');
	web_reply_error(r, status, out);
}

static void upload_drop(struct ui_upload *u)
{
	if (u->f != NULL)
		fclose(u->f);
	if (u->copy.tmp_path != NULL)
		attach_copy_discard(&u->copy);
	free(u->name);
	memset(u, 0, sizeof(*u));
}

void ui_files_close(struct ui *ui)
{
	for (size_t i = 0; i < UI_UPLOADS_MAX; i++)
		if (ui->uploads[i].token[0] != '\0')
			upload_drop(&ui->uploads[i]);
}

static struct ui_upload *upload_find(struct ui *ui, const char *token)
{
	for (size_t i = 0; token != NULL && i < UI_UPLOADS_MAX; i++)
		if (ui->uploads[i].token[0] != '\0' && strcmp(ui->uploads[i].token, token) == 0)
			return &ui->uploads[i];
	return NULL;
}

/* The item named by the form's "id", if the unit may change it now;
 * otherwise the reply is sent and NULL returned. */
static struct item *changeable(struct ui *ui, struct web_request *r, const char *id_text)
{
	struct item *it = NULL;
	char lock[256], msg[400];
	const char *why;
	int64_t id;

	if (!web_parse_int(id_text, 1, INT64_MAX, &id)) {
		web_reply_error(r, 400, "Thiếu số của sáng kiến.");
		return NULL;
	}
	if (store_item_get(ui->st, id, &it) != 0) {
		ui_store_failed(ui, "read an item");
		web_reply_error(r, 500, "Không đọc được kho dữ liệu.");
		return NULL;
	}
	if (it == NULL) {
		web_reply_error(r, 404, "Không có sáng kiến này trên máy.");
		return NULL;
	}
	why = it->has_receipt && it->server_status == SANGKIEN__INITIATIVE_STATUS__STATUS_WITHDRAWN
		  ? "sáng kiến đã được rút"
		  : client_why_locked(it, lock, sizeof(lock));
	if (why != NULL) {
		snprintf(msg, sizeof(msg), "không thay đổi được hồ sơ: %s", why);
		reply_refusal(r, 409, msg);
		item_free(it);
		return NULL;
	}
	return it;
}

static void begin(struct web_request *r, void *arg)
{
	struct ui *ui = arg;
	struct attach_limits lim;
	struct check_error ce;
	struct ui_upload *u = NULL;
	const char *name = web_form_get(r, "name");
	struct item *it;
	char msg[700], *base = NULL;
	unsigned char raw[16];
	int64_t size, now = text_now_ms();

	if (name == NULL || !attachment_file_name_check(name, &ce)) {
		messages_check_error(&ce, msg, sizeof(msg));
		reply_refusal(r, 400, name == NULL ? "thiếu tên tệp" : msg);
		return;
	}
	if (!web_parse_int(web_form_get(r, "size"), 0, INT64_MAX, &size)) {
		web_reply_error(r, 400, "Thiếu cỡ của tệp.");
		return;
	}
	if ((it = changeable(ui, r, web_form_get(r, "id"))) == NULL)
		return;
	if (store_attach_limits(ui->st, &lim) != 0) {
		item_free(it);
		ui_store_failed(ui, "read the limits");
		web_reply_error(r, 500, "Không đọc được kho dữ liệu.");
		return;
	}
	/* Refused from its size at once, before a byte is sent. */
	if ((uint64_t)size > lim.max_file) {
		item_free(it);
		messages_attach_refusal(name, ATTACH_COPY_TOO_LARGE, STORE_ATTACH_OK,
					(uint64_t)size, &lim, NULL, msg, sizeof(msg));
		reply_refusal(r, 400, msg);
		return;
	}
	for (size_t i = 0; i < UI_UPLOADS_MAX && u == NULL; i++)
		if (ui->uploads[i].token[0] == '\0' ||
		    now - ui->uploads[i].touched_ms > UI_UPLOAD_IDLE_MS)
			u = &ui->uploads[i];
	if (u == NULL) {
		item_free(it);
		web_reply_error(r, 503, "Đang nhận quá nhiều tệp cùng lúc; hãy chờ một chút.");
		return;
	}
	upload_drop(u);
	if ((sk_mkdir_private(store_files_dir(ui->st)) != 0 && errno != EEXIST) ||
	    (base = sk_path_join(store_files_dir(ui->st), ATTACH_INCOMING_NAME)) == NULL ||
	    (u->f = sk_temp_beside(base, &u->copy.tmp_path)) == NULL ||
	    (u->name = strdup(name)) == NULL || RAND_bytes(raw, sizeof(raw)) != 1) {
		free(base);
		item_free(it);
		upload_drop(u);
		web_reply_error(r, 500, "Không ghi được vào thư mục của kho dữ liệu.");
		return;
	}
	free(base);
	text_hex(raw, sizeof(raw), u->token);
	u->item_id = it->id;
	u->expect = (uint64_t)size;
	u->max = lim.max_file;
	u->touched_ms = now;
	item_free(it);
	reply_ok(r, "token", u->token, 0);
}

static void part(struct web_request *r, void *arg)
{
	struct ui *ui = arg;
	struct ui_upload *u = upload_find(ui, web_query(r, "token"));
	const char *body;
	size_t len = 0;
	int64_t offset;

	if (u == NULL || u->f == NULL) {
		web_reply_error(r, 404, "Không còn phiên gửi tệp này; hãy chọn lại tệp.");
		return;
	}
	if (!web_parse_int(web_query(r, "offset"), 0, INT64_MAX, &offset) ||
	    (uint64_t)offset != u->copy.size) {
		web_reply_error(r, 409, "Phần tệp gửi không đúng chỗ.");
		return;
	}
	if ((body = web_body(r, &len)) == NULL) {
		web_reply_error(r, 500, "Hết bộ nhớ.");
		return;
	}
	if (u->copy.size + len > u->max || u->copy.size + len > u->expect) {
		web_reply_error(r, 400, "Tệp lớn hơn cỡ đã báo.");
		upload_drop(u);
		return;
	}
	if (fwrite(body, 1, len, u->f) != len) {
		web_reply_error(r, 500, "Không ghi được vào thư mục của kho dữ liệu.");
		upload_drop(u);
		return;
	}
	u->copy.size += len;
	u->touched_ms = text_now_ms();
	reply_ok(r, NULL, NULL, (int64_t)u->copy.size);
}

static void attachment_json(struct web_json *j, const struct store_attachment *a)
{
	char size[32];

	attach_size_text(a->size, size, sizeof(size));
	web_json_object(j, "attachment");
	web_json_int(j, "id", a->id);
	web_json_string(j, "name", a->file_name);
	web_json_string(j, "size", size);
	web_json_end_object(j);
}

static void end(struct web_request *r, void *arg)
{
	struct ui *ui = arg;
	struct ui_upload *u = upload_find(ui, web_form_get(r, "token"));
	const char *label = web_form_get(r, "label");
	struct attach_limits lim;
	struct store_new_file nf;
	struct store_attachment a;
	struct check_error ce;
	enum attach_copy_status cs;
	enum store_attach_refusal sr = STORE_ATTACH_OK;
	struct item *it;
	struct web_json j;
	char msg[700], err[300] = "", id_text[24];
	size_t which;
	int64_t id = 0;
	bool found = false;

	if (u == NULL || u->f == NULL) {
		web_reply_error(r, 404, "Không còn phiên gửi tệp này; hãy chọn lại tệp.");
		return;
	}
	if (label == NULL)
		label = "";
	if (!attachment_label_check(label, &ce)) {
		char reason[256];

		messages_check_reason(&ce, reason, sizeof(reason));
		snprintf(msg, sizeof(msg), "nhãn của tệp %s", reason);
		reply_refusal(r, 400, msg);
		return;
	}
	if (u->copy.size != u->expect) {
		web_reply_error(r, 400, "Tệp chưa gửi hết; hãy chọn lại tệp.");
		upload_drop(u);
		return;
	}
	/* The unit may still change it (a sync may have brought a review). */
	snprintf(id_text, sizeof(id_text), "%lld", (long long)u->item_id);
	if ((it = changeable(ui, r, id_text)) == NULL) {
		upload_drop(u);
		return;
	}
	item_free(it);
	if (fclose(u->f) != 0) {
		u->f = NULL;
		upload_drop(u);
		web_reply_error(r, 500, "Không ghi được vào thư mục của kho dữ liệu.");
		return;
	}
	u->f = NULL;
	if (store_attach_limits(ui->st, &lim) != 0) {
		upload_drop(u);
		web_reply_error(r, 500, "Không đọc được kho dữ liệu.");
		return;
	}
	cs = attach_copy_adopt(&u->copy, lim.max_file, err, sizeof(err));
	if (cs == ATTACH_COPY_OK) {
		nf = (struct store_new_file){u->copy.tmp_path, {0},	u->copy.size,
					     u->copy.type,     u->name, label};
		memcpy(nf.sha256, u->copy.sha256, 32);
		if (store_attachments_add(ui->st, u->item_id, &nf, 1, &lim, &sr, &which, &id) !=
		    0) {
			ui_store_failed(ui, "attach a file");
			upload_drop(u);
			web_reply_error(r, 500, "Không ghi được kho dữ liệu.");
			return;
		}
	}
	if (cs != ATTACH_COPY_OK || sr != STORE_ATTACH_OK) {
		messages_attach_refusal(u->name, (int)cs, (int)sr, u->copy.size, &lim, err, msg,
					sizeof(msg));
		upload_drop(u);
		reply_refusal(r, 400, msg);
		return;
	}
	upload_drop(u);
	if (store_attachment_get(ui->st, id, &a, &found) != 0 || !found || web_json_init(&j) != 0) {
		if (found)
			store_attachment_clear(&a);
		web_reply_error(r, 500, "Không đọc được kho dữ liệu.");
		return;
	}
	web_json_object(&j, NULL);
	attachment_json(&j, &a);
	web_json_end_object(&j);
	web_reply_json(r, 200, &j);
	web_json_free(&j);
	store_attachment_clear(&a);
}

static void cancel(struct web_request *r, void *arg)
{
	struct ui *ui = arg;
	struct ui_upload *u = upload_find(ui, web_form_get(r, "token"));

	if (u != NULL)
		upload_drop(u);
	reply_ok(r, NULL, NULL, 0);
}

static void detach(struct web_request *r, void *arg)
{
	struct ui *ui = arg;
	struct store_attachment a;
	struct item *it;
	bool found = false, removed = false;
	int64_t file;

	if (!web_parse_int(web_form_get(r, "file"), 1, INT64_MAX, &file)) {
		web_reply_error(r, 400, "Thiếu số của tệp.");
		return;
	}
	if ((it = changeable(ui, r, web_form_get(r, "id"))) == NULL)
		return;
	if (store_attachment_get(ui->st, file, &a, &found) != 0) {
		item_free(it);
		web_reply_error(r, 500, "Không đọc được kho dữ liệu.");
		return;
	}
	if (!found || a.item_id != it->id) {
		if (found)
			store_attachment_clear(&a);
		item_free(it);
		web_reply_error(r, 404, "Sáng kiến không có tệp này.");
		return;
	}
	item_free(it);
	if (a.state != ATTACH_DETACH && store_attachment_detach(ui->st, file, &removed) != 0) {
		store_attachment_clear(&a);
		ui_store_failed(ui, "detach a file");
		web_reply_error(r, 500, "Không ghi được kho dữ liệu.");
		return;
	}
	store_attachment_clear(&a);
	reply_ok(r, "done", removed ? "removed" : "detach", 0);
}

int ui_files_routes(struct ui *ui)
{
	return web_route(ui->web, WEB_POST, "/api/attach/begin", begin, ui) ||
	       web_route(ui->web, WEB_POST, "/api/attach/part", part, ui) ||
	       web_route(ui->web, WEB_POST, "/api/attach/end", end, ui) ||
	       web_route(ui->web, WEB_POST, "/api/attach/cancel", cancel, ui) ||
	       web_route(ui->web, WEB_POST, "/api/detach", detach, ui);
}
