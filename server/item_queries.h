/*
 * item_queries.h - the statement of each item of a SubmitBatch, EditBatch,
 * WithdrawBatch or ReviewBatch (the SQL functions of sql/repeatable), and
 * what their rows say.  Every statement answers one row with the columns
 * outcome, reason (not for submit) and the sk_server_initiatives view's
 * (initiative_row.h); submit adds its receipt as receipt_record_id,
 * receipt_version, receipt_received_ms and receipt_sha256.  The handlers
 * check the items first; these only turn a checked item into its statement
 * (item_batch_query: false when out of memory).
 */
#ifndef SK_ITEM_QUERIES_H
#define SK_ITEM_QUERIES_H

#include <libpq-fe.h>
#include <stdbool.h>
#include <stdint.h>

#include "item_batch.h"

/* sk_submit_item for c's unit. */
bool item_query_submit(struct batch_item *bi, const struct conn *c, const Sangkien__Initiative *it);
/* The batch statement (batch_kind.batch_sql) of item_query_submit's items:
 * sk_submit_batch, one row per item with the same columns. */
extern const char item_submit_batch_sql[];
/* sk_edit_initiative for c's unit. */
bool item_query_edit(struct batch_item *bi, const struct conn *c, const Sangkien__Edit *e);
/* sk_withdraw_initiative for c's unit. */
bool item_query_withdraw(struct batch_item *bi, const struct conn *c, const Sangkien__Withdraw *w);
/* sk_review_item within c's scope. */
bool item_query_review(struct batch_item *bi, const struct conn *c,
		       const Sangkien__ReviewAction *a);

/* An outcome text (accepted, duplicate, conflict, not_editable, not_found,
 * forbidden) as its item status; UNSPECIFIED for any other. */
Sangkien__ItemStatus item_outcome_status(const char *outcome);

/*
 * The batch_read_fn of the changes a unit makes to an initiative (edit,
 * withdraw, attach, detach; handle_change.c): reads the outcome, reason and
 * the initiative (the sk_server_initiatives columns).  Accepted and
 * duplicate items carry the receipt of the current version; conflicts and
 * not-editable items carry `current` while it fits in the frame (else the
 * client pulls it).
 */
bool item_read_change(const struct item_batch *b, struct batch_item *it, const PGresult *r,
		      Sangkien__ItemResult *res, struct current_budget *budget);

/* The receipt of submit row `row` of r into rc (sha256 holds its hash);
 * false when the stored hash is unreadable. */
bool item_submit_receipt(const PGresult *r, int row, Sangkien__Receipt *rc, uint8_t sha256[32]);

#endif
