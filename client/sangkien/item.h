/*
 * item.h - one initiative as the client keeps it: the fields sent to the
 * server plus local bookkeeping (id, state, refusal, receipt).
 */
#ifndef SANGKIEN_ITEM_H
#define SANGKIEN_ITEM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "initiative_check.h"
#include "sangkien.pb-c.h"
#include "uuid7.h"

/* Where an item is in its life.  Only pending items are sent by sync; the
 * refused states wait for the user (they are never resent automatically).
 * A conflict keeps the local content and the server's version side by side
 * until `sangkien resolve` picks one. */
enum item_state {
	ITEM_PENDING = 0, /* stored locally, not yet acknowledged by the server */
	ITEM_SYNCED,	  /* the server stored it: receipt set */
	ITEM_INVALID,	  /* refused (or found invalid locally): field + reason */
	ITEM_FORBIDDEN,	  /* belongs to another unit than the credential's */
	ITEM_CONFLICT,	  /* the uuid is stored on the server with other content */
};

/*
 * The change waiting to be sent for an item the server already holds (an
 * item without a receipt is always sent as a new submission first).
 */
enum item_op {
	ITEM_OP_NONE = 0,
	ITEM_OP_EDIT,	  /* a new revision based on base_version */
	ITEM_OP_WITHDRAW, /* withdraw it, with withdraw_reason */
};

/* NULL, "edit", "withdraw" (NULL for none, as stored). */
const char *item_op_name(enum item_op op);
bool item_op_parse(const char *name, enum item_op *op);

/* "submitted", "under_review", ... as the server names them; NULL when unknown. */
const char *item_status_name(Sangkien__InitiativeStatus status);
bool item_status_parse(const char *name, Sangkien__InitiativeStatus *status);

/* The unit may still change an initiative in this server state. */
bool item_status_editable(Sangkien__InitiativeStatus status);

/* "pending", "synced", "invalid", "forbidden", "conflict". */
const char *item_state_name(enum item_state state);
bool item_state_parse(const char *name, enum item_state *state);

struct item_author {
	char *name;
	char *position; /* "" when not given */
};

/* What the server stored, as proof. */
struct item_receipt {
	int64_t record_id;
	uint32_t version;
	int64_t received_unix_ms;
	uint8_t content_sha256[32];
};

/* Every string is owned by the item and freed by item_free(). */
struct item {
	int64_t id; /* local id, 0 before it is stored */
	char uuid[UUID_TEXT_LEN + 1];
	char *unit_code; /* NULL until enrolled; set at sync from the credential */
	char *title;
	Sangkien__InitiativeKind kind;
	struct item_author *authors;
	size_t n_authors;
	char *summary;
	char *effect;
	char applied_on[11]; /* YYYY-MM-DD */
	Sangkien__Theme theme;
	int64_t created_unix_ms;
	enum item_state state;
	char *refusal_field; /* for refused states; NULL otherwise */
	char *refusal_reason;
	bool has_receipt;
	struct item_receipt receipt;
	/* Edits, withdrawals and the server's side (schema version 2). */
	enum item_op op;       /* waiting to be sent (with state pending) or refused */
	int64_t local_rev;     /* +1 on every local change; guards in-flight results */
	uint32_t base_version; /* server version the local content is based on (0: none) */
	char *withdraw_reason; /* for ITEM_OP_WITHDRAW */
	Sangkien__InitiativeStatus server_status; /* last known; UNSPECIFIED before */
	uint32_t server_version;		  /* last known; 0 before the server answered */
	bool withdraw_after_edit; /* ITEM_OP_EDIT, then a withdrawal (withdraw_reason) */
};

/* A new empty item (state pending), or NULL when out of memory. */
struct item *item_create(void);
void item_free(struct item *it);

/* Replace *dst with a copy of src (NULL allowed).  Returns 0 or -1 (no memory). */
int item_set_text(char **dst, const char *src);

/* Append an author (position NULL means none).  Returns 0 or -1. */
int item_add_author(struct item *it, const char *name, const char *position);

/*
 * The item as a protobuf message.  The message borrows the item's strings
 * and must not outlive it; item_pb_release() frees what item_pb_init()
 * allocated.  unit_code_fallback is used when the item has no unit yet
 * (local checks before enrollment).
 */
struct item_pb {
	Sangkien__Initiative msg;
	Sangkien__Author *authors;
	Sangkien__Author **author_ptrs;
};

int item_pb_init(struct item_pb *pb, const struct item *it, const char *unit_code_fallback);
void item_pb_release(struct item_pb *pb);

/*
 * Replace the item's content (unit, title, kind, authors, summary, effect,
 * applied_on, theme) with the message's; the uuid and bookkeeping stay.
 * Returns 0, or -1 when out of memory (the item is then unchanged).
 */
int item_set_content(struct item *it, const Sangkien__Initiative *m);

/* The canonical content hash (PROTOCOL.md section 8) of the item as it
 * would be sent.  Returns 0, or -1 when out of memory. */
int item_content_sha256(const struct item *it, uint8_t out[32]);

/*
 * Check the item with the shared rules (initiative_check).  Before the unit
 * is known a placeholder code stands in for it.  Returns true when valid;
 * otherwise *err says what is wrong.  Out of memory is reported as an error
 * on field "".
 */
bool item_check(const struct item *it, int32_t today_days, struct check_error *err);

#endif
