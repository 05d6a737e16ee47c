/* main.c - `sangkien`: global options, then one command. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "client.h"
#include "cmd_add.h"
#include "cmd_enroll.h"
#include "cmd_sync.h"
#include "command.h"
#include "format.h"
#include "paths.h"
#include "platform.h"
#include "web_ui_args.h"

/* The commands (client/common/command.h): usage, summary, help text and
 * options of each, printed by command_list and command_help as
 * sangkien-admin's are. */
static const struct client_command {
	struct command cmd;
	int (*run)(struct client_ctx *ctx, int argc, char **argv);
} commands[] = {
    {{"enroll", cmd_enroll_usage, "đăng ký thiết bị với máy chủ bằng mã một lần", cmd_enroll_help,
      cmd_enroll_options},
     cmd_enroll},
    {{"add", cmd_add_usage, "nhập một sáng kiến (không cần mạng)", cmd_add_help, cmd_add_options},
     cmd_add},
    {{"edit", cmd_edit_usage, "sửa một sáng kiến (kể cả đã gửi, khi chưa xét duyệt)", cmd_edit_help,
      ADD_FIELD_OPTIONS},
     cmd_edit},
    {{"withdraw", cmd_withdraw_usage, "rút một sáng kiến trước khi xét duyệt", cmd_withdraw_help,
      cmd_withdraw_options},
     cmd_withdraw},
    {{"list", cmd_list_usage, "liệt kê các sáng kiến trên máy", cmd_list_help, format_options},
     cmd_list},
    {{"show", cmd_show_usage, "xem một sáng kiến, biên nhận và lịch sử", cmd_show_help,
      command_no_options},
     cmd_show},
    {{"attach", cmd_attach_usage, "đính kèm tệp vào hồ sơ của sáng kiến (PDF, ảnh, Word, Excel...)",
      cmd_attach_help, cmd_attach_options},
     cmd_attach},
    {{"detach", cmd_detach_usage, "gỡ một tệp khỏi hồ sơ của sáng kiến", cmd_detach_help,
      command_no_options},
     cmd_detach},
    {{"sync", cmd_sync_usage, "gửi các thay đổi lên máy chủ và nhận kết quả xét duyệt",
      cmd_sync_help, cmd_sync_options},
     cmd_sync},
    {{"resolve", cmd_resolve_usage, "giải quyết xung đột với bản trên máy chủ", cmd_resolve_help,
      cmd_resolve_options},
     cmd_resolve},
    {{"quota", cmd_quota_usage, "xem chỉ tiêu và số sáng kiến đã gửi", cmd_quota_help,
      format_options},
     cmd_quota},
    {{"ui", cmd_ui_usage, "mở giao diện web trên máy này (nhập, gửi, xem kết quả)", cmd_ui_help,
      web_ui_options},
     cmd_ui},
};

#define N_COMMANDS (sizeof(commands) / sizeof(commands[0]))

/* The global options, before the command name. */
enum { OPT_STORE = 0x100, OPT_VERSION };
static const struct command_option global_options[] = {
    {"store", OPT_STORE, "ĐƯỜNG_DẪN", "kho dữ liệu (xem dưới đây)"},
    {"help", COMMAND_SHORT('h'), NULL, "cách dùng này"},
    {"version", OPT_VERSION, NULL, "phiên bản"},
    {NULL, 0, NULL, NULL},
};
static const char global_usage[] = "[--store ĐƯỜNG_DẪN] LỆNH [TÙY_CHỌN...]";

static void usage(FILE *out)
{
	fprintf(out,
		"Cách dùng: sangkien %s\n"
		"\n"
		"Phần mềm cho công đoàn cơ sở nhập và gửi sáng kiến của chương trình\n"
		"\"01 triệu sáng kiến\".\n"
		"\n"
		"Lệnh:\n",
		global_usage);
	command_list(out, commands, N_COMMANDS, sizeof(commands[0]));
	command_options_help(out, global_options);
	fputs("\n"
	      "`sangkien LỆNH --help` (hoặc -h) cho biết cách dùng và tùy chọn của từng lệnh.\n"
	      "\n"
	      "Kho dữ liệu: --store, hoặc biến SANGKIEN_STORE, hoặc\n"
	      "$XDG_DATA_HOME/sangkien/store.db (~/.local/share/sangkien/store.db).\n"
	      "\n",
	      out);
	fputs(sk_exit_help, out);
}

int main(int argc, char **argv)
{
	const char *store_opt = NULL, *value;
	struct client_ctx ctx = {NULL, NULL};
	const struct client_command *cmd;
	char *store_path;
	int i, rc, opt;

	if (sk_platform_init(&argc, &argv) != 0)
		return CLIENT_EXIT_ERROR;
	command_set_program("sangkien");
	optind = 0;
	while ((opt = command_getopt_globals(global_usage, global_options, argc, argv, &value)) !=
	       -1) {
		switch (opt) {
		case OPT_STORE:
			store_opt = value;
			break;
		case 'h':
			usage(stdout);
			return CLIENT_EXIT_OK;
		case OPT_VERSION:
			printf("%s\n", CLIENT_NAME);
			return CLIENT_EXIT_OK;
		default:
			return CLIENT_EXIT_USAGE;
		}
	}
	i = optind;
	if (i >= argc) {
		fputs("sangkien: thiếu lệnh\n\n", stderr);
		usage(stderr);
		return CLIENT_EXIT_USAGE;
	}
	cmd = (const struct client_command *)(const void *)command_find(
	    commands, N_COMMANDS, sizeof(commands[0]), argv[i]);
	if (cmd != NULL) {
		/* Before the store is even looked for: help needs nothing. */
		if (command_help_asked(argc - i, argv + i)) {
			command_help(stdout, &cmd->cmd);
			return CLIENT_EXIT_OK;
		}
		store_path = paths_store(store_opt);
		if (store_path == NULL) {
			fprintf(stderr, "sangkien: không xác định được nơi đặt kho dữ liệu; "
					"hãy dùng --store hoặc đặt biến SANGKIEN_STORE\n");
			return CLIENT_EXIT_ERROR;
		}
		ctx.store_path = store_path;
		rc = cmd->run(&ctx, argc - i, argv + i);
		client_ctx_release(&ctx);
		free(store_path);
		return rc;
	}
	fprintf(stderr, "sangkien: lệnh không tồn tại: %s\n\n", argv[i]);
	usage(stderr);
	return CLIENT_EXIT_USAGE;
}
