/*
 * sync.h - sending the pending initiatives: walk them from the store in id
 * order, re-check each locally, fill batches within the server's limits,
 * send each batch and record every result in one transaction per batch.
 *
 * Nothing is lost or counted twice: an item leaves "pending" only when the
 * server's result for it is recorded.  When the connection drops after a
 * batch was sent, its items stay pending; sending them again gives
 * ITEM_DUPLICATE with the original receipt.
 */
#ifndef SANGKIEN_SYNC_H
#define SANGKIEN_SYNC_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "net.h"
#include "store.h"

/* Default batch size when neither --batch nor the server says otherwise. */
#define SYNC_DEFAULT_BATCH 100
/* Request size when the server announces no frame limit. */
#define SYNC_DEFAULT_MAX_BYTES (1024u * 1024u)

/*
 * Sends one request and waits for its reply, with net_call()'s contract:
 * on NET_OK / NET_REFUSED *reply is an envelope freed with
 * wire_envelope_free().
 */
typedef enum net_status (*sync_send_fn)(void *arg, Sangkien__Envelope *request,
					Sangkien__Envelope **reply, Sangkien__ErrorCode *code,
					char *err, size_t errlen);

struct sync_params {
	const char *unit_code; /* the credential's unit, given to items without one */
	size_t max_items;      /* per batch, >= 1 */
	size_t max_bytes;      /* per request payload */
	int32_t today_days;    /* for the local re-check */
	FILE *report;          /* one line per refused item (NULL: silent) */
};

struct sync_counts {
	size_t batches;       /* batches answered */
	size_t sent;          /* items in answered batches */
	size_t accepted;
	size_t duplicate;
	size_t invalid;       /* refused by the server as invalid */
	size_t forbidden;
	size_t conflict;
	size_t local_invalid; /* failed the re-check here, not sent */
	size_t hash_mismatch; /* receipts whose hash differs from ours (warned) */
	int64_t remaining;    /* still pending afterwards (-1 if unknown) */
};

/* Items refused in this run, here or by the server. */
size_t sync_refused(const struct sync_counts *c);

/*
 * Send every pending item.  Returns CLIENT_EXIT_OK when all were sent and
 * none refused, CLIENT_EXIT_REFUSED when some were refused, or the failure's
 * exit status (CLIENT_EXIT_OFFLINE on a lost connection) with a Vietnamese
 * message in err; counts are filled in every case.
 */
int sync_run(struct store *st, const struct sync_params *p, sync_send_fn send, void *arg,
	     struct sync_counts *c, char *err, size_t errlen);

#endif
