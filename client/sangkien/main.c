/* main.c - `sangkien`: global options, then one command. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "client.h"
#include "paths.h"

static const char usage[] =
    "Cách dùng: sangkien [--store ĐƯỜNG_DẪN] LỆNH [TÙY_CHỌN...]\n"
    "\n"
    "Phần mềm cho công đoàn cơ sở nhập và gửi sáng kiến của chương trình\n"
    "\"01 triệu sáng kiến\".\n"
    "\n"
    "Lệnh:\n"
    "  enroll HOST:PORT MÃ   đăng ký thiết bị với máy chủ bằng mã một lần\n"
    "                        (tls://HOST:PORT: kết nối mã hóa TLS, xem enroll --help)\n"
    "  add                   nhập một sáng kiến (không cần mạng)\n"
    "  edit ID               sửa một sáng kiến (kể cả đã gửi, khi chưa xét duyệt)\n"
    "  withdraw ID           rút một sáng kiến trước khi xét duyệt\n"
    "  list                  liệt kê các sáng kiến trên máy\n"
    "  show ID               xem một sáng kiến, biên nhận và lịch sử\n"
    "  sync                  gửi các thay đổi lên máy chủ và nhận kết quả xét duyệt\n"
    "  resolve ID            giải quyết xung đột với bản trên máy chủ\n"
    "  quota                 xem chỉ tiêu và số sáng kiến đã gửi\n"
    "  ui                    mở giao diện web trên máy này (nhập, gửi, xem kết quả)\n"
    "\n"
    "Tùy chọn chung:\n"
    "  --store ĐƯỜNG_DẪN     kho dữ liệu (mặc định $SANGKIEN_STORE, hoặc\n"
    "                        $XDG_DATA_HOME/sangkien/store.db)\n"
    "  --help, --version\n"
    "\n"
    "`sangkien LỆNH --help` cho biết tùy chọn của từng lệnh.\n";

static const struct {
	const char *name;
	int (*run)(struct client_ctx *ctx, int argc, char **argv);
} commands[] = {
    {"enroll", cmd_enroll},	{"add", cmd_add},
    {"list", cmd_list},		{"sync", cmd_sync},
    {"quota", cmd_quota},	{"edit", cmd_edit},
    {"withdraw", cmd_withdraw}, {"resolve", cmd_resolve},
    {"show", cmd_show},		{"ui", cmd_ui},
};

int main(int argc, char **argv)
{
	const char *store_opt = NULL;
	struct client_ctx ctx = {NULL, NULL};
	char *store_path;
	int i, rc;

	for (i = 1; i < argc && argv[i][0] == '-'; i++) {
		if (strcmp(argv[i], "--store") == 0) {
			if (i + 1 >= argc) {
				fprintf(stderr, "sangkien: --store cần một đường dẫn\n");
				return CLIENT_EXIT_USAGE;
			}
			store_opt = argv[++i];
		} else if (strncmp(argv[i], "--store=", 8) == 0) {
			store_opt = argv[i] + 8;
		} else if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
			fputs(usage, stdout);
			return CLIENT_EXIT_OK;
		} else if (strcmp(argv[i], "--version") == 0) {
			printf("%s\n", CLIENT_NAME);
			return CLIENT_EXIT_OK;
		} else {
			fprintf(stderr, "sangkien: tùy chọn chung không hợp lệ: %s\n\n%s", argv[i],
				usage);
			return CLIENT_EXIT_USAGE;
		}
	}
	if (i >= argc) {
		fprintf(stderr, "sangkien: thiếu lệnh\n\n%s", usage);
		return CLIENT_EXIT_USAGE;
	}
	for (size_t k = 0; k < sizeof(commands) / sizeof(commands[0]); k++) {
		if (strcmp(argv[i], commands[k].name) != 0)
			continue;
		store_path = paths_store(store_opt);
		if (store_path == NULL) {
			fprintf(stderr, "sangkien: không xác định được nơi đặt kho dữ liệu; "
					"hãy dùng --store hoặc đặt biến SANGKIEN_STORE\n");
			return CLIENT_EXIT_ERROR;
		}
		ctx.store_path = store_path;
		rc = commands[k].run(&ctx, argc - i, argv + i);
		client_ctx_release(&ctx);
		free(store_path);
		return rc;
	}
	fprintf(stderr, "sangkien: lệnh không tồn tại: %s\n\n%s", argv[i], usage);
	return CLIENT_EXIT_USAGE;
}
