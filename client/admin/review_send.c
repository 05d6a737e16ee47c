/* review_send.c - see review_send.h. */
#include "review_send.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "admin_session.h"
#include "term_text.h"
#include "wire.h"
#include "xalloc.h"

const char *review_result_text(Sangkien__ItemStatus st)
{
	switch (st) {
	case SANGKIEN__ITEM_STATUS__ITEM_ACCEPTED:
		return "xong";
	case SANGKIEN__ITEM_STATUS__ITEM_DUPLICATE:
		return "đã làm từ trước, không đổi";
	case SANGKIEN__ITEM_STATUS__ITEM_INVALID:
		return "dữ liệu không hợp lệ";
	case SANGKIEN__ITEM_STATUS__ITEM_FORBIDDEN:
		return "ngoài phạm vi của bạn";
	case SANGKIEN__ITEM_STATUS__ITEM_CONFLICT:
		return "sáng kiến vừa được thay đổi";
	case SANGKIEN__ITEM_STATUS__ITEM_NOT_EDITABLE:
		return "trạng thái hiện tại không cho phép thao tác này";
	case SANGKIEN__ITEM_STATUS__ITEM_NOT_FOUND:
		return "không có sáng kiến này";
	case SANGKIEN__ITEM_STATUS__ITEM_LIMIT_EXCEEDED:
		return "vượt quá giới hạn của máy chủ";
	default:
		return "kết quả không rõ";
	}
}

const char *review_result_field(const char *field)
{
	static const struct {
		const char *field, *label;
	} fields[] = {
	    {"uuid", "mã sáng kiến"},
	    {"base_version", "phiên bản"},
	    {"op", "thao tác"},
	    {"note", "ghi chú"},
	    {"recognition", "quyết định công nhận"},
	    {"recognition.decision_number", "số quyết định"},
	    {"recognition.decision_date", "ngày quyết định"},
	    {"recognition.recognized_by", "người ký"},
	    {"reward", "khen thưởng"},
	    {"reward.kind", "hình thức khen"},
	    {"reward.level", "cấp khen"},
	    {"reward.decision_number", "số quyết định khen"},
	    {"reward.decision_date", "ngày quyết định khen"},
	    {"reward.amount_vnd", "số tiền"},
	};

	for (size_t i = 0; field != NULL && i < sizeof(fields) / sizeof(fields[0]); i++)
		if (strcmp(field, fields[i].field) == 0)
			return fields[i].label;
	return NULL;
}

char *review_result_detail(const Sangkien__ItemResult *r, char *out, size_t outlen)
{
	return term_sanitize(r->reason ? r->reason : "", out, outlen);
}

bool review_result_ok(Sangkien__ItemStatus st)
{
	return st == SANGKIEN__ITEM_STATUS__ITEM_ACCEPTED ||
	       st == SANGKIEN__ITEM_STATUS__ITEM_DUPLICATE;
}

/* Items [from, from + n) as one envelope; storage in the arrays given. */
static void fill_batch(const struct review_plan *p, size_t from, size_t n,
		       Sangkien__ReviewAction *acts, Sangkien__ReviewAction **ptrs,
		       Sangkien__Recognition *recs, Sangkien__Reward *rws, Sangkien__ReviewBatch *b,
		       Sangkien__Envelope *req)
{
	size_t i;

	for (i = 0; i < n; i++) {
		review_item_to_action(&p->items[from + i], &acts[i], &recs[i], &rws[i]);
		ptrs[i] = &acts[i];
	}
	sangkien__review_batch__init(b);
	b->items = ptrs;
	b->n_items = n;
	sangkien__envelope__init(req);
	req->body_case = SANGKIEN__ENVELOPE__BODY_REVIEW;
	req->review = b;
}

int review_plan_send(struct sk_conn *c, const struct review_plan *p, review_result_fn fn, void *ctx,
		     size_t *sent, char *msg, size_t msglen)
{
	size_t cap = p->n ? p->n : 1, done = 0, max;
	Sangkien__ReviewAction *acts = xcalloc(cap, sizeof(*acts));
	Sangkien__ReviewAction **ptrs = xcalloc(cap, sizeof(*ptrs));
	Sangkien__Recognition *recs = xcalloc(cap, sizeof(*recs));
	Sangkien__Reward *rws = xcalloc(cap, sizeof(*rws));
	int rc = ADMIN_EXIT_OK;

	max = net_max_batch(c) ? net_max_batch(c) : 100;
	while (done < p->n) {
		Sangkien__ReviewBatch b;
		Sangkien__Envelope req, *reply = NULL;
		size_t n = p->n - done < max ? p->n - done : max, i;
		const Sangkien__ChangeReply *cr;

		/* Fewer items when long notes would make the frame too large. */
		for (;;) {
			fill_batch(p, done, n, acts, ptrs, recs, rws, &b, &req);
			if (n == 1 ||
			    sangkien__envelope__get_packed_size(&req) + 64 <= net_max_frame(c))
				break;
			n /= 2;
		}
		rc = msg ? admin_session_call_msg(c, &req, SANGKIEN__ENVELOPE__BODY_CHANGE_REPLY,
						  "xem xét sáng kiến", &reply, msg, msglen)
			 : admin_session_call(c, &req, SANGKIEN__ENVELOPE__BODY_CHANGE_REPLY,
					      "xem xét sáng kiến", &reply);
		if (rc != ADMIN_EXIT_OK)
			break;
		cr = reply->change_reply;
		if (cr->n_results != n) {
			char m[128];

			snprintf(m, sizeof(m), "máy chủ trả %zu kết quả cho %zu thao tác",
				 cr->n_results, n);
			if (msg)
				snprintf(msg, msglen, "%s", m);
			else
				fprintf(stderr, "sangkien-admin review: %s\n", m);
			wire_envelope_free(reply);
			rc = ADMIN_EXIT_ERROR;
			break;
		}
		for (i = 0; i < n; i++)
			fn(&p->items[done + i], cr->results[i], ctx);
		wire_envelope_free(reply);
		done += n;
	}
	*sent = done;
	free(acts);
	free(ptrs);
	free(recs);
	free(rws);
	return rc;
}
