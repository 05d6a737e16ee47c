/*
 * store_attach.h - the files of each initiative's dossier as the store keeps
 * them (schema version 5): one row per file attached to an initiative, the
 * file's bytes in the store's folder (STORE.files/<sha256 in hex>, one copy
 * however many initiatives have it), and where each stands with the server.
 *
 * A row's life: pending (to upload and attach at the next sync) ->
 * attached (the server holds it on the initiative); `detach` makes an
 * attached one detach (sent at the next sync, then the row goes) and
 * removes a pending one at once; refused rows wait for the user (detach
 * removes them).  A file whose last row goes is removed from the folder.
 */
#ifndef SANGKIEN_STORE_ATTACH_H
#define SANGKIEN_STORE_ATTACH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "file_type.h"
#include "store.h"

enum attach_state {
	ATTACH_PENDING = 0, /* to upload and attach */
	ATTACH_ATTACHED,    /* on the initiative on the server */
	ATTACH_DETACH,	    /* to detach at the next sync */
	ATTACH_REFUSED,	    /* the server refused it: reason kept */
};

/* "pending", "attached", "detach", "refused" as stored. */
const char *attach_state_name(enum attach_state s);

struct store_attachment {
	int64_t id;
	int64_t item_id;
	uint8_t sha256[32];
	uint64_t size;
	enum file_type type;
	char *file_name; /* the name it had when attached (UTF-8, no folder) */
	char *label;	 /* "" when none */
	int64_t added_unix_ms;
	enum attach_state state;
	uint64_t uploaded; /* bytes the server was last seen to hold */
	char *refusal;	   /* for ATTACH_REFUSED; NULL otherwise */
};

void store_attachment_clear(struct store_attachment *a);

/* The folder holding the files' bytes ("STORE.files"), and the path of one
 * file in it (a new string the caller frees). */
const char *store_files_dir(const struct store *st);
char *store_file_path(const struct store *st, const uint8_t sha256[32]);

/* The dossier limits in force: the server's last hello, else the defaults. */
#define ATTACH_DEFAULT_MAX_FILE (20ull * 1024 * 1024)
#define ATTACH_DEFAULT_MAX_DOSSIER (100ull * 1024 * 1024)
#define STORE_KEY_MAX_FILE "max_file_bytes"
#define STORE_KEY_MAX_DOSSIER "max_dossier_bytes"
struct attach_limits {
	uint64_t max_file, max_dossier;
};
int store_attach_limits(struct store *st, struct attach_limits *out);
int store_attach_limits_save(struct store *st, const struct attach_limits *l);

/* One file to add: its copy in the store's folder (a temporary name that
 * store_attachments_add renames to the file's own), what it is, and how it
 * is to be shown. */
struct store_new_file {
	const char *tmp_path;
	uint8_t sha256[32];
	uint64_t size;
	enum file_type type;
	const char *file_name;
	const char *label;
};

enum store_attach_refusal {
	STORE_ATTACH_OK = 0,
	STORE_ATTACH_TOO_LARGE,	   /* a file over max_file */
	STORE_ATTACH_DOSSIER_FULL, /* the initiative's files over max_dossier */
	STORE_ATTACH_ALREADY,	   /* this file is on the initiative already */
};

/*
 * Attach the n files to item_id in one transaction: each copy is renamed to
 * its own name in the folder and the folder synced before the commit, so
 * when this returns 0 with *refusal OK every file is on disk and recorded
 * (or, on any failure, none is recorded).  The limits are checked inside
 * the transaction: *refusal says which was met and *which (the index of
 * the file) for what; nothing is added then.  ids (n, may be NULL) get the
 * new rows' ids.  Temporary copies are left for the caller to remove.
 */
int store_attachments_add(struct store *st, int64_t item_id, const struct store_new_file *files,
			  size_t n, const struct attach_limits *limits,
			  enum store_attach_refusal *refusal, size_t *which, int64_t *ids);

/* Load one row (*found false when there is none). */
int store_attachment_get(struct store *st, int64_t id, struct store_attachment *out, bool *found);

/* Call fn for each row of the item in id order; fn returns 0 to go on.
 * The row is cleared after fn returns. */
int store_attachment_foreach(struct store *st, int64_t item_id,
			     int (*fn)(const struct store_attachment *a, void *arg), void *arg);

/* Detach: a pending or refused row is removed (with its file when no other
 * row has it); an attached one becomes ATTACH_DETACH.  *removed says
 * which happened. */
int store_attachment_detach(struct store *st, int64_t id, bool *removed);

/*
 * The first row after after_id in state (rows of items the server holds
 * only, i.e. with a receipt), for sync.  *found false when there are no
 * more.
 */
int store_attachment_next(struct store *st, enum attach_state state, int64_t after_id,
			  struct store_attachment *out, bool *found);

/* Rows in state (of items the server holds) and their bytes. */
int store_attachment_count(struct store *st, enum attach_state state, int64_t *files,
			   uint64_t *bytes);

/* What the server held of a row's file, for show and the page. */
int store_attachment_set_uploaded(struct store *st, int64_t id, uint64_t uploaded);

/*
 * The server's answer to attaching or detaching a row, one transaction:
 * accepted (or a duplicate) makes a pending row attached, removes a detach
 * row (and its file when no other row has it), and takes the receipt's
 * version as the item's server version (and base of its next change when
 * none waits); refused (reason not NULL) marks the row refused, or, for a
 * detach, attached again with the reason kept.  A row no longer in the
 * state it was sent from is left alone.
 */
int store_attachment_result(struct store *st, int64_t id, enum attach_state sent_from,
			    uint32_t server_version, const char *refused_reason);

#endif
