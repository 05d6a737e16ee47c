/* cmd_sync.c - `sangkien sync`: send the pending initiatives, then refresh
 * the cached quota. */
#include "cmd_sync.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "client.h"
#include "quota.h"
#include "session.h"
#include "sync.h"

static const char usage[] =
	"Cách dùng: sangkien sync [--batch N]\n"
	"Gửi các sáng kiến đang chờ lên máy chủ theo từng lô (tối đa N mục một lô),\n"
	"ghi lại kết quả từng sáng kiến rồi cập nhật chỉ tiêu.\n"
	"Mã thoát: 0 đã gửi hết, 3 có sáng kiến bị từ chối, 4 không kết nối được\n"
	"(chạy lại sau), 5 thông tin xác thực bị từ chối, 1 lỗi khác, 2 sai cú pháp.\n";

int sync_options_parse(int argc, char **argv, size_t *batch, char *err, size_t errlen)
{
	static const struct option long_options[] = {
		{ "batch", required_argument, NULL, 'b' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	unsigned long v;
	char *end;
	int c;

	*batch = 0;
	optind = 0;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":h", long_options, NULL)) != -1) {
		switch (c) {
		case 'b':
			errno = 0;
			v = strtoul(optarg, &end, 10);
			if (optarg[0] < '0' || optarg[0] > '9' || *end != '\0' || errno != 0 ||
			    v < 1 || v > SYNC_BATCH_MAX) {
				snprintf(err, errlen, "--batch: “%s” không hợp lệ; cần một số từ "
						      "1 đến %d", optarg, SYNC_BATCH_MAX);
				return CLIENT_EXIT_USAGE;
			}
			*batch = v;
			break;
		case 'h':
			return 1;
		case ':':
			snprintf(err, errlen, "tùy chọn %s cần một giá trị", argv[optind - 1]);
			return CLIENT_EXIT_USAGE;
		default:
			snprintf(err, errlen, "tùy chọn không hợp lệ: %s", argv[optind - 1]);
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
	printf("Đã gửi %zu sáng kiến: %zu mới được nhận, %zu đã có trên máy chủ, "
	       "%zu bị từ chối.\n",
	       c->sent, c->accepted, c->duplicate, c->invalid + c->forbidden + c->conflict);
	if (c->local_invalid > 0)
		printf("Không gửi %zu sáng kiến không hợp lệ (xem `sangkien list`).\n",
		       c->local_invalid);
	if (c->remaining >= 0)
		printf("Còn chờ gửi: %lld.\n", (long long)c->remaining);
}

int cmd_sync(struct client_ctx *ctx, int argc, char **argv)
{
	struct session *s = NULL;
	struct sync_params p;
	struct sync_counts c;
	struct store_quota q;
	struct store *st;
	size_t batch;
	char err[512];
	int rc, qrc;

	rc = sync_options_parse(argc, argv, &batch, err, sizeof(err));
	if (rc == 1) {
		fputs(usage, stdout);
		return CLIENT_EXIT_OK;
	}
	if (rc != 0) {
		client_error("sync", "%s", err);
		fputs(usage, stderr);
		return rc;
	}
	if ((st = client_store(ctx)) == NULL)
		return CLIENT_EXIT_ERROR;
	rc = session_open(st, NET_DEFAULT_TIMEOUT_MS, &s, err, sizeof(err));
	if (rc != CLIENT_EXIT_OK) {
		client_error("sync", "%s; các sáng kiến vẫn được giữ trên máy", err);
		return rc;
	}
	p.unit_code = s->unit_code;
	p.max_items = sync_batch_size(batch, s->max_batch);
	p.max_bytes = s->max_frame > 0 ? s->max_frame : SYNC_DEFAULT_MAX_BYTES;
	p.today_days = date_today_utc();
	p.report = stderr;
	rc = sync_run(st, &p, send_on_session, s, &c, err, sizeof(err));
	print_summary(&c);
	if (rc != CLIENT_EXIT_OK && rc != CLIENT_EXIT_REFUSED) {
		client_error("sync", "%s; các sáng kiến chưa gửi vẫn được giữ trên máy", err);
		session_close(s);
		return rc;
	}
	if (rc == CLIENT_EXIT_REFUSED)
		fprintf(stderr, "sangkien sync: %zu sáng kiến bị từ chối (xem `sangkien list`)\n",
			sync_refused(&c));
	/* The quota is a courtesy: failing to refresh it does not undo the sync. */
	qrc = quota_refresh(s, st, &q, err, sizeof(err));
	if (qrc == CLIENT_EXIT_OK) {
		printf("Chỉ tiêu của đơn vị: %u; đã gửi %u.\n", q.quota, q.submitted);
		store_quota_clear(&q);
	} else {
		client_error("sync", "không cập nhật được chỉ tiêu: %s", err);
	}
	session_close(s);
	return rc;
}
