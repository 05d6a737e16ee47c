/*
 * audit_diff.h - what an audit entry changed, in one line for a table:
 * the top-level members of the row before and after (JSON objects, as the
 * server records them) compared key by key.
 */
#ifndef SANGKIEN_AUDIT_DIFF_H
#define SANGKIEN_AUDIT_DIFF_H

#include <stddef.h>

/*
 * "trạng thái: Đã gửi → Đang xét duyệt; ..." for the members that differ,
 * named and valued in Vietnamese (audit_labels.h; bookkeeping such as
 * feed_seq left out); "tạo mới: ..." when before is empty (the created
 * row's members), "xóa: ..." when after is empty.  Values are cut to a few
 * dozen characters.  Text that is not a JSON object is shown as is, cut.
 * Caller frees.
 */
char *audit_diff(const char *before_json, const char *after_json);

/* The same, member by member, for a page that lays them out. */
enum audit_shape {
	AUDIT_CHANGED, /* before and after: the members that differ */
	AUDIT_CREATED, /* no row before: the created row's members (before NULL) */
	AUDIT_DELETED, /* no row after: the deleted row's members (after NULL) */
	AUDIT_RAW,     /* not JSON objects: one item, field "", both texts cut */
};

struct audit_change {
	char *field;  /* Vietnamese name (audit_labels.h) */
	char *before; /* as a person reads it; NULL: the member was not there */
	char *after;  /* NULL: the member is gone */
};

struct audit_changes {
	enum audit_shape shape;
	struct audit_change *items; /* in audit_diff's order */
	size_t n;
};

/* Values longer than value_max bytes are cut (at a character, with "…"). */
void audit_changes_read(const char *before_json, const char *after_json, size_t value_max,
			struct audit_changes *out);
void audit_changes_clear(struct audit_changes *c);

#endif
