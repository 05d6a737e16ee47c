/* batch.c - see batch.h. */
#include "batch.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct batch {
	size_t max_items;
	size_t max_bytes;
	size_t bytes; /* encoded size bound so far, envelope included */
	size_t n;
	struct item **items;     /* max_items slots */
	struct item_pb *pbs;     /* protobuf views of items[] */
	Sangkien__Initiative **msgs;
};

struct batch *batch_create(size_t max_items, size_t max_bytes)
{
	struct batch *b;

	if (max_items == 0 || max_bytes <= BATCH_ENVELOPE_OVERHEAD)
		return NULL;
	b = calloc(1, sizeof(*b));
	if (b == NULL)
		return NULL;
	b->max_items = max_items;
	b->max_bytes = max_bytes;
	b->bytes = BATCH_ENVELOPE_OVERHEAD;
	b->items = calloc(max_items, sizeof(*b->items));
	b->pbs = calloc(max_items, sizeof(*b->pbs));
	b->msgs = calloc(max_items, sizeof(*b->msgs));
	if (b->items == NULL || b->pbs == NULL || b->msgs == NULL) {
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
	size = field_size(protobuf_c_message_get_packed_size(&probe.msg.base));
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
		return ITEM_INVALID;
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
	if (reply->n_results != b->n) {
		snprintf(err, errlen, "reply has %zu results for %zu items", reply->n_results,
			 b->n);
		return -1;
	}
	for (size_t i = 0; i < b->n; i++) {
		const Sangkien__ItemResult *r = reply->results[i];
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
		out->state = state_of(r->status);
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
		} else {
			out->field = r->field;
			out->reason = r->reason;
		}
	}
	return 0;
}
