/* cmd_ui.c - `sangkien ui`: start the local web interface (or find the one
 * already running on this store) and open the browser at it. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <event2/event.h>

#include "client.h"
#include "command.h"
#include "ui.h"
#include "web_browser.h"
#include "web_instance.h"
#include "web_ui_args.h"

const char cmd_ui_usage[] = "ui [--port CỔNG] [--no-browser]";
const char cmd_ui_help[] =
    "Mở giao diện web trên máy này (chỉ máy này truy cập được) để nhập sáng kiến,\n"
    "gửi lên máy chủ và xem kết quả xét duyệt.  Trình duyệt được mở tự động; địa chỉ\n"
    "cũng được in ra.  Chạy lại khi giao diện đang mở thì trình duyệt mở lại trang\n"
    "đang có.  Dừng bằng Ctrl-C.\n"
    "Biến SANGKIEN_BROWSER: chương trình mở trang (mặc định xdg-open; none: không mở).\n";

extern const struct web_asset sangkien_ui_assets[];
extern const size_t sangkien_ui_assets_count;

void ui_store_failed(struct ui *ui, const char *what)
{
	fprintf(stderr, "sangkien ui: %s: %s\n", what, store_errmsg(ui->st));
}

static void say_url(const char *url, bool browser)
{
	printf("Giao diện sangkien: %s\n", url);
	if (browser && web_open_browser(url) != 0)
		printf("Không mở được trình duyệt; hãy mở địa chỉ trên bằng tay.\n");
	fflush(stdout);
}

struct started {
	struct ui *ui;
	bool browser;
};

static void ready(void *arg)
{
	struct started *s = arg;

	say_url(web_url(s->ui->web), s->browser);
	printf("Nhấn Ctrl-C để dừng.\n");
	fflush(stdout);
}

int cmd_ui(struct client_ctx *ctx, int argc, char **argv)
{
	struct web_instance *inst = NULL;
	struct event_base *base = NULL;
	struct web_config cfg;
	struct ui ui;
	uint16_t port;
	bool browser;
	char err[512], url[512], *inst_path = NULL;
	int rc;

	rc = web_ui_args_parse(argc, argv, cmd_ui_usage, &port, &browser);
	if (rc != 0)
		return rc;
	memset(&ui, 0, sizeof(ui));
	if ((ui.st = client_store(ctx)) == NULL)
		return CLIENT_EXIT_ERROR;
	ui.store_path = ctx->store_path;
	inst_path = malloc(strlen(ctx->store_path) + 4);
	if (inst_path == NULL) {
		client_error("ui", "hết bộ nhớ");
		return CLIENT_EXIT_ERROR;
	}
	snprintf(inst_path, strlen(ctx->store_path) + 4, "%s.ui", ctx->store_path);
	switch (web_instance_claim(inst_path, &inst, url, sizeof(url), err, sizeof(err))) {
	case WEB_INSTANCE_RUNNING:
		printf("Giao diện đang chạy trên kho dữ liệu này; mở lại trang.\n");
		say_url(url, browser);
		free(inst_path);
		return CLIENT_EXIT_OK;
	case WEB_INSTANCE_MINE:
		break;
	default:
		client_error("ui", "%s", err);
		free(inst_path);
		return CLIENT_EXIT_ERROR;
	}
	rc = CLIENT_EXIT_ERROR;
	if (web_job_init(&ui.job) != 0) {
		client_error("ui", "không khởi tạo được luồng đồng bộ");
		goto out_inst;
	}
	ui.sync.rc = -1;
	memset(&cfg, 0, sizeof(cfg));
	cfg.port = port;
	cfg.max_body = UI_MAX_BODY;
	cfg.assets = sangkien_ui_assets;
	cfg.n_assets = sangkien_ui_assets_count;
	if ((base = event_base_new()) == NULL) {
		client_error("ui", "hết bộ nhớ");
		goto out_job;
	}
	if (web_start(base, &cfg, &ui.web, err, sizeof(err)) != 0) {
		client_error("ui", "%s", err);
		goto out_base;
	}
	if (ui_read_routes(&ui) != 0 || ui_form_routes(&ui) != 0 || ui_sync_routes(&ui) != 0 ||
	    ui_files_routes(&ui) != 0) {
		client_error("ui", "hết bộ nhớ");
		goto out_web;
	}
	if (web_instance_publish(inst, web_url(ui.web)) != 0)
		client_error("ui", "không ghi được %s: lần chạy sau sẽ không tìm thấy trang này",
			     inst_path);
	{
		struct started st = {&ui, browser};

		if (web_run(base, ready, &st) != 0) {
			client_error("ui", "không chạy được vòng phục vụ");
			goto out_web;
		}
	}
	rc = CLIENT_EXIT_OK;
	printf("Đã dừng giao diện.\n");
out_web:
	ui_files_close(&ui);
	web_free(ui.web);
out_base:
	event_base_free(base);
out_job:
	/* A sync still running ends its current request and records it. */
	web_job_destroy(&ui.job);
out_inst:
	web_instance_release(inst);
	free(inst_path);
	return rc;
}
