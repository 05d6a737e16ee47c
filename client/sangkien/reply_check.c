/* reply_check.c - see reply_check.h. */
#include "reply_check.h"

#include <stdio.h>
#include <string.h>

#include "attachment_check.h"
#include "file_type.h"
#include "item.h"

/* NULL only in messages built here (decoded strings are never NULL). */
static bool text_ok(const char *s)
{
	return s == NULL || utf8_is_valid(s, strlen(s), NULL);
}

bool reply_check_initiative(const Sangkien__ServerInitiative *si, const char *unit_code,
			    const char *uuid, int32_t today_days, struct check_error *err)
{
	const Sangkien__Receipt *r;
	uint8_t sha[32];

	if (si == NULL || si->content == NULL)
		return check_fail(err, "content", "missing");
	if (!initiative_check(si->content, today_days + REPLY_CLOCK_SLACK_DAYS, err))
		return false;
	if (unit_code == NULL || strcmp(si->content->unit_code, unit_code) != 0)
		return check_fail(err, "unit_code", "is %s, not this unit's",
				  si->content->unit_code);
	if (uuid != NULL && strcmp(si->content->uuid, uuid) != 0)
		return check_fail(err, "uuid", "is %s, not the item's %s", si->content->uuid, uuid);
	if (item_status_name(si->status) == NULL)
		return check_fail(err, "status", "unknown status %d", (int)si->status);
	if (si->version == 0)
		return check_fail(err, "version", "must be at least 1");
	r = si->receipt;
	if (r == NULL || r->record_id <= 0 || r->version == 0 || r->version > si->version ||
	    r->content_sha256.len != 32)
		return check_fail(err, "receipt", "missing or malformed");
	initiative_content_sha256(si->content, sha);
	if (memcmp(sha, r->content_sha256.data, 32) != 0)
		return check_fail(err, "receipt.content_sha256", "is not the hash of the content");
	for (size_t i = 0; i < si->n_notes; i++) {
		const Sangkien__ReviewNote *n = si->notes[i];

		if (n == NULL || !text_ok(n->author) || !text_ok(n->text))
			return check_fail(err, "notes", "note %zu is not valid UTF-8 text", i);
	}
	if (si->recognition != NULL &&
	    (!text_ok(si->recognition->decision_number) ||
	     !text_ok(si->recognition->decision_date) || !text_ok(si->recognition->recognized_by)))
		return check_fail(err, "recognition", "is not valid UTF-8 text");
	if (si->reward != NULL &&
	    (!text_ok(si->reward->level) || !text_ok(si->reward->decision_number) ||
	     !text_ok(si->reward->decision_date)))
		return check_fail(err, "reward", "is not valid UTF-8 text");
	if (!text_ok(si->phase_code))
		return check_fail(err, "phase_code", "is not valid UTF-8 text");
	for (size_t i = 0; i < si->n_attachments; i++) {
		const Sangkien__Attachment *a = si->attachments[i];
		enum file_type t;

		if (a == NULL || a->sha256.len != 32 || a->size == 0 ||
		    !file_type_parse(a->content_type, &t))
			return check_fail(err, "attachments", "file %zu is malformed", i);
		if (!attachment_file_name_check(a->file_name, err) ||
		    !attachment_label_check(a->label, err))
			return false;
	}
	return true;
}

bool reply_check_upload_status(const Sangkien__UploadStatus *u, const uint8_t sha256[32],
			       uint64_t size, struct check_error *err)
{
	enum file_type t;

	if (u == NULL)
		return check_fail(err, "upload_status", "missing");
	if (u->sha256.len != 32 || memcmp(u->sha256.data, sha256, 32) != 0)
		return check_fail(err, "sha256", "names another file");
	if (u->size != size)
		return check_fail(err, "size", "is %llu, not %llu", (unsigned long long)u->size,
				  (unsigned long long)size);
	if (u->offset > size)
		return check_fail(err, "offset", "%llu beyond the size %llu",
				  (unsigned long long)u->offset, (unsigned long long)size);
	switch (u->outcome) {
	case SANGKIEN__UPLOAD_OUTCOME__UPLOAD_OK:
	case SANGKIEN__UPLOAD_OUTCOME__UPLOAD_WRONG_OFFSET:
	case SANGKIEN__UPLOAD_OUTCOME__UPLOAD_INCOMPLETE:
	case SANGKIEN__UPLOAD_OUTCOME__UPLOAD_HASH_MISMATCH:
	case SANGKIEN__UPLOAD_OUTCOME__UPLOAD_TYPE_REFUSED:
		break;
	default:
		return check_fail(err, "outcome", "unknown outcome %d", (int)u->outcome);
	}
	if (u->committed && (u->outcome != SANGKIEN__UPLOAD_OUTCOME__UPLOAD_OK ||
			     u->offset != size || !file_type_parse(u->content_type, &t)))
		return check_fail(err, "committed", "without the whole file of an accepted type");
	if (!text_ok(u->reason))
		return check_fail(err, "reason", "is not valid UTF-8 text");
	return true;
}

bool reply_check_file_result(const Sangkien__ChangeReply *r, const char *uuid, int64_t record_id,
			     struct check_error *err)
{
	const Sangkien__ItemResult *ir;

	if (r == NULL || r->n_results != 1 || (ir = r->results[0]) == NULL || ir->index != 0)
		return check_fail(err, "results", "not one result for the one item sent");
	if (ir->uuid == NULL || strcmp(ir->uuid, uuid) != 0)
		return check_fail(err, "uuid", "answers another initiative");
	if (!text_ok(ir->field) || !text_ok(ir->reason))
		return check_fail(err, "reason", "is not valid UTF-8 text");
	switch (ir->status) {
	case SANGKIEN__ITEM_STATUS__ITEM_ACCEPTED:
	case SANGKIEN__ITEM_STATUS__ITEM_DUPLICATE:
		if (ir->receipt == NULL || ir->receipt->record_id != record_id ||
		    ir->receipt->version == 0)
			return check_fail(err, "receipt", "missing or of another initiative");
		return true;
	case SANGKIEN__ITEM_STATUS__ITEM_INVALID:
	case SANGKIEN__ITEM_STATUS__ITEM_FORBIDDEN:
	case SANGKIEN__ITEM_STATUS__ITEM_CONFLICT:
	case SANGKIEN__ITEM_STATUS__ITEM_NOT_EDITABLE:
	case SANGKIEN__ITEM_STATUS__ITEM_NOT_FOUND:
	case SANGKIEN__ITEM_STATUS__ITEM_LIMIT_EXCEEDED:
		return true;
	default:
		return check_fail(err, "status", "unknown status %d", (int)ir->status);
	}
}

bool reply_check_pull_page(const Sangkien__PullReply *page, uint64_t cursor, const char *unit_code,
			   int32_t today_days, size_t *index, struct check_error *err)
{
	*index = page->n_initiatives;
	/* A cursor that goes back, or "more" without progress, would loop
	 * for ever. */
	if (page->next_cursor < cursor ||
	    (page->more && page->next_cursor == cursor && page->n_initiatives == 0))
		return check_fail(err, "next_cursor", "%llu after %llu",
				  (unsigned long long)page->next_cursor,
				  (unsigned long long)cursor);
	for (size_t i = 0; i < page->n_initiatives; i++) {
		*index = i;
		if (!reply_check_initiative(page->initiatives[i], unit_code, NULL, today_days, err))
			return false;
	}
	*index = page->n_initiatives;
	return true;
}
