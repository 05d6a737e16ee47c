/*
 * main.c - sangkien-admin: the district operators' tool.  Global options,
 * then dispatch to one command (cmd_*.c).
 */
#include <getopt.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "command.h"
#include "platform.h"
#include "web_ui_args.h"

/* The commands: their usage and help (client/common/command.h), then how to
 * run them. */
static const struct admin_command {
	struct command cmd;
	int (*run)(const struct admin_globals *g, int argc, char **argv);
} commands[] = {
    {{"add-unit", cmd_add_unit_usage, "thêm hoặc sửa một đơn vị trong cây", NULL,
      cmd_add_unit_options},
     cmd_add_unit},
    {{"import-units", cmd_import_units_usage,
      "nhập danh sách công đoàn cơ sở và chỉ tiêu từ tệp CSV", NULL, cmd_import_units_options},
     cmd_import_units},
    {{"enroll", cmd_enroll_usage, "tạo mã đăng ký một lần cho máy của đơn vị", NULL,
      cmd_enroll_options},
     cmd_enroll},
    {{"progress", cmd_progress_usage, "tiến độ chỉ tiêu của các công đoàn cơ sở", NULL,
      cmd_progress_options},
     cmd_progress},
    {{"campaign", cmd_campaign_usage, "tạo hoặc sửa đợt thi đua và các giai đoạn của nó", NULL,
      cmd_campaign_options},
     cmd_campaign},
    {{"target", cmd_target_usage,
      "đặt chỉ tiêu của đơn vị cho cả đợt hoặc một giai đoạn; nhập hàng loạt từ CSV",
      cmd_target_help, cmd_target_options},
     cmd_target},
    {{"review", cmd_review_usage,
      "xem xét, công nhận, yêu cầu sửa, không công nhận, khen thưởng sáng kiến", cmd_review_help,
      cmd_review_options},
     cmd_review},
    {{"report", cmd_report_usage,
      "báo cáo tiến độ: theo đơn vị, giai đoạn, đơn vị cần đôn đốc, loại, chủ đề, tuần",
      cmd_report_help, cmd_report_options},
     cmd_report},
    {{"export", cmd_export_usage, "xuất mọi sáng kiến trong phạm vi (CSV, JSON)", NULL,
      cmd_export_options},
     cmd_export},
    {{"audit", cmd_audit_usage, "nhật ký thay đổi: ai, lúc nào, thay đổi gì", cmd_audit_help,
      cmd_audit_options},
     cmd_audit},
    {{"credential", cmd_credential_usage, "tạo thông tin xác thực cho người điều hành", NULL,
      cmd_credential_options},
     cmd_credential},
    {{"attachment", cmd_attachment_usage, "hồ sơ của sáng kiến: xem các tệp, tải một tệp về", NULL,
      cmd_attachment_options},
     cmd_attachment},
    {{"ui", cmd_ui_usage,
      "trang quản lý trên trình duyệt: tổng quan, xét duyệt, đơn vị, nhật ký, in", cmd_ui_help,
      web_ui_options},
     cmd_ui},
};

#define N_COMMANDS (sizeof(commands) / sizeof(commands[0]))

/* The global options, before the command name. */
enum { OPT_SERVER = 0x100, OPT_CREDENTIAL, OPT_CA, OPT_VERSION };
static const struct command_option global_options[] = {
    {"server", OPT_SERVER, "[tls://]HOST:PORT", "máy chủ (xem dưới đây)"},
    {"credential-file", OPT_CREDENTIAL, "TỆP", "tệp chứa thông tin xác thực"},
    {"ca-file", OPT_CA, "TỆP_CA", "CA (PEM) để kiểm tra chứng chỉ của máy chủ"},
    {"help", COMMAND_SHORT('h'), NULL, "cách dùng này"},
    {"version", OPT_VERSION, NULL, "phiên bản"},
    {NULL, 0, NULL, NULL},
};
static const char global_usage[] =
    "[--server [tls://]HOST:PORT] [--credential-file TỆP] [--ca-file TỆP_CA] LỆNH ...";

static void usage(FILE *out)
{
	fprintf(out, "Cách dùng: sangkien-admin %s\n", global_usage);
	command_options_help(out, global_options);
	fputs("\nLệnh:\n", out);
	command_list(out, commands, N_COMMANDS, sizeof(commands[0]));
	fprintf(out, "\nGhi chú:\n%s%s%s%s", cmd_target_help, cmd_review_help, cmd_report_help,
		cmd_audit_help);
	fputs("\n`sangkien-admin LỆNH --help` (hoặc -h) cho biết cách dùng từng lệnh.\n"
	      "\nMáy chủ: --server, hoặc biến SANGKIEN_ADMIN_SERVER, hoặc khóa server trong\n"
	      "$XDG_CONFIG_HOME/sangkien/admin.conf.  Thông tin xác thực: --credential-file,\n"
	      "hoặc biến SANGKIEN_ADMIN_CREDENTIAL, hoặc khóa credential trong tệp đó.\n"
	      "Địa chỉ tls://HOST:PORT: kết nối mã hóa TLS; chứng chỉ của máy chủ được kiểm tra\n"
	      "theo HOST và các CA của hệ thống, hoặc theo --ca-file, biến SANGKIEN_CA_FILE,\n"
	      "hoặc khóa ca_file (tệp PEM).  Địa chỉ HOST:PORT không mã hóa.\n\n",
	      out);
	fputs(sk_exit_help, out);
}

int main(int argc, char **argv)
{
	struct admin_globals g = {0};
	const struct admin_command *cmd;
	const char *value;
	int opt;

	if (sk_platform_init(&argc, &argv) != 0)
		return 1;
	setlocale(LC_CTYPE, "");
	command_set_program("sangkien-admin");
	optind = 0;
	while ((opt = command_getopt_globals(global_usage, global_options, argc, argv, &value)) !=
	       -1) {
		switch (opt) {
		case OPT_SERVER:
			g.server = value;
			break;
		case OPT_CREDENTIAL:
			g.credential_file = value;
			break;
		case OPT_CA:
			g.ca_file = value;
			break;
		case 'h':
			usage(stdout);
			return ADMIN_EXIT_OK;
		case OPT_VERSION:
			puts("sangkien-admin 0.1.0");
			return ADMIN_EXIT_OK;
		default:
			return ADMIN_EXIT_USAGE;
		}
	}
	if (optind >= argc) {
		fputs("sangkien-admin: thiếu LỆNH\n", stderr);
		usage(stderr);
		return ADMIN_EXIT_USAGE;
	}
	cmd = (const struct admin_command *)(const void *)command_find(
	    commands, N_COMMANDS, sizeof(commands[0]), argv[optind]);
	if (cmd != NULL) {
		if (command_help_asked(argc - optind, argv + optind)) {
			command_help(stdout, &cmd->cmd);
			return ADMIN_EXIT_OK;
		}
		return cmd->run(&g, argc - optind, argv + optind);
	}
	fprintf(stderr, "sangkien-admin: lệnh không có: '%s'\n", argv[optind]);
	usage(stderr);
	return ADMIN_EXIT_USAGE;
}
