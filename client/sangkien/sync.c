/* sync.c - see sync.h. */
#include "sync.h"

#include <stdlib.h>
#include <string.h>

#include "batch.h"
#include "client.h"
#include "messages.h"
#include "reply_check.h"
#include "session.h"
#include "sync_files.h"
#include "wire.h"
#include "term_text.h"

size_t sync_refused(const struct sync_counts *c)
{
	return c->invalid + c->forbidden + c->conflict + c->local_invalid + c->pull_conflicts +
	       c->files_refused;
}

void sync_counts_add(struct sync_counts *sum, const struct sync_counts *c)
{
	sum->batches += c->batches;
	sum->sent += c->sent;
	sum->accepted += c->accepted;
	sum->duplicate += c->duplicate;
	sum->edited += c->edited;
	sum->withdrawn += c->withdrawn;
	sum->invalid += c->invalid;
	sum->forbidden += c->forbidden;
	sum->conflict += c->conflict;
	sum->local_invalid += c->local_invalid;
	sum->hash_mismatch += c->hash_mismatch;
	sum->pages += c->pages;
	sum->pulled += c->pulled;
	sum->pull_changed += c->pull_changed;
	sum->pull_restored += c->pull_restored;
	sum->pull_conflicts += c->pull_conflicts;
	sum->notes += c->notes;
	sum->rebased += c->rebased;
	sum->quota = sum->quota || c->quota;
	sum->files_done += c->files_done;
	sum->files_detached += c->files_detached;
	sum->files_refused += c->files_refused;
	sum->file_bytes_sent += c->file_bytes_sent;
	/* What the later attempt found left to do, and how far it got. */
	if (sum->files_total == 0 || c->file_bytes_total > sum->file_bytes_total) {
		sum->files_total = c->files_total;
		sum->file_bytes_total = c->file_bytes_total;
	}
	sum->file_bytes_done = sum->file_bytes_total - c->file_bytes_total + c->file_bytes_done;
	sum->files_retry = c->files_retry;
	sum->file_current = c->file_current;
	sum->file_current_held = c->file_current_held;
	sum->file_current_size = c->file_current_size;
	sum->bytes_sent += c->bytes_sent;
	sum->bytes_received += c->bytes_received;
	sum->remaining = c->remaining;
	if (sum->total < 0)
		sum->total = c->total;
}

enum net_status sync_call(sync_send_fn send, void *arg, Sangkien__Envelope *req,
			  Sangkien__Envelope **reply, Sangkien__ErrorCode *code, char *err,
			  size_t errlen, struct sync_counts *c)
{
	enum net_status ns;

	c->bytes_sent += 4 + protobuf_c_message_get_packed_size(&req->base);
	ns = send(arg, req, reply, code, err, errlen);
	if (*reply != NULL)
		c->bytes_received += 4 + protobuf_c_message_get_packed_size(&(*reply)->base);
	return ns;
}

void sync_progress(const struct sync_params *p, const struct sync_counts *c)
{
	if (p->progress != NULL)
		p->progress(p->progress_arg, c);
}

void sync_report_item(const struct sync_params *p, const struct item *it, const char *what)
{
	if (p->report != NULL)
		term_printf(p->report, "  #%lld “%s”: %s\n", (long long)it->id,
			    term_or_empty(it->title), what);
}

static void report_refusal(const struct sync_params *p, const struct item *it,
			   enum item_state state, const char *field, const char *reason)
{
	if (p->report == NULL)
		return;
	term_printf(p->report, "  #%lld “%s”: %s%s", (long long)it->id, term_or_empty(it->title),
		    it->op == ITEM_OP_EDIT && it->has_receipt	    ? "bản sửa "
		    : it->op == ITEM_OP_WITHDRAW && it->has_receipt ? "yêu cầu rút "
								    : "",
		    messages_state(state));
	if (field != NULL && field[0] != '\0')
		term_printf(p->report, " – %s", field);
	if (reason != NULL && reason[0] != '\0')
		term_printf(p->report, ": %s", reason);
	fputc('\n', p->report);
}

/* Mark one item refused here (never sent) in its own transaction. */
static int refuse_locally(struct store *st, const struct sync_params *p, const struct item *it,
			  const char *field, const char *reason, char *err, size_t errlen)
{
	struct store_result r = {.id = it->id,
				 .state = ITEM_INVALID,
				 .field = field,
				 .reason = reason,
				 .local_rev = it->local_rev,
				 .op = it->has_receipt ? it->op : ITEM_OP_NONE};

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
static int fill(struct store *st, const struct sync_params *p, struct batch *b, int64_t *after_id,
		struct item **carry, struct sync_counts *c, char *err, size_t errlen)
{
	struct check_error ce;
	struct item *it;

	for (;;) {
		if (*carry != NULL) {
			it = *carry;
			*carry = NULL;
		} else {
			if (store_next_op(st, batch_op(b), *after_id, &it) != 0) {
				snprintf(err, errlen, "không đọc được kho dữ liệu: %s",
					 store_errmsg(st));
				return -1;
			}
			if (it == NULL)
				return 0;
			*after_id = it->id;
			/* Stored before the rules or the data changed: check again
			 * (a withdrawal sends no content). */
			if (batch_op(b) != ITEM_OP_WITHDRAW &&
			    !item_check(it, p->today_days, &ce)) {
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
		  Sangkien__ItemResult *const *results, const struct store_result *res,
		  const bool *rebased, struct sync_counts *c)
{
	for (size_t i = 0; i < batch_count(b); i++) {
		const struct item *it = batch_item(b, i);
		struct item_pb pb;
		uint8_t sha[32];

		if (rebased[i]) {
			c->rebased++;
			continue;
		}
		switch (results[i]->status) {
		case SANGKIEN__ITEM_STATUS__ITEM_ACCEPTED:
		case SANGKIEN__ITEM_STATUS__ITEM_DUPLICATE:
			if (batch_op(b) == ITEM_OP_EDIT)
				c->edited++;
			else if (batch_op(b) == ITEM_OP_WITHDRAW)
				c->withdrawn++;
			else if (results[i]->status == SANGKIEN__ITEM_STATUS__ITEM_ACCEPTED)
				c->accepted++;
			else
				c->duplicate++;
			break;
		case SANGKIEN__ITEM_STATUS__ITEM_INVALID:
		case SANGKIEN__ITEM_STATUS__ITEM_NOT_FOUND:
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
			if (res[i].state == ITEM_CONFLICT && p->report != NULL)
				fprintf(p->report,
					"    xem `sangkien show %lld`, rồi `sangkien resolve "
					"%lld --keep-mine` hoặc `--take-server`\n",
					(long long)it->id, (long long)it->id);
			continue;
		}
		/* A withdrawal's receipt is of the content already held. */
		if (batch_op(b) == ITEM_OP_WITHDRAW)
			continue;
		if (item_pb_init(&pb, it, NULL) != 0)
			continue;
		initiative_content_sha256(&pb.msg, sha);
		item_pb_release(&pb);
		if (memcmp(sha, res[i].receipt->content_sha256, 32) != 0) {
			c->hash_mismatch++;
			if (p->report != NULL)
				fprintf(p->report,
					"  #%lld: cảnh báo – biên nhận của máy chủ "
					"không khớp nội dung đã gửi\n",
					(long long)it->id);
		}
	}
}

/* Send b and record its results.  Returns the exit status of a failure or
 * CLIENT_EXIT_OK. */
static int send_batch(struct store *st, const struct sync_params *p, struct batch *b,
		      sync_send_fn send, void *arg, struct sync_counts *c, char *err, size_t errlen)
{
	Sangkien__Envelope req = SANGKIEN__ENVELOPE__INIT;
	Sangkien__Envelope *reply = NULL;
	Sangkien__ItemResult **list;
	size_t n_list;
	Sangkien__ErrorCode code = SANGKIEN__ERROR_CODE__ERROR_UNSPECIFIED;
	struct store_result *res = NULL;
	struct item_receipt *receipts = NULL;
	bool *rebased = NULL;
	char detail[256] = "";
	enum net_status ns;
	int rc = CLIENT_EXIT_ERROR;

	batch_request(b, &req);
	ns = sync_call(send, arg, &req, &reply, &code, detail, sizeof(detail), c);
	if (ns != NET_OK) {
		session_describe(ns, code, detail, err, errlen);
		rc = sk_exit_for(ns, code);
		goto out;
	}
	if (batch_op(b) == ITEM_OP_NONE &&
	    reply->body_case == SANGKIEN__ENVELOPE__BODY_SUBMIT_REPLY) {
		list = reply->submit_reply->results;
		n_list = reply->submit_reply->n_results;
	} else if (batch_op(b) != ITEM_OP_NONE &&
		   reply->body_case == SANGKIEN__ENVELOPE__BODY_CHANGE_REPLY) {
		list = reply->change_reply->results;
		n_list = reply->change_reply->n_results;
	} else {
		snprintf(err, errlen, "máy chủ trả lời sai loại (%s)",
			 wire_body_name(reply->body_case));
		goto out;
	}
	res = calloc(batch_count(b), sizeof(*res));
	receipts = calloc(batch_count(b), sizeof(*receipts));
	if (res == NULL || receipts == NULL) {
		snprintf(err, errlen, "hết bộ nhớ");
		goto out;
	}
	if (batch_results_list(b, list, n_list, res, receipts, detail, sizeof(detail)) != 0) {
		/* Nothing recorded: the items stay pending and a later sync
		 * learns their fate as duplicates. */
		snprintf(err, errlen, "câu trả lời của máy chủ không khớp lô đã gửi (%s)", detail);
		goto out;
	}
	if ((rebased = calloc(batch_count(b), sizeof(*rebased))) == NULL) {
		snprintf(err, errlen, "hết bộ nhớ");
		goto out;
	}
	if (store_record_results_ex(st, res, batch_count(b), NULL, rebased) != 0) {
		snprintf(err, errlen, "không ghi được kết quả vào kho dữ liệu: %s",
			 store_errmsg(st));
		goto out;
	}
	c->batches++;
	c->sent += batch_count(b);
	tally(p, b, list, res, rebased, c);
	rc = CLIENT_EXIT_OK;
out:
	free(res);
	free(receipts);
	free(rebased);
	wire_envelope_free(reply);
	return rc;
}

/* Send every pending change of one kind. */
static int push(struct store *st, const struct sync_params *p, enum item_op op, sync_send_fn send,
		void *arg, struct sync_counts *c, char *err, size_t errlen)
{
	struct batch *b;
	struct item *carry = NULL;
	int64_t after_id = 0;
	int rc = CLIENT_EXIT_OK;

	if ((b = batch_create_op(op, p->max_items, p->max_bytes)) == NULL) {
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
		sync_progress(p, c);
	}
	item_free(carry);
	batch_free(b);
	return rc;
}

/* A page that fails the reply rules is not applied: nothing of it is stored,
 * the cursor stays, and the user is told that pulling stopped there. */
static void describe_bad_page(const Sangkien__PullReply *page, size_t bad,
			      const struct check_error *ce, char *err, size_t errlen)
{
	char uuid[UUID_TEXT_LEN + 1] = "?";

	if (bad < page->n_initiatives && page->initiatives[bad] != NULL &&
	    page->initiatives[bad]->content != NULL)
		term_sanitize(page->initiatives[bad]->content->uuid, uuid, sizeof(uuid));
	if (bad >= page->n_initiatives)
		snprintf(err, errlen,
			 "máy chủ trả về con trỏ đồng bộ không hợp lệ (%s: %s); không nhận "
			 "thay đổi nào từ máy chủ",
			 ce->field, ce->reason);
	else
		snprintf(err, errlen,
			 "máy chủ gửi về một sáng kiến không hợp lệ (mục %zu, uuid %s, trường %s: "
			 "%s); không ghi trang thay đổi này, việc nhận thay đổi từ máy chủ dừng "
			 "tại đây – hãy báo cho liên đoàn cấp trên",
			 bad + 1, uuid, ce->field, ce->reason);
}

/* Pull pages until the server says there is no more. */
static int pull(struct store *st, const struct sync_params *p, sync_send_fn send, void *arg,
		struct sync_counts *c, char *err, size_t errlen)
{
	uint64_t cursor;

	if (store_pull_cursor(st, &cursor) != 0) {
		snprintf(err, errlen, "không đọc được kho dữ liệu: %s", store_errmsg(st));
		return CLIENT_EXIT_ERROR;
	}
	for (;;) {
		Sangkien__Envelope req = SANGKIEN__ENVELOPE__INIT;
		Sangkien__PullRequest pr = SANGKIEN__PULL_REQUEST__INIT;
		Sangkien__Envelope *reply = NULL;
		Sangkien__ErrorCode code = SANGKIEN__ERROR_CODE__ERROR_UNSPECIFIED;
		const Sangkien__PullReply *page;
		struct store_pull_counts pc;
		struct check_error ce;
		size_t bad;
		char detail[256] = "";
		enum net_status ns;
		bool more;

		pr.cursor = cursor;
		pr.max_items = p->pull_page;
		req.body_case = SANGKIEN__ENVELOPE__BODY_PULL;
		req.pull = &pr;
		ns = sync_call(send, arg, &req, &reply, &code, detail, sizeof(detail), c);
		if (ns != NET_OK) {
			session_describe(ns, code, detail, err, errlen);
			wire_envelope_free(reply);
			return sk_exit_for(ns, code);
		}
		if (reply->body_case != SANGKIEN__ENVELOPE__BODY_PULL_REPLY) {
			snprintf(err, errlen, "máy chủ trả lời sai loại (%s thay vì pull_reply)",
				 wire_body_name(reply->body_case));
			wire_envelope_free(reply);
			return CLIENT_EXIT_ERROR;
		}
		page = reply->pull_reply;
		if (!reply_check_pull_page(page, cursor, p->unit_code, p->today_days, &bad, &ce)) {
			describe_bad_page(page, bad, &ce, err, errlen);
			wire_envelope_free(reply);
			return CLIENT_EXIT_ERROR;
		}
		if (store_apply_pull(st, p->unit_code, page, &pc) != 0) {
			snprintf(err, errlen, "không ghi được thay đổi từ máy chủ: %s",
				 store_errmsg(st));
			wire_envelope_free(reply);
			return CLIENT_EXIT_ERROR;
		}
		c->pages++;
		c->pulled += pc.items;
		c->pull_changed += pc.changed;
		c->pull_restored += pc.restored;
		c->pull_conflicts += pc.conflicts;
		c->notes += pc.notes;
		c->rebased += pc.rebased;
		c->quota = c->quota || pc.quota;
		cursor = page->next_cursor;
		more = page->more;
		wire_envelope_free(reply);
		sync_progress(p, c);
		if (!more)
			return CLIENT_EXIT_OK;
	}
}

int sync_run(struct store *st, const struct sync_params *p, sync_send_fn send, void *arg,
	     struct sync_counts *c, char *err, size_t errlen)
{
	static const enum item_op order[] = {ITEM_OP_NONE, ITEM_OP_EDIT, ITEM_OP_WITHDRAW};
	int64_t mark = 0, refused = 0;
	int rc = CLIENT_EXIT_OK;

	memset(c, 0, sizeof(*c));
	if (store_history_mark(st, &mark) != 0) {
		snprintf(err, errlen, "không đọc được kho dữ liệu: %s", store_errmsg(st));
		return CLIENT_EXIT_ERROR;
	}
	c->remaining = -1;
	if (store_assign_unit(st, p->unit_code, NULL) != 0) {
		snprintf(err, errlen, "không ghi được kho dữ liệu: %s", store_errmsg(st));
		return CLIENT_EXIT_ERROR;
	}
	if (store_count_state(st, ITEM_PENDING, &c->total) != 0)
		c->total = -1;
	sync_progress(p, c);
	/* A change found to follow our own applied revision (its answer was
	 * lost) is pending again on the newer base: another round sends it. */
	for (int round = 0; round < SYNC_MAX_ROUNDS && rc == CLIENT_EXIT_OK; round++) {
		size_t before = c->rebased;

		for (size_t i = 0; i < sizeof(order) / sizeof(order[0]) && rc == CLIENT_EXIT_OK;
		     i++)
			rc = push(st, p, order[i], send, arg, c, err, errlen);
		/* The files once the server holds the initiatives they go with. */
		if (rc == CLIENT_EXIT_OK)
			rc = sync_files(st, p, send, arg, c, err, errlen);
		if (rc == CLIENT_EXIT_OK && !p->no_pull)
			rc = pull(st, p, send, arg, c, err, errlen);
		/* Files wait for the server's newer version: the pull brought it. */
		if (c->rebased == before && c->files_retry == 0)
			break;
	}
	if (store_count_state(st, ITEM_PENDING, &c->remaining) != 0)
		c->remaining = -1;
	/* What this run leaves refused or in conflict (a conflict found to be
	 * with our own revision later in the run is not). */
	if (rc == CLIENT_EXIT_OK && store_count_refused_since(st, mark, &refused) != 0)
		refused = (int64_t)sync_refused(c);
	if (rc == CLIENT_EXIT_OK && (refused > 0 || c->files_refused > 0))
		rc = CLIENT_EXIT_REFUSED;
	return rc;
}

int sync_dry_run(struct store *st, const struct sync_params *p, struct sync_check *out, char *err,
		 size_t errlen)
{
	static const enum item_op order[] = {ITEM_OP_NONE, ITEM_OP_EDIT, ITEM_OP_WITHDRAW};

	memset(out, 0, sizeof(*out));
	for (size_t k = 0; k < sizeof(order) / sizeof(order[0]); k++) {
		struct batch *b = batch_create_op(order[k], 1, p->max_bytes);
		int64_t after_id = 0;
		struct item *it;

		if (b == NULL) {
			snprintf(err, errlen, "hết bộ nhớ");
			return -1;
		}
		for (;;) {
			struct check_error ce;
			char msg[256];

			if (store_next_op(st, order[k], after_id, &it) != 0) {
				snprintf(err, errlen, "không đọc được kho dữ liệu: %s",
					 store_errmsg(st));
				batch_free(b);
				return -1;
			}
			if (it == NULL)
				break;
			after_id = it->id;
			out->checked++;
			*(order[k] == ITEM_OP_NONE   ? &out->creates
			  : order[k] == ITEM_OP_EDIT ? &out->edits
						     : &out->withdrawals) += 1;
			/* The unit is not known offline: a valid stand-in judges the rest. */
			if (order[k] != ITEM_OP_WITHDRAW && !item_check(it, p->today_days, &ce)) {
				messages_check_error(&ce, msg, sizeof(msg));
				out->invalid++;
				report_refusal(p, it, ITEM_INVALID, ce.field, msg);
				item_free(it);
				continue;
			}
			if (it->unit_code == NULL && p->unit_code != NULL &&
			    item_set_text(&it->unit_code, p->unit_code) != 0) {
				item_free(it);
				batch_free(b);
				snprintf(err, errlen, "hết bộ nhớ");
				return -1;
			}
			switch (batch_add(b, it)) {
			case BATCH_ADDED:
				batch_reset(b); /* frees it */
				out->valid++;
				break;
			case BATCH_ITEM_TOO_LARGE:
				out->too_large++;
				out->invalid++;
				report_refusal(p, it, ITEM_INVALID, "",
					       "quá lớn so với giới hạn gói tin của máy chủ");
				item_free(it);
				break;
			default:
				item_free(it);
				batch_free(b);
				snprintf(err, errlen, "hết bộ nhớ");
				return -1;
			}
		}
		batch_free(b);
	}
	return 0;
}
