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
#define STORE_SCHEMA_VERSION 1

/* How long a writer waits for another process holding the store. */
#define STORE_BUSY_TIMEOUT_MS 10000

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

/* Keys used: server, credential, unit_code, unit_name, enrolled_at. */
#define STORE_KEY_SERVER "server"
#define STORE_KEY_CREDENTIAL "credential"
#define STORE_KEY_UNIT_CODE "unit_code"
#define STORE_KEY_UNIT_NAME "unit_name"
#define STORE_KEY_ENROLLED_AT "enrolled_at"

/* *value is a new string the caller frees, or NULL when the key is unset. */
int store_setting_get(struct store *st, const char *key, char **value);
int store_setting_set(struct store *st, const char *key, const char *value);

/* Record an enrollment (all five settings) in one transaction. */
int store_save_enrollment(struct store *st, const char *server, const char *credential,
			  const char *unit_code, const char *unit_name, int64_t enrolled_unix_ms);

/* ---- initiatives ---- */

/*
 * Store a new item with its authors in one transaction; it->id, state,
 * refusal and receipt are ignored (a new item is pending).  *id receives the
 * local id.  Fails (nothing stored) when the uuid already exists.
 */
int store_item_add(struct store *st, const struct item *it, int64_t *id);

/* Load one item with its authors.  *out is NULL when there is no such id. */
int store_item_get(struct store *st, int64_t id, struct item **out);

/*
 * The first pending item whose id is above after_id (with authors), in id
 * order, so sync can walk the pending items without holding them all.
 * *out is NULL when there are no more.  Caller frees with item_free().
 */
int store_next_pending(struct store *st, int64_t after_id, struct item **out);

/*
 * Call fn for every item in id order (authors loaded only when
 * with_authors).  The item is freed after fn returns.  fn returns 0 to go
 * on; any other value stops the walk and is returned.
 */
int store_foreach(struct store *st, bool with_authors,
		  int (*fn)(const struct item *it, void *arg), void *arg);

/* Give every pending item without a unit this unit code.  *changed (when not
 * NULL) receives the number of items updated. */
int store_assign_unit(struct store *st, const char *unit_code, int64_t *changed);

/* What the server (or the local re-check) said about one pending item. */
struct store_result {
	int64_t id;
	enum item_state state;  /* SYNCED needs a receipt; the rest a reason */
	const char *field;      /* may be NULL */
	const char *reason;     /* may be NULL */
	const struct item_receipt *receipt; /* for SYNCED */
};

/*
 * Record results in one transaction.  Only pending items change: a result
 * for an item no longer pending is ignored, so recording twice is harmless.
 * *applied (when not NULL) counts the items changed.
 */
int store_record_results(struct store *st, const struct store_result *results, size_t n,
			 size_t *applied);

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
	int64_t as_of_unix_ms;   /* the server's time of the figures */
	int64_t fetched_unix_ms; /* when this client received them */
};

/* Replace the cached quota. */
int store_quota_save(struct store *st, const struct store_quota *q);

/* Load the cached quota into *q (strings owned by q, free with
 * store_quota_clear).  *found is false when nothing is cached. */
int store_quota_load(struct store *st, struct store_quota *q, bool *found);
void store_quota_clear(struct store_quota *q);

#endif
