/* cmd_list.c - `sangkien list`: the initiatives in the store, no network. */
#include <stdio.h>
#include <string.h>

#include "client.h"
#include "format.h"
#include "messages.h"
#include "store.h"
#include "display.h"
#include "text.h"
#include "term_text.h"
#include "vn_names.h"

const char cmd_list_usage[] = "list [--format table|tsv]";
const char cmd_list_help[] =
    "Liệt kê các sáng kiến lưu trên máy và trạng thái của từng sáng kiến (chờ gửi, đã\n"
    "gửi, bị từ chối, xung đột, hoặc trạng thái xét duyệt mà lần đồng bộ gần nhất\n"
    "mang về).  Dạng tsv: cột pending là thay đổi chờ gửi (edit, withdraw), cột\n"
    "server_status là trạng thái trên máy chủ.\n";

/* Table column widths, in terminal columns. */
#define W_ID 6
#define W_STATE 20
#define W_DATE 10
#define W_KIND 18
#define W_TITLE 50

static int put_tsv(const struct item *it, void *arg)
{
	FILE *out = arg;

	fprintf(out, "%lld\t%s\t%s\t", (long long)it->id, it->uuid, item_state_name(it->state));
	term_put_line(out, it->title);
	fprintf(out, "\t%s\t%s\t", kind_name(it->kind) ? kind_name(it->kind) : "", it->applied_on);
	if (it->has_receipt)
		fprintf(out, "%lld", (long long)it->receipt.record_id);
	fputc('\t', out);
	if (it->refusal_field != NULL && it->refusal_field[0] != '\0') {
		term_put_line(out, it->refusal_field);
		fputs(": ", out);
	}
	term_put_line(out, it->refusal_reason);
	fprintf(out, "\t%s\t%s\n",
		it->state == ITEM_PENDING && it->has_receipt && item_op_name(it->op)
		    ? item_op_name(it->op)
		    : "",
		item_status_name(it->server_status) ? item_status_name(it->server_status) : "");
	return ferror(out) ? -1 : 0;
}

struct table_state {
	FILE *out;
	size_t rows;
};

static int put_row(const struct item *it, void *arg)
{
	struct table_state *t = arg;
	char id[24];

	snprintf(id, sizeof(id), "%lld", (long long)it->id);
	display_put_cell(t->out, id, W_ID);
	fputc(' ', t->out);
	display_put_cell(
	    t->out,
	    it->state == ITEM_PENDING && it->has_receipt && it->op == ITEM_OP_EDIT
		? "chờ gửi bản sửa"
	    : it->state == ITEM_PENDING && it->op == ITEM_OP_WITHDRAW ? "chờ gửi yêu cầu rút"
	    : it->state == ITEM_SYNCED &&
		    it->server_status != SANGKIEN__INITIATIVE_STATUS__STATUS_UNSPECIFIED &&
		    it->server_status != SANGKIEN__INITIATIVE_STATUS__STATUS_SUBMITTED
		? vn_status_name(it->server_status)
		: messages_state(it->state),
	    W_STATE);
	fputc(' ', t->out);
	display_put_cell(t->out, it->applied_on, W_DATE);
	fputc(' ', t->out);
	display_put_cell(t->out, vn_kind_name(it->kind), W_KIND);
	fputc(' ', t->out);
	/* The title is last: no padding needed, only the cut. */
	display_put_cell(t->out, it->title,
			 display_width(it->title) < W_TITLE ? display_width(it->title) : W_TITLE);
	fputc('\n', t->out);
	if (it->state != ITEM_PENDING && it->state != ITEM_SYNCED) {
		fprintf(t->out, "%*s ↳ ", W_ID, "");
		if (it->refusal_field != NULL && it->refusal_field[0] != '\0')
			term_printf(t->out, "%s: ", it->refusal_field);
		term_printf(t->out, "%s\n", term_or_empty(it->refusal_reason));
	}
	t->rows++;
	return ferror(t->out) ? -1 : 0;
}

int cmd_list(struct client_ctx *ctx, int argc, char **argv)
{
	enum out_format fmt;
	struct table_state t = {stdout, 0};
	struct store *st;
	char err[256];
	int rc;
	int64_t counts[ITEM_CONFLICT + 1];

	rc = format_options_parse(argc, argv, &fmt, err, sizeof(err));
	if (rc != 0) {
		if (err[0] != '\0') {
			client_error("list", "%s", err);
			command_usage_print(stderr, cmd_list_usage);
		}
		return rc;
	}
	if ((st = client_store(ctx)) == NULL)
		return CLIENT_EXIT_ERROR;
	if (fmt == FORMAT_TSV) {
		fputs("id\tuuid\tstate\ttitle\tkind\tapplied_on\trecord_id\treason\tpending\t"
		      "server_status\n",
		      stdout);
		rc = store_foreach(st, false, put_tsv, stdout);
	} else {
		display_put_cell(stdout, "ID", W_ID);
		fputc(' ', stdout);
		display_put_cell(stdout, "Trạng thái", W_STATE);
		fputc(' ', stdout);
		display_put_cell(stdout, "Áp dụng", W_DATE);
		fputc(' ', stdout);
		display_put_cell(stdout, "Loại", W_KIND);
		fputs(" Tên sáng kiến\n", stdout);
		rc = store_foreach(st, false, put_row, &t);
	}
	if (rc != 0) {
		client_error("list", "không đọc được kho dữ liệu: %s", store_errmsg(st));
		return CLIENT_EXIT_ERROR;
	}
	if (fmt == FORMAT_TABLE) {
		for (int s = ITEM_PENDING; s <= ITEM_CONFLICT; s++)
			if (store_count_state(st, (enum item_state)s, &counts[s]) != 0)
				counts[s] = 0;
		printf("Tổng: %zu sáng kiến; chờ gửi %lld, đã gửi %lld, bị từ chối %lld\n", t.rows,
		       (long long)counts[ITEM_PENDING], (long long)counts[ITEM_SYNCED],
		       (long long)counts[ITEM_INVALID] + (long long)counts[ITEM_FORBIDDEN] +
			   (long long)counts[ITEM_CONFLICT]);
	}
	if (fflush(stdout) != 0) {
		client_error("list", "không ghi được kết quả");
		return CLIENT_EXIT_ERROR;
	}
	return CLIENT_EXIT_OK;
}
