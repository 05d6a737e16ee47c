/*
 * The sync loop against an in-process server that keeps what it accepts the
 * way sangkiend does (uuid -> content hash and receipt; duplicates get the
 * original receipt, other content under a known uuid is a conflict, other
 * units are forbidden).  Requests and replies go through the real wire
 * encoder and decoder.  Covers batching, a connection lost after the server
 * stored a batch, refusals that are not resent, the local re-check, and
 * failures that must leave every item pending.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <sqlite3.h>

#include "client.h"
#include "store.h"
#include "sync.h"
#include "frame.h"
#include "wire.h"

#define FAKE_MAX 64

/* What the fake server holds for one initiative. */
struct fake_record {
	char uuid[UUID_TEXT_LEN + 1];
	uint8_t sha[32];
	int64_t record_id;
	uint32_t version;	  /* +1 on every change */
	uint32_t receipt_version; /* version of the current content */
	Sangkien__InitiativeStatus status;
	uint64_t feed;	  /* position in the unit's change feed */
	uint8_t *content; /* packed Initiative */
	size_t content_len;
	char note[128]; /* one reviewer's note, "" for none */
};

struct fake_server {
	const char *unit; /* the credential's unit */
	struct fake_record recs[FAKE_MAX];
	size_t n;
	uint64_t feed; /* last feed number handed out */
	int calls;
	int pulls; /* PullRequests answered */
	size_t max_items_seen;
	uint32_t page; /* pull page size */
	uint32_t quota;
	int drop_after_call;	     /* lose the connection after storing call N */
	enum net_status fail_status; /* != NET_OK: fail every call before storing */
	Sangkien__ErrorCode fail_code;
	int short_reply; /* answer one result too few */
	/* Called while a request is "in flight" (after it was read, before
	 * the reply): the user changing the store at that moment. */
	void (*in_flight)(void *arg);
	void *in_flight_arg;
};

static struct fake_record *find(struct fake_server *s, const char *uuid)
{
	for (size_t i = 0; i < s->n; i++)
		if (strcmp(s->recs[i].uuid, uuid) == 0)
			return &s->recs[i];
	return NULL;
}

static void fake_store_content(struct fake_record *rec, const Sangkien__Initiative *it)
{
	free(rec->content);
	rec->content_len = protobuf_c_message_get_packed_size(&it->base);
	rec->content = malloc(rec->content_len + 1);
	assert_non_null(rec->content);
	protobuf_c_message_pack(&it->base, rec->content);
}

static void fake_server_free(struct fake_server *s)
{
	for (size_t i = 0; i < s->n; i++)
		free(s->recs[i].content);
}

/* A change made on the server side (a reviewer): new version, new feed
 * number, optionally a note. */
static void fake_review(struct fake_server *s, struct fake_record *rec,
			Sangkien__InitiativeStatus status, const char *note)
{
	rec->status = status;
	rec->version++;
	rec->feed = ++s->feed;
	if (note != NULL)
		snprintf(rec->note, sizeof(rec->note), "%s", note);
}

/* Per-reply scratch: everything an answer points into. */
struct scratch {
	Sangkien__ItemResult *results, **ptrs;
	Sangkien__Receipt *rcs;
	Sangkien__ServerInitiative *sis, **si_ptrs;
	Sangkien__Initiative **contents;
	Sangkien__ReviewNote *notes, **note_ptrs;
	struct check_error *ces;
	uint8_t (*shas)[32];
	size_t n;
};

static void scratch_init(struct scratch *x, size_t n)
{
	size_t m = n > 0 ? n : 1;

	x->n = n;
	x->results = calloc(m, sizeof(*x->results));
	x->ptrs = calloc(m, sizeof(*x->ptrs));
	x->rcs = calloc(m, sizeof(*x->rcs));
	x->sis = calloc(m, sizeof(*x->sis));
	x->si_ptrs = calloc(m, sizeof(*x->si_ptrs));
	x->contents = calloc(m, sizeof(*x->contents));
	x->notes = calloc(m, sizeof(*x->notes));
	x->note_ptrs = calloc(m, sizeof(*x->note_ptrs));
	x->ces = calloc(m, sizeof(*x->ces));
	x->shas = calloc(m, sizeof(*x->shas));
	for (size_t i = 0; i < n; i++) {
		Sangkien__ItemResult ir = SANGKIEN__ITEM_RESULT__INIT;
		Sangkien__Receipt rc = SANGKIEN__RECEIPT__INIT;

		x->results[i] = ir;
		x->results[i].index = (uint32_t)i;
		x->rcs[i] = rc;
		x->ptrs[i] = &x->results[i];
	}
}

static void scratch_free(struct scratch *x)
{
	for (size_t i = 0; i < x->n; i++)
		if (x->contents[i] != NULL)
			sangkien__initiative__free_unpacked(x->contents[i], NULL);
	free(x->results);
	free(x->ptrs);
	free(x->rcs);
	free(x->sis);
	free(x->si_ptrs);
	free(x->contents);
	free(x->notes);
	free(x->note_ptrs);
	free(x->ces);
	free(x->shas);
}

static void fill_receipt(const struct fake_record *rec, Sangkien__Receipt *rc, uint8_t *sha)
{
	memcpy(sha, rec->sha, 32);
	rc->record_id = rec->record_id;
	rc->version = rec->receipt_version;
	rc->received_unix_ms = 1650000000000 + rec->record_id;
	rc->content_sha256.data = sha;
	rc->content_sha256.len = 32;
}

/* The server's state of rec in slot i of x. */
static Sangkien__ServerInitiative *fill_server(struct scratch *x, size_t i,
					       const struct fake_record *rec)
{
	Sangkien__ServerInitiative si = SANGKIEN__SERVER_INITIATIVE__INIT;
	Sangkien__ReviewNote rn = SANGKIEN__REVIEW_NOTE__INIT;

	x->contents[i] = sangkien__initiative__unpack(NULL, rec->content_len, rec->content);
	assert_non_null(x->contents[i]);
	fill_receipt(rec, &x->rcs[i], x->shas[i]);
	si.content = x->contents[i];
	si.version = rec->version;
	si.status = rec->status;
	si.receipt = &x->rcs[i];
	if (rec->note[0] != '\0') {
		rn.author = (char *)"Văn phòng LĐLĐ Quận 11";
		rn.text = (char *)rec->note;
		rn.status = rec->status;
		rn.at_unix_ms = 1650000009000;
		x->notes[i] = rn;
		x->note_ptrs[i] = &x->notes[i];
		si.n_notes = 1;
		si.notes = &x->note_ptrs[i];
	}
	x->sis[i] = si;
	return &x->sis[i];
}

/* Decide one new submission the way the server does. */
static void judge(struct fake_server *s, const Sangkien__Initiative *it, struct scratch *x,
		  size_t i)
{
	Sangkien__ItemResult *ir = &x->results[i];
	struct fake_record *rec;
	uint8_t sha[32];

	ir->uuid = it->uuid;
	if (!initiative_check(it, date_today_utc(), &x->ces[i])) {
		ir->status = SANGKIEN__ITEM_STATUS__ITEM_INVALID;
		ir->field = x->ces[i].field;
		ir->reason = x->ces[i].reason;
		return;
	}
	/* A stricter server rule than the client knows. */
	if (strstr(it->title, "bị cấm") != NULL) {
		ir->status = SANGKIEN__ITEM_STATUS__ITEM_INVALID;
		ir->field = (char *)"title";
		ir->reason = (char *)"title refused by the district";
		return;
	}
	if (strcmp(it->unit_code, s->unit) != 0) {
		ir->status = SANGKIEN__ITEM_STATUS__ITEM_FORBIDDEN;
		ir->reason = (char *)"unit is not the credential's";
		return;
	}
	initiative_content_sha256(it, sha);
	rec = find(s, it->uuid);
	if (rec != NULL && memcmp(rec->sha, sha, 32) != 0) {
		ir->status = SANGKIEN__ITEM_STATUS__ITEM_CONFLICT;
		ir->reason = (char *)"uuid already stored with different content";
		return;
	}
	if (rec == NULL) {
		assert_true(s->n < FAKE_MAX);
		rec = &s->recs[s->n++];
		memset(rec, 0, sizeof(*rec));
		memcpy(rec->uuid, it->uuid, sizeof(rec->uuid));
		memcpy(rec->sha, sha, 32);
		rec->record_id = 500 + (int64_t)s->n;
		rec->version = rec->receipt_version = 1;
		rec->status = SANGKIEN__INITIATIVE_STATUS__STATUS_SUBMITTED;
		rec->feed = ++s->feed;
		fake_store_content(rec, it);
		ir->status = SANGKIEN__ITEM_STATUS__ITEM_ACCEPTED;
	} else {
		ir->status = SANGKIEN__ITEM_STATUS__ITEM_DUPLICATE;
	}
	fill_receipt(rec, &x->rcs[i], x->shas[i]);
	ir->receipt = &x->rcs[i];
}

static bool editable(const struct fake_record *rec)
{
	return rec->status == SANGKIEN__INITIATIVE_STATUS__STATUS_SUBMITTED ||
	       rec->status == SANGKIEN__INITIATIVE_STATUS__STATUS_NEEDS_CHANGES;
}

/* An edit or (content NULL) a withdrawal of uuid made from base. */
static void judge_change(struct fake_server *s, const char *uuid,
			 const Sangkien__Initiative *content, uint32_t base, struct scratch *x,
			 size_t i)
{
	Sangkien__ItemResult *ir = &x->results[i];
	struct fake_record *rec = find(s, uuid);
	uint8_t sha[32];

	ir->uuid = (char *)uuid;
	if (rec == NULL) {
		ir->status = SANGKIEN__ITEM_STATUS__ITEM_NOT_FOUND;
		return;
	}
	if (content != NULL && !initiative_check(content, date_today_utc(), &x->ces[i])) {
		ir->status = SANGKIEN__ITEM_STATUS__ITEM_INVALID;
		ir->field = x->ces[i].field;
		ir->reason = x->ces[i].reason;
		return;
	}
	if (content != NULL)
		initiative_content_sha256(content, sha);
	/* Already applied: the same answer again. */
	if ((content != NULL && memcmp(sha, rec->sha, 32) == 0) ||
	    (content == NULL && rec->status == SANGKIEN__INITIATIVE_STATUS__STATUS_WITHDRAWN)) {
		ir->status = SANGKIEN__ITEM_STATUS__ITEM_DUPLICATE;
		fill_receipt(rec, &x->rcs[i], x->shas[i]);
		ir->receipt = &x->rcs[i];
		return;
	}
	if (!editable(rec) || base != rec->version) {
		ir->status = editable(rec) ? SANGKIEN__ITEM_STATUS__ITEM_CONFLICT
					   : SANGKIEN__ITEM_STATUS__ITEM_NOT_EDITABLE;
		ir->current = fill_server(x, i, rec);
		return;
	}
	rec->version++;
	rec->feed = ++s->feed;
	if (content != NULL) {
		memcpy(rec->sha, sha, 32);
		rec->receipt_version = rec->version;
		fake_store_content(rec, content);
	} else {
		rec->status = SANGKIEN__INITIATIVE_STATUS__STATUS_WITHDRAWN;
	}
	ir->status = SANGKIEN__ITEM_STATUS__ITEM_ACCEPTED;
	fill_receipt(rec, &x->rcs[i], x->shas[i]);
	ir->receipt = &x->rcs[i];
}

static enum net_status fake_send(void *arg, Sangkien__Envelope *request, Sangkien__Envelope **reply,
				 Sangkien__ErrorCode *code, char *err, size_t errlen)
{
	struct fake_server *s = arg;
	Sangkien__Envelope *req = NULL, out = SANGKIEN__ENVELOPE__INIT;
	Sangkien__SubmitReply sr = SANGKIEN__SUBMIT_REPLY__INIT;
	Sangkien__ChangeReply cr = SANGKIEN__CHANGE_REPLY__INIT;
	Sangkien__PullReply pr = SANGKIEN__PULL_REPLY__INIT;
	Sangkien__QuotaReply qr = SANGKIEN__QUOTA_REPLY__INIT;
	struct scratch x = {0};
	uint8_t *frame;
	size_t len, n = 0;
	uint32_t plen;

	*reply = NULL;
	s->calls++;
	if (s->fail_status != NET_OK) {
		*code = s->fail_code;
		snprintf(err, errlen, "fake failure");
		if (s->fail_status == NET_REFUSED) {
			Sangkien__Error e = SANGKIEN__ERROR__INIT;

			e.code = s->fail_code;
			out.body_case = SANGKIEN__ENVELOPE__BODY_ERROR;
			out.error = &e;
			frame = wire_encode(&out, FRAME_MAX_PAYLOAD_HARD, &len);
			assert_non_null(frame);
			assert_int_equal(wire_decode(frame + 4, len - 4, reply), WIRE_OK);
			free(frame);
		}
		return s->fail_status;
	}
	/* Over the "wire": the request must encode and decode. */
	frame = wire_encode(request, FRAME_MAX_PAYLOAD_HARD, &len);
	assert_non_null(frame);
	plen = frame_get_length(frame);
	assert_int_equal(plen + 4, len);
	assert_int_equal(wire_decode(frame + 4, plen, &req), WIRE_OK);
	free(frame);
	out.request_id = req->request_id;

	switch (req->body_case) {
	case SANGKIEN__ENVELOPE__BODY_SUBMIT:
		n = req->submit->n_items;
		scratch_init(&x, n);
		for (size_t i = 0; i < n; i++)
			judge(s, req->submit->items[i], &x, i);
		sr.n_results = s->short_reply ? n - 1 : n;
		sr.results = x.ptrs;
		out.body_case = SANGKIEN__ENVELOPE__BODY_SUBMIT_REPLY;
		out.submit_reply = &sr;
		break;
	case SANGKIEN__ENVELOPE__BODY_EDIT:
		n = req->edit->n_items;
		scratch_init(&x, n);
		for (size_t i = 0; i < n; i++)
			judge_change(s, req->edit->items[i]->content->uuid,
				     req->edit->items[i]->content,
				     req->edit->items[i]->base_version, &x, i);
		cr.n_results = s->short_reply ? n - 1 : n;
		cr.results = x.ptrs;
		out.body_case = SANGKIEN__ENVELOPE__BODY_CHANGE_REPLY;
		out.change_reply = &cr;
		break;
	case SANGKIEN__ENVELOPE__BODY_WITHDRAW:
		n = req->withdraw->n_items;
		scratch_init(&x, n);
		for (size_t i = 0; i < n; i++)
			judge_change(s, req->withdraw->items[i]->uuid, NULL,
				     req->withdraw->items[i]->base_version, &x, i);
		cr.n_results = n;
		cr.results = x.ptrs;
		out.body_case = SANGKIEN__ENVELOPE__BODY_CHANGE_REPLY;
		out.change_reply = &cr;
		break;
	case SANGKIEN__ENVELOPE__BODY_PULL: {
		uint32_t page = req->pull->max_items > 0 ? req->pull->max_items : s->page;
		uint64_t cursor = req->pull->cursor;
		size_t k = 0;

		s->pulls++;
		scratch_init(&x, s->n);
		/* Feed order: the next record after the cursor, page by page. */
		for (;;) {
			struct fake_record *next = NULL;

			for (size_t i = 0; i < s->n; i++)
				if (s->recs[i].feed > cursor &&
				    (next == NULL || s->recs[i].feed < next->feed))
					next = &s->recs[i];
			if (next == NULL)
				break;
			if (k == page) {
				pr.more = true;
				break;
			}
			x.si_ptrs[k] = fill_server(&x, k, next);
			cursor = next->feed;
			k++;
		}
		pr.n_initiatives = k;
		pr.initiatives = x.si_ptrs;
		pr.next_cursor = cursor;
		if (!pr.more) {
			qr.unit_code = (char *)s->unit;
			qr.unit_name = (char *)"Phường 1";
			qr.quota = s->quota;
			qr.submitted = (uint32_t)s->n;
			pr.quota = &qr;
		}
		out.body_case = SANGKIEN__ENVELOPE__BODY_PULL_REPLY;
		out.pull_reply = &pr;
		break;
	}
	default:
		fail_msg("unexpected request %d", (int)req->body_case);
	}
	if (n > s->max_items_seen)
		s->max_items_seen = n;
	if (s->in_flight != NULL) {
		s->in_flight(s->in_flight_arg);
		s->in_flight = NULL;
	}
	frame = wire_encode(&out, FRAME_MAX_PAYLOAD_HARD, &len);
	assert_non_null(frame);
	assert_int_equal(wire_decode(frame + 4, len - 4, reply), WIRE_OK);
	free(frame);
	scratch_free(&x);
	wire_envelope_free(req);
	if (s->drop_after_call == s->calls) {
		/* Stored on the server, but the reply never arrives. */
		wire_envelope_free(*reply);
		*reply = NULL;
		snprintf(err, errlen, "connection reset");
		return NET_IO;
	}
	return NET_OK;
}

struct fixture {
	char dir[64];
	char path[96];
	struct store *st;
	struct fake_server server;
	struct sync_params p;
};

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));
	char err[256];

	snprintf(f->dir, sizeof(f->dir), "/tmp/sk-sync-test-XXXXXX");
	assert_non_null(mkdtemp(f->dir));
	snprintf(f->path, sizeof(f->path), "%s/store.db", f->dir);
	assert_int_equal(store_open(f->path, &f->st, err, sizeof(err)), 0);
	f->server.unit = "Q11-001";
	f->server.fail_status = NET_OK;
	f->p.unit_code = "Q11-001";
	f->p.max_items = 3;
	f->p.max_bytes = 1 << 20;
	f->p.today_days = date_today_utc();
	f->p.report = NULL;
	f->p.no_pull = true; /* the sending tests count requests */
	f->server.page = 2;
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	char cmd[128];

	store_close(f->st);
	fake_server_free(&f->server);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", f->dir);
	if (system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", f->dir);
	free(f);
	return 0;
}

/* Store one item (no check: the store keeps what it is given). */
static int64_t put(struct fixture *f, const char *title, const char *unit, const char *applied)
{
	struct item *it = item_create();
	int64_t id;

	assert_true(uuid7_generate(it->uuid));
	assert_int_equal(item_set_text(&it->unit_code, unit), 0);
	assert_int_equal(item_set_text(&it->title, title), 0);
	it->kind = SANGKIEN__INITIATIVE_KIND__KIND_SCIENTIFIC;
	assert_int_equal(item_add_author(it, "Trương Thị Thu Hà", "Giáo viên"), 0);
	assert_int_equal(item_set_text(&it->summary, "Nội dung sáng kiến"), 0);
	assert_int_equal(item_set_text(&it->effect, "Hiệu quả rõ rệt"), 0);
	snprintf(it->applied_on, sizeof(it->applied_on), "%s", applied);
	assert_int_equal(store_item_add(f->st, it, &id), 0);
	item_free(it);
	return id;
}

static int run(struct fixture *f, struct sync_counts *c)
{
	char err[512] = "";

	return sync_run(f->st, &f->p, fake_send, &f->server, c, err, sizeof(err));
}

static enum item_state state_of(struct fixture *f, int64_t id, struct item **keep)
{
	struct item *it;
	enum item_state s;

	assert_int_equal(store_item_get(f->st, id, &it), 0);
	assert_non_null(it);
	s = it->state;
	if (keep != NULL)
		*keep = it;
	else
		item_free(it);
	return s;
}

static void test_all_sent_in_batches(void **state)
{
	struct fixture *f = *state;
	struct sync_counts c;
	int64_t ids[7];
	struct item *it;
	char title[48];

	for (int i = 0; i < 7; i++) {
		snprintf(title, sizeof(title), "Sáng kiến số %d của Phường 1", i + 1);
		ids[i] = put(f, title, i % 2 ? NULL : "Q11-001", "2022-03-01");
	}
	assert_int_equal(run(f, &c), CLIENT_EXIT_OK);
	assert_int_equal(f->server.calls, 3); /* 3 + 3 + 1 */
	assert_int_equal(f->server.max_items_seen, 3);
	assert_int_equal(c.batches, 3);
	assert_int_equal(c.sent, 7);
	assert_int_equal(c.accepted, 7);
	assert_int_equal(c.duplicate, 0);
	assert_int_equal(c.hash_mismatch, 0);
	assert_int_equal(c.remaining, 0);
	assert_int_equal(f->server.n, 7);
	for (int i = 0; i < 7; i++) {
		assert_int_equal(state_of(f, ids[i], &it), ITEM_SYNCED);
		/* Items entered before enrollment now carry the unit. */
		assert_string_equal(it->unit_code, "Q11-001");
		assert_int_equal(it->receipt.record_id, find(&f->server, it->uuid)->record_id);
		assert_memory_equal(it->receipt.content_sha256, find(&f->server, it->uuid)->sha,
				    32);
		item_free(it);
	}
	/* Nothing pending: a second sync sends nothing. */
	assert_int_equal(run(f, &c), CLIENT_EXIT_OK);
	assert_int_equal(f->server.calls, 3);
	assert_int_equal(c.sent, 0);
}

static void test_lost_connection_then_duplicates(void **state)
{
	struct fixture *f = *state;
	struct sync_counts c;
	int64_t ids[7];
	int64_t first_record[7];
	struct item *it;

	for (int i = 0; i < 7; i++)
		ids[i] = put(f, "Cải tiến máy in phiếu", "Q11-001", "2022-03-01");
	f->server.drop_after_call = 2;
	assert_int_equal(run(f, &c), CLIENT_EXIT_OFFLINE);
	assert_int_equal(c.batches, 1);
	assert_int_equal(c.sent, 3);
	assert_int_equal(c.remaining, 4);
	assert_int_equal(f->server.n, 6); /* the server kept the second batch */
	for (int i = 3; i < 7; i++)
		assert_int_equal(state_of(f, ids[i], NULL), ITEM_PENDING);

	f->server.drop_after_call = 0;
	assert_int_equal(run(f, &c), CLIENT_EXIT_OK);
	assert_int_equal(c.sent, 4);
	assert_int_equal(c.duplicate, 3);
	assert_int_equal(c.accepted, 1);
	assert_int_equal(c.remaining, 0);
	assert_int_equal(f->server.n, 7); /* nothing counted twice */
	for (int i = 0; i < 7; i++) {
		assert_int_equal(state_of(f, ids[i], &it), ITEM_SYNCED);
		first_record[i] = find(&f->server, it->uuid)->record_id;
		assert_int_equal(it->receipt.record_id, first_record[i]);
		item_free(it);
	}
}

static void test_refusals_recorded_and_not_resent(void **state)
{
	struct fixture *f = *state;
	struct sync_counts c;
	int64_t good, banned, other_unit, conflicting;
	struct item *it;
	int calls;

	good = put(f, "Sáng kiến tốt", "Q11-001", "2022-03-01");
	banned = put(f, "Tiêu đề bị cấm", "Q11-001", "2022-03-01");
	other_unit = put(f, "Của đơn vị khác", "Q11-002", "2022-03-01");
	conflicting = put(f, "Trùng uuid", "Q11-001", "2022-03-01");
	/* The server already holds this uuid with other content. */
	assert_int_equal(store_item_get(f->st, conflicting, &it), 0);
	memcpy(f->server.recs[0].uuid, it->uuid, sizeof(it->uuid));
	memset(f->server.recs[0].sha, 0xab, 32);
	f->server.recs[0].record_id = 1;
	f->server.n = 1;
	item_free(it);

	assert_int_equal(run(f, &c), CLIENT_EXIT_REFUSED);
	assert_int_equal(c.sent, 4);
	assert_int_equal(c.accepted, 1);
	assert_int_equal(c.invalid, 1);
	assert_int_equal(c.forbidden, 1);
	assert_int_equal(c.conflict, 1);
	assert_int_equal(sync_refused(&c), 3);
	assert_int_equal(state_of(f, good, NULL), ITEM_SYNCED);
	assert_int_equal(state_of(f, banned, &it), ITEM_INVALID);
	assert_string_equal(it->refusal_field, "title");
	assert_string_equal(it->refusal_reason, "title refused by the district");
	item_free(it);
	assert_int_equal(state_of(f, other_unit, NULL), ITEM_FORBIDDEN);
	assert_int_equal(state_of(f, conflicting, NULL), ITEM_CONFLICT);

	calls = f->server.calls;
	assert_int_equal(run(f, &c), CLIENT_EXIT_OK);
	assert_int_equal(f->server.calls, calls); /* nothing pending: no request */
	assert_int_equal(state_of(f, banned, NULL), ITEM_INVALID);
}

static void test_local_recheck_skips_invalid(void **state)
{
	struct fixture *f = *state;
	struct sync_counts c;
	int64_t bad, ok;
	struct item *it;

	bad = put(f, "Ngày sai", "Q11-001", "2019-12-31");
	ok = put(f, "Ngày đúng", "Q11-001", "2022-03-01");
	assert_int_equal(run(f, &c), CLIENT_EXIT_REFUSED);
	assert_int_equal(c.local_invalid, 1);
	assert_int_equal(c.sent, 1);
	assert_int_equal(f->server.n, 1);
	assert_int_equal(state_of(f, bad, &it), ITEM_INVALID);
	assert_string_equal(it->refusal_field, "applied_on");
	assert_non_null(strstr(it->refusal_reason, "--applied-on"));
	assert_null(find(&f->server, it->uuid));
	item_free(it);
	assert_int_equal(state_of(f, ok, NULL), ITEM_SYNCED);
}

static void test_failures_leave_items_pending(void **state)
{
	struct fixture *f = *state;
	struct sync_counts c;
	int64_t n;

	put(f, "Một", "Q11-001", "2022-03-01");
	put(f, "Hai", "Q11-001", "2022-03-01");

	f->server.fail_status = NET_UNREACHABLE;
	assert_int_equal(run(f, &c), CLIENT_EXIT_OFFLINE);
	f->server.fail_status = NET_REFUSED;
	f->server.fail_code = SANGKIEN__ERROR_CODE__ERROR_BAD_CREDENTIAL;
	assert_int_equal(run(f, &c), CLIENT_EXIT_CREDENTIAL);
	f->server.fail_code = SANGKIEN__ERROR_CODE__ERROR_UNAVAILABLE;
	assert_int_equal(run(f, &c), CLIENT_EXIT_OFFLINE);
	f->server.fail_status = NET_OK;
	f->server.short_reply = 1;
	assert_int_equal(run(f, &c), CLIENT_EXIT_ERROR);
	assert_int_equal(c.sent, 0);
	assert_int_equal(store_count_state(f->st, ITEM_PENDING, &n), 0);
	assert_int_equal(n, 2);

	/* The server did store them during the bad reply: they come back as
	 * duplicates. */
	f->server.short_reply = 0;
	assert_int_equal(run(f, &c), CLIENT_EXIT_OK);
	assert_int_equal(c.duplicate, 2);
	assert_int_equal(f->server.n, 2);
}

static void test_byte_limit_splits_batches(void **state)
{
	struct fixture *f = *state;
	struct sync_counts c;
	struct item *it = item_create();
	char *summary = malloc(3001);
	int64_t id;

	memset(summary, 'x', 3000);
	summary[3000] = '\0';
	for (int i = 0; i < 5; i++)
		put(f, "Nhỏ", "Q11-001", "2022-03-01");
	/* One item larger than a whole request may be: refused locally. */
	assert_true(uuid7_generate(it->uuid));
	assert_int_equal(item_set_text(&it->unit_code, "Q11-001"), 0);
	assert_int_equal(item_set_text(&it->title, "Lớn"), 0);
	it->kind = SANGKIEN__INITIATIVE_KIND__KIND_TECHNICAL;
	assert_int_equal(item_add_author(it, "A", ""), 0);
	it->summary = summary;
	assert_int_equal(item_set_text(&it->effect, "e"), 0);
	snprintf(it->applied_on, sizeof(it->applied_on), "2022-03-01");
	assert_int_equal(store_item_add(f->st, it, &id), 0);
	item_free(it);

	f->p.max_items = 100;
	f->p.max_bytes = 400; /* about two small items per request */
	assert_int_equal(run(f, &c), CLIENT_EXIT_REFUSED);
	assert_int_equal(c.sent, 5);
	assert_true(f->server.calls >= 3);
	assert_true(f->server.max_items_seen < 5);
	assert_int_equal(c.local_invalid, 1);
	assert_int_equal(state_of(f, id, NULL), ITEM_INVALID);
	assert_int_equal(c.remaining, 0);
}

/* ---- edits, withdrawals, pull ---- */

static struct item *get(struct fixture *f, int64_t id)
{
	struct item *it;

	assert_int_equal(store_item_get(f->st, id, &it), 0);
	assert_non_null(it);
	return it;
}

/* Change the title locally the way `sangkien edit` does. */
static void edit_title(struct fixture *f, int64_t id, const char *title)
{
	struct item *it = get(f, id);

	assert_int_equal(item_set_text(&it->title, title), 0);
	assert_int_equal(store_item_edit(f->st, it, "title"), 0);
	item_free(it);
}

static int count_events(struct fixture *f, int64_t id, const char *event)
{
	sqlite3_stmt *s;
	int n;

	assert_int_equal(sqlite3_prepare_v2(store_handle(f->st),
					    "SELECT count(*) FROM history WHERE initiative_id = ? "
					    "AND event = ?",
					    -1, &s, NULL),
			 SQLITE_OK);
	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_text(s, 2, event, -1, SQLITE_STATIC);
	assert_int_equal(sqlite3_step(s), SQLITE_ROW);
	n = sqlite3_column_int(s, 0);
	sqlite3_finalize(s);
	return n;
}

/* The title the fake server holds for uuid. */
static void server_title(struct fake_server *s, const char *uuid, char *out, size_t len)
{
	struct fake_record *rec = find(s, uuid);
	Sangkien__Initiative *m;

	assert_non_null(rec);
	m = sangkien__initiative__unpack(NULL, rec->content_len, rec->content);
	assert_non_null(m);
	snprintf(out, len, "%s", m->title);
	sangkien__initiative__free_unpacked(m, NULL);
}

static void test_edit_before_and_after_sending(void **state)
{
	struct fixture *f = *state;
	struct sync_counts c;
	struct item *it;
	char title[128];
	int64_t id = put(f, "Bản nháp", "Q11-001", "2022-03-01");

	f->p.no_pull = false;
	/* Before sending: only the content to send changes. */
	edit_title(f, id, "Số hóa hồ sơ đoàn viên tại Phường 1");
	it = get(f, id);
	assert_int_equal(it->state, ITEM_PENDING);
	assert_int_equal(it->op, ITEM_OP_NONE);
	assert_false(it->has_receipt);
	item_free(it);
	assert_int_equal(run(f, &c), CLIENT_EXIT_OK);
	assert_int_equal(c.accepted, 1);
	it = get(f, id);
	server_title(&f->server, it->uuid, title, sizeof(title));
	assert_string_equal(title, "Số hóa hồ sơ đoàn viên tại Phường 1");
	assert_int_equal(it->state, ITEM_SYNCED);
	assert_int_equal(it->base_version, 1);
	assert_int_equal(it->server_status, SANGKIEN__INITIATIVE_STATUS__STATUS_SUBMITTED);
	item_free(it);

	/* After sending: a new revision on version 1. */
	edit_title(f, id, "Số hóa hồ sơ đoàn viên – bản 2");
	it = get(f, id);
	assert_int_equal(it->state, ITEM_PENDING);
	assert_int_equal(it->op, ITEM_OP_EDIT);
	item_free(it);
	assert_int_equal(run(f, &c), CLIENT_EXIT_OK);
	assert_int_equal(c.edited, 1);
	assert_int_equal(c.accepted, 0);
	it = get(f, id);
	server_title(&f->server, it->uuid, title, sizeof(title));
	assert_string_equal(title, "Số hóa hồ sơ đoàn viên – bản 2");
	assert_int_equal(it->state, ITEM_SYNCED);
	assert_int_equal(it->op, ITEM_OP_NONE);
	assert_int_equal(it->base_version, 2);
	assert_int_equal(it->server_version, 2);
	assert_int_equal(it->receipt.version, 2);
	assert_memory_equal(it->receipt.content_sha256, find(&f->server, it->uuid)->sha, 32);
	item_free(it);
	assert_int_equal(f->server.n, 1); /* still one initiative */
	assert_int_equal(count_events(f, id, "edited"), 2);
	assert_int_equal(count_events(f, id, "edit_accepted"), 1);

	/* Nothing left: a second sync only pulls, and pulls nothing new. */
	f->server.calls = 0;
	assert_int_equal(run(f, &c), CLIENT_EXIT_OK);
	assert_int_equal(c.sent, 0);
	assert_int_equal(c.pulled, 0);
	assert_int_equal(f->server.calls, 1);
}

static void test_edit_under_review_conflict_take_server(void **state)
{
	struct fixture *f = *state;
	struct sync_counts c;
	struct item *it;
	char title[128];
	int64_t id = put(f, "Bàn giao ca bằng sổ điện tử", "Q11-001", "2022-03-01");

	f->p.no_pull = false;
	assert_int_equal(run(f, &c), CLIENT_EXIT_OK);
	it = get(f, id);
	fake_review(&f->server, find(&f->server, it->uuid),
		    SANGKIEN__INITIATIVE_STATUS__STATUS_UNDER_REVIEW, "Đang thẩm định");
	item_free(it);
	/* Edited before this client heard of the review. */
	edit_title(f, id, "Bàn giao ca – sửa sau khi gửi");
	assert_int_equal(run(f, &c), CLIENT_EXIT_REFUSED);
	assert_int_equal(c.conflict, 1);
	it = get(f, id);
	assert_int_equal(it->state, ITEM_CONFLICT);
	assert_string_equal(it->title, "Bàn giao ca – sửa sau khi gửi"); /* mine kept */
	assert_int_equal(it->server_status, SANGKIEN__INITIATIVE_STATUS__STATUS_UNDER_REVIEW);
	server_title(&f->server, it->uuid, title, sizeof(title));
	assert_string_equal(title, "Bàn giao ca bằng sổ điện tử"); /* theirs untouched */
	item_free(it);
	assert_int_equal(count_events(f, id, "note"), 1);

	/* A conflict blocks further local edits until resolved. */
	it = get(f, id);
	assert_int_not_equal(store_item_edit(f->st, it, "title"), 0);
	item_free(it);

	assert_int_equal(store_resolve(f->st, id, false), 0);
	it = get(f, id);
	assert_int_equal(it->state, ITEM_SYNCED);
	assert_int_equal(it->op, ITEM_OP_NONE);
	assert_string_equal(it->title, "Bàn giao ca bằng sổ điện tử");
	assert_int_equal(it->base_version, 2);
	item_free(it);
	assert_int_equal(run(f, &c), CLIENT_EXIT_OK);
	assert_int_equal(c.sent, 0);
	assert_int_equal(count_events(f, id, "resolved_server"), 1);
}

static void test_stale_base_conflict_keep_mine(void **state)
{
	struct fixture *f = *state;
	struct sync_counts c;
	struct item *it;
	char title[128];
	int64_t id = put(f, "Phiếu góp ý điện tử", "Q11-001", "2022-03-01");

	f->p.no_pull = false;
	assert_int_equal(run(f, &c), CLIENT_EXIT_OK);
	it = get(f, id);
	/* Sent back for changes: editable, but a newer version than ours. */
	fake_review(&f->server, find(&f->server, it->uuid),
		    SANGKIEN__INITIATIVE_STATUS__STATUS_NEEDS_CHANGES, "Bổ sung số liệu hiệu quả");
	item_free(it);
	edit_title(f, id, "Phiếu góp ý điện tử (bổ sung số liệu)");
	assert_int_equal(run(f, &c), CLIENT_EXIT_REFUSED);
	assert_int_equal(c.conflict, 1);
	assert_int_equal(store_resolve(f->st, id, true), 0);
	it = get(f, id);
	assert_int_equal(it->state, ITEM_PENDING);
	assert_int_equal(it->op, ITEM_OP_EDIT);
	assert_int_equal(it->base_version, 2);
	item_free(it);
	assert_int_equal(run(f, &c), CLIENT_EXIT_OK);
	assert_int_equal(c.edited, 1);
	it = get(f, id);
	server_title(&f->server, it->uuid, title, sizeof(title));
	assert_string_equal(title, "Phiếu góp ý điện tử (bổ sung số liệu)");
	assert_int_equal(it->state, ITEM_SYNCED);
	assert_int_equal(it->server_version, 3);
	item_free(it);
}

static void test_withdraw_sent_and_unsent(void **state)
{
	struct fixture *f = *state;
	struct sync_counts c;
	struct item *it;
	int64_t sent = put(f, "Đã gửi rồi rút", "Q11-001", "2022-03-01");
	int64_t unsent;

	f->p.no_pull = false;
	assert_int_equal(run(f, &c), CLIENT_EXIT_OK);
	unsent = put(f, "Chưa gửi đã rút", "Q11-001", "2022-03-01");
	it = get(f, sent);
	assert_int_equal(store_item_withdraw(f->st, sent, it->local_rev, "Trùng đề tài"), 0);
	item_free(it);
	assert_int_equal(store_item_withdraw(f->st, unsent, 0, ""), 0);
	assert_int_equal(run(f, &c), CLIENT_EXIT_OK);
	assert_int_equal(c.accepted, 1); /* the unsent one goes first, then is withdrawn */
	assert_int_equal(c.withdrawn, 2);
	for (int k = 0; k < 2; k++) {
		it = get(f, k == 0 ? sent : unsent);
		assert_int_equal(it->state, ITEM_SYNCED);
		assert_int_equal(it->server_status, SANGKIEN__INITIATIVE_STATUS__STATUS_WITHDRAWN);
		assert_int_equal(find(&f->server, it->uuid)->status,
				 SANGKIEN__INITIATIVE_STATUS__STATUS_WITHDRAWN);
		item_free(it);
	}
	assert_int_equal(f->server.n, 2); /* on record, as withdrawn */
	/* Resending the withdrawal is harmless. */
	assert_int_equal(run(f, &c), CLIENT_EXIT_OK);
	assert_int_equal(c.sent, 0);
}

/* Edit, then withdraw, before a sync: the edit goes first and is what the
 * server keeps on record as withdrawn; the content never reverts. */
static void test_edit_then_withdraw_sends_both(void **state)
{
	struct fixture *f = *state;
	struct sync_counts c;
	struct item *it;
	char title[128], uuid[UUID_TEXT_LEN + 1];
	int64_t id = put(f, "Bản đầu", "Q11-001", "2022-03-01");

	f->p.no_pull = false;
	assert_int_equal(run(f, &c), CLIENT_EXIT_OK);
	edit_title(f, id, "Bản đã sửa trước khi rút");
	it = get(f, id);
	assert_int_equal(store_item_withdraw(f->st, id, it->local_rev, "Trùng đề tài"), 0);
	item_free(it);
	it = get(f, id);
	assert_int_equal(it->op, ITEM_OP_EDIT);
	assert_true(it->withdraw_after_edit);
	memcpy(uuid, it->uuid, sizeof(uuid));
	item_free(it);

	assert_int_equal(run(f, &c), CLIENT_EXIT_OK);
	assert_int_equal(c.edited, 1);
	assert_int_equal(c.withdrawn, 1);
	server_title(&f->server, uuid, title, sizeof(title));
	assert_string_equal(title, "Bản đã sửa trước khi rút");
	assert_int_equal(find(&f->server, uuid)->status,
			 SANGKIEN__INITIATIVE_STATUS__STATUS_WITHDRAWN);
	it = get(f, id);
	assert_int_equal(it->state, ITEM_SYNCED);
	assert_int_equal(it->op, ITEM_OP_NONE);
	assert_false(it->withdraw_after_edit);
	assert_int_equal(it->server_status, SANGKIEN__INITIATIVE_STATUS__STATUS_WITHDRAWN);
	assert_string_equal(it->title, "Bản đã sửa trước khi rút");
	item_free(it);
	assert_int_equal(count_events(f, id, "edit_accepted"), 1);
	assert_int_equal(count_events(f, id, "withdrawn"), 1);
}

static void test_pull_pages_status_notes_quota(void **state)
{
	struct fixture *f = *state;
	struct sync_counts c;
	struct store_quota q;
	struct item *it;
	uint64_t cursor;
	int64_t ids[5];
	bool found;

	f->p.no_pull = false;
	f->server.quota = 12;
	for (int i = 0; i < 5; i++)
		ids[i] = put(f, "Sáng kiến của tổ hỗ trợ", "Q11-001", "2022-03-01");
	assert_int_equal(run(f, &c), CLIENT_EXIT_OK);
	assert_int_equal(c.pages, 3); /* 2 + 2 + 1 */
	/* The pull after the submissions brings them back unchanged. */
	assert_int_equal(c.pull_changed, 0);
	assert_true(c.quota);
	assert_int_equal(store_quota_load(f->st, &q, &found), 0);
	assert_true(found);
	assert_int_equal(q.quota, 12);
	assert_int_equal(q.submitted, 5);
	assert_non_null(q.reply);
	store_quota_clear(&q);
	assert_int_equal(store_pull_cursor(f->st, &cursor), 0);
	assert_int_equal(cursor, 5);

	it = get(f, ids[3]);
	fake_review(&f->server, find(&f->server, it->uuid),
		    SANGKIEN__INITIATIVE_STATUS__STATUS_RECOGNIZED, "Công nhận, áp dụng toàn quận");
	item_free(it);
	assert_int_equal(run(f, &c), CLIENT_EXIT_OK);
	assert_int_equal(c.pulled, 1); /* only what changed since the cursor */
	assert_int_equal(c.notes, 1);
	it = get(f, ids[3]);
	assert_int_equal(it->server_status, SANGKIEN__INITIATIVE_STATUS__STATUS_RECOGNIZED);
	assert_int_equal(it->server_version, 2);
	item_free(it);
	assert_int_equal(c.pull_changed, 1);
	assert_int_equal(count_events(f, ids[3], "status"), 1); /* recognized */
	assert_int_equal(count_events(f, ids[3], "note"), 1);
}

static void test_pull_cut_between_pages_resumes(void **state)
{
	struct fixture *f = *state;
	struct sync_counts c;
	uint64_t cursor;

	f->p.no_pull = false;
	for (int i = 0; i < 5; i++)
		put(f, "Sáng kiến", "Q11-001", "2022-03-01");
	/* Calls 1-2 submit (3 + 2), 3-4 pull pages; the reply of the fourth is lost. */
	f->server.drop_after_call = 4;
	assert_int_equal(run(f, &c), CLIENT_EXIT_OFFLINE);
	assert_int_equal(store_pull_cursor(f->st, &cursor), 0);
	assert_int_equal(cursor, 2); /* the first page was kept */
	f->server.drop_after_call = 0;
	f->server.pulls = 0;
	assert_int_equal(run(f, &c), CLIENT_EXIT_OK);
	assert_int_equal(c.pulled, 3); /* from the cursor on, not from the start */
	assert_int_equal(f->server.pulls, 2);
	assert_int_equal(store_pull_cursor(f->st, &cursor), 0);
	assert_int_equal(cursor, 5);
}

/* The user edits the item while its submission is on the wire. */
static void edit_while_in_flight(void *arg)
{
	struct fixture *f = arg;

	edit_title(f, 1, "Sửa trong lúc đang gửi");
}

static void test_edit_during_send_is_not_lost(void **state)
{
	struct fixture *f = *state;
	struct sync_counts c;
	struct item *it;
	char title[128];
	int64_t id = put(f, "Bản gửi đi", "Q11-001", "2022-03-01");

	assert_int_equal(id, 1);
	f->server.in_flight = edit_while_in_flight;
	f->server.in_flight_arg = f;
	/* The submission is acknowledged for what was sent; the newer content
	 * then goes as an edit on that version, in the same run. */
	assert_int_equal(run(f, &c), CLIENT_EXIT_OK);
	assert_int_equal(c.accepted, 1);
	assert_int_equal(c.edited, 1);
	it = get(f, id);
	assert_int_equal(it->state, ITEM_SYNCED);
	assert_string_equal(it->title, "Sửa trong lúc đang gửi");
	assert_int_equal(it->receipt.version, 2);
	server_title(&f->server, it->uuid, title, sizeof(title));
	assert_string_equal(title, "Sửa trong lúc đang gửi");
	item_free(it);
}

static void test_item_unknown_here_is_restored(void **state)
{
	struct fixture *f = *state;
	struct fixture other = *f;
	struct sync_counts c;
	char path[128], err[256];
	int64_t n;

	/* Sent from this store, then pulled into a fresh one (a new device). */
	f->p.no_pull = false;
	put(f, "Sổ tay an toàn lao động", "Q11-001", "2022-03-01");
	assert_int_equal(run(f, &c), CLIENT_EXIT_OK);
	snprintf(path, sizeof(path), "%s/other.db", f->dir);
	assert_int_equal(store_open(path, &other.st, err, sizeof(err)), 0);
	assert_int_equal(sync_run(other.st, &f->p, fake_send, &f->server, &c, err, sizeof(err)),
			 CLIENT_EXIT_OK);
	assert_int_equal(c.pull_restored, 1);
	assert_int_equal(store_count_state(other.st, ITEM_SYNCED, &n), 0);
	assert_int_equal(n, 1);
	store_close(other.st);
}

/* An edit is applied but its answer is lost; the user edits again before
 * the next sync.  The server's newer version is our own: no conflict, the
 * latest revision wins. */
static void test_lost_edit_answer_then_new_edit(void **state)
{
	struct fixture *f = *state;
	struct sync_counts c;
	struct item *it;
	char title[128];
	int64_t id = put(f, "Bản 1", "Q11-001", "2022-03-01");

	f->p.no_pull = false;
	assert_int_equal(run(f, &c), CLIENT_EXIT_OK);
	edit_title(f, id, "Bản 2");
	f->server.drop_after_call = f->server.calls + 1; /* the edit's answer */
	assert_int_equal(run(f, &c), CLIENT_EXIT_OFFLINE);
	it = get(f, id);
	server_title(&f->server, it->uuid, title, sizeof(title));
	assert_string_equal(title, "Bản 2");   /* applied there */
	assert_int_equal(it->base_version, 1); /* not known here */
	item_free(it);
	f->server.drop_after_call = 0;
	edit_title(f, id, "Bản 3");
	assert_int_equal(run(f, &c), CLIENT_EXIT_OK);
	assert_int_equal(c.conflict, 0);
	assert_int_equal(c.rebased, 1);
	assert_int_equal(c.edited, 1);
	it = get(f, id);
	server_title(&f->server, it->uuid, title, sizeof(title));
	assert_string_equal(title, "Bản 3");
	assert_int_equal(it->state, ITEM_SYNCED);
	assert_int_equal(it->server_version, 3);
	item_free(it);

	/* A reviewer's change in between is still a conflict. */
	it = get(f, id);
	fake_review(&f->server, find(&f->server, it->uuid),
		    SANGKIEN__INITIATIVE_STATUS__STATUS_NEEDS_CHANGES, "Sửa lại tên");
	item_free(it);
	edit_title(f, id, "Bản 4");
	assert_int_equal(run(f, &c), CLIENT_EXIT_REFUSED);
	assert_int_equal(c.conflict, 1);
}

/* A new submission is stored but its answer is lost; the user edits it
 * before the next sync.  The resent submission "conflicts" with our own
 * first revision (the server says so without its copy); the pull shows it
 * is ours, and the edit follows in the same run. */
static void test_lost_submit_answer_then_edit(void **state)
{
	struct fixture *f = *state;
	struct sync_counts c;
	struct item *it;
	char title[128];
	int64_t id = put(f, "Lần đầu", "Q11-001", "2022-03-01");

	f->p.no_pull = false;
	f->server.drop_after_call = 1;
	assert_int_equal(run(f, &c), CLIENT_EXIT_OFFLINE);
	f->server.drop_after_call = 0;
	edit_title(f, id, "Đã sửa trước khi biết kết quả");
	assert_int_equal(run(f, &c), CLIENT_EXIT_OK);
	assert_int_equal(c.rebased, 1);
	assert_int_equal(c.edited, 1);
	it = get(f, id);
	assert_int_equal(it->state, ITEM_SYNCED);
	server_title(&f->server, it->uuid, title, sizeof(title));
	assert_string_equal(title, "Đã sửa trước khi biết kết quả");
	assert_int_equal(f->server.n, 1);
	item_free(it);
}

static void test_dry_run_changes_nothing(void **state)
{
	struct fixture *f = *state;
	struct sync_check ck;
	char err[256];
	int64_t n;

	put(f, "Hợp lệ", "Q11-001", "2022-03-01");
	put(f, "Ngày sai", "Q11-001", "2019-01-01");
	assert_int_equal(sync_dry_run(f->st, &f->p, &ck, err, sizeof(err)), 0);
	assert_int_equal(ck.checked, 2);
	assert_int_equal(ck.valid, 1);
	assert_int_equal(ck.invalid, 1);
	assert_int_equal(f->server.calls, 0);
	assert_int_equal(store_count_state(f->st, ITEM_PENDING, &n), 0);
	assert_int_equal(n, 2); /* the invalid one is not marked either */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_all_sent_in_batches, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_lost_connection_then_duplicates, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_refusals_recorded_and_not_resent, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_local_recheck_skips_invalid, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_failures_leave_items_pending, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_byte_limit_splits_batches, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_edit_before_and_after_sending, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_edit_under_review_conflict_take_server, setup,
					    teardown),
	    cmocka_unit_test_setup_teardown(test_stale_base_conflict_keep_mine, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_withdraw_sent_and_unsent, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_edit_then_withdraw_sends_both, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_pull_pages_status_notes_quota, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_pull_cut_between_pages_resumes, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_edit_during_send_is_not_lost, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_item_unknown_here_is_restored, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_lost_edit_answer_then_new_edit, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_lost_submit_answer_then_edit, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_dry_run_changes_nothing, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
