/* cmd_change.c - `sangkien edit`, `withdraw` and `resolve`: the unit's
 * changes to its initiatives, made offline and sent by the next sync. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "client.h"
#include "command.h"
#include "lifecycle.h"
#include "cmd_add.h"
#include "messages.h"
#include "vn_names.h"
#include "store.h"
#include "text.h"
#include "term_text.h"

const char cmd_edit_usage[] =
    "edit ID [--title TÊN] [--kind LOẠI] [--author \"HỌ TÊN|CHỨC VỤ\"...]\n"
    "                         [--summary TÓM_TẮT] [--effect HIỆU_QUẢ] [--applied-on NGÀY]\n"
    "                         [--theme CHỦ_ĐỀ]";
const char cmd_edit_help[] =
    "Sửa một sáng kiến (ID: số id, uuid hoặc ít nhất 8 ký tự đầu của uuid).  Chỉ các\n"
    "trường được cho mới thay đổi; --author thay cả danh sách tác giả.  Sáng kiến chưa\n"
    "gửi thì chỉ đổi nội dung sẽ gửi; sáng kiến đã gửi thì bản sửa được gửi ở lần\n"
    "`sangkien sync` tiếp theo, và máy chủ chỉ nhận khi sáng kiến chưa được đưa vào\n"
    "xét duyệt (hoặc được trả lại để sửa).\n";

const char cmd_withdraw_usage[] = "withdraw ID [--reason LÝ_DO]";
const char cmd_withdraw_help[] =
    "Rút một sáng kiến trước khi được xét duyệt.  Sáng kiến vẫn được lưu trên máy chủ\n"
    "với trạng thái “đã rút”; yêu cầu được gửi ở lần `sangkien sync` tiếp theo.\n";

const char cmd_resolve_usage[] = "resolve ID --keep-mine|--take-server";
const char cmd_resolve_help[] =
    "Giải quyết xung đột giữa bản trên máy và bản trên máy chủ (xem `sangkien show ID`).\n";

/* The item named by argv[1], loaded with its authors. */
static int load(struct client_ctx *ctx, const char *command, const char *ref, struct item **out)
{
	struct store *st;
	int64_t id;
	int rc;

	*out = NULL;
	if ((st = client_store(ctx)) == NULL)
		return CLIENT_EXIT_ERROR;
	if ((rc = client_find_item(st, command, ref, &id)) != CLIENT_EXIT_OK)
		return rc;
	if (store_item_get(st, id, out) != 0 || *out == NULL) {
		client_error(command, "không đọc được kho dữ liệu: %s", store_errmsg(st));
		return CLIENT_EXIT_ERROR;
	}
	return CLIENT_EXIT_OK;
}

const char *client_why_locked(const struct item *it, char *buf, size_t len)
{
	struct lc_local l = {it->state, it->op, it->withdraw_after_edit};

	switch (lc_locked(&l)) {
	case LC_LOCKED_CONFLICT:
		return "đang xung đột với bản trên máy chủ; hãy xem `sangkien show` và chạy "
		       "`sangkien resolve` trước";
	case LC_LOCKED_WITHDRAWAL:
		return "đã có yêu cầu rút sáng kiến này";
	case LC_UNLOCKED:
		break;
	}
	if (it->has_receipt &&
	    it->server_status != SANGKIEN__INITIATIVE_STATUS__STATUS_UNSPECIFIED &&
	    !item_status_editable(it->server_status)) {
		snprintf(buf, len,
			 "trên máy chủ sáng kiến đang ở trạng thái “%s”, không sửa hay "
			 "rút được nữa",
			 vn_status_name(it->server_status));
		return buf;
	}
	return NULL;
}

void client_changed_fields(const struct item *a, const struct item *b, char *out, size_t len)
{
	size_t used = 0;
	bool authors = a->n_authors != b->n_authors;

#define NOTE(cond, name)                                                                           \
	do {                                                                                       \
		if ((cond) && used < len)                                                          \
			used += (size_t)snprintf(out + used, len - used, "%s%s", used ? ", " : "", \
						 name);                                            \
	} while (0)

	for (size_t i = 0; !authors && i < a->n_authors; i++)
		authors = strcmp(a->authors[i].name, b->authors[i].name) != 0 ||
			  strcmp(a->authors[i].position, b->authors[i].position) != 0;
	out[0] = '\0';
	NOTE(strcmp(a->title, b->title) != 0, "title");
	NOTE(a->kind != b->kind, "kind");
	NOTE(authors, "authors");
	NOTE(strcmp(a->summary, b->summary) != 0, "summary");
	NOTE(strcmp(a->effect, b->effect) != 0, "effect");
	NOTE(strcmp(a->applied_on, b->applied_on) != 0, "applied_on");
	NOTE(a->theme != b->theme, "theme");
#undef NOTE
}

int cmd_edit(struct client_ctx *ctx, int argc, char **argv)
{
	struct add_options o;
	struct item *old = NULL, *it = NULL;
	struct check_error ce;
	char err[512], lock[256], fields[128];
	int rc;

	memset(&o, 0, sizeof(o));
	if (argc < 2 || argv[1][0] == '-') {
		/* An option not declared is named before the missing ID. */
		rc = add_options_parse_as("edit", cmd_edit_usage, ADD_FIELD_OPTIONS, argc, argv, &o,
					  err, sizeof(err));
		add_options_clear(&o);
		if (rc == 0 || err[0] != '\0') {
			client_error("edit", "thiếu ID của sáng kiến cần sửa");
			command_usage_print(stderr, cmd_edit_usage);
		}
		return CLIENT_EXIT_USAGE;
	}
	/* argv[1] (the ID) stands where getopt expects the program name. */
	rc = add_options_parse_as("edit", cmd_edit_usage, ADD_FIELD_OPTIONS, argc - 1, argv + 1, &o,
				  err, sizeof(err));
	if (rc != 0) {
		if (err[0] != '\0') {
			client_error("edit", "%s", err);
			command_usage_print(stderr, cmd_edit_usage);
		}
		goto out;
	}
	if (o.title == NULL && o.kind == NULL && o.n_authors == 0 && o.summary == NULL &&
	    o.effect == NULL && o.applied_on == NULL && o.theme == NULL) {
		client_error("edit",
			     "không có gì để sửa: hãy cho ít nhất một tùy chọn như --title");
		rc = CLIENT_EXIT_USAGE;
		goto out;
	}
	if ((rc = load(ctx, "edit", argv[1], &old)) != CLIENT_EXIT_OK)
		goto out;
	if (client_why_locked(old, lock, sizeof(lock)) != NULL) {
		client_error("edit", "sáng kiến #%lld %s; chưa sửa gì", (long long)old->id,
			     client_why_locked(old, lock, sizeof(lock)));
		rc = CLIENT_EXIT_ERROR;
		goto out;
	}
	if (store_item_get(client_store(ctx), old->id, &it) != 0 || it == NULL) {
		client_error("edit", "không đọc được kho dữ liệu");
		rc = CLIENT_EXIT_ERROR;
		goto out;
	}
	if ((rc = add_apply_options(&o, it, err, sizeof(err))) != 0) {
		client_error("edit", "%s; chưa sửa gì", err);
		goto out;
	}
	if (!item_check(it, date_today_utc(), &ce)) {
		messages_check_error(&ce, err, sizeof(err));
		client_error("edit", "%s; chưa sửa gì", err);
		rc = CLIENT_EXIT_USAGE;
		goto out;
	}
	client_changed_fields(old, it, fields, sizeof(fields));
	if (fields[0] == '\0') {
		printf("Nội dung không thay đổi; không có gì để lưu.\n");
		rc = CLIENT_EXIT_OK;
		goto out;
	}
	if (store_item_edit(client_store(ctx), it, fields) != 0) {
		client_error("edit", "không lưu được bản sửa: %s", store_errmsg(client_store(ctx)));
		rc = CLIENT_EXIT_ERROR;
		goto out;
	}
	if (it->has_receipt)
		printf("Đã lưu bản sửa của sáng kiến #%lld (%s), dựa trên phiên bản %u của máy "
		       "chủ; bản sửa sẽ được gửi khi chạy `sangkien sync`.\n",
		       (long long)it->id, fields, it->base_version);
	else
		printf("Đã sửa sáng kiến #%lld (%s); sáng kiến chưa gửi, sẽ được gửi khi chạy "
		       "`sangkien sync`.\n",
		       (long long)it->id, fields);
	rc = CLIENT_EXIT_OK;
out:
	item_free(old);
	item_free(it);
	add_options_clear(&o);
	return rc;
}

const struct command_option cmd_withdraw_options[] = {
    {"reason", 'r', "LÝ_DO", "lý do rút (tối đa 2000 ký tự), gửi cùng yêu cầu"},
    {NULL, 0, NULL, NULL},
};

int cmd_withdraw(struct client_ctx *ctx, int argc, char **argv)
{
	struct item *it = NULL;
	char *reason = NULL, lock[256];
	const char *ref = NULL, *value;
	size_t reason_cps = 0;
	int c, rc;

	optind = 0;
	opterr = 0;
	while ((c = command_getopt("withdraw", cmd_withdraw_usage, cmd_withdraw_options, argc, argv,
				   &value)) != -1) {
		if (c != 'r') { /* reported by command_getopt */
			free(reason);
			return CLIENT_EXIT_USAGE;
		}
		free(reason);
		if ((reason = text_trim_dup(value)) == NULL) {
			client_error("withdraw", "hết bộ nhớ");
			return CLIENT_EXIT_ERROR;
		}
	}
	if (optind + 1 != argc) {
		client_error("withdraw", optind >= argc ? "thiếu ID của sáng kiến cần rút"
							: "chỉ rút một sáng kiến mỗi lần");
		free(reason);
		command_usage_print(stderr, cmd_withdraw_usage);
		return CLIENT_EXIT_USAGE;
	}
	ref = argv[optind];
	if (reason != NULL &&
	    (!utf8_is_valid(reason, strlen(reason), &reason_cps) || reason_cps > 2000)) {
		client_error("withdraw",
			     "--reason: lý do phải là văn bản UTF-8, tối đa 2000 ký tự");
		free(reason);
		return CLIENT_EXIT_USAGE;
	}
	if ((rc = load(ctx, "withdraw", ref, &it)) != CLIENT_EXIT_OK)
		goto out;
	if (it->has_receipt && it->server_status == SANGKIEN__INITIATIVE_STATUS__STATUS_WITHDRAWN) {
		printf("Sáng kiến #%lld đã được rút trên máy chủ.\n", (long long)it->id);
		rc = CLIENT_EXIT_OK;
		goto out;
	}
	if (client_why_locked(it, lock, sizeof(lock)) != NULL) {
		client_error("withdraw", "sáng kiến #%lld %s", (long long)it->id,
			     client_why_locked(it, lock, sizeof(lock)));
		rc = CLIENT_EXIT_ERROR;
		goto out;
	}
	if (store_item_withdraw(client_store(ctx), it->id, it->local_rev, reason ? reason : "") !=
	    0) {
		client_error("withdraw", "không lưu được: %s", store_errmsg(client_store(ctx)));
		rc = CLIENT_EXIT_ERROR;
		goto out;
	}
	term_printf(stdout,
		    "Đã ghi yêu cầu rút sáng kiến #%lld “%s”; yêu cầu sẽ được gửi khi chạy "
		    "`sangkien sync`.\n",
		    (long long)it->id, it->title);
	if (it->op == ITEM_OP_EDIT && it->has_receipt && it->state == ITEM_PENDING)
		printf("Bản sửa chưa gửi của sáng kiến này được gửi trước, rồi đến yêu cầu "
		       "rút.\n");
	else if (it->op == ITEM_OP_EDIT && it->has_receipt)
		printf("Bản sửa bị từ chối của sáng kiến này sẽ không được gửi; máy chủ giữ "
		       "bản đã nhận trước đó.\n");
	rc = CLIENT_EXIT_OK;
out:
	free(reason);
	item_free(it);
	return rc;
}

const struct command_option cmd_resolve_options[] = {
    {"keep-mine", 'm', NULL,
     "giữ bản của đơn vị, gửi lại như bản sửa dựa trên phiên bản của máy chủ"},
    {"take-server", 's', NULL, "bỏ thay đổi trên máy, lấy nội dung của máy chủ"},
    {NULL, 0, NULL, NULL},
};

int cmd_resolve(struct client_ctx *ctx, int argc, char **argv)
{
	Sangkien__ServerInitiative *si = NULL;
	struct item *it = NULL;
	const char *value;
	int c, rc, choice = 0;

	optind = 0;
	opterr = 0;
	while ((c = command_getopt("resolve", cmd_resolve_usage, cmd_resolve_options, argc, argv,
				   &value)) != -1) {
		switch (c) {
		case 'm':
		case 's':
			if (choice != 0 && choice != c) {
				client_error("resolve",
					     "chỉ chọn một trong --keep-mine và --take-server");
				return CLIENT_EXIT_USAGE;
			}
			choice = c;
			break;
		default: /* reported by command_getopt */
			return CLIENT_EXIT_USAGE;
		}
	}
	if (optind + 1 != argc || choice == 0) {
		client_error("resolve", optind + 1 != argc
					    ? "cần đúng một ID của sáng kiến"
					    : "hãy chọn --keep-mine hoặc --take-server");
		command_usage_print(stderr, cmd_resolve_usage);
		return CLIENT_EXIT_USAGE;
	}
	if ((rc = load(ctx, "resolve", argv[optind], &it)) != CLIENT_EXIT_OK)
		goto out;
	if (it->state != ITEM_CONFLICT) {
		client_error("resolve", "sáng kiến #%lld không có xung đột (trạng thái: %s)",
			     (long long)it->id, messages_state(it->state));
		rc = CLIENT_EXIT_ERROR;
		goto out;
	}
	if (store_server_copy(client_store(ctx), it->id, &si) != 0 || si == NULL) {
		client_error("resolve",
			     "chưa có bản của máy chủ cho sáng kiến #%lld; hãy chạy "
			     "`sangkien sync` rồi thử lại",
			     (long long)it->id);
		rc = CLIENT_EXIT_ERROR;
		goto out;
	}
	if (store_resolve(client_store(ctx), it->id, choice == 'm') != 0) {
		client_error("resolve", "không lưu được: %s", store_errmsg(client_store(ctx)));
		rc = CLIENT_EXIT_ERROR;
		goto out;
	}
	if (choice == 'm') {
		printf("Giữ bản của đơn vị cho sáng kiến #%lld: sẽ gửi lại như bản sửa dựa trên "
		       "phiên bản %u của máy chủ khi chạy `sangkien sync`.\n",
		       (long long)it->id, si->version);
		if (!item_status_editable(si->status))
			printf("Lưu ý: trên máy chủ sáng kiến đang “%s”; máy chủ chỉ nhận bản sửa "
			       "khi sáng kiến được trả lại để sửa.\n",
			       vn_status_name(si->status));
	} else {
		printf("Đã lấy bản của máy chủ (phiên bản %u) cho sáng kiến #%lld; thay đổi trên "
		       "máy đã bỏ.\n",
		       si->version, (long long)it->id);
	}
	rc = CLIENT_EXIT_OK;
out:
	if (si != NULL)
		sangkien__server_initiative__free_unpacked(si, NULL);
	item_free(it);
	return rc;
}
