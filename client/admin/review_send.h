/*
 * review_send.h - sending a checked review plan (review_plan.h) to the
 * server: `sangkien-admin review` and the console's decisions both go
 * through here, with the operator's credential, in ReviewBatches of at most
 * max_batch_items (fewer when long notes would pass the frame limit).  The
 * server checks every transition again and answers per action.
 */
#ifndef SANGKIEN_REVIEW_SEND_H
#define SANGKIEN_REVIEW_SEND_H

#include <stdbool.h>
#include <stddef.h>

#include "net.h"
#include "review_plan.h"
#include "sangkien.pb-c.h"

/* Called once per action with the server's result, in plan order; both
 * are borrowed for the call only.  r comes from the network: its strings
 * are unfiltered. */
typedef void (*review_result_fn)(const struct review_item *it, const Sangkien__ItemResult *r,
				 void *ctx);

/*
 * Send every item of p on c, calling fn for each result.  *sent is the
 * number of actions answered (the first *sent of the plan), also on
 * failure.  Returns ADMIN_EXIT_OK when every action was answered (refused
 * ones included), or the enum admin_exit status of the failure, its
 * message printed on stderr, or put in msg when msg is not NULL (the
 * console).  Items must name full uuids (uuid_ref_resolve).
 */
int review_plan_send(struct sk_conn *c, const struct review_plan *p, review_result_fn fn, void *ctx,
		     size_t *sent, char *msg, size_t msglen);

/* Whether the action stands done: applied now, or already before. */
bool review_result_ok(Sangkien__ItemStatus st);

/* The result in a few Vietnamese words ("xong", "ngoài phạm vi của bạn"):
 * the one table of what each result code tells the operator. */
const char *review_result_text(Sangkien__ItemStatus st);

/* The field a refusal names (ItemResult.field: "note",
 * "recognition.decision_date", ...) as the operator reads it ("ghi chú",
 * "ngày quyết định"); NULL for none or one the table lacks. */
const char *review_result_field(const char *field);

/* What the server said besides the code (ItemResult.reason, English,
 * from the network) made fit to show: control and direction characters
 * replaced as for a terminal (term_text.h), cut at a character boundary
 * to outlen.  "" when there is none.  Returns out. */
#define REVIEW_DETAIL_LEN 300
char *review_result_detail(const Sangkien__ItemResult *r, char *out, size_t outlen);

#endif
