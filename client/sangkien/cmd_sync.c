/* cmd_sync.c - `sangkien sync`: send what is pending, bring back what
 * changed on the server, retrying transient failures. */
#include "cmd_sync.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "attach_file.h"
#include "client.h"
#include "platform.h"
#include "progress.h"
#include "quota.h"
#include "retry.h"
#include "session.h"
#include "sync.h"
#include "sync_files.h"
#include "term_text.h"
#include "text.h"

const char cmd_sync_usage[] = "sync [--batch N] [--retries N] [--max-wait GIÂY] [--dry-run]";
const char cmd_sync_help[] =
    "Gửi lên máy chủ các sáng kiến mới, các bản sửa và yêu cầu rút đang chờ, ghi lại\n"
    "kết quả và biên nhận của từng sáng kiến, rồi nhận về mọi thay đổi từ máy chủ:\n"
    "trạng thái xét duyệt, ý kiến, công nhận, khen thưởng, chỉ tiêu.  Lỗi tạm thời\n"
    "(mất mạng, máy chủ bận) được thử lại, chờ giữa hai lần tăng dần (ngẫu nhiên).\n"
    "Mã thoát: 0 đã xong, 3 có sáng kiến bị từ chối hoặc xung đột, 4 không kết nối\n"
    "được (chạy lại sau), 5 thông tin xác thực bị từ chối, phiên bản không được hỗ\n"
    "trợ hoặc chứng chỉ TLS của máy chủ không được chấp nhận (không thử lại), 1 lỗi\n"
    "khác, 2 sai cú pháp.\n";

const struct command_option cmd_sync_options[] = {
    {"batch", 'b', "N", "gửi từng lô tối đa N mục (mặc định: theo máy chủ)"},
    {"retries", 'r', "N", "thử lại tối đa N lần khi lỗi tạm thời (mặc định 5)"},
    {"max-wait", 'w', "GIÂY", "mỗi lần chờ không quá chừng ấy giây (mặc định 60)"},
    {"dry-run", 'n', NULL, "chỉ kiểm tra các sáng kiến đang chờ trên máy, không gửi gì"},
    {NULL, 0, NULL, NULL},
};

static int parse_number(const char *opt, const char *v, unsigned long lo, unsigned long hi,
			unsigned long *out, char *err, size_t errlen)
{
	char *end;

	errno = 0;
	*out = strtoul(v, &end, 10);
	if (v[0] < '0' || v[0] > '9' || *end != '\0' || errno != 0 || *out < lo || *out > hi) {
		snprintf(err, errlen, "%s: “%s” không hợp lệ; cần một số từ %lu đến %lu", opt, v,
			 lo, hi);
		return CLIENT_EXIT_USAGE;
	}
	return 0;
}

int sync_options_parse(int argc, char **argv, struct sync_options *o, char *err, size_t errlen)
{
	const char *value;
	unsigned long v;
	int c;

	memset(o, 0, sizeof(*o));
	o->retries = RETRY_DEFAULT_ATTEMPTS;
	o->max_wait = RETRY_DEFAULT_MAX_WAIT_S;
	err[0] = '\0';
	optind = 0;
	opterr = 0;
	while ((c = command_getopt("sync", cmd_sync_usage, cmd_sync_options, argc, argv, &value)) !=
	       -1) {
		switch (c) {
		case 'b':
			if (parse_number("--batch", value, 1, SYNC_BATCH_MAX, &v, err, errlen))
				return CLIENT_EXIT_USAGE;
			o->batch = v;
			break;
		case 'r':
			if (parse_number("--retries", value, 0, SYNC_RETRIES_MAX, &v, err, errlen))
				return CLIENT_EXIT_USAGE;
			o->retries = (unsigned)v;
			break;
		case 'w':
			if (parse_number("--max-wait", value, 0, SYNC_MAX_WAIT_MAX, &v, err,
					 errlen))
				return CLIENT_EXIT_USAGE;
			o->max_wait = (unsigned)v;
			break;
		case 'n':
			o->dry_run = true;
			break;
		default: /* reported by command_getopt */
			return CLIENT_EXIT_USAGE;
		}
	}
	if (optind < argc) {
		snprintf(err, errlen, "đối số thừa: %s", argv[optind]);
		return CLIENT_EXIT_USAGE;
	}
	return 0;
}

size_t sync_batch_size(size_t requested, uint32_t server_max)
{
	size_t n = requested > 0 ? requested : SYNC_DEFAULT_BATCH;

	if (server_max > 0 && n > server_max)
		n = server_max;
	return n;
}

static enum net_status send_on_session(void *arg, Sangkien__Envelope *request,
				       Sangkien__Envelope **reply, Sangkien__ErrorCode *code,
				       char *err, size_t errlen)
{
	struct session *s = arg;

	return net_call(s->conn, request, reply, code, err, errlen);
}

static void print_summary(const struct sync_counts *c)
{
	char sent[32], received[32];
	size_t conflicts;

	printf("Đã gửi %zu sáng kiến mới: %zu được nhận, %zu đã có trên máy chủ.\n",
	       c->accepted + c->duplicate, c->accepted, c->duplicate);
	if (c->edited > 0 || c->withdrawn > 0)
		printf("Bản sửa được chấp nhận: %zu; yêu cầu rút được chấp nhận: %zu.\n", c->edited,
		       c->withdrawn);
	if (c->invalid + c->forbidden > 0)
		printf("Bị máy chủ từ chối: %zu (xem `sangkien list`).\n",
		       c->invalid + c->forbidden);
	/* Conflicts with our own applied revision were settled in the run. */
	conflicts = c->conflict + c->pull_conflicts;
	conflicts -= conflicts < c->rebased ? conflicts : c->rebased;
	if (conflicts > 0)
		printf(
		    "Xung đột cần xử lý: %zu (xem `sangkien show ID`, rồi `sangkien resolve`).\n",
		    conflicts);
	if (c->local_invalid > 0)
		printf("Không gửi %zu sáng kiến không hợp lệ (xem `sangkien list`).\n",
		       c->local_invalid);
	if (c->pages > 0)
		printf(
		    "Nhận về từ máy chủ: %zu sáng kiến có thay đổi (%zu ý kiến mới, %zu sáng kiến "
		    "chưa có trên máy).\n",
		    c->pull_changed, c->notes, c->pull_restored);
	if (c->files_total > 0 || c->files_detached > 0) {
		char bytes[32];

		attach_size_text(c->file_bytes_sent, bytes, sizeof(bytes));
		printf("Tệp đính kèm: %zu/%zu đã gửi (truyền %s), %zu đã gỡ, %zu bị từ chối%s.\n",
		       c->files_done, c->files_total, bytes, c->files_detached, c->files_refused,
		       c->files_retry > 0 ? ", còn lại gửi lần sau" : "");
	}
	if (c->remaining >= 0)
		printf("Còn chờ gửi: %lld.\n", (long long)c->remaining);
	progress_bytes(c->bytes_sent, sent, sizeof(sent));
	progress_bytes(c->bytes_received, received, sizeof(received));
	printf("Đã truyền: gửi %s, nhận %s.\n", sent, received);
}

static int dry_run(struct store *st)
{
	struct sync_params p;
	struct sync_check ck;
	char err[512], *unit = NULL;

	memset(&p, 0, sizeof(p));
	if (store_setting_get(st, STORE_KEY_UNIT_CODE, &unit) != 0) {
		client_error("sync", "không đọc được kho dữ liệu: %s", store_errmsg(st));
		return CLIENT_EXIT_ERROR;
	}
	p.unit_code = unit;
	p.max_items = 1;
	p.max_bytes = SYNC_DEFAULT_MAX_BYTES;
	p.today_days = date_today_utc();
	p.report = stdout;
	if (sync_dry_run(st, &p, &ck, err, sizeof(err)) != 0) {
		free(unit);
		client_error("sync", "%s", err);
		return CLIENT_EXIT_ERROR;
	}
	free(unit);
	printf("Kiểm tra (không gửi gì): %zu mục chờ gửi – %zu sáng kiến mới, %zu bản sửa, "
	       "%zu yêu cầu rút; hợp lệ %zu, không hợp lệ %zu.\n",
	       ck.checked, ck.creates, ck.edits, ck.withdrawals, ck.valid, ck.invalid);
	return ck.invalid > 0 ? CLIENT_EXIT_REFUSED : CLIENT_EXIT_OK;
}

int sync_attempt(struct store *st, size_t batch,
		 void (*progress)(void *, const struct sync_counts *), void *progress_arg,
		 FILE *report, struct sync_counts *c, char *quota_line, size_t quota_len, char *err,
		 size_t errlen)
{
	struct session *s = NULL;
	struct sync_params p;
	struct sync_pipe pipe;
	struct store_quota q;
	int rc;

	memset(c, 0, sizeof(*c));
	c->remaining = -1;
	c->total = -1;
	rc = session_open(st, NET_DEFAULT_TIMEOUT_MS, &s, err, errlen);
	if (rc != CLIENT_EXIT_OK)
		return rc;
	memset(&p, 0, sizeof(p));
	p.unit_code = s->unit_code;
	p.max_items = sync_batch_size(batch, s->max_batch);
	p.max_bytes = s->max_frame > 0 ? s->max_frame : SYNC_DEFAULT_MAX_BYTES;
	p.today_days = date_today_utc();
	p.report = report;
	p.progress = progress;
	p.progress_arg = progress_arg;
	p.max_chunk = s->max_chunk;
	p.chunk_window = SYNC_FILES_WINDOW;
	p.pipe = session_pipe(s, &pipe);
	rc = sync_run(st, &p, send_on_session, s, c, err, errlen);
	if (rc == CLIENT_EXIT_OK || rc == CLIENT_EXIT_REFUSED) {
		bool found = false;

		/* The last pull page carries the quota; an older server may not. */
		if (!c->quota && quota_refresh(s, st, &q, err, errlen) == CLIENT_EXIT_OK)
			found = true;
		else if (c->quota && store_quota_load(st, &q, &found) != 0)
			found = false;
		if (found) {
			snprintf(quota_line, quota_len,
				 "Chỉ tiêu của đơn vị: %u; đã gửi %u; được công nhận %u.\n",
				 q.quota, q.submitted, q.recognized);
			store_quota_clear(&q);
		}
	}
	session_close(s);
	return rc;
}

int sync_record_last(struct store *st, int rc, const struct sync_counts *c)
{
	char v[160];

	snprintf(v, sizeof(v), "%lld %d %zu %zu %zu %zu", (long long)text_now_ms(), rc,
		 c->accepted + c->duplicate + c->edited + c->withdrawn, sync_refused(c),
		 c->pull_changed, c->notes);
	return store_setting_set(st, SYNC_KEY_LAST, v);
}

int sync_load_last(struct store *st, struct sync_last *last, bool *found)
{
	char *v = NULL;
	long long at, sent, refused, pulled, notes;
	int rc;

	*found = false;
	memset(last, 0, sizeof(*last));
	if (store_setting_get(st, SYNC_KEY_LAST, &v) != 0)
		return -1;
	if (v != NULL && sscanf(v, "%lld %d %lld %lld %lld %lld", &at, &rc, &sent, &refused,
				&pulled, &notes) == 6) {
		*last = (struct sync_last){at, rc, sent, refused, pulled, notes};
		*found = true;
	}
	free(v);
	return 0;
}

int cmd_sync(struct client_ctx *ctx, int argc, char **argv)
{
	struct sync_options o;
	struct sync_counts total, c;
	struct progress pg;
	struct store *st;
	bool tty;
	char err[512], quota_line[256] = "";
	int rc;

	rc = sync_options_parse(argc, argv, &o, err, sizeof(err));
	if (rc != 0) {
		if (err[0] != '\0') {
			client_error("sync", "%s", err);
			command_usage_print(stderr, cmd_sync_usage);
		}
		return rc;
	}
	if ((st = client_store(ctx)) == NULL)
		return CLIENT_EXIT_ERROR;
	if (o.dry_run)
		return dry_run(st);

	tty = sk_isatty(stdout);
	memset(&total, 0, sizeof(total));
	total.remaining = -1;
	total.total = -1;
	memset(&pg, 0, sizeof(pg));
	pg.out = stdout;
	for (unsigned n = 0;; n++) {
		pg.earlier = total;
		rc = sync_attempt(st, o.batch, tty ? progress_update : NULL, &pg, stderr, &c,
				  quota_line, sizeof(quota_line), err, sizeof(err));
		sync_counts_add(&total, &c);
		if (rc != CLIENT_EXIT_OFFLINE || n >= o.retries)
			break;
		/* Transient: wait, reconnect, and go on from what the store holds. */
		{
			int64_t ms = retry_delay_ms(n + 1, RETRY_BASE_MS,
						    (int64_t)o.max_wait * 1000, retry_random());

			if (tty)
				progress_finish(&pg);
			term_printf(stderr,
				    "sangkien sync: %s; thử lại sau %.1f giây (lần %u/%u)\n", err,
				    (double)ms / 1000.0, n + 1, o.retries);
			retry_sleep_ms(ms);
		}
	}
	if (tty)
		progress_finish(&pg);
	if (sync_record_last(st, rc, &total) != 0)
		client_error("sync", "không ghi được kết quả đồng bộ: %s", store_errmsg(st));
	print_summary(&total);
	if (rc != CLIENT_EXIT_OK && rc != CLIENT_EXIT_REFUSED) {
		fflush(stdout);
		client_error("sync", "%s; các thay đổi chưa gửi vẫn được giữ trên máy", err);
		return rc;
	}
	if (rc == CLIENT_EXIT_REFUSED)
		fprintf(stderr,
			"sangkien sync: %zu sáng kiến bị từ chối hoặc xung đột "
			"(xem `sangkien list`)\n",
			sync_refused(&total));
	if (quota_line[0] != '\0')
		fputs(quota_line, stdout);
	else
		client_error("sync", "không cập nhật được chỉ tiêu");
	return rc;
}
