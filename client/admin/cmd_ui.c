/*
 * cmd_ui.c - `sangkien-admin ui`: start the district office's web console
 * on this machine (or find the one already running for this user) and open
 * the browser at it (console.h).
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <event2/event.h>

#include "cmd.h"
#include "command.h"
#include "console.h"
#include "platform.h"
#include "web_browser.h"
#include "web_instance.h"
#include "web_ui_args.h"

const char cmd_ui_usage[] = "ui [--port CỔNG] [--no-browser]";

const char cmd_ui_help[] =
    "  ui mở trang quản lý của quận trên máy này (chỉ máy này truy cập được): tổng\n"
    "  quan tiến độ, xét duyệt, đơn vị và mã đăng ký, nhật ký thay đổi, in báo cáo.\n"
    "  Trang nói chuyện với máy chủ bằng thông tin xác thực của người điều hành như\n"
    "  các lệnh khác.  Biến SANGKIEN_BROWSER: chương trình mở trang\n"
    "  (mặc định xdg-open; none: không mở).  Biến SANGKIEN_UI_DOWNLOAD_BUFFER: số\n"
    "  byte của một tệp tải về được chờ trình duyệt nhận (mặc định 4194304).  Chạy\n"
    "  lại khi trang đang mở thì mở lại trang đó.  Dừng bằng Ctrl-C.\n";

extern const struct web_asset admin_ui_assets[];
extern const size_t admin_ui_assets_count;

static void say_url(const char *url, bool browser)
{
	printf("Trang quản lý sangkien: %s\n", url);
	if (browser && web_open_browser(url) != 0)
		printf("Không mở được trình duyệt; hãy mở địa chỉ trên bằng tay.\n");
	fflush(stdout);
}

struct started {
	struct console *con;
	bool browser;
};

static void ready(void *arg)
{
	struct started *s = arg;

	say_url(web_url(s->con->web), s->browser);
	printf("Nhấn Ctrl-C để dừng.\n");
	fflush(stdout);
}

/* The instance file: one console per user (web_instance.h). */
static char *instance_path(void)
{
	char *dir = sk_user_data_dir(), *path;

	if (dir == NULL)
		return NULL;
	if (sk_mkdir_private(dir) != 0 && errno != EEXIST) {
		free(dir);
		return NULL;
	}
	path = sk_path_join(dir, "admin-ui");
	free(dir);
	return path;
}

static int routes(struct console *con)
{
	if (ui_review_routes(con) != 0)
		return -1;
	return ui_session_routes(con) != 0 || ui_dashboard_routes(con) != 0 ||
		       ui_units_routes(con) != 0 || ui_audit_routes(con) != 0 ||
		       ui_print_routes(con) != 0
		   ? -1
		   : 0;
}

int cmd_ui(const struct admin_globals *g, int argc, char **argv)
{
	struct web_instance *inst = NULL;
	struct event_base *base = NULL;
	struct web_config cfg;
	struct console con;
	uint16_t port;
	bool browser;
	char err[512], url[512], *inst_path;
	int rc;

	rc = web_ui_args_parse(argc, argv, cmd_ui_usage, &port, &browser);
	if (rc != ADMIN_EXIT_OK)
		return rc;
	memset(&con, 0, sizeof(con));
	con.g = g;
	con.units_received = -1;
	con.download_bound = CONSOLE_DOWNLOAD_BOUND;
	if (sk_getenv("SANGKIEN_UI_DOWNLOAD_BUFFER") != NULL) {
		int64_t v;

		if (!web_parse_int(sk_getenv("SANGKIEN_UI_DOWNLOAD_BUFFER"), 4096, 1 << 30, &v)) {
			fprintf(stderr,
				"sangkien-admin ui: SANGKIEN_UI_DOWNLOAD_BUFFER phải là số byte "
				"từ 4096 đến 1073741824\n");
			return ADMIN_EXIT_USAGE;
		}
		con.download_bound = (size_t)v;
	}
	inst_path = instance_path();
	if (inst_path == NULL) {
		fprintf(stderr, "sangkien-admin ui: không biết thư mục dữ liệu của người dùng\n");
		return ADMIN_EXIT_ERROR;
	}
	switch (web_instance_claim(inst_path, &inst, url, sizeof(url), err, sizeof(err))) {
	case WEB_INSTANCE_RUNNING:
		printf("Trang quản lý đang chạy; mở lại trang.\n");
		say_url(url, browser);
		free(inst_path);
		return ADMIN_EXIT_OK;
	case WEB_INSTANCE_MINE:
		break;
	default:
		fprintf(stderr, "sangkien-admin ui: %s\n", err);
		free(inst_path);
		return ADMIN_EXIT_ERROR;
	}
	rc = ADMIN_EXIT_ERROR;
	memset(&cfg, 0, sizeof(cfg));
	cfg.port = port;
	cfg.max_body = CONSOLE_MAX_BODY;
	cfg.assets = admin_ui_assets;
	cfg.n_assets = admin_ui_assets_count;
	if ((base = event_base_new()) == NULL) {
		fprintf(stderr, "sangkien-admin ui: hết bộ nhớ\n");
		goto out_inst;
	}
	if (web_tasks_start(base, &con.tasks) != 0) {
		fprintf(stderr, "sangkien-admin ui: không tạo được luồng làm việc\n");
		goto out_base;
	}
	if (web_start(base, &cfg, &con.web, err, sizeof(err)) != 0) {
		fprintf(stderr, "sangkien-admin ui: %s\n", err);
		goto out_tasks;
	}
	if (routes(&con) != 0) {
		fprintf(stderr, "sangkien-admin ui: hết bộ nhớ\n");
		goto out_web;
	}
	if (web_instance_publish(inst, web_url(con.web)) != 0)
		fprintf(stderr,
			"sangkien-admin ui: không ghi được %s: lần chạy sau sẽ không tìm thấy "
			"trang này\n",
			inst_path);
	{
		struct started st = {&con, browser};

		if (web_run(base, ready, &st) != 0) {
			fprintf(stderr, "sangkien-admin ui: không chạy được vòng phục vụ\n");
			goto out_web;
		}
	}
	rc = ADMIN_EXIT_OK;
	printf("Đã dừng trang quản lý.\n");
out_web:
	/* The requests still waiting are answered before the server goes. */
	web_tasks_stop(con.tasks);
	con.tasks = NULL;
	web_free(con.web);
out_tasks:
	web_tasks_stop(con.tasks);
out_base:
	event_base_free(base);
out_inst:
	web_instance_release(inst);
	free(inst_path);
	return rc;
}
