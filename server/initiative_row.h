/*
 * initiative_row.h - one row of the sk_server_initiatives view (sql/003)
 * turned into a ServerInitiative message: content, version, status,
 * receipt, notes (oldest first), recognition, reward, phase, attachments.
 *
 * Used wherever the server sends an initiative's state: pull-sync, the
 * `current` of a conflict, operators' lists.  Columns are read by name (the
 * view's, initiative_row_col_names), found once per result, e.g. for
 *
 *     SELECT v.* FROM sk_server_initiatives v WHERE ...
 *     SELECT e.outcome, e.reason, (e.cur).* FROM sk_edit_initiative(...) e
 *
 * so other columns may stand before, between or after them, named apart.
 */
#ifndef SK_INITIATIVE_ROW_H
#define SK_INITIATIVE_ROW_H

#include <libpq-fe.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sangkien.pb-c.h"

/* Columns of sk_server_initiatives (their names: initiative_row_col_names). */
enum initiative_row_col {
	IROW_RECORD_ID,
	IROW_UUID,
	IROW_UNIT_CODE,
	IROW_TITLE,
	IROW_KIND,
	IROW_AUTHORS_PACKED, /* "<len>:<name><len>:<position>" per author */
	IROW_SUMMARY,
	IROW_EFFECT,
	IROW_APPLIED_ON,
	IROW_THEME,
	IROW_VERSION,
	IROW_STATUS,
	IROW_RECEIPT_UNIX_MS, /* when the current content was stored */
	IROW_SHA256_HEX,
	IROW_NOTES_PACKED, /* at_ms, status, author, text per note */
	IROW_RECOGNITION_DECISION,
	IROW_RECOGNITION_DATE,
	IROW_RECOGNIZED_BY,
	IROW_REWARD_KIND,
	IROW_REWARD_LEVEL,
	IROW_REWARD_DECISION,
	IROW_REWARD_DATE,
	IROW_REWARD_AMOUNT_VND,
	IROW_UPDATED_UNIX_MS,
	IROW_PHASE_CODE,
	IROW_FEED_SEQ,
	IROW_UNIT_ID,
	IROW_ATTACHMENTS_PACKED, /* sha256 hex, size, type, name, label, at_ms per file */
	IROW_NCOLS
};

/* An initiative's dossier as sk_server_initiatives packs it (sql/repeatable),
 * unpacked into messages. */
struct attachment_list {
	Sangkien__Attachment *items;
	Sangkien__Attachment **ptrs; /* what a message's attachments points to */
	uint8_t *sha;		     /* 32 bytes per item */
	char *text;		     /* the names and labels */
	size_t n;
};

/* Unpack packed into l (zeroed first); false when out of memory or
 * malformed.  Release with attachment_list_release, also after false. */
bool attachment_list_unpack(struct attachment_list *l, const char *packed);
void attachment_list_release(struct attachment_list *l);

struct initiative_row {
	Sangkien__ServerInitiative msg; /* ready to send; points into the row */
	int64_t feed_seq;
	int64_t unit_id;
	/* Storage msg points into (owned). */
	Sangkien__Initiative content;
	Sangkien__Receipt receipt;
	Sangkien__Recognition recognition;
	Sangkien__Reward reward;
	uint8_t sha256[32];
	Sangkien__Author *authors;
	Sangkien__Author **author_ptrs;
	Sangkien__ReviewNote *notes;
	Sangkien__ReviewNote **note_ptrs;
	char *text; /* unpacked author and note strings */
	struct attachment_list attachments;
};

extern const char *const initiative_row_col_names[IROW_NCOLS];

/* Where the view's columns are in one result. */
struct initiative_cols {
	int num[IROW_NCOLS];
};

/* Find them by name; false (err says which is missing) when one is not
 * there.  Once per result. */
bool initiative_cols_find(struct initiative_cols *cols, const PGresult *r, char *err,
			  size_t errlen);

/*
 * Read row `row` of r at the columns cols (initiative_cols_find on r).
 * Plain strings point into r, which must outlive the result.  Returns NULL
 * when out of memory or when the row is malformed (NULL record_id, bad
 * packed list, unknown status...); err (may be NULL) then says what, in
 * English.  Free with initiative_row_free().
 */
struct initiative_row *initiative_row_create(const PGresult *r, int row,
					     const struct initiative_cols *cols, char *err,
					     size_t errlen);

/* Both for a result of one row, the usual item statement's. */
struct initiative_row *initiative_row_read_one(const PGresult *r, char *err, size_t errlen);
/* The same for row `row` of a result of many. */
struct initiative_row *initiative_row_read_at(const PGresult *r, int row, char *err, size_t errlen);
void initiative_row_free(struct initiative_row *ir);

/*
 * Make ir's message fit in `budget` bytes (its packed size) by leaving out
 * its oldest notes, counted in msg.notes_omitted: the newest notes matter
 * most and a copy that does not fit in a frame could never be sent.
 * Returns the packed size reached, which is still above budget only when
 * the initiative does not fit even without notes.
 */
size_t initiative_row_fit(struct initiative_row *ir, size_t budget);

/*
 * Room for the optional `current` copies in a reply of item results
 * (SubmitReply, ChangeReply).  Each result's own fields are reserved first;
 * the copies share what is left of the frame, first come first served.  A
 * copy that does not fit is left out and the client's next pull brings it,
 * so a reply never grows past the frame limit because of them.
 */
struct current_budget {
	size_t left;
};

void current_budget_init(struct current_budget *b, uint32_t frame_limit, size_t n_items);

/* Set res->current to row's message when it fits; row stays the caller's. */
void current_budget_attach(struct current_budget *b, Sangkien__ItemResult *res,
			   struct initiative_row *row);

/* Status as stored ("submitted", "needs_changes", ...) to the enum;
 * STATUS_UNSPECIFIED for an unknown text. */
Sangkien__InitiativeStatus initiative_status_parse(const char *text);
/* The stored text of a status, NULL for an unknown value. */
const char *initiative_status_text(Sangkien__InitiativeStatus status);

/*
 * Next value of a packed list ("<decimal byte length>:<bytes>" back to
 * back) starting at *cur, not beyond end.  Returns 1 with *val and *len set and
 * *cur advanced, 0 at the end of the list, -1 when malformed.
 */
int initiative_row_unpack(const char **cur, const char *end, const char **val, size_t *len);

#endif
