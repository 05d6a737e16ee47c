/*
 * reply_check.h - the rules a server's reply must meet before the unit's
 * client stores or shows anything of it.  The server is as hostile as any
 * network peer: a copy of an initiative it sends (pulled, or with a conflict)
 * is checked with the same initiative rules the server applies to requests,
 * and must be of this unit and, where it answers one item, of that item.
 */
#ifndef SANGKIEN_REPLY_CHECK_H
#define SANGKIEN_REPLY_CHECK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "initiative_check.h"
#include "sangkien.pb-c.h"

/* Days a server's date may run ahead of this machine's (clocks differ). */
#define REPLY_CLOCK_SLACK_DAYS 1

/*
 * Check one ServerInitiative: content present and valid by
 * initiative_check (today_days plus the slack), of unit_code, of uuid when
 * uuid is not NULL, a known status, a version >= 1, a receipt with a record
 * id, a version no later than the initiative's and the SHA-256 of the
 * content it carries, and valid UTF-8 in every note, recognition and
 * reward.  Returns true when it may be stored; otherwise *err names the
 * field and the reason (English, as initiative_check's).
 */
bool reply_check_initiative(const Sangkien__ServerInitiative *si, const char *unit_code,
			    const char *uuid, int32_t today_days, struct check_error *err);

/*
 * Check every initiative of a pull page (and its cursor against the one
 * asked for).  Returns true when the page may be applied; otherwise *index
 * is the first bad initiative (page->n_initiatives for the cursor) and *err
 * says why.
 */
bool reply_check_pull_page(const Sangkien__PullReply *page, uint64_t cursor, const char *unit_code,
			   int32_t today_days, size_t *index, struct check_error *err);

/*
 * An UploadStatus answering a request about the file sha256 of size bytes:
 * the same file and size, offset at most size, a known outcome, and when
 * committed the whole file held and an accepted content type.
 */
bool reply_check_upload_status(const Sangkien__UploadStatus *u, const uint8_t sha256[32],
			       uint64_t size, struct check_error *err);

/*
 * A ChangeReply answering one Attach or Detach of the initiative uuid
 * (record id record_id): one result for item 0 of that uuid, a known
 * status, and for ITEM_ACCEPTED / ITEM_DUPLICATE a receipt of that record.
 */
bool reply_check_file_result(const Sangkien__ChangeReply *r, const char *uuid, int64_t record_id,
			     struct check_error *err);

#endif
