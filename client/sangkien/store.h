/*
 * store.h - the unit's local SQLite store: settings (server, credential,
 * unit), initiatives with their authors, state and receipts, and the last
 * quota seen.
 *
 * Durability: WAL journal with synchronous=FULL, and every change is one
 * transaction, so a change is on disk when its function returns and a
 * process killed at any moment leaves either all of a change or none of it.
 * The file is created with mode 0600 since it holds the credential.
 *
 * Functions returning int give 0 on success and -1 on failure, with a
 * message (English, from SQLite) in store_errmsg().
 */
#ifndef SANGKIEN_STORE_H
#define SANGKIEN_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "item.h"

struct store;
struct sqlite3;

/* Schema version kept in PRAGMA user_version. */
#define STORE_SCHEMA_VERSION 5

/* How long a writer waits for another process holding the store. */
#define STORE_BUSY_TIMEOUT_MS 10000
/* A copy into STORE.files (attach, sangkien ui) unwritten this long was
 * left by a program that stopped: store_open removes it. */
#define STORE_INCOMING_STALE_S (30 * 60)

/*
 * Open (creating when missing) the store at path and bring its schema up to
 * date.  The parent directory must exist.  On success *out is a new store
 * the caller closes with store_close(); on failure err holds a message.
 */
int store_open(const char *path, struct store **out, char *err, size_t errlen);
void store_close(struct store *st);

/* The last error message; valid until the next call on st. */
const char *store_errmsg(const struct store *st);

/* The SQLite handle, for diagnostics and tests only. */
struct sqlite3 *store_handle(struct store *st);

/* ---- settings ---- */

/* Keys used: server, credential, unit_code, unit_name, enrolled_at, and
 * ca_pem (the CA certificates, PEM, that a tls:// server is verified
 * against; unset: the system's). */
#define STORE_KEY_SERVER "server"
#define STORE_KEY_CREDENTIAL "credential"
#define STORE_KEY_UNIT_CODE "unit_code"
#define STORE_KEY_UNIT_NAME "unit_name"
#define STORE_KEY_ENROLLED_AT "enrolled_at"
#define STORE_KEY_CA_PEM "ca_pem"

/* *value is a new string the caller frees, or NULL when the key is unset. */
int store_setting_get(struct store *st, const char *key, char **value);
int store_setting_set(struct store *st, const char *key, const char *value);

/* Record an enrollment (all five settings) in one transaction.  Any CA kept
 * by an earlier enrollment is dropped. */
int store_save_enrollment(struct store *st, const char *server, const char *credential,
			  const char *unit_code, const char *unit_name, int64_t enrolled_unix_ms);

/* The same, also keeping ca_pem (NULL: none) for a tls:// server. */
int store_save_enrollment_ca(struct store *st, const char *server, const char *ca_pem,
			     const char *credential, const char *unit_code, const char *unit_name,
			     int64_t enrolled_unix_ms);

/* ---- initiatives ---- */

/*
 * Store a new item with its authors in one transaction; it->id, state,
 * refusal and receipt are ignored (a new item is pending).  *id receives the
 * local id.  Fails (nothing stored) when the uuid already exists.
 */
int store_item_add(struct store *st, const struct item *it, int64_t *id);

/*
 * Many items in one transaction (`add --from-file`): begin, add each, then
 * end with commit true to keep them all or false to keep none.
 */
int store_bulk_begin(struct store *st);
int store_bulk_add(struct store *st, const struct item *it, int64_t *id);
int store_bulk_end(struct store *st, bool commit);

/* Load one item with its authors.  *out is NULL when there is no such id. */
int store_item_get(struct store *st, int64_t id, struct item **out);

/*
 * The first pending item whose id is above after_id (with authors), in id
 * order, so sync can walk the pending items without holding them all.
 * store_next_op() walks one kind of change: ITEM_OP_NONE the items the
 * server has never acknowledged (sent as new submissions), ITEM_OP_EDIT and
 * ITEM_OP_WITHDRAW the pending changes to items it holds.
 * *out is NULL when there are no more.  Caller frees with item_free().
 */
int store_next_op(struct store *st, enum item_op op, int64_t after_id, struct item **out);
int store_next_pending(struct store *st, int64_t after_id, struct item **out);

/*
 * Call fn for every item in id order (authors loaded only when
 * with_authors).  The item is freed after fn returns.  fn returns 0 to go
 * on; any other value stops the walk and is returned.
 */
int store_foreach(struct store *st, bool with_authors, int (*fn)(const struct item *it, void *arg),
		  void *arg);

/* Give every pending item without a unit this unit code.  *changed (when not
 * NULL) receives the number of items updated. */
int store_assign_unit(struct store *st, const char *unit_code, int64_t *changed);

/* What the server (or the local re-check) said about one pending item. */
struct store_result {
	int64_t id;
	enum item_state state;		    /* SYNCED needs a receipt; the rest a reason */
	const char *field;		    /* may be NULL */
	const char *reason;		    /* may be NULL */
	const struct item_receipt *receipt; /* for SYNCED */
	/* Which change was sent: ITEM_OP_NONE a new submission. */
	enum item_op op;
	/* The item's local_rev when it was read for sending: a result for
	 * content the user has changed since is kept as a receipt only, the
	 * newer change stays pending. */
	int64_t local_rev;
	/* For CONFLICT (also NOT_EDITABLE): the server's version, kept beside
	 * the local one.  May be NULL. */
	const Sangkien__ServerInitiative *current;
	bool not_editable; /* the conflict is the server state, not the base */
	bool not_found;	   /* the server holds no such initiative */
};

/*
 * Record results in one transaction, each with its history event.  Only
 * pending items waiting for that change are touched: a result for an item no
 * longer pending is ignored, so recording twice is harmless.
 * *applied (when not NULL) counts the items changed.
 */
int store_record_results(struct store *st, const struct store_result *results, size_t n,
			 size_t *applied);

/* The same; rebased (n flags, may be NULL) marks conflicts found to be with
 * one of the item's own earlier revisions (applied, answer lost): those stay
 * pending, now based on the server's version, and must be sent again. */
int store_record_results_ex(struct store *st, const struct store_result *results, size_t n,
			    size_t *applied, bool *rebased);

/* The newest history event's number: a mark for store_count_refused_since. */
int store_history_mark(struct store *st, int64_t *mark);

/* Number of items refused or in conflict now that were refused or met a
 * conflict after the history mark (what one sync run leaves the user). */
int store_count_refused_since(struct store *st, int64_t mark, int64_t *count);

/* Number of items in a state. */
int store_count_state(struct store *st, enum item_state state, int64_t *count);

/* ---- quota cache ---- */

struct store_quota {
	char *unit_code;
	char *unit_name;
	char *campaign_code;
	char *campaign_name;
	char *counts_from;
	uint32_t quota;
	uint32_t submitted;
	uint32_t recognized;
	int64_t as_of_unix_ms;	 /* the server's time of the figures */
	int64_t fetched_unix_ms; /* when this client received them */
	uint8_t *reply;		 /* the packed QuotaReply (phases), or NULL */
	size_t reply_len;
};

/* Replace the cached quota. */
int store_quota_save(struct store *st, const struct store_quota *q);

/* Load the cached quota into *q (strings owned by q, free with
 * store_quota_clear).  *found is false when nothing is cached. */
int store_quota_load(struct store *st, struct store_quota *q, bool *found);
void store_quota_clear(struct store_quota *q);

/* Fill q from a QuotaReply (strings copied; q->reply holds it packed).
 * Returns 0 or -1 when out of memory. */
int store_quota_from_reply(struct store_quota *q, const Sangkien__QuotaReply *r);

/* ---- local changes (store_local.c) ---- */

enum store_find {
	STORE_FOUND = 0,
	STORE_NOT_FOUND,
	STORE_AMBIGUOUS, /* a uuid prefix matching several items */
	STORE_BAD_REF,	 /* neither a number nor at least 8 hex digits of a uuid */
};

/*
 * The local id named by ref: a local id ("12"), a uuid, or a unique uuid
 * prefix of at least 8 characters.  Returns an enum store_find value, or -1
 * on a store error.
 */
int store_find(struct store *st, const char *ref, int64_t *id);

/*
 * Save it (loaded with store_item_get and changed by the user) as the new
 * local content, one transaction: an item never acknowledged stays a pending
 * submission; an item the server holds gets a pending edit on its
 * base_version.  detail goes into the history.  Fails when the item changed
 * in the store since it was loaded (its local_rev moved), changing nothing.
 */
int store_item_edit(struct store *st, const struct item *it, const char *detail);

/* Ask for the item's withdrawal with reason (may be empty).  expect_rev as
 * in store_item_edit.  An edit waiting to be sent is kept: it goes first and
 * the withdrawal follows once the server accepted it (withdraw_after_edit),
 * so the edited content is what the server keeps on record. */
int store_item_withdraw(struct store *st, int64_t id, int64_t expect_rev, const char *reason);

/*
 * Settle a conflict: keep_mine makes the local content (or withdrawal) a
 * pending change based on the server's current version; otherwise the
 * server's content replaces the local one and nothing stays pending.
 * Fails when the item is not in conflict or holds no server copy.
 */
int store_resolve(struct store *st, int64_t id, bool keep_mine);

/*
 * The server's state last seen for the item (NULL when none): a decoded
 * message the caller frees with
 * sangkien__server_initiative__free_unpacked(*out, NULL).
 */
int store_server_copy(struct store *st, int64_t id, Sangkien__ServerInitiative **out);

struct store_event {
	int64_t at_unix_ms;
	const char *event; /* added, edited, withdraw_requested, accepted, ... */
	const char *detail;
};

/* Call fn for every history event of the item, oldest first. */
int store_history_foreach(struct store *st, int64_t id,
			  int (*fn)(const struct store_event *e, void *arg), void *arg);

/* ---- the server's side (store_server.c) ---- */

/* The pull cursor (0 before the first pull). */
int store_pull_cursor(struct store *st, uint64_t *cursor);

struct store_pull_counts {
	size_t items;	  /* initiatives in the page */
	size_t changed;	  /* whose status, notes or content changed here */
	size_t restored;  /* unknown here: added from the server */
	size_t conflicts; /* a pending local change met a newer server version */
	size_t notes;	  /* new reviewers' notes */
	size_t rebased;	  /* pending changes moved onto our own applied revision */
	bool quota;	  /* the page carried the quota */
};

/*
 * Apply one PullReply page and store its next_cursor, in one transaction,
 * so a process killed between pages resumes after the last page applied.
 * Items of another unit than unit_code are refused (-1, nothing applied).
 */
int store_apply_pull(struct store *st, const char *unit_code, const Sangkien__PullReply *page,
		     struct store_pull_counts *c);

#endif
