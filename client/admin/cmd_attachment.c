/*
 * cmd_attachment.c - `sangkien-admin attachment list ID` and `attachment
 * get ID FILE-ID [-o PATH]`: an initiative's dossier and one of its files
 * (PROTOCOL.md 10.6).  The file is written beside its final name and put
 * there only once every byte came and its SHA-256 is right, so a cut or a
 * wrong byte never leaves a file that looks downloaded.
 */
#include <errno.h>
#include <getopt.h> /* optind */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "admin_parse.h"
#include "attachment_get.h"
#include "cmd.h"
#include "command.h"
#include "out_file.h"
#include "out_table.h"
#include "platform.h"
#include "term_text.h"
#include "uuid_ref.h"
#include "vn_number.h"
#include "wire.h"
#include "xalloc.h"
#include "vn_time.h"

const char cmd_attachment_usage[] =
    "attachment list ID [--format table|tsv]\n"
    "           sangkien-admin attachment get ID MÃ-TỆP [-o ĐƯỜNG-DẪN]";

/* One table for list (f) and get (o); each refuses the other's by name. */
const struct command_option cmd_attachment_options[] = {
    {"format", 'f', "table|tsv", "list: bảng để đọc (mặc định) hoặc TSV"},
    {"output", COMMAND_SHORT('o'), "ĐƯỜNG-DẪN",
     "get: lưu vào đây thay cho tên đơn vị đặt (ghi đè tệp đã có)"},
    {NULL, 0, NULL, NULL},
};

/* Minutes of a download at worst: a few MB on a slow link. */
#define ATTACHMENT_TIMEOUT_MS 60000

/* Connect and resolve the initiative ref (a uuid or its prefix, checked by
 * ref_refused first) into *uuid, then list its dossier into *list (not NULL
 * when ADMIN_EXIT_OK). */
static int open_dossier(const struct admin_globals *g, const char *cmd, const char *ref,
			struct sk_conn **c, char **uuid, Sangkien__Envelope **list)
{
	char msg[512];
	*c = NULL;
	*uuid = NULL;
	*list = NULL;
	int rc = admin_session_open(g, ATTACHMENT_TIMEOUT_MS, c);
	if (rc != ADMIN_EXIT_OK)
		return rc;
	*uuid = xstrdup(ref);
	rc = uuid_ref_resolve(*c, "", uuid, 1, cmd);
	if (rc != ADMIN_EXIT_OK)
		return rc;
	rc = attachment_list(*c, *uuid, list, msg, sizeof(msg));
	if (rc != ADMIN_EXIT_OK)
		term_printf(stderr, "sangkien-admin %s: %s\n", cmd, msg);
	else if (*list == NULL)
		rc = ADMIN_EXIT_ERROR;
	return rc;
}

/* An initiative ref that is no uuid nor prefix: the usage error's status,
 * else ADMIN_EXIT_OK. */
static int ref_refused(const char *cmd, const char *ref)
{
	if (uuid_ref_is_valid(ref))
		return ADMIN_EXIT_OK;
	command_usage_error(cmd, cmd_attachment_usage,
			    "'%s' không phải mã sáng kiến (UUID, hoặc %d ký tự đầu trở lên)", ref,
			    UUID_REF_MIN);
	return ADMIN_EXIT_USAGE;
}

static int list(const struct admin_globals *g, int argc, char **argv)
{
	static const char *const head[6] = {"Mã tệp",	 "Tên tệp", "Loại",
					    "Cỡ (byte)", "Nhãn",    "Đính kèm lúc"};
	static const char *const tsv_head[6] = {"sha256", "file_name", "content_type",
						"size",	  "label",     "attached_at"};
	static const bool right[6] = {0, 0, 0, 1, 0, 0};
	const char *format = "table", *value;
	int opt;
	optind = 0;
	while ((opt = command_getopt_own("attachment list", cmd_attachment_usage,
					 cmd_attachment_options, "f", argc, argv, &value)) != -1) {
		if (opt == COMMAND_OPT_BAD)
			return ADMIN_EXIT_USAGE;
		format = value;
	}
	bool tsv = strcmp(format, "tsv") == 0;
	if (!tsv && strcmp(format, "table") != 0)
		return command_usage_error("attachment list", cmd_attachment_usage,
					   "--format: '%s' không hợp lệ; chọn table hoặc tsv",
					   format);
	if (optind + 1 != argc)
		return command_usage_error("attachment list", cmd_attachment_usage,
					   optind == argc ? "thiếu ID của sáng kiến"
							  : "đối số thừa '%s'",
					   argv[optind + 1 < argc ? optind + 1 : optind]);
	struct sk_conn *c;
	char *uuid;
	Sangkien__Envelope *reply;
	int rc = ref_refused("attachment list", argv[optind]);
	if (rc != ADMIN_EXIT_OK)
		return rc;
	rc = open_dossier(g, "attachment list", argv[optind], &c, &uuid, &reply);
	if (rc == ADMIN_EXIT_OK && reply != NULL) {
		const Sangkien__ListAttachmentsReply *l = reply->list_attachments_reply;
		struct out_table *t = out_table_create(6, tsv ? tsv_head : head, right);
		for (size_t i = 0; i < l->n_attachments; i++) {
			const Sangkien__Attachment *a = l->attachments[i];
			char hex[65], size[VN_NUMBER_LEN], at[VN_TIME_LEN];
			attachment_sha_hex(a->sha256.data, hex);
			if (tsv) {
				snprintf(size, sizeof(size), "%" PRIu64, a->size);
				snprintf(at, sizeof(at), "%" PRId64, a->attached_unix_ms);
			} else {
				hex[12] = '\0'; /* a prefix names it for `get` */
				vn_number_format_u(a->size, size);
				vn_time_format(a->attached_unix_ms, false, at);
			}
			const char *row[6] = {hex,  a->file_name, a->content_type,
					      size, a->label,	  at};
			out_table_add(t, row);
		}
		if (tsv)
			out_table_print_tsv(t, stdout);
		else if (l->n_attachments == 0)
			puts("Sáng kiến này chưa có tệp nào trong hồ sơ.");
		else {
			out_table_print(t, stdout);
			printf("%zu tệp\n", l->n_attachments);
		}
		out_table_free(t);
		if (fflush(stdout) != 0)
			rc = ADMIN_EXIT_ERROR;
	}
	wire_envelope_free(reply);
	free(uuid);
	net_close(c);
	return rc;
}

/* The attachment FILE-ID names: its SHA-256 in hex or a unique prefix of
 * at least 8 hex digits; NULL after saying why. */
static const Sangkien__Attachment *find_file(const Sangkien__ListAttachmentsReply *l,
					     const char *ref)
{
	size_t n = strlen(ref);
	const Sangkien__Attachment *found = NULL;
	bool hex = n >= 8 && n <= 64 && strspn(ref, "0123456789abcdefABCDEF") == n;
	if (!hex) {
		term_printf(
		    stderr,
		    "sangkien-admin attachment get: '%s' không phải mã tệp (SHA-256, hoặc 8 "
		    "chữ số hex đầu trở lên, như attachment list cho thấy)\n",
		    ref);
		return NULL;
	}
	for (size_t i = 0; i < l->n_attachments; i++) {
		char h[65];
		attachment_sha_hex(l->attachments[i]->sha256.data, h);
		if (strncasecmp(h, ref, n) != 0)
			continue;
		if (found) {
			term_printf(stderr,
				    "sangkien-admin attachment get: '%s' là đầu mã của nhiều tệp; "
				    "ghi dài hơn\n",
				    ref);
			return NULL;
		}
		found = l->attachments[i];
	}
	if (!found)
		term_printf(stderr,
			    "sangkien-admin attachment get: hồ sơ không có tệp nào mã %s (xem "
			    "attachment list)\n",
			    ref);
	return found;
}

static void show_progress(void *arg, uint64_t done, uint64_t size)
{
	if (*(bool *)arg)
		fprintf(stderr, "\rĐã tải %3d%%", (int)(size ? done * 100 / size : 100));
}

static int get(const struct admin_globals *g, int argc, char **argv)
{
	const char *output = NULL, *value;
	int opt;
	optind = 0;
	while ((opt = command_getopt_own("attachment get", cmd_attachment_usage,
					 cmd_attachment_options, "o", argc, argv, &value)) != -1) {
		if (opt == COMMAND_OPT_BAD)
			return ADMIN_EXIT_USAGE;
		/* Two places to write one file: say so rather than pick one. */
		if (output != NULL)
			return command_usage_error("attachment get", cmd_attachment_usage,
						   "-o/--output chỉ cho một lần (đã có '%s')",
						   output);
		output = value;
	}
	if (optind + 2 != argc)
		return command_usage_error("attachment get", cmd_attachment_usage,
					   optind + 2 > argc ? "thiếu ID của sáng kiến hoặc MÃ-TỆP"
							     : "đối số thừa '%s'",
					   argv[optind + 2 < argc ? optind + 2 : optind]);
	struct sk_conn *c;
	char *uuid;
	Sangkien__Envelope *reply;
	char name[256], msg[512];
	struct out_file of = {0};
	int rc = ref_refused("attachment get", argv[optind]);
	if (rc != ADMIN_EXIT_OK)
		return rc;
	rc = open_dossier(g, "attachment get", argv[optind], &c, &uuid, &reply);
	const Sangkien__Attachment *a = NULL;
	if (rc == ADMIN_EXIT_OK && reply != NULL) {
		a = find_file(reply->list_attachments_reply, argv[optind + 1]);
		if (a == NULL)
			rc = ADMIN_EXIT_REFUSED;
	}
	if (rc == ADMIN_EXIT_OK && output == NULL) {
		struct stat st;
		/* The unit's name for it, made safe; never over an existing file. */
		attachment_safe_name(a->file_name, name, sizeof(name));
		output = name;
		if (stat(name, &st) == 0) {
			term_printf(stderr,
				    "sangkien-admin attachment get: đã có tệp %s ở đây; chọn nơi "
				    "khác bằng -o\n",
				    name);
			rc = ADMIN_EXIT_ERROR;
		}
	}
	if (rc == ADMIN_EXIT_OK && out_file_open(&of, output, "attachment get") != 0)
		rc = ADMIN_EXIT_ERROR;
	if (rc == ADMIN_EXIT_OK) {
		bool to_file = of.path != NULL, tty = to_file && sk_isatty(stderr);
		rc = attachment_download(c, uuid, a->sha256.data, a->size, of.f, show_progress,
					 &tty, msg, sizeof(msg));
		if (tty)
			fputc('\n', stderr);
		if (rc != ADMIN_EXIT_OK) {
			term_printf(stderr, "sangkien-admin attachment get: %s\n", msg);
			out_file_abort(&of);
		} else if (out_file_commit(&of, "attachment get") != 0) {
			rc = ADMIN_EXIT_ERROR;
		} else if (to_file) {
			char size[VN_NUMBER_LEN];
			vn_number_format_u(a->size, size);
			term_printf(stderr, "Đã lưu %s (%s byte, SHA-256 đúng).\n", output, size);
		}
	}
	free(of.path);
	free(of.tmp);
	wire_envelope_free(reply);
	free(uuid);
	net_close(c);
	return rc;
}

int cmd_attachment(const struct admin_globals *g, int argc, char **argv)
{
	if (argc >= 2 && strcmp(argv[1], "list") == 0)
		return list(g, argc - 1, argv + 1);
	if (argc >= 2 && strcmp(argv[1], "get") == 0)
		return get(g, argc - 1, argv + 1);
	return command_usage_error("attachment", cmd_attachment_usage,
				   argc < 2 ? "thiếu lệnh con (list hoặc get)"
					    : "lệnh con không có; dùng list hoặc get");
}
