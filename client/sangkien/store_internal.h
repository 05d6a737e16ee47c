/*
 * store_internal.h - what the store's source files (store.c, store_local.c,
 * store_server.c) share: the handle and small SQLite helpers.  Not for use
 * outside the store.
 */
#ifndef SANGKIEN_STORE_INTERNAL_H
#define SANGKIEN_STORE_INTERNAL_H

#include <stdbool.h>
#include <stdint.h>

#include <sqlite3.h>

#include "lifecycle.h"
#include "store.h"

struct store {
	sqlite3 *db;
	sqlite3_stmt *next_pending[3]; /* per enum item_op: sync calls them once per item */
	char *files_dir;	       /* STORE.files: the dossiers' files (store_attach.h) */
	char errmsg[512];
};

/* The columns store_item_from_row() reads, in its order. */
#define ITEM_COLUMNS                                                                               \
	"id, uuid, unit_code, title, kind, summary, effect, applied_on, theme, "                   \
	"created_unix_ms, state, refusal_field, refusal_reason, record_id, version, "              \
	"received_unix_ms, content_sha256, pending_op, local_rev, base_version, "                  \
	"withdraw_reason, server_status, server_version, withdraw_after_edit"

/* Set errmsg from fmt plus SQLite's message; returns -1. */
int store_fail(struct store *st, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int store_exec(struct store *st, const char *sql);
int store_prepare(struct store *st, const char *sql, sqlite3_stmt **stmt);
/* BEGIN IMMEDIATE / COMMIT / ROLLBACK keeping the first error message. */
int store_begin(struct store *st);
int store_commit(struct store *st);
void store_rollback(struct store *st);

/* A copy of a text column (NULL when the column is NULL or out of memory). */
char *store_column_dup(sqlite3_stmt *s, int col);
/* *dst = copy of a text column; 0, or -1 when out of memory. */
int store_set_col(char **dst, sqlite3_stmt *s, int col);
/* An item from a row selected with ITEM_COLUMNS (authors not loaded). */
struct item *store_item_from_row(struct store *st, sqlite3_stmt *s);
int store_load_authors(struct store *st, struct item *it);
int store_insert_authors(struct store *st, int64_t id, const struct item *it);
/* Step s once: *out is the row's item, or NULL at the end. */
int store_step_item(struct store *st, sqlite3_stmt *s, bool with_authors, struct item **out);

/* Append an event to the item's history (inside the caller's transaction). */
int store_history_add(struct store *st, int64_t id, int64_t at_unix_ms, const char *event,
		      const char *detail);

/* Remember the hash of it's current content as one of its local revisions. */
int store_revision_add(struct store *st, int64_t id, const struct item *it);

/* Is sha the hash of one of the item's local revisions? */
int store_revision_is_own(struct store *st, int64_t id, const uint8_t sha[32], bool *own);

/* The life-cycle columns of an item (lifecycle.h), with whether it has a
 * receipt and its local_rev. */
struct store_lc_row {
	struct lc_local local;
	bool has_receipt;
	int64_t local_rev;
};

/* Read them for item id (inside the caller's transaction): STORE_FOUND,
 * STORE_NOT_FOUND, or -1 with errmsg. */
int store_lc_read(struct store *st, int64_t id, struct store_lc_row *row);

/* Bind l to a statement's :state, :op and :wae (the columns state,
 * pending_op, withdraw_after_edit): the store writes what lc_step says. */
void store_lc_bind(sqlite3_stmt *s, const struct lc_local *l);

/* Rewrite the item's content columns and authors from it (no transaction). */
int store_write_content(struct store *st, const struct item *it);

#endif
