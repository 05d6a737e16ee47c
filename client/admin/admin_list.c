/*
 * admin_list.c - paging through ListInitiatives (see admin_list.h).
 */
#include "admin_list.h"

#include <stdio.h>

#include "admin_session.h"
#include "term_text.h"
#include "wire.h"

static int list_pages(struct sk_conn *c, const char *scope, const char *campaign,
		      const Sangkien__InitiativeStatus *statuses, size_t n_statuses, bool may_lag,
		      const char *prefix, admin_list_fn fn, void *ctx, char *msg, size_t msglen)
{
	Sangkien__ListInitiativesRequest lr = SANGKIEN__LIST_INITIATIVES_REQUEST__INIT;
	Sangkien__Envelope req = SANGKIEN__ENVELOPE__INIT;
	uint64_t after = 0;

	lr.scope_code = (char *)scope;
	lr.campaign_code = (char *)campaign;
	lr.statuses = (Sangkien__InitiativeStatus *)statuses;
	lr.n_statuses = n_statuses;
	lr.may_lag = may_lag;
	lr.uuid_prefix = (char *)prefix;
	req.body_case = SANGKIEN__ENVELOPE__BODY_LIST_INITIATIVES;
	req.list_initiatives = &lr;
	for (;;) {
		Sangkien__Envelope *reply = NULL;
		const Sangkien__ListInitiativesReply *r;
		uint64_t last = after;
		size_t i;
		int rc;

		lr.after_record_id = after;
		rc =
		    admin_session_call_msg(c, &req, SANGKIEN__ENVELOPE__BODY_LIST_INITIATIVES_REPLY,
					   "liệt kê sáng kiến", &reply, msg, msglen);
		if (rc != ADMIN_EXIT_OK)
			return rc;
		r = reply->list_initiatives_reply;
		for (i = 0; i < r->n_items; i++) {
			const Sangkien__ServerInitiative *si = r->items[i]->initiative;
			uint64_t id = si && si->receipt && si->receipt->record_id > 0
					  ? (uint64_t)si->receipt->record_id
					  : 0;

			fn(r->items[i], ctx);
			if (id > last)
				last = id;
		}
		/* A server that says "more" without moving forward would loop
		 * forever: stop with an error instead. */
		if (r->more && last == after) {
			snprintf(msg, msglen,
				 "liệt kê sáng kiến: máy chủ báo còn nữa nhưng không trả "
				 "thêm sáng kiến nào");
			wire_envelope_free(reply);
			return ADMIN_EXIT_ERROR;
		}
		after = last;
		if (!r->more) {
			wire_envelope_free(reply);
			return ADMIN_EXIT_OK;
		}
		wire_envelope_free(reply);
	}
}

int admin_list_initiatives_msg(struct sk_conn *c, const char *scope, const char *campaign,
			       const Sangkien__InitiativeStatus *statuses, size_t n_statuses,
			       admin_list_fn fn, void *ctx, char *msg, size_t msglen)
{
	return list_pages(c, scope, campaign, statuses, n_statuses, false, "", fn, ctx, msg,
			  msglen);
}

static int printed(int rc, const char *msg)
{
	if (rc != ADMIN_EXIT_OK)
		term_printf(stderr, "sangkien-admin: %s\n", msg);
	return rc;
}

int admin_list_initiatives(struct sk_conn *c, const char *scope, const char *campaign,
			   const Sangkien__InitiativeStatus *statuses, size_t n_statuses,
			   admin_list_fn fn, void *ctx)
{
	char msg[1024];
	return printed(list_pages(c, scope, campaign, statuses, n_statuses, false, "", fn, ctx, msg,
				  sizeof(msg)),
		       msg);
}

int admin_export_initiatives(struct sk_conn *c, const char *scope, const char *campaign,
			     admin_list_fn fn, void *ctx)
{
	char msg[1024];
	return printed(list_pages(c, scope, campaign, NULL, 0, true, "", fn, ctx, msg, sizeof(msg)),
		       msg);
}

int admin_list_by_uuid(struct sk_conn *c, const char *scope, const char *prefix, admin_list_fn fn,
		       void *ctx, char *msg, size_t msglen)
{
	return list_pages(c, scope, "", NULL, 0, false, prefix, fn, ctx, msg, msglen);
}
