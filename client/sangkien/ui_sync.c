/* ui_sync.c - the Sync page's endpoints: start a sync on the worker
 * thread, and report its progress while it runs and its outcome after. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "client.h"
#include "cmd_sync.h"
#include "progress.h"
#include "retry.h"
#include "text.h"
#include "ui.h"

/* The page retries less patiently than the command line: someone waits. */
#define UI_SYNC_RETRIES 3
#define UI_SYNC_MAX_WAIT_MS 10000

static void on_progress(void *arg, const struct sync_counts *c)
{
	struct ui *ui = arg;

	web_job_lock(&ui->job);
	ui->sync.now = *c;
	web_job_unlock(&ui->job);
}

/* On the worker thread: the same attempts and retries as `sangkien sync`,
 * on a store connection of its own. */
static void run_sync(struct web_job *job, void *arg)
{
	struct ui *ui = arg;
	struct sync_counts total, c;
	struct store *st = NULL;
	char err[512] = "", quota_line[256];
	int rc = CLIENT_EXIT_ERROR;

	memset(&total, 0, sizeof(total));
	total.remaining = total.total = -1;
	if (store_open(ui->store_path, &st, err, sizeof(err)) != 0)
		goto done;
	for (unsigned n = 0;; n++) {
		memset(&c, 0, sizeof(c));
		rc = sync_attempt(st, 0, on_progress, ui, NULL, &c, quota_line, sizeof(quota_line),
				  err, sizeof(err));
		sync_counts_add(&total, &c);
		web_job_lock(job);
		ui->sync.total = total;
		memset(&ui->sync.now, 0, sizeof(ui->sync.now));
		ui->sync.now.total = ui->sync.now.remaining = -1;
		if (rc == CLIENT_EXIT_OFFLINE && n < UI_SYNC_RETRIES)
			ui->sync.attempt = (int)n + 2;
		web_job_unlock(job);
		if (rc != CLIENT_EXIT_OFFLINE || n >= UI_SYNC_RETRIES)
			break;
		retry_sleep_ms(
		    retry_delay_ms(n + 1, RETRY_BASE_MS, UI_SYNC_MAX_WAIT_MS, retry_random()));
	}
	sync_record_last(st, rc, &total);
done:
	store_close(st);
	web_job_lock(job);
	ui->sync.running = false;
	ui->sync.rc = rc;
	ui->sync.finished_unix_ms = text_now_ms();
	snprintf(ui->sync.message, sizeof(ui->sync.message), "%s",
		 rc == CLIENT_EXIT_OK || rc == CLIENT_EXIT_REFUSED ? "" : err);
	web_job_unlock(job);
}

static void start(struct web_request *r, void *arg)
{
	struct ui *ui = arg;
	int64_t mark = 0;
	int rc;

	if (web_job_running(&ui->job)) {
		web_reply_error(r, 409, "Đang đồng bộ; hãy chờ lần này xong.");
		return;
	}
	if (store_history_mark(ui->st, &mark) != 0) {
		web_reply_error(r, 500, "Không đọc được kho dữ liệu.");
		return;
	}
	web_job_lock(&ui->job);
	memset(&ui->sync, 0, sizeof(ui->sync));
	ui->sync.running = true;
	ui->sync.attempt = 1;
	ui->sync.rc = -1;
	ui->sync.started_unix_ms = text_now_ms();
	ui->sync.history_mark = mark;
	ui->sync.total.total = ui->sync.total.remaining = -1;
	ui->sync.now.total = ui->sync.now.remaining = -1;
	web_job_unlock(&ui->job);
	rc = web_job_start(&ui->job, run_sync, ui);
	if (rc != 0) {
		web_job_lock(&ui->job);
		ui->sync.running = false;
		web_job_unlock(&ui->job);
		web_reply_error(r, 500, "Không bắt đầu được đồng bộ.");
		return;
	}
	{
		struct web_json j;

		if (web_json_init(&j) != 0) {
			web_reply_error(r, 500, "Hết bộ nhớ.");
			return;
		}
		web_json_object(&j, NULL);
		web_json_bool(&j, "started", true);
		web_json_end_object(&j);
		web_reply_json(r, 200, &j);
		web_json_free(&j);
	}
}

static void counts_json(struct web_json *j, const struct sync_counts *c)
{
	char line[256];
	size_t done = c->sent + c->local_invalid;

	if (c->total >= 0 && done > (size_t)c->total)
		done = (size_t)c->total;
	progress_line(c, line, sizeof(line));
	web_json_string(j, "line", line);
	web_json_int(j, "done", (int64_t)done);
	web_json_int(j, "total", c->total);
	web_json_int(j, "bytes_sent", (int64_t)c->bytes_sent);
	web_json_int(j, "bytes_received", (int64_t)c->bytes_received);
	web_json_int(j, "accepted", (int64_t)c->accepted);
	web_json_int(j, "duplicate", (int64_t)c->duplicate);
	web_json_int(j, "edited", (int64_t)c->edited);
	web_json_int(j, "withdrawn", (int64_t)c->withdrawn);
	web_json_int(j, "refused", (int64_t)(c->invalid + c->forbidden + c->local_invalid));
	web_json_int(j, "conflicts", (int64_t)(c->conflict + c->pull_conflicts));
	web_json_int(j, "pulled", (int64_t)c->pull_changed);
	web_json_int(j, "notes", (int64_t)c->notes);
	web_json_int(j, "remaining", c->remaining);
	web_json_int(j, "files_total", (int64_t)c->files_total);
	web_json_int(j, "files_done", (int64_t)c->files_done);
	web_json_int(j, "files_refused", (int64_t)c->files_refused);
	web_json_int(j, "file_bytes_total", (int64_t)c->file_bytes_total);
	web_json_int(j, "file_bytes_done", (int64_t)c->file_bytes_done);
	/* The file on its way now, for its own progress bar. */
	web_json_int(j, "file_current", c->file_current);
	web_json_int(j, "file_current_held", (int64_t)c->file_current_held);
	web_json_int(j, "file_current_size", (int64_t)c->file_current_size);
}

void ui_sync_json(struct ui *ui, struct web_json *j, const char *key)
{
	struct ui_sync s;
	struct sync_counts sum;

	(void)web_job_running(&ui->job); /* joins a finished thread */
	web_job_lock(&ui->job);
	s = ui->sync;
	web_job_unlock(&ui->job);
	sum = s.total;
	if (s.running)
		sync_counts_add(&sum, &s.now);
	web_json_object(j, key);
	web_json_bool(j, "running", s.running);
	web_json_int(j, "attempt", s.attempt);
	web_json_int(j, "rc", s.rc);
	web_json_string(j, "message", s.message);
	web_json_int(j, "history_mark", s.history_mark);
	counts_json(j, &sum);
	web_json_end_object(j);
}

static void status(struct web_request *r, void *arg)
{
	struct ui *ui = arg;
	struct web_json j;

	if (web_json_init(&j) != 0) {
		web_reply_error(r, 500, "Hết bộ nhớ.");
		return;
	}
	ui_sync_json(ui, &j, NULL);
	web_reply_json(r, 200, &j);
	web_json_free(&j);
}

static void sync_route(struct web_request *r, void *arg)
{
	if (web_request_method(r) == WEB_POST)
		start(r, arg);
	else
		status(r, arg);
}

int ui_sync_routes(struct ui *ui)
{
	return web_route(ui->web, WEB_GET | WEB_POST, "/api/sync", sync_route, ui);
}
