/* batch.c - see batch.h. */
#include "batch.h"
#include "reply_check.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct batch {
	enum item_op op;
	size_t max_items;
	size_t max_bytes;
	size_t bytes; /* encoded size bound so far, envelope included */
	size_t n;
	struct item **items; /* max_items slots */
	struct item_pb *pbs; /* protobuf views of items[] */
	Sangkien__Initiative **msgs;
	Sangkien__Edit *edits; /* for ITEM_OP_EDIT */
	Sangkien__Edit **edit_ptrs;
	Sangkien__Withdraw *withdraws; /* for ITEM_OP_WITHDRAW */
	Sangkien__Withdraw **withdraw_ptrs;
	Sangkien__SubmitBatch submit;
	Sangkien__EditBatch edit;
	Sangkien__WithdrawBatch withdraw;
};

struct batch *batch_create(size_t max_items, size_t max_bytes)
{
	return batch_create_op(ITEM_OP_NONE, max_items, max_bytes);
}

enum item_op batch_op(const struct batch *b)
{
	return b->op;
}

struct batch *batch_create_op(enum item_op op, size_t max_items, size_t max_bytes)
{
	struct batch *b;

	if (max_items == 0 || max_bytes <= BATCH_ENVELOPE_OVERHEAD)
		return NULL;
	b = calloc(1, sizeof(*b));
	if (b == NULL)
		return NULL;
	b->op = op;
	b->max_items = max_items;
	b->max_bytes = max_bytes;
	b->bytes = BATCH_ENVELOPE_OVERHEAD;
	b->items = calloc(max_items, sizeof(*b->items));
	b->pbs = calloc(max_items, sizeof(*b->pbs));
	b->msgs = calloc(max_items, sizeof(*b->msgs));
	b->edits = calloc(max_items, sizeof(*b->edits));
	b->edit_ptrs = calloc(max_items, sizeof(*b->edit_ptrs));
	b->withdraws = calloc(max_items, sizeof(*b->withdraws));
	b->withdraw_ptrs = calloc(max_items, sizeof(*b->withdraw_ptrs));
	if (b->items == NULL || b->pbs == NULL || b->msgs == NULL || b->edits == NULL ||
	    b->edit_ptrs == NULL || b->withdraws == NULL || b->withdraw_ptrs == NULL) {
		batch_free(b);
		return NULL;
	}
	return b;
}

void batch_reset(struct batch *b)
{
	for (size_t i = 0; i < b->n; i++) {
		item_pb_release(&b->pbs[i]);
		item_free(b->items[i]);
		b->items[i] = NULL;
		b->msgs[i] = NULL;
	}
	b->n = 0;
	b->bytes = BATCH_ENVELOPE_OVERHEAD;
}

void batch_free(struct batch *b)
{
	if (b == NULL)
		return;
	if (b->items != NULL && b->pbs != NULL)
		batch_reset(b);
	free(b->items);
	free(b->pbs);
	free(b->msgs);
	free(b->edits);
	free(b->edit_ptrs);
	free(b->withdraws);
	free(b->withdraw_ptrs);
	free(b);
}

/* Bytes a length-delimited field of len bytes takes: tag, varint, body. */
static size_t field_size(size_t len)
{
	size_t varint = 1;

	for (size_t v = len; v >= 0x80; v >>= 7)
		varint++;
	return 1 + varint + len;
}

enum batch_add_status batch_add(struct batch *b, struct item *it)
{
	struct item_pb probe;
	size_t size;

	if (b->n == b->max_items)
		return BATCH_FULL;
	if (item_pb_init(&probe, it, NULL) != 0)
		return BATCH_NO_MEMORY;
	size = protobuf_c_message_get_packed_size(&probe.msg.base);
	/* Edit{content, base_version}; Withdraw{uuid, base_version, reason}:
	 * 6 bytes bound the base_version field. */
	if (b->op == ITEM_OP_EDIT)
		size = field_size(field_size(size) + 6);
	else if (b->op == ITEM_OP_WITHDRAW)
		size =
		    field_size(field_size(UUID_TEXT_LEN) + 6 +
			       field_size(it->withdraw_reason ? strlen(it->withdraw_reason) : 0));
	else
		size = field_size(size);
	/* The submit body's own length prefix grows with the items: count the
	 * widest (5 bytes) once in the overhead, so here only the item. */
	if (BATCH_ENVELOPE_OVERHEAD + size > b->max_bytes) {
		item_pb_release(&probe);
		return BATCH_ITEM_TOO_LARGE;
	}
	if (b->bytes + size > b->max_bytes) {
		item_pb_release(&probe);
		return BATCH_FULL;
	}
	/* The view's author arrays are on the heap, so it may be moved. */
	b->pbs[b->n] = probe;
	b->items[b->n] = it;
	b->msgs[b->n] = &b->pbs[b->n].msg;
	b->bytes += size;
	b->n++;
	return BATCH_ADDED;
}

size_t batch_count(const struct batch *b)
{
	return b->n;
}

const struct item *batch_item(const struct batch *b, size_t i)
{
	return i < b->n ? b->items[i] : NULL;
}

size_t batch_bytes(const struct batch *b)
{
	return b->bytes;
}

void batch_request(struct batch *b, Sangkien__Envelope *env)
{
	Sangkien__SubmitBatch si = SANGKIEN__SUBMIT_BATCH__INIT;
	Sangkien__EditBatch ei = SANGKIEN__EDIT_BATCH__INIT;
	Sangkien__WithdrawBatch wi = SANGKIEN__WITHDRAW_BATCH__INIT;

	switch (b->op) {
	case ITEM_OP_NONE:
		b->submit = si;
		b->submit.n_items = b->n;
		b->submit.items = b->msgs;
		env->body_case = SANGKIEN__ENVELOPE__BODY_SUBMIT;
		env->submit = &b->submit;
		break;
	case ITEM_OP_EDIT:
		for (size_t i = 0; i < b->n; i++) {
			Sangkien__Edit e = SANGKIEN__EDIT__INIT;

			e.content = b->msgs[i];
			e.base_version = b->items[i]->base_version;
			b->edits[i] = e;
			b->edit_ptrs[i] = &b->edits[i];
		}
		b->edit = ei;
		b->edit.n_items = b->n;
		b->edit.items = b->edit_ptrs;
		env->body_case = SANGKIEN__ENVELOPE__BODY_EDIT;
		env->edit = &b->edit;
		break;
	case ITEM_OP_WITHDRAW:
		for (size_t i = 0; i < b->n; i++) {
			Sangkien__Withdraw w = SANGKIEN__WITHDRAW__INIT;

			w.uuid = b->items[i]->uuid;
			w.base_version = b->items[i]->base_version;
			w.reason = b->items[i]->withdraw_reason ? b->items[i]->withdraw_reason
								: (char *)"";
			b->withdraws[i] = w;
			b->withdraw_ptrs[i] = &b->withdraws[i];
		}
		b->withdraw = wi;
		b->withdraw.n_items = b->n;
		b->withdraw.items = b->withdraw_ptrs;
		env->body_case = SANGKIEN__ENVELOPE__BODY_WITHDRAW;
		env->withdraw = &b->withdraw;
		break;
	}
}

void batch_submit(struct batch *b, Sangkien__SubmitBatch *out)
{
	Sangkien__SubmitBatch init = SANGKIEN__SUBMIT_BATCH__INIT;

	*out = init;
	out->n_items = b->n;
	out->items = b->msgs;
}

static enum item_state state_of(Sangkien__ItemStatus status)
{
	switch (status) {
	case SANGKIEN__ITEM_STATUS__ITEM_ACCEPTED:
	case SANGKIEN__ITEM_STATUS__ITEM_DUPLICATE:
		return ITEM_SYNCED;
	case SANGKIEN__ITEM_STATUS__ITEM_INVALID:
	case SANGKIEN__ITEM_STATUS__ITEM_NOT_FOUND:
		return ITEM_INVALID;
	case SANGKIEN__ITEM_STATUS__ITEM_NOT_EDITABLE:
		return ITEM_CONFLICT;
	case SANGKIEN__ITEM_STATUS__ITEM_FORBIDDEN:
		return ITEM_FORBIDDEN;
	case SANGKIEN__ITEM_STATUS__ITEM_CONFLICT:
		return ITEM_CONFLICT;
	default:
		return ITEM_PENDING; /* not a status we know: refuse the reply */
	}
}

int batch_results(const struct batch *b, const Sangkien__SubmitReply *reply,
		  struct store_result *results, struct item_receipt *receipts, char *err,
		  size_t errlen)
{
	return batch_results_list(b, reply->results, reply->n_results, results, receipts, err,
				  errlen);
}

int batch_results_list(const struct batch *b, Sangkien__ItemResult *const *list, size_t n,
		       struct store_result *results, struct item_receipt *receipts, char *err,
		       size_t errlen)
{
	if (n != b->n) {
		snprintf(err, errlen, "reply has %zu results for %zu items", n, b->n);
		return -1;
	}
	for (size_t i = 0; i < b->n; i++) {
		const Sangkien__ItemResult *r = list[i];
		const struct item *it = b->items[i];
		struct store_result *out = &results[i];

		if (r == NULL || r->index != i) {
			snprintf(err, errlen, "result %zu answers item %u", i, r ? r->index : 0);
			return -1;
		}
		if (r->uuid == NULL || strcmp(r->uuid, it->uuid) != 0) {
			snprintf(err, errlen, "result %zu names uuid %s, expected %s", i,
				 r->uuid ? r->uuid : "(none)", it->uuid);
			return -1;
		}
		memset(out, 0, sizeof(*out));
		out->id = it->id;
		out->op = b->op;
		out->local_rev = it->local_rev;
		out->state = state_of(r->status);
		out->not_editable = r->status == SANGKIEN__ITEM_STATUS__ITEM_NOT_EDITABLE;
		out->not_found = r->status == SANGKIEN__ITEM_STATUS__ITEM_NOT_FOUND;
		/* The server's copy is kept and may be adopted (`resolve
		 * --take-server`): it must be this item's, of this unit, valid. */
		if (out->state == ITEM_CONFLICT && r->current != NULL) {
			struct check_error ce;

			if (!reply_check_initiative(r->current, it->unit_code, it->uuid,
						    date_today_utc(), &ce)) {
				snprintf(err, errlen, "result %zu (%s): server copy %s %s", i,
					 it->uuid, ce.field, ce.reason);
				return -1;
			}
			out->current = r->current;
		}
		if (out->state == ITEM_PENDING) {
			snprintf(err, errlen, "result %zu has unknown status %d", i,
				 (int)r->status);
			return -1;
		}
		if (out->state == ITEM_SYNCED) {
			const Sangkien__Receipt *rc = r->receipt;

			if (rc == NULL || rc->record_id <= 0 || rc->content_sha256.len != 32) {
				snprintf(err, errlen, "result %zu (%s) has no valid receipt", i,
					 it->uuid);
				return -1;
			}
			receipts[i].record_id = rc->record_id;
			receipts[i].version = rc->version;
			receipts[i].received_unix_ms = rc->received_unix_ms;
			memcpy(receipts[i].content_sha256, rc->content_sha256.data, 32);
			out->receipt = &receipts[i];
		} else if (out->state == ITEM_CONFLICT) {
			/* Kept for the user: say it in Vietnamese. */
			out->field = NULL;
			out->reason = out->not_editable
					  ? "trên máy chủ sáng kiến đã ở trạng thái không sửa, "
					    "không rút được nữa"
				      : b->op == ITEM_OP_NONE
					  ? "máy chủ đã có sáng kiến này với nội dung khác"
					  : "máy chủ đã có phiên bản mới hơn bản mà thay đổi "
					    "dựa trên";
		} else if (out->not_found) {
			out->field = NULL;
			out->reason = "máy chủ không có sáng kiến này";
		} else {
			out->field = r->field;
			out->reason = r->reason;
		}
	}
	return 0;
}
