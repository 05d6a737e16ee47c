/*
 * main.c - sangkien-admin: the district operators' tool.  Global options,
 * then dispatch to one command (cmd_*.c).
 */
#include <getopt.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "cmd.h"

struct command {
	const char *name;
	int (*run)(const struct admin_globals *g, int argc, char **argv);
	const char *usage;
	const char *summary;
};

static const struct command commands[] = {
    {"add-unit", cmd_add_unit, cmd_add_unit_usage, "thêm hoặc sửa một đơn vị trong cây"},
    {"import-units", cmd_import_units, cmd_import_units_usage,
     "nhập danh sách công đoàn cơ sở và chỉ tiêu từ tệp CSV"},
    {"enroll", cmd_enroll, cmd_enroll_usage, "tạo mã đăng ký một lần cho máy của đơn vị"},
    {"progress", cmd_progress, cmd_progress_usage, "tiến độ chỉ tiêu của các công đoàn cơ sở"},
    {"campaign", cmd_campaign, cmd_campaign_usage,
     "tạo hoặc sửa đợt thi đua và các giai đoạn của nó"},
    {"target", cmd_target, cmd_target_usage,
     "đặt chỉ tiêu của đơn vị cho cả đợt hoặc một giai đoạn; nhập hàng loạt từ CSV"},
    {"review", cmd_review, cmd_review_usage,
     "xem xét, công nhận, yêu cầu sửa, không công nhận, khen thưởng sáng kiến"},
    {"report", cmd_report, cmd_report_usage,
     "báo cáo tiến độ: theo đơn vị, giai đoạn, đơn vị cần đôn đốc, loại, chủ đề, tuần"},
    {"export", cmd_export, cmd_export_usage, "xuất mọi sáng kiến trong phạm vi (CSV, JSON)"},
    {"audit", cmd_audit, cmd_audit_usage, "nhật ký thay đổi: ai, lúc nào, thay đổi gì"},
    {"credential", cmd_credential, cmd_credential_usage,
     "tạo thông tin xác thực cho người điều hành"},
};

static void usage(FILE *out)
{
	size_t i;

	fputs("Cách dùng: sangkien-admin [--server [tls://]HOST:PORT] [--credential-file TỆP]\n"
	      "                      [--ca-file TỆP_CA] LỆNH ...\n"
	      "\nLệnh:\n",
	      out);
	for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		fprintf(out, "  %s\n      %s\n", commands[i].usage, commands[i].summary);
	fprintf(out, "\nGhi chú:\n%s%s%s%s", cmd_target_help, cmd_review_help, cmd_report_help,
		cmd_audit_help);
	fputs("\nMáy chủ: --server, hoặc biến SANGKIEN_ADMIN_SERVER, hoặc khóa server trong\n"
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
	static const struct option opts[] = {
	    {"server", required_argument, NULL, 's'},
	    {"credential-file", required_argument, NULL, 'c'},
	    {"ca-file", required_argument, NULL, 'C'},
	    {"help", no_argument, NULL, 'h'},
	    {"version", no_argument, NULL, 'V'},
	    {NULL, 0, NULL, 0},
	};
	struct admin_globals g = {0};
	size_t i;
	int opt;

	setlocale(LC_CTYPE, "");
	/* "+": global options end at the command name. */
	while ((opt = getopt_long(argc, argv, "+:h", opts, NULL)) != -1) {
		switch (opt) {
		case 's':
			g.server = optarg;
			break;
		case 'c':
			g.credential_file = optarg;
			break;
		case 'C':
			g.ca_file = optarg;
			break;
		case 'h':
			usage(stdout);
			return ADMIN_EXIT_OK;
		case 'V':
			puts("sangkien-admin 0.1.0");
			return ADMIN_EXIT_OK;
		case ':':
			fprintf(stderr, "sangkien-admin: tùy chọn %s cần một giá trị\n",
				argv[optind - 1]);
			return ADMIN_EXIT_USAGE;
		default:
			fprintf(stderr, "sangkien-admin: tùy chọn không hợp lệ '%s'\n",
				argv[optind - 1]);
			usage(stderr);
			return ADMIN_EXIT_USAGE;
		}
	}
	if (optind >= argc) {
		fputs("sangkien-admin: thiếu LỆNH\n", stderr);
		usage(stderr);
		return ADMIN_EXIT_USAGE;
	}
	for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		if (strcmp(argv[optind], commands[i].name) == 0)
			return commands[i].run(&g, argc - optind, argv + optind);
	fprintf(stderr, "sangkien-admin: lệnh không có: '%s'\n", argv[optind]);
	usage(stderr);
	return ADMIN_EXIT_USAGE;
}
