/*
 * item_batch.h - the one shape of SubmitBatch, EditBatch, WithdrawBatch and
 * ReviewBatch: a reply with one ItemResult per item, in request order.
 *
 * The handler checks each item (the client is not trusted) and either
 * refuses it (item_batch_refuse) or gives it one statement
 * (item_batch_query).  item_batch_run() sends those statements in one job,
 * i.e. one transaction opened by the actor statement, and replies after the
 * commit, reading each item's row with the kind's read function.
 *
 * A kind with a batch statement (batch_kind.batch_sql) sends the waiting
 * items in that one statement instead, set-based: its parameter p is the
 * array of every waiting item's parameter p.  When it fails for a reason
 * that is not transient, the batch runs again one statement per item,
 * which finds the item the database refuses.  A kind that shares commits
 * also lets the pool merge (db.h) its batch statement with those of other
 * connections' batches of the kind waiting at the same time: one statement
 * over all their items (each item's parameters name its unit and
 * credential), each batch answered from its own rows; should the merged
 * statement fail, each batch runs again alone, as above.
 *
 * An item whose statement fails in the database for a reason that is not
 * transient (a constraint, a bug) gets its own ITEM_INVALID (field
 * "database") and the job runs again without it: one such item never holds
 * back the others, and is not resent by the client for ever.  Transient
 * failures (connection, deadlock, timeout) answer the whole batch with
 * ERROR_UNAVAILABLE, as before: the client resends it and gets duplicates
 * for what was committed.
 */
#ifndef SK_ITEM_BATCH_H
#define SK_ITEM_BATCH_H

#include <libpq-fe.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "conn.h"
#include "initiative_row.h"
#include "uuid7.h"

struct batch_item {
	Sangkien__ItemStatus status; /* UNSPECIFIED: its statement decides */
	char uuid[UUID_TEXT_LEN + 1];
	char field[48];
	char reason[200];
	/* what the read function keeps for the reply (freed with the batch) */
	struct initiative_row *row;
	Sangkien__Receipt receipt;
	uint8_t sha256[32];
	/* its statement, kept so that the job can run again without others */
	const char *sql; /* static */
	int nparams;
	char **params;
	int stmt;	/* index in the running job, -1 when not in it */
	int result_row; /* its row in that statement's result */
};

struct item_batch;

/*
 * Read item it's result row (row it->result_row of r) into res: status, and receipt or
 * `current` (attach through budget); reason and field go into it.  False
 * on an outcome or row the server cannot understand (the reply becomes
 * ERROR_INTERNAL).
 */
typedef bool (*batch_read_fn)(const struct item_batch *b, struct batch_item *it, const PGresult *r,
			      Sangkien__ItemResult *res, struct current_budget *budget);

struct batch_kind {
	const char *what;		    /* "submit", "edit", ... for logs */
	const char *action;		    /* audit action, e.g. "initiative.submit" */
	Sangkien__Envelope__BodyCase reply; /* SUBMIT_REPLY or CHANGE_REPLY */
	batch_read_fn read;
	bool share_commit; /* the job may share a commit (db_job_share_commit) */
	/*
	 * NULL, or one statement for all waiting items: parameter p is the
	 * array (text form) of every waiting item's parameter p in item order
	 * (all items' statements take the same parameters); it answers one row
	 * per item, in the same order, with the columns the item's own
	 * statement answers.
	 */
	const char *batch_sql;
};

struct item_batch {
	const struct batch_kind *kind;
	bool admin;    /* the caller is an administrator (review: NOT_FOUND vs FORBIDDEN) */
	bool per_item; /* the batch statement failed: one statement per item */
	int64_t unit_id, credential_id; /* the caller's; the credential is its job's actor */
	int merged_row0;		/* its first row in a merged batch statement */
	size_t n;
	struct batch_item *items;
};

/*
 * A batch of n items; refuses more than max_batch_items with
 * ERROR_LIMIT_EXCEEDED (field "items").  NULL after replying (limit, out of
 * memory).
 */
struct item_batch *item_batch_start(struct conn *c, uint64_t request_id, size_t n,
				    const struct batch_kind *kind);
void item_batch_free(struct item_batch *b);

/* Echo uuid in the item's result, only when it is a well-formed uuid7. */
void item_batch_set_uuid(struct batch_item *it, const char *uuid);

/* The item's final answer, decided without the database. */
void item_batch_refuse(struct batch_item *it, Sangkien__ItemStatus status, const char *field,
		       const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/* The item's statement (sql static, params copied; NULL is SQL NULL).
 * False when out of memory. */
bool item_batch_query(struct batch_item *it, const char *sql, int nparams,
		      const char *const *params);

/* Run the statements and reply; takes ownership of b.  Replies at once
 * when no item needs the database. */
void item_batch_run(struct conn *c, uint64_t request_id, struct item_batch *b);

/* Reply ERROR_INTERNAL "out of memory" and free b (a handler's failure path). */
void item_batch_oom(struct conn *c, uint64_t request_id, struct item_batch *b);

#endif
