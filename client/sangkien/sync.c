/* sync.c - see sync.h. */
#include "sync.h"

#include <stdlib.h>
#include <string.h>

#include "batch.h"
#include "client.h"
#include "messages.h"
#include "session.h"
#include "wire.h"

size_t sync_refused(const struct sync_counts *c)
{
	return c->invalid + c->forbidden + c->conflict + c->local_invalid;
}

static void report_refusal(const struct sync_params *p, const struct item *it,
			   enum item_state state, const char *field, const char *reason)
{
	if (p->report == NULL)
		return;
	fprintf(p->report, "  #%lld “%s”: %s", (long long)it->id, it->title ? it->title : "",
		messages_state(state));
	if (field != NULL && field[0] != '\0')
		fprintf(p->report, " – %s", field);
	if (reason != NULL && reason[0] != '\0')
		fprintf(p->report, ": %s", reason);
	fputc('\n', p->report);
}

/* Mark one item refused here (never sent) in its own transaction. */
static int refuse_locally(struct store *st, const struct sync_params *p, const struct item *it,
			  const char *field, const char *reason, char *err, size_t errlen)
{
	struct store_result r = { .id = it->id, .state = ITEM_INVALID, .field = field,
				  .reason = reason };

	if (store_record_results(st, &r, 1, NULL) != 0) {
		snprintf(err, errlen, "không ghi được kho dữ liệu: %s", store_errmsg(st));
		return -1;
	}
	report_refusal(p, it, ITEM_INVALID, field, reason);
	return 0;
}

/*
 * Fill b with the next pending items after *after_id.  *carry is an item
 * read earlier that did not fit the previous batch.  Returns 0 or -1.
 */
static int fill(struct store *st, const struct sync_params *p, struct batch *b,
		int64_t *after_id, struct item **carry, struct sync_counts *c, char *err,
		size_t errlen)
{
	struct check_error ce;
	struct item *it;

	for (;;) {
		if (*carry != NULL) {
			it = *carry;
			*carry = NULL;
		} else {
			if (store_next_pending(st, *after_id, &it) != 0) {
				snprintf(err, errlen, "không đọc được kho dữ liệu: %s",
					 store_errmsg(st));
				return -1;
			}
			if (it == NULL)
				return 0;
			*after_id = it->id;
			/* Stored before the rules or the data changed: check again. */
			if (!item_check(it, p->today_days, &ce)) {
				char msg[256];

				messages_check_error(&ce, msg, sizeof(msg));
				c->local_invalid++;
				if (refuse_locally(st, p, it, ce.field, msg, err, errlen) != 0) {
					item_free(it);
					return -1;
				}
				item_free(it);
				continue;
			}
		}
		switch (batch_add(b, it)) {
		case BATCH_ADDED:
			break;
		case BATCH_FULL:
			*carry = it;
			return 0;
		case BATCH_ITEM_TOO_LARGE:
			c->local_invalid++;
			if (refuse_locally(st, p, it, "",
					   "quá lớn so với giới hạn gói tin của máy chủ", err,
					   errlen) != 0) {
				item_free(it);
				return -1;
			}
			item_free(it);
			break;
		case BATCH_NO_MEMORY:
			item_free(it);
			snprintf(err, errlen, "hết bộ nhớ");
			return -1;
		}
	}
}

/* Count the results and warn about receipts whose hash is not ours. */
static void tally(const struct sync_params *p, struct batch *b,
		  const Sangkien__SubmitReply *reply, const struct store_result *res,
		  struct sync_counts *c)
{
	for (size_t i = 0; i < batch_count(b); i++) {
		const struct item *it = batch_item(b, i);
		struct item_pb pb;
		uint8_t sha[32];

		switch (reply->results[i]->status) {
		case SANGKIEN__ITEM_STATUS__ITEM_ACCEPTED:
			c->accepted++;
			break;
		case SANGKIEN__ITEM_STATUS__ITEM_DUPLICATE:
			c->duplicate++;
			break;
		case SANGKIEN__ITEM_STATUS__ITEM_INVALID:
			c->invalid++;
			break;
		case SANGKIEN__ITEM_STATUS__ITEM_FORBIDDEN:
			c->forbidden++;
			break;
		default:
			c->conflict++;
			break;
		}
		if (res[i].state != ITEM_SYNCED) {
			report_refusal(p, it, res[i].state, res[i].field, res[i].reason);
			continue;
		}
		if (item_pb_init(&pb, it, NULL) != 0)
			continue;
		initiative_content_sha256(&pb.msg, sha);
		item_pb_release(&pb);
		if (memcmp(sha, res[i].receipt->content_sha256, 32) != 0) {
			c->hash_mismatch++;
			if (p->report != NULL)
				fprintf(p->report, "  #%lld: cảnh báo – biên nhận của máy chủ "
						   "không khớp nội dung đã gửi\n",
					(long long)it->id);
		}
	}
}

/* Send b and record its results.  Returns the exit status of a failure or
 * CLIENT_EXIT_OK. */
static int send_batch(struct store *st, const struct sync_params *p, struct batch *b,
		      sync_send_fn send, void *arg, struct sync_counts *c, char *err,
		      size_t errlen)
{
	Sangkien__Envelope req = SANGKIEN__ENVELOPE__INIT;
	Sangkien__SubmitBatch sb;
	Sangkien__Envelope *reply = NULL;
	Sangkien__ErrorCode code = SANGKIEN__ERROR_CODE__ERROR_UNSPECIFIED;
	struct store_result *res = NULL;
	struct item_receipt *receipts = NULL;
	char detail[256] = "";
	enum net_status ns;
	int rc = CLIENT_EXIT_ERROR;

	batch_submit(b, &sb);
	req.body_case = SANGKIEN__ENVELOPE__BODY_SUBMIT;
	req.submit = &sb;
	ns = send(arg, &req, &reply, &code, detail, sizeof(detail));
	if (ns != NET_OK) {
		session_describe(ns, code, detail, err, errlen);
		rc = session_exit_status(ns, code);
		goto out;
	}
	if (reply->body_case != SANGKIEN__ENVELOPE__BODY_SUBMIT_REPLY) {
		snprintf(err, errlen, "máy chủ trả lời sai loại (%s thay vì submit_reply)",
			 wire_body_name(reply->body_case));
		goto out;
	}
	res = calloc(batch_count(b), sizeof(*res));
	receipts = calloc(batch_count(b), sizeof(*receipts));
	if (res == NULL || receipts == NULL) {
		snprintf(err, errlen, "hết bộ nhớ");
		goto out;
	}
	if (batch_results(b, reply->submit_reply, res, receipts, detail, sizeof(detail)) != 0) {
		/* Nothing recorded: the items stay pending and a later sync
		 * learns their fate as duplicates. */
		snprintf(err, errlen, "câu trả lời của máy chủ không khớp lô đã gửi (%s)",
			 detail);
		goto out;
	}
	if (store_record_results(st, res, batch_count(b), NULL) != 0) {
		snprintf(err, errlen, "không ghi được kết quả vào kho dữ liệu: %s",
			 store_errmsg(st));
		goto out;
	}
	c->batches++;
	c->sent += batch_count(b);
	tally(p, b, reply->submit_reply, res, c);
	rc = CLIENT_EXIT_OK;
out:
	free(res);
	free(receipts);
	wire_envelope_free(reply);
	return rc;
}

int sync_run(struct store *st, const struct sync_params *p, sync_send_fn send, void *arg,
	     struct sync_counts *c, char *err, size_t errlen)
{
	struct batch *b;
	struct item *carry = NULL;
	int64_t after_id = 0;
	int rc = CLIENT_EXIT_OK;

	memset(c, 0, sizeof(*c));
	c->remaining = -1;
	if (store_assign_unit(st, p->unit_code, NULL) != 0) {
		snprintf(err, errlen, "không ghi được kho dữ liệu: %s", store_errmsg(st));
		return CLIENT_EXIT_ERROR;
	}
	if ((b = batch_create(p->max_items, p->max_bytes)) == NULL) {
		snprintf(err, errlen, "không tạo được lô gửi (giới hạn %zu mục, %zu byte)",
			 p->max_items, p->max_bytes);
		return CLIENT_EXIT_ERROR;
	}
	for (;;) {
		if (fill(st, p, b, &after_id, &carry, c, err, errlen) != 0) {
			rc = CLIENT_EXIT_ERROR;
			break;
		}
		if (batch_count(b) == 0)
			break;
		rc = send_batch(st, p, b, send, arg, c, err, errlen);
		batch_reset(b);
		if (rc != CLIENT_EXIT_OK)
			break;
	}
	item_free(carry);
	batch_free(b);
	if (store_count_state(st, ITEM_PENDING, &c->remaining) != 0)
		c->remaining = -1;
	if (rc == CLIENT_EXIT_OK && sync_refused(c) > 0)
		rc = CLIENT_EXIT_REFUSED;
	return rc;
}
