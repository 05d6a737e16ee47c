/* cmd_show.c - `sangkien show ID`: one initiative with its receipt, its
 * state on the server (notes, recognition, reward), a conflict's two
 * versions, and its history.  No network. */
#include <stdio.h>
#include <string.h>

#include "attach_file.h"
#include "client.h"
#include "command.h"
#include "messages.h"
#include "store_attach.h"
#include "store.h"
#include "text.h"
#include "vn_date.h"
#include "vn_time.h"
#include "term_text.h"
#include "vn_names.h"

const char cmd_show_usage[] = "show ID";
const char cmd_show_help[] =
    "Xem một sáng kiến (ID: số id, uuid hoặc ít nhất 8 ký tự đầu của uuid): nội dung,\n"
    "biên nhận của máy chủ, trạng thái xét duyệt, ý kiến, công nhận, khen thưởng và\n"
    "lịch sử.  Không cần mạng: hiển thị những gì lần `sangkien sync` gần nhất mang về.\n";

static void put_content(const char *indent, const Sangkien__Initiative *c)
{
	char day[VN_DATE_LEN + 8];

	term_printf(stdout, "%sTên:            %s\n", indent, c->title);
	term_printf(stdout, "%sLoại:           %s\n", indent, vn_kind_name(c->kind));
	term_printf(stdout, "%sChủ đề:         %s\n", indent, vn_theme_name(c->theme));
	vn_date_show_iso(c->applied_on, day, sizeof(day));
	term_printf(stdout, "%sNgày áp dụng:   %s\n", indent, day);
	for (size_t i = 0; i < c->n_authors; i++)
		term_printf(stdout, "%sTác giả %zu:      %s%s%s\n", indent, i + 1,
			    c->authors[i]->name, c->authors[i]->position[0] ? " – " : "",
			    c->authors[i]->position);
	term_printf(stdout, "%sTóm tắt:\n%s  %s\n", indent, indent, c->summary);
	term_printf(stdout, "%sHiệu quả:\n%s  %s\n", indent, indent, c->effect);
}

static void put_receipt(const Sangkien__Receipt *r)
{
	char at[VN_TIME_LEN], hex[65];

	vn_time_format(r->received_unix_ms, false, at);
	if (r->content_sha256.len == 32)
		text_hex(r->content_sha256.data, 32, hex);
	else
		snprintf(hex, sizeof(hex), "?");
	term_printf(stdout, "Biên nhận:       hồ sơ số %lld, phiên bản %u, nhận lúc %s\n",
		    (long long)r->record_id, r->version, at);
	term_printf(stdout, "                 SHA-256 nội dung: %s\n", hex);
}

static void put_server(const Sangkien__ServerInitiative *si)
{
	char at[VN_TIME_LEN];

	term_printf(stdout, "Trên máy chủ:    %s (phiên bản %u", vn_status_name(si->status),
		    si->version);
	if (si->updated_unix_ms > 0) {
		vn_time_format(si->updated_unix_ms, false, at);
		term_printf(stdout, ", cập nhật %s", at);
	}
	term_printf(stdout, ")\n");
	if (si->phase_code != NULL && si->phase_code[0] != '\0')
		term_printf(stdout, "Giai đoạn:       %s\n", si->phase_code);
	if (si->recognition != NULL && si->recognition->decision_number[0] != '\0')
		term_printf(stdout, "Công nhận:       quyết định số %s ngày %s, %s\n",
			    si->recognition->decision_number, si->recognition->decision_date,
			    si->recognition->recognized_by);
	if (si->reward != NULL &&
	    si->reward->kind != SANGKIEN__REWARD_KIND__REWARD_KIND_UNSPECIFIED) {
		term_printf(
		    stdout, "Khen thưởng:     %s cấp %s, quyết định số %s ngày %s",
		    si->reward->kind == SANGKIEN__REWARD_KIND__REWARD_KIND_REWARD ? "khen thưởng"
										  : "biểu dương",
		    si->reward->level, si->reward->decision_number, si->reward->decision_date);
		if (si->reward->amount_vnd > 0)
			term_printf(stdout, ", %lld đồng", (long long)si->reward->amount_vnd);
		term_printf(stdout, "\n");
	}
	if (si->n_notes > 0 || si->notes_omitted > 0) {
		term_printf(stdout, "Ý kiến xét duyệt:\n");
		/* the server sends only the newest notes that fit in a frame */
		if (si->notes_omitted > 0) {
			char omitted[96];

			messages_notes_omitted(si->notes_omitted, omitted, sizeof(omitted));
			term_printf(stdout, "  (%s)\n", omitted);
		}
		for (size_t i = 0; i < si->n_notes; i++) {
			vn_time_format(si->notes[i]->at_unix_ms, false, at);
			term_printf(stdout, "  %s  %s (%s): %s\n", at, si->notes[i]->author,
				    vn_status_name(si->notes[i]->status), si->notes[i]->text);
		}
	}
}

/* One file of the dossier as kept here, with where it stands. */
static int put_attachment(const struct store_attachment *a, void *arg)
{
	char size[32], done[32];
	const Sangkien__ServerInitiative *si = arg;

	(void)si;
	attach_size_text(a->size, size, sizeof(size));
	term_printf(stdout, "  %-3lld %s (%s, %s)", (long long)a->id, a->file_name,
		    file_type_label(a->type) ? file_type_label(a->type) : "?", size);
	if (a->label[0] != '\0')
		term_printf(stdout, " – %s", a->label);
	switch (a->state) {
	case ATTACH_PENDING:
		if (a->uploaded > 0 && a->uploaded < a->size) {
			attach_size_text(a->uploaded, done, sizeof(done));
			term_printf(stdout, ": chờ gửi (đã tải lên %s)\n", done);
		} else {
			term_printf(stdout, ": chờ gửi\n");
		}
		break;
	case ATTACH_ATTACHED:
		if (a->refusal != NULL)
			term_printf(stdout, ": đã gửi, có trên máy chủ (máy chủ từ chối gỡ – %s)\n",
				    a->refusal);
		else
			term_printf(stdout, ": đã gửi, có trên máy chủ\n");
		break;
	case ATTACH_DETACH:
		term_printf(stdout, ": chờ gỡ khỏi máy chủ\n");
		break;
	case ATTACH_REFUSED:
		term_printf(stdout, ": máy chủ từ chối – %s\n", term_or_empty(a->refusal));
		break;
	}
	return 0;
}

struct local_files {
	const uint8_t *sha;
	bool found;
};

static int find_local(const struct store_attachment *a, void *arg)
{
	struct local_files *l = arg;

	if (memcmp(a->sha256, l->sha, 32) == 0)
		l->found = true;
	return 0;
}

/* The dossier: the files kept here, then those the server has that this
 * device does not (attached from another device of the unit). */
static int put_dossier(struct store *st, int64_t id, const Sangkien__ServerInitiative *si)
{
	term_printf(stdout, "Hồ sơ (tệp đính kèm):\n");
	if (store_attachment_foreach(st, id, put_attachment, (void *)si) != 0)
		return -1;
	for (size_t i = 0; si != NULL && i < si->n_attachments; i++) {
		const Sangkien__Attachment *a = si->attachments[i];
		struct local_files l = {a->sha256.data, false};
		char size[32];

		if (store_attachment_foreach(st, id, find_local, &l) != 0)
			return -1;
		if (l.found)
			continue;
		attach_size_text(a->size, size, sizeof(size));
		term_printf(stdout, "  –   %s (%s, %s)%s%s: trên máy chủ (gửi từ thiết bị khác)\n",
			    a->file_name, a->content_type, size, a->label[0] ? " – " : "",
			    a->label);
	}
	return 0;
}

static int put_event(const struct store_event *e, void *arg)
{
	char at[VN_TIME_LEN], detail[1100];
	Sangkien__InitiativeStatus status;
	const char *d = e->detail != NULL ? e->detail : "";

	(void)arg;
	vn_time_format(e->at_unix_ms, false, at);
	/* A status event's detail starts with the server's status name. */
	if (strcmp(e->event, "status") == 0) {
		char name[32];
		size_t n = strcspn(d, " ");

		snprintf(name, sizeof(name), "%.*s", (int)(n < sizeof(name) ? n : sizeof(name) - 1),
			 d);
		if (item_status_parse(name, &status)) {
			snprintf(detail, sizeof(detail), "%s%s", vn_status_name(status), d + n);
			d = detail;
		}
	}
	term_printf(stdout, "  %s  %s%s%s\n", at, messages_event(e->event), d[0] ? ": " : "", d);
	return 0;
}

int cmd_show(struct client_ctx *ctx, int argc, char **argv)
{
	Sangkien__ServerInitiative *si = NULL;
	struct item_pb pb;
	struct item *it = NULL;
	struct store *st;
	int64_t id;
	int rc;

	if ((rc = command_no_options_parse("show", cmd_show_usage, argc, argv)) != 0)
		return rc;
	if (argc != 2 || argv[1][0] == '-') {
		client_error("show", "cần đúng một ID của sáng kiến");
		command_usage_print(stderr, cmd_show_usage);
		return CLIENT_EXIT_USAGE;
	}
	if ((st = client_store(ctx)) == NULL)
		return CLIENT_EXIT_ERROR;
	if ((rc = client_find_item(st, "show", argv[1], &id)) != CLIENT_EXIT_OK)
		return rc;
	if (store_item_get(st, id, &it) != 0 || it == NULL || store_server_copy(st, id, &si) != 0) {
		client_error("show", "không đọc được kho dữ liệu: %s", store_errmsg(st));
		item_free(it);
		return CLIENT_EXIT_ERROR;
	}
	if (item_pb_init(&pb, it, "") != 0) {
		client_error("show", "hết bộ nhớ");
		rc = CLIENT_EXIT_ERROR;
		goto out;
	}
	term_printf(stdout, "Sáng kiến #%lld   uuid %s\n", (long long)it->id, it->uuid);
	put_content("", &pb.msg);
	item_pb_release(&pb);
	term_printf(stdout, "Trên máy:        %s", messages_state(it->state));
	if (it->state == ITEM_PENDING)
		term_printf(stdout, " (%s)",
			    !it->has_receipt		 ? "sáng kiến mới"
			    : it->op == ITEM_OP_WITHDRAW ? "yêu cầu rút"
							 : "bản sửa");
	if (it->op == ITEM_OP_EDIT && it->has_receipt)
		term_printf(stdout, "; bản sửa dựa trên phiên bản %u", it->base_version);
	if (it->withdraw_after_edit)
		term_printf(stdout, ", sau đó là yêu cầu rút");
	term_printf(stdout, "\n");
	if (it->refusal_reason != NULL && it->refusal_reason[0] != '\0')
		term_printf(
		    stdout, "Lý do:           %s%s%s\n", it->refusal_field ? it->refusal_field : "",
		    it->refusal_field && it->refusal_field[0] ? ": " : "", it->refusal_reason);
	if ((it->op == ITEM_OP_WITHDRAW || it->withdraw_after_edit) && it->withdraw_reason &&
	    it->withdraw_reason[0])
		term_printf(stdout, "Lý do rút:       %s\n", it->withdraw_reason);
	if (it->has_receipt) {
		Sangkien__Receipt r = SANGKIEN__RECEIPT__INIT;

		r.record_id = it->receipt.record_id;
		r.version = it->receipt.version;
		r.received_unix_ms = it->receipt.received_unix_ms;
		r.content_sha256.data = it->receipt.content_sha256;
		r.content_sha256.len = 32;
		put_receipt(&r);
	} else {
		term_printf(stdout, "Biên nhận:       chưa có (máy chủ chưa nhận)\n");
	}
	if (si != NULL)
		put_server(si);
	if (it->state == ITEM_CONFLICT && si != NULL && si->content != NULL) {
		term_printf(stdout,
			    "Bản trên máy chủ (phiên bản %u), khác với bản trên máy ở trên:\n",
			    si->version);
		put_content("  ", si->content);
		term_printf(stdout,
			    "Chọn: `sangkien resolve %lld --keep-mine` (giữ bản trên máy) hoặc "
			    "`--take-server` (lấy bản của máy chủ).\n",
			    (long long)it->id);
	}
	if (put_dossier(st, id, si) != 0) {
		client_error("show", "không đọc được hồ sơ: %s", store_errmsg(st));
		rc = CLIENT_EXIT_ERROR;
		goto out;
	}
	term_printf(stdout, "Lịch sử (%s):\n", vn_time_zone_label());
	if (store_history_foreach(st, id, put_event, NULL) != 0) {
		client_error("show", "không đọc được lịch sử: %s", store_errmsg(st));
		rc = CLIENT_EXIT_ERROR;
		goto out;
	}
	rc = fflush(stdout) == 0 ? CLIENT_EXIT_OK : CLIENT_EXIT_ERROR;
out:
	if (si != NULL)
		sangkien__server_initiative__free_unpacked(si, NULL);
	item_free(it);
	return rc;
}
