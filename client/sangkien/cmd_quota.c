/* cmd_quota.c - `sangkien quota`: the unit's quota and progress, from the
 * server when reachable, else the last copy seen. */
#include "quota.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "client.h"
#include "text.h"
#include "vn_date.h"
#include "vn_number.h"
#include "vn_time.h"
#include "wire.h"
#include "term_text.h"

const char cmd_quota_usage[] = "quota [--format table|tsv]";
const char cmd_quota_help[] =
    "Chỉ tiêu được phân bổ và số sáng kiến đã gửi của đơn vị.  Khi không kết nối\n"
    "được máy chủ, hiển thị số liệu đã lưu lần gần nhất.\n";

int quota_refresh(struct session *s, struct store *st, struct store_quota *q, char *err,
		  size_t errlen)
{
	Sangkien__Envelope req = SANGKIEN__ENVELOPE__INIT;
	Sangkien__QuotaRequest qr = SANGKIEN__QUOTA_REQUEST__INIT;
	Sangkien__Envelope *reply = NULL;
	Sangkien__ErrorCode code = SANGKIEN__ERROR_CODE__ERROR_UNSPECIFIED;
	const Sangkien__QuotaReply *r;
	char detail[256] = "";
	enum net_status ns;
	int rc = CLIENT_EXIT_ERROR;

	memset(q, 0, sizeof(*q));
	qr.unit_code = (char *)""; /* the credential's own unit */
	req.body_case = SANGKIEN__ENVELOPE__BODY_QUOTA;
	req.quota = &qr;
	ns = net_call(s->conn, &req, &reply, &code, detail, sizeof(detail));
	if (ns != NET_OK) {
		session_describe(ns, code, detail, err, errlen);
		rc = sk_exit_for(ns, code);
		goto out;
	}
	if (reply->body_case != SANGKIEN__ENVELOPE__BODY_QUOTA_REPLY) {
		snprintf(err, errlen, "máy chủ trả lời sai loại (%s thay vì quota_reply)",
			 wire_body_name(reply->body_case));
		goto out;
	}
	r = reply->quota_reply;
	if (store_quota_from_reply(q, r) != 0) {
		snprintf(err, errlen, "hết bộ nhớ");
		goto out;
	}
	if (store_quota_save(st, q) != 0) {
		/* The figures are still good to show; only the offline copy is lost. */
		fprintf(stderr, "sangkien: không lưu được bản sao chỉ tiêu: %s\n",
			store_errmsg(st));
	}
	rc = CLIENT_EXIT_OK;
out:
	if (rc != CLIENT_EXIT_OK)
		store_quota_clear(q);
	wire_envelope_free(reply);
	return rc;
}

/* The phases, from the stored QuotaReply (when the server sent any). */
static void put_phases(const struct store_quota *q)
{
	Sangkien__QuotaReply *r;

	if (q->reply == NULL ||
	    (r = sangkien__quota_reply__unpack(NULL, q->reply_len, q->reply)) == NULL)
		return;
	for (size_t i = 0; i < r->n_phases; i++) {
		const Sangkien__PhaseProgress *p = r->phases[i];
		char from[VN_DATE_LEN + 8], to[VN_DATE_LEN + 8], target[VN_NUMBER_LEN],
		    sent[VN_NUMBER_LEN], recognized[VN_NUMBER_LEN];

		vn_date_show_iso(p->starts_on, from, sizeof(from));
		vn_date_show_iso(p->ends_on, to, sizeof(to));
		vn_number_format_u(p->target, target);
		vn_number_format_u(p->submitted, sent);
		vn_number_format_u(p->recognized, recognized);
		term_printf(stdout,
			    "Giai đoạn %s (%s → %s): chỉ tiêu %s, đã gửi %s, được công nhận %s\n",
			    p->name[0] ? p->name : p->code, from, to, target, sent, recognized);
	}
	sangkien__quota_reply__free_unpacked(r, NULL);
}

void quota_print(const struct store_quota *q, enum out_format fmt, int from_cache)
{
	char as_of[40], counts_from[VN_DATE_LEN + 8], quota[VN_NUMBER_LEN], sent[VN_NUMBER_LEN],
	    recognized[VN_NUMBER_LEN], percent[VN_NUMBER_LEN];

	if (fmt == FORMAT_TSV) {
		text_iso8601(q->as_of_unix_ms, as_of, sizeof(as_of));
		fputs("unit_code\t", stdout);
		term_put_line(stdout, q->unit_code);
		fputs("\nunit_name\t", stdout);
		term_put_line(stdout, q->unit_name);
		fputs("\ncampaign\t", stdout);
		term_put_line(stdout, q->campaign_code);
		term_printf(
		    stdout, "\nquota\t%u\nsubmitted\t%u\nrecognized\t%u\nas_of\t%s\nsource\t%s\n",
		    q->quota, q->submitted, q->recognized, as_of, from_cache ? "cache" : "server");
		return;
	}
	vn_date_show_iso(q->counts_from, counts_from, sizeof(counts_from));
	vn_number_format_u(q->quota, quota);
	vn_number_format_u(q->submitted, sent);
	vn_number_format_u(q->recognized, recognized);
	vn_percent_format(q->submitted, q->quota, percent);
	vn_time_format(q->as_of_unix_ms, false, as_of);
	term_printf(stdout, "Đơn vị:          %s – %s\n", q->unit_code, q->unit_name);
	term_printf(stdout, "Chương trình:    %s (%s), tính từ %s\n", q->campaign_name,
		    q->campaign_code, counts_from);
	term_printf(stdout, "Chỉ tiêu:        %s\n", quota);
	if (q->quota > 0)
		term_printf(stdout, "Đã gửi:          %s (%s chỉ tiêu)\n", sent, percent);
	else
		term_printf(stdout, "Đã gửi:          %s\n", sent);
	term_printf(stdout, "Được công nhận:  %s\n", recognized);
	put_phases(q);
	term_printf(stdout, "Số liệu lúc:     %s (%s)%s\n", as_of, vn_time_zone_label(),
		    from_cache ? " (bản lưu trên máy, đang ngoại tuyến)" : "");
}

int cmd_quota(struct client_ctx *ctx, int argc, char **argv)
{
	enum out_format fmt;
	struct session *s = NULL;
	struct store_quota q;
	struct store *st;
	char err[512];
	bool found;
	int rc;

	rc = format_options_parse(argc, argv, &fmt, err, sizeof(err));
	if (rc != 0) {
		if (err[0] != '\0') {
			client_error("quota", "%s", err);
			command_usage_print(stderr, cmd_quota_usage);
		}
		return rc;
	}
	if ((st = client_store(ctx)) == NULL)
		return CLIENT_EXIT_ERROR;
	rc = session_open(st, NET_DEFAULT_TIMEOUT_MS, &s, err, sizeof(err));
	if (rc == CLIENT_EXIT_OK) {
		rc = quota_refresh(s, st, &q, err, sizeof(err));
		session_close(s);
	}
	if (rc == CLIENT_EXIT_OK) {
		quota_print(&q, fmt, 0);
		store_quota_clear(&q);
		return CLIENT_EXIT_OK;
	}
	if (rc != CLIENT_EXIT_OFFLINE) {
		client_error("quota", "%s", err);
		return rc;
	}
	/* Offline: the last copy, clearly marked as such. */
	if (store_quota_load(st, &q, &found) != 0) {
		client_error("quota", "%s; không đọc được bản lưu: %s", err, store_errmsg(st));
		return CLIENT_EXIT_OFFLINE;
	}
	if (!found) {
		client_error("quota", "%s; trên máy chưa có bản lưu chỉ tiêu nào", err);
		return CLIENT_EXIT_OFFLINE;
	}
	client_error("quota", "%s; hiển thị số liệu lưu trên máy", err);
	quota_print(&q, fmt, 1);
	store_quota_clear(&q);
	return CLIENT_EXIT_OK;
}
