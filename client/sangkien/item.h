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
 * refused states wait for the user (they are never resent automatically). */
enum item_state {
	ITEM_PENDING = 0, /* stored locally, not yet acknowledged by the server */
	ITEM_SYNCED,      /* the server stored it: receipt set */
	ITEM_INVALID,     /* refused (or found invalid locally): field + reason */
	ITEM_FORBIDDEN,   /* belongs to another unit than the credential's */
	ITEM_CONFLICT,    /* the uuid is stored on the server with other content */
};

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
	char *refusal_field;  /* for refused states; NULL otherwise */
	char *refusal_reason;
	bool has_receipt;
	struct item_receipt receipt;
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
 * Check the item with the shared rules (initiative_check).  Before the unit
 * is known a placeholder code stands in for it.  Returns true when valid;
 * otherwise *err says what is wrong.  Out of memory is reported as an error
 * on field "".
 */
bool item_check(const struct item *it, int32_t today_days, struct check_error *err);

#endif
