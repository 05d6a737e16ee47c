/*
 * batch.h - one request of pending changes (a SubmitBatch of new items, an
 * EditBatch or a WithdrawBatch) being filled from the store, and the
 * server's answer to it turned into store results.
 *
 * A batch holds at most max_items items and keeps the encoded request
 * (envelope included) within max_bytes, so a sync never asks the server for
 * more than it announced in HelloReply.
 */
#ifndef SANGKIEN_BATCH_H
#define SANGKIEN_BATCH_H

#include <stddef.h>

#include "item.h"
#include "sangkien.pb-c.h"
#include "store.h"

struct batch;

/* Room for the envelope around the items: request_id (tag + 10-byte varint)
 * and the submit field (tag + 5-byte length). */
#define BATCH_ENVELOPE_OVERHEAD 17u

/* A new empty batch of new submissions; NULL when out of memory or a limit
 * is 0.  batch_create_op() makes one for the change op (ITEM_OP_NONE: new
 * submissions). */
struct batch *batch_create(size_t max_items, size_t max_bytes);
struct batch *batch_create_op(enum item_op op, size_t max_items, size_t max_bytes);
enum item_op batch_op(const struct batch *b);
void batch_free(struct batch *b);

/* Free the items and empty the batch for the next round. */
void batch_reset(struct batch *b);

enum batch_add_status {
	BATCH_ADDED,	      /* the batch now owns the item */
	BATCH_FULL,	      /* no room: send this batch, reset, add again */
	BATCH_ITEM_TOO_LARGE, /* alone it exceeds max_bytes: it can never be sent */
	BATCH_NO_MEMORY,
};

/* Add an item whose unit_code is set.  Ownership passes only on BATCH_ADDED. */
enum batch_add_status batch_add(struct batch *b, struct item *it);

size_t batch_count(const struct batch *b);
const struct item *batch_item(const struct batch *b, size_t i);

/* Upper bound of the encoded Envelope{submit} carrying the items so far. */
size_t batch_bytes(const struct batch *b);

/* The items as a SubmitBatch message borrowing from the batch (valid until
 * the next batch_add / batch_reset). */
void batch_submit(struct batch *b, Sangkien__SubmitBatch *out);

/* Set env's body to the batch's request (submit, edit or withdraw),
 * borrowing from the batch as batch_submit() does. */
void batch_request(struct batch *b, Sangkien__Envelope *env);

/*
 * Check the server's reply against the batch (one result per item, in order,
 * matching uuids, receipts where they belong) and fill results[0 ..
 * batch_count) for store_record_results().  receipts is the caller's array
 * of batch_count entries the results point into; the results' field and
 * reason borrow from reply, so record them before freeing it.  Returns 0, or -1 with an English
 * description in err when the reply does not answer this batch (then nothing may be recorded).
 */
int batch_results(const struct batch *b, const Sangkien__SubmitReply *reply,
		  struct store_result *results, struct item_receipt *receipts, char *err,
		  size_t errlen);

/* The same for any reply's list of results (SubmitReply or ChangeReply).
 * Conflicts keep ItemResult.current, borrowed from the reply. */
int batch_results_list(const struct batch *b, Sangkien__ItemResult *const *list, size_t n,
		       struct store_result *results, struct item_receipt *receipts, char *err,
		       size_t errlen);

#endif
