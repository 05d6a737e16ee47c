/* cmd_attach.c - `sangkien attach` and `detach`: files of an initiative's
 * dossier, kept in the store offline and sent by the next sync. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "attach_file.h"
#include "attachment_check.h"
#include "client.h"
#include "command.h"
#include "messages.h"
#include "store.h"
#include "store_attach.h"
#include "term_text.h"

const char cmd_attach_usage[] = "attach ID TỆP... [--label NHÃN]";
const char cmd_attach_help[] =
    "Đính kèm tệp vào hồ sơ của một sáng kiến (ID: số id, uuid hoặc ít nhất 8 ký tự đầu\n"
    "của uuid): báo cáo sáng kiến, đơn đề nghị công nhận, quyết định công nhận, ảnh...\n"
    "Nhận PDF, JPEG, PNG, WebP, DOCX, ODT, XLSX (xét theo nội dung tệp, không theo tên).\n"
    "Mỗi tệp được chép vào kho dữ liệu ngay (sau đó có thể chuyển hay xóa tệp gốc) và\n"
    "gửi lên máy chủ ở lần `sangkien sync` tiếp theo.  Giới hạn mỗi tệp và cả hồ sơ do\n"
    "máy chủ đặt (trước lần kết nối đầu: 20 MB và 100 MB).  Có tệp không nhận được thì\n"
    "không đính kèm tệp nào.\n"
    "Chỉ đính kèm được khi sáng kiến chưa được đưa vào xét duyệt (hoặc được trả lại để\n"
    "sửa), như khi sửa.\n";

const char cmd_detach_usage[] = "detach ID SỐ_TỆP";
const char cmd_detach_help[] =
    "Gỡ một tệp khỏi hồ sơ của sáng kiến (SỐ_TỆP: số của tệp trong `sangkien show ID`).\n"
    "Tệp chưa gửi được bỏ ngay; tệp đã ở trên máy chủ được gỡ ở lần `sangkien sync` tiếp\n"
    "theo.\n";

/* The item named by ref, loaded, and whether the unit may change it. */
static int load_changeable(struct client_ctx *ctx, const char *command, const char *ref,
			   struct store **st, struct item **it)
{
	char lock[256];
	const char *why;
	int64_t id;
	int rc;

	*it = NULL;
	if ((*st = client_store(ctx)) == NULL)
		return CLIENT_EXIT_ERROR;
	if ((rc = client_find_item(*st, command, ref, &id)) != CLIENT_EXIT_OK)
		return rc;
	if (store_item_get(*st, id, it) != 0 || *it == NULL) {
		client_error(command, "không đọc được kho dữ liệu: %s", store_errmsg(*st));
		return CLIENT_EXIT_ERROR;
	}
	if ((*it)->has_receipt &&
	    (*it)->server_status == SANGKIEN__INITIATIVE_STATUS__STATUS_WITHDRAWN)
		why = "sáng kiến đã được rút";
	else
		why = client_why_locked(*it, lock, sizeof(lock));
	if (why != NULL) {
		client_error(command, "không thay đổi được hồ sơ của sáng kiến #%lld: %s",
			     (long long)(*it)->id, why);
		return CLIENT_EXIT_ERROR;
	}
	return CLIENT_EXIT_OK;
}

/* Say why a file cannot go in, with the limit as the office reads it. */
static void report_refusal(const char *path, enum attach_copy_status cs,
			   enum store_attach_refusal sr, uint64_t size,
			   const struct attach_limits *lim, const char *detail)
{
	char msg[700];

	messages_attach_refusal(path, (int)cs, (int)sr, size, lim, detail, msg, sizeof(msg));
	client_error("attach", "%s", msg);
}

struct attach_args {
	const char *label;
	const char *ref;
	char **files;
	int n_files;
};

const struct command_option cmd_attach_options[] = {
    {"label", 'l', "NHÃN", "nhãn cho các tệp, ví dụ \"Quyết định công nhận\""},
    {NULL, 0, NULL, NULL},
};

static int parse(int argc, char **argv, struct attach_args *a)
{
	const char *value;
	int c;

	memset(a, 0, sizeof(*a));
	optind = 0;
	opterr = 0;
	while ((c = command_getopt("attach", cmd_attach_usage, cmd_attach_options, argc, argv,
				   &value)) != -1) {
		if (c != 'l') /* reported by command_getopt */
			return CLIENT_EXIT_USAGE;
		a->label = value;
	}
	if (argc - optind < 2)
		return command_usage_error("attach", cmd_attach_usage,
					   "cần ID của sáng kiến và ít nhất một tệp");
	a->ref = argv[optind];
	a->files = argv + optind + 1;
	a->n_files = argc - optind - 1;
	return 0;
}

int cmd_attach(struct client_ctx *ctx, int argc, char **argv)
{
	struct attach_args a;
	struct attach_limits lim;
	struct attach_copy *copies = NULL;
	struct store_new_file *files = NULL;
	struct check_error ce;
	struct store *st;
	struct item *it = NULL;
	enum store_attach_refusal sr = STORE_ATTACH_OK;
	char err[512], msg[320];
	int64_t *ids = NULL;
	size_t which = 0;
	int rc;

	if ((rc = parse(argc, argv, &a)) != 0)
		return rc;
	if (!attachment_label_check(a.label, &ce)) {
		messages_check_error(&ce, msg, sizeof(msg));
		client_error("attach", "%s", msg);
		return CLIENT_EXIT_USAGE;
	}
	if ((rc = load_changeable(ctx, "attach", a.ref, &st, &it)) != CLIENT_EXIT_OK)
		goto out;
	rc = CLIENT_EXIT_ERROR;
	if (store_attach_limits(st, &lim) != 0) {
		client_error("attach", "không đọc được kho dữ liệu: %s", store_errmsg(st));
		goto out;
	}
	/* parse() asked for at least one file. */
	if (a.n_files < 1)
		goto out;
	copies = calloc((size_t)a.n_files, sizeof(*copies));
	files = calloc((size_t)a.n_files, sizeof(*files));
	ids = calloc((size_t)a.n_files, sizeof(*ids));
	if (copies == NULL || files == NULL || ids == NULL) {
		client_error("attach", "hết bộ nhớ");
		goto out;
	}
	/* Every file copied and judged first: all of them go in, or none. */
	for (int i = 0; i < a.n_files; i++) {
		const char *name = attach_base_name(a.files[i]);
		enum attach_copy_status cs;

		if (!attachment_file_name_check(name, &ce)) {
			messages_check_error(&ce, msg, sizeof(msg));
			client_error("attach", "tệp “%s”: %s", a.files[i], msg);
			goto out;
		}
		cs = attach_copy_in(a.files[i], store_files_dir(st), lim.max_file, &copies[i], err,
				    sizeof(err));
		if (cs != ATTACH_COPY_OK) {
			report_refusal(a.files[i], cs, STORE_ATTACH_OK, copies[i].size, &lim, err);
			goto out;
		}
		files[i] = (struct store_new_file){copies[i].tmp_path, {0},  copies[i].size,
						   copies[i].type,     name, a.label};
		memcpy(files[i].sha256, copies[i].sha256, 32);
	}
	if (store_attachments_add(st, it->id, files, (size_t)a.n_files, &lim, &sr, &which, ids) !=
	    0) {
		client_error("attach", "không ghi được kho dữ liệu: %s", store_errmsg(st));
		goto out;
	}
	if (sr != STORE_ATTACH_OK) {
		report_refusal(a.files[which], ATTACH_COPY_OK, sr, files[which].size, &lim, "");
		goto out;
	}
	for (int i = 0; i < a.n_files; i++) {
		char size[32];

		attach_size_text(files[i].size, size, sizeof(size));
		term_printf(stdout, "Đã đính kèm tệp %lld vào sáng kiến #%lld: %s (%s, %s)\n",
			    (long long)ids[i], (long long)it->id, files[i].file_name,
			    file_type_label(files[i].type), size);
	}
	printf("Tệp được gửi lên máy chủ ở lần `sangkien sync` tiếp theo.\n");
	rc = CLIENT_EXIT_OK;
out:
	for (int i = 0; copies != NULL && i < a.n_files; i++)
		attach_copy_discard(&copies[i]);
	free(copies);
	free(files);
	free(ids);
	item_free(it);
	return rc;
}

int cmd_detach(struct client_ctx *ctx, int argc, char **argv)
{
	struct store_attachment att;
	struct store *st;
	struct item *it = NULL;
	bool found = false, removed = false;
	char *end;
	long long file_id;
	int rc;

	if ((rc = command_no_options_parse("detach", cmd_detach_usage, argc, argv)) != 0)
		return rc;
	if (argc != 3)
		return command_usage_error("detach", cmd_detach_usage,
					   "cần ID của sáng kiến và số của tệp");
	file_id = strtoll(argv[2], &end, 10);
	if (argv[2][0] < '1' || argv[2][0] > '9' || *end != '\0')
		return command_usage_error("detach", cmd_detach_usage,
					   "số tệp “%s” không hợp lệ (xem `sangkien show ID`)",
					   argv[2]);
	if ((rc = load_changeable(ctx, "detach", argv[1], &st, &it)) != CLIENT_EXIT_OK)
		goto out;
	rc = CLIENT_EXIT_ERROR;
	if (store_attachment_get(st, file_id, &att, &found) != 0) {
		client_error("detach", "không đọc được kho dữ liệu: %s", store_errmsg(st));
		goto out;
	}
	if (!found || att.item_id != it->id) {
		client_error("detach",
			     "sáng kiến #%lld không có tệp số %lld (xem `sangkien show %lld`)",
			     (long long)it->id, file_id, (long long)it->id);
		rc = CLIENT_EXIT_USAGE;
		goto out_att;
	}
	if (att.state == ATTACH_DETACH) {
		term_printf(stdout, "Tệp %lld (%s) đã chờ gỡ ở lần `sangkien sync` tiếp theo.\n",
			    file_id, att.file_name);
		rc = CLIENT_EXIT_OK;
		goto out_att;
	}
	if (store_attachment_detach(st, file_id, &removed) != 0) {
		client_error("detach", "không ghi được kho dữ liệu: %s", store_errmsg(st));
		goto out_att;
	}
	if (removed)
		term_printf(stdout, "Đã bỏ tệp %lld (%s) khỏi hồ sơ (tệp chưa gửi lên máy chủ).\n",
			    file_id, att.file_name);
	else
		term_printf(stdout,
			    "Tệp %lld (%s) sẽ được gỡ khỏi hồ sơ trên máy chủ ở lần `sangkien "
			    "sync` tiếp theo.\n",
			    file_id, att.file_name);
	rc = CLIENT_EXIT_OK;
out_att:
	store_attachment_clear(&att);
out:
	item_free(it);
	return rc;
}
