/*
 * sync.h - one sync run: send the new initiatives, then the pending edits,
 * then the withdrawals (each walked from the store in id order, re-checked
 * locally, in batches within the server's limits, each batch's results
 * recorded in one transaction), then pull every change the server has for
 * the unit, page by page, storing the cursor with each page.
 *
 * Nothing is lost or counted twice: an item leaves "pending" only when the
 * server's result for it is recorded.  When the connection drops after a
 * batch was sent, its items stay pending; sending them again gives
 * ITEM_DUPLICATE with the original receipt.
 */
#ifndef SANGKIEN_SYNC_H
#define SANGKIEN_SYNC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "net.h"
#include "store.h"

/* Default batch size when neither --batch nor the server says otherwise. */
#define SYNC_DEFAULT_BATCH 100
/* Push-and-pull rounds in one run while changes get rebased (see
 * store_record_results_ex). */
#define SYNC_MAX_ROUNDS 3
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

struct sync_counts;

/*
 * Optional pipelining for file chunks: send a request without waiting, and
 * read the next reply, which answers the oldest request still unanswered
 * (net_send / net_receive's contract).  Without it chunks go one at a time
 * through sync_send_fn.
 */
struct sync_pipe {
	enum net_status (*send)(void *arg, Sangkien__Envelope *request, uint64_t *request_id,
				char *err, size_t errlen);
	enum net_status (*receive)(void *arg, uint64_t request_id, Sangkien__Envelope **reply,
				   Sangkien__ErrorCode *code, char *err, size_t errlen);
	void *arg;
};

struct sync_params {
	const char *unit_code; /* the credential's unit, given to items without one */
	size_t max_items;      /* per batch, >= 1 */
	size_t max_bytes;      /* per request payload */
	int32_t today_days;    /* for the local re-check */
	FILE *report;	       /* one line per refused item (NULL: silent) */
	bool no_pull;	       /* send only (tests of the sending alone) */
	uint32_t pull_page;    /* PullRequest.max_items (0: the server's default) */
	/* Dossiers: the most file bytes in one chunk (0: the server takes no
	 * files, which then stay pending), chunks in flight at once, and the
	 * pipelined transport (NULL: one request at a time). */
	uint32_t max_chunk;
	unsigned chunk_window;
	const struct sync_pipe *pipe;
	/* Called after every answered request (NULL: none). */
	void (*progress)(void *arg, const struct sync_counts *c);
	void *progress_arg;
};

struct sync_counts {
	size_t batches;	  /* batches answered */
	size_t sent;	  /* items in answered batches */
	size_t accepted;  /* new submissions stored now */
	size_t duplicate; /* already stored: same receipt */
	size_t edited;	  /* edits applied */
	size_t withdrawn; /* withdrawals applied */
	size_t invalid;	  /* refused by the server as invalid (or not found) */
	size_t forbidden;
	size_t conflict;      /* conflicts and not editable: both versions kept */
	size_t local_invalid; /* failed the re-check here, not sent */
	size_t hash_mismatch; /* receipts whose hash differs from ours (warned) */
	int64_t remaining;    /* still pending afterwards (-1 if unknown) */
	/* Pull. */
	size_t pages;
	size_t pulled;	      /* initiatives in the pages */
	size_t pull_changed;  /* status, notes or content changed here */
	size_t pull_restored; /* added from the server */
	size_t pull_conflicts;
	size_t notes;
	size_t rebased; /* own applied changes found again (not conflicts) */
	bool quota;	/* the quota came with the last page */
	/* Dossiers (sync_files.h). */
	size_t files_total;	   /* files to upload and attach at the start */
	size_t files_done;	   /* attached (or found attached) */
	size_t files_detached;	   /* detaches applied */
	size_t files_refused;	   /* refused by the server: reason kept */
	size_t files_retry;	   /* left pending for the next round or run */
	uint64_t file_bytes_total; /* bytes of files_total */
	uint64_t file_bytes_done;  /* of those, held by the server now */
	uint64_t file_bytes_sent;  /* file bytes sent in chunks (resends included) */
	int64_t file_current;	   /* the attachment being uploaded (0: none) */
	uint64_t file_current_held, file_current_size; /* its bytes on the server, size */
	/* Progress. */
	int64_t total;	     /* items pending at the start (-1 if unknown) */
	uint64_t bytes_sent; /* frames, headers included */
	uint64_t bytes_received;
};

/* For the parts of a run (sync_files.c): one request through send, its
 * bytes counted in c; the progress callback; a line about one item on the
 * report (filtered for the terminal). */
enum net_status sync_call(sync_send_fn send, void *arg, Sangkien__Envelope *req,
			  Sangkien__Envelope **reply, Sangkien__ErrorCode *code, char *err,
			  size_t errlen, struct sync_counts *c);
void sync_progress(const struct sync_params *p, const struct sync_counts *c);
struct item;
void sync_report_item(const struct sync_params *p, const struct item *it, const char *what);

/* Items refused in this run, here or by the server (conflicts included). */
size_t sync_refused(const struct sync_counts *c);

/* Add a later attempt's counts to the run's (remaining and total: the later). */
void sync_counts_add(struct sync_counts *sum, const struct sync_counts *c);

struct sync_check {
	size_t checked; /* pending items looked at */
	size_t valid;
	size_t invalid; /* each reported on report */
	size_t too_large;
	size_t creates, edits, withdrawals;
};

/*
 * --dry-run: check every pending item as sync would (local rules, the size
 * limit) and report, changing nothing and sending nothing.  Returns 0, or -1
 * with a message in err when the store cannot be read.
 */
int sync_dry_run(struct store *st, const struct sync_params *p, struct sync_check *out, char *err,
		 size_t errlen);

/*
 * Send every pending item.  Returns CLIENT_EXIT_OK when all were sent and
 * none refused, CLIENT_EXIT_REFUSED when some were refused, or the failure's
 * exit status (CLIENT_EXIT_OFFLINE on a lost connection) with a Vietnamese
 * message in err; counts are filled in every case.
 */
int sync_run(struct store *st, const struct sync_params *p, sync_send_fn send, void *arg,
	     struct sync_counts *c, char *err, size_t errlen);

#endif
